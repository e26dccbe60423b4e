import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Prometheus metrics in the text exposition format (version 0.0.4), written by hand: counters,
 * histograms and gauges keyed by label values, rendered on scrape. Recording is a map lookup and an
 * add, so metrics cost next to nothing per request. Every metric can also be captured as a plain
 * snapshot and snapshots of several processes merged (the gateway's workers answer one scrape).
 */

const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

const labelText = (names: readonly string[], values: readonly string[], extra = '') => {
  const parts = names.map((name, index) => `${name}="${escapeLabel(values[index] ?? '')}"`);
  if (extra) parts.push(extra);
  return parts.length ? `{${parts.join(',')}}` : '';
};

/** How one metric's series of several processes combine into one. */
export type Aggregation = 'sum' | 'min' | 'max';

export interface SeriesSnapshot {
  values: string[];
  /** Counter and gauge value, or the histogram's bucket counts followed by sum and count. */
  numbers: number[];
}

export interface MetricSnapshot {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  labelNames: string[];
  buckets?: number[];
  aggregation: Aggregation;
  series: SeriesSnapshot[];
}

export interface Metric {
  readonly name: string;
  snapshot(): MetricSnapshot | Promise<MetricSnapshot>;
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

  snapshot(): MetricSnapshot {
    return {
      name: this.name,
      help: this.help,
      type: 'counter',
      labelNames: [...this.labelNames],
      aggregation: 'sum',
      series: [...this.series.values()].map(({ values, total }) => ({ values: [...values], numbers: [total] })),
    };
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

  snapshot(): MetricSnapshot {
    return {
      name: this.name,
      help: this.help,
      type: 'histogram',
      labelNames: [...this.labelNames],
      buckets: [...this.buckets],
      aggregation: 'sum',
      series: [...this.series.values()].map(({ values, counts, sum, count }) => ({
        values: [...values],
        numbers: [...counts, sum, count],
      })),
    };
  }
}

/** A value read at scrape time; `read` may return several labelled series and may be async (a query). */
export class Gauge implements Metric {
  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly read: () => number | { values: string[]; value: number }[] | Promise<{ values: string[]; value: number }[]>,
    private readonly labelNames: readonly string[] = [],
    private readonly aggregation: Aggregation = 'sum',
    /** `counter` for a total kept elsewhere and read at scrape time (CPU seconds). */
    private readonly type: 'gauge' | 'counter' = 'gauge',
  ) {}

  async snapshot(): Promise<MetricSnapshot> {
    const read = await this.read();
    const series = typeof read === 'number' ? [{ values: [], value: read }] : read;
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      labelNames: [...this.labelNames],
      aggregation: this.aggregation,
      series: series.map(({ values, value }) => ({ values, numbers: [value] })),
    };
  }
}

export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Event delivery takes a relay round or more: seconds to minutes matter here. */
export const DELAY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/** A set of metrics rendered together. */
export class MetricsRegistry {
  private readonly metrics: Metric[] = [];

  add<M extends Metric>(metric: M): M {
    if (this.has(metric.name)) throw new Error(`Metric ${metric.name} is registered twice`);
    this.metrics.push(metric);
    return metric;
  }

  has(name: string): boolean {
    return this.metrics.some((metric) => metric.name === name);
  }

  async snapshot(): Promise<MetricSnapshot[]> {
    // A gauge whose reading fails (a database briefly away) is left out of this scrape, not the whole scrape.
    const results = await Promise.allSettled(this.metrics.map((metric) => metric.snapshot()));
    return results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  }

  async render(): Promise<string> {
    return renderSnapshots(await this.snapshot());
  }
}

/** Combines the snapshots of several processes: same metric and labels add up (or take min/max). */
export function mergeSnapshots(sets: MetricSnapshot[][]): MetricSnapshot[] {
  const merged = new Map<string, MetricSnapshot>();
  for (const set of sets) {
    for (const metric of set) {
      const existing = merged.get(metric.name);
      if (!existing) {
        merged.set(metric.name, {
          ...metric,
          series: metric.series.map((series) => ({ values: series.values, numbers: [...series.numbers] })),
        });
        continue;
      }
      for (const series of metric.series) {
        const key = series.values.join('\u0001');
        const target = existing.series.find((candidate) => candidate.values.join('\u0001') === key);
        if (!target) {
          existing.series.push({ values: series.values, numbers: [...series.numbers] });
          continue;
        }
        target.numbers = target.numbers.map((value, index) => {
          const other = series.numbers[index] ?? 0;
          return existing.aggregation === 'min'
            ? Math.min(value, other)
            : existing.aggregation === 'max'
              ? Math.max(value, other)
              : value + other;
        });
      }
    }
  }
  return [...merged.values()];
}

export function renderSnapshots(metrics: MetricSnapshot[]): string {
  const lines: string[] = [];
  for (const metric of metrics) {
    lines.push(`# HELP ${metric.name} ${metric.help}`, `# TYPE ${metric.name} ${metric.type}`);
    for (const { values, numbers } of metric.series) {
      if (metric.type !== 'histogram') {
        lines.push(`${metric.name}${labelText(metric.labelNames, values)} ${numbers[0]}`);
        continue;
      }
      const buckets = metric.buckets ?? [];
      buckets.forEach((bound, index) =>
        lines.push(`${metric.name}_bucket${labelText(metric.labelNames, values, `le="${bound}"`)} ${numbers[index]}`),
      );
      const count = numbers[buckets.length + 1] ?? 0;
      lines.push(`${metric.name}_bucket${labelText(metric.labelNames, values, 'le="+Inf"')} ${count}`);
      lines.push(`${metric.name}_sum${labelText(metric.labelNames, values)} ${numbers[buckets.length]}`);
      lines.push(`${metric.name}_count${labelText(metric.labelNames, values)} ${count}`);
    }
  }
  return lines.join('\n') + '\n';
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Client-chosen operation names are capped so a client cannot grow the label set without bound. */
const MAX_OPERATION_LABELS = 200;

/** The label for an operation name: the name, `anonymous`, or `other` once too many names were seen. */
export class OperationLabels {
  private readonly names = new Set<string>();

  label(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (this.names.has(name)) return name;
    if (this.names.size >= MAX_OPERATION_LABELS) return 'other';
    this.names.add(name);
    return name;
  }
}

/** The process gauges every service exports. */
export function addProcessMetrics(registry: MetricsRegistry): void {
  registry.add(new Gauge('process_resident_memory_bytes', 'Resident memory of the process.', () => process.memoryUsage.rss()));
  const started = Date.now() / 1000;
  registry.add(new Gauge('process_start_time_seconds', 'Start time of the process since the Unix epoch.', () => started, [], 'min'));
  registry.add(
    new Gauge(
      'process_cpu_seconds_total',
      'User and system CPU time of the process.',
      () => {
        const usage = process.cpuUsage();
        return (usage.user + usage.system) / 1e6;
      },
      [],
      'sum',
      'counter',
    ),
  );
}

/**
 * Who may read `/metrics`: with a token, only a caller sending `Authorization: Bearer <token>`
 * (compared in constant time); without one (allowed outside production only), anyone.
 */
export function metricsAuthorized(request: IncomingMessage, token: string | undefined): boolean {
  if (!token) return true;
  const header = request.headers.authorization ?? '';
  const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

/** Answers a scrape: 401 without the token, the rendered text otherwise. */
export async function serveMetrics(
  request: IncomingMessage,
  response: ServerResponse,
  token: string | undefined,
  render: () => Promise<string>,
): Promise<void> {
  if (!metricsAuthorized(request, token)) {
    const body = JSON.stringify({ error: 'The metrics endpoint needs Authorization: Bearer <METRICS_TOKEN>' });
    response.writeHead(401, {
      'content-type': 'application/json; charset=utf-8',
      'www-authenticate': 'Bearer',
      'content-length': Buffer.byteLength(body),
    });
    response.end(body);
    return;
  }
  const text = await render();
  response.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
