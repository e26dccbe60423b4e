import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapterFactory } from '@prisma/client/runtime/client';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { PoolStats } from './service-metrics.ts';

/** What a subgraph's database is, decided by configuration. */
export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize: number }
  /** Embedded PostgreSQL: persisted under dataDir, in memory without one; loadDataDir seeds it from a snapshot. */
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

/** The few raw operations the platform needs besides Prisma: migrations, locks, counters. */
export interface SqlClient {
  readonly kind: DatabaseTarget['kind'];
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script that may hold several statements. */
  exec(script: string): Promise<void>;
  /** Runs fn on one connection, for work that must not hop between pooled connections (session locks). */
  withSession<T>(fn: (session: SqlClient) => Promise<T>): Promise<T>;
  /**
   * Tells the client that migrations created types. PGlite encodes an array parameter only for
   * the array types it knew when it started: an array of an enum created since (a `Role[]`
   * filter, say) would be sent as plain text and refused. PostgreSQL's clients need nothing.
   */
  typesChanged(): Promise<void>;
}

export interface Database {
  readonly sql: SqlClient;
  /** Hand this to the subgraph's generated PrismaClient. */
  readonly adapter: SqlDriverAdapterFactory;
  /** Connection counts now (metrics). */
  pool(): PoolStats;
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'postgres' ? openPostgres(target) : openPGlite(target);
}

function openPostgres(target: Extract<DatabaseTarget, { kind: 'postgres' }>): Database {
  // One pool per process, shared by Prisma and the raw client, so the pool size is the real cap.
  const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize });
  // An idle connection can be cut by the server (restart, failover, an administrator, a dropped
  // database while the pool is closing). pg discards that client and the next query opens a new
  // one; without a listener the event would crash the process instead.
  pool.on('error', () => {});
  const adapter = new PrismaPg(pool);
  const fromQueryable = (queryable: pg.Pool | pg.PoolClient): SqlClient => ({
    kind: 'postgres',
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await queryable.query(sql, params);
      return result.rows as Row[];
    },
    async exec(script: string) {
      await queryable.query(script);
    },
    async typesChanged() {},
    async withSession<T>(fn: (session: SqlClient) => Promise<T>) {
      if (!(queryable instanceof pg.Pool)) return fn(fromQueryable(queryable));
      const client = await pool.connect();
      try {
        return await fn(fromQueryable(client));
      } finally {
        client.release();
      }
    },
  });
  return {
    sql: fromQueryable(pool),
    adapter,
    pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: target.poolSize }),
    close: () => pool.end(),
  };
}

async function openPGlite(target: Extract<DatabaseTarget, { kind: 'pglite' }>): Promise<Database> {
  if (target.dataDir) await mkdir(dirname(target.dataDir), { recursive: true });
  const db = new PGlite({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
  });
  await db.waitReady;
  const sql: SqlClient = {
    kind: 'pglite',
    async query<Row>(text: string, params: unknown[] = []) {
      const result = await db.query<Row>(text, params);
      return result.rows;
    },
    async exec(script: string) {
      await db.exec(script);
    },
    typesChanged: () => db.refreshArrayTypes(),
    // PGlite is a single connection: the session is the database itself.
    withSession: (fn) => fn(sql),
  };
  return {
    sql,
    adapter: new PrismaPGlite(db),
    // One connection, always open; PGlite queues statements internally and does not say how many wait.
    pool: () => ({ total: 1, idle: 1, waiting: 0, max: 1 }),
    close: () => db.close(),
  };
}

/** The target for a subgraph: its own URL when set, otherwise embedded under the data folder. */
export function databaseTargetFor(options: { url: string | undefined; poolSize: number; dataDir: string | undefined }): DatabaseTarget {
  if (options.url) return { kind: 'postgres', url: options.url, poolSize: options.poolSize };
  return { kind: 'pglite', ...(options.dataDir ? { dataDir: options.dataDir } : {}) };
}
