import type { SqlClient } from './database.ts';
import type { Logger } from './logger.ts';
import type { ServiceMetrics } from './service-metrics.ts';

/** Scheduled work that removes what is no longer needed; returns how many rows it removed. */
export interface HousekeepingTask {
  name: string;
  run(): Promise<number>;
}

/** Deletes delivered outbox rows older than the retention, in batches (short transactions). */
export function publishedOutboxTask(sql: SqlClient, retentionMinutes: number, batchSize = 5000): HousekeepingTask {
  return {
    name: 'outbox-published',
    async run() {
      let removed = 0;
      for (;;) {
        const deleted = await sql.query<{ id: string }>(
          `DELETE FROM "OutboxEvent" WHERE "id" IN (
             SELECT "id" FROM "OutboxEvent"
             WHERE "publishedAt" IS NOT NULL AND "publishedAt" < now() - ($1::int * interval '1 minute')
             LIMIT $2
           ) RETURNING "id"`,
          [retentionMinutes, batchSize],
        );
        removed += deleted.length;
        if (deleted.length < batchSize) return removed;
      }
    },
  };
}

/**
 * Runs housekeeping tasks on a schedule in one replica of a service at a time. The replica that
 * takes the PostgreSQL session advisory lock `housekeeping:<service>` holds it, on one connection of
 * its pool, for as long as it runs: that is the lease. The others try again each interval and count
 * a `skipped` run; when the holder stops or dies its connection closes, the lock goes with it and
 * the next replica to try takes over. Embedded (PGlite: one process), there is only one replica.
 */
export class Housekeeper {
  private stopped = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly service: string,
    private readonly sql: SqlClient,
    private readonly tasks: HousekeepingTask[],
    private readonly metrics: ServiceMetrics,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    if (this.tasks.length === 0) return;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop?.catch(() => {});
  }

  /** Every task once, now (the CronJob variant and tests); returns rows removed per task. */
  async runOnce(): Promise<Record<string, number>> {
    const removed: Record<string, number> = {};
    for (const task of this.tasks) {
      try {
        removed[task.name] = await task.run();
        this.metrics.housekeepingRuns.inc([task.name, 'ok']);
        this.metrics.housekeepingRemoved.inc([task.name], removed[task.name]);
        if (removed[task.name]! > 0) this.logger.info('housekeeping removed rows', { task: task.name, removed: removed[task.name] });
      } catch (error) {
        this.metrics.housekeepingRuns.inc([task.name, 'failed']);
        this.logger.warn('housekeeping task failed', { task: task.name, error: (error as Error).message });
      }
    }
    return removed;
  }

  /** Runs the tasks only if this replica gets the lease; false when another replica holds it. */
  async runOnceWithLease(): Promise<Record<string, number> | false> {
    return this.sql.withSession(async (session) => {
      if (!(await this.tryLock(session))) return this.skipped();
      try {
        return await this.runOnce();
      } finally {
        await this.unlock(session);
      }
    });
  }

  private skipped(): false {
    for (const task of this.tasks) this.metrics.housekeepingRuns.inc([task.name, 'skipped']);
    return false;
  }

  private async tryLock(session: SqlClient): Promise<boolean> {
    const [row] = await session.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [this.lockKey]);
    return row?.locked === true;
  }

  private async unlock(session: SqlClient): Promise<void> {
    await session.query('SELECT pg_advisory_unlock(hashtext($1))', [this.lockKey]).catch(() => {});
  }

  private get lockKey() {
    return `housekeeping:${this.service}`;
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.intervalMs);
      timer.unref();
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.sql.withSession(async (session) => {
          if (!(await this.tryLock(session))) {
            this.skipped();
            return;
          }
          // The lease: held on this session while this replica keeps running the tasks.
          try {
            while (!this.stopped) {
              await this.runOnce();
              await this.sleep();
            }
          } finally {
            await this.unlock(session);
          }
        });
      } catch (error) {
        this.logger.warn('housekeeping lease lost; retrying', { error: (error as Error).message });
      }
      if (!this.stopped) await this.sleep();
    }
  }
}
