import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeHttpServer, listen } from '@fed/service-kit';

/**
 * A tiny HTTP load balancer for tests: each request goes to the next backend in turn. A backend
 * that refuses the connection (down, or shutting down) is skipped and the request goes to the
 * next one; that is safe because not one byte reached it. Once connected, a failure is final: the
 * request may have arrived (a mutation may have committed), so it is never sent again, and the
 * caller gets a 502 (or a cut connection, if the answer had started).
 */
export interface RoundRobinProxy {
  /** The proxy's URL with `path` (e.g. `/graphql`). */
  url(path: string): string;
  /** Replaces the backends (ports on 127.0.0.1). */
  setBackends(ports: number[]): void;
  /** Requests answered per backend port, and requests moved on after a refused connection. */
  readonly stats: { answered: Map<number, number>; redirected: number; failed: number };
  close(): Promise<void>;
}

/** Connection-level headers are between one client and one server, never forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));
}

export async function startRoundRobinProxy(): Promise<RoundRobinProxy> {
  let backends: number[] = [];
  let next = 0;
  const stats = { answered: new Map<number, number>(), redirected: 0, failed: 0 };

  const forward = (request: IncomingMessage, response: ServerResponse, body: Buffer, first: number, attempt: number) => {
    const candidates = backends;
    if (candidates.length === 0 || attempt >= candidates.length) {
      stats.failed++;
      response.writeHead(502, { 'content-type': 'text/plain' }).end('no backend accepted the connection');
      return;
    }
    const port = candidates[(first + attempt) % candidates.length]!;
    let connected = false;
    const upstream = httpRequest({
      host: '127.0.0.1',
      port,
      method: request.method,
      path: request.url,
      // One connection per request: a closed backend is noticed at once, never on a stale socket.
      agent: false,
      headers: { ...endToEnd(request.headers), 'content-length': String(body.length) },
    });
    upstream.once('socket', (socket) => socket.once('connect', () => (connected = true)));
    upstream.on('error', () => {
      if (!connected) {
        stats.redirected++;
        return forward(request, response, body, first, attempt + 1);
      }
      stats.failed++;
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' }).end('the backend failed mid-request');
      else response.destroy();
    });
    upstream.on('response', (answer) => {
      stats.answered.set(port, (stats.answered.get(port) ?? 0) + 1);
      response.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
      answer.pipe(response);
      answer.once('error', () => response.destroy());
    });
    upstream.end(body);
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => forward(request, response, Buffer.concat(chunks), next++, 0));
  });
  // Longer than any test: the gateways' pooled connections must never race an idle timeout here.
  server.keepAliveTimeout = 120_000;
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    setBackends(ports) {
      backends = [...ports];
    },
    stats,
    close: () => closeHttpServer(server, 1000),
  };
}
