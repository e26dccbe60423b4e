import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import {
  AppError,
  bearerToken,
  doorRefusalStatus,
  executeGraphQL,
  headerMapOf,
  PayloadTooLargeError,
  readBody,
  incomingRequestId,
  requestIdOf,
  sendJson,
  serveMetrics,
  type Identity,
  type Logger,
  type TokenVerifier,
} from '@fed/service-kit/edge';
import type { GatewayConfig } from './config.ts';
import type { GatewayContext } from './context.ts';
import type { Cors } from './cors.ts';
import {
  acceptsMultipart,
  incrementalItems,
  mayDefer,
  MULTIPART_CONTENT_TYPE,
  MULTIPART_END,
  multipartPart,
  splitDeferred,
  withoutPlaceholders,
  type DeferSplit,
} from './defer.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { Explorer } from './explorer.ts';
import type { TrustedDocuments } from './trusted-documents.ts';
import { LimitExceededError } from './operation-limits.ts';
import { rateLimitedBody, rateLimitHeaders, type RateLimiter } from './rate-limit.ts';
import type { createLiveGraph } from './live/server.ts';
import type { Readiness } from './readiness.ts';

export interface HandlerDependencies {
  apollo: ApolloServer<GatewayContext>;
  config: GatewayConfig;
  verifier: TokenVerifier;
  rateLimiter: RateLimiter;
  readiness: Readiness;
  metrics: GatewayMetrics;
  /** This process's metrics, or with workers the whole gateway's. */
  renderMetrics: () => Promise<string>;
  cors: Cors;
  logger: Logger;
  live: ReturnType<typeof createLiveGraph>;
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
  const { apollo, config, verifier, rateLimiter, readiness, metrics, renderMetrics, cors, logger, live, explorer, trustedDocuments } = deps;

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
    if (path === '/metrics' && config.METRICS_ENABLED) return serveMetrics(request, response, config.METRICS_TOKEN, renderMetrics);
    if (explorer?.handle(request, response, path)) return;
    if (path !== '/graphql' && path !== '/') return sendJson(response, 404, { error: `No route for ${path}` });
    const origin = request.headers.origin;
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors.preflight(origin));
      return void response.end();
    }

    // A client's x-request-id is its own claim: kept as the request id (in logs and audit events)
    // only behind a trusted proxy that sets it; otherwise the gateway issues one and logs the
    // client's beside it, so the two can still be matched.
    const requestId = requestIdOf(request, config.TRUST_PROXY);
    const clientRequestId = config.TRUST_PROXY ? null : incomingRequestId(request);
    const headers: Record<string, string> = { 'x-request-id': requestId, ...cors.headers(origin) };
    // Subscriptions over Server-Sent Events: the token from the Authorization header, then live/server.ts.
    if (live.isEventStreamRequest(request)) return live.handleEventStream(request, response, headers);
    const log = logger.child(clientRequestId ? { requestId, clientRequestId } : { requestId });
    const authorization = request.headers.authorization ?? null;
    let identity: Identity | null;
    try {
      // A missing token is anonymous; a bad one is refused here, before any subgraph is called.
      const token = bearerToken(authorization ?? undefined);
      identity = token ? await verifier.verify(token) : null;
    } catch (error) {
      if (error instanceof AppError)
        return reject(
          response,
          doorRefusalStatus(error),
          { errors: [{ message: error.message, extensions: error.extensions }] },
          headers,
          log,
        );
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
    const deferred = deferredRequest(body);
    if (deferred) {
      // Without multipart/mixed in Accept: one complete answer, as if nothing were deferred.
      if (!acceptsMultipart(request.headers.accept)) body = JSON.stringify({ ...deferred.request, query: deferred.split.complete });
      else return answerIncrementally(request, response, deferred, context, headers);
    }
    await executeGraphQL(apollo, request, response, body, async () => context, headers);
  };

  /** A POST body whose operation defers fragments (see defer.ts), or null. */
  function deferredRequest(body: string): { request: Record<string, unknown>; split: DeferSplit } | null {
    if (!mayDefer(body)) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return null; // Apollo Server answers with the parse error.
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    const query = (parsed as { query?: unknown }).query;
    if (typeof query !== 'string') return null;
    try {
      const split = splitDeferred(query);
      return split ? { request: parsed as Record<string, unknown>, split } : null;
    } catch {
      return null; // A syntax error: Apollo Server names it.
    }
  }

  /** The initial part as soon as the document without its deferred fragments is answered, then the rest. */
  async function answerIncrementally(
    request: IncomingMessage,
    response: ServerResponse,
    deferred: { request: Record<string, unknown>; split: DeferSplit },
    context: GatewayContext,
    headers: Record<string, string>,
  ): Promise<void> {
    const run = async (query: string) => {
      const requestHeaders = headerMapOf(request);
      requestHeaders.set('accept', 'application/json');
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers: requestHeaders, search: '', body: { ...deferred.request, query } },
        context: async () => ({ ...context }),
      });
      const text = result.body.kind === 'complete' ? result.body.string : '';
      return { status: result.status ?? 200, headers: result.headers, text };
    };
    const complete = run(deferred.split.complete);
    complete.catch(() => {});
    const initial = await run(deferred.split.initial);
    const initialBody = JSON.parse(initial.text || '{}') as { data?: unknown; errors?: unknown[] };
    if (initial.status !== 200 || initialBody.data === undefined || initialBody.data === null) {
      // Refused (limits, validation) or failed as a whole: that answer alone, like any request.
      for (const [name, value] of initial.headers) response.setHeader(name, value);
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
      response.statusCode = initial.status;
      return void response.end(initial.text);
    }
    response.writeHead(200, { ...headers, 'content-type': MULTIPART_CONTENT_TYPE, 'cache-control': 'no-store' });
    response.write(multipartPart({ ...initialBody, data: withoutPlaceholders(initialBody.data), hasNext: true }));
    let rest: Awaited<typeof complete>;
    try {
      rest = await complete;
    } catch (error) {
      context.logger.error('deferred part failed', { error });
      const failure = { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: context.requestId } };
      response.write(multipartPart({ hasNext: false, errors: [failure] }));
      return void response.end(MULTIPART_END);
    }
    const restBody = JSON.parse(rest.text || '{}') as { data?: Record<string, unknown> | null; errors?: { path?: (string | number)[] }[] };
    const incremental = incrementalItems(deferred.split.deferred, restBody.data, restBody.errors);
    response.write(multipartPart({ hasNext: false, incremental }));
    response.end(MULTIPART_END);
  }
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
