import { requireIdentity } from '@fed/service-kit';
import type { Resolvers } from '../generated/graphql.ts';

export const orderResolvers: Resolvers = {
  Query: {
    orders: (_parent, args, context) => context.orders.list(requireIdentity(context), args),
    order: (_parent, args, context) => context.orders.byId(args.id, requireIdentity(context)),
  },
  Order: {
    __resolveReference: (reference, context) => context.orders.byId(reference.id, context.identity),
    customer: (order) => ({ id: order.customerId }),
    items: (order, _args, context) => context.orders.itemsOf(order.id, order.tenantId),
  },
  OrderItem: {
    product: (item, _args, context) => context.products.byId(item.productId, item.tenantId),
  },
};
