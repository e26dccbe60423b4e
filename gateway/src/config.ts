import { env, gatewaySecrets, loadConfig, requireMetricsToken } from '@fed/service-kit/edge';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const count = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

export const gatewayEnv = {
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  HOST: z.string().default('127.0.0.1'),
  PORT: env.port(4000),
  SUPERGRAPH_PATH: z.string().default(fileURLToPath(new URL('../supergraph.graphql', import.meta.url))),
  /** How often the supergraph file is checked for changes. */
  SUPERGRAPH_POLL_MS: env.positiveInt(1000),
  AUTH_JWKS_URL: z.url().default('http://127.0.0.1:4001/.well-known/jwks.json'),
  AUTH_ISSUER: z.string().default('urn:fed:users'),
  AUTH_AUDIENCE: z.string().default('urn:fed:graph'),
  /** Where the gateway asks about a bearer's session when the event stream cannot tell it (default: next to the JWKS). */
  AUTHORITY_URL: z.url().optional(),
  /** How old the user state behind any decision on a caller may be, at most (current authority). */
  AUTHORITY_MAX_STALENESS_MS: env.positiveInt(5000),
  /** The Redis Stream the subgraphs publish on; the gateway follows it for current authority. */
  EVENTS_STREAM: z.string().min(1).default('platform-events'),
  /** Defaults to on in development, off in production (no default here, so unset stays unset). */
  GRAPHQL_INTROSPECTION: z
    .enum(['true', 'false', '1', '0'])
    .transform((value) => value === 'true' || value === '1')
    .optional(),
  /**
   * Processes serving the gateway's port (node:cluster): a number, or `auto` for one per core.
   * More than one needs REDIS_URL, so that rate limits, APQ and the cache stay shared.
   */
  GATEWAY_WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).default(1),
  MAX_BODY_BYTES: env.positiveInt(1_000_000),
  SHUTDOWN_GRACE_MS: env.positiveInt(10_000),
  /** How long a client may take to send its request headers, and its whole request (then 408 and the connection closes). */
  HTTP_HEADERS_TIMEOUT_MS: env.positiveInt(10_000),
  HTTP_REQUEST_TIMEOUT_MS: env.positiveInt(30_000),
  /** Signs every subgraph request (the first of comma-separated secrets); our subgraphs require it in production. */
  GATEWAY_SUBGRAPH_SECRET: z.string().optional(),

  /** Shared state (APQ, response cache, rate limits) across replicas; in-memory per process when unset. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** Prefix of every Redis key the gateway writes (several deployments can share one Redis). */
  REDIS_KEY_PREFIX: z.string().default('fed:gateway:'),
  /** How long one Redis command may take before it counts as failed (a miss; rate limits fail open). */
  REDIS_TIMEOUT_MS: env.positiveInt(500),
  /** Upper bound of the in-memory store used when REDIS_URL is unset. */
  MEMORY_CACHE_MAX_MB: env.positiveInt(64),
  APQ_ENABLED: env.boolean(true),
  APQ_TTL_SECONDS: env.positiveInt(86_400),
  RESPONSE_CACHE_ENABLED: env.boolean(true),

  /** Fixed window for every rate limit; a limit of 0 turns that limit off. */
  RATE_LIMIT_WINDOW_SECONDS: env.positiveInt(60),
  RATE_LIMIT_USER_MAX: count(1200),
  RATE_LIMIT_TENANT_MAX: count(6000),
  RATE_LIMIT_ANONYMOUS_MAX: count(600),
  /** Take the client address from the first X-Forwarded-For entry (behind a trusted proxy only). */
  TRUST_PROXY: env.boolean(false),

  /** Operation limits, checked before the query is planned; 0 turns a limit off. */
  MAX_DEPTH: count(15),
  MAX_ALIASES: count(30),
  MAX_COST: count(50_000),
  /** Assumed length of a list field that has no first/last/limit argument, for the cost. */
  COST_LIST_SIZE: env.positiveInt(10),
  MAX_BATCH_LENGTH: env.positiveInt(10),

  /** Per-subgraph timeout (override one with <NAME>_SUBGRAPH_TIMEOUT_MS). */
  SUBGRAPH_TIMEOUT_MS: env.positiveInt(10_000),
  /** Keep-alive connections per subgraph. */
  SUBGRAPH_MAX_SOCKETS: env.positiveInt(128),
  /** Share one subgraph fetch between identical in-flight fetches of queries (same caller). */
  SUBGRAPH_DEDUPLICATION: env.boolean(true),
  /** Send each distinct entity representation of a fetch once and fan the answer back out (representations.ts). */
  SUBGRAPH_REPRESENTATION_DEDUPLICATION: env.boolean(true),

  /** Upper bounds of the in-process caches of parsed documents and of query plans (LRU). */
  DOCUMENT_CACHE_MAX_MB: env.positiveInt(30),
  QUERY_PLAN_CACHE_MAX_MB: env.positiveInt(30),
  /** Operations most recently new to any replica, kept in the shared store and planned ahead at start and on supergraph changes; 0 turns it off. */
  WARMUP_OPERATIONS: count(100),

  /** The in-browser explorer on GET /graphql (gateway/src/explorer.ts); only where introspection is on (off in production unless enabled). */
  EXPLORER_ENABLED: env.boolean(true),
  /** The query a new explorer tab shows. */
  EXPLORER_DEFAULT_QUERY: z.string().optional(),
  /** One-click demo sign-in in the explorer, `tenant:email` comma-separated (the embedded mode of npm start); refused in production. */
  EXPLORER_DEMO_LOGINS: z.string().optional(),
  EXPLORER_DEMO_PASSWORD: z.string().optional(),

  /**
   * What the gateway serves (gateway/src/trusted-documents.ts): `off` anything, `log` anything but
   * records documents no client registered, `enforce` only registered ones. Defaults to `log` in
   * production (see what enforcing would refuse before turning it on) and `off` in development.
   */
  TRUSTED_DOCUMENTS: z.enum(['off', 'log', 'enforce']).optional(),
  /** Comma-separated manifest files (`{ "<sha256>": "<document>" }`) trusted besides those registered in the store. */
  TRUSTED_DOCUMENTS_MANIFESTS: z.string().optional(),

  METRICS_ENABLED: env.boolean(true),
  /** Live connections (subscriptions over WebSocket and SSE). 0 turns a cap off. */
  LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: count(25),
  LIVE_MAX_SUBSCRIPTIONS_PER_USER: count(100),
  LIVE_MAX_QUEUED_EVENTS: env.positiveInt(100),
  LIVE_MAX_BUFFERED_BYTES: env.positiveInt(1_000_000),
  LIVE_AUTHORITY_RECHECK_MS: env.positiveInt(5000),
  LIVE_CONNECTION_INIT_TIMEOUT_MS: env.positiveInt(5000),
  /** Bearer token a scraper must send to read /metrics; required in production while metrics are on. */
  METRICS_TOKEN: env.metricsToken(),
  /** Comma-separated allowed origins, `*` or `none`; defaults to `*` in development and none in production. */
  CORS_ORIGINS: z.string().optional(),
};

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

/** `--supergraph <path>` or `--supergraph=<path>` on the command line, as a SUPERGRAPH_PATH value. */
export function supergraphArgument(argv: readonly string[]): { SUPERGRAPH_PATH?: string } {
  for (const [index, argument] of argv.entries()) {
    if (argument.startsWith('--supergraph=')) return { SUPERGRAPH_PATH: argument.slice('--supergraph='.length) };
    if (argument === '--supergraph') {
      const path = argv[index + 1];
      if (!path || path.startsWith('--')) throw new Error('--supergraph: needs a file path');
      return { SUPERGRAPH_PATH: path };
    }
  }
  return {};
}

/** `<NAME><suffix>` variables for any subgraph name the supergraph has, keyed by lower-case name. */
function perSubgraph(source: Record<string, string | undefined>, suffix: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(source)
      .filter((entry): entry is [string, string] => entry[0].endsWith(suffix) && entry[0].length > suffix.length && !!entry[1])
      .map(([key, value]) => [key.slice(0, -suffix.length).toLowerCase(), value]),
  );
}

export function loadGatewayConfig(source: Record<string, string | undefined> = process.env) {
  const config = loadConfig(gatewayEnv, source);
  const production = config.NODE_ENV === 'production';
  // Per-subgraph URL overrides: <NAME>_SUBGRAPH_URL, for any subgraph the supergraph names.
  const subgraphUrls = perSubgraph(source, '_SUBGRAPH_URL');
  for (const [name, url] of Object.entries(subgraphUrls)) {
    if (!z.url().safeParse(url).success) throw new Error(`${name.toUpperCase()}_SUBGRAPH_URL: must be a URL (got ${JSON.stringify(url)})`);
  }
  const subgraphTimeouts: Record<string, number> = {};
  for (const [name, value] of Object.entries(perSubgraph(source, '_SUBGRAPH_TIMEOUT_MS'))) {
    const timeout = Number(value);
    if (!Number.isInteger(timeout) || timeout <= 0)
      throw new Error(`${name.toUpperCase()}_SUBGRAPH_TIMEOUT_MS: must be a positive integer (got ${JSON.stringify(value)})`);
    subgraphTimeouts[name] = timeout;
  }
  requireMetricsToken(config, production);
  const workers = config.GATEWAY_WORKERS === 'auto' ? availableParallelism() : config.GATEWAY_WORKERS;
  if (workers > 1 && !config.REDIS_URL) {
    throw new Error(`GATEWAY_WORKERS: ${workers} workers need REDIS_URL (rate limits, APQ and the cache must be shared between them)`);
  }
  // Optional here (the gateway serves any supergraph); our subgraphs require it in production.
  const proofSecret = gatewaySecrets(config.GATEWAY_SUBGRAPH_SECRET)[0];
  const corsOrigins = (config.CORS_ORIGINS === 'none' ? '' : (config.CORS_ORIGINS ?? (production ? '' : '*')))
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  const demoLogins = (config.EXPLORER_DEMO_LOGINS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [tenantSlug, email, ...rest] = entry.split(':');
      if (!tenantSlug || !email || rest.length > 0)
        throw new Error(`EXPLORER_DEMO_LOGINS: each entry must be tenant:email (got ${JSON.stringify(entry)})`);
      return { tenantSlug, email };
    });
  if (demoLogins.length > 0 && production)
    throw new Error('EXPLORER_DEMO_LOGINS: demo sign-in is for development; it is refused with NODE_ENV=production');
  if (demoLogins.length > 0 && !config.EXPLORER_DEMO_PASSWORD) throw new Error('EXPLORER_DEMO_LOGINS: needs EXPLORER_DEMO_PASSWORD');
  return {
    ...config,
    production,
    proofSecret,
    trustedDocuments: config.TRUSTED_DOCUMENTS ?? (production ? 'log' : 'off'),
    trustedDocumentManifests: (config.TRUSTED_DOCUMENTS_MANIFESTS ?? '')
      .split(',')
      .map((path) => path.trim())
      .filter(Boolean),
    explorer: (config.GRAPHQL_INTROSPECTION ?? !production) && config.EXPLORER_ENABLED,
    explorerDemoSignIn: demoLogins.length > 0 ? { logins: demoLogins, password: config.EXPLORER_DEMO_PASSWORD ?? '' } : null,
    workers,
    introspection: config.GRAPHQL_INTROSPECTION ?? !production,
    subgraphUrls,
    subgraphTimeouts,
    corsOrigins,
  };
}
