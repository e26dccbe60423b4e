import { ConflictError } from '@fed/service-kit';
import type { Order } from '../generated/prisma/client.ts';
import type { CatalogTransaction } from '../transactions.ts';

/**
 * Stock reservations for orders, always inside the order's transaction.
 *
 * Locks are taken in one global order, by product id and then inventory id, whichever path takes
 * them (placing, confirming, cancelling), so concurrent orders queue instead of deadlocking.
 */
export interface OrderLine {
  orderItemId: string;
  productId: string;
  sku: string;
  quantity: number;
  /** The input field of the line, e.g. `items[2]`, for error messages. */
  field: string;
}

/**
 * Reserves `$3` units of one product across its locations in ONE statement: lock the product's
 * levels that have stock free, and only if together they have enough, raise `reserved` on them
 * (most free first) with a conditional UPDATE. Under concurrency each order waits for the row
 * locks, then sees the committed quantities, so stock can never be reserved twice; the
 * `reserved <= quantity` CHECK would refuse it anyway.
 */
const RESERVE_SQL = `
WITH "candidates" AS (
  SELECT "id", "quantity" - "reserved" AS "free" FROM "Inventory"
  WHERE "tenantId" = $1::uuid AND "productId" = $2::uuid AND "quantity" > "reserved"
  ORDER BY "id"
  FOR UPDATE
), "total" AS (
  SELECT COALESCE(SUM("free"), 0)::int AS "available" FROM "candidates"
), "allocation" AS (
  SELECT "id", LEAST("free", $3::int - (SUM("free") OVER (ORDER BY "free" DESC, "id") - "free"))::int AS "take" FROM "candidates"
), "reserved" AS (
  UPDATE "Inventory" AS i SET "reserved" = i."reserved" + a."take", "updatedAt" = CURRENT_TIMESTAMP
  FROM "allocation" AS a, "total" AS t
  WHERE i."id" = a."id" AND a."take" > 0 AND t."available" >= $3::int AND i."quantity" - i."reserved" >= a."take"
  RETURNING i."id", a."take"
)
SELECT t."available", r."id" AS "inventoryId", r."take" AS "quantity" FROM "total" AS t LEFT JOIN "reserved" AS r ON true`;

/** Reserves every line, all or nothing: a line without enough stock is a CONFLICT naming it. */
export async function reserveStock(tx: CatalogTransaction, tenantId: string, orderId: string, lines: OrderLine[]): Promise<void> {
  const reservations: { tenantId: string; orderId: string; orderItemId: string; inventoryId: string; quantity: number }[] = [];
  for (const line of [...lines].sort((a, b) => (a.productId < b.productId ? -1 : 1))) {
    const rows = await tx.$queryRawUnsafe<{ available: number; inventoryId: string | null; quantity: number | null }[]>(
      RESERVE_SQL,
      tenantId,
      line.productId,
      line.quantity,
    );
    const taken = rows.reduce((sum, row) => sum + (row.quantity ?? 0), 0);
    if (taken < line.quantity) {
      const available = rows[0]?.available ?? 0;
      throw new ConflictError(
        `${line.field}.quantity: not enough stock of ${line.sku}: ${line.quantity} requested, ${available} available`,
        { field: `${line.field}.quantity`, productId: line.productId, requested: line.quantity, available },
      );
    }
    for (const row of rows) {
      if (row.inventoryId && row.quantity) {
        reservations.push({ tenantId, orderId, orderItemId: line.orderItemId, inventoryId: row.inventoryId, quantity: row.quantity });
      }
    }
  }
  await tx.stockReservation.createMany({ data: reservations });
}

async function lockLevels(tx: CatalogTransaction, inventoryIds: string[]): Promise<void> {
  await tx.$queryRawUnsafe('SELECT "id" FROM "Inventory" WHERE "id" = ANY($1::uuid[]) ORDER BY "productId", "id" FOR UPDATE', inventoryIds);
}

/** Lowers `reserved` by the order's ACTIVE reservations and settles them with the given status. */
async function settleReservations(tx: CatalogTransaction, order: Order, status: 'CONSUMED' | 'RELEASED') {
  const reservations = await tx.stockReservation.findMany({
    where: { orderId: order.id, tenantId: order.tenantId, status: 'ACTIVE' },
    include: { inventory: { select: { productId: true } } },
  });
  if (reservations.length === 0) return reservations;
  await lockLevels(
    tx,
    reservations.map((reservation) => reservation.inventoryId),
  );
  await tx.$executeRawUnsafe(
    `UPDATE "Inventory" AS i SET "reserved" = i."reserved" - r."quantity", "updatedAt" = CURRENT_TIMESTAMP
     FROM (SELECT "inventoryId", SUM("quantity")::int AS "quantity" FROM "StockReservation"
           WHERE "orderId" = $1::uuid AND "status" = 'ACTIVE' GROUP BY "inventoryId") AS r
     WHERE i."id" = r."inventoryId"`,
    order.id,
  );
  await tx.stockReservation.updateMany({ where: { orderId: order.id, status: 'ACTIVE' }, data: { status, settledAt: new Date() } });
  return reservations;
}

/** Confirmation: reserved stock leaves the inventory, one OUT movement per reservation. */
export async function consumeReservations(tx: CatalogTransaction, order: Order, actorId: string): Promise<void> {
  const consumed = await settleReservations(tx, order, 'CONSUMED');
  if (consumed.length === 0) return;
  await tx.stockMovement.createMany({
    data: consumed.map((reservation) => ({
      tenantId: order.tenantId,
      inventoryId: reservation.inventoryId,
      productId: reservation.inventory.productId,
      type: 'OUT' as const,
      quantity: -reservation.quantity,
      reference: order.number,
      note: 'Order confirmed',
      orderId: order.id,
      actorId,
    })),
  });
}

/** Cancellation before confirmation: the reservations are released. */
export async function releaseReservations(tx: CatalogTransaction, order: Order): Promise<void> {
  await settleReservations(tx, order, 'RELEASED');
}

/** Cancellation after confirmation: what the order took out comes back, one IN movement each. */
export async function returnStock(tx: CatalogTransaction, order: Order, actorId: string): Promise<void> {
  const taken = await tx.stockMovement.findMany({ where: { orderId: order.id, tenantId: order.tenantId, type: 'OUT' } });
  if (taken.length === 0) return;
  await lockLevels(
    tx,
    taken.map((movement) => movement.inventoryId),
  );
  await tx.stockMovement.createMany({
    data: taken.map((movement) => ({
      tenantId: order.tenantId,
      inventoryId: movement.inventoryId,
      productId: movement.productId,
      type: 'IN' as const,
      quantity: -movement.quantity,
      reference: order.number,
      note: 'Order cancelled: stock returned',
      orderId: order.id,
      actorId,
    })),
  });
}
