import type { Resolvers } from '../generated/graphql.ts';

/** Order and Product are owned by the catalog; shipping adds the manifests and shipped quantities. */
export const referenceResolvers: Resolvers = {
  Order: {
    __resolveReference: (reference) => ({ id: reference.id }),
    manifests: (order, _args, context, info) => context.manifests.manifestsOfOrder(order.id, context.identity?.tenantId ?? null, info),
  },
  Product: {
    __resolveReference: (reference) => ({ id: reference.id }),
    // Counted in the caller's tenant only: another tenant's product id counts 0.
    shippedQuantity: (product, _args, context) =>
      context.identity ? context.manifests.shippedQuantityOf(product.id, context.identity.tenantId) : 0,
  },
};
