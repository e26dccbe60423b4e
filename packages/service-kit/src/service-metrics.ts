import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { SqlClient } from './database.ts';
import type { EventBus, EventHandler, GroupLag } from './events.ts';
import {
  addProcessMetrics,
  Counter,
  DELAY_BUCKETS,
  Gauge,
  Histogram,
  LATENCY_BUCKETS,
  MetricsRegistry,
  OperationLabels,
} from './metrics.ts';
import { inLinkedSpan, SpanKind } from './tracing.ts';

/** Connection counts of a database client: a pg pool, or PGlite's single connection. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

/**
 * What every subgraph measures, kept by the kit so all five export the same series: operations,
 * latency and errors (an Apollo plugin), database pool, outbox backlog, consumer lag and event
 * delay. METRICS.md lists each.
 */
export class ServiceMetrics {
  readonly registry = new MetricsRegistry();
  private readonly operationNames = new OperationLabels();
  private readonly consumerGroups = new Set<string>();

  readonly operations = this.registry.add(
    new Counter('subgraph_graphql_operations_total', 'GraphQL operations executed, by type and name.', ['type', 'operation']),
  );
  readonly operationDuration = this.registry.add(
    new Histogram(
      'subgraph_graphql_operation_duration_seconds',
      'Time to answer a GraphQL operation, by name.',
      ['operation'],
      LATENCY_BUCKETS,
    ),
  );
  readonly errors = this.registry.add(new Counter('subgraph_graphql_errors_total', 'Errors returned, by extensions.code.', ['code']));
  readonly outboxPublished = this.registry.add(new Counter('outbox_events_published_total', 'Outbox rows delivered to the event stream.'));
  readonly outboxFailures = this.registry.add(
    new Counter('outbox_delivery_failures_total', 'Outbox delivery rounds that failed (the rows are retried with back-off).'),
  );
  readonly eventsConsumed = this.registry.add(
    new Counter('events_consumed_total', 'Events handled and committed by a consumer group of this service.', ['group']),
  );
  readonly eventDelay = this.registry.add(
    new Histogram(
      'event_end_to_end_delay_seconds',
      'Time from the change that recorded an event to its commit by a consumer group.',
      ['group'],
      DELAY_BUCKETS,
    ),
  );
  readonly housekeepingRemoved = this.registry.add(
    new Counter('housekeeping_rows_removed_total', 'Rows removed by scheduled housekeeping, by task.', ['task']),
  );
  readonly housekeepingRuns = this.registry.add(
    new Counter(
      'housekeeping_runs_total',
      'Housekeeping runs, by task and result (ok, failed, skipped: another replica holds the lease).',
      ['task', 'result'],
    ),
  );

  constructor(readonly service: string) {
    addProcessMetrics(this.registry);
  }

  /** Pool gauges read at scrape time. */
  watchPool(stats: () => PoolStats): void {
    this.registry.add(
      new Gauge('db_pool_connections_in_use', 'Database connections checked out of the pool.', () => {
        const pool = stats();
        return pool.total - pool.idle;
      }),
    );
    this.registry.add(new Gauge('db_pool_connections_idle', 'Open database connections not in use.', () => stats().idle));
    this.registry.add(new Gauge('db_pool_connections_max', 'Largest number of connections the pool opens.', () => stats().max));
    this.registry.add(new Gauge('db_pool_waiting_requests', 'Queries waiting for a free connection.', () => stats().waiting));
  }

  /** Outbox backlog gauges, one cheap query per scrape (partial index on unpublished rows). */
  watchOutbox(sql: SqlClient): void {
    let reading: Promise<{ pending: number; age: number }> | null = null;
    // Both gauges come from one query per scrape.
    const read = () => {
      reading ??= sql
        .query<{ pending: string | number; age: string | number | null }>(
          `SELECT count(*) AS pending, EXTRACT(EPOCH FROM (now() - min("createdAt"))) AS age FROM "OutboxEvent" WHERE "publishedAt" IS NULL`,
        )
        .then(([row]) => ({ pending: Number(row?.pending ?? 0), age: Math.max(0, Number(row?.age ?? 0)) }))
        .finally(() => setImmediate(() => (reading = null)));
      return reading;
    };
    this.registry.add(
      new Gauge('outbox_pending_events', 'Outbox rows not yet delivered to the event stream.', async () => [
        { values: [], value: (await read()).pending },
      ]),
    );
    this.registry.add(
      new Gauge('outbox_oldest_pending_event_age_seconds', 'Age of the oldest undelivered outbox row (0 when none).', async () => [
        { values: [], value: (await read()).age },
      ]),
    );
  }

  /**
   * The bus the subgraph's code sees: each consumer group it subscribes is measured (events
   * handled, end-to-end delay) and its lag reported at scrape time.
   */
  meterEventBus(bus: EventBus): EventBus {
    const { consumerGroups, eventsConsumed, eventDelay, service } = this;
    if (!this.registry.has('event_consumer_lag_messages')) {
      const lags = async (): Promise<(GroupLag & { group: string })[]> =>
        Promise.all([...this.consumerGroups].map(async (group) => ({ group, ...(await bus.groupLag(group)) })));
      this.registry.add(
        new Gauge(
          'event_consumer_lag_messages',
          'Messages in the event stream not yet delivered to a consumer group of this service.',
          async () => (await lags()).map(({ stream, group, lag }) => ({ values: [stream, group], value: lag })),
          ['stream', 'group'],
        ),
      );
      this.registry.add(
        new Gauge(
          'event_consumer_pending_messages',
          'Messages delivered to a consumer group of this service and not yet acknowledged.',
          async () => (await lags()).map(({ stream, group, pending }) => ({ values: [stream, group], value: pending })),
          ['stream', 'group'],
        ),
      );
    }
    return {
      publish: (events) => bus.publish(events),
      publishWatermark: (source, at) => bus.publishWatermark(source, at),
      groupLag: (group) => bus.groupLag(group),
      close: () => bus.close(),
      subscribe(group: string, handler: EventHandler) {
        consumerGroups.add(group);
        return bus.subscribe(group, async (events) => {
          // A consumer batch is a trace of its own, linked to each mutation whose event it handles.
          await inLinkedSpan(
            service,
            `${group} process`,
            SpanKind.CONSUMER,
            events.map((event) => event.traceparent),
            {
              'messaging.operation.type': 'process',
              'messaging.consumer.group.name': group,
              'messaging.batch.message_count': events.length,
            },
            () => handler(events),
          );
          const now = Date.now();
          eventsConsumed.inc([group], events.length);
          for (const event of events) {
            const occurred = Date.parse(event.occurredAt);
            if (Number.isFinite(occurred)) eventDelay.observe([group], Math.max(0, now - occurred) / 1000);
          }
        });
      },
    };
  }

  operationLabel(name: string | null | undefined): string {
    return this.operationNames.label(name);
  }

  /** Counts and times every operation and its error codes. */
  plugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
    const { operations, operationDuration, errors: errorCount } = this;
    const label = (name: string | null | undefined) => this.operationLabel(name);
    return {
      async requestDidStart() {
        const started = performance.now();
        return {
          async willSendResponse({ operation, operationName, response }) {
            const name = label(operationName);
            operations.inc([operation?.operation ?? 'none', name]);
            operationDuration.observe([name], (performance.now() - started) / 1000);
            const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
            for (const error of errors) errorCount.inc([String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')]);
          },
        };
      },
    };
  }

  render(): Promise<string> {
    return this.registry.render();
  }
}
