import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.ts';
import { applyMigrations, MigrationError, readMigrations } from './migrations.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

const CATALOG_MIGRATIONS = new URL('../../../prisma/catalog/migrations', import.meta.url).pathname;

describe('migration runner', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function freshDatabase(label: string): Promise<Database> {
    const test: TestDatabase = await createTestDatabase(label);
    const database = await openDatabase(test.target);
    cleanup.push(
      () => test.drop(),
      () => database.close(),
    );
    return database;
  }

  async function copyOfMigrations(): Promise<string> {
    const folder = await mkdtemp(join(tmpdir(), 'migrations-'));
    await cp(CATALOG_MIGRATIONS, folder, { recursive: true });
    cleanup.push(() => rm(folder, { recursive: true, force: true }));
    return folder;
  }

  it('records applied migrations in _prisma_migrations the way Prisma Migrate does', async () => {
    const database = await freshDatabase('record');
    const report = await applyMigrations(database.sql, CATALOG_MIGRATIONS);
    const files = await readMigrations(CATALOG_MIGRATIONS);
    expect(report.applied).toEqual(files.map((file) => file.name));

    const rows = await database.sql.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
      rolled_back_at: Date | null;
    }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((row) => row.migration_name)).toEqual(files.map((file) => file.name));
    for (const [index, row] of rows.entries()) {
      expect(row.checksum).toBe(files[index]!.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('lets arrays of the enums the migrations created be sent as parameters (PGlite learns the new types)', async () => {
    const database = await freshDatabase('enum_arrays');
    await applyMigrations(database.sql, CATALOG_MIGRATIONS);
    const [row] = await database.sql.query<{ statuses: string }>('SELECT $1::"OrderStatus"[]::text AS "statuses"', [
      ['PENDING', 'SHIPPED'],
    ]);
    expect(row!.statuses).toBe('{PENDING,SHIPPED}');
  });

  it('is idempotent: a second run applies nothing', async () => {
    const database = await freshDatabase('idempotent');
    await applyMigrations(database.sql, CATALOG_MIGRATIONS);
    const second = await applyMigrations(database.sql, CATALOG_MIGRATIONS);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied.length).toBeGreaterThan(0);
  });

  it('lets concurrent runners apply each migration exactly once (advisory lock)', async () => {
    const database = await freshDatabase('concurrent');
    const reports = await Promise.all([1, 2, 3].map(() => applyMigrations(database.sql, CATALOG_MIGRATIONS)));
    const appliedCounts = reports.map((report) => report.applied.length).sort();
    const files = await readMigrations(CATALOG_MIGRATIONS);
    expect(appliedCounts).toEqual([0, 0, files.length]);
    const [{ count }] = (await database.sql.query<{ count: string }>('SELECT count(*)::text AS count FROM "_prisma_migrations"')) as [
      { count: string },
    ];
    expect(Number(count)).toBe(files.length);
  });

  it('refuses a migration edited after it was applied', async () => {
    const database = await freshDatabase('edited');
    const folder = await copyOfMigrations();
    await applyMigrations(database.sql, folder);
    const [first] = await readMigrations(folder);
    const path = join(folder, first!.name, 'migration.sql');
    await writeFile(path, `${await readFile(path, 'utf8')}\n-- an edit\n`);
    await expect(applyMigrations(database.sql, folder)).rejects.toThrow(/was edited after it was applied/);
  });

  it('leaves nothing behind when a migration fails', async () => {
    const database = await freshDatabase('failing');
    const folder = await copyOfMigrations();
    await mkdir(join(folder, '29990101000000_broken'));
    await writeFile(
      join(folder, '29990101000000_broken', 'migration.sql'),
      'CREATE TABLE "HalfDone" ("id" INTEGER);\nALTER TABLE "NoSuchTable" ADD COLUMN "x" INTEGER;\n',
    );
    const error = await applyMigrations(database.sql, folder).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toContain('29990101000000_broken');
    const tables = await database.sql.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_name = 'HalfDone'`,
    );
    expect(tables).toEqual([]);
    const recorded = await database.sql.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '29990101000000_broken'`);
    expect(recorded).toEqual([]);
  });
});
