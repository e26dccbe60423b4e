/**
 * `npm run migrate`: applies every subgraph's migrations to its database, once, then exits. The
 * one-shot migration job of docker-compose and Kubernetes. Safe to run concurrently with other
 * runners or `prisma migrate deploy`: each database is migrated under Prisma's advisory lock.
 */
import { fileURLToPath } from 'node:url';
import { applyMigrations, databaseTargetFor, loadSubgraphConfig, openDatabase, runMain, SUBGRAPH_NAMES } from '@fed/service-kit';
import { join } from 'node:path';

await runMain(async () => {
  for (const name of SUBGRAPH_NAMES) {
    const config = loadSubgraphConfig(name);
    const target = databaseTargetFor({ url: config.databaseUrl, poolSize: 1, dataDir: join(config.DATA_DIR, name) });
    const database = await openDatabase(target);
    try {
      const report = await applyMigrations(database.sql, fileURLToPath(new URL(`../prisma/${name}/migrations`, import.meta.url)));
      console.log(`${name}: ${report.applied.length} applied, ${report.alreadyApplied.length} already applied (${target.kind})`);
    } finally {
      await database.close();
    }
  }
});
