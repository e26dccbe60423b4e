import { requireIdentity } from '@fed/service-kit';
import type { Resolvers } from '../generated/graphql.ts';

async function countryOrFail(
  code: string,
  load: (code: string) => Promise<{ code: string; name: string; zone: string; active: boolean } | null>,
) {
  const country = await load(code);
  if (!country) throw new Error(`Country ${code} is referenced by a manifest but missing`);
  return country;
}

export const manifestResolvers: Resolvers = {
  Query: {
    manifests: (_parent, args, context) => context.manifests.list(requireIdentity(context).tenantId, args),
    manifest: (_parent, args, context) => context.manifests.byId(args.id, requireIdentity(context).tenantId),
    countries: (_parent, _args, context) => {
      requireIdentity(context);
      return context.manifests.countries();
    },
  },
  Manifest: {
    __resolveReference: (reference, context) => context.manifests.byId(reference.id, context.identity?.tenantId ?? null),
    originCountry: (manifest, _args, context) => countryOrFail(manifest.originCountry, (code) => context.manifests.country(code)),
    destinationCountry: (manifest, _args, context) => countryOrFail(manifest.destinationCountry, (code) => context.manifests.country(code)),
    createdBy: (manifest) => ({ id: manifest.createdById }),
    items: (manifest, _args, context) => context.manifests.itemsOf(manifest.id, manifest.tenantId),
    orders: async (manifest, _args, context) => (await context.manifests.orderIdsOf(manifest.id, manifest.tenantId)).map((id) => ({ id })),
  },
  ManifestItem: {
    product: (item) => (item.productId ? { id: item.productId } : null),
  },
};
