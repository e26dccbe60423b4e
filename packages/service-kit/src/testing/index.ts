import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseTarget } from '../database.ts';
import type { SqlStatement } from './explain.ts';

export * from './explain.ts';

/** Column selection off: the answer reading every column, to compare the selective one with. */
export { readEveryColumn } from '../selection.ts';

/**
 * Fresh, isolated databases for tests. With TEST_DATABASE_URL (a PostgreSQL server, as in CI) each
 * call creates a new database and `drop()` removes it; otherwise each call gets a new in-memory
 * PGlite, started from a snapshot of an empty cluster (see vitest.global-setup.ts)
 * because initialising PGlite from scratch costs seconds.
 */
export interface TestDatabase {
  target: DatabaseTarget;
  drop(): Promise<void>;
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const template = pgliteTemplatePath();
    const target: DatabaseTarget = existsSync(template)
      ? { kind: 'pglite', loadDataDir: new Blob([await readFile(template)]) }
      : { kind: 'pglite' };
    return { target, drop: async () => {} };
  }
  const name = `test_${label.replace(/\W/g, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: url.toString(), poolSize: 5 },
    drop: () =>
      withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdminClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Records SQL statements with their parameters, optionally per subgraph: for assertions on how
 * many statements an operation costs (which must not depend on speed) and for EXPLAINing them.
 */
export class StatementCounter {
  private readonly statements: ({ source: string } & SqlStatement)[] = [];

  record = (source: string, sql: string, params: unknown[] = []): void => {
    this.statements.push({ source, sql, params });
  };

  reset(): void {
    this.statements.length = 0;
  }

  count(source?: string): number {
    return this.recorded(source).length;
  }

  list(source?: string): string[] {
    return this.recorded(source).map((statement) => statement.sql);
  }

  /** The statements with their parameters, ready to EXPLAIN. */
  recorded(source?: string): SqlStatement[] {
    return this.statements.filter((statement) => !source || statement.source === source).map(({ sql, params }) => ({ sql, params }));
  }
}

/** Where the empty-cluster snapshot lives: one per PGlite version, shared by test runs. */
export function pgliteTemplatePath(): string {
  // The kit pins PGlite exactly, so its declared version is the installed one.
  const manifest = createRequire(import.meta.url)('../../package.json') as { dependencies: Record<string, string> };
  const version = manifest.dependencies['@electric-sql/pglite'];
  return join(tmpdir(), `fed-pglite-template-${version}.tar`);
}
