import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  integerInput,
  NotFoundError,
  recordAuditEvent,
  uuidInput,
  type Identity,
  type ServiceContext,
} from '@fed/service-kit';
import { authorityOf } from '@fed/service-kit';
import type { CatalogClient } from '../db.ts';
import type { Order, OrderStatus } from '../generated/prisma/client.ts';
import { consumeReservations, releaseReservations, reserveStock, returnStock } from '../inventory/reservations.ts';
import { pricingFor } from '../settings/store.ts';
import { inTransaction, type ConstraintFields } from '../transactions.ts';
import { optionalText } from '../validation.ts';
import { priceOrder } from './pricing.ts';
import { assertTransition } from './status.ts';
import { orderVisibility } from './store.ts';

export interface PlaceOrderInput {
  items: { productId: string; quantity: number }[];
}

const MAX_LINES = 50;
const MAX_QUANTITY = 100_000;

/** The database's rules, as errors a client can act on (the service checks them first). */
const ORDER_CONSTRAINTS: ConstraintFields = {
  Order_status_transition_check: { field: 'status', rule: 'is not a transition the order status machine allows' },
  Inventory_reserved_check: { field: 'items', rule: 'not enough stock available' },
};

function validateLines(items: PlaceOrderInput['items']) {
  if (items.length < 1 || items.length > MAX_LINES) throw new BadUserInputError('items', `must have 1 to ${MAX_LINES} lines`);
  const seen = new Set<string>();
  return items.map((item, index) => {
    const field = `items[${index}]`;
    const productId = uuidInput(`${field}.productId`, item.productId);
    const quantity = integerInput(`${field}.quantity`, item.quantity, { min: 1, max: MAX_QUANTITY });
    if (seen.has(productId)) throw new BadUserInputError(`${field}.productId`, 'is already on an earlier line: order each product once');
    seen.add(productId);
    return { field, productId, quantity };
  });
}

/** What audit events say about an order; amounts with their two decimals. */
export function orderSnapshot(order: Order) {
  return {
    id: order.id,
    tenantId: order.tenantId,
    number: order.number,
    customerId: order.customerId,
    status: order.status,
    currency: order.currency,
    subtotal: order.subtotal.toFixed(2),
    tax: order.tax.toFixed(2),
    shipping: order.shipping.toFixed(2),
    discount: order.discount.toFixed(2),
    total: order.total.toFixed(2),
  };
}

/** Placing orders and moving them along the status machine; one transaction per change. */
export class OrderService {
  constructor(private readonly db: CatalogClient) {}

  /**
   * Captures name and price of every product, computes the totals, creates the order and reserves
   * the stock, all in one transaction: a line without enough stock leaves nothing behind.
   */
  async place(context: ServiceContext, identity: Identity, input: PlaceOrderInput): Promise<Order> {
    const lines = validateLines(input.items);
    const { tenantId } = identity;
    return inTransaction(
      this.db,
      async (tx) => {
        const products = await tx.product.findMany({
          where: { id: { in: lines.map((line) => line.productId) }, tenantId, deletedAt: null },
        });
        const productById = new Map(products.map((product) => [product.id, product]));
        const priced = lines.map((line) => {
          const product = productById.get(line.productId);
          // Unknown and other tenants' products get the same answer: nothing about them leaks.
          if (!product) throw new BadUserInputError(`${line.field}.productId`, 'must be a product of this catalog');
          if (product.status !== 'ACTIVE') {
            throw new BadUserInputError(`${line.field}.productId`, `${product.sku} is ${product.status} and cannot be ordered`);
          }
          return { ...line, product, unitPrice: product.price, weightKg: product.weightKg };
        });
        const pricing = await pricingFor(tx, tenantId);
        const totals = priceOrder(priced, pricing);
        const order = await tx.order.create({
          data: {
            tenantId,
            customerId: identity.userId,
            currency: pricing.currency,
            subtotal: totals.subtotal,
            tax: totals.tax,
            shipping: totals.shipping,
            discount: totals.discount,
            total: totals.total,
            items: {
              create: priced.map((line, index) => ({
                tenantId,
                position: index,
                productId: line.productId,
                productName: line.product.name,
                unitPrice: line.unitPrice,
                quantity: line.quantity,
                lineTotal: totals.lineTotals[index]!,
              })),
            },
          },
          include: { items: true },
        });
        const itemByProduct = new Map(order.items.map((item) => [item.productId, item]));
        await reserveStock(
          tx,
          tenantId,
          order.id,
          priced.map((line) => ({
            orderItemId: itemByProduct.get(line.productId)!.id,
            productId: line.productId,
            sku: line.product.sku,
            quantity: line.quantity,
            field: line.field,
          })),
        );
        const { items, ...row } = order;
        await recordAuditEvent(tx, context, 'catalog', {
          action: 'order.placed',
          entityType: 'Order',
          entityId: order.id,
          after: {
            ...orderSnapshot(row),
            items: items.map((item) => ({
              productId: item.productId,
              quantity: item.quantity,
              unitPrice: item.unitPrice.toFixed(2),
              lineTotal: item.lineTotal.toFixed(2),
            })),
          },
          tags: ['financial'],
        });
        return row;
      },
      { constraints: ORDER_CONSTRAINTS },
    );
  }

  /** ADMIN or MANAGER: the next step of the machine (CANCELLED goes through cancel). */
  changeStatus(context: ServiceContext, identity: Identity, id: string, to: OrderStatus): Promise<Order> {
    return this.transition(context, identity, id, to, null);
  }

  /** A customer cancels their own PENDING order; ADMIN or MANAGER cancel any early one. */
  cancel(context: ServiceContext, identity: Identity, id: string, reason: string | null | undefined): Promise<Order> {
    return this.transition(context, identity, id, 'CANCELLED', optionalText('reason', reason, 500));
  }

  private async transition(
    context: ServiceContext,
    identity: Identity,
    rawId: string,
    to: OrderStatus,
    reason: string | null,
  ): Promise<Order> {
    const id = uuidInput('id', rawId);
    return inTransaction(
      this.db,
      async (tx) => {
        const order = await tx.order.findFirst({ where: { ...orderVisibility(identity), id } });
        if (!order) throw new NotFoundError('Order', id);
        if (!authorityOf(identity).may('order.changeStatus')) {
          if (to !== 'CANCELLED' || order.customerId !== identity.userId) {
            throw new ForbiddenError('Changing the status of an order requires one of the roles ADMIN, MANAGER');
          }
          if (order.status !== 'PENDING') {
            throw new ForbiddenError(`A customer can cancel only a PENDING order; order ${order.number} is ${order.status}`);
          }
        }
        assertTransition(order, to);
        // Conditional on the status read above: a concurrent change makes this match nothing.
        const moved = await tx.order.updateMany({
          where: { id, tenantId: identity.tenantId, status: order.status },
          data: { status: to, ...(to === 'CANCELLED' ? { cancelReason: reason } : {}) },
        });
        if (moved.count === 0)
          throw new ConflictError(`Order ${order.number} was changed by someone else meanwhile; reload it and try again`);
        if (to === 'CONFIRMED') await consumeReservations(tx, order, identity.userId);
        if (to === 'CANCELLED') {
          if (order.status === 'PENDING') await releaseReservations(tx, order);
          else await returnStock(tx, order, identity.userId);
        }
        await recordAuditEvent(tx, context, 'catalog', {
          action: to === 'CANCELLED' ? 'order.cancelled' : 'order.status_changed',
          entityType: 'Order',
          entityId: id,
          before: { status: order.status },
          after: { status: to, ...(reason ? { reason } : {}) },
        });
        return tx.order.findUniqueOrThrow({ where: { id } });
      },
      { constraints: ORDER_CONSTRAINTS },
    );
  }
}
