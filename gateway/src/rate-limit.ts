import type { Identity, Logger } from '@fed/service-kit/edge';
import type { SharedStore } from './store.ts';

/**
 * Fixed-window rate limits, counted in the shared store so every replica sees the same counts:
 * per user (within a tenant) and per tenant for signed-in callers, per client address for
 * anonymous ones. A batch counts as many requests as it holds operations. When the store cannot
 * count, requests are let through (a Redis outage must not take the graph down) and a warning
 * is logged.
 */
export interface RateLimitOptions {
  windowSeconds: number;
  /** 0 turns that limit off. */
  userMax: number;
  tenantMax: number;
  anonymousMax: number;
}

export type RateLimitScope = 'user' | 'tenant' | 'address';

export interface RateLimitDecision {
  allowed: boolean;
  /** The limit closest to being (or that was) exceeded. */
  scope: RateLimitScope;
  variable: string;
  limit: number;
  count: number;
  remaining: number;
  windowSeconds: number;
  /** Seconds until the window, and so the count, resets. */
  resetSeconds: number;
}

interface Rule {
  scope: RateLimitScope;
  variable: string;
  key: string;
  limit: number;
}

export interface RateLimiter {
  /** null when no limit applies or the store could not count. */
  check(identity: Identity | null, clientAddress: string | null, weight: number): Promise<RateLimitDecision | null>;
}

export function createRateLimiter(store: SharedStore, options: RateLimitOptions, logger: Logger): RateLimiter {
  const windowMs = options.windowSeconds * 1000;
  let lastWarning = 0;

  const rulesFor = (identity: Identity | null, address: string | null, window: number): Rule[] => {
    const rules: Rule[] = [];
    if (identity) {
      if (options.userMax > 0)
        rules.push({
          scope: 'user',
          variable: 'RATE_LIMIT_USER_MAX',
          key: `rl:${window}:u:${identity.tenantId}:${identity.userId}`,
          limit: options.userMax,
        });
      if (options.tenantMax > 0)
        rules.push({
          scope: 'tenant',
          variable: 'RATE_LIMIT_TENANT_MAX',
          key: `rl:${window}:t:${identity.tenantId}`,
          limit: options.tenantMax,
        });
    } else if (options.anonymousMax > 0) {
      rules.push({
        scope: 'address',
        variable: 'RATE_LIMIT_ANONYMOUS_MAX',
        key: `rl:${window}:ip:${address ?? 'unknown'}`,
        limit: options.anonymousMax,
      });
    }
    return rules;
  };

  return {
    async check(identity, clientAddress, weight) {
      const now = Date.now();
      const window = Math.floor(now / windowMs);
      const rules = rulesFor(identity, clientAddress, window);
      if (rules.length === 0) return null;
      let counts: number[];
      try {
        // The key names the window, so the TTL only has to outlive it.
        counts = await store.countInWindow(
          rules.map((rule) => rule.key),
          weight,
          windowMs + 1000,
        );
      } catch (error) {
        if (now - lastWarning > 1000) {
          lastWarning = now;
          logger.warn('rate limits not enforced: the store cannot count', { error });
        }
        return null;
      }
      const resetSeconds = Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000));
      let decision: RateLimitDecision | null = null;
      for (const [index, rule] of rules.entries()) {
        const count = counts[index] ?? 0;
        const remaining = Math.max(0, rule.limit - count);
        const allowed = count <= rule.limit;
        // Report the exceeded limit if any, otherwise the one with the least headroom.
        if (!decision || (!allowed && decision.allowed) || (allowed === decision.allowed && remaining < decision.remaining)) {
          decision = {
            allowed,
            scope: rule.scope,
            variable: rule.variable,
            limit: rule.limit,
            count,
            remaining,
            windowSeconds: options.windowSeconds,
            resetSeconds,
          };
        }
      }
      return decision;
    },
  };
}

export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  const headers: Record<string, string> = {
    'ratelimit-limit': String(decision.limit),
    'ratelimit-remaining': String(decision.remaining),
    'ratelimit-reset': String(decision.resetSeconds),
  };
  if (!decision.allowed) headers['retry-after'] = String(decision.resetSeconds);
  return headers;
}

const SCOPE_WORDS: Record<RateLimitScope, string> = { user: 'this user', tenant: 'this tenant', address: 'this client address' };

export function rateLimitedBody(decision: RateLimitDecision) {
  return {
    errors: [
      {
        message:
          `Rate limit exceeded for ${SCOPE_WORDS[decision.scope]}: ${decision.count} requests in the current ` +
          `${decision.windowSeconds} s window, ${decision.variable}=${decision.limit}; retry after ${decision.resetSeconds} s`,
        extensions: {
          code: 'RATE_LIMITED',
          scope: decision.scope,
          limit: decision.variable,
          max: decision.limit,
          measured: decision.count,
          retryAfter: decision.resetSeconds,
        },
      },
    ],
  };
}
