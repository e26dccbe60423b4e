import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  closeHttpServer,
  createLogger,
  authorityUrlFor,
  createTokenVerifier,
  CurrentAuthority,
  errorReportingPlugin,
  followStream,
  httpStandingLookUp,
  lookUpTimeout,
  withCurrentAuthority,
  type InProcessEventBus,
  formatErrorFor,
  inService,
  httpServerOptions,
  listen,
  registerServicePort,
  sendJson,
  startTracing,
  type Logger,
} from '@fed/service-kit/edge';
import { loadGatewayConfig } from './config.ts';
import type { GatewayContext } from './context.ts';
import { createCors } from './cors.ts';
import { SubgraphDataSource } from './data-source.ts';
import { authDirectivesPlugin, authRequirements, NO_AUTH_RULES } from './auth-directives.ts';
import { createExplorer } from './explorer.ts';
import { createTrustedDocuments } from './trusted-documents.ts';
import { GatewayMetrics } from './metrics.ts';
import { observabilityPlugin } from './observability.ts';
import { operationLimitsPlugin } from './operation-limits.ts';
import { createRateLimiter } from './rate-limit.ts';
import { createLiveGraph } from './live/server.ts';
import { currentAuthorityCheck } from './live/session.ts';
import { LivePlanner } from './live/plan.ts';
import { Readiness } from './readiness.ts';
import { createRequestHandler } from './request-handler.ts';
import { responseCachePlugin } from './response-cache.ts';
import { keyValueCache, openSharedStore } from './store.ts';
import { createSubgraphHttp } from './subgraph-http.ts';
import { supergraphFromFile } from './supergraph-source.ts';
import { workerMetrics } from './worker-metrics.ts';
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
  /** The embedded stack's in-process event bus, followed for current authority (with REDIS_URL: the stream). */
  eventBus?: InProcessEventBus;
}

/** Builds and starts the gateway (index.ts only adds signal handling); one module per concern. */
export async function startGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  await startTracing(options.env ?? process.env, 'gateway');
  return inService('gateway', () => runGateway(options));
}

async function runGateway(options: GatewayOptions): Promise<RunningGateway> {
  const config = loadGatewayConfig(options.env ?? process.env);
  const logger = options.logger ?? createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  // Tokens are checked against the users subgraph's state now, not only their signature.
  const feed = options.eventBus || config.REDIS_URL ? await followStream(options.eventBus ?? null, config, logger) : null;
  const authority = new CurrentAuthority({
    maxStalenessMs: config.AUTHORITY_MAX_STALENESS_MS,
    lookUp: httpStandingLookUp(
      config.AUTHORITY_URL ?? authorityUrlFor(config.AUTH_JWKS_URL),
      lookUpTimeout(config.AUTHORITY_MAX_STALENESS_MS),
    ),
    feed,
    logger,
  });
  const verifier = withCurrentAuthority(
    createTokenVerifier({ jwksUrl: config.AUTH_JWKS_URL, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE }),
    authority,
  );
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
  const livePlanner = new LivePlanner();
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
        ...(config.proofSecret ? { proofSecret: config.proofSecret } : {}),
      });
      sources.set(name, source);
      return source;
    },
  });
  let started = false;
  let apiSchema: GraphQLSchema | null = null;
  // Each API schema Apollo serves, by the hash of the supergraph it came from (the response cache keys on it).
  const supergraphVersions = new WeakMap<GraphQLSchema, string>();
  // What @authenticated / @requiresScopes / @policy ask of each field, per API schema.
  const authRules = new WeakMap<GraphQLSchema, ReturnType<typeof authRequirements>>();
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema, coreSupergraphSdl }) => {
    apiSchema = schema;
    authRules.set(schema, authRequirements(coreSupergraphSdl));
    supergraphVersions.set(schema, createHash('sha256').update(coreSupergraphSdl).digest('base64url').slice(0, 16));
    readiness.supergraphLoaded(coreSupergraphSdl);
    livePlanner.supergraphChanged(coreSupergraphSdl);
    // A changed supergraph emptied the plan cache. Apollo Server picks up the new schema in a listener
    // of its own after this one, so the warm-up starts on the next turn, against the new schema.
    if (started) setImmediate(() => void warmUp.warm(apollo, schema));
  });

  const operationLimits = {
    maxDepth: config.MAX_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxCost: config.MAX_COST,
    listSize: config.COST_LIST_SIZE,
  };
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger: apolloLogger(logger),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: !config.production,
    formatError: formatErrorFor(config.production),
    csrfPrevention: true,
    // No "Did you mean …?" in production: suggestions would map the schema for anonymous callers.
    hideSchemaDetailsFromClientErrors: config.production,
    documentStore: documentCache(config.DOCUMENT_CACHE_MAX_MB, metrics.documentCache),
    allowBatchedHttpRequests: config.MAX_BATCH_LENGTH > 1,
    // index.ts owns SIGTERM/SIGINT (closeOnSignal): it drains HTTP first, then stops Apollo. Apollo's own
    // handler (on outside NODE_ENV=test) would stop it at once, failing in-flight operations, then
    // re-raise the signal, which the kit takes for a second signal and exits 1.
    stopOnTerminationSignals: false,
    persistedQueries: config.APQ_ENABLED ? { cache: keyValueCache(store, config.APQ_TTL_SECONDS), ttl: config.APQ_TTL_SECONDS } : false,
    plugins: [
      errorReportingPlugin<GatewayContext>(),
      operationLimitsPlugin(operationLimits, metrics),
      responseCachePlugin(config.RESPONSE_CACHE_ENABLED ? store : null, metrics, (schema) => supergraphVersions.get(schema) ?? ''),
      // After the response cache: it stores (and serves) the trimmed answer; refusals are added to each.
      authDirectivesPlugin((schema) => authRules.get(schema) ?? NO_AUTH_RULES),
      observabilityPlugin(metrics),
      warmUp.plugin(),
      // The response cache plugin writes Cache-Control itself (private for signed-in callers).
      ApolloServerPluginCacheControlDisabled(),
      // Browsers get the gateway's own explorer (explorer.ts, before Apollo); Apollo's landing page loads from a CDN.
      ApolloServerPluginLandingPageDisabled(),
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
    authority.close();
    await feed?.close();
    throw error;
  }

  const live = createLiveGraph({
    verifier,
    authorityCheck: currentAuthorityCheck(verifier),
    schema: () => apiSchema,
    planner: livePlanner,
    sources,
    operationLimits,
    limits: {
      maxSubscriptionsPerConnection: config.LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION,
      maxSubscriptionsPerUser: config.LIVE_MAX_SUBSCRIPTIONS_PER_USER,
      maxQueuedEvents: config.LIVE_MAX_QUEUED_EVENTS,
      maxBufferedBytes: config.LIVE_MAX_BUFFERED_BYTES,
      authorityRecheckMs: config.LIVE_AUTHORITY_RECHECK_MS,
      connectionInitTimeoutMs: config.LIVE_CONNECTION_INIT_TIMEOUT_MS,
    },
    production: config.production,
    proofSecret: config.proofSecret,
    logger,
  });
  // A revocation on the stream closes the affected live connections at once, not at the next re-check.
  const stopPushing = authority.onChange(() => void live.recheckAll());
  const metricsEndpoint = workerMetrics(metrics);
  const handle = createRequestHandler({
    live,
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
    renderMetrics: metricsEndpoint.render,
    cors: createCors(config.corsOrigins),
    logger,
    trustedDocuments: createTrustedDocuments({
      mode: config.trustedDocuments,
      store,
      manifestPaths: config.trustedDocumentManifests,
      logger,
    }),
    explorer: config.explorer
      ? createExplorer({ endpoint: '/graphql', defaultQuery: config.EXPLORER_DEFAULT_QUERY, demoSignIn: config.explorerDemoSignIn })
      : null,
  });
  const timeouts = { headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS, requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS };
  const http = createServer(httpServerOptions(timeouts), (request, response) => {
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
  live.attach(http);
  const port = await listen(http, options.port ?? config.PORT, config.HOST);
  registerServicePort(port, 'gateway');
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}/graphql`;
  logger.info('gateway listening', { url, store: store.kind });
  return {
    url,
    port,
    async close() {
      // Refuse new connections first, then end live ones with "going away" (they would otherwise hold
      // the drain for its whole grace period), then let in-flight requests finish.
      const draining = closeHttpServer(http, config.SHUTDOWN_GRACE_MS);
      await live.close();
      await draining;
      metricsEndpoint.stop();
      await warmUp.close();
      await apollo.stop();
      subgraphHttp.close();
      await store.close();
      stopPushing();
      authority.close();
      await feed?.close();
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
