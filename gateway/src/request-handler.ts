import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import {
  AppError,
  bearerToken,
  executeGraphQL,
  PayloadTooLargeError,
  readBody,
  requestIdOf,
  sendJson,
  type Identity,
  type Logger,
  type TokenVerifier,
} from '@fed/service-kit/edge';
import type { GatewayConfig } from './config.ts';
import type { GatewayContext } from './context.ts';
import type { Cors } from './cors.ts';
import type { Explorer } from './explorer.ts';
import type { TrustedDocuments } from './trusted-documents.ts';
import { PROMETHEUS_CONTENT_TYPE, type GatewayMetrics } from './metrics.ts';
import { LimitExceededError } from './operation-limits.ts';
import { rateLimitedBody, rateLimitHeaders, type RateLimiter } from './rate-limit.ts';
import type { Readiness } from './readiness.ts';

export interface HandlerDependencies {
  apollo: ApolloServer<GatewayContext>;
  config: GatewayConfig;
  verifier: TokenVerifier;
  rateLimiter: RateLimiter;
  readiness: Readiness;
  metrics: GatewayMetrics;
  cors: Cors;
  logger: Logger;
  /** Puts registered documents in place of their ids; refuses untrusted ones under TRUSTED_DOCUMENTS=enforce. */
  trustedDocuments: TrustedDocuments;
  /** The in-browser explorer (development), or null. */
  explorer: Explorer | null;
}

/**
 * The gateway's HTTP edge. For GraphQL, in order and each before anything costlier: the token
 * (an invalid one is refused before any subgraph is called), the body size, the batch length and
 * the rate limit; then Apollo Server, whose plugins check the operation limits, answer from the
 * response cache, execute and log.
 */
export function createRequestHandler(deps: HandlerDependencies) {
  const { apollo, config, verifier, rateLimiter, readiness, metrics, cors, logger, explorer, trustedDocuments } = deps;

  const reject = (
    response: ServerResponse,
    status: number,
    body: { errors: { message: string; extensions?: Record<string, unknown> }[] },
    headers: Record<string, string>,
    log: Logger,
  ) => {
    const code = String(body.errors[0]?.extensions?.code ?? 'BAD_REQUEST');
    metrics.errors.inc([code]);
    log.info('request refused', { status, code, reason: body.errors[0]?.message });
    sendJson(response, status, body, headers);
  };

  return async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (path === '/health') return sendJson(response, 200, { status: 'ok', service: 'gateway' });
    if (path === '/ready') {
      const report = await readiness.check();
      return sendJson(response, report.ready ? 200 : 503, {
        status: report.ready ? 'ready' : 'unavailable',
        service: 'gateway',
        ...report,
      });
    }
    if (path === '/metrics' && config.METRICS_ENABLED) {
      const text = metrics.render();
      response.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE, 'content-length': Buffer.byteLength(text) });
      return void response.end(text);
    }
    if (explorer?.handle(request, response, path)) return;
    if (path !== '/graphql' && path !== '/') return sendJson(response, 404, { error: `No route for ${path}` });
    const origin = request.headers.origin;
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors.preflight(origin));
      return void response.end();
    }

    const requestId = requestIdOf(request);
    const headers: Record<string, string> = { 'x-request-id': requestId, ...cors.headers(origin) };
    const log = logger.child({ requestId });
    const authorization = request.headers.authorization ?? null;
    let identity: Identity | null;
    try {
      // A missing token is anonymous; a bad one is refused here, before any subgraph is called.
      const token = bearerToken(authorization ?? undefined);
      identity = token ? await verifier.verify(token) : null;
    } catch (error) {
      if (error instanceof AppError)
        return reject(response, 401, { errors: [{ message: error.message, extensions: error.extensions }] }, headers, log);
      throw error;
    }

    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > config.MAX_BODY_BYTES) {
      return reject(
        response,
        413,
        new LimitExceededError('MAX_BODY_BYTES', config.MAX_BODY_BYTES, declared, 'Request body size').toBody(),
        headers,
        log,
      );
    }
    let body: string;
    try {
      body = await readBody(request, config.MAX_BODY_BYTES);
    } catch (error) {
      if (!(error instanceof PayloadTooLargeError)) throw error;
      const tooLarge = new LimitExceededError(
        'MAX_BODY_BYTES',
        config.MAX_BODY_BYTES,
        `more than ${config.MAX_BODY_BYTES}`,
        'Request body size',
      );
      return reject(response, 413, tooLarge.toBody(), headers, log);
    }

    const operations = batchLength(body);
    if (operations > config.MAX_BATCH_LENGTH) {
      const tooMany = new LimitExceededError('MAX_BATCH_LENGTH', config.MAX_BATCH_LENGTH, operations, 'Batch length');
      return reject(response, 400, tooMany.toBody(), headers, log);
    }

    const clientIp = clientAddress(request, config.TRUST_PROXY);
    const decision = await rateLimiter.check(identity, clientIp, Math.max(1, operations));
    if (decision) {
      Object.assign(headers, rateLimitHeaders(decision));
      if (!decision.allowed) {
        metrics.rateLimited.inc([decision.scope]);
        return reject(response, 429, rateLimitedBody(decision), headers, log);
      }
    }

    // After the cheap refusals, before anything is parsed: only registered documents under enforce.
    const resolved = await trustedDocuments.resolve(request, body);
    if ('refusal' in resolved) return reject(response, resolved.refusal.status, resolved.refusal.body, headers, log);
    body = resolved.body;

    const context: GatewayContext = {
      requestId,
      identity,
      authorization,
      clientIp,
      userAgent: request.headers['user-agent'] ?? null,
      logger: log,
    };
    await executeGraphQL(apollo, request, response, body, async () => context, headers);
  };
}

/** How many operations a body holds: only a JSON array (a batch) is parsed here. */
function batchLength(body: string): number {
  const start = body.search(/\S/);
  if (start === -1 || body[start] !== '[') return 1;
  try {
    const parsed: unknown = JSON.parse(body);
    return Array.isArray(parsed) ? parsed.length : 1;
  } catch {
    return 1; // Apollo Server answers with the parse error.
  }
}

function clientAddress(request: IncomingMessage, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = request.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return request.socket.remoteAddress ?? null;
}
