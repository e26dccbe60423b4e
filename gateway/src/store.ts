import type { Logger } from '@fed/service-kit/edge';
import { Redis, type ChainableCommander } from 'ioredis';

/**
 * The gateway's shared state: persisted queries, cached responses, cache generations and rate-limit
 * counters. Redis when REDIS_URL is set (shared by every replica), a bounded in-memory map otherwise.
 * Every key is prefixed. A failing store never fails a request: reads become misses, and callers
 * decide what a failed write or counter means (rate limits fail open).
 */
export interface SharedStore {
  readonly kind: 'redis' | 'memory';
  /** Several values in one round trip; missing (or unreadable) ones are undefined. */
  getMany(keys: readonly string[]): Promise<(string | undefined)[]>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Increments counters without expiry (cache generations). */
  increment(keys: readonly string[]): Promise<void>;
  /** Adds `by` to each counter, giving new counters `ttlMs`; the new values, in one round trip. Throws when unavailable. */
  countInWindow(keys: readonly string[], by: number, ttlMs: number): Promise<number[]>;
  /** Adds a member to a list kept newest first (an existing member moves to the front), trimmed to `max`. */
  remember(key: string, member: string, max: number): Promise<void>;
  /** The newest `count` members of such a list (none when unreadable). */
  recent(key: string, count: number): Promise<string[]>;
  /** `ready` or why not. */
  status(): string;
  close(): Promise<void>;
}

export interface StoreOptions {
  redisUrl: string | undefined;
  keyPrefix: string;
  memoryMaxBytes: number;
  redisTimeoutMs: number;
  logger: Logger;
}

export async function openSharedStore(options: StoreOptions): Promise<SharedStore> {
  if (!options.redisUrl) return new MemoryStore(options.keyPrefix, options.memoryMaxBytes);
  const store = new RedisStore(options.redisUrl, options.keyPrefix, options.redisTimeoutMs, options.logger);
  await store.connect();
  return store;
}

class RedisStore implements SharedStore {
  readonly kind = 'redis';
  private readonly redis: Redis;
  private lastWarning = 0;

  constructor(
    url: string,
    private readonly prefix: string,
    timeoutMs: number,
    private readonly logger: Logger,
  ) {
    this.redis = new Redis(url, {
      lazyConnect: true,
      // Fail fast while disconnected instead of queueing requests behind a dead connection.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: timeoutMs,
      connectTimeout: timeoutMs * 2,
      // Commands issued in the same tick (many concurrent requests) share one write.
      enableAutoPipelining: true,
    });
    this.redis.on('error', (error: Error) => this.warn('redis error', error));
  }

  async connect(): Promise<void> {
    try {
      await this.redis.connect();
    } catch (error) {
      // The gateway still serves: reads miss and rate limits fail open until Redis is back.
      this.logger.error('redis unavailable at start; continuing without shared state until it reconnects', { error });
    }
  }

  async getMany(keys: readonly string[]): Promise<(string | undefined)[]> {
    try {
      const values = await this.redis.mget(keys.map((key) => this.prefix + key));
      return values.map((value) => value ?? undefined);
    } catch (error) {
      this.warn('redis read failed', error);
      return keys.map(() => undefined);
    }
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    try {
      await this.redis.set(this.prefix + key, value, 'EX', Math.max(1, Math.ceil(ttlSeconds)));
    } catch (error) {
      this.warn('redis write failed', error);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.redis.del(this.prefix + key);
    } catch (error) {
      this.warn('redis delete failed', error);
    }
  }

  async increment(keys: readonly string[]): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.incr(this.prefix + key);
    await this.runPipeline(pipeline, 'redis increment failed');
  }

  async countInWindow(keys: readonly string[], by: number, ttlMs: number): Promise<number[]> {
    const pipeline = this.redis.pipeline();
    for (const key of keys) {
      // Creates the counter with its expiry only if it does not exist yet, then counts.
      pipeline.set(this.prefix + key, 0, 'PX', ttlMs, 'NX');
      pipeline.incrby(this.prefix + key, by);
    }
    const results = await pipeline.exec();
    if (!results) throw new Error('redis pipeline returned nothing');
    return keys.map((_key, index) => {
      const [error, value] = results[index * 2 + 1] ?? [new Error('missing result'), null];
      if (error) throw error;
      return Number(value);
    });
  }

  async remember(key: string, member: string, max: number): Promise<void> {
    // A sorted set scored by time: re-adding a member only refreshes its score, so it holds no duplicates.
    const pipeline = this.redis
      .pipeline()
      .zadd(this.prefix + key, Date.now(), member)
      .zremrangebyrank(this.prefix + key, 0, -(max + 1));
    await this.runPipeline(pipeline, 'redis write failed');
  }

  async recent(key: string, count: number): Promise<string[]> {
    try {
      return await this.redis.zrevrange(this.prefix + key, 0, count - 1);
    } catch (error) {
      this.warn('redis read failed', error);
      return [];
    }
  }

  status(): string {
    return this.redis.status === 'ready' ? 'ready' : this.redis.status;
  }

  async close(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }

  /** Runs a pipeline whose failure is only worth a warning (the caller goes on without the write). */
  private async runPipeline(pipeline: ChainableCommander, failure: string): Promise<void> {
    const results = await pipeline.exec().catch((error: unknown) => [[error, null]] as [unknown, unknown][]);
    const failed = results?.find(([error]) => error);
    if (failed) this.warn(failure, failed[0]);
  }

  /** At most one warning a second: a Redis outage must not flood the logs. */
  private warn(message: string, error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarning < 1000) return;
    this.lastWarning = now;
    this.logger.warn(message, { error });
  }
}

interface MemoryEntry {
  value: string;
  expiresAt: number;
}

/** A Map in least-recently-used order, bounded by the size of what it holds. */
class MemoryStore implements SharedStore {
  readonly kind = 'memory';
  private readonly entries = new Map<string, MemoryEntry>();
  /** Lists apart from the entries: they are bounded by their own `max`, in insertion order (oldest first). */
  private readonly lists = new Map<string, Set<string>>();
  private bytes = 0;

  constructor(
    private readonly prefix: string,
    private readonly maxBytes: number,
  ) {}

  async getMany(keys: readonly string[]): Promise<(string | undefined)[]> {
    const now = Date.now();
    return keys.map((key) => this.read(this.prefix + key, now)?.value);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.write(this.prefix + key, value, Date.now() + ttlSeconds * 1000);
  }

  async delete(key: string): Promise<void> {
    this.remove(this.prefix + key);
  }

  async increment(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      const entry = this.read(this.prefix + key, Date.now());
      this.write(this.prefix + key, String(Number(entry?.value ?? 0) + 1), Number.POSITIVE_INFINITY);
    }
  }

  async countInWindow(keys: readonly string[], by: number, ttlMs: number): Promise<number[]> {
    const now = Date.now();
    return keys.map((key) => {
      const entry = this.read(this.prefix + key, now);
      const value = Number(entry?.value ?? 0) + by;
      this.write(this.prefix + key, String(value), entry?.expiresAt ?? now + ttlMs);
      return value;
    });
  }

  async remember(key: string, member: string, max: number): Promise<void> {
    const list = this.lists.get(key) ?? new Set<string>();
    this.lists.set(key, list);
    list.delete(member);
    list.add(member);
    for (const oldest of list) {
      if (list.size <= max) break;
      list.delete(oldest);
    }
  }

  async recent(key: string, count: number): Promise<string[]> {
    return [...(this.lists.get(key) ?? [])].reverse().slice(0, count);
  }

  status(): string {
    return 'ready';
  }

  async close(): Promise<void> {
    this.lists.clear();
    this.entries.clear();
    this.bytes = 0;
  }

  private read(key: string, now: number): MemoryEntry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.remove(key);
      return undefined;
    }
    // Refresh its place in the LRU order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  private write(key: string, value: string, expiresAt: number): void {
    this.remove(key);
    const size = sizeOf(key, value);
    if (size > this.maxBytes) return;
    this.entries.set(key, { value, expiresAt });
    this.bytes += size;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= sizeOf(key, entry.value);
  }
}

/** Strings are UTF-16 in memory: two bytes a character, plus some overhead per entry. */
const sizeOf = (key: string, value: string) => (key.length + value.length) * 2 + 64;

/** Apollo Server's KeyValueCache shape over the shared store (Apollo adds its own `apq:` prefix). */
export function keyValueCache(store: SharedStore, defaultTtlSeconds: number) {
  return {
    async get(key: string): Promise<string | undefined> {
      const [value] = await store.getMany([key]);
      return value;
    },
    async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
      await store.set(key, value, options?.ttl ?? defaultTtlSeconds);
    },
    async delete(key: string): Promise<void> {
      await store.delete(key);
    },
  };
}
