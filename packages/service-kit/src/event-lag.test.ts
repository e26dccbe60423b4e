import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisStreamBus } from './events.ts';
import { createLogger } from './logger.ts';
import type { AuditEventPayload } from './outbox.ts';
import { ServiceMetrics } from './service-metrics.ts';

/** Consumer lag on a real Redis Stream, as the metrics report it (XINFO GROUPS: lag and pending). */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const stream = `fed:test:lag:${randomUUID()}`;
const logger = createLogger({ service: 'test', level: 'silent' });
const bus = new RedisStreamBus({ url: REDIS_URL, logger, stream });
afterAll(async () => {
  await bus.close();
  const redis = new Redis(REDIS_URL);
  await redis.del(stream);
  redis.disconnect();
});

const event = (): AuditEventPayload => ({
  eventId: randomUUID(),
  tenantId: randomUUID(),
  actorId: null,
  actorRole: null,
  service: 'catalog',
  action: 'product.created',
  entityType: 'Product',
  entityId: randomUUID(),
  before: null,
  after: null,
  requestId: null,
  ip: null,
  userAgent: null,
  severity: 'INFO',
  tags: [],
  occurredAt: new Date(Date.now() - 1500).toISOString(),
});

const until = async (check: () => Promise<boolean>) => {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('consumer lag on Redis', () => {
  it('reports delivered-but-unacknowledged messages as pending, then the end-to-end delay once committed', async () => {
    const metrics = new ServiceMetrics('audit');
    const metered = metrics.meterEventBus(bus);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let handled = 0;
    const subscription = await metered.subscribe('lag-test', async (events) => {
      await held;
      handled += events.length;
    });
    await bus.publish([event(), event(), event()]);
    // The consumer holds the batch: three delivered and not yet acknowledged, none left undelivered.
    await until(async () => (await bus.groupLag('lag-test')).pending === 3);
    expect(await bus.groupLag('lag-test')).toEqual({ stream, lag: 0, pending: 3 });
    const scrape = await metrics.render();
    expect(scrape).toContain(`event_consumer_pending_messages{stream="${stream}",group="lag-test"} 3`);
    release();
    await until(async () => handled === 3 && (await bus.groupLag('lag-test')).pending === 0);
    expect(metrics.eventsConsumed.value(['lag-test'])).toBe(3);
    // Recorded 1.5 s ago: the delay covers that.
    expect(await metrics.render()).toMatch(/event_end_to_end_delay_seconds_bucket\{group="lag-test",le="1"\} 0/);
    expect(await metrics.render()).toMatch(/event_end_to_end_delay_seconds_count\{group="lag-test"\} 3/);
    await subscription.stop();
  });
});
