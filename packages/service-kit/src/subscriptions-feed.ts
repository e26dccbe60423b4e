import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { EVENT_STREAM, WATERMARK_FIELD, type InProcessEventBus } from './events.ts';
import type { Logger } from './logger.ts';
import type { AuditEventPayload } from './outbox.ts';

/**
 * The live side of the event stream, for GraphQL subscriptions: unlike the consumer groups in
 * events.ts (each event handled once per group, acknowledged), a live feed is fan-out: every replica
 * sees every event published after it started, and nothing is acknowledged. With Redis that is
 * XREAD from `$` (never a consumer group); embedded, a uniquely named listener on the in-process bus.
 *
 * Each listener gets a bounded queue: a subscriber that does not drain it is dropped (its iterator
 * ends with a SlowConsumerError), never buffered without bound.
 */
export interface LiveEventFilter {
  /** Only events of this tenant: an event of another tenant never reaches the listener. */
  tenantId: string;
  /** Further narrowing (entity type, id, action); evaluated before the event is queued. */
  matches?: (event: AuditEventPayload) => boolean;
}

export class SlowConsumerError extends Error {
  constructor(readonly limit: number) {
    super(`The subscriber fell ${limit} events behind and was dropped`);
    this.name = 'SlowConsumerError';
  }
}

/**
 * A platform-internal reader of the whole feed, every tenant (current authority): never exposed to
 * a subscriber, which only ever gets a tenant-scoped `listen`.
 */
export interface FeedObserver {
  events(events: AuditEventPayload[]): void;
  watermark(source: string, at: number): void;
}

export interface LiveEventFeed {
  /** Events from now on that pass `filter`; `return()` on the iterator unsubscribes. */
  listen(filter: LiveEventFilter): AsyncIterableIterator<AuditEventPayload>;
  /** Everything from now on, for the kit's own readers; returns the function that stops observing. */
  observe(observer: FeedObserver): () => void;
  /** When the feed began reading (epoch ms): what was published before it is not seen. */
  readonly readingSince: number;
  /** Listeners currently attached (for caps and metrics). */
  readonly listenerCount: number;
  close(): Promise<void>;
}

export interface LiveEventFeedOptions {
  /** Events a listener may have queued before it is dropped as a slow consumer. */
  maxQueuedPerListener?: number;
}

const DEFAULT_MAX_QUEUED = 100;

class Listener implements AsyncIterableIterator<AuditEventPayload> {
  private readonly queue: AuditEventPayload[] = [];
  private waiting: ((result: IteratorResult<AuditEventPayload>) => void) | null = null;
  private failWaiting: ((error: Error) => void) | null = null;
  private failure: Error | null = null;
  private done = false;

  constructor(
    readonly filter: LiveEventFilter,
    private readonly limit: number,
    private readonly detach: (listener: Listener) => void,
  ) {}

  offer(event: AuditEventPayload): void {
    if (this.done || event.tenantId !== this.filter.tenantId) return;
    if (this.filter.matches && !this.filter.matches(event)) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = null;
      resolve({ value: event, done: false });
      return;
    }
    if (this.queue.length >= this.limit) {
      this.fail(new SlowConsumerError(this.limit));
      return;
    }
    this.queue.push(event);
  }

  fail(error: Error): void {
    if (this.done) return;
    this.failure = error;
    this.queue.length = 0;
    this.finish();
    if (this.failWaiting) {
      const reject = this.failWaiting;
      this.waiting = this.failWaiting = null;
      reject(error);
    }
  }

  private finish(): void {
    this.done = true;
    this.detach(this);
  }

  next(): Promise<IteratorResult<AuditEventPayload>> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve({ value: queued, done: false });
    if (this.failure) {
      const failure = this.failure;
      this.failure = null;
      return Promise.reject(failure);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failWaiting = reject;
    });
  }

  return(): Promise<IteratorResult<AuditEventPayload>> {
    this.queue.length = 0;
    this.failure = null;
    if (!this.done) this.finish();
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.failWaiting = null;
      resolve({ value: undefined, done: true });
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<AuditEventPayload> {
    return this;
  }
}

/** Shared by both transports: the listener set and how an event batch reaches it. */
abstract class ListenerSet implements LiveEventFeed {
  private readonly listeners = new Set<Listener>();
  private readonly observers = new Set<FeedObserver>();
  private readonly limit: number;
  readingSince = Date.now();

  constructor(options: LiveEventFeedOptions) {
    this.limit = options.maxQueuedPerListener ?? DEFAULT_MAX_QUEUED;
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  listen(filter: LiveEventFilter): AsyncIterableIterator<AuditEventPayload> {
    const listener = new Listener(filter, this.limit, (detached) => this.listeners.delete(detached));
    this.listeners.add(listener);
    return listener;
  }

  observe(observer: FeedObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  protected deliver(events: AuditEventPayload[]): void {
    for (const observer of this.observers) observer.events(events);
    for (const event of events) for (const listener of [...this.listeners]) listener.offer(event);
  }

  protected deliverWatermark(source: string, at: number): void {
    for (const observer of this.observers) observer.watermark(source, at);
  }

  protected endAll(): void {
    for (const listener of [...this.listeners]) void listener.return();
  }

  abstract close(): Promise<void>;
}

/** Embedded mode: a listener group of its own on the in-process bus; delivery never throws, so it never blocks the relay. */
export class InProcessLiveEventFeed extends ListenerSet {
  private readonly stopped: Promise<{ stop(): Promise<void> }>;
  private readonly stopWatermarks: () => void;

  constructor(bus: InProcessEventBus, options: LiveEventFeedOptions = {}) {
    super(options);
    this.stopped = bus.subscribe(`live-${randomUUID()}`, async (events) => this.deliver(events));
    this.stopWatermarks = bus.observeWatermarks((source, at) => this.deliverWatermark(source, at));
  }

  async close(): Promise<void> {
    this.endAll();
    this.stopWatermarks();
    await (await this.stopped).stop();
  }
}

type StreamEntry = [id: string, fields: string[]];

export interface RedisLiveEventFeedOptions extends LiveEventFeedOptions {
  url: string;
  logger: Logger;
  stream?: string;
  blockMs?: number;
}

/** Production: XREAD BLOCK from `$` then from the last id seen, on a dedicated connection. */
export class RedisLiveEventFeed extends ListenerSet {
  private readonly redis: Redis;
  private readonly stream: string;
  private running = false;
  private loop: Promise<void> | null = null;
  private lastId = '$';

  constructor(private readonly options: RedisLiveEventFeedOptions) {
    super(options);
    this.stream = options.stream ?? EVENT_STREAM;
    this.redis = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: null });
    this.redis.on('error', () => {});
  }

  /** Resolves once the feed reads the stream: events published after this are delivered. */
  async start(): Promise<void> {
    await this.redis.connect();
    // Pin the starting point now, so an event published right after start() is not missed by a first
    // XREAD '$' that happens to run later.
    const last = (await this.redis.xrevrange(this.stream, '+', '-', 'COUNT', 1)) as StreamEntry[];
    this.lastId = last[0]?.[0] ?? '0-0';
    this.readingSince = Date.now();
    this.running = true;
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const response = (await this.redis.xread(
          'COUNT',
          500,
          'BLOCK',
          this.options.blockMs ?? 1000,
          'STREAMS',
          this.stream,
          this.lastId,
        )) as [string, StreamEntry[]][] | null;
        const entries = response?.[0]?.[1] ?? [];
        if (entries.length === 0) continue;
        this.lastId = entries[entries.length - 1]![0];
        this.deliverEntries(entries);
      } catch (error) {
        if (!this.running) return;
        this.options.logger.warn('live event feed error; retrying', { error: (error as Error).message });
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  /** In stream order: a watermark reaches observers after every event that preceded it on the stream. */
  private deliverEntries(entries: StreamEntry[]): void {
    let batch: AuditEventPayload[] = [];
    for (const [, fields] of entries) {
      const marker = fields.indexOf(WATERMARK_FIELD);
      if (marker === -1) {
        batch.push(JSON.parse(fields[fields.indexOf('payload') + 1] ?? 'null') as AuditEventPayload);
        continue;
      }
      if (batch.length > 0) this.deliver(batch);
      batch = [];
      this.deliverWatermark(fields[marker + 1] ?? '', Number(fields[fields.indexOf('at') + 1]));
    }
    if (batch.length > 0) this.deliver(batch);
  }

  async close(): Promise<void> {
    this.running = false;
    this.endAll();
    this.redis.disconnect();
    // A read issued while reconnecting waits in ioredis's offline queue, which a disconnect does not
    // always settle: wait for the loop at most one blocking read, never forever.
    await Promise.race([
      this.loop?.catch(() => {}),
      new Promise((resolve) => setTimeout(resolve, (this.options.blockMs ?? 1000) + 1000).unref()),
    ]);
  }
}

export async function createLiveEventFeed(
  options: { redisUrl: string | undefined; logger: Logger; stream?: string; bus: InProcessEventBus } & LiveEventFeedOptions,
): Promise<LiveEventFeed> {
  const common = options.maxQueuedPerListener !== undefined ? { maxQueuedPerListener: options.maxQueuedPerListener } : {};
  if (!options.redisUrl) return new InProcessLiveEventFeed(options.bus, common);
  const feed = new RedisLiveEventFeed({
    url: options.redisUrl,
    logger: options.logger,
    ...common,
    ...(options.stream ? { stream: options.stream } : {}),
  });
  await feed.start();
  return feed;
}
