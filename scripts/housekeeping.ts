/**
 * `npm run housekeeping -- [subgraph…]`: runs every subgraph's scheduled housekeeping once (the
 * deletion of delivered outbox rows, the audit retention purge) under the same lease the services
 * take, then exits: the CronJob variant, for deployments that set HOUSEKEEPING_ENABLED=false.
 */
import { join } from 'node:path';
import {
  createLogger,
  databaseTargetFor,
  Housekeeper,
  housekeepingTasks,
  loadSubgraphConfig,
  openDatabase,
  runMain,
  ServiceMetrics,
  subgraphsFrom,
} from '@fed/service-kit';
import { createAuditClient } from '../subgraphs/audit/src/db.ts';
import { purgeExpiredEvents } from '../subgraphs/audit/src/events/purge.ts';

await runMain(async () => {
  const logger = createLogger({ service: 'housekeeping', level: 'info' });
  for (const name of subgraphsFrom(process.argv.slice(2))) {
    const config = loadSubgraphConfig(name);
    const database = await openDatabase(databaseTargetFor({ url: config.databaseUrl, poolSize: 2, dataDir: join(config.DATA_DIR, name) }));
    const audit = name === 'audit' ? createAuditClient(database.adapter) : null;
    try {
      const tasks = housekeepingTasks(
        { publishesEvents: name !== 'audit' },
        { housekeeping: audit ? [{ name: 'audit-retention', run: () => purgeExpiredEvents(audit) }] : [] },
        database.sql,
        config,
      );
      const housekeeper = new Housekeeper(name, database.sql, tasks, new ServiceMetrics(name), logger, config.HOUSEKEEPING_INTERVAL_MS);
      const removed = await housekeeper.runOnceWithLease();
      // A failed task fails the job, so the CronJob's failure shows (its log names the task).
      if (removed && Object.keys(removed).length < tasks.length) process.exitCode = 1;
      console.log(removed ? `${name}: ${JSON.stringify(removed)}` : `${name}: skipped (another replica holds the housekeeping lease)`);
    } finally {
      await audit?.$disconnect();
      await database.close();
    }
  }
});
