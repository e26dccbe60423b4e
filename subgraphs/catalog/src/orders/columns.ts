import type { ColumnPlan, ColumnsByField } from '@fed/service-kit';
import type { OrderResolvers } from '../generated/graphql.ts';
import type { Order } from '../generated/prisma/client.ts';

/**
 * The Order columns each field reads (see products/columns.ts). The keyset cursor of every order
 * list is (createdAt, id), and `User.orders` groups rows by customerId, so those are always read.
 */
const fields = {
  id: [],
  number: ['number'],
  customer: ['customerId'],
  status: ['status'],
  nextStatuses: ['status'],
  currency: ['currency'],
  subtotal: ['subtotal'],
  tax: ['tax'],
  shipping: ['shipping'],
  discount: ['discount'],
  total: ['total'],
  paidAt: ['paidAt'],
  cancelReason: ['cancelReason'],
  createdAt: ['createdAt'],
  updatedAt: ['updatedAt'],
  items: [],
  payments: [],
  amountPaid: [],
  balanceDue: ['total'],
  paymentStatus: ['total'],
} satisfies ColumnsByField<Required<OrderResolvers>, Order>;

export const ORDER_COLUMNS: ColumnPlan<Order> = { typeName: 'Order', always: ['id', 'tenantId', 'customerId', 'createdAt'], fields };
