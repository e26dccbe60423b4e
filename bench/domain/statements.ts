/**
 * SQL statements per operation of the mix, counted the way the tests count them: the graph started
 * in this process on the benchmark's databases, every subgraph's statements recorded. The load runs
 * against separate processes, which cannot report their statements; this pass is separate and
 * small (a few requests per operation), with the response cache off so every request runs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatementCounter } from '@fed/service-kit/testing';
import { startStack } from '@fed/stack';
import type { SubgraphName } from '@fed/service-kit';
import type { BenchWorld } from './world.ts';
import { operationMix, signIn } from './mix.ts';
import type { VolumeScale } from '../../prisma/volume-world.ts';

export interface StatementCounts {
  /** Mean statements per request, over all subgraphs. */
  perRequest: number;
  /** Mean per subgraph. */
  bySubgraph: Partial<Record<SubgraphName, number>>;
}

export async function countStatements(world: BenchWorld, scale: VolumeScale, samples = 10): Promise<Record<string, StatementCounts>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'fed-bench-statements-'));
  const statements = new StatementCounter();
  const stack = await startStack({
    env: {
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      MIGRATE_ON_START: 'false',
      RESPONSE_CACHE_ENABLED: 'false',
      RATE_LIMIT_USER_MAX: '0',
      RATE_LIMIT_TENANT_MAX: '0',
      RATE_LIMIT_ANONYMOUS_MAX: '0',
      ...Object.fromEntries(Object.entries(world.databaseUrls).map(([name, url]) => [`${name.toUpperCase()}_DATABASE_URL`, url])),
    },
    ephemeralPorts: true,
    onQuery: statements.record,
  });
  try {
    const operations = operationMix(scale, await signIn(stack.gateway.url, world.tenants.slice(0, 4), 2), 11);
    const counts: Record<string, StatementCounts> = {};
    for (const operation of operations) {
      statements.reset();
      for (let sample = 0; sample < samples; sample++) {
        const { body, headers } = operation.next();
        const response = await fetch(stack.gateway.url, { method: 'POST', body, headers });
        const answer = (await response.json()) as { errors?: unknown[] };
        if (answer.errors) throw new Error(`${operation.name}: ${JSON.stringify(answer.errors)}`);
      }
      const bySubgraph: Partial<Record<SubgraphName, number>> = {};
      for (const name of ['users', 'catalog', 'shipping', 'exports', 'audit'] as const) {
        const count = statements.count(name);
        if (count > 0) bySubgraph[name] = count / samples;
      }
      counts[operation.name] = { perRequest: statements.count() / samples, bySubgraph };
    }
    return counts;
  } finally {
    await stack.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
