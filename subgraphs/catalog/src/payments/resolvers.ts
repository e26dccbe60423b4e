import type { Resolvers } from '../generated/graphql.ts';
import { capturedSum, paymentStatusOf } from './store.ts';

export const paymentResolvers: Resolvers = {
  Mutation: {
    // Customers pay their own orders (visibility is checked in the service); staff record any.
    capturePayment: (_parent, args, context) =>
      context.paymentService.capture(context, context.authority.require('payment.capture'), args.input),
  },
  Order: {
    payments: (order, _args, context) => context.payments.ofOrder(order.id, order.tenantId),
    amountPaid: async (order, _args, context) => capturedSum(await context.payments.ofOrder(order.id, order.tenantId)),
    balanceDue: async (order, _args, context) => {
      const due = order.total.sub(capturedSum(await context.payments.ofOrder(order.id, order.tenantId)));
      return due.isNegative() ? '0.00' : due;
    },
    paymentStatus: async (order, _args, context) =>
      paymentStatusOf(order, capturedSum(await context.payments.ofOrder(order.id, order.tenantId))),
  },
  Payment: {
    order: (payment, _args, context, info) => context.orders.byId(payment.orderId, context.identity, info),
  },
};
