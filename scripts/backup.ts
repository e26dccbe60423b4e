/**
 * `npm run backup -- [--out DIR] [subgraph…]`: backs up every subgraph's database (or the named
 * ones) into DIR (default backups/<timestamp>): pg_dump on PostgreSQL, the data folder embedded.
 */
import { join } from 'node:path';
import { backupDatabases, parseBackupArguments, runMain } from '@fed/service-kit';

await runMain(async () => {
  const { folder, subgraphs } = parseBackupArguments(process.argv.slice(2), '--out');
  const target = folder ?? join('backups', new Date().toISOString().replace(/[:.]/g, '-'));
  const manifest = await backupDatabases(target, subgraphs);
  for (const entry of manifest.entries)
    console.log(`${entry.subgraph.padEnd(9)} ${entry.kind.padEnd(8)} ${join(target, entry.file)} (${entry.bytes} bytes)`);
  console.log(`backup complete: ${target}`);
});
