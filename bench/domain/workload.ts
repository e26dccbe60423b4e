/**
 * The platform's own workload: the five subgraphs as production processes on the volume world in
 * PostgreSQL, and the operation mix sent through our gateway, plain Apollo Gateway, Hive
 * Gateway and Hive Gateway with the Rust query planner in turn (and, for the one-subgraph catalog page, straight to the catalog subgraph: the
 * floor no gateway can beat).
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { SUBGRAPH_NAMES, type SubgraphName } from '@fed/service-kit';
import { generatePrivateJwk } from '../../subgraphs/users/src/sessions/keys.ts';
import type { VolumeScale } from '../../prisma/volume-world.ts';
import { GATEWAY_KINDS, startGateway, writeSupergraphWithUrls, type GatewayKind, type RunningGateway } from '../lib/gateways.ts';
import { runLoad, weightedMix, type LoadRequest, type LoadResult } from '../lib/load.ts';
import { freePort, SERVICE_NODE_FLAGS, startService, stopAll, type ServiceProcess } from '../lib/processes.ts';
import { MIX_WEIGHTS, operationMix, signIn } from './mix.ts';
import { countStatements, type StatementCounts } from './statements.ts';
import { prepareBenchWorld } from './world.ts';

export interface DomainOptions {
  serverUrl: string;
  redisUrl: string;
  scale: VolumeScale;
  seed: number;
  reseed: boolean;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  rounds: number;
  /** Only these workloads (operation names or 'mix (weighted)'); all when unset. */
  workloads?: readonly string[];
  /** After the rounds: constant load of the mix through our gateway for this long, sampling resident memory. */
  soakSeconds?: number;
  log: (line: string) => void;
}

/** Resident memory of one process over the soak. */
export interface SoakMemory {
  startMb: number;
  endMb: number;
  peakMb: number;
  /** Least-squares slope of resident memory over the soak's last 80 % (the first 20 % is the heap settling), MB per minute. */
  growthMbPerMinute: number;
}

export interface SoakResults {
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  errors: number;
  samples: number;
  memory: Record<string, SoakMemory>;
}

/** A target the load is sent to: a gateway, or the subgraph itself (the floor). */
export type DomainTarget = GatewayKind | 'ours ×2 workers' | 'subgraph directly';

export interface TargetFigures {
  /** One entry per round, in the order they ran. */
  rounds: LoadResult[];
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number };
  errors: number;
  /** CPU time of the gateway process tree over the measured runs, per request. */
  gatewayCpuMsPerRequest: number | null;
  /** CPU time of each subgraph process over the measured runs, per request (subgraphs the operation did not use included, near 0). */
  subgraphCpuMsPerRequest: Partial<Record<SubgraphName, number>>;
}

export interface DomainResults {
  seedSeconds: number;
  scale: VolumeScale;
  statements: Record<string, StatementCounts>;
  operations: { name: string; description: string; targets: Partial<Record<DomainTarget, TargetFigures>> }[];
  peakRssMb: Record<string, number>;
  soak?: SoakResults;
}

const MIX = 'mix (weighted)';
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
/** The middle value; with an even count, the mean of the two middle ones. */
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

export async function runDomainWorkload(options: DomainOptions): Promise<DomainResults> {
  const { log } = options;
  const world = await prepareBenchWorld({
    serverUrl: options.serverUrl,
    scale: options.scale,
    seed: options.seed,
    reseed: options.reseed,
    log,
  });
  if (world.seedSeconds) log(`seeded in ${world.seedSeconds.toFixed(0)} s`);
  log('counting SQL statements per operation (in-process pass) …');
  const statements = await countStatements(world, options.scale);

  // Production-like processes: keys and secrets made for this run, own stream and key prefix in Redis.
  const runId = randomBytes(4).toString('hex');
  const jwks = JSON.stringify({ keys: [await generatePrivateJwk()] });
  // Subgraphs in production answer only requests the gateway signed with this shared secret.
  const gatewaySubgraphSecret = randomBytes(32).toString('base64');
  const ports = Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await freePort()] as const))) as Record<
    SubgraphName,
    number
  >;
  const urlOf = (name: SubgraphName) => `http://127.0.0.1:${ports[name]}/graphql`;
  const jwksUrl = `http://127.0.0.1:${ports.users}/.well-known/jwks.json`;
  const auth = { jwksUrl, issuer: 'urn:fed:users', audience: 'urn:fed:graph' };
  const services: (ServiceProcess | RunningGateway)[] = [];
  const subgraphs = {} as Record<SubgraphName, ServiceProcess>;
  try {
    const startSubgraph = async (name: SubgraphName) => {
      subgraphs[name] = await startService({
        name,
        entry: `subgraphs/${name}/src/index.ts`,
        nodeOptions: SERVICE_NODE_FLAGS,
        env: {
          NODE_ENV: 'production',
          METRICS_TOKEN: 'bench-metrics-token-0123456789',
          LOG_LEVEL: 'warn',
          HOST: '127.0.0.1',
          [`${name.toUpperCase()}_PORT`]: String(ports[name]),
          [`${name.toUpperCase()}_DATABASE_URL`]: world.databaseUrls[name],
          MIGRATE_ON_START: 'false',
          DATABASE_POOL_SIZE: '10',
          REDIS_URL: options.redisUrl,
          EVENTS_STREAM: `bench:${runId}:platform-events`,
          AUTH_JWKS_URL: jwksUrl,
          JWT_PRIVATE_JWKS: jwks,
          CARRIER_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
          GATEWAY_SUBGRAPH_SECRET: gatewaySubgraphSecret,
        },
        readyUrl: urlOf(name).replace(/\/graphql$/, '/ready'),
        readyWhen: (status) => status === 200,
      });
      services.push(subgraphs[name]);
    };
    // The others verify tokens against the users subgraph's keys.
    await startSubgraph('users');
    await Promise.all(SUBGRAPH_NAMES.filter((name) => name !== 'users').map(startSubgraph));
    const supergraphPath = writeSupergraphWithUrls(
      fileURLToPath(new URL('../../gateway/supergraph.graphql', import.meta.url)),
      Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, urlOf(name)])),
    );
    const gatewayOptions = {
      supergraphPath,
      auth,
      redisUrl: options.redisUrl,
      env: { REDIS_KEY_PREFIX: `bench:${runId}:`, GATEWAY_SUBGRAPH_SECRET: gatewaySubgraphSecret },
    };
    const gateways: Partial<Record<DomainTarget, RunningGateway>> = {};
    for (const kind of GATEWAY_KINDS) {
      gateways[kind] = await startGateway(kind, gatewayOptions);
      services.push(gateways[kind]);
    }
    gateways['ours ×2 workers'] = await startGateway('ours', { ...gatewayOptions, env: { ...gatewayOptions.env, GATEWAY_WORKERS: '2' } });
    services.push(gateways['ours ×2 workers']);

    log('signing in customers and admins …');
    const signins = await signIn(gateways.ours!.url, world.tenants, 10);
    log(`${signins.customers.length} customers and ${signins.admins.length} admins signed in`);
    const operations = operationMix(options.scale, signins);
    const byName = new Map(operations.map((operation) => [operation.name, operation]));
    const mixed = weightedMix(
      Object.entries(MIX_WEIGHTS).map(([name, weight]) => {
        const operation = byName.get(name)!;
        return { operation: name, weight, request: () => operation.next() };
      }),
    );
    const allWorkloads: {
      name: string;
      description: string;
      next: () => LoadRequest;
      targets: DomainTarget[];
    }[] = [
      ...operations.map((operation) => ({
        name: operation.name,
        description: operation.description,
        next: () => operation.next(),
        targets: [
          ...GATEWAY_KINDS,
          ...(operation.subgraphs.length === 1 && operation.name !== 'placeOrder' ? (['subgraph directly'] as const) : []),
        ] as DomainTarget[],
      })),
      {
        name: MIX,
        description: Object.entries(MIX_WEIGHTS)
          .map(([name, weight]) => `${weight}% ${name}`)
          .join(', '),
        next: () => mixed({ virtualUser: 0, sequence: 0 }),
        targets: [...GATEWAY_KINDS, 'ours ×2 workers'],
      },
    ];
    const unknown = (options.workloads ?? []).filter((name) => !allWorkloads.some((workload) => workload.name === name));
    if (unknown.length)
      throw new Error(`--workloads: no workload named ${unknown.join(', ')} (${allWorkloads.map((w) => w.name).join(', ')})`);
    const workloads = options.workloads ? allWorkloads.filter((workload) => options.workloads!.includes(workload.name)) : allWorkloads;

    // Subgraphs, PostgreSQL and every gateway start cold (JIT, plan caches, buffers): one unmeasured
    // pass of every workload through every target first, so round 1's first target is not the one
    // that pays for warming the shared parts.
    log('priming: one unmeasured pass of every workload through every target …');
    for (const workload of workloads) {
      for (const target of workload.targets) {
        await runLoad({
          url: target === 'subgraph directly' ? urlOf('catalog') : gateways[target]!.url,
          connections: options.connections,
          durationSeconds: options.warmupSeconds,
          nextRequest: () => ({ operation: workload.name, ...workload.next() }),
        });
      }
    }
    const results: DomainResults['operations'] = workloads.map((workload) => ({
      name: workload.name,
      description: workload.description,
      targets: {},
    }));
    const cpu: Record<string, { ms: number; requests: number; subgraphMs: Partial<Record<SubgraphName, number>> }> = {};
    for (let round = 0; round < options.rounds; round++) {
      for (const [index, workload] of workloads.entries()) {
        // Alternate: each round starts with another target, so none always runs first or last.
        const order = workload.targets.map((_, position) => workload.targets[(position + round) % workload.targets.length]!);
        for (const target of order) {
          const url = target === 'subgraph directly' ? urlOf('catalog') : gateways[target]!.url;
          const load = (durationSeconds: number) =>
            runLoad({
              url,
              connections: options.connections,
              durationSeconds,
              nextRequest: () => ({ operation: workload.name, ...workload.next() }),
            });
          await load(options.warmupSeconds);
          const gateway = target === 'subgraph directly' ? null : gateways[target]!;
          const cpuBefore = gateway?.process.cpuTimeMs() ?? 0;
          const subgraphsBefore = SUBGRAPH_NAMES.map((name) => subgraphs[name].cpuTimeMs());
          const result = await load(options.durationSeconds);
          const key = `${workload.name}|${target}`;
          cpu[key] ??= { ms: 0, requests: 0, subgraphMs: {} };
          if (gateway) cpu[key].ms += gateway.process.cpuTimeMs() - cpuBefore;
          cpu[key].requests += result.requests;
          for (const [index, name] of SUBGRAPH_NAMES.entries())
            cpu[key].subgraphMs[name] = (cpu[key].subgraphMs[name] ?? 0) + subgraphs[name].cpuTimeMs() - subgraphsBefore[index]!;
          const figures = (results[index]!.targets[target] ??= {
            rounds: [],
            requestsPerSecond: 0,
            latencyMs: { p50: 0, p95: 0, p99: 0 },
            errors: 0,
            gatewayCpuMsPerRequest: null,
            subgraphCpuMsPerRequest: {},
          });
          figures.rounds.push(result);
          log(
            `round ${round + 1} ${workload.name} → ${target}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.latencyMs.p50.toFixed(1)} ms, p99 ${result.latencyMs.p99.toFixed(1)} ms, ${result.errors} errors${result.sampleError ? ` (${result.sampleError.slice(0, 200)})` : ''}`,
          );
        }
      }
    }
    // Per target: the median round (rounds alternate, so the median is the fairest single figure).
    for (const operation of results) {
      for (const [target, figures] of Object.entries(operation.targets)) {
        figures.requestsPerSecond = median(figures.rounds.map((round) => round.requestsPerSecond));
        figures.latencyMs = {
          p50: median(figures.rounds.map((round) => round.latencyMs.p50)),
          p95: median(figures.rounds.map((round) => round.latencyMs.p95)),
          p99: median(figures.rounds.map((round) => round.latencyMs.p99)),
        };
        figures.errors = figures.rounds.reduce((sum, round) => sum + round.errors, 0);
        const spent = cpu[`${operation.name}|${target}`];
        const isGateway = target !== 'subgraph directly';
        figures.gatewayCpuMsPerRequest = isGateway && spent && spent.requests > 0 ? spent.ms / spent.requests : null;
        figures.subgraphCpuMsPerRequest =
          spent && spent.requests > 0
            ? Object.fromEntries(Object.entries(spent.subgraphMs).map(([name, ms]) => [name, ms / spent.requests]))
            : {};
      }
    }
    const soak = options.soakSeconds
      ? await runSoak({
          seconds: options.soakSeconds,
          url: gateways.ours!.url,
          connections: options.connections,
          next: () => mixed({ virtualUser: 0, sequence: 0 }),
          processes: {
            'gateway: ours': gateways.ours!.process,
            ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`subgraph: ${name}`, subgraphs[name]])),
          },
          log,
        })
      : undefined;
    const peakRssMb: Record<string, number> = {};
    for (const [target, gateway] of Object.entries(gateways)) peakRssMb[`gateway: ${target}`] = mb(gateway.process.peakRssBytes());
    for (const name of SUBGRAPH_NAMES) peakRssMb[`subgraph: ${name}`] = mb(subgraphs[name].peakRssBytes());
    return { seedSeconds: world.seedSeconds, scale: options.scale, statements, operations: results, peakRssMb, ...(soak ? { soak } : {}) };
  } finally {
    await stopAll(services.reverse());
  }
}

/**
 * The mix at constant concurrency through our gateway for `seconds`, sampling every process's
 * resident memory about 40 times: a leak shows as a steady slope once the heaps have settled.
 */
async function runSoak(options: {
  seconds: number;
  url: string;
  connections: number;
  next: () => LoadRequest;
  processes: Record<string, ServiceProcess>;
  log: (line: string) => void;
}): Promise<SoakResults> {
  options.log(`soak: the mix through ours for ${options.seconds} s …`);
  const samples: { minutes: number; mb: Record<string, number> }[] = [];
  const started = Date.now();
  const sample = () =>
    samples.push({
      minutes: (Date.now() - started) / 60_000,
      mb: Object.fromEntries(Object.entries(options.processes).map(([name, service]) => [name, service.rssBytes() / 1024 / 1024])),
    });
  sample();
  const timer = setInterval(sample, Math.max(2_000, (options.seconds * 1000) / 40));
  let load: LoadResult;
  try {
    load = await runLoad({
      url: options.url,
      connections: options.connections,
      durationSeconds: options.seconds,
      nextRequest: () => ({ operation: MIX, ...options.next() }),
    });
  } finally {
    clearInterval(timer);
  }
  sample();
  const settled = samples.slice(Math.floor(samples.length * 0.2));
  const memory: Record<string, SoakMemory> = {};
  for (const name of Object.keys(options.processes)) {
    const values = samples.map((entry) => entry.mb[name]!);
    memory[name] = {
      startMb: values[0]!,
      endMb: values.at(-1)!,
      peakMb: Math.max(...values),
      growthMbPerMinute: slope(settled.map((entry) => [entry.minutes, entry.mb[name]!])),
    };
  }
  options.log(`soak: ${load.requestsPerSecond.toFixed(0)} req/s, ${load.errors} errors, ${samples.length} memory samples`);
  return {
    seconds: options.seconds,
    requests: load.requests,
    requestsPerSecond: load.requestsPerSecond,
    errors: load.errors,
    samples: samples.length,
    memory,
  };
}

/** Least-squares slope of y over x (0 with fewer than two points). */
function slope(points: [number, number][]): number {
  if (points.length < 2) return 0;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  const numerator = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const denominator = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return denominator ? numerator / denominator : 0;
}
