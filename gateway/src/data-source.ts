import { injectTraceContext } from '@fed/service-kit/edge';
import { performance } from 'node:perf_hooks';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GATEWAY_PROOF_HEADER, signGatewayRequest } from '@fed/service-kit/edge';
import { Kind, parse, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';
import type { GatewayContext } from './context.ts';
import type { GatewayMetrics } from './metrics.ts';
import { deduplicateRepresentations, fanOutEntities } from './representations.ts';
import { SubgraphFetchError, type SubgraphHttp, type SubgraphHttpResponse } from './subgraph-http.ts';

export interface SubgraphSourceOptions {
  name: string;
  url: string;
  timeoutMs: number;
  deduplicate: boolean;
  /** Send each distinct entity representation of a fetch once (default true). */
  deduplicateRepresentations?: boolean;
  http: SubgraphHttp;
  metrics: GatewayMetrics;
  /** Signs every request (GATEWAY_SUBGRAPH_SECRET's first secret), so subgraphs know it comes from the gateway. */
  proofSecret?: string;
}

const HEALTH_CHECK_BODY = JSON.stringify({ query: 'query __ApolloServiceHealthCheck__ { __typename }' });

type GatewayResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;
type CachePolicy = { restrict(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }): void };
type FailureReason = SubgraphFetchError['reason'] | 'bad_response';

/**
 * One subgraph as the gateway sees it. Forwards the caller's bearer token and the request id
 * (subgraphs verify the token themselves; nothing else about the caller is passed on, so nothing
 * can be spoofed), applies the subgraph's timeout, shares one fetch between identical in-flight
 * fetches of queries made for the same caller, sends each distinct entity representation of a
 * fetch once (representations.ts), passes the subgraph's Cache-Control hint on to
 * the operation's cache policy, and turns a subgraph that is down, slow or answering garbage into
 * errors on the paths it should have filled, so the rest of the operation still returns.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly url: URL;
  private readonly inFlight = new Map<string, Promise<SubgraphHttpResponse>>();

  constructor(private readonly options: SubgraphSourceOptions) {
    if (!URL.canParse(options.url))
      throw new Error(
        `Subgraph "${options.name}" has no usable URL (${JSON.stringify(options.url)}): set ${options.name.toUpperCase()}_SUBGRAPH_URL`,
      );
    this.url = new URL(options.url);
  }

  get name(): string {
    return this.options.name;
  }

  /** The subgraph's GraphQL URL (subscriptions open their event stream here). */
  get endpoint(): string {
    return this.url.toString();
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayResponse> {
    const { request } = options;
    const incoming = 'incomingRequestContext' in options ? options : null;
    const context = incoming?.context;
    // The cache warm-up only plans: no subgraph sees it (a mutation's plan is warmed without running it).
    if (context?.warmUp) return { errors: [{ message: 'not fetched: cache warm-up' }] };
    const deduplicated = this.options.deduplicateRepresentations === false ? null : deduplicateRepresentations(request.variables);
    const body = JSON.stringify({
      query: request.query,
      variables: deduplicated ? deduplicated.variables : request.variables,
      operationName: request.operationName,
    });
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (context) {
      headers['x-request-id'] = context.requestId;
      if (context.authorization) headers.authorization = context.authorization;
      if (context.clientIp) headers['x-forwarded-for'] = context.clientIp;
      if (context.userAgent) headers['user-agent'] = context.userAgent;
    }
    // W3C traceparent of this fetch's span (Apollo Gateway's), so the subgraph's spans join the trace.
    injectTraceContext(headers);
    const isQuery = incoming?.incomingRequestContext.operation?.operation === 'query';
    const { name, metrics } = this.options;

    const started = performance.now();
    let response: SubgraphHttpResponse;
    try {
      response =
        isQuery && this.options.deduplicate
          ? await this.deduplicated(`${headers.authorization ?? ''}\n${body}`, () => this.send(body, headers, true))
          : await this.send(body, headers, isQuery);
    } catch (error) {
      metrics.subgraphFetchDuration.observe([name], (performance.now() - started) / 1000);
      const reason: FailureReason = error instanceof SubgraphFetchError ? error.reason : 'unreachable';
      metrics.subgraphFetchErrors.inc([name, reason]);
      const message =
        reason === 'timeout'
          ? `Subgraph "${name}" did not answer within ${this.options.timeoutMs} ms`
          : `Subgraph "${name}" is unreachable`;
      if (!incoming) throw new Error(message, { cause: error });
      context?.logger.warn('subgraph fetch failed', { subgraph: name, reason, error });
      return { errors: failureErrors(name, request.query, request.variables, message, reason) };
    }
    metrics.subgraphFetchDuration.observe([name], (performance.now() - started) / 1000);

    const parsed = parseResult(response.body);
    const result = parsed && deduplicated ? fanOutEntities(parsed, deduplicated) : parsed;
    if (!result || (response.status >= 300 && !result.errors)) {
      metrics.subgraphFetchErrors.inc([name, 'bad_response']);
      const message = `Subgraph "${name}" answered HTTP ${response.status} without a GraphQL result`;
      if (!incoming) throw new Error(message);
      context?.logger.warn('subgraph answered badly', { subgraph: name, status: response.status });
      return { errors: failureErrors(name, request.query, request.variables, message, 'bad_response') };
    }
    if (!incoming && result.errors) throw new Error(`Subgraph "${name}": ${result.errors[0]?.message ?? 'error'}`);

    const policy = incoming?.incomingRequestContext.overallCachePolicy as CachePolicy | undefined;
    policy?.restrict(cacheHint(response.cacheControl));
    return result;
  }

  /** Throws unless the subgraph answers a trivial query in time. */
  async healthCheck(): Promise<void> {
    const response = await this.send(
      HEALTH_CHECK_BODY,
      { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
      true,
    ).catch((error: unknown) => {
      throw new Error(error instanceof SubgraphFetchError && error.reason === 'timeout' ? 'timeout' : 'unreachable', { cause: error });
    });
    const result = parseResult(response.body);
    if (response.status !== 200 || !result || result.errors) throw new Error(`HTTP ${response.status}`);
  }

  private send(body: string, headers: Record<string, string>, idempotent: boolean): Promise<SubgraphHttpResponse> {
    const { proofSecret } = this.options;
    // Signed as it is sent (a retry is signed afresh), so the proof's timestamp is always current.
    const signed = proofSecret ? { ...headers, [GATEWAY_PROOF_HEADER]: signGatewayRequest(proofSecret, body) } : headers;
    return this.options.http.post(this.url, body, signed, this.options.timeoutMs, idempotent);
  }

  /**
   * The raw answer (status, text) is shared; every caller parses its own copy, because the
   * gateway merges fetched objects into its result in place.
   */
  private deduplicated(key: string, send: () => Promise<SubgraphHttpResponse>): Promise<SubgraphHttpResponse> {
    const pending = this.inFlight.get(key);
    if (pending) {
      this.options.metrics.subgraphDeduplicated.inc([this.options.name]);
      return pending;
    }
    const started = send().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }
}

function parseResult(text: string): GatewayResponse | null {
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
    const result = value as GatewayResponse;
    return 'data' in result || Array.isArray(result.errors) ? result : null;
  } catch {
    return null;
  }
}

/** A missing or unparsable header means "not cacheable", like Apollo's own data source. */
function cacheHint(header: string | undefined): { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } {
  if (!header) return { maxAge: 0 };
  const maxAge = /(?:^|[,\s])max-age=(\d+)/i.exec(header);
  const hint: { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } = { maxAge: maxAge ? Number(maxAge[1]) : 0 };
  if (/(?:^|[,\s])private(?:$|[,\s])/i.test(header)) hint.scope = 'PRIVATE';
  return hint;
}

/**
 * Errors for a fetch that produced nothing, on the paths it should have filled: each root field
 * of a root fetch, or the first requested field of each entity of an entity fetch (the gateway
 * maps `_entities` paths onto the entities' places in the response).
 */
export function failureErrors(
  subgraph: string,
  query: string | undefined,
  variables: Record<string, unknown> | undefined,
  message: string,
  reason: FailureReason,
): GraphQLFormattedError[] {
  const extensions = { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: subgraph, reason };
  let selections: SelectionSetNode | undefined;
  try {
    const document = query ? parse(query) : undefined;
    const operation = document?.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    selections = operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet : undefined;
  } catch {
    selections = undefined;
  }
  const fields = (selections?.selections ?? []).filter((selection) => selection.kind === Kind.FIELD);
  const representations = variables?.representations;
  if (fields.length === 1 && fields[0]?.name.value === '_entities' && Array.isArray(representations)) {
    const first = firstFieldName(fields[0].selectionSet);
    return representations.map((_, index) => ({ message, path: ['_entities', index, ...(first ? [first] : [])], extensions }));
  }
  if (fields.length === 0) return [{ message, extensions }];
  return fields.map((field) => ({ message, path: [field.alias?.value ?? field.name.value], extensions }));
}

function firstFieldName(set: SelectionSetNode | undefined): string | undefined {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD && selection.name.value !== '__typename') return selection.alias?.value ?? selection.name.value;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const inner = firstFieldName(selection.selectionSet);
      if (inner) return inner;
    }
  }
  return undefined;
}
