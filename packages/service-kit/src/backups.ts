import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { loadSubgraphConfig, SUBGRAPH_NAMES, type SubgraphName } from './service.ts';
import pg from 'pg';

/**
 * Backups of the subgraphs' databases, one file per subgraph plus a manifest with checksums.
 * PostgreSQL: `pg_dump --format=custom` (schema, data and the migration history; restored with
 * `pg_restore`, which recreates the audit table's triggers after loading its rows, so the append-only
 * rules hold again and the hash chain is byte for byte what it was). Embedded: PGlite's own dump of
 * the data folder (a tarball), restored by loading it into a fresh data folder.
 */
export interface BackupEntry {
  subgraph: SubgraphName;
  kind: 'postgres' | 'pglite';
  file: string;
  sha256: string;
  bytes: number;
}

export interface BackupManifest {
  createdAt: string;
  entries: BackupEntry[];
}

export const BACKUP_MANIFEST = 'manifest.json';

type Env = Record<string, string | undefined>;

/** Which subgraphs a command names (`users catalog`), all five by default; an unknown name is refused. */
export function subgraphsFrom(names: string[]): SubgraphName[] {
  if (names.length === 0) return [...SUBGRAPH_NAMES];
  for (const name of names) {
    if (!(SUBGRAPH_NAMES as readonly string[]).includes(name))
      throw new Error(`unknown subgraph "${name}" (one of ${SUBGRAPH_NAMES.join(', ')})`);
  }
  return names as SubgraphName[];
}

/** `--out DIR` / `--from DIR` and the subgraph names of a command line. */
export function parseBackupArguments(argv: string[], flag: '--out' | '--from'): { folder: string | undefined; subgraphs: SubgraphName[] } {
  let folder: string | undefined;
  const names: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === flag) folder = argv[++index];
    else if (argument.startsWith(`${flag}=`)) folder = argument.slice(flag.length + 1);
    else names.push(argument);
  }
  return { folder, subgraphs: subgraphsFrom(names) };
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('error', (error) => reject(new Error(`${command}: ${error.message} (is the PostgreSQL client installed?)`)));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${errors.trim()}`))));
  });
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function databaseOf(subgraph: SubgraphName, env: Env): { url: string | undefined; dataDir: string } {
  const config = loadSubgraphConfig(subgraph, env);
  return { url: config.databaseUrl, dataDir: join(config.DATA_DIR, subgraph) };
}

export async function backupDatabases(folder: string, subgraphs: SubgraphName[], env: Env = process.env): Promise<BackupManifest> {
  await mkdir(folder, { recursive: true });
  const entries: BackupEntry[] = [];
  for (const subgraph of subgraphs) {
    const { url, dataDir } = databaseOf(subgraph, env);
    let file: string;
    if (url) {
      file = `${subgraph}.dump`;
      await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--file', join(folder, file), '--dbname', url]);
    } else {
      if (!existsSync(dataDir))
        throw new Error(
          `${subgraph}: no embedded database at ${dataDir} (start the graph once, or set ${subgraph.toUpperCase()}_DATABASE_URL)`,
        );
      file = `${subgraph}.tar.gz`;
      // PGlite is one process's database: the graph must be stopped while its folder is dumped.
      const db = new PGlite({ dataDir });
      try {
        const dump = await db.dumpDataDir('gzip');
        await writeFile(join(folder, file), Buffer.from(await dump.arrayBuffer()));
      } finally {
        await db.close();
      }
    }
    const bytes = await readFile(join(folder, file));
    entries.push({ subgraph, kind: url ? 'postgres' : 'pglite', file, sha256: sha256(bytes), bytes: bytes.length });
  }
  const manifest: BackupManifest = { createdAt: new Date().toISOString(), entries };
  await writeFile(join(folder, BACKUP_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** Restores the named subgraphs from a backup folder into the databases the environment names (created when missing). */
export async function restoreDatabases(folder: string, subgraphs: SubgraphName[], env: Env = process.env): Promise<BackupEntry[]> {
  const manifest = JSON.parse(await readFile(join(folder, BACKUP_MANIFEST), 'utf8')) as BackupManifest;
  const restored: BackupEntry[] = [];
  for (const subgraph of subgraphs) {
    const entry = manifest.entries.find((candidate) => candidate.subgraph === subgraph);
    if (!entry) throw new Error(`${subgraph}: not in the backup at ${folder}`);
    const bytes = await readFile(join(folder, entry.file));
    if (sha256(bytes) !== entry.sha256) throw new Error(`${subgraph}: ${entry.file} does not match its checksum; the backup is damaged`);
    const { url, dataDir } = databaseOf(subgraph, env);
    if (entry.kind === 'postgres') {
      if (!url) throw new Error(`${subgraph}: a PostgreSQL backup needs ${subgraph.toUpperCase()}_DATABASE_URL`);
      const existed = await ensureDatabase(url);
      await run('pg_restore', [
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '--single-transaction',
        ...(existed ? ['--clean', '--if-exists'] : []),
        '--dbname',
        url,
        join(folder, entry.file),
      ]);
    } else {
      if (url)
        throw new Error(`${subgraph}: an embedded backup restores into the data folder; unset ${subgraph.toUpperCase()}_DATABASE_URL`);
      // The current folder is kept aside until the restored one opens.
      const aside = `${dataDir}.before-restore-${Date.now()}`;
      if (existsSync(dataDir)) await rename(dataDir, aside);
      await mkdir(dirname(dataDir), { recursive: true });
      try {
        const db = new PGlite({ dataDir, loadDataDir: new Blob([bytes]) });
        await db.query('SELECT 1');
        await db.close();
        await rm(aside, { recursive: true, force: true });
      } catch (error) {
        await rm(dataDir, { recursive: true, force: true });
        if (existsSync(aside)) await rename(aside, dataDir);
        throw error;
      }
    }
    restored.push(entry);
  }
  return restored;
}

/** Creates the database a URL names if it does not exist; true when it already did. */
async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return true;
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return false;
  } finally {
    await client.end();
  }
}
