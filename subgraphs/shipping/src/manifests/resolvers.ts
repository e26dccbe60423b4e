import { liveField, NotFoundError, requireIdentity } from '@fed/service-kit';
import type { ShippingContext } from '../context.ts';
import type { Manifest } from '../generated/prisma/client.ts';
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
  Subscription: {
    manifestUpdated: liveField<{ id: string }, Manifest, ShippingContext>({
      entity: 'Manifest',
      idOf: (args) => args.id,
      authorise: async (args, context) => {
        if (!(await context.manifests.byId(args.id, context.authority.requireIdentity().tenantId, null)))
          throw new NotFoundError('Manifest', args.id);
      },
      matches: (event, args) => event.entityType === 'Manifest' && event.entityId === args.id,
      load: (_event, args, context) => context.manifests.byId(args.id, context.authority.requireIdentity().tenantId, null),
    }),
  },
  Query: {
    manifests: (_parent, args, context, info) => context.manifests.list(requireIdentity(context).tenantId, args, info),
    manifest: (_parent, args, context, info) => context.manifests.byId(args.id, requireIdentity(context).tenantId, info),
    countries: (_parent, _args, context) => {
      requireIdentity(context);
      return context.manifests.countries();
    },
  },
  Mutation: {
    createManifest: (_parent, { input }, context) => context.manifestLifecycle.create(context.authority.require('manifest.create'), input),
    updateManifest: (_parent, { id, input }, context) =>
      context.manifestLifecycle.update(context.authority.require('manifest.edit'), id, input),
    addManifestItem: (_parent, { manifestId, input }, context) =>
      context.manifestLifecycle.addItem(context.authority.require('manifest.edit'), manifestId, input),
    updateManifestItem: (_parent, { itemId, input }, context) =>
      context.manifestLifecycle.updateItem(context.authority.require('manifest.edit'), itemId, input),
    removeManifestItem: (_parent, { itemId }, context) =>
      context.manifestLifecycle.removeItem(context.authority.require('manifest.edit'), itemId),
    submitManifest: (_parent, { id }, context) => context.manifestLifecycle.submit(context.authority.require('manifest.edit'), id),
    approveManifest: (_parent, { id }, context) => context.manifestLifecycle.approve(context.authority.require('manifest.approve'), id),
    rejectManifest: (_parent, { id, reason }, context) =>
      context.manifestLifecycle.reject(context.authority.require('manifest.reject'), id, reason),
    shipManifest: (_parent, { id }, context) => context.manifestLifecycle.ship(context.authority.require('manifest.ship'), id),
    deliverManifest: (_parent, { id }, context) => context.manifestLifecycle.deliver(context.authority.require('manifest.deliver'), id),
  },
  Manifest: {
    __resolveReference: (reference, context, info) => context.manifests.byId(reference.id, context.identity?.tenantId ?? null, info),
    originCountry: (manifest, _args, context) => countryOrFail(manifest.originCountry, (code) => context.manifests.country(code)),
    destinationCountry: (manifest, _args, context) => countryOrFail(manifest.destinationCountry, (code) => context.manifests.country(code)),
    // Weights and volumes keep their column's scale ("26.400" kg, "0.0750" m3); money is cents already.
    totalWeightKg: (manifest) => manifest.totalWeightKg.toFixed(3),
    totalVolumeM3: (manifest) => manifest.totalVolumeM3.toFixed(4),
    createdBy: (manifest) => ({ id: manifest.createdById }),
    reviewedBy: (manifest) => (manifest.reviewedById ? { id: manifest.reviewedById } : null),
    items: (manifest, _args, context, info) => context.manifests.itemsOf(manifest.id, manifest.tenantId, info),
    orders: async (manifest, _args, context) => (await context.manifests.orderIdsOf(manifest.id, manifest.tenantId)).map((id) => ({ id })),
    quotes: (manifest, args, context) => context.rateQuotes.quotesOf(manifest.id, manifest.tenantId, args.includeSuperseded ?? false),
    selectedQuote: (manifest, _args, context) =>
      manifest.selectedQuoteId ? context.rateQuotes.byId(manifest.selectedQuoteId, manifest.tenantId) : null,
    carrier: (manifest, _args, context) => (manifest.carrierId ? context.carriers.byId(manifest.carrierId, manifest.tenantId) : null),
  },
  ManifestItem: {
    weightKg: (item) => item.weightKg.toFixed(3),
    volumeM3: (item) => item.volumeM3.toFixed(4),
    product: (item) => (item.productId ? { id: item.productId } : null),
  },
};
