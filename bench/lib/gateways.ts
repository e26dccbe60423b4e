import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, SERVICE_NODE_FLAGS, startService, type ServiceProcess } from './processes.ts';

/**
 * The gateways a benchmark compares, each started as its own process over the same supergraph
 * file, on 127.0.0.1 and a free port:
 * - `ours`: gateway/src/index.ts in production mode, rate limits off (benchmark traffic would
 *   trip them), warnings and errors logged only, everything else as configured by default;
 * - `apollo`: plain Apollo Gateway + Apollo Server (bench/baselines/apollo-gateway.ts);
 * - `hive`: Hive Gateway's runtime (bench/baselines/hive-gateway.ts);
 * - `hive-rust`: Hive Gateway with the Rust query planner of `@graphql-hive/router-runtime`
 *   (bench/baselines/hive-gateway-rust.ts).
 * All four forward the caller's `authorization` header to the subgraphs; ours also verifies it.
 */

export const GATEWAY_KINDS = ['ours', 'apollo', 'hive', 'hive-rust'] as const;
export type GatewayKind = (typeof GATEWAY_KINDS)[number];

export const GATEWAY_LABELS: Record<GatewayKind, string> = {
  ours: 'ours',
  apollo: 'Apollo Gateway',
  hive: 'Hive Gateway',
  'hive-rust': 'Hive Gateway + Rust planner',
};

export interface GatewayOptions {
  supergraphPath: string;
  /**
   * Subgraph URLs by subgraph name, replacing the supergraph's: the gateways then read a copy of
   * the supergraph with these URLs, so all of them call the same places.
   */
  subgraphUrls?: Record<string, string>;
  /** Where our gateway finds the token keys, and what it requires of tokens (the baselines do not verify). */
  auth: { jwksUrl: string; issuer: string; audience: string };
  /** Our gateway's shared store; in memory when unset. */
  redisUrl?: string;
  /** More environment for the gateway process (for ours: any variable of the README's Configuration table). */
  env?: Record<string, string | undefined>;
  /** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/profiles']. */
  nodeOptions?: readonly string[];
  port?: number;
}

export interface RunningGateway {
  kind: GatewayKind;
  /** The GraphQL endpoint. */
  url: string;
  pid: number;
  /** CPU time, peak memory and output of the gateway process. */
  process: ServiceProcess;
  stop(): Promise<void>;
}

const ENTRIES: Record<GatewayKind, string> = {
  ours: 'gateway/src/index.ts',
  apollo: 'bench/baselines/apollo-gateway.ts',
  hive: 'bench/baselines/hive-gateway.ts',
  'hive-rust': 'bench/baselines/hive-gateway-rust.ts',
};

export async function startGateway(kind: GatewayKind, options: GatewayOptions): Promise<RunningGateway> {
  const port = options.port ?? (await freePort());
  const supergraphPath = options.subgraphUrls
    ? writeSupergraphWithUrls(options.supergraphPath, options.subgraphUrls)
    : options.supergraphPath;
  const common = {
    NODE_ENV: 'production',
    METRICS_TOKEN: 'bench-metrics-token-0123456789',
    HOST: '127.0.0.1',
    PORT: String(port),
    SUPERGRAPH_PATH: supergraphPath,
  };
  const ours = {
    AUTH_JWKS_URL: options.auth.jwksUrl,
    AUTH_ISSUER: options.auth.issuer,
    AUTH_AUDIENCE: options.auth.audience,
    REDIS_URL: options.redisUrl,
    RATE_LIMIT_USER_MAX: '0',
    RATE_LIMIT_TENANT_MAX: '0',
    RATE_LIMIT_ANONYMOUS_MAX: '0',
    LOG_LEVEL: 'warn',
  };
  const base = `http://127.0.0.1:${port}`;
  const service = await startService({
    name: `gateway ${kind}`,
    entry: ENTRIES[kind],
    env: { ...common, ...(kind === 'ours' ? ours : {}), ...options.env },
    nodeOptions: [...(kind === 'ours' ? SERVICE_NODE_FLAGS : []), ...(options.nodeOptions ?? [])],
    // Ours answers /ready once the supergraph is loaded and every subgraph answers; the others
    // listen only once their schema is ready.
    readyUrl: kind === 'ours' ? `${base}/ready` : `${base}/graphql`,
    readyWhen: kind === 'ours' ? (status) => status === 200 : undefined,
  });
  return { kind, url: `${base}/graphql`, pid: service.pid, process: service, stop: () => service.stop() };
}

/** A copy of the supergraph (in a temporary folder) whose `@join__graph` URLs are replaced by `urls`. */
export function writeSupergraphWithUrls(supergraphPath: string, urls: Record<string, string>): string {
  const rewritten = supergraphWithUrls(readFileSync(supergraphPath, 'utf8'), urls);
  const path = join(mkdtempSync(join(tmpdir(), 'bench-supergraph-')), 'supergraph.graphql');
  writeFileSync(path, rewritten);
  return path;
}

export function supergraphWithUrls(supergraphSdl: string, urls: Record<string, string>): string {
  const missing = new Set(Object.keys(urls));
  const rewritten = supergraphSdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (directive, name: string) => {
    if (!(name in urls)) return directive;
    missing.delete(name);
    return `@join__graph(name: ${JSON.stringify(name)}, url: ${JSON.stringify(urls[name])})`;
  });
  if (missing.size) throw new Error(`The supergraph has no subgraph named ${[...missing].join(', ')}`);
  return rewritten;
}
