import type { Resolvers } from '../generated/graphql.ts';

/** Order (catalog) and Manifest (shipping) are owned elsewhere; exports adds the export made for them. */
export const referenceResolvers: Resolvers = {
  Order: {
    __resolveReference: (reference) => ({ id: reference.id }),
    export: (order, _args, context, info) => context.exports.forOrder(order.id, context.identity?.tenantId ?? null, info),
  },
  Manifest: {
    __resolveReference: (reference) => ({ id: reference.id }),
    export: (manifest, _args, context, info) => context.exports.forManifest(manifest.id, context.identity?.tenantId ?? null, info),
  },
};
