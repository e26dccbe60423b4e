import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.ts';
import { Housekeeper, publishedOutboxTask } from './housekeeping.ts';
import { createLogger } from './logger.ts';
import { ServiceMetrics } from './service-metrics.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

/**
 * Scheduled housekeeping: delivered outbox rows past their retention are deleted (undelivered and
 * recent ones never), and every run is counted. The lease between replicas: tests/housekeeping-lease.test.ts.
 */
let test: TestDatabase;
let first: Database;
const logger = createLogger({ service: 'test', level: 'silent' });

const seed = (database: Database) =>
  database.sql.exec(`
    INSERT INTO "OutboxEvent" ("id", "publishedAt") VALUES
      (gen_random_uuid(), now() - interval '2 hours'),
      (gen_random_uuid(), now() - interval '3 hours'),
      (gen_random_uuid(), now()),
      (gen_random_uuid(), NULL)`);
const remaining = async (database: Database) =>
  (
    await database.sql.query<{ delivered: number; pending: number }>(
      `SELECT count(*) FILTER (WHERE "publishedAt" IS NOT NULL)::int AS delivered, count(*) FILTER (WHERE "publishedAt" IS NULL)::int AS pending FROM "OutboxEvent"`,
    )
  )[0]!;

beforeAll(async () => {
  test = await createTestDatabase('housekeeping');
  first = await openDatabase(test.target);
  await first.sql.exec(`CREATE TABLE "OutboxEvent" ("id" uuid PRIMARY KEY, "publishedAt" timestamptz)`);
});

afterAll(async () => {
  await first?.close();
  await test?.drop();
});

describe('housekeeping', () => {
  it('deletes delivered outbox rows past the retention, in batches, and counts what it removed', async () => {
    await seed(first);
    const metrics = new ServiceMetrics('catalog');
    const housekeeper = new Housekeeper('catalog', first.sql, [publishedOutboxTask(first.sql, 60, 1)], metrics, logger, 60_000);
    expect(await housekeeper.runOnceWithLease()).toEqual({ 'outbox-published': 2 });
    expect(await remaining(first)).toEqual({ delivered: 1, pending: 1 });
    expect(metrics.housekeepingRemoved.value(['outbox-published'])).toBe(2);
    expect(metrics.housekeepingRuns.value(['outbox-published', 'ok'])).toBe(1);
    await first.sql.exec(`DELETE FROM "OutboxEvent"`);
  });

  it('counts a failing task as failed and keeps running the others', async () => {
    const metrics = new ServiceMetrics('catalog');
    const failing = { name: 'broken', run: () => Promise.reject(new Error('no such table')) };
    const housekeeper = new Housekeeper('catalog', first.sql, [failing, publishedOutboxTask(first.sql, 0)], metrics, logger, 60_000);
    expect(await housekeeper.runOnce()).toEqual({ 'outbox-published': 0 });
    expect(metrics.housekeepingRuns.value(['broken', 'failed'])).toBe(1);
  });
});
