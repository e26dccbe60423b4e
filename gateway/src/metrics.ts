/**
 * Prometheus metrics in the text exposition format (version 0.0.4), written by hand: counters and
 * histograms keyed by label values, rendered on scrape. Recording is a map lookup and an add.
 */

const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

const labelText = (names: readonly string[], values: readonly string[], extra = '') => {
  const parts = names.map((name, index) => `${name}="${escapeLabel(values[index] ?? '')}"`);
  if (extra) parts.push(extra);
  return parts.length ? `{${parts.join(',')}}` : '';
};

interface Metric {
  render(lines: string[]): void;
}

export class Counter implements Metric {
  private readonly series = new Map<string, { values: readonly string[]; total: number }>();

  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly labelNames: readonly string[] = [],
  ) {}

  inc(values: readonly string[] = [], by = 1): void {
    const key = values.join('\u0001');
    const series = this.series.get(key);
    if (series) series.total += by;
    else this.series.set(key, { values, total: by });
  }

  /** The current value of one series (tests and derived gauges). */
  value(values: readonly string[] = []): number {
    return this.series.get(values.join('\u0001'))?.total ?? 0;
  }

  render(lines: string[]): void {
    lines.push(`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`);
    for (const { values, total } of this.series.values()) lines.push(`${this.name}${labelText(this.labelNames, values)} ${total}`);
  }
}

export class Histogram implements Metric {
  private readonly series = new Map<string, { values: readonly string[]; counts: number[]; sum: number; count: number }>();

  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly labelNames: readonly string[],
    private readonly buckets: readonly number[],
  ) {}

  observe(values: readonly string[], value: number): void {
    const key = values.join('\u0001');
    let series = this.series.get(key);
    if (!series) {
      series = { values, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, series);
    }
    for (let index = 0; index < this.buckets.length; index++) {
      if (value <= this.buckets[index]!) series.counts[index]!++;
    }
    series.sum += value;
    series.count++;
  }

  render(lines: string[]): void {
    lines.push(`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`);
    for (const { values, counts, sum, count } of this.series.values()) {
      this.buckets.forEach((bound, index) =>
        lines.push(`${this.name}_bucket${labelText(this.labelNames, values, `le="${bound}"`)} ${counts[index]}`),
      );
      lines.push(`${this.name}_bucket${labelText(this.labelNames, values, 'le="+Inf"')} ${count}`);
      lines.push(`${this.name}_sum${labelText(this.labelNames, values)} ${sum}`);
      lines.push(`${this.name}_count${labelText(this.labelNames, values)} ${count}`);
    }
  }
}

export class Gauge implements Metric {
  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly read: () => number,
  ) {}

  render(lines: string[]): void {
    lines.push(`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`, `${this.name} ${this.read()}`);
  }
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Client-chosen operation names are capped so a client cannot grow the label set without bound. */
const MAX_OPERATION_LABELS = 200;

/** Everything the gateway measures, with one method per thing that happens. */
export class GatewayMetrics {
  private readonly metrics: Metric[] = [];
  private readonly operationNames = new Set<string>();

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
    this.add(new Gauge('process_resident_memory_bytes', 'Resident memory of the gateway process.', () => process.memoryUsage.rss()));
    const started = Date.now() / 1000;
    this.add(new Gauge('process_start_time_seconds', 'Start time of the process since the Unix epoch.', () => started));
  }

  /** The label for an operation: its name, `anonymous`, or `other` once too many names were seen. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_LABELS) return 'other';
    this.operationNames.add(name);
    return name;
  }

  render(): string {
    const lines: string[] = [];
    for (const metric of this.metrics) metric.render(lines);
    return lines.join('\n') + '\n';
  }

  private add<M extends Metric>(metric: M): M {
    this.metrics.push(metric);
    return metric;
  }
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
