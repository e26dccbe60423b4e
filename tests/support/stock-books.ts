import type { SqlClient } from '@fed/service-kit';

export interface StockBooks {
  /** Sum of the product's inventory levels. */
  quantity: number;
  reserved: number;
  /** Sum of its stock movements: always equals quantity. */
  ledger: number;
  /** Sum of its ACTIVE reservations: always equals reserved. */
  held: number;
  /** Orders with a line of it. */
  orders: number;
}

/** The catalog's books for one product, read straight from its database: what oversell tests compare. */
export async function stockBooks(catalog: SqlClient, productId: string): Promise<StockBooks> {
  const [row] = await catalog.query<StockBooks>(
    `SELECT SUM(i."quantity")::int AS "quantity", SUM(i."reserved")::int AS "reserved",
       (SELECT COALESCE(SUM(m."quantity"), 0)::int FROM "StockMovement" m WHERE m."productId" = $1::uuid) AS "ledger",
       (SELECT COALESCE(SUM(r."quantity"), 0)::int FROM "StockReservation" r JOIN "Inventory" ri ON ri."id" = r."inventoryId"
          WHERE ri."productId" = $1::uuid AND r."status" = 'ACTIVE') AS "held",
       (SELECT count(DISTINCT oi."orderId")::int FROM "OrderItem" oi WHERE oi."productId" = $1::uuid) AS "orders"
     FROM "Inventory" i WHERE i."productId" = $1::uuid`,
    [productId],
  );
  return row!;
}
