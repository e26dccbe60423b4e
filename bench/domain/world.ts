/**
 * The benchmark's databases: five PostgreSQL databases (bench_<subgraph>) on one server, migrated
 * and filled with the volume world. Every run seeds afresh (under a minute), because the previous
 * run's placeOrder traffic changed the data; `--reuse` keeps databases seeded from the same scale,
 * seed, seeder and migrations, for quick iterations.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { applyMigrations, openDatabase, SUBGRAPH_NAMES, type Database, type SubgraphName } from '@fed/service-kit';
import { seedVolume, type VolumeDatabases, type VolumeScale, type VolumeTenant } from '../../prisma/volume-world.ts';

export interface BenchWorld {
  databaseUrls: Record<SubgraphName, string>;
  tenants: VolumeTenant[];
  /** Seconds spent seeding (0 when the databases were reused). */
  seedSeconds: number;
}

const migrationsOf = (name: SubgraphName) => fileURLToPath(new URL(`../../prisma/${name}/migrations`, import.meta.url));

/** Same scale, seed, seeder and migrations give the same fingerprint: the databases can be reused. */
async function fingerprintOf(scale: VolumeScale, seed: number): Promise<string> {
  const migrations = await Promise.all(SUBGRAPH_NAMES.map(async (name) => (await readdir(migrationsOf(name))).sort().join(',')));
  const seeder = await readFile(fileURLToPath(new URL('../../prisma/volume-world.ts', import.meta.url)), 'utf8');
  return createHash('sha256').update(JSON.stringify({ scale, seed, migrations, seeder })).digest('hex').slice(0, 16);
}

async function withServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** What was seeded last time, if the fingerprint matches (kept in the users database). */
async function reusable(usersUrl: string, fingerprint: string): Promise<VolumeTenant[] | null> {
  return withServer(usersUrl, async (client) => {
    const rows = await client
      .query<{ tenants: VolumeTenant[] }>('SELECT "tenants" FROM "_bench_volume" WHERE "fingerprint" = $1', [fingerprint])
      .then((result) => result.rows)
      .catch(() => []);
    return rows[0]?.tenants ?? null;
  }).catch(() => null);
}

export async function prepareBenchWorld(options: {
  serverUrl: string;
  scale: VolumeScale;
  seed: number;
  reseed: boolean;
  log: (line: string) => void;
}): Promise<BenchWorld> {
  const databaseUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, databaseUrl(options.serverUrl, `bench_${name}`)])) as Record<
    SubgraphName,
    string
  >;
  const fingerprint = await fingerprintOf(options.scale, options.seed);
  if (!options.reseed) {
    const tenants = await reusable(databaseUrls.users, fingerprint);
    if (tenants) {
      options.log(`reusing the volume world in bench_* (fingerprint ${fingerprint}; it holds the orders earlier runs placed)`);
      return { databaseUrls, tenants, seedSeconds: 0 };
    }
  }
  const started = performance.now();
  await withServer(options.serverUrl, async (client) => {
    for (const name of SUBGRAPH_NAMES) {
      await client.query(`DROP DATABASE IF EXISTS "bench_${name}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "bench_${name}"`);
    }
  });
  const databases = {} as Record<SubgraphName, Database>;
  try {
    for (const name of SUBGRAPH_NAMES) {
      databases[name] = await openDatabase({ kind: 'postgres', url: databaseUrls[name], poolSize: 4 });
      await applyMigrations(databases[name].sql, migrationsOf(name));
    }
    options.log(`seeding the volume world (seed ${options.seed}) …`);
    const tenants = await seedVolume(
      Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, databases[name].sql])) as VolumeDatabases,
      options.scale,
      options.seed,
    );
    for (const name of SUBGRAPH_NAMES) await databases[name].sql.exec('ANALYZE');
    await databases.users.sql.exec('CREATE TABLE "_bench_volume" ("fingerprint" TEXT PRIMARY KEY, "tenants" JSONB NOT NULL)');
    await databases.users.sql.query('INSERT INTO "_bench_volume" VALUES ($1, $2::jsonb)', [fingerprint, JSON.stringify(tenants)]);
    return { databaseUrls, tenants, seedSeconds: (performance.now() - started) / 1000 };
  } finally {
    await Promise.all(Object.values(databases).map((database) => database.close()));
  }
}
