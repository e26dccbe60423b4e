import { createLogger, Housekeeper, openDatabase, publishedOutboxTask, ServiceMetrics, type Database } from '@fed/service-kit';
import { createTestDatabase, type TestDatabase } from '@fed/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The housekeeping lease on PostgreSQL (two replicas = two pools on one database): the replica that
 * holds it runs the tasks, the other counts a skipped run and takes over once the holder stopped.
 */
let test: TestDatabase;
let first: Database;
let second: Database;
const logger = createLogger({ service: 'test', level: 'silent' });

const seed = (database: Database) =>
  database.sql.exec(`INSERT INTO "OutboxEvent" ("id", "publishedAt") VALUES
    (gen_random_uuid(), now() - interval '2 hours'), (gen_random_uuid(), now() - interval '3 hours'),
    (gen_random_uuid(), now()), (gen_random_uuid(), NULL)`);
const delivered = async (database: Database) =>
  (await database.sql.query<{ count: number }>(`SELECT count(*)::int AS count FROM "OutboxEvent" WHERE "publishedAt" IS NOT NULL`))[0]!
    .count;

beforeAll(async () => {
  test = await createTestDatabase('housekeeping_lease');
  first = await openDatabase(test.target);
  second = await openDatabase(test.target);
  await first.sql.exec(`CREATE TABLE "OutboxEvent" ("id" uuid PRIMARY KEY, "publishedAt" timestamptz)`);
});

afterAll(async () => {
  await second?.close();
  await first?.close();
  await test?.drop();
});

describe('the housekeeping lease', () => {
  it('one replica holds it; another runs only once the holder stopped', async () => {
    expect(test.target.kind).toBe('postgres');
    const holderMetrics = new ServiceMetrics('catalog');
    const holder = new Housekeeper('catalog', first.sql, [publishedOutboxTask(first.sql, 60)], holderMetrics, logger, 60_000);
    const otherMetrics = new ServiceMetrics('catalog');
    const other = new Housekeeper('catalog', second.sql, [publishedOutboxTask(second.sql, 60)], otherMetrics, logger, 60_000);
    holder.start();
    while (holderMetrics.housekeepingRuns.value(['outbox-published', 'ok']) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await seed(first);
    expect(await other.runOnceWithLease()).toBe(false);
    expect(otherMetrics.housekeepingRuns.value(['outbox-published', 'skipped'])).toBe(1);
    expect(await delivered(first)).toBe(3);
    await holder.stop();
    expect(await other.runOnceWithLease()).toEqual({ 'outbox-published': 2 });
    expect(await delivered(first)).toBe(1);
  });
});
