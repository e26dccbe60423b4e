import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.ts';
import type { EventTransport } from './events.ts';
import { createLogger } from './logger.ts';
import { applyMigrations } from './migrations.ts';
import { recordAuditEvent, type AuditEventPayload } from './outbox.ts';
import { OutboxRelay } from './outbox-relay.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

const TENANT = '00000000-0000-4000-8000-0000000000aa';
const silent = createLogger({ service: 'test', level: 'silent' });

/** Records what it was asked to publish; can be told to fail. */
class RecordingTransport implements EventTransport {
  published: AuditEventPayload[] = [];
  failing = false;
  async publishWatermark(): Promise<void> {}
  async publish(events: AuditEventPayload[]): Promise<void> {
    if (this.failing) throw new Error('transport down');
    // Yield so concurrent relays really interleave.
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.published.push(...events);
  }
}

describe('outbox relay', () => {
  let test: TestDatabase;
  let database: Database;
  beforeAll(async () => {
    test = await createTestDatabase('relay');
    database = await openDatabase(test.target);
    await applyMigrations(database.sql, new URL('../../../prisma/users/migrations', import.meta.url).pathname);
  });
  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  const writeEvents = async (count: number) => {
    const executor = { $executeRawUnsafe: async (query: string, ...values: unknown[]) => (await database.sql.query(query, values)).length };
    const context = { identity: null, requestId: 'relay-test', client: { ip: null, userAgent: null } };
    for (let index = 0; index < count; index++) {
      await recordAuditEvent(executor, context, 'users', {
        tenantId: TENANT,
        action: 'thing.happened',
        entityType: 'Thing',
        entityId: String(index),
      });
    }
  };

  it('publishes every event exactly once when several relays drain the same outbox at once', async () => {
    await writeEvents(60);
    const transport = new RecordingTransport();
    const relays = [1, 2, 3].map(() => new OutboxRelay(database.sql, transport, silent, { batchSize: 7 }));
    for (let round = 0; round < 20; round++) await Promise.all(relays.map((relay) => relay.drainOnce()));
    const ids = transport.published.map((event) => event.entityId);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    const [pending] = await database.sql.query<{ count: string }>(
      `SELECT count(*)::text AS count FROM "OutboxEvent" WHERE "publishedAt" IS NULL`,
    );
    expect(pending!.count).toBe('0');
  });

  it('keeps events and backs off while the transport fails, then delivers them', async () => {
    await writeEvents(5);
    const transport = new RecordingTransport();
    transport.failing = true;
    const relay = new OutboxRelay(database.sql, transport, silent, { maxBackoffMs: 1 });
    expect(await relay.drainOnce()).toBe(0);
    const [failed] = await database.sql.query<{ count: string; errors: string }>(
      `SELECT count(*)::text AS count, max("lastError") AS errors FROM "OutboxEvent" WHERE "publishedAt" IS NULL`,
    );
    expect(failed).toEqual({ count: '5', errors: 'transport down' });
    transport.failing = false;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await relay.drainOnce()).toBe(5);
    expect(transport.published).toHaveLength(5);
  });
});
