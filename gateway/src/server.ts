import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import {
  AppError,
  bearerToken,
  closeHttpServer,
  createLogger,
  createTokenVerifier,
  errorReportingPlugin,
  executeGraphQL,
  formatErrorFor,
  listen,
  PayloadTooLargeError,
  readBody,
  requestIdOf,
  sendGraphQLError,
  sendJson,
  type Identity,
  type Logger,
  type TokenVerifier,
} from '@fed/service-kit';
import { loadGatewayConfig, type GatewayConfig } from './config.ts';
import type { GatewayContext } from './context.ts';
import { AuthenticatedDataSource } from './data-source.ts';
import { supergraphFromFile } from './supergraph-source.ts';

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

/** Builds and starts the gateway (index.ts only adds signal handling). */
export async function startGateway(options: GatewayOptions = {}): Promise<RunningGateway> {
  const config = loadGatewayConfig(options.env ?? process.env);
  const logger = options.logger ?? createLogger({ service: 'gateway', level: config.LOG_LEVEL });
  const verifier = createTokenVerifier({ jwksUrl: config.AUTH_JWKS_URL, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE });

  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(config.SUPERGRAPH_PATH, config.SUPERGRAPH_POLL_MS, logger),
    buildService: ({ name, url }) => new AuthenticatedDataSource({ url: config.subgraphUrls[name.toLowerCase()] ?? url }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: !config.production,
    formatError: formatErrorFor(config.production),
    csrfPrevention: true,
    plugins: [
      errorReportingPlugin<GatewayContext>(),
      config.introspection ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  const http = createServer((request, response) => {
    handle(request, response, { apollo, config, verifier, logger }).catch((error: unknown) => {
      logger.error('request failed', { error });
      if (!response.headersSent)
        sendJson(response, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else response.end();
    });
  });
  http.keepAliveTimeout = 65_000;
  const port = await listen(http, options.port ?? config.PORT, config.HOST);
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}/graphql`;
  logger.info('gateway listening', { url });
  return {
    url,
    port,
    async close() {
      await closeHttpServer(http, config.SHUTDOWN_GRACE_MS);
      await apollo.stop();
    },
  };
}

interface Dependencies {
  apollo: ApolloServer<GatewayContext>;
  config: GatewayConfig;
  verifier: TokenVerifier;
  logger: Logger;
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  { apollo, config, verifier, logger }: Dependencies,
): Promise<void> {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  if (path === '/health') return sendJson(response, 200, { status: 'ok', service: 'gateway' });
  if (path === '/ready') {
    const ready = await apollo
      .executeOperation({ query: '{ __typename }' }, { contextValue: anonymousContext(logger) })
      .then((result) => result.body.kind === 'single' && !result.body.singleResult.errors)
      .catch(() => false);
    return sendJson(response, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', service: 'gateway' });
  }
  if (path !== '/graphql' && path !== '/') return sendJson(response, 404, { error: `No route for ${path}` });

  const requestId = requestIdOf(request);
  const responseHeaders = { 'x-request-id': requestId };
  const authorization = request.headers.authorization ?? null;
  let identity: Identity | null;
  try {
    // A missing token is anonymous; a bad one is rejected here, before any subgraph is called.
    const token = bearerToken(authorization ?? undefined);
    identity = token ? await verifier.verify(token) : null;
  } catch (error) {
    if (error instanceof AppError) return sendGraphQLError(response, 401, error, responseHeaders);
    throw error;
  }
  let body: string;
  try {
    body = await readBody(request, config.MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof PayloadTooLargeError) {
      return sendJson(
        response,
        413,
        { errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST', limit: error.limit } }] },
        responseHeaders,
      );
    }
    throw error;
  }
  const context: GatewayContext = {
    requestId,
    identity,
    authorization,
    clientIp: request.socket.remoteAddress ?? null,
    userAgent: request.headers['user-agent'] ?? null,
    logger: logger.child({ requestId }),
  };
  await executeGraphQL(apollo, request, response, body, async () => context, responseHeaders);
}

function anonymousContext(logger: Logger): GatewayContext {
  return { requestId: 'readiness-probe', identity: null, authorization: null, clientIp: null, userAgent: null, logger };
}

export { loadGatewayConfig } from './config.ts';
