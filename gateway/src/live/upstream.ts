import type { ExecutionResult } from 'graphql';
import { GATEWAY_PROOF_HEADER, signGatewayRequest } from '@fed/service-kit/edge';
import { createClient } from 'graphql-sse';

/**
 * The gateway's leg to the subgraph that owns a subscription field: GraphQL over Server-Sent Events
 * (graphql-sse, one stream per subscription). SSE rather than WebSocket because it is plain HTTP: the
 * subgraph verifies the subscriber's token from the Authorization header on the same code path as a
 * query, it passes through the same load balancers and round-robin proxies as every other fetch,
 * subgraphs need no WebSocket server or connection state, and a subgraph replica that goes away ends
 * only the streams it held.
 *
 * Events wait in a bounded queue while the gateway resolves the previous one; a subscriber whose
 * events arrive faster than they can be resolved and delivered is dropped (SlowSubscriberError),
 * never buffered without bound.
 */
export class SlowSubscriberError extends Error {
  constructor(readonly limit: number) {
    super(`The subscriber fell ${limit} events behind and was dropped`);
    this.name = 'SlowSubscriberError';
  }
}

export class UpstreamError extends Error {}

export interface UpstreamRequest {
  url: string;
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
  headers: Record<string, string>;
  maxQueued: number;
  /** GATEWAY_SUBGRAPH_SECRET's signing secret: the stream request carries the gateway's proof, like every fetch. */
  proofSecret?: string | undefined;
}

export interface UpstreamStream extends AsyncIterableIterator<ExecutionResult> {
  return(): Promise<IteratorResult<ExecutionResult>>;
}

export function openUpstream(request: UpstreamRequest): UpstreamStream {
  const { proofSecret } = request;
  const client = createClient({
    url: request.url,
    headers: request.headers,
    retryAttempts: 0,
    // The proof signs the exact body graphql-sse sends.
    ...(proofSecret
      ? {
          fetchFn: (input: string | URL | Request, init: RequestInit = {}) => {
            const headers = new Headers(init.headers);
            headers.set(GATEWAY_PROOF_HEADER, signGatewayRequest(proofSecret, typeof init.body === 'string' ? init.body : ''));
            return fetch(input, { ...init, headers });
          },
        }
      : {}),
  });
  const queue: ExecutionResult[] = [];
  let waiting: { resolve: (result: IteratorResult<ExecutionResult>) => void; reject: (error: Error) => void } | null = null;
  let failure: Error | null = null;
  let done = false;

  const settle = () => {
    if (!waiting) return;
    const { resolve, reject } = waiting;
    const next = queue.shift();
    if (next) {
      waiting = null;
      resolve({ value: next, done: false });
    } else if (failure) {
      waiting = null;
      reject(failure);
      failure = null;
    } else if (done) {
      waiting = null;
      resolve({ value: undefined, done: true });
    }
  };
  const unsubscribe = client.subscribe(
    { query: request.query, variables: request.variables, ...(request.operationName ? { operationName: request.operationName } : {}) },
    {
      next(result) {
        if (done) return;
        if (queue.length >= request.maxQueued) {
          stop(new SlowSubscriberError(request.maxQueued));
          return;
        }
        queue.push(result as ExecutionResult);
        settle();
      },
      error(error) {
        stop(new UpstreamError(error instanceof Error ? error.message : 'The subgraph stream failed', { cause: error }));
      },
      complete() {
        stop(null);
      },
    },
  );
  const stop = (error: Error | null) => {
    if (done) return;
    done = true;
    if (error) {
      failure = error;
      queue.length = 0;
    }
    unsubscribe();
    client.dispose();
    settle();
  };

  const iterator: UpstreamStream = {
    next() {
      const queued = queue.shift();
      if (queued) return Promise.resolve({ value: queued, done: false });
      if (failure) {
        const error = failure;
        failure = null;
        return Promise.reject(error);
      }
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
      });
    },
    return() {
      queue.length = 0;
      failure = null;
      stop(null);
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
