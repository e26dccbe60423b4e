import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql';
import { composeSupergraph } from '../../gateway/src/compose.ts';
import { startTokenIssuer } from '../../tests/fixtures/token-issuer.ts';
import { GATEWAY_KINDS, GATEWAY_LABELS, startGateway, type GatewayKind, type RunningGateway } from '../lib/gateways.ts';
import { runLoad, type LatencyPercentiles, type LoadResult } from '../lib/load.ts';
import { formatTable } from '../lib/table.ts';
import { freePort, startService, stopAll, waitForHttp, type ServiceProcess } from '../lib/processes.ts';
import { checkPublicAnswer, PUBLIC_QUERY } from './query.ts';
import { PUBLIC_SUBGRAPH_NAMES, PUBLIC_SUBGRAPH_SDL, type PublicSubgraphName } from './subgraphs.ts';

/**
 * The public workload: the four-subgraph federation scenario of The Guild's gateways benchmark,
 * served by our gateway, plain Apollo Gateway, Hive Gateway and Hive Gateway with the Rust query
 * planner in turn.
 *
 * The subgraphs start once (one child process); so do the gateways (one process each, all kept
 * running). Then, round after round, each gateway gets a short warm-up (JIT, query-plan caches),
 * a correctness probe (the whole answer compared with the data computed from the scenario's
 * data) and a measured run; gateways alternate within a round, so a slow stretch of a shared
 * machine hits all of them rather than one. Every measured answer must also be byte-identical to
 * that gateway's probe answer, else it counts as an error.
 *
 * Each request carries its own `authorization: Bearer <JWT>` from a pool of tokens signed for
 * distinct users (EdDSA, served from a JWKS our gateway trusts): our gateway verifies each one,
 * as it would in production; the baselines forward it to the subgraphs without verifying.
 */

export interface PublicWorkloadOptions {
  durationSeconds: number;
  connections: number;
  /** Measured runs per gateway (alternating), at least 2. */
  rounds?: number;
  /** Unmeasured load before each measured run (default 3 s). */
  warmupSeconds?: number;
  gateways?: readonly GatewayKind[];
  /** How many distinct tokens requests cycle through (default 2048). */
  distinctTokens?: number;
  /** Our gateway's store; in memory when unset. */
  redisUrl?: string;
  /** Extra node flags per gateway, e.g. { ours: ['--cpu-prof', '--cpu-prof-dir=…'] }. */
  nodeOptions?: Partial<Record<GatewayKind, readonly string[]>>;
  /**
   * Seconds before a request counts as failed (default 30: with 50 connections on two shared
   * cores a slow gateway's tail passes 10 s without anything being wrong but slowness).
   */
  timeoutSeconds?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface RoundFigures {
  round: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: LatencyPercentiles;
  errors: number;
  sampleError?: string;
  gatewayCpuMsPerRequest: number;
  subgraphsCpuMsPerRequest: number;
  /** The benchmark's own process (autocannon) per request: the third user of the machine's cores. */
  loadGeneratorCpuMsPerRequest: number;
}

export interface GatewayFigures {
  kind: GatewayKind;
  label: string;
  rounds: RoundFigures[];
  /** Over all rounds: total answers / total measured seconds. */
  requestsPerSecond: number;
  /** Mean over rounds of each round's percentiles. */
  latencyMs: LatencyPercentiles;
  errors: number;
  sampleError?: string;
  /** Gateway CPU time (all its processes) during the measured runs / answers. */
  gatewayCpuMsPerRequest: number;
  /** Peak resident memory of the gateway process over the whole workload. */
  gatewayPeakRssMb: number;
  /** This gateway's figure divided by ours (requests/s above 1: faster than ours; latency and CPU above 1: costlier). */
  relativeToOurs?: { requestsPerSecond: number; latencyP50: number; latencyP95: number; gatewayCpuMsPerRequest: number };
}

export interface PublicWorkloadResult {
  durationSeconds: number;
  connections: number;
  rounds: number;
  gateways: GatewayFigures[];
}

const ISSUER_TTL = '12h';
const PUBLIC_QUERY_MAX_COST = 1_000_000;

export async function runPublicWorkload(options: PublicWorkloadOptions): Promise<PublicWorkloadResult> {
  const rounds = Math.max(2, options.rounds ?? 2);
  const warmupSeconds = options.warmupSeconds ?? 3;
  const kinds = options.gateways ?? GATEWAY_KINDS;
  const log = options.log ?? (() => {});
  const started: { stop(): Promise<void> }[] = [];
  const gateways = new Map<GatewayKind, RunningGateway>();
  try {
    const { subgraphs, urls } = await startPublicSubgraphs();
    started.push(subgraphs);
    const supergraphPath = writePublicSupergraph(urls);

    const issuer = await startTokenIssuer({ tokenTtl: ISSUER_TTL });
    started.push({ stop: () => issuer.close() });
    const tokens = await signTokens(issuer, options.distinctTokens ?? 2048);
    const auth = { jwksUrl: issuer.env.AUTH_JWKS_URL!, issuer: issuer.env.AUTH_ISSUER!, audience: issuer.env.AUTH_AUDIENCE! };

    for (const kind of kinds) {
      log(`starting ${GATEWAY_LABELS[kind]}`);
      const gateway = await startGateway(kind, {
        supergraphPath,
        auth,
        redisUrl: options.redisUrl,
        nodeOptions: options.nodeOptions?.[kind],
        // The scenario's query costs ~98,600 by our measure (unsized lists count 10 each, nested
        // five deep), over the default MAX_COST; raised rather than turned off, so the cost is
        // still measured on every request, as in production.
        env: { MAX_COST: String(PUBLIC_QUERY_MAX_COST) },
      });
      gateways.set(kind, gateway);
      started.push(gateway);
    }

    const body = JSON.stringify({ query: PUBLIC_QUERY });
    const perGateway = new Map<GatewayKind, RoundFigures[]>(kinds.map((kind) => [kind, []]));
    for (let round = 1; round <= rounds; round++) {
      for (const kind of kinds) {
        const gateway = gateways.get(kind)!;
        const load = (durationSeconds: number, expectedBody?: string) =>
          runLoad({
            url: gateway.url,
            connections: options.connections,
            durationSeconds,
            timeoutSeconds: options.timeoutSeconds ?? 30,
            nextRequest: ({ sequence }) => ({
              operation: 'TestQuery',
              body,
              headers: { authorization: `Bearer ${tokens[sequence % tokens.length]}` },
            }),
            ...(expectedBody
              ? {
                  checkAnswer: (_operation: string, answer: string) =>
                    answer === expectedBody ? undefined : 'answer differs from the probe',
                }
              : {}),
          });

        const warmup = await load(warmupSeconds);
        // A cold gateway may answer nothing within a short warm-up; only answers that all failed stop the run.
        if (warmup.requests > 0 && warmup.errors === warmup.requests)
          throw new Error(`${GATEWAY_LABELS[kind]}: every warm-up request failed (${warmup.sampleError ?? 'no answer'})`);
        const probe = await probeAnswer(gateway.url, body, tokens[round % tokens.length]!);
        if (probe.problem) throw new Error(`${GATEWAY_LABELS[kind]} answered wrongly: ${probe.problem}`);

        const before = { gateway: gateway.process.cpuTimeMs(), subgraphs: subgraphs.cpuTimeMs(), self: process.cpuUsage() };
        const measured = await load(options.durationSeconds, probe.body);
        const figures = roundFigures(round, measured, {
          gatewayMs: gateway.process.cpuTimeMs() - before.gateway,
          subgraphsMs: subgraphs.cpuTimeMs() - before.subgraphs,
          selfMs: cpuUsageMs(process.cpuUsage(before.self)),
        });
        perGateway.get(kind)!.push(figures);
        log(
          `round ${round} ${GATEWAY_LABELS[kind]}: ${figures.requestsPerSecond.toFixed(0)} req/s, p95 ${figures.latencyMs.p95.toFixed(1)} ms, ` +
            `${figures.gatewayCpuMsPerRequest.toFixed(2)} CPU ms/req, ${figures.errors} errors`,
        );
      }
    }

    const results = kinds.map((kind) => summarize(kind, perGateway.get(kind)!, gateways.get(kind)!.process));
    const ours = results.find((result) => result.kind === 'ours');
    if (ours) {
      for (const result of results)
        result.relativeToOurs = {
          requestsPerSecond: result.requestsPerSecond / ours.requestsPerSecond,
          latencyP50: result.latencyMs.p50 / ours.latencyMs.p50,
          latencyP95: result.latencyMs.p95 / ours.latencyMs.p95,
          gatewayCpuMsPerRequest: result.gatewayCpuMsPerRequest / ours.gatewayCpuMsPerRequest,
        };
    }
    for (const [kind, gateway] of gateways) {
      const problems = gateway.process.errorLines();
      if (problems.length) log(`${GATEWAY_LABELS[kind]} logged errors:\n  ${problems.slice(0, 5).join('\n  ')}`);
    }
    return { durationSeconds: options.durationSeconds, connections: options.connections, rounds, gateways: results };
  } finally {
    await stopAll(started.reverse());
  }
}

/** The four subgraphs in one child process, on free ports. */
async function startPublicSubgraphs(): Promise<{ subgraphs: ServiceProcess; urls: Record<PublicSubgraphName, string> }> {
  const ports = {} as Record<PublicSubgraphName, number>;
  for (const name of PUBLIC_SUBGRAPH_NAMES) ports[name] = await freePort();
  const urls = Object.fromEntries(PUBLIC_SUBGRAPH_NAMES.map((name) => [name, `http://127.0.0.1:${ports[name]}/graphql`])) as Record<
    PublicSubgraphName,
    string
  >;
  const subgraphs = await startService({
    name: 'public subgraphs',
    entry: 'bench/public/serve-subgraphs.ts',
    env: { PUBLIC_SUBGRAPH_PORTS: JSON.stringify(ports) },
    readyUrl: urls.accounts,
  });
  for (const name of PUBLIC_SUBGRAPH_NAMES) await waitForHttp(urls[name]);
  return { subgraphs, urls };
}

/** Composes the scenario's supergraph with the subgraphs' URLs into a temporary file. */
export function writePublicSupergraph(urls: Record<PublicSubgraphName, string>): string {
  const composed = composeSupergraph(
    PUBLIC_SUBGRAPH_NAMES.map((name) => ({ name, url: urls[name], typeDefs: parse(PUBLIC_SUBGRAPH_SDL[name]) })),
  );
  if (!composed.ok) throw new Error(`The public scenario does not compose:\n${composed.errors.join('\n')}`);
  const path = join(mkdtempSync(join(tmpdir(), 'bench-public-')), 'supergraph.graphql');
  writeFileSync(path, composed.supergraphSdl);
  return path;
}

/** Tokens for distinct users spread over a few tenants, as a gateway in production sees them. */
async function signTokens(issuer: Awaited<ReturnType<typeof startTokenIssuer>>, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let index = 0; index < count; index++)
    tokens.push(await issuer.sign({ userId: `bench-user-${index}`, tenantId: `bench-tenant-${index % 8}` }));
  return tokens;
}

async function probeAnswer(url: string, body: string, token: string): Promise<{ body: string; problem?: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  const text = await response.text();
  if (response.status !== 200) return { body: text, problem: `HTTP ${response.status}: ${text.slice(0, 300)}` };
  const problem = checkPublicAnswer(text);
  return problem ? { body: text, problem } : { body: text };
}

const cpuUsageMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

function roundFigures(round: number, load: LoadResult, cpu: { gatewayMs: number; subgraphsMs: number; selfMs: number }): RoundFigures {
  const perRequest = (ms: number) => (load.requests ? ms / load.requests : 0);
  return {
    round,
    requests: load.requests,
    requestsPerSecond: load.requestsPerSecond,
    latencyMs: load.latencyMs,
    errors: load.errors,
    ...(load.sampleError ? { sampleError: load.sampleError } : {}),
    gatewayCpuMsPerRequest: perRequest(cpu.gatewayMs),
    subgraphsCpuMsPerRequest: perRequest(cpu.subgraphsMs),
    loadGeneratorCpuMsPerRequest: perRequest(cpu.selfMs),
  };
}

function summarize(kind: GatewayKind, rounds: RoundFigures[], gatewayProcess: ServiceProcess): GatewayFigures {
  const requests = rounds.reduce((sum, round) => sum + round.requests, 0);
  const seconds = rounds.reduce((sum, round) => sum + (round.requestsPerSecond ? round.requests / round.requestsPerSecond : 0), 0);
  const mean = (pick: (round: RoundFigures) => number) => rounds.reduce((sum, round) => sum + pick(round), 0) / rounds.length;
  const cpuMs = rounds.reduce((sum, round) => sum + round.gatewayCpuMsPerRequest * round.requests, 0);
  const sampleError = rounds.find((round) => round.sampleError)?.sampleError;
  return {
    kind,
    label: GATEWAY_LABELS[kind],
    rounds,
    requestsPerSecond: seconds ? requests / seconds : 0,
    latencyMs: {
      p50: mean((round) => round.latencyMs.p50),
      p95: mean((round) => round.latencyMs.p95),
      p99: mean((round) => round.latencyMs.p99),
    },
    errors: rounds.reduce((sum, round) => sum + round.errors, 0),
    ...(sampleError ? { sampleError } : {}),
    gatewayCpuMsPerRequest: requests ? cpuMs / requests : 0,
    gatewayPeakRssMb: gatewayProcess.peakRssBytes() / (1024 * 1024),
  };
}

/** The workload's figures as a Markdown table, one row per gateway, and the first error of each. */
export function formatPublicTable(result: PublicWorkloadResult): string {
  const header = ['gateway', 'req/s', 'vs ours', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'CPU ms/req', 'peak RSS MB', 'req/s by round'];
  const rows = result.gateways.map((gateway) => [
    gateway.label,
    gateway.requestsPerSecond.toFixed(0),
    gateway.relativeToOurs ? `${gateway.relativeToOurs.requestsPerSecond.toFixed(2)}x` : '',
    gateway.latencyMs.p50.toFixed(1),
    gateway.latencyMs.p95.toFixed(1),
    gateway.latencyMs.p99.toFixed(1),
    String(gateway.errors),
    gateway.gatewayCpuMsPerRequest.toFixed(2),
    gateway.gatewayPeakRssMb.toFixed(0),
    gateway.rounds.map((round) => round.requestsPerSecond.toFixed(0)).join(' / '),
  ]);
  const errors = result.gateways.filter((gateway) => gateway.sampleError).map((gateway) => `${gateway.label}: ${gateway.sampleError}`);
  return [
    `public workload: ${result.connections} connections, ${result.rounds} rounds x ${result.durationSeconds} s per gateway, alternating`,
    formatTable(header, rows),
    ...errors,
  ].join('\n');
}
