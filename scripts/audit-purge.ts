/**
 * `npm run audit:purge`: removes audit events whose retention has ended (AUDIT_RETENTION_DAYS at the
 * time each was recorded) while keeping every tenant's chain verifiable. Run it on a schedule.
 */
import { databaseTargetFor, loadSubgraphConfig, openDatabase, runMain } from '@fed/service-kit';
import { join } from 'node:path';
import { createAuditClient } from '../subgraphs/audit/src/db.ts';
import { purgeExpiredEvents } from '../subgraphs/audit/src/events/purge.ts';

await runMain(async () => {
  const config = loadSubgraphConfig('audit');
  const database = await openDatabase(databaseTargetFor({ url: config.databaseUrl, poolSize: 1, dataDir: join(config.DATA_DIR, 'audit') }));
  const client = createAuditClient(database.adapter);
  try {
    console.log(`audit events purged: ${await purgeExpiredEvents(client)}`);
  } finally {
    await client.$disconnect();
    await database.close();
  }
});
