import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import {
  closeHttpServer,
  createLogger,
  createTokenVerifier,
  errorReportingPlugin,
  formatErrorFor,
  listen,
  sendJson,
  type Logger,
} from '@fed/service-kit/edge';
import { loadGatewayConfig } from './config.ts';
import type { GatewayContext } from './context.ts';
import { createCors } from './cors.ts';
import { SubgraphDataSource } from './data-source.ts';
import { GatewayMetrics } from './metrics.ts';
import { observabilityPlugin } from './observability.ts';
import { operationLimitsPlugin } from './operation-limits.ts';
import { createRateLimiter } from './rate-limit.ts';
import { Readiness } from './readiness.ts';
import { createRequestHandler } from './request-handler.ts';
import { responseCachePlugin } from './response-cache.ts';
import { keyValueCache, openSharedStore } from './store.ts';
import { createSubgraphHttp } from './subgraph-http.ts';
import { supergraphFromFile } from './supergraph-source.ts';
import { documentCache, OperationWarmUp, queryPlanCache } from './warm-up.ts';

export interface RunningGateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface GatewayOptions {
  env?: Record<string, string | undefined>;
  logger?: Logger;
  port?: number;
}

/** Builds and starts the gateway (index.ts only adds signal handling); one module per concern. */
export async function startGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  const config = loadGatewayConfig(options.env ?? process.env);
  const logger = options.logger ?? createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  const verifier = createTokenVerifier({ jwksUrl: config.AUTH_JWKS_URL, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE });
  const metrics = new GatewayMetrics();
  const store = await openSharedStore({
    redisUrl: config.REDIS_URL,
    keyPrefix: config.REDIS_KEY_PREFIX,
    memoryMaxBytes: config.MEMORY_CACHE_MAX_MB * 1024 * 1024,
    redisTimeoutMs: config.REDIS_TIMEOUT_MS,
    logger,
  });
  const subgraphHttp = createSubgraphHttp(config.SUBGRAPH_MAX_SOCKETS);
  const sources = new Map<string, SubgraphDataSource>();
  const readiness = new Readiness(sources, () => store.status());
  const warmUp = new OperationWarmUp({ store, operations: config.WARMUP_OPERATIONS, warmed: metrics.warmedOperations, logger });

  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(config.SUPERGRAPH_PATH, config.SUPERGRAPH_POLL_MS, logger, (result) =>
      metrics.supergraphUpdates.inc([result]),
    ),
    // Reject a supergraph that does not validate in production too, not only in development.
    validateSupergraph: true,
    queryPlannerConfig: { cache: queryPlanCache(config.QUERY_PLAN_CACHE_MAX_MB, metrics.queryPlanCache) },
    logger: apolloLogger(logger),
    buildService: ({ name, url }) => {
      const key = name.toLowerCase();
      const source = new SubgraphDataSource({
        name,
        url: config.subgraphUrls[key] ?? url ?? '',
        timeoutMs: config.subgraphTimeouts[key] ?? config.SUBGRAPH_TIMEOUT_MS,
        deduplicate: config.SUBGRAPH_DEDUPLICATION,
        deduplicateRepresentations: config.SUBGRAPH_REPRESENTATION_DEDUPLICATION,
        http: subgraphHttp,
        metrics,
      });
      sources.set(name, source);
      return source;
    },
  });
  let started = false;
  let apiSchema: GraphQLSchema | null = null;
  // Each API schema Apollo serves, by the hash of the supergraph it came from (the response cache keys on it).
  const supergraphVersions = new WeakMap<GraphQLSchema, string>();
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema, coreSupergraphSdl }) => {
    apiSchema = schema;
    supergraphVersions.set(schema, createHash('sha256').update(coreSupergraphSdl).digest('base64url').slice(0, 16));
    readiness.supergraphLoaded(coreSupergraphSdl);
    // A changed supergraph emptied the plan cache. Apollo Server picks up the new schema in a listener
    // of its own after this one, so the warm-up starts on the next turn, against the new schema.
    if (started) setImmediate(() => void warmUp.warm(apollo, schema));
  });

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger: apolloLogger(logger),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: !config.production,
    formatError: formatErrorFor(config.production),
    csrfPrevention: true,
    documentStore: documentCache(config.DOCUMENT_CACHE_MAX_MB, metrics.documentCache),
    allowBatchedHttpRequests: config.MAX_BATCH_LENGTH > 1,
    // index.ts owns SIGTERM/SIGINT (closeOnSignal): it drains HTTP first, then stops Apollo. Apollo's own
    // handler (on outside NODE_ENV=test) would stop it at once, failing in-flight operations, then
    // re-raise the signal, which the kit takes for a second signal and exits 1.
    stopOnTerminationSignals: false,
    persistedQueries: config.APQ_ENABLED ? { cache: keyValueCache(store, config.APQ_TTL_SECONDS), ttl: config.APQ_TTL_SECONDS } : false,
    plugins: [
      errorReportingPlugin<GatewayContext>(),
      operationLimitsPlugin(
        { maxDepth: config.MAX_DEPTH, maxAliases: config.MAX_ALIASES, maxCost: config.MAX_COST, listSize: config.COST_LIST_SIZE },
        metrics,
      ),
      responseCachePlugin(config.RESPONSE_CACHE_ENABLED ? store : null, metrics, (schema) => supergraphVersions.get(schema) ?? ''),
      observabilityPlugin(metrics),
      warmUp.plugin(),
      // The response cache plugin writes Cache-Control itself (private for signed-in callers).
      ApolloServerPluginCacheControlDisabled(),
      config.introspection ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  try {
    await apollo.start();
    started = true;
    // Before the port opens: a new replica takes traffic with the fleet's operations already planned.
    if (apiSchema) await warmUp.warm(apollo, apiSchema);
  } catch (error) {
    subgraphHttp.close();
    await store.close();
    throw error;
  }

  const handle = createRequestHandler({
    apollo,
    config,
    verifier,
    rateLimiter: createRateLimiter(
      store,
      {
        windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
        userMax: config.RATE_LIMIT_USER_MAX,
        tenantMax: config.RATE_LIMIT_TENANT_MAX,
        anonymousMax: config.RATE_LIMIT_ANONYMOUS_MAX,
      },
      logger,
    ),
    readiness,
    metrics,
    cors: createCors(config.corsOrigins),
    logger,
  });
  const http = createServer((request, response) => {
    response.once('finish', () => metrics.httpRequests.inc([String(response.statusCode)]));
    handle(request, response).catch((error: unknown) => {
      // A client that hung up before its request was read (Node says ECONNRESET "aborted") is
      // no failure of the gateway, and nobody is left to answer.
      if (request.destroyed && (error as NodeJS.ErrnoException).code === 'ECONNRESET') {
        logger.debug('client closed the connection before its request was read');
        return;
      }
      logger.error('request failed', { error });
      if (!response.headersSent)
        sendJson(response, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else response.end();
    });
  });
  http.keepAliveTimeout = 65_000;
  const port = await listen(http, options.port ?? config.PORT, config.HOST);
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}/graphql`;
  logger.info('gateway listening', { url, store: store.kind });
  return {
    url,
    port,
    async close() {
      await closeHttpServer(http, config.SHUTDOWN_GRACE_MS);
      await warmUp.close();
      await apollo.stop();
      subgraphHttp.close();
      await store.close();
    },
  };
}

/** Apollo's own log lines, as JSON lines like ours. */
function apolloLogger(logger: Logger) {
  return {
    debug: (message: unknown) => logger.debug(String(message)),
    info: (message: unknown) => logger.info(String(message)),
    warn: (message: unknown) => logger.warn(String(message)),
    error: (message: unknown) => logger.error(String(message)),
  };
}

export { loadGatewayConfig } from './config.ts';
