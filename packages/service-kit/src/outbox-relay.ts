import type { SqlClient } from './database.ts';
import type { EventTransport } from './events.ts';
import type { Logger } from './logger.ts';
import type { Counter } from './metrics.ts';
import { inLinkedSpan, SpanKind } from './tracing.ts';
import type { AuditEventPayload } from './outbox.ts';

export interface RelayOptions {
  batchSize?: number;
  intervalMs?: number;
  /** How long a claimed batch stays reserved for this relay before another may take it over. */
  leaseMs?: number;
  maxBackoffMs?: number;
  /**
   * Publish a watermark under this source name after every round (the users subgraph: current
   * authority). Its time is that of the oldest row still unpublished, or the database's clock when
   * none is, so a reader that has seen it knows every event committed before that time.
   */
  watermarkSource?: string;
  /** Counts delivered rows and failed rounds. */
  metrics?: { published: Counter; failures: Counter };
  /** The service whose outbox this is (the name of its delivery spans' service). */
  service?: string;
}

/**
 * Delivers outbox rows to the event transport and marks them published. Any number of relays may
 * run against one database (replicas): a batch is claimed with one UPDATE over
 * `FOR UPDATE SKIP LOCKED` rows that pushes `availableAt` into the future as a lease, so two
 * relays never hold the same rows. A relay that dies mid-batch only delays those rows until its
 * lease ends; a batch published but not yet marked is published again, which consumers absorb
 * (they are idempotent on eventId). Failures back off exponentially per row.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<number> | null = null;
  private stopped = false;

  constructor(
    private readonly sql: SqlClient,
    private readonly transport: EventTransport,
    private readonly logger: Logger,
    private readonly options: RelayOptions = {},
  ) {}

  start(): void {
    this.stopped = false;
    const tick = async () => {
      try {
        // Keep draining while full batches come back; then wait for the next tick.
        while (!this.stopped && (await this.drainOnce()) === (this.options.batchSize ?? 100));
        if (this.options.watermarkSource && !this.stopped) await this.publishWatermark(this.options.watermarkSource);
      } catch (error) {
        this.logger.warn('outbox relay round failed', { error });
      }
      if (!this.stopped) this.timer = setTimeout(tick, this.options.intervalMs ?? 250);
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.draining?.catch(() => 0);
  }

  /**
   * Rows claimed by another relay, or backing off after a failure, are unpublished too: the minimum
   * covers them, so two relays on one database never claim more than both have published.
   */
  async publishWatermark(source: string): Promise<void> {
    const [row] = await this.sql.query<{ now: number; oldest: number | null }>(
      `SELECT (extract(epoch FROM now()) * 1000)::float8 AS "now",
              (extract(epoch FROM min("createdAt")) * 1000)::float8 AS "oldest"
       FROM "OutboxEvent" WHERE "publishedAt" IS NULL`,
    );
    if (!row) return;
    await this.transport.publishWatermark(source, Math.floor(row.oldest === null ? row.now : row.oldest - 1));
  }

  /** One claim-publish-mark round; returns how many events were published. */
  drainOnce(): Promise<number> {
    this.draining = this.round();
    return this.draining;
  }

  private async round(): Promise<number> {
    const claimed = await this.sql.query<{ id: string; payload: AuditEventPayload; attempts: number; createdAt: Date }>(
      `UPDATE "OutboxEvent" SET "availableAt" = now() + ($2::int * interval '1 millisecond'), "attempts" = "attempts" + 1
       WHERE "id" IN (
         SELECT "id" FROM "OutboxEvent"
         WHERE "publishedAt" IS NULL AND "availableAt" <= now()
         ORDER BY "createdAt", "id" LIMIT $1 FOR UPDATE SKIP LOCKED
       )
       RETURNING "id", "payload", "attempts", "createdAt"`,
      [this.options.batchSize ?? 100, this.options.leaseMs ?? 30_000],
    );
    if (claimed.length === 0) return 0;
    claimed.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    const ids = claimed.map((row) => row.id);
    try {
      const payloads = claimed.map((row) => row.payload);
      // A delivery is a span of its own, linked to every change whose event it carries.
      await inLinkedSpan(
        this.options.service ?? 'outbox',
        'outbox publish',
        SpanKind.PRODUCER,
        payloads.map((payload) => payload.traceparent),
        { 'messaging.operation.type': 'send', 'messaging.batch.message_count': payloads.length },
        () => this.transport.publish(payloads),
      );
    } catch (error) {
      const attempts = Math.max(...claimed.map((row) => row.attempts));
      const backoffMs = Math.min(this.options.maxBackoffMs ?? 30_000, 200 * 2 ** Math.min(attempts, 16));
      await this.sql.query(
        `UPDATE "OutboxEvent" SET "lastError" = $2, "availableAt" = now() + ($3::int * interval '1 millisecond') WHERE "id" = ANY($1::uuid[])`,
        [ids, String((error as Error).message ?? error).slice(0, 500), backoffMs],
      );
      this.options.metrics?.failures.inc();
      this.logger.warn('outbox delivery failed; will retry', { events: ids.length, backoffMs, error: (error as Error).message });
      return 0;
    }
    await this.sql.query(`UPDATE "OutboxEvent" SET "publishedAt" = now(), "lastError" = NULL WHERE "id" = ANY($1::uuid[])`, [ids]);
    this.options.metrics?.published.inc([], claimed.length);
    return claimed.length;
  }
}
