import type { Resolvers } from '../generated/graphql.ts';

/** Order is owned by the catalog; shipping only adds the manifests that ship it. */
export const referenceResolvers: Resolvers = {
  Order: {
    __resolveReference: (reference) => ({ id: reference.id }),
    manifests: (order, _args, context) => context.manifests.manifestsOfOrder(order.id, context.identity?.tenantId ?? null),
  },
};
