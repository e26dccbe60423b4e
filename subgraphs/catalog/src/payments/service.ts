import {
  BadUserInputError,
  ConflictError,
  NotFoundError,
  recordAuditEvent,
  translateDatabaseError,
  uuidInput,
  type Identity,
  type ServiceContext,
} from '@fed/service-kit';
import { authorityOf } from '@fed/service-kit';
import type { CatalogClient } from '../db.ts';
import { Prisma, type Payment, type PaymentMethod } from '../generated/prisma/client.ts';
import { orderVisibility } from '../orders/store.ts';
import { isUniqueViolation, TRANSACTION_OPTIONS } from '../transactions.ts';
import { currencyInput, moneyInput, textInput } from '../validation.ts';
import { captureRequestHash } from './idempotency.ts';
import { capturedSum } from './store.ts';

export interface CapturePaymentInput {
  orderId: string;
  amount: string;
  currency: string;
  method: PaymentMethod;
  externalTransactionId: string;
  gatewayResponse?: unknown;
  idempotencyKey: string;
}

const IDEMPOTENCY_KEY = { name: 'Payment_tenantId_idempotencyKey_key', columns: ['tenantId', 'idempotencyKey'] };
const EXTERNAL_ID = { name: 'Payment_tenantId_externalTransactionId_key', columns: ['tenantId', 'externalTransactionId'] };

/** Records payments; an order is paid once its captured payments cover the total. */
export class PaymentService {
  constructor(private readonly db: CatalogClient) {}

  async capture(context: ServiceContext, identity: Identity, input: CapturePaymentInput): Promise<Payment> {
    const request = {
      orderId: uuidInput('orderId', input.orderId),
      amount: new Prisma.Decimal(moneyInput('amount', input.amount, { positive: true })),
      currency: currencyInput('currency', input.currency),
      method: input.method,
      externalTransactionId: textInput('externalTransactionId', input.externalTransactionId, { max: 128 }),
    };
    const idempotencyKey = textInput('idempotencyKey', input.idempotencyKey, { min: 8, max: 128 });
    const requestHash = captureRequestHash({ ...request, amount: request.amount.toFixed(2) });
    const { tenantId } = identity;

    const replay = (existing: Payment): Payment => {
      if (
        existing.requestHash !== requestHash ||
        (!authorityOf(identity).may('payment.readAll') && existing.createdById !== identity.userId)
      ) {
        throw new ConflictError('idempotencyKey: this key was already used for a different payment request', { field: 'idempotencyKey' });
      }
      return existing;
    };
    try {
      // Not inTransaction: unique violations need the raw error here (a replay, or a duplicate).
      return await this.db.$transaction(async (tx) => {
        // Lock the order first: captures of one order queue here, so the balance check below sees
        // every earlier capture and two concurrent captures cannot overpay it together.
        const locked = await tx.$queryRawUnsafe<{ id: string }[]>(
          'SELECT "id" FROM "Order" WHERE "id" = $1::uuid AND "tenantId" = $2::uuid FOR UPDATE',
          request.orderId,
          tenantId,
        );
        const existing = await tx.payment.findUnique({ where: { tenantId_idempotencyKey: { tenantId, idempotencyKey } } });
        if (existing) return replay(existing);
        const order = locked.length > 0 ? await tx.order.findFirst({ where: { ...orderVisibility(identity), id: request.orderId } }) : null;
        if (!order) throw new NotFoundError('Order', request.orderId);
        if (order.status === 'CANCELLED') throw new ConflictError(`Order ${order.number} is CANCELLED and takes no payments`);
        if (request.currency !== order.currency) throw new BadUserInputError('currency', `must be the order's currency, ${order.currency}`);
        const paid = capturedSum(await tx.payment.findMany({ where: { orderId: order.id, status: 'CAPTURED' } }));
        const due = order.total.sub(paid);
        if (due.lte(0)) throw new ConflictError(`Order ${order.number} is already paid`);
        if (request.amount.gt(due))
          throw new BadUserInputError('amount', `must not exceed the balance due of ${due.toFixed(2)} ${order.currency}`);
        const now = new Date();
        const payment = await tx.payment.create({
          data: {
            tenantId,
            orderId: order.id,
            amount: request.amount,
            currency: request.currency,
            method: request.method,
            status: 'CAPTURED',
            externalTransactionId: request.externalTransactionId,
            gatewayResponse:
              input.gatewayResponse === undefined || input.gatewayResponse === null
                ? Prisma.DbNull
                : (input.gatewayResponse as Prisma.InputJsonValue),
            idempotencyKey,
            requestHash,
            createdById: identity.userId,
            capturedAt: now,
          },
        });
        const nowPaid = paid.add(request.amount).gte(order.total);
        if (nowPaid) await tx.order.update({ where: { id: order.id }, data: { paidAt: now } });
        await recordAuditEvent(tx, context, 'catalog', {
          action: 'payment.captured',
          entityType: 'Order',
          entityId: order.id,
          after: {
            paymentId: payment.id,
            amount: payment.amount,
            currency: payment.currency,
            method: payment.method,
            externalTransactionId: payment.externalTransactionId,
            orderPaid: nowPaid,
          },
          tags: ['financial'],
        });
        return payment;
      }, TRANSACTION_OPTIONS);
    } catch (error) {
      // A concurrent request with the same key got there first: answer with its payment.
      if (isUniqueViolation(error, IDEMPOTENCY_KEY)) {
        const existing = await this.db.payment.findUnique({ where: { tenantId_idempotencyKey: { tenantId, idempotencyKey } } });
        if (existing) return replay(existing);
      }
      if (isUniqueViolation(error, EXTERNAL_ID)) {
        throw new ConflictError('externalTransactionId: a payment with this provider transaction id is already recorded', {
          field: 'externalTransactionId',
        });
      }
      throw translateDatabaseError(error);
    }
  }
}
