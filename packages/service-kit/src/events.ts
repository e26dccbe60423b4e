import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import type { Logger } from './logger.ts';
import type { AuditEventPayload } from './outbox.ts';

/**
 * How events travel from the outbox relays to their consumers (the audit log; replicas such as
 * shipping's product replica). With Redis: one Redis Stream, one consumer group per consumer, so
 * each group sees every event and a message is acknowledged only after its consumer committed it.
 * Without Redis (the embedded mode, everything in one process): an in-process bus with the same
 * contract: publishing fails while a required consumer is absent, so events stay in the outbox.
 */
export const EVENT_STREAM = 'platform-events';

export type EventHandler = (events: AuditEventPayload[]) => Promise<void>;

export interface EventTransport {
  publish(events: AuditEventPayload[]): Promise<void>;
  /**
   * A progress marker on the stream: "every event of `source` committed before `at` (epoch ms) was
   * published before this marker". Live readers use it to know how current they are (current
   * authority); consumer groups skip it.
   */
  publishWatermark(source: string, at: number): Promise<void>;
}

export type WatermarkObserver = (source: string, at: number) => void;

export interface EventSubscription {
  stop(): Promise<void>;
}

export interface EventBus extends EventTransport {
  /** Delivers every published event to `handler`, at least once, under the consumer group `group`. */
  subscribe(group: string, handler: EventHandler): Promise<EventSubscription>;
  /** How far the group is behind the stream: messages not yet delivered to it, and delivered but unacknowledged. */
  groupLag(group: string): Promise<GroupLag>;
  close(): Promise<void>;
}

export interface GroupLag {
  stream: string;
  /** Messages in the stream the group has not been given yet. */
  lag: number;
  /** Messages given to a consumer of the group and not acknowledged yet. */
  pending: number;
}

/** The consumer group whose absence must keep events in the outbox: the audit log. */
export const AUDIT_GROUP = 'audit';

export class InProcessEventBus implements EventBus {
  private readonly handlers = new Map<string, EventHandler>();
  private readonly watermarkObservers = new Set<WatermarkObserver>();

  /** Delivered in order with the events: a marker published after a batch reaches observers after it. */
  async publishWatermark(source: string, at: number): Promise<void> {
    for (const observer of this.watermarkObservers) observer(source, at);
  }

  /** For live readers (the in-process live feed); returns the function that stops observing. */
  observeWatermarks(observer: WatermarkObserver): () => void {
    this.watermarkObservers.add(observer);
    return () => this.watermarkObservers.delete(observer);
  }

  async publish(events: AuditEventPayload[]): Promise<void> {
    if (!this.handlers.has(AUDIT_GROUP)) throw new Error('The audit consumer is not running; events stay in the outbox');
    // Every group gets the batch; a failing group fails the publish and the relay retries the whole
    // batch later (consumers are idempotent on eventId, so the groups that succeeded are unharmed).
    for (const handler of this.handlers.values()) await handler(events);
  }

  async subscribe(group: string, handler: EventHandler): Promise<EventSubscription> {
    this.handlers.set(group, handler);
    return {
      stop: async () => {
        if (this.handlers.get(group) === handler) this.handlers.delete(group);
      },
    };
  }

  /** In-process delivery happens inside the publish: a group is never behind (the outbox holds the backlog). */
  async groupLag(): Promise<GroupLag> {
    return { stream: 'in-process', lag: 0, pending: 0 };
  }

  async close(): Promise<void> {
    this.handlers.clear();
    this.watermarkObservers.clear();
  }
}

/** One bus per process in the embedded mode, shared by the subgraphs running in it. */
export const inProcessEventBus = new InProcessEventBus();

export interface RedisBusOptions {
  url: string;
  stream?: string;
  logger: Logger;
  /** Messages a dead consumer left unacknowledged this long are claimed by a live one. */
  claimIdleMs?: number;
  blockMs?: number;
  batchSize?: number;
}

export class RedisStreamBus implements EventBus {
  private readonly publisher: Redis;
  private readonly stream: string;
  private readonly subscriptions = new Set<EventSubscription>();

  constructor(private readonly options: RedisBusOptions) {
    this.stream = options.stream ?? EVENT_STREAM;
    // Fail fast instead of queueing commands while Redis is down: the outbox is the queue.
    this.publisher = new Redis(options.url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.publisher.on('error', () => {});
  }

  private async connected(): Promise<void> {
    if (this.publisher.status === 'wait' || this.publisher.status === 'end') await this.publisher.connect().catch(() => {});
  }

  async publishWatermark(source: string, at: number): Promise<void> {
    await this.connected();
    await this.publisher.xadd(this.stream, '*', WATERMARK_FIELD, source, 'at', String(at));
  }

  async publish(events: AuditEventPayload[]): Promise<void> {
    await this.connected();
    const pipeline = this.publisher.multi();
    for (const event of events) pipeline.xadd(this.stream, '*', 'eventId', event.eventId, 'payload', JSON.stringify(event));
    const results = await pipeline.exec();
    const failure = results?.find(([error]) => error);
    if (!results || failure) throw failure?.[0] ?? new Error('Redis did not accept the events');
  }

  async subscribe(group: string, handler: EventHandler): Promise<EventSubscription> {
    const subscription = new StreamConsumer(this.options.url, this.stream, group, handler, this.options);
    await subscription.start();
    this.subscriptions.add(subscription);
    return {
      stop: async () => {
        this.subscriptions.delete(subscription);
        await subscription.stop();
      },
    };
  }

  async groupLag(group: string): Promise<GroupLag> {
    if (this.publisher.status === 'wait' || this.publisher.status === 'end') await this.publisher.connect().catch(() => {});
    const groups = (await this.publisher.xinfo('GROUPS', this.stream)) as unknown[][];
    for (const fields of groups) {
      const info = new Map<string, unknown>();
      for (let index = 0; index + 1 < fields.length; index += 2) info.set(String(fields[index]), fields[index + 1]);
      if (info.get('name') !== group) continue;
      // `lag` is null when Redis cannot tell (entries deleted from the middle of the stream); pending still counts.
      return { stream: this.stream, lag: Number(info.get('lag') ?? 0), pending: Number(info.get('pending') ?? 0) };
    }
    return { stream: this.stream, lag: 0, pending: 0 };
  }

  async close(): Promise<void> {
    for (const subscription of this.subscriptions) await subscription.stop();
    this.subscriptions.clear();
    this.publisher.disconnect();
  }
}

type StreamEntry = [id: string, fields: string[]];

/** The field that marks a stream entry as a watermark (see EventTransport.publishWatermark), not an event. */
export const WATERMARK_FIELD = 'watermark';

/** Beyond one blocking read, how long a stopping consumer waits for Redis before cutting it. */
const STOP_GRACE_MS = 2000;

/** A consumer in a group: reads new messages, acknowledges after the handler commits, reclaims stale ones. */
class StreamConsumer implements EventSubscription {
  private readonly redis: Redis;
  private readonly consumer = `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private running = false;
  private loop: Promise<void> | null = null;

  constructor(
    url: string,
    private readonly stream: string,
    private readonly group: string,
    private readonly handler: EventHandler,
    private readonly options: RedisBusOptions,
  ) {
    // A dedicated connection: XREADGROUP BLOCK holds it.
    this.redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null });
    this.redis.on('error', () => {});
  }

  async start(): Promise<void> {
    await this.redis.connect();
    await this.ensureGroup();
    this.running = true;
    this.loop = this.run();
  }

  /** Creates the stream and group if missing (also after a Redis restart that lost them). */
  private async ensureGroup(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.stream, this.group, '0', 'MKSTREAM');
    } catch (error) {
      if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
    }
  }

  /**
   * Lets the current read (at most `blockMs`) and the batch it returned finish and be acknowledged
   * before disconnecting: cutting the connection mid-batch would leave those messages pending under
   * this consumer until another one claims them (`claimIdleMs` later). A read stuck on an
   * unreachable Redis is cut after that bound.
   */
  async stop(): Promise<void> {
    this.running = false;
    const graceMs = (this.options.blockMs ?? 1000) + STOP_GRACE_MS;
    const cut = setTimeout(() => this.redis.disconnect(), graceMs);
    // A read queued while reconnecting may never settle, even after the cut: give up on it then.
    await Promise.race([this.loop?.catch(() => {}), new Promise((resolve) => setTimeout(resolve, graceMs + 1000).unref())]);
    clearTimeout(cut);
    this.redis.disconnect();
  }

  private async run(): Promise<void> {
    let rounds = 0;
    while (this.running) {
      try {
        // Every few rounds, take over what consumers that died left pending.
        if (rounds++ % 10 === 0) await this.claimStale();
        const response = (await this.redis.xreadgroup(
          'GROUP',
          this.group,
          this.consumer,
          'COUNT',
          this.options.batchSize ?? 100,
          'BLOCK',
          this.options.blockMs ?? 1000,
          'STREAMS',
          this.stream,
          '>',
        )) as [string, StreamEntry[]][] | null;
        const entries = response?.[0]?.[1] ?? [];
        if (entries.length > 0) await this.handle(entries);
      } catch (error) {
        if (!this.running) return;
        if (String((error as Error).message).includes('NOGROUP')) {
          await this.ensureGroup().catch(() => {});
          continue;
        }
        this.options.logger.warn('event consumer error; retrying', { group: this.group, error: (error as Error).message });
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  private async claimStale(): Promise<void> {
    const [, entries] = (await this.redis.xautoclaim(
      this.stream,
      this.group,
      this.consumer,
      this.options.claimIdleMs ?? 30_000,
      '0-0',
      'COUNT',
      this.options.batchSize ?? 100,
    )) as [string, StreamEntry[], string[]];
    const live = entries.filter((entry) => entry?.[1]);
    if (live.length > 0) await this.handle(live);
  }

  private async handle(entries: StreamEntry[]): Promise<void> {
    // Watermarks are for live readers; a consumer group acknowledges them with the batch and moves on.
    const events = entries
      .filter(([, fields]) => fields.includes('payload'))
      .map(([, fields]) => JSON.parse(fields[fields.indexOf('payload') + 1] ?? 'null') as AuditEventPayload);
    if (events.length > 0) await this.handler(events);
    // Acknowledged only after the handler committed: a crash before this re-delivers, never loses.
    await this.redis.xack(this.stream, this.group, ...entries.map(([id]) => id));
  }
}

export function createEventBus(options: { redisUrl: string | undefined; logger: Logger; stream?: string }): EventBus {
  if (!options.redisUrl) return inProcessEventBus;
  return new RedisStreamBus({ url: options.redisUrl, logger: options.logger, ...(options.stream ? { stream: options.stream } : {}) });
}
