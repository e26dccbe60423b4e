import {
  addProcessMetrics,
  Counter,
  Gauge,
  Histogram,
  LATENCY_BUCKETS,
  mergeSnapshots,
  MetricsRegistry,
  OperationLabels,
  renderSnapshots,
  type Metric,
  type MetricSnapshot,
} from '@fed/service-kit/edge';

/** The metric primitives live in the kit (every service exports metrics); these are the gateway's. */
export { Counter, Histogram, PROMETHEUS_CONTENT_TYPE } from '@fed/service-kit/edge';

/** Everything the gateway measures, with one method per thing that happens. */
export class GatewayMetrics {
  readonly registry = new MetricsRegistry();
  private readonly operationNames = new OperationLabels();

  readonly httpRequests = this.add(new Counter('gateway_http_requests_total', 'HTTP requests answered, by status code.', ['status']));
  readonly operations = this.add(
    new Counter('gateway_graphql_operations_total', 'GraphQL operations executed, by type and name.', ['type', 'operation']),
  );
  readonly errors = this.add(
    new Counter('gateway_graphql_errors_total', 'Errors returned to clients, by extensions.code (edge rejections included).', ['code']),
  );
  readonly operationDuration = this.add(
    new Histogram(
      'gateway_graphql_operation_duration_seconds',
      'Time to answer a GraphQL operation, by name.',
      ['operation'],
      LATENCY_BUCKETS,
    ),
  );
  readonly subgraphFetchDuration = this.add(
    new Histogram('gateway_subgraph_fetch_duration_seconds', 'Time of one fetch from a subgraph.', ['subgraph'], LATENCY_BUCKETS),
  );
  readonly subgraphFetchErrors = this.add(
    new Counter('gateway_subgraph_fetch_errors_total', 'Subgraph fetches that failed, by reason (timeout, unreachable, bad_response).', [
      'subgraph',
      'reason',
    ]),
  );
  readonly subgraphDeduplicated = this.add(
    new Counter('gateway_subgraph_fetches_deduplicated_total', 'Subgraph fetches answered by an identical fetch already in flight.', [
      'subgraph',
    ]),
  );
  readonly responseCache = this.add(
    new Counter(
      'gateway_response_cache_requests_total',
      'Response cache lookups (hit, miss), answers stored, and query answers without a cache hint (uncacheable).',
      ['result'],
    ),
  );
  readonly persistedQueries = this.add(
    new Counter('gateway_persisted_queries_total', 'Automatic persisted queries by result (hit, miss, register).', ['result']),
  );
  readonly rateLimited = this.add(new Counter('gateway_rate_limited_total', 'Requests refused by a rate limit, by scope.', ['scope']));
  readonly operationLimits = this.add(
    new Counter('gateway_operation_limit_rejections_total', 'Requests refused by an operation limit, by limit.', ['limit']),
  );
  readonly documentCache = this.add(
    new Counter('gateway_document_cache_lookups_total', 'Parsed and validated documents looked up, by result (hit, miss).', ['result']),
  );
  readonly queryPlanCache = this.add(
    new Counter('gateway_query_plan_cache_lookups_total', 'Query plans looked up, by result (hit, miss).', ['result']),
  );
  readonly warmedOperations = this.add(
    new Counter(
      'gateway_warmed_operations_total',
      'Operations parsed, validated and planned ahead of callers (at start, after a supergraph change).',
    ),
  );
  readonly supergraphUpdates = this.add(
    new Counter('gateway_supergraph_updates_total', 'Supergraph files loaded or rejected by the hot reload.', ['result']),
  );

  constructor() {
    this.add(
      new Gauge('gateway_response_cache_hit_ratio', 'Response cache hits / (hits + misses) since start.', () => {
        const hits = this.responseCache.value(['hit']);
        const lookups = hits + this.responseCache.value(['miss']);
        return lookups === 0 ? 0 : hits / lookups;
      }),
    );
    addProcessMetrics(this.registry);
    // Each process counts itself once, so the aggregated scrape says how many workers answered.
    this.add(new Gauge('gateway_worker_processes', 'Gateway processes (workers) whose metrics this scrape includes.', () => 1));
  }

  /** The label for an operation: its name, `anonymous`, or `other` once too many names were seen. */
  operationLabel(name: string | null | undefined): string {
    return this.operationNames.label(name);
  }

  /** This process's metrics as text. */
  async render(): Promise<string> {
    return GatewayMetrics.renderMerged([await this.registry.snapshot()]);
  }

  /**
   * The metrics of several worker processes as one: counters and histograms add up; the cache hit
   * ratio is recomputed from the summed lookups (an average of ratios would be wrong).
   */
  static renderMerged(sets: MetricSnapshot[][]): string {
    const merged = mergeSnapshots(sets);
    const lookups = merged.find((metric) => metric.name === 'gateway_response_cache_requests_total');
    const count = (result: string) => lookups?.series.find((series) => series.values[0] === result)?.numbers[0] ?? 0;
    const ratio = merged.find((metric) => metric.name === 'gateway_response_cache_hit_ratio');
    if (ratio) {
      const total = count('hit') + count('miss');
      ratio.series = [{ values: [], numbers: [total === 0 ? 0 : count('hit') / total] }];
    }
    return renderSnapshots(merged);
  }

  private add<M extends Metric>(metric: M): M {
    return this.registry.add(metric);
  }
}
