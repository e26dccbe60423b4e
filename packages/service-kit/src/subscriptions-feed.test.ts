import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AUDIT_GROUP, InProcessEventBus, RedisStreamBus, type EventBus } from './events.ts';
import { createLogger } from './logger.ts';
import type { AuditEventPayload } from './outbox.ts';
import { InProcessLiveEventFeed, RedisLiveEventFeed, SlowConsumerError, type LiveEventFeed } from './subscriptions-feed.ts';

const logger = createLogger({ service: 'test', level: 'silent' });
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function event(tenantId: string, entityId: string, action = 'order.updated'): AuditEventPayload {
  return {
    eventId: randomUUID(),
    tenantId,
    actorId: null,
    actorRole: null,
    service: 'catalog',
    action,
    entityType: 'Order',
    entityId,
    before: null,
    after: { status: 'SHIPPED' },
    requestId: null,
    ip: null,
    userAgent: null,
    severity: 'INFO',
    tags: [],
    occurredAt: new Date().toISOString(),
  };
}

/** Next value, or 'timeout' after a generous wait (no timing assertions: only "did it arrive"). */
async function nextOrTimeout(iterator: AsyncIterator<AuditEventPayload>, ms = 5000): Promise<AuditEventPayload | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  const result = await Promise.race([iterator.next().then((r) => (r.done ? 'timeout' : r.value)), timeout]);
  clearTimeout(timer);
  return result;
}

type Setup = { bus: EventBus; feeds: LiveEventFeed[]; cleanup: () => Promise<void> };

const transports: [string, (replicas: number) => Promise<Setup>][] = [
  [
    'in-process bus',
    async (replicas) => {
      const bus = new InProcessEventBus();
      // The in-process bus refuses to publish without the audit consumer, like production.
      await bus.subscribe(AUDIT_GROUP, async () => {});
      const feeds = Array.from({ length: replicas }, () => new InProcessLiveEventFeed(bus, { maxQueuedPerListener: 3 }));
      return { bus, feeds, cleanup: async () => void (await Promise.all(feeds.map((f) => f.close())), await bus.close()) };
    },
  ],
  [
    'Redis stream',
    async (replicas) => {
      const stream = `live-test-${randomUUID()}`;
      const bus = new RedisStreamBus({ url: REDIS_URL, logger, stream });
      const feeds = Array.from(
        { length: replicas },
        () => new RedisLiveEventFeed({ url: REDIS_URL, logger, stream, maxQueuedPerListener: 3, blockMs: 200 }),
      );
      await Promise.all(feeds.map((feed) => feed.start()));
      return { bus, feeds, cleanup: async () => void (await Promise.all(feeds.map((f) => f.close())), await bus.close()) };
    },
  ],
];

describe.each(transports)('live event feed over the %s', (_name, setup) => {
  let current: Setup | null = null;
  afterEach(async () => {
    await current?.cleanup();
    current = null;
  });

  it('fans every event out to every replica (no consumer group sharing the work)', async () => {
    current = await setup(2);
    const [a, b] = current.feeds.map((feed) => feed.listen({ tenantId: 'acme', matches: (e) => e.entityId === 'order-1' }));
    await current.bus.publish([event('acme', 'order-1')]);
    const [gotA, gotB] = await Promise.all([nextOrTimeout(a!), nextOrTimeout(b!)]);
    expect(gotA).toMatchObject({ tenantId: 'acme', entityId: 'order-1' });
    expect(gotB).toMatchObject({ tenantId: 'acme', entityId: 'order-1' });
  });

  it("never delivers another tenant's event, nor one the filter rejects", async () => {
    current = await setup(1);
    const globex = current.feeds[0]!.listen({ tenantId: 'globex', matches: (e) => e.entityId === 'order-1' });
    await current.bus.publish([event('acme', 'order-1'), event('globex', 'order-2'), event('globex', 'order-1')]);
    const got = await nextOrTimeout(globex);
    // The first and only event it may see is globex's own order-1.
    expect(got).toMatchObject({ tenantId: 'globex', entityId: 'order-1' });
    expect(await nextOrTimeout(globex, 500)).toBe('timeout');
  });

  it('drops a slow consumer instead of buffering without bound', async () => {
    current = await setup(1);
    const feed = current.feeds[0]!;
    const slow = feed.listen({ tenantId: 'acme' });
    await current.bus.publish([1, 2, 3, 4, 5].map((n) => event('acme', `order-${n}`)));
    // Wait until the feed saw the batch (Redis delivers asynchronously): the listener is detached then.
    for (let i = 0; i < 100 && feed.listenerCount > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(feed.listenerCount).toBe(0);
    await expect(slow.next()).rejects.toBeInstanceOf(SlowConsumerError);
    expect(await slow.next()).toEqual({ value: undefined, done: true });
  });

  it('return() detaches the listener', async () => {
    current = await setup(1);
    const feed = current.feeds[0]!;
    const listener = feed.listen({ tenantId: 'acme' });
    expect(feed.listenerCount).toBe(1);
    const pending = listener.next();
    await listener.return?.();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(feed.listenerCount).toBe(0);
  });
});
