/**
 * `npm run bench [-- --quick] [--reuse] [--duration 10] [--warmup 5] [--rounds 2] [--connections 32]
 *   [--only domain|public] [--workloads "catalog page,…"] [--soak] [--soak-minutes 10] [--out docs]`
 *
 * --soak: after the platform workload's rounds, the mix through our gateway at constant load for
 * --soak-minutes, reporting the resident memory of the gateway and each subgraph and its growth
 * in MB per minute.
 *
 * The benchmark: the platform's own workload (volume world on PostgreSQL, the operation mix through
 * our gateway, plain Apollo Gateway, Hive Gateway, Hive Gateway + Rust planner and the subgraph directly) and the public
 * four-subgraph workload, in one run on this machine. Prints the tables and writes them, with the
 * machine and the exact command, to docs/benchmarks.md and docs/benchmarks.json.
 *
 * Needs PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres: it
 * creates the bench_* databases there) and Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { BENCH_SCALE } from '../prisma/volume-world.ts';
import { REPO_ROOT } from './lib/processes.ts';
import { formatDomainTable, formatMemoryTable, formatSoakTable, formatStatementTable } from './domain/report.ts';
import { runDomainWorkload, type DomainResults } from './domain/workload.ts';
import { formatPublicTable, runPublicWorkload, type PublicWorkloadResult } from './public/workload.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    rounds: { type: 'string' },
    connections: { type: 'string', default: '32' },
    only: { type: 'string' },
    soak: { type: 'boolean', default: false },
    /** Comma-separated platform workloads to run (e.g. "catalog page,mix (weighted)"); all by default. */
    workloads: { type: 'string' },
    'soak-minutes': { type: 'string' },
    out: { type: 'string', default: 'docs' },
  },
});
const number = (name: string, value: string | undefined, fallback: number) => {
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name}: must be a positive number (got ${value})`);
  return parsed;
};
if (values.only && values.only !== 'domain' && values.only !== 'public') throw new Error('--only: domain or public');
const durationSeconds = number('duration', values.duration, values.quick ? 3 : 10);
const warmupSeconds = number('warmup', values.warmup, values.quick ? 2 : 5);
const rounds = number('rounds', values.rounds, 2);
const connections = number('connections', values.connections, 32);
const soakMinutes = number('soak-minutes', values['soak-minutes'], 10);
if (values.soak && values.only === 'public') throw new Error('--soak runs on the platform workload: not with --only public');
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const log = (line: string) => console.log(`[bench] ${line}`);

async function postgresVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  } finally {
    await client.end();
  }
}

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 1024 ** 3),
  os: `${osType()} ${release()}`,
  node: process.version,
  postgres: await postgresVersion(),
  redis: execFileSync('redis-server', ['--version'], { encoding: 'utf8' }).trim().split(' ')[2] ?? 'unknown',
};
const command = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
log(
  `${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB; ${durationSeconds} s runs after ${warmupSeconds} s warm-up, ${rounds} rounds, ${connections} connections`,
);

let domain: DomainResults | undefined;
let publicWorkload: PublicWorkloadResult | undefined;
if (values.only !== 'public') {
  domain = await runDomainWorkload({
    serverUrl,
    redisUrl,
    scale: BENCH_SCALE,
    seed: 42,
    reseed: !values.reuse,
    durationSeconds,
    warmupSeconds,
    connections,
    rounds,
    ...(values.soak ? { soakSeconds: soakMinutes * 60 } : {}),
    ...(values.workloads ? { workloads: values.workloads.split(',').map((name) => name.trim()) } : {}),
    log,
  });
}
if (values.only !== 'domain') {
  publicWorkload = await runPublicWorkload({ durationSeconds, warmupSeconds, connections, rounds, redisUrl, log });
}

const sections = [
  '# Benchmarks',
  '',
  `Generated by \`${command}\` on ${new Date().toISOString().slice(0, 10)}; the raw figures are in \`benchmarks.json\`.`,
  '',
  `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, ${machine.os}; Node ${machine.node}, PostgreSQL ${machine.postgres}, Redis ${machine.redis}. The load generator (autocannon, ${connections} connections, closed loop), the gateways, the subgraphs, PostgreSQL and Redis share these cores.`,
  '',
  `Every workload first gets one unmeasured pass through every target (everything starts cold), then ${rounds} rounds: in each, every target gets ${warmupSeconds} s of unmeasured warm-up and a measured run of ${durationSeconds} s; targets alternate and each round starts with another one. Platform figures are the median over rounds (with 2 rounds, the mean); public figures are totals and means over rounds. Every request has other variables and another user's token than the one before it.`,
];
if (domain) {
  const scale = domain.scale;
  sections.push(
    '',
    '## The platform workload',
    '',
    `Volume world on PostgreSQL (seed 42): ${scale.tenants} tenants, ${scale.tenants * scale.usersPerTenant} users, ${scale.tenants * scale.productsPerTenant} products with stock, ${scale.tenants * scale.ordersPerTenant} orders with 1–${scale.maxItemsPerOrder} items, a manifest for every ${scale.manifestEvery}th order, an export for every ${scale.exportEvery}th, a hash-chained audit trail. All five subgraphs run as production processes; ours runs with Redis (APQ, response cache, rate limits off for the load), the baselines with no plugins.`,
    '',
    "On a shared 2-core machine this workload is bound by the subgraphs and PostgreSQL, not by the gateway: requests/s differ by little, and the gateway's own cost shows in its CPU ms per request. `ours ×2 workers` is GATEWAY_WORKERS=2, which pays off only with cores to spare.",
    '',
    formatDomainTable(domain),
    '',
    'SQL statements per request (counted in a separate in-process pass on the same databases; tests/operation-mix.test.ts proves they stay the same when lists grow 10×):',
    '',
    formatStatementTable(domain),
    '',
    'Peak resident memory over the run:',
    '',
    formatMemoryTable(domain),
  );
  if (domain.soak) {
    const soak = domain.soak;
    sections.push(
      '',
      `Soak: the mix through ours at ${connections} connections for ${(soak.seconds / 60).toFixed(0)} minutes (${soak.requestsPerSecond.toFixed(0)} req/s, ${soak.errors} errors), resident memory sampled ${soak.samples} times; growth is the least-squares slope over the last 80 % of the samples (the first 20 % is the heaps settling):`,
      '',
      formatSoakTable(domain),
    );
  }
}
if (publicWorkload) {
  sections.push(
    '',
    '## The public workload',
    '',
    'The four subgraphs (accounts, inventory, products, reviews) and the nested `users`/`topProducts` query of the public GraphQL gateways benchmark, with fixed in-memory data (bench/public/), a distinct `authorization` token per request.',
    '',
    formatPublicTable(publicWorkload),
  );
}
const markdown = `${sections.join('\n')}\n`;
console.log(`\n${markdown}`);
const outDir = resolve(REPO_ROOT, values.out);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'benchmarks.md'), markdown);
writeFileSync(
  join(outDir, 'benchmarks.json'),
  `${JSON.stringify({ date: new Date().toISOString(), command, machine, domain, public: publicWorkload }, null, 2)}\n`,
);
log(`written to ${join(values.out, 'benchmarks.md')} and benchmarks.json`);
