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
 * Reserves every line of an order across each product's locations in ONE statement, whatever the
 * number of lines: lock the levels of the ordered products that have stock free (in the global
 * lock order), total what is free per product, and only if every product has enough, raise
 * `reserved` on its levels (most free first) with a conditional UPDATE. Under concurrency each
 * order waits for the row locks, then sees the committed quantities, so stock can never be
 * reserved twice; the `reserved <= quantity` CHECK would refuse it anyway.
 * $1 tenant, $2 product ids, $3 quantities (same order as $2).
 */
const RESERVE_SQL = `
WITH "wanted" AS (
  SELECT * FROM unnest($2::uuid[], $3::int[]) AS w("productId", "requested")
), "candidates" AS (
  SELECT "id", "productId", "quantity" - "reserved" AS "free" FROM "Inventory"
  WHERE "tenantId" = $1::uuid AND "productId" = ANY($2::uuid[]) AND "quantity" > "reserved"
  ORDER BY "productId", "id"
  FOR UPDATE
), "totals" AS (
  SELECT w."productId", w."requested", COALESCE(SUM(c."free"), 0)::int AS "available"
  FROM "wanted" AS w LEFT JOIN "candidates" AS c ON c."productId" = w."productId"
  GROUP BY w."productId", w."requested"
), "allocation" AS (
  SELECT c."id", c."productId",
    LEAST(c."free", w."requested" - (SUM(c."free") OVER (PARTITION BY c."productId" ORDER BY c."free" DESC, c."id") - c."free"))::int AS "take"
  FROM "candidates" AS c JOIN "wanted" AS w ON w."productId" = c."productId"
), "reserved" AS (
  UPDATE "Inventory" AS i SET "reserved" = i."reserved" + a."take", "updatedAt" = CURRENT_TIMESTAMP
  FROM "allocation" AS a
  WHERE i."id" = a."id" AND a."take" > 0 AND i."quantity" - i."reserved" >= a."take"
    AND NOT EXISTS (SELECT 1 FROM "totals" WHERE "available" < "requested")
  RETURNING i."id", a."productId", a."take"
)
SELECT t."productId", t."available", r."id" AS "inventoryId", r."take" AS "quantity"
FROM "totals" AS t LEFT JOIN "reserved" AS r ON r."productId" = t."productId"`;

/** Reserves every line, all or nothing: a line without enough stock is a CONFLICT naming it. */
export async function reserveStock(tx: CatalogTransaction, tenantId: string, orderId: string, lines: OrderLine[]): Promise<void> {
  if (lines.length === 0) return;
  const rows = await tx.$queryRawUnsafe<{ productId: string; available: number; inventoryId: string | null; quantity: number | null }[]>(
    RESERVE_SQL,
    tenantId,
    lines.map((line) => line.productId),
    lines.map((line) => line.quantity),
  );
  const takenOf = new Map<string, number>();
  const availableOf = new Map<string, number>();
  for (const row of rows) {
    takenOf.set(row.productId, (takenOf.get(row.productId) ?? 0) + (row.quantity ?? 0));
    availableOf.set(row.productId, row.available);
  }
  // The first short line in input order is the one named; then nothing was reserved for any line.
  const shortLine =
    lines.find((line) => (availableOf.get(line.productId) ?? 0) < line.quantity) ??
    lines.find((line) => (takenOf.get(line.productId) ?? 0) < line.quantity);
  if (shortLine) {
    const available = availableOf.get(shortLine.productId) ?? 0;
    throw new ConflictError(
      `${shortLine.field}.quantity: not enough stock of ${shortLine.sku}: ${shortLine.quantity} requested, ${available} available`,
      { field: `${shortLine.field}.quantity`, productId: shortLine.productId, requested: shortLine.quantity, available },
    );
  }
  const itemOf = new Map(lines.map((line) => [line.productId, line.orderItemId]));
  await tx.stockReservation.createMany({
    data: rows
      .filter((row): row is typeof row & { inventoryId: string; quantity: number } => !!row.inventoryId && !!row.quantity)
      .map((row) => ({ tenantId, orderId, orderItemId: itemOf.get(row.productId)!, inventoryId: row.inventoryId, quantity: row.quantity })),
  });
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
