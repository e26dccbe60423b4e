/**
 * `npm run restore -- --from DIR [subgraph…]`: restores every subgraph in the backup DIR (or the
 * named ones) into the databases the environment names; a missing PostgreSQL database is created.
 * Stop the services first. Verify afterwards with `verifyAuditChain` (README runbook).
 */
import { parseBackupArguments, restoreDatabases, runMain } from '@fed/service-kit';

await runMain(async () => {
  const { folder, subgraphs } = parseBackupArguments(process.argv.slice(2), '--from');
  if (!folder) throw new Error('--from: the backup folder to restore is required');
  for (const entry of await restoreDatabases(folder, subgraphs)) console.log(`${entry.subgraph.padEnd(9)} restored from ${entry.file}`);
  console.log('restore complete');
});
