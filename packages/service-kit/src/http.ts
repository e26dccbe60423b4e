import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerOptions, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import type { AppError } from './errors.ts';

/** Plumbing shared by the subgraphs' and the gateway's HTTP servers (no framework: fewer layers, fewer bytes). */

export class PayloadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body exceeds the limit of ${limit} bytes`);
  }
}

/**
 * Reads a request body of at most `limit` bytes. Past the limit it stops reading (the rest stays
 * unread) and throws; whoever answers then sends `Connection: close` (see `sendJson`), so the
 * connection ends after the answer and no later request can be read from the middle of this body.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new PayloadTooLargeError(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      cleanup();
      request.pause();
      reject(new PayloadTooLargeError(limit));
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}

/** True while the request still has body bytes the server has not read. */
function bodyLeftUnread(request: IncomingMessage | undefined): boolean {
  if (!request || request.complete) return false;
  const length = Number(request.headers['content-length'] ?? 0);
  return length > 0 || request.headers['transfer-encoding'] !== undefined;
}

/**
 * Read timeouts of every server of the platform: a client gets `headersTimeoutMs` to send its
 * headers and `requestTimeoutMs` to send its whole request, after which Node answers 408 and
 * closes the connection, so a slow or stalled client cannot hold a socket open. Node checks the
 * timeouts every `connectionsCheckingInterval` (30 s by default, longer than the timeouts
 * themselves), so it is set below them here. Pass the result to `createServer`.
 */
export function httpServerOptions(options: { headersTimeoutMs: number; requestTimeoutMs: number }): ServerOptions {
  // Node requires headersTimeout <= requestTimeout.
  const headersTimeout = Math.min(options.headersTimeoutMs, options.requestTimeoutMs);
  return {
    requestTimeout: options.requestTimeoutMs,
    headersTimeout,
    connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(headersTimeout / 2))),
    // Longer than any load balancer's idle timeout, so the balancer, not us, closes idle connections.
    keepAliveTimeout: 65_000,
  };
}

/**
 * Writes a JSON answer. An answer given before the request's body was read (a refused token, a body
 * over the limit) closes the connection after it: the unread bytes must not be taken for the next
 * request, and reading them all just to throw them away is what a hostile client wants.
 */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    ...headers,
    ...(bodyLeftUnread(response.req) ? { connection: 'close' } : {}),
  });
  response.end(payload);
}

/** A GraphQL-shaped error body for failures that happen before GraphQL runs (auth, size). */
export function sendGraphQLError(response: ServerResponse, status: number, error: AppError, headers: Record<string, string> = {}): void {
  sendJson(response, status, { errors: [{ message: error.message, extensions: error.extensions }] }, headers);
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The caller's `x-request-id` when it is well-formed (it ends up in logs), otherwise null. */
export function incomingRequestId(request: IncomingMessage): string | null {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : null;
}

/**
 * Keeps an upstream request id when it is well-formed, otherwise makes one. Subgraphs keep the
 * gateway's; the gateway keeps a client's only behind a trusted proxy (`trustUpstream`).
 */
export function requestIdOf(request: IncomingMessage, trustUpstream = true): string {
  return (trustUpstream ? incomingRequestId(request) : null) ?? randomUUID();
}

export function headerMapOf(request: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/**
 * The deepest a request body may nest (a real operation's variables nest a few levels; the kit's
 * JSON rule allows 20 inside them). Deeper bodies are refused before they are parsed: JSON.parse
 * copes, but every later step that walks or re-serializes them (coercion, the gateway's subgraph
 * fetch) recurses and would overflow the stack.
 */
export const MAX_BODY_NESTING = 64;

/** How deeply a JSON text nests objects and arrays, by one scan of its characters (strings skipped). */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c)
        index += 1; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (char === 0x7d || char === 0x5d) depth -= 1;
  }
  return deepest;
}

/** Hands a request to Apollo Server and writes its answer back. */
export async function executeGraphQL<Context extends BaseContext>(
  apollo: ApolloServer<Context>,
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
  context: () => Promise<Context>,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers = headerMapOf(request);
  let parsedBody: unknown = undefined;
  if (request.method === 'POST' && body.length > 0 && (headers.get('content-type') ?? '').includes('json')) {
    if (jsonNestingDepth(body) > MAX_BODY_NESTING) {
      const message = `request body: JSON must be nested at most ${MAX_BODY_NESTING} levels deep`;
      sendJson(response, 400, { errors: [{ message, extensions: { code: 'BAD_USER_INPUT', field: 'request body', rule: 'nesting' } }] });
      return;
    }
    try {
      parsedBody = JSON.parse(body);
    } catch {
      sendJson(response, 400, { errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
  }
  const result = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body: parsedBody },
    context,
  });
  await writeApolloResponse(response, result, extraHeaders);
}

async function writeApolloResponse(
  response: ServerResponse,
  result: HTTPGraphQLResponse,
  extraHeaders: Record<string, string>,
): Promise<void> {
  for (const [name, value] of result.headers) response.setHeader(name, value);
  for (const [name, value] of Object.entries(extraHeaders)) response.setHeader(name, value);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

/** Responses still being written, per server (tracked from `listen`), so shutdown can reach them. */
const inFlight = new WeakMap<Server, Set<ServerResponse>>();

function trackResponses(server: Server): void {
  if (inFlight.has(server)) return;
  const responses = new Set<ServerResponse>();
  inFlight.set(server, responses);
  server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
    responses.add(response);
    response.once('close', () => responses.delete(response));
  });
}

/**
 * Stops accepting connections, lets in-flight requests finish for up to `graceMs`, then cuts
 * whatever is left so shutdown is bounded. Keep-alive clients (the gateway's pool, a load
 * balancer) are told `Connection: close` on every answer from then on and each connection is
 * closed as soon as its answer is written, so no new request can arrive on an old connection
 * and be cut at the deadline, and the server closes as soon as the last answer is out instead of
 * waiting for the grace period.
 */
export function closeHttpServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    const lastAnswer = (response: ServerResponse) => {
      if (!response.headersSent) response.setHeader('connection', 'close');
      // Once written, the connection is idle: close it (the next tick, after Node has detached it).
      response.once('finish', () => setImmediate(() => server.closeIdleConnections()));
    };
    for (const response of inFlight.get(server) ?? []) lastAnswer(response);
    // A request that was already on its way over a kept-alive connection is answered, then closed.
    server.on('request', (_request: IncomingMessage, response: ServerResponse) => lastAnswer(response));
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** Listens, and tracks the server's in-flight answers for `closeHttpServer`. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  trackResponses(server);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
