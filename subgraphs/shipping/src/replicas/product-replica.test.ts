import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { applyMigrations, createLogger, openDatabase, type AuditEventPayload, type Database } from '@fed/service-kit';
import { createTestDatabase, type TestDatabase } from '@fed/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenants } from '../../../../prisma/demo-world.ts';
import { createShippingClient, type ShippingClient } from '../db.ts';
import { CatalogEventError, applyCatalogEvent, catalogEventHandler } from './product-replica.ts';

let test: TestDatabase;
let database: Database;
let db: ShippingClient;

beforeAll(async () => {
  test = await createTestDatabase('shipping_replica');
  database = await openDatabase(test.target);
  await applyMigrations(database.sql, fileURLToPath(new URL('../../../../prisma/shipping/migrations', import.meta.url)));
  db = createShippingClient(database.adapter);
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.close();
  await test?.drop();
});

/** A catalog outbox event as the relay delivers it. */
function productEvent(
  action: 'product.created' | 'product.updated' | 'product.deleted',
  product: { id: string; tenantId?: string; name?: string; status?: string; weightKg?: string },
  occurredAt: string,
): AuditEventPayload {
  const tenantId = product.tenantId ?? tenants.acme.id;
  const snapshot = {
    id: product.id,
    tenantId,
    sku: 'SKU-1',
    name: product.name ?? 'Coffee',
    hsCode: '0901.11',
    weightKg: product.weightKg ?? '60.000',
    status: product.status ?? 'ACTIVE',
  };
  return {
    eventId: randomUUID(),
    tenantId,
    actorId: null,
    actorRole: null,
    service: 'catalog',
    action,
    entityType: 'Product',
    entityId: product.id,
    before: null,
    after: snapshot,
    requestId: null,
    ip: null,
    userAgent: null,
    severity: 'INFO',
    tags: [],
    occurredAt,
  };
}

const replica = (id: string) => db.productReplica.findUnique({ where: { id } });

describe('the catalog product replica', () => {
  it('applies an event once: a redelivery changes nothing', async () => {
    const id = randomUUID();
    const created = productEvent('product.created', { id }, '2026-03-01T10:00:00.000Z');
    expect(await applyCatalogEvent(db, created)).toBe('applied');
    expect(await applyCatalogEvent(db, created)).toBe('stale');
    expect(await replica(id)).toMatchObject({ name: 'Coffee', active: true, tenantId: tenants.acme.id });
    expect((await replica(id))!.weightKg.toFixed(3)).toBe('60.000');
  });

  it('ignores an event older than the one it already applied, whatever the delivery order', async () => {
    const id = randomUUID();
    const created = productEvent('product.created', { id, name: 'v1' }, '2026-03-01T10:00:00.000Z');
    const renamed = productEvent('product.updated', { id, name: 'v2' }, '2026-03-01T11:00:00.000Z');
    const discontinued = productEvent('product.updated', { id, name: 'v3', status: 'DISCONTINUED' }, '2026-03-01T12:00:00.000Z');
    // Delivered newest first: the older ones must not win.
    expect(await applyCatalogEvent(db, discontinued)).toBe('applied');
    expect(await applyCatalogEvent(db, created)).toBe('stale');
    expect(await applyCatalogEvent(db, renamed)).toBe('stale');
    expect(await replica(id)).toMatchObject({ name: 'v3', active: false });
  });

  it('deactivates a deleted product, and a delete wins a tie with an update', async () => {
    const id = randomUUID();
    const at = '2026-03-02T09:00:00.000Z';
    await applyCatalogEvent(db, productEvent('product.updated', { id }, at));
    expect(await applyCatalogEvent(db, productEvent('product.deleted', { id }, at))).toBe('applied');
    expect(await applyCatalogEvent(db, productEvent('product.updated', { id }, at))).toBe('stale');
    expect((await replica(id))!.active).toBe(false);
  });

  it("never lets one tenant's event change another tenant's product", async () => {
    const id = randomUUID();
    await applyCatalogEvent(db, productEvent('product.created', { id, name: 'acme product' }, '2026-03-03T09:00:00.000Z'));
    const hijack = productEvent('product.updated', { id, tenantId: tenants.globex.id, name: 'globex' }, '2026-03-03T10:00:00.000Z');
    expect(await applyCatalogEvent(db, hijack)).toBe('stale');
    const mismatched = { ...productEvent('product.updated', { id }, '2026-03-03T11:00:00.000Z'), tenantId: tenants.globex.id };
    await expect(applyCatalogEvent(db, mismatched)).rejects.toThrow(CatalogEventError);
    expect(await replica(id)).toMatchObject({ name: 'acme product', tenantId: tenants.acme.id });
  });

  it('ignores events that are not catalog product events', async () => {
    const id = randomUUID();
    const order = { ...productEvent('product.created', { id }, '2026-03-04T09:00:00.000Z'), entityType: 'Order', action: 'order.placed' };
    expect(await applyCatalogEvent(db, order)).toBe('ignored');
    expect(
      await applyCatalogEvent(db, { ...productEvent('product.created', { id }, '2026-03-04T09:00:00.000Z'), service: 'exports' }),
    ).toBe('ignored');
    expect(await replica(id)).toBeNull();
  });

  it('consumes a batch from the event bus, skipping (and logging) a malformed event instead of blocking the stream', async () => {
    const lines: string[] = [];
    const handle = catalogEventHandler(db, createLogger({ service: 'shipping', sink: (line) => lines.push(line) }));
    const [first, second] = [randomUUID(), randomUUID()];
    const malformed = {
      ...productEvent('product.updated', { id: randomUUID() }, '2026-03-05T09:00:00.000Z'),
      after: { id: 'not-a-product' },
    };
    await handle([
      productEvent('product.created', { id: first }, '2026-03-05T09:00:00.000Z'),
      malformed,
      productEvent('product.created', { id: second }, '2026-03-05T09:00:00.000Z'),
    ]);
    expect(await replica(first)).not.toBeNull();
    expect(await replica(second)).not.toBeNull();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(malformed.eventId);
  });
});
