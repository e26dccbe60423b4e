import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLResponse } from '@apollo/server';
import type { AppError } from './errors.ts';

/** Plumbing shared by the subgraphs' and the gateway's HTTP servers (no framework: fewer layers, fewer bytes). */

export class PayloadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body exceeds the limit of ${limit} bytes`);
  }
}

export async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new PayloadTooLargeError(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new PayloadTooLargeError(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  response.end(payload);
}

/** A GraphQL-shaped error body for failures that happen before GraphQL runs (auth, size). */
export function sendGraphQLError(response: ServerResponse, status: number, error: AppError, headers: Record<string, string> = {}): void {
  sendJson(response, status, { errors: [{ message: error.message, extensions: error.extensions }] }, headers);
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Keeps an upstream request id when it is well-formed (it ends up in logs), otherwise makes one. */
export function requestIdOf(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
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
