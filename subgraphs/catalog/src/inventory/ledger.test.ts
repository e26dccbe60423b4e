import { fileURLToPath } from 'node:url';
import { applyMigrations, openDatabase, type Database } from '@fed/service-kit';
import { createTestDatabase, type TestDatabase } from '@fed/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The integrity rules the catalog database enforces by itself, whatever the service does. */
const migrations = fileURLToPath(new URL('../../../../prisma/catalog/migrations', import.meta.url));
const TENANT = '00000000-0000-4000-8000-0000000000aa';
const OTHER_TENANT = '00000000-0000-4000-8000-0000000000bb';
const PRODUCT = '00000000-0000-4000-8000-000000000001';
const LEVEL = '00000000-0000-4000-8000-000000000011';
const CUSTOMER = '00000000-0000-4000-8000-000000000021';

let test: TestDatabase;
let database: Database;
const sql = <Row = Record<string, unknown>>(text: string, params: unknown[] = []) => database.sql.query<Row>(text, params);

const move = (type: 'IN' | 'OUT' | 'ADJUSTMENT', quantity: number, tenantId = TENANT) =>
  sql(
    `INSERT INTO "StockMovement" ("id", "tenantId", "inventoryId", "productId", "type", "quantity", "reference")
     VALUES (gen_random_uuid(), $1::uuid, $2::uuid, $3::uuid, $4::"StockMovementType", $5, 'test') RETURNING "balanceAfter"`,
    [tenantId, LEVEL, PRODUCT, type, quantity],
  );
const level = async () =>
  (await sql<{ quantity: number; reserved: number }>('SELECT "quantity", "reserved" FROM "Inventory" WHERE "id" = $1::uuid', [LEVEL]))[0]!;
const ledgerSum = async () =>
  (
    await sql<{ sum: number }>('SELECT COALESCE(SUM("quantity"), 0)::int AS "sum" FROM "StockMovement" WHERE "inventoryId" = $1::uuid', [
      LEVEL,
    ])
  )[0]!.sum;

async function order(number: string, status: string): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `INSERT INTO "Order" ("id", "tenantId", "number", "customerId", "status", "currency", "subtotal", "tax", "shipping", "discount", "total", "updatedAt")
     VALUES (gen_random_uuid(), $1::uuid, $2, $3::uuid, $4::"OrderStatus", 'USD', 10, 1, 0, 0, 11, now()) RETURNING "id"`,
    [TENANT, number, CUSTOMER, status],
  );
  await sql(
    `INSERT INTO "OrderItem" ("id", "tenantId", "orderId", "productId", "productName", "unitPrice", "quantity", "lineTotal")
     VALUES (gen_random_uuid(), $1::uuid, $2::uuid, $3::uuid, 'Widget', 10, 1, 10)`,
    [TENANT, row!.id, PRODUCT],
  );
  return row!.id;
}

beforeAll(async () => {
  test = await createTestDatabase('catalog_ledger');
  database = await openDatabase(test.target);
  await applyMigrations(database.sql, migrations);
  await sql(
    `INSERT INTO "Product" ("id", "tenantId", "sku", "name", "price", "cost", "weightKg", "tags", "updatedAt")
     VALUES ($1::uuid, $2::uuid, 'W-1', 'Widget', 10, 5, 1, '{}', now())`,
    [PRODUCT, TENANT],
  );
  await sql(
    `INSERT INTO "Inventory" ("id", "tenantId", "productId", "location", "updatedAt") VALUES ($1::uuid, $2::uuid, $3::uuid, 'MAIN', now())`,
    [LEVEL, TENANT, PRODUCT],
  );
});

afterAll(async () => {
  await database?.close();
  await test?.drop();
});

describe('the stock ledger', () => {
  it('applies every movement to its level, so quantity is always the sum of the ledger', async () => {
    expect((await move('IN', 10))[0]!.balanceAfter).toBe(10);
    expect((await move('OUT', -3))[0]!.balanceAfter).toBe(7);
    expect((await move('ADJUSTMENT', 2))[0]!.balanceAfter).toBe(9);
    expect((await level()).quantity).toBe(9);
    expect(await ledgerSum()).toBe(9);
  });

  it('refuses a movement that would take stock below zero or below what is reserved', async () => {
    await expect(move('OUT', -10)).rejects.toThrow(/Inventory_quantity_check/);
    await sql('UPDATE "Inventory" SET "reserved" = 5 WHERE "id" = $1::uuid', [LEVEL]);
    await expect(move('ADJUSTMENT', -5)).rejects.toThrow(/Inventory_reserved_check/);
    await sql('UPDATE "Inventory" SET "reserved" = 0 WHERE "id" = $1::uuid', [LEVEL]);
    expect(await ledgerSum()).toBe((await level()).quantity);
  });

  it('refuses movements whose sign does not match their type, or that point at another tenant', async () => {
    await expect(move('IN', -1)).rejects.toThrow(/StockMovement_quantity_check/);
    await expect(move('OUT', 1)).rejects.toThrow(/StockMovement_quantity_check/);
    await expect(move('IN', 1, OTHER_TENANT)).rejects.toThrow(/StockMovement_inventory_match_check/);
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await expect(sql('UPDATE "StockMovement" SET "quantity" = 100')).rejects.toThrow(/append-only/);
    await expect(sql('DELETE FROM "StockMovement"')).rejects.toThrow(/append-only/);
    await expect(sql('TRUNCATE "StockMovement"')).rejects.toThrow(/append-only/);
  });

  it('is the only way to change a quantity', async () => {
    await expect(sql('UPDATE "Inventory" SET "quantity" = 1000 WHERE "id" = $1::uuid', [LEVEL])).rejects.toThrow(
      /Inventory_quantity_ledger_check/,
    );
    await expect(
      sql(
        `INSERT INTO "Inventory" ("id", "tenantId", "productId", "location", "quantity", "updatedAt")
           VALUES (gen_random_uuid(), $1::uuid, $2::uuid, 'SIDE', 5, now())`,
        [TENANT, PRODUCT],
      ),
    ).rejects.toThrow(/Inventory_quantity_ledger_check/);
    expect(await ledgerSum()).toBe((await level()).quantity);
  });
});

describe('orders and reviews', () => {
  it('refuses an order status change outside the status machine', async () => {
    const id = await order('T-1', 'PENDING');
    await expect(sql(`UPDATE "Order" SET "status" = 'SHIPPED' WHERE "id" = $1::uuid`, [id])).rejects.toThrow(
      /Order_status_transition_check.*PENDING to SHIPPED/,
    );
    await sql(`UPDATE "Order" SET "status" = 'CONFIRMED' WHERE "id" = $1::uuid`, [id]);
    await sql(`UPDATE "Order" SET "status" = 'CANCELLED' WHERE "id" = $1::uuid`, [id]);
    await expect(sql(`UPDATE "Order" SET "status" = 'PENDING' WHERE "id" = $1::uuid`, [id])).rejects.toThrow(/CANCELLED to PENDING/);
  });

  it('refuses totals that do not add up', async () => {
    await expect(
      sql(
        `INSERT INTO "Order" ("id", "tenantId", "customerId", "currency", "subtotal", "tax", "shipping", "discount", "total", "updatedAt")
         VALUES (gen_random_uuid(), $1::uuid, $2::uuid, 'USD', 10, 1, 0, 0, 1, now())`,
        [TENANT, CUSTOMER],
      ),
    ).rejects.toThrow(/Order_total_check/);
  });

  it('numbers orders from a sequence when no number is given', async () => {
    const rows = await sql<{ number: string }>(
      `INSERT INTO "Order" ("id", "tenantId", "customerId", "currency", "subtotal", "tax", "shipping", "discount", "total", "updatedAt")
       SELECT gen_random_uuid(), $1::uuid, $2::uuid, 'USD', 0, 0, 0, 0, 0, now() FROM generate_series(1, 2) RETURNING "number"`,
      [TENANT, CUSTOMER],
    );
    expect(rows.map((row) => row.number)).toEqual([expect.stringMatching(/^ORD-\d{6}$/), expect.stringMatching(/^ORD-\d{6}$/)]);
    expect(rows[0]!.number).not.toBe(rows[1]!.number);
  });

  it('lets a review claim a verified purchase only with a delivered order of its author containing the product', async () => {
    const review = (verified: boolean, rating = 5, author = CUSTOMER) =>
      sql(
        `INSERT INTO "Review" ("id", "tenantId", "productId", "authorId", "rating", "title", "verifiedPurchase", "updatedAt")
         VALUES (gen_random_uuid(), $1::uuid, $2::uuid, $3::uuid, $4, 'Nice', $5, now())`,
        [TENANT, PRODUCT, author, rating, verified],
      );
    await expect(review(true)).rejects.toThrow(/Review_verified_purchase_check/);
    await expect(review(false, 6)).rejects.toThrow(/Review_rating_check/);
    const id = await order('T-2', 'PENDING');
    for (const status of ['CONFIRMED', 'PROCESSING', 'SHIPPED', 'IN_TRANSIT', 'DELIVERED']) {
      await sql(`UPDATE "Order" SET "status" = $2::"OrderStatus" WHERE "id" = $1::uuid`, [id, status]);
    }
    await review(true);
    await expect(review(false)).rejects.toThrow(/Review_productId_authorId_key/);
  });
});
