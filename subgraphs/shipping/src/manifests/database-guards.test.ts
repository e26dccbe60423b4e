import { fileURLToPath } from 'node:url';
import { applyMigrations, openDatabase, type Database } from '@fed/service-kit';
import { createTestDatabase, type TestDatabase } from '@fed/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carriers, manifests, moreManifests, products } from '../../../../prisma/demo-world.ts';
import { seedShipping } from '../../../../prisma/shipping/seed.ts';
import { createShippingClient, type ShippingClient } from '../db.ts';

/**
 * The rules the database itself enforces, whatever a client or a future bug writes directly:
 * totals equal the sums of the items, only drafts change, the lifecycle order, tenant-owned products.
 */
let test: TestDatabase;
let database: Database;
let db: ShippingClient;

beforeAll(async () => {
  test = await createTestDatabase('shipping_guards');
  database = await openDatabase(test.target);
  await applyMigrations(database.sql, fileURLToPath(new URL('../../../../prisma/shipping/migrations', import.meta.url)));
  db = createShippingClient(database.adapter);
  await seedShipping(db);
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.close();
  await test?.drop();
});

const draft = moreManifests.spicesToEmirates;
const delivered = manifests.coffeeToGermany;

/** Runs statements in one transaction and returns the error that ended it (or null). */
async function attempt(...statements: string[]): Promise<string | null> {
  return database.sql.withSession(async (session) => {
    await session.exec('BEGIN');
    try {
      for (const statement of statements) await session.exec(statement);
      await session.exec('COMMIT');
      return null;
    } catch (error) {
      await session.exec('ROLLBACK').catch(() => undefined);
      return (error as Error).message;
    }
  });
}

const totalsOf = async (id: string) =>
  (
    await database.sql.query<{ w: string; v: string; val: string }>(
      `SELECT "totalWeightKg"::text AS w, "totalVolumeM3"::text AS v, "totalValue"::text AS val FROM "Manifest" WHERE "id" = $1`,
      [id],
    )
  )[0];

describe('the shipping database guards', () => {
  it('seeds the demo manifests along the lifecycle, booking the delivered one from computed quotes', async () => {
    const row = await db.manifest.findUniqueOrThrow({ where: { id: delivered.id }, include: { selectedQuote: true } });
    expect(row.status).toBe('DELIVERED');
    expect(row.trackingNumber).toBe(delivered.trackingNumber);
    expect(row.carrierId).toBe(carriers.acmeMaersk.id);
    // 350 base + 0.12 x 900 kg + 40 x 1.8 m3 = 530.00; 8% fuel = 42.40; 0.25% of 7875.00 = 19.69
    expect(row.selectedQuote).toMatchObject({ service: 'OCEAN', status: 'SELECTED' });
    expect(row.selectedQuote!.total.toFixed(2)).toBe('592.09');
    expect(row.shippingCost!.toFixed(2)).toBe('592.09');
    expect(await totalsOf(delivered.id)).toEqual({ w: '900.000', v: '1.8000', val: '7875.00' });
    expect((await db.manifest.findUniqueOrThrow({ where: { id: moreManifests.coffeeToJapan.id } })).status).toBe('SUBMITTED');
  });

  it('rolls back a direct write that makes the totals differ from the sums of the items', async () => {
    const before = await totalsOf(draft.id);
    const error = await attempt(`UPDATE "Manifest" SET "totalWeightKg" = 1 WHERE "id" = '${draft.id}'`);
    expect(error).toContain('are not the sums of its items');
    expect(await totalsOf(draft.id)).toEqual(before);

    const sneaked = await attempt(
      `INSERT INTO "ManifestItem" ("id", "tenantId", "manifestId", "productId", "description", "quantity", "weightKg", "volumeM3", "value", "hsCode", "originCountry")
       VALUES (gen_random_uuid(), '${draft.tenantId}', '${draft.id}', '${products.pepper.id}', 'extra', 1, 5, 0, 10, '0904.11', 'IN')`,
    );
    expect(sneaked).toContain('are not the sums of its items');
    expect(await db.manifestItem.count({ where: { manifestId: draft.id } })).toBe(draft.items.length);
  });

  it('accepts an item change when the same transaction brings the totals along', async () => {
    const error = await attempt(
      `INSERT INTO "ManifestItem" ("id", "tenantId", "manifestId", "productId", "description", "quantity", "weightKg", "volumeM3", "value", "hsCode", "originCountry")
       VALUES ('00000099-0000-4000-8000-000000000001', '${draft.tenantId}', '${draft.id}', '${products.pepper.id}', 'extra', 1, 5, 0, 10, '0904.11', 'IN')`,
      `UPDATE "Manifest" SET "totalWeightKg" = "totalWeightKg" + 5, "totalValue" = "totalValue" + 10 WHERE "id" = '${draft.id}'`,
    );
    expect(error).toBeNull();
    expect(
      await attempt(
        `DELETE FROM "ManifestItem" WHERE "id" = '00000099-0000-4000-8000-000000000001'`,
        `UPDATE "Manifest" SET "totalWeightKg" = "totalWeightKg" - 5, "totalValue" = "totalValue" - 10 WHERE "id" = '${draft.id}'`,
      ),
    ).toBeNull();
  });

  it("refuses an item for another tenant's product, even with matching totals", async () => {
    const error = await attempt(
      `INSERT INTO "ManifestItem" ("id", "tenantId", "manifestId", "productId", "description", "quantity", "weightKg", "volumeM3", "value", "hsCode", "originCountry")
       VALUES (gen_random_uuid(), '${draft.tenantId}', '${draft.id}', '${products.yirgacheffe.id}', 'not ours', 1, 5, 0, 10, '0901.11', 'ET')`,
      `UPDATE "Manifest" SET "totalWeightKg" = "totalWeightKg" + 5, "totalValue" = "totalValue" + 10 WHERE "id" = '${draft.id}'`,
    );
    expect(error).toContain('ManifestItem_productId_tenantId_fkey');
  });

  it('refuses item changes and header edits once a manifest has left DRAFT', async () => {
    expect(await attempt(`DELETE FROM "ManifestItem" WHERE "manifestId" = '${delivered.id}'`)).toContain(
      'only a DRAFT manifest can be edited',
    );
    expect(await attempt(`UPDATE "ManifestItem" SET "description" = 'x' WHERE "manifestId" = '${delivered.id}'`)).toContain(
      'only a DRAFT manifest can be edited',
    );
    expect(await attempt(`UPDATE "Manifest" SET "currency" = 'EUR' WHERE "id" = '${delivered.id}'`)).toContain(
      'only a DRAFT manifest can be edited',
    );
  });

  it('moves a status only along the lifecycle', async () => {
    expect(await attempt(`UPDATE "Manifest" SET "status" = 'DRAFT' WHERE "id" = '${delivered.id}'`)).toContain(
      'cannot go from DELIVERED to DRAFT',
    );
    expect(await attempt(`UPDATE "Manifest" SET "status" = 'APPROVED' WHERE "id" = '${draft.id}'`)).toContain(
      'cannot go from DRAFT to APPROVED',
    );
    expect(
      await attempt(
        `INSERT INTO "Manifest" ("id", "tenantId", "publicId", "originCountry", "destinationCountry", "zone", "status", "currency", "createdById", "updatedAt")
         VALUES (gen_random_uuid(), '${draft.tenantId}', 'MAN-X', 'IN', 'AE', 'MIDDLE_EAST', 'APPROVED', 'USD', '${draft.createdById}', now())`,
      ),
    ).toContain('starts as DRAFT');
  });

  it('keeps a booking whole, derives the zone from the destination, and stores only encrypted credentials', async () => {
    expect(await attempt(`UPDATE "Manifest" SET "trackingNumber" = NULL WHERE "id" = '${delivered.id}'`)).toContain(
      'Manifest_booking_check',
    );
    expect(await attempt(`UPDATE "Manifest" SET "zone" = 'EUROPE' WHERE "id" = '${draft.id}'`)).toContain(
      'is not the shipping zone of destination AE',
    );
    expect(
      await attempt(
        `UPDATE "Carrier" SET "apiCredentialsEncrypted" = 'user:plain-text-secret', "credentialsUpdatedAt" = now() WHERE "id" = '${carriers.acmeDhl.id}'`,
      ),
    ).toContain('Carrier_apiCredentialsEncrypted_check');
  });
});
