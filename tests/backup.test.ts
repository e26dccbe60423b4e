import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openDatabase, SUBGRAPH_NAMES, type DatabaseTarget, type SubgraphName } from '@fed/service-kit';
import { createTestDatabase, type TestDatabase } from '@fed/service-kit/testing';
import { startStack, type RunningStack } from '@fed/stack';
import { createClient, LoginDocument } from '@fed/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, users } from '../prisma/demo-world.ts';
import { eventually } from './support/eventually.ts';
import { readmeOrdersQuery } from './support/readme-query.ts';

/**
 * `npm run backup` / `npm run restore` on PostgreSQL: the five databases are backed up with
 * pg_dump, dropped, restored with pg_restore, and the graph answers the README query exactly as
 * before, with every tenant's audit hash chain still verifying.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

let databases: Record<SubgraphName, TestDatabase>;
let dataDir: string;
let backupDir: string;
let env: Record<string, string>;

const urlOf = (name: SubgraphName) => (databases[name].target as Extract<DatabaseTarget, { kind: 'postgres' }>).url;

async function start(): Promise<RunningStack> {
  return startStack({ env, ephemeralPorts: true, databaseFor: (name) => databases[name].target });
}

async function graphql<Data>(stack: RunningStack, query: string, token?: string): Promise<Data> {
  const response = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data: Data; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function login(stack: RunningStack): Promise<string> {
  const { login } = await createClient({ url: stack.gateway.url }).request(LoginDocument, {
    input: { tenantSlug: 'acme', email: users.acmeAdmin.email, password: DEMO_PASSWORD },
  });
  return login.accessToken;
}

/** Waits until every outbox has delivered, so what is backed up is the whole history. */
async function outboxesDrained(stack: RunningStack): Promise<void> {
  await eventually(async () => {
    for (const name of ['users', 'catalog', 'shipping', 'exports'] as const) {
      const [row] = await stack.subgraphs[name].sql.query<{ pending: number }>(
        `SELECT count(*)::int AS pending FROM "OutboxEvent" WHERE "publishedAt" IS NULL`,
      );
      expect(row!.pending).toBe(0);
    }
  });
}

const CHAIN = '{ verifyAuditChain { valid checkedCount firstBroken { sequence } } }';
type Chain = { verifyAuditChain: { valid: boolean; checkedCount: number; firstBroken: unknown } };

let before: { answer: unknown; chain: Chain['verifyAuditChain'] };
let after: { answer: unknown; chain: Chain['verifyAuditChain'] };
let backupOutput: string;

beforeAll(async () => {
  databases = Object.fromEntries(
    await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await createTestDatabase(`backup_${name}`)] as const)),
  ) as Record<SubgraphName, TestDatabase>;
  dataDir = await mkdtemp(join(tmpdir(), 'fed-backup-data-'));
  backupDir = await mkdtemp(join(tmpdir(), 'fed-backup-'));
  env = { LOG_LEVEL: 'silent', DATA_DIR: dataDir, SEED_DEMO_DATA: 'true', OUTBOX_RELAY_INTERVAL_MS: '50' };
  const databaseEnv = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_DATABASE_URL`, urlOf(name)]));

  const first = await start();
  try {
    const token = await login(first);
    // A change of our own, audited, so the chain holds more than the seed.
    await graphql(
      first,
      `
        mutation {
          createCategory(input: { name: "Backed up", slug: "backed-up" }) {
            id
          }
        }
      `,
      token,
    );
    await outboxesDrained(first);
    before = {
      answer: await graphql(first, readmeOrdersQuery(), token),
      chain: (await graphql<Chain>(first, CHAIN, token)).verifyAuditChain,
    };
  } finally {
    await first.close();
  }

  const script = (name: string, ...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', join(root, 'scripts', name), ...args], {
      cwd: root,
      env: { ...process.env, ...databaseEnv, LOG_LEVEL: 'silent' },
    });
  backupOutput = (await script('backup.ts', '--out', backupDir)).stdout;
  // The disaster: all five databases are gone.
  const admin = await openDatabase({ kind: 'postgres', url: process.env.TEST_DATABASE_URL!, poolSize: 1 });
  for (const name of SUBGRAPH_NAMES) await admin.sql.query(`DROP DATABASE "${new URL(urlOf(name)).pathname.slice(1)}" WITH (FORCE)`);
  await admin.close();
  await script('restore.ts', '--from', backupDir);

  const second = await start();
  try {
    const token = await login(second);
    after = {
      answer: await graphql(second, readmeOrdersQuery(), token),
      chain: (await graphql<Chain>(second, CHAIN, token)).verifyAuditChain,
    };
  } finally {
    await second.close();
  }
});

afterAll(async () => {
  for (const database of Object.values(databases ?? {})) await database.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (backupDir) await rm(backupDir, { recursive: true, force: true });
});

describe('backup and restore on PostgreSQL', () => {
  it('backs up each of the five databases with pg_dump, with a manifest of checksums', async () => {
    const manifest = JSON.parse(await readFile(join(backupDir, 'manifest.json'), 'utf8')) as {
      entries: { subgraph: string; kind: string; file: string; sha256: string }[];
    };
    expect(manifest.entries.map((entry) => entry.subgraph)).toEqual([...SUBGRAPH_NAMES]);
    for (const entry of manifest.entries) {
      expect(entry).toMatchObject({ kind: 'postgres', file: `${entry.subgraph}.dump` });
      expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
      // pg_dump's custom format starts with its magic.
      expect((await readFile(join(backupDir, entry.file))).subarray(0, 5).toString()).toBe('PGDMP');
    }
    expect(backupOutput).toContain('backup complete');
  });

  it('after dropping and restoring the databases the README query answers identically', () => {
    expect(before.answer).toBeTruthy();
    expect(after.answer).toEqual(before.answer);
  });

  it("the restored audit log's hash chain verifies, with every event that was backed up", () => {
    expect(before.chain).toMatchObject({ valid: true, firstBroken: null });
    expect(after.chain).toMatchObject({ valid: true, firstBroken: null });
    // The events since the restore (the new sign-in) come on top of the backed-up ones.
    expect(after.chain.checkedCount).toBeGreaterThanOrEqual(before.chain.checkedCount);
    expect(before.chain.checkedCount).toBeGreaterThan(0);
  });

  it('refuses a damaged backup without touching the database', async () => {
    const { restoreDatabases } = await import('@fed/service-kit');
    const manifestPath = join(backupDir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { entries: { sha256: string }[] };
    manifest.entries[0]!.sha256 = '0'.repeat(64);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(manifestPath, JSON.stringify(manifest));
    await expect(restoreDatabases(backupDir, ['users'], { USERS_DATABASE_URL: urlOf('users') })).rejects.toThrow(
      /users: users\.dump does not match its checksum/,
    );
  });
});
