import { InvalidTransitionError } from '@fed/service-kit';
import type { Order, OrderStatus } from '../generated/prisma/client.ts';

/**
 * The order status machine (the database enforces the same table with a trigger):
 * PENDING -> CONFIRMED -> PROCESSING -> SHIPPED -> IN_TRANSIT -> DELIVERED, and CANCELLED from the
 * early states, before anything has shipped.
 */
export const NEXT_STATUSES: Record<OrderStatus, readonly OrderStatus[]> = {
  PENDING: ['CONFIRMED', 'CANCELLED'],
  CONFIRMED: ['PROCESSING', 'CANCELLED'],
  PROCESSING: ['SHIPPED', 'CANCELLED'],
  SHIPPED: ['IN_TRANSIT'],
  IN_TRANSIT: ['DELIVERED'],
  DELIVERED: [],
  CANCELLED: [],
};

/** Refuses an illegal transition with an error naming both states and what is allowed instead. */
export function assertTransition(order: Pick<Order, 'number' | 'status'>, to: OrderStatus): void {
  const allowed = NEXT_STATUSES[order.status];
  if (allowed.includes(to)) return;
  const reason =
    order.status === to
      ? `it is already ${to}`
      : allowed.length === 0
        ? `${order.status} is a final state`
        : `from ${order.status} it can only go to ${allowed.join(' or ')}`;
  throw new InvalidTransitionError(`Order ${order.number}`, order.status, to, reason);
}
