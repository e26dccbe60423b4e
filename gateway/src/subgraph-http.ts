import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * POSTs to subgraphs over pooled keep-alive connections, with a deadline per request. Plain
 * node:http: no per-request objects beyond the request itself (the benchmark compares this path
 * with Apollo Gateway's default fetcher).
 */
export interface SubgraphHttpResponse {
  status: number;
  body: string;
  cacheControl: string | undefined;
}

export type FetchFailureReason = 'timeout' | 'unreachable';

export class SubgraphFetchError extends Error {
  constructor(
    readonly reason: FetchFailureReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SubgraphFetchError';
  }
}

export interface SubgraphHttp {
  post(url: URL, body: string, headers: OutgoingHttpHeaders, timeoutMs: number, idempotent: boolean): Promise<SubgraphHttpResponse>;
  close(): void;
}

/** Errors of a pooled connection the server closed while it sat idle: the request never arrived. */
const STALE_SOCKET = new Set(['ECONNRESET', 'EPIPE']);

export function createSubgraphHttp(maxSockets: number): SubgraphHttp {
  const options = { keepAlive: true, maxSockets, scheduling: 'lifo' as const };
  const agents = { http: new HttpAgent(options), https: new HttpsAgent(options) };

  const once = (url: URL, body: string, headers: OutgoingHttpHeaders, timeoutMs: number) =>
    new Promise<SubgraphHttpResponse>((resolve, reject) => {
      const secure = url.protocol === 'https:';
      const send = secure ? httpsRequest : httpRequest;
      const request = send(url, {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      });
      const timer = setTimeout(() => {
        request.destroy(new SubgraphFetchError('timeout', `no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      request.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (error instanceof SubgraphFetchError) return reject(error);
        const stale = request.reusedSocket && STALE_SOCKET.has(error.code ?? '');
        reject(Object.assign(new SubgraphFetchError('unreachable', error.code ?? error.message, { cause: error }), { stale }));
      });
      request.on('response', (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => {
          clearTimeout(timer);
          reject(new SubgraphFetchError('unreachable', error.message, { cause: error }));
        });
        response.on('end', () => {
          clearTimeout(timer);
          const cacheControl = response.headers['cache-control'];
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), cacheControl });
        });
      });
      request.end(body);
    });

  return {
    async post(url, body, headers, timeoutMs, idempotent) {
      try {
        return await once(url, body, headers, timeoutMs);
      } catch (error) {
        // A keep-alive connection closed by the subgraph just as it was reused: send once more,
        // for reads only (a write might have arrived).
        if (idempotent && (error as { stale?: boolean }).stale) return once(url, body, headers, timeoutMs);
        throw error;
      }
    },
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
