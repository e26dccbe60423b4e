import { join } from 'node:path';
import { z } from 'zod';
import type { TokenVerifier } from './auth.ts';
import { createTokenVerifier } from './auth.ts';
import {
  authorityUrlFor,
  AUTHORITY_SOURCE,
  CurrentAuthority,
  httpStandingLookUp,
  lookUpTimeout,
  withCurrentAuthority,
  type SessionStanding,
} from './current-authority.ts';
import { ConfigError, env, loadConfig, requireMetricsToken } from './config.ts';
import { ServiceMetrics } from './service-metrics.ts';
import { inService, registerServicePort, startTracing } from './tracing.ts';
import { Housekeeper, publishedOutboxTask, type HousekeepingTask } from './housekeeping.ts';
import { gatewaySecrets } from './gateway-proof.ts';
import type { ServiceContext } from './context.ts';
import { databaseTargetFor, openDatabase, type DatabaseTarget, type SqlClient } from './database.ts';
import { createLogger, type Logger } from './logger.ts';
import { applyMigrations } from './migrations.ts';
import { createEventBus, EVENT_STREAM, InProcessEventBus, inProcessEventBus, type EventBus } from './events.ts';
import { createLiveEventFeed, type LiveEventFeed } from './subscriptions-feed.ts';
import { OutboxRelay } from './outbox-relay.ts';
import type { QueryListener } from './prisma.ts';
import { createSubgraphServer, type RouteHandler, type RunningServer } from './subgraph-server.ts';
import type { SqlDriverAdapterFactory } from '@prisma/client/runtime/client';
import type { DocumentNode } from 'graphql';

export const SUBGRAPH_NAMES = ['users', 'catalog', 'shipping', 'exports', 'audit'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** Default ports, so the embedded stack and docker-compose agree without configuration. */
export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  users: 4001,
  catalog: 4002,
  shipping: 4003,
  exports: 4004,
  audit: 4005,
};

/** Variables every subgraph reads; `<NAME>_PORT` and `<NAME>_DATABASE_URL` are added per subgraph. */
export const commonServiceEnv = {
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  DATA_DIR: z.string().default('.data'),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_POOL_SIZE: env.positiveInt(10),
  AUTH_ISSUER: z.string().default('urn:fed:users'),
  AUTH_AUDIENCE: z.string().default('urn:fed:graph'),
  AUTH_JWKS_URL: z.url().default(`http://127.0.0.1:${DEFAULT_PORTS.users}/.well-known/jwks.json`),
  /** Where a service asks about a bearer's session when the stream cannot tell it (default: next to the JWKS). */
  AUTHORITY_URL: z.url().optional(),
  /** How old the user state behind any decision on a caller may be, at most (current authority). */
  AUTHORITY_MAX_STALENESS_MS: env.positiveInt(5000),
  GRAPHQL_INTROSPECTION: env.boolean(true),
  SEED_DEMO_DATA: env.boolean(false),
  /** Redis for the event stream (and, at the gateway, caches and limits); unset: in-process delivery. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  /** The Redis Stream events travel on; every producer and consumer of one deployment must agree. */
  EVENTS_STREAM: z.string().min(1).default(EVENT_STREAM),
  OUTBOX_RELAY_INTERVAL_MS: env.positiveInt(250),
  /** How long a relay holds a claimed batch; a replica that dies mid-batch delays those events this long. */
  OUTBOX_RELAY_LEASE_MS: env.positiveInt(30_000),
  /** Longest wait between delivery attempts while the event transport or the audit log is down. */
  OUTBOX_RELAY_MAX_BACKOFF_MS: env.positiveInt(30_000),
  /** Off when a separate migration job owns schema changes (docker-compose, Kubernetes). */
  MIGRATE_ON_START: env.boolean(true),
  SHUTDOWN_GRACE_MS: env.positiveInt(10_000),
  /** Serve Prometheus metrics at /metrics on the subgraph's port. */
  METRICS_ENABLED: env.boolean(true),
  /** Bearer token a scraper must send to read /metrics; required in production while metrics are on. */
  METRICS_TOKEN: env.metricsToken(),
  /** Scheduled housekeeping in-process (one replica at a time); off when the housekeeping CronJob does it. */
  HOUSEKEEPING_ENABLED: env.boolean(true),
  HOUSEKEEPING_INTERVAL_MS: env.positiveInt(3_600_000),
  /** How long delivered outbox rows are kept before housekeeping deletes them. */
  OUTBOX_PUBLISHED_RETENTION_MINUTES: z.coerce.number().int().min(0).default(1440),
  /** How long a client may take to send its request headers, and its whole request (then 408 and the connection closes). */
  HTTP_HEADERS_TIMEOUT_MS: env.positiveInt(10_000),
  HTTP_REQUEST_TIMEOUT_MS: env.positiveInt(30_000),
  /**
   * Shared with the gateway, which signs every subgraph request with it (comma-separated: the first
   * signs, all are accepted, for rotation). Required in production; unset elsewhere: no proof asked.
   */
  GATEWAY_SUBGRAPH_SECRET: z.string().optional(),
  /** The subgraph's own operation limits, a second line behind the gateway's (0: off). */
  MAX_DEPTH: z.coerce.number().int().min(0).default(20),
  MAX_COST: z.coerce.number().int().min(0).default(200_000),
};

export function subgraphEnv(name: SubgraphName) {
  const prefix = name.toUpperCase();
  return {
    ...commonServiceEnv,
    [`${prefix}_PORT`]: env.port(DEFAULT_PORTS[name]),
    [`${prefix}_DATABASE_URL`]: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
  };
}

export type CommonServiceConfig = z.infer<z.ZodObject<typeof commonServiceEnv>>;

export interface SubgraphConfig extends CommonServiceConfig {
  port: number;
  databaseUrl: string | undefined;
  production: boolean;
}

export function loadSubgraphConfig(name: SubgraphName, source: Record<string, string | undefined> = process.env): SubgraphConfig {
  const prefix = name.toUpperCase();
  const parsed = loadConfig(subgraphEnv(name), source) as CommonServiceConfig & Record<string, unknown>;
  return {
    ...parsed,
    port: parsed[`${prefix}_PORT`] as number,
    databaseUrl: parsed[`${prefix}_DATABASE_URL`] as string | undefined,
    production: parsed.NODE_ENV === 'production',
  };
}

/** The secrets a subgraph accepts the gateway's proof under; refuses to run in production without one. */
export function subgraphGatewaySecrets(config: SubgraphConfig): string[] {
  const secrets = gatewaySecrets(config.GATEWAY_SUBGRAPH_SECRET);
  if (config.production && secrets.length === 0)
    throw new ConfigError(['GATEWAY_SUBGRAPH_SECRET: required in production (subgraphs must answer only the gateway)']);
  if (secrets.some((secret) => secret.length < 32))
    throw new ConfigError(['GATEWAY_SUBGRAPH_SECRET: each secret must have at least 32 characters']);
  return secrets;
}

/** What a subgraph hands to the kit: its database client, its schema and how to build its context. */
export interface SubgraphDefinition<Client extends { $disconnect(): Promise<void> }, Context extends ServiceContext> {
  name: SubgraphName;
  migrationsDir: string;
  createClient(adapter: SqlDriverAdapterFactory, onQuery?: QueryListener): Client;
  /** True when its mutations write audit events to the outbox: the kit then runs an outbox relay. */
  publishesEvents?: boolean;
  /** True for the users subgraph: its relay publishes the watermark current authority relies on. */
  authoritySource?: boolean;
  /** Demo data for the embedded mode; must be idempotent. */
  seed?(client: Client): Promise<void>;
  build(dependencies: SubgraphDependencies<Client>): Promise<SubgraphParts<Context>> | SubgraphParts<Context>;
}

export interface SubgraphDependencies<Client> {
  client: Client;
  /**
   * For work outside requests (event consumers): same database, but its statements are not
   * reported to `onQuery`, so per-operation statement counts stay exact while events flow.
   */
  backgroundClient: Client;
  /** The environment the service was started with, for subgraph-specific variables. */
  env: Record<string, string | undefined>;
  sql: SqlClient;
  config: SubgraphConfig;
  logger: Logger;
  /** Where events travel: subscribe here to consume them (the audit log, replicas). */
  events: EventBus;
  /** The same events as a fan-out for Subscription fields: every replica sees every event. */
  live: LiveEventFeed;
  /** The service's metrics registry, for metrics of its own (served with the kit's at /metrics). */
  metrics: ServiceMetrics;
}

export interface SubgraphParts<Context extends ServiceContext> {
  typeDefs: DocumentNode;
  resolvers: object[];
  extendContext(base: ServiceContext): Context;
  routes?: Record<string, RouteHandler>;
  /** Overrides the JWKS verifier (the users subgraph verifies with its own keys). */
  verifier?: TokenVerifier;
  /** Overrides the HTTP look-up of a bearer's session (the users subgraph reads its own database). */
  lookUpStanding?: (token: string) => Promise<SessionStanding>;
  /** Background work that must stop with the service (relays, consumers). */
  stop?(): Promise<void>;
  /** Scheduled housekeeping of its own (the audit retention purge); the kit adds the outbox's. */
  housekeeping?: HousekeepingTask[];
}

export interface StartOptions {
  /** Environment to read instead of process.env. */
  env?: Record<string, string | undefined>;
  /** Overrides the database target derived from the environment (tests use fresh databases). */
  database?: DatabaseTarget;
  port?: number;
  /** Receives every SQL statement Prisma sends, with its parameters (statement counts, EXPLAIN in tests). */
  onQuery?: QueryListener;
  logger?: Logger;
  /** The event bus to use instead of one derived from REDIS_URL (a stack shares one in-process bus). */
  eventBus?: EventBus;
}

export interface RunningSubgraph<Client> extends RunningServer {
  readonly name: SubgraphName;
  /** The outbox relay, when the subgraph publishes events. */
  readonly relay: OutboxRelay | null;
  readonly client: Client;
  readonly sql: SqlClient;
  /** The fan-out feed its Subscription fields listen on (listenerCount: subscriptions open here). */
  readonly live: LiveEventFeed;
  readonly metrics: ServiceMetrics;
  readonly housekeeper: Housekeeper;
}

/** Opens the database, migrates, seeds in embedded mode, and serves the subgraph. */
export async function startSubgraph<Client extends { $disconnect(): Promise<void> }, Context extends ServiceContext>(
  definition: SubgraphDefinition<Client, Context>,
  options: StartOptions = {},
): Promise<RunningSubgraph<Client>> {
  const config = loadSubgraphConfig(definition.name, options.env);
  // Checked where metrics are served, not in loadSubgraphConfig: scripts (migrate, backup) serve none.
  requireMetricsToken(config, config.production);
  await startTracing(options.env ?? process.env, definition.name);
  // Everything this service starts (its server, relay, consumers) is its work in traces.
  return inService(definition.name, () => runSubgraph(definition, options, config));
}

async function runSubgraph<Client extends { $disconnect(): Promise<void> }, Context extends ServiceContext>(
  definition: SubgraphDefinition<Client, Context>,
  options: StartOptions,
  config: SubgraphConfig,
): Promise<RunningSubgraph<Client>> {
  const logger = options.logger ?? createLogger({ service: definition.name, level: config.LOG_LEVEL });
  const target =
    options.database ??
    databaseTargetFor({ url: config.databaseUrl, poolSize: config.DATABASE_POOL_SIZE, dataDir: join(config.DATA_DIR, definition.name) });
  const database = await openDatabase(target);
  try {
    if (config.MIGRATE_ON_START) {
      const migrations = await applyMigrations(database.sql, definition.migrationsDir);
      if (migrations.applied.length > 0) logger.info('migrations applied', { applied: migrations.applied });
    }
    const client = definition.createClient(database.adapter, options.onQuery);
    const backgroundClient = options.onQuery ? definition.createClient(database.adapter) : client;
    // Demo data belongs to the embedded mode only, unless an operator asks for it explicitly.
    if (definition.seed && (target.kind === 'pglite' || config.SEED_DEMO_DATA)) await definition.seed(client);
    const bus = options.eventBus ?? createEventBus({ redisUrl: config.REDIS_URL, stream: config.EVENTS_STREAM, logger });
    const ownsBus = !options.eventBus && bus !== inProcessEventBus;
    const metrics = new ServiceMetrics(definition.name);
    metrics.watchPool(database.pool);
    if (definition.publishesEvents) metrics.watchOutbox(database.sql);
    const events = metrics.meterEventBus(bus);
    // One fan-out feed per service: Subscription fields listen on it, and current authority follows it.
    const live = await createLiveEventFeed({
      redisUrl: bus instanceof InProcessEventBus ? undefined : config.REDIS_URL,
      logger,
      stream: config.EVENTS_STREAM,
      bus: bus instanceof InProcessEventBus ? bus : inProcessEventBus,
    });
    const parts = await definition.build({
      client,
      backgroundClient,
      env: options.env ?? process.env,
      sql: database.sql,
      config,
      logger,
      events,
      live,
      metrics,
    });
    const relay = definition.publishesEvents
      ? new OutboxRelay(database.sql, events, logger, {
          intervalMs: config.OUTBOX_RELAY_INTERVAL_MS,
          maxBackoffMs: config.OUTBOX_RELAY_MAX_BACKOFF_MS,
          leaseMs: config.OUTBOX_RELAY_LEASE_MS,
          ...(definition.authoritySource ? { watermarkSource: AUTHORITY_SOURCE } : {}),
          metrics: { published: metrics.outboxPublished, failures: metrics.outboxFailures },
          service: definition.name,
        })
      : null;
    const authority = new CurrentAuthority({
      maxStalenessMs: config.AUTHORITY_MAX_STALENESS_MS,
      lookUp:
        parts.lookUpStanding ??
        httpStandingLookUp(config.AUTHORITY_URL ?? authorityUrlFor(config.AUTH_JWKS_URL), lookUpTimeout(config.AUTHORITY_MAX_STALENESS_MS)),
      feed: live,
      logger,
    });
    const verifier = withCurrentAuthority(
      parts.verifier ?? createTokenVerifier({ jwksUrl: config.AUTH_JWKS_URL, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE }),
      authority,
    );
    const server = await createSubgraphServer<Context>({
      name: definition.name,
      typeDefs: parts.typeDefs,
      resolvers: parts.resolvers,
      extendContext: parts.extendContext,
      verifier,
      logger,
      production: config.production,
      introspection: config.GRAPHQL_INTROSPECTION,
      ...(parts.routes ? { routes: parts.routes } : {}),
      checkReady: async () => {
        await database.sql.query('SELECT 1');
      },
      shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
      ...(config.METRICS_ENABLED ? { metrics: { service: metrics, token: config.METRICS_TOKEN } } : {}),
      gatewaySecrets: subgraphGatewaySecrets(config),
      limits: { maxDepth: config.MAX_DEPTH, maxAliases: 0, maxCost: config.MAX_COST, listSize: 10 },
      headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    });
    const housekeeper = new Housekeeper(
      definition.name,
      database.sql,
      housekeepingTasks(definition, parts, database.sql, config),
      metrics,
      logger,
      config.HOUSEKEEPING_INTERVAL_MS,
    );
    const running = await server.listen(options.port ?? config.port, config.HOST);
    registerServicePort(running.port, definition.name);
    relay?.start();
    if (config.HOUSEKEEPING_ENABLED) housekeeper.start();
    logger.info('subgraph listening', { url: running.url, database: target.kind, events: config.REDIS_URL ? 'redis' : 'in-process' });
    return {
      name: definition.name,
      url: running.url,
      port: running.port,
      client,
      sql: database.sql,
      relay,
      live,
      metrics,
      housekeeper,
      async close() {
        // Open event streams (subscriptions) would hold the drain for its whole grace period: once new
        // connections are refused, the feed is closed, which completes every stream.
        const draining = running.close();
        authority.close();
        await live.close();
        await draining;
        await housekeeper.stop();
        await relay?.stop();
        await parts.stop?.();
        if (ownsBus) await events.close();
        await client.$disconnect();
        if (backgroundClient !== client) await backgroundClient.$disconnect();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** The housekeeping a subgraph runs: the outbox's when it publishes events, and its own. */
export function housekeepingTasks(
  definition: { publishesEvents?: boolean },
  parts: { housekeeping?: HousekeepingTask[] },
  sql: SqlClient,
  config: Pick<SubgraphConfig, 'OUTBOX_PUBLISHED_RETENTION_MINUTES'>,
): HousekeepingTask[] {
  return [
    ...(definition.publishesEvents ? [publishedOutboxTask(sql, config.OUTBOX_PUBLISHED_RETENTION_MINUTES)] : []),
    ...(parts.housekeeping ?? []),
  ];
}
