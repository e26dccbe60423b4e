import { liveField, NotFoundError, requireIdentity } from '@fed/service-kit';
import type { Order } from '../generated/prisma/client.ts';
import type { CatalogContext } from '../context.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { NEXT_STATUSES } from './status.ts';

export const orderResolvers: Resolvers = {
  Query: {
    orders: (_parent, args, context, info) => context.orders.list(requireIdentity(context), args, info),
    order: (_parent, args, context, info) => context.orders.byId(args.id, requireIdentity(context), info),
  },
  Mutation: {
    placeOrder: (_parent, args, context) => context.orderService.place(context, context.authority.require('order.place'), args.input),
    updateOrderStatus: (_parent, args, context) =>
      context.orderService.changeStatus(context, context.authority.require('order.changeStatus'), args.id, args.status),
    cancelOrder: (_parent, args, context) =>
      context.orderService.cancel(context, context.authority.require('order.cancel'), args.id, args.reason),
  },
  Subscription: {
    orderUpdated: liveField<{ id: string }, Order, CatalogContext>({
      entity: 'Order',
      idOf: (args) => args.id,
      authorise: async (args, context) => {
        // The caller's own read: another tenant's order is NOT_FOUND; another customer's, too (the kit's visibility check).
        const order = await context.orders.byId(args.id, context.authority.requireIdentity(), null);
        if (!order) throw new NotFoundError('Order', args.id);
        return order;
      },
      matches: (event, args) => event.entityType === 'Order' && event.entityId === args.id,
      load: (_event, args, context) => context.orders.byId(args.id, context.authority.requireIdentity(), null),
    }),
  },
  Order: {
    __resolveReference: (reference, context, info) => context.orders.byId(reference.id, context.identity, info),
    customer: (order) => ({ id: order.customerId }),
    items: (order, _args, context) => context.orders.itemsOf(order.id, order.tenantId),
    nextStatuses: (order) => [...NEXT_STATUSES[order.status]],
  },
  OrderItem: {
    product: (item, _args, context, info) => context.products.byId(item.productId, item.tenantId, info),
  },
};
