import autocannon from 'autocannon';

/**
 * Load generation over loopback with autocannon: a fixed number of connections (virtual users),
 * each sending its next request as soon as the previous answer arrived (closed loop, no
 * pipelining), for a duration or a number of requests.
 *
 * Every request is built by the caller's generator, so bodies and headers can differ from one
 * request to the next (distinct tokens, variables, operations). Every answer is read: a non-2xx
 * status, a body with a GraphQL `errors` member, or a failed caller check counts as an error, and
 * so do connection errors and timeouts.
 *
 * Latency is measured per request (autocannon's own response time: from writing the request to
 * the last byte of the answer) and kept per operation too: with one request in flight per
 * connection, an answer belongs to the operation that connection sent last. So one run of a
 * weighted mix gives each operation's latency *while competing with the rest of the mix*;
 * requests per second are those of the whole mix (an operation's share is its count / duration).
 * To know what one operation alone can sustain, run it alone.
 */

export interface LoadRequest {
  /** The JSON body, sent as is. */
  body: string;
  /** Added to `content-type: application/json` (e.g. `authorization`). */
  headers?: Record<string, string>;
  /** Figures are kept per operation name; `default` when omitted. */
  operation?: string;
}

export interface RequestSlot {
  /** 0 … connections-1: which connection (virtual user) sends this request. */
  virtualUser: number;
  /** 0, 1, 2 … over the whole run, in sending order. */
  sequence: number;
}

export interface LoadOptions {
  /** The GraphQL endpoint. */
  url: string;
  connections: number;
  /** Seconds of load; ignored when `amount` is given. */
  durationSeconds?: number;
  /** Stop after this many requests instead. */
  amount?: number;
  /** Builds each request. */
  nextRequest: (slot: RequestSlot) => LoadRequest;
  /**
   * Checks one 2xx answer; returns what is wrong, or undefined. Default: a GraphQL `errors`
   * member makes it an error. Runs on every answer, so keep it cheap (string comparisons).
   */
  checkAnswer?: (operation: string, body: string) => string | undefined;
  /** Seconds before a request counts as timed out (default 10). */
  timeoutSeconds?: number;
}

export interface LatencyPercentiles {
  p50: number;
  p95: number;
  p99: number;
}

export interface OperationFigures {
  requests: number;
  errors: number;
  latencyMs: LatencyPercentiles;
}

export interface LoadResult {
  /** Answers received (successful or not). */
  requests: number;
  durationSeconds: number;
  requestsPerSecond: number;
  latencyMs: LatencyPercentiles;
  /** Failed requests of any kind: GraphQL errors, failed checks, non-2xx, connection errors and timeouts. */
  errors: number;
  /** The part of `errors` answered with a non-2xx status. */
  non2xx: number;
  /** The part of `errors` that never got an answer (connection errors, timeouts). */
  transportErrors: number;
  /** The first failure seen, as status and the start of the body. */
  sampleError?: string;
  /** The same figures per operation name. */
  perOperation: Record<string, OperationFigures>;
}

const GRAPHQL_ERRORS = '"errors":';
const SAMPLE_LENGTH = 500;

/** Default check: an `errors` member anywhere (in a JSON string a quote would be escaped, so a match is a key). */
export function noGraphQLErrors(_operation: string, body: string): string | undefined {
  return body.includes(GRAPHQL_ERRORS) ? 'GraphQL errors' : undefined;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const check = options.checkAnswer ?? noGraphQLErrors;
  const path = new URL(options.url).pathname;
  const operations = new Map<string, { latencies: number[]; errors: number }>();
  const figuresOf = (operation: string) => {
    let figures = operations.get(operation);
    if (!figures) operations.set(operation, (figures = { latencies: [], errors: 0 }));
    return figures;
  };
  let sequence = 0;
  let virtualUsers = 0;
  let non2xx = 0;
  let sampleError: string | undefined;
  const fail = (operation: string, description: string) => {
    figuresOf(operation).errors++;
    sampleError ??= `${operation}: ${description}`.slice(0, SAMPLE_LENGTH);
  };

  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.durationSeconds ?? 10 }),
    pipelining: 1,
    timeout: options.timeoutSeconds ?? 10,
    method: 'POST',
    // Replaced per connection in setupClient; autocannon needs something to build first.
    requests: [{ method: 'POST', path, body: '{}' }],
    setupClient(client) {
      const virtualUser = virtualUsers++;
      // One request in flight per connection, so the answer belongs to the last one sent.
      let inFlight = 'default';
      client.setRequests([
        {
          method: 'POST',
          path,
          setupRequest(request) {
            const next = options.nextRequest({ virtualUser, sequence: sequence++ });
            inFlight = next.operation ?? 'default';
            return { ...request, body: next.body, headers: { 'content-type': 'application/json', ...next.headers } };
          },
          onResponse(status, body) {
            if (status < 200 || status >= 300) {
              non2xx++;
              return fail(inFlight, `HTTP ${status}: ${body}`);
            }
            const problem = check(inFlight, body);
            if (problem) fail(inFlight, `${problem}: ${body}`);
          },
        },
      ]);
      client.on('response', (_status: number, _bytes: number, responseTimeMs: number) => {
        figuresOf(inFlight).latencies.push(responseTimeMs);
      });
    },
  });
  const result = await instance;

  const all: number[] = [];
  const perOperation: Record<string, OperationFigures> = {};
  let answerErrors = 0;
  for (const [operation, { latencies, errors }] of operations) {
    // Not all.push(...latencies): a long run (the soak) has more latencies than a call may take arguments.
    for (const latency of latencies) all.push(latency);
    answerErrors += errors;
    perOperation[operation] = { requests: latencies.length, errors, latencyMs: percentiles(latencies) };
  }
  const transportErrors = result.errors;
  if (transportErrors && !sampleError) sampleError = `${transportErrors} connection errors (${result.timeouts} timeouts)`;
  return {
    requests: all.length,
    durationSeconds: result.duration,
    requestsPerSecond: all.length / result.duration,
    latencyMs: percentiles(all),
    errors: answerErrors + transportErrors,
    non2xx,
    transportErrors,
    ...(sampleError ? { sampleError } : {}),
    perOperation,
  };
}

/** Nearest-rank percentiles of latencies in milliseconds (0 when there are none). */
export function percentiles(values: readonly number[]): LatencyPercentiles {
  if (values.length === 0) return { p50: 0, p95: 0, p99: 0 };
  const sorted = Float64Array.from(values).sort();
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

export interface MixEntry {
  operation: string;
  /** Relative share of the requests (any positive numbers). */
  weight: number;
  /** Builds this operation's request (body and headers); the operation name is added. */
  request: (slot: RequestSlot) => Omit<LoadRequest, 'operation'>;
}

/**
 * A request generator that interleaves operations in proportion to their weights, the same way
 * on every run (smooth weighted round robin: over any window the counts stay within one of their
 * share, and no operation comes in long bursts), for `runLoad`'s `nextRequest`.
 */
export function weightedMix(entries: readonly MixEntry[]): (slot: RequestSlot) => LoadRequest {
  if (entries.length === 0) throw new Error('weightedMix: no operations');
  for (const entry of entries)
    if (!(entry.weight > 0)) throw new Error(`weightedMix: the weight of ${entry.operation} must be positive (got ${entry.weight})`);
  const total = entries.reduce((sum, entry) => sum + entry.weight, 0);
  const current = entries.map(() => 0);
  return (slot) => {
    let chosen = 0;
    for (let index = 0; index < entries.length; index++) {
      current[index]! += entries[index]!.weight;
      if (current[index]! > current[chosen]!) chosen = index;
    }
    current[chosen]! -= total;
    const entry = entries[chosen]!;
    return { ...entry.request(slot), operation: entry.operation };
  };
}
