import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { GraphQLScalarType, type DocumentNode } from 'graphql';
import { bearerToken, type Identity, type TokenVerifier } from './auth.ts';
import { createServiceContext, type ServiceContext } from './context.ts';
import { AppError, doorRefusalStatus, UnauthenticatedError } from './errors.ts';
import { errorReportingPlugin, formatErrorFor } from './error-policy.ts';
import { GATEWAY_PROOF_HEADER, verifyGatewayProof } from './gateway-proof.ts';
import { inputRulesPlugin } from './input-rules.ts';
import { exceededLimit, measureOperation, type OperationLimits } from './operation-measure.ts';
import {
  closeHttpServer,
  executeGraphQL,
  httpServerOptions,
  listen,
  PayloadTooLargeError,
  readBody,
  requestIdOf,
  sendGraphQLError,
  sendJson,
} from './http.ts';
import { createEventStreamHandler, isEventStreamRequest } from './live-subscriptions.ts';
import type { Logger } from './logger.ts';
import { applyVisibility } from './visibility-schema.ts';
import { serveMetrics } from './metrics.ts';
import type { ServiceMetrics } from './service-metrics.ts';

export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface SubgraphServerOptions<Context extends ServiceContext> {
  name: string;
  typeDefs: DocumentNode;
  /** The subgraph's generated `Resolvers<Context>` maps, one per module; merged by type. */
  resolvers: object[];
  /** Adds the subgraph's own stores to the shared per-request context. */
  extendContext: (base: ServiceContext) => Context;
  verifier: TokenVerifier;
  logger: Logger;
  production: boolean;
  introspection: boolean;
  /** Extra GET routes, e.g. the users subgraph's JWKS. */
  routes?: Record<string, RouteHandler>;
  /** Throws when a dependency (the database) is not usable. */
  checkReady: () => Promise<void>;
  maxBodyBytes?: number;
  shutdownGraceMs?: number;
  /** Served at /metrics (behind the token when one is set); absent: no /metrics. */
  metrics?: { service: ServiceMetrics; token: string | undefined };
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /**
   * Secrets of the gateway's proof (`GATEWAY_SUBGRAPH_SECRET`); when set, `/graphql` serves only
   * requests that carry it, so nobody but the gateway reaches resolvers, `_service` or introspection.
   */
  gatewaySecrets?: readonly string[];
  /** Depth and cost limits of the operations the subgraph runs: a second line behind the gateway's. */
  limits?: OperationLimits;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface SubgraphServer {
  readonly http: Server;
  listen(port: number, host?: string): Promise<RunningServer>;
}

export async function createSubgraphServer<Context extends ServiceContext>(
  options: SubgraphServerOptions<Context>,
): Promise<SubgraphServer> {
  // Who may read what (VISIBILITY) is enforced on the built schema, the same way in every subgraph.
  const schema = applyVisibility(
    buildSubgraphSchema({
      typeDefs: options.typeDefs,
      // The generated resolver types are stricter than Apollo's map type; this is the one place they meet.
      resolvers: mergeResolverMaps(options.resolvers) as GraphQLResolverMap<unknown>,
    }),
  );
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: options.introspection,
    includeStacktraceInErrorResponses: !options.production,
    formatError: formatErrorFor(options.production),
    // The gateway has no use for per-field traces here; skipping them saves work on every request.
    // The input rules run on every operation before any resolver: one place for every field's arguments.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      errorReportingPlugin<Context>(),
      ...(options.metrics ? [options.metrics.service.plugin<Context>()] : []),
      ...(options.limits ? [limitsPlugin<Context>(options.limits)] : []),
      inputRulesPlugin<Context>(),
    ],
    // No "Did you mean …?" in production: suggestions would map the schema for whoever asks.
    hideSchemaDetailsFromClientErrors: options.production,
    // Subgraphs are called by the gateway with JSON bodies; CSRF prevention stays on for direct callers.
    csrfPrevention: true,
    // The kit owns SIGTERM/SIGINT (closeOnSignal): it drains HTTP first, then stops Apollo. Apollo's own
    // handler (on outside NODE_ENV=test) would stop it at once, failing in-flight operations, then
    // re-raise the signal, which the kit takes for a second signal and exits 1.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  // Subscriptions (and only they need it) are served over Server-Sent Events on the same URL; the
  // caller is verified below exactly as for a query, before the stream handler sees the request.
  const contextFactories = new WeakMap<IncomingMessage, () => Context>();
  const eventStream = createEventStreamHandler<Context>(schema, (request) => {
    const factory = contextFactories.get(request);
    if (!factory) throw new Error('event stream request without a verified caller');
    return factory;
  });

  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (path === '/health') return sendJson(response, 200, { status: 'ok', service: options.name });
    if (path === '/ready') {
      try {
        await options.checkReady();
        return sendJson(response, 200, { status: 'ready', service: options.name });
      } catch (error) {
        return sendJson(response, 503, { status: 'unavailable', service: options.name, reason: (error as Error).message });
      }
    }
    if (path === '/metrics' && options.metrics) {
      const { service, token } = options.metrics;
      return serveMetrics(request, response, token, () => service.render());
    }
    const route = options.routes?.[path];
    if (route && request.method === 'GET') return route(request, response);
    if (path !== '/graphql' && path !== '/') return sendJson(response, 404, { error: `No route for ${path}` });

    const requestId = requestIdOf(request);
    const responseHeaders = { 'x-request-id': requestId };
    const secrets = options.gatewaySecrets ?? [];
    const notFromGateway = new UnauthenticatedError('This service answers only the gateway: the request carries no valid gateway proof');
    // A request without even the shape of a proof is refused before its body is read.
    if (secrets.length > 0 && !request.headers[GATEWAY_PROOF_HEADER])
      return sendGraphQLError(response, 401, notFromGateway, responseHeaders);
    let identity: Identity | null;
    try {
      const token = bearerToken(request.headers.authorization);
      // Tenant and user come from the verified token only; x-tenant-id or similar headers are ignored.
      identity = token ? await options.verifier.verify(token) : null;
    } catch (error) {
      if (error instanceof AppError) return sendGraphQLError(response, doorRefusalStatus(error), error, responseHeaders);
      throw error;
    }
    const logger = options.logger.child({ requestId });
    const contextOf = () =>
      options.extendContext(
        createServiceContext({
          requestId,
          identity,
          logger,
          client: {
            ip: firstForwardedFor(request) ?? request.socket.remoteAddress ?? null,
            userAgent: request.headers['user-agent'] ?? null,
          },
        }),
      );
    let body: string;
    try {
      body = await readBody(request, maxBodyBytes);
    } catch (error) {
      if (error instanceof PayloadTooLargeError)
        return sendJson(response, 413, { errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST' } }] });
      throw error;
    }
    if (secrets.length > 0 && !verifyGatewayProof(secrets, request.headers[GATEWAY_PROOF_HEADER], body))
      return sendGraphQLError(response, 401, notFromGateway, responseHeaders);
    if (isEventStreamRequest(request)) {
      contextFactories.set(request, contextOf);
      return eventStream(request, response, body);
    }
    const context = contextOf();
    await executeGraphQL(apollo, request, response, body, async () => context, responseHeaders);
  };

  const timeouts = { headersTimeoutMs: options.headersTimeoutMs ?? 10_000, requestTimeoutMs: options.requestTimeoutMs ?? 30_000 };
  const http = createServer(httpServerOptions(timeouts), (request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.logger.error('request failed', { error });
      if (!response.headersSent)
        sendJson(response, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else response.end();
    });
  });

  return {
    http,
    async listen(port, host = '127.0.0.1') {
      const boundPort = await listen(http, port, host);
      const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${boundPort}/graphql`;
      return {
        url,
        port: boundPort,
        async close() {
          await closeHttpServer(http, options.shutdownGraceMs ?? 10_000);
          await apollo.stop();
        },
      };
    },
  };
}

function limitsPlugin<Context extends ServiceContext>(limits: OperationLimits): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const exceeded = exceededLimit(limits, measureOperation(schema, document, operation, request.variables ?? {}, limits.listSize));
          if (exceeded) throw exceeded;
        },
      };
    },
  };
}

function firstForwardedFor(request: IncomingMessage): string | null {
  const header = request.headers['x-forwarded-for'];
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(',')[0]?.trim() || null;
}

/** Merges per-module resolver maps; two modules defining the same field is a programming error. */
export function mergeResolverMaps(maps: object[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [typeName, typeResolvers] of Object.entries(map)) {
      const existing = merged[typeName];
      if (existing === undefined || typeResolvers instanceof GraphQLScalarType) {
        merged[typeName] = typeResolvers;
        continue;
      }
      for (const field of Object.keys(typeResolvers as object)) {
        if (field in (existing as object)) throw new Error(`Resolver ${typeName}.${field} is defined by two modules`);
      }
      merged[typeName] = { ...(existing as object), ...(typeResolvers as object) };
    }
  }
  return merged;
}
