import { groupLoader, type LoaderCache } from '@fed/service-kit';
import type { CatalogClient } from '../db.ts';
import { Prisma, type Order, type Payment } from '../generated/prisma/client.ts';

export type OrderPaymentStatus = 'UNPAID' | 'PARTIALLY_PAID' | 'PAID';

/** Only captured money counts towards an order. */
export const capturedSum = (payments: Pick<Payment, 'status' | 'amount'>[]) =>
  payments.filter((payment) => payment.status === 'CAPTURED').reduce((sum, payment) => sum.add(payment.amount), new Prisma.Decimal(0));

export function paymentStatusOf(order: Pick<Order, 'total'>, paid: Prisma.Decimal): OrderPaymentStatus {
  if (paid.gte(order.total)) return 'PAID';
  return paid.gt(0) ? 'PARTIALLY_PAID' : 'UNPAID';
}

export class PaymentStore {
  constructor(
    private readonly db: CatalogClient,
    private readonly loaders: LoaderCache,
  ) {}

  /** The payments of many orders in one query, oldest first. */
  ofOrder(orderId: string, tenantId: string): Promise<Payment[]> {
    return groupLoader(
      this.loaders,
      `Payments:${tenantId}`,
      (orderIds) =>
        this.db.payment.findMany({ where: { orderId: { in: orderIds }, tenantId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      (row) => row.orderId,
    ).load(orderId);
  }
}
