import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SqlClient } from './database.ts';

/**
 * Applies Prisma-format migrations (`<dir>/<timestamp>_<name>/migration.sql`) and records them in
 * `_prisma_migrations` exactly as Prisma Migrate does, so `prisma migrate status`/`deploy` agree
 * with this runner wherever Prisma's native schema engine is installed. We need our own runner
 * because the embedded PGlite databases cannot be reached by that engine.
 */

/** Prisma Migrate's own advisory lock key: holding it keeps us and `prisma migrate deploy` from racing. */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  script: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export async function readMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    folders.map(async (name) => {
      const script = await readFile(join(migrationsDir, name, 'migration.sql'), 'utf8');
      // Prisma's checksum is the SHA-256 of the file's bytes, hex encoded.
      return { name, script, checksum: createHash('sha256').update(script).digest('hex') };
    }),
  );
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** Idempotent: applies only what is missing, each migration in its own transaction. */
export async function applyMigrations(sql: SqlClient, migrationsDir: string): Promise<MigrationReport> {
  const migrations = await readMigrations(migrationsDir);
  return sql.withSession(async (session) => {
    await session.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
    try {
      await session.exec(CREATE_MIGRATIONS_TABLE);
      const rows = await session.query<AppliedRow>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
      );
      const applied = new Map(rows.filter((row) => row.rolled_back_at === null).map((row) => [row.migration_name, row]));
      const report: MigrationReport = { applied: [], alreadyApplied: [] };
      for (const migration of migrations) {
        const existing = applied.get(migration.name);
        if (existing) {
          if (existing.finished_at === null) {
            throw new MigrationError(
              `Migration ${migration.name} started but never finished; resolve it (prisma migrate resolve) before deploying`,
            );
          }
          if (existing.checksum !== migration.checksum) {
            throw new MigrationError(
              `Migration ${migration.name} was edited after it was applied (checksum differs); add a new migration instead`,
            );
          }
          report.alreadyApplied.push(migration.name);
          continue;
        }
        await applyOne(session, migration);
        report.applied.push(migration.name);
      }
      if (report.applied.length > 0) await session.typesChanged();
      return report;
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
    }
  });
}

async function applyOne(session: SqlClient, migration: MigrationFile): Promise<void> {
  // The script and its record commit together: a failing migration leaves neither behind.
  await session.exec('BEGIN');
  try {
    await session.exec(migration.script);
    await session.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await session.exec('COMMIT');
  } catch (error) {
    await session.exec('ROLLBACK');
    throw new MigrationError(`Migration ${migration.name} failed: ${(error as Error).message}`);
  }
}
