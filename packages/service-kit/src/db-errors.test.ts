import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.ts';
import { translateDatabaseError } from './db-errors.ts';
import { BadUserInputError, ConflictError } from './errors.ts';
import { prismaClientFactory } from './prisma.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';
import { applyMigrations } from './migrations.ts';
import { PrismaClient } from '../../../subgraphs/catalog/src/generated/prisma/client.ts';

/** Constraint violations raised by the real database become catalog errors naming the field. */
describe('translateDatabaseError', () => {
  let test: TestDatabase;
  let database: Database;
  let client: PrismaClient;
  beforeAll(async () => {
    test = await createTestDatabase('db_errors');
    database = await openDatabase(test.target);
    await applyMigrations(database.sql, new URL('../../../prisma/catalog/migrations', import.meta.url).pathname);
    client = prismaClientFactory(PrismaClient)(database.adapter);
  });
  afterAll(async () => {
    await client?.$disconnect();
    await database?.close();
    await test?.drop();
  });

  const product = (sku: string, price = '1.00') => ({
    tenantId: '00000000-0000-4000-8000-000000000001',
    sku,
    name: 'Thing',
    price,
    cost: '0.50',
    weightKg: '1.000',
  });

  it('maps a named unique constraint to the field it guards', async () => {
    await client.product.create({ data: product('SKU-1') });
    const error = await client.product.create({ data: product('SKU-1') }).catch((caught: unknown) => caught);
    const translated = translateDatabaseError(error, {
      Product_tenantId_sku_key: { field: 'input.sku', rule: 'is already used by another product' },
    });
    expect(translated).toBeInstanceOf(BadUserInputError);
    expect((translated as Error).message).toBe('input.sku: is already used by another product');
  });

  it('turns an unmapped unique violation into CONFLICT naming the key', async () => {
    const error = await client.product.create({ data: product('SKU-1') }).catch((caught: unknown) => caught);
    const translated = translateDatabaseError(error);
    expect(translated).toBeInstanceOf(ConflictError);
    // PGlite's adapter reports the columns, pg's the index name: either way the key is named.
    expect((translated as Error).message).toMatch(/tenantId, sku|Product_tenantId_sku_key/);
  });

  it('maps a CHECK constraint to the field and rule', async () => {
    const error = await client.product.create({ data: product('SKU-2', '-5.00') }).catch((caught: unknown) => caught);
    const translated = translateDatabaseError(error, { Product_price_check: { field: 'input.price', rule: 'must be at least 0' } });
    expect((translated as Error).message).toBe('input.price: must be at least 0');
  });
});
