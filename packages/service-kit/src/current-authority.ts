import { createHash } from 'node:crypto';
import type { Identity, Role, TokenVerifier, VerifiedToken } from './auth.ts';
import { AppError, ErrorCode, UnauthenticatedError } from './errors.ts';
import type { Logger } from './logger.ts';
import type { AuditEventPayload } from './outbox.ts';
import { InProcessEventBus, type EventBus } from './events.ts';
import { InProcessLiveEventFeed, RedisLiveEventFeed, type LiveEventFeed } from './subscriptions-feed.ts';

/**
 * Current authority: every decision on a caller (session alive, user active, roles) reflects the
 * users subgraph's state of at most `maxStalenessMs` ago, whatever the token says, in every process
 * that verifies tokens (the gateway and every subgraph).
 *
 * How a process knows:
 * - The users subgraph's events carry an `authority` change (session families ended, the user's
 *   active flag and roles now) whenever one happens, and its outbox relay publishes a watermark
 *   after every round: "every change committed before time T is on the stream before this".
 * - Each process follows the stream (a live feed, fan-out) and keeps what changed. While the last
 *   watermark it read is within the bound, the feed is *current*: a known change decides, and a
 *   token minted after the process began following the stream, with no change since, is current as
 *   it stands.
 * - Otherwise (a token older than what the process has followed, or the stream behind: Redis down,
 *   the users relay stalled) the process asks the users subgraph about the bearer's own session
 *   (`GET /authority/session` with the token), and trusts that answer for at most the bound.
 * - When it can confirm neither way, the request is refused with SERVICE_UNAVAILABLE (HTTP 503):
 *   reads and writes alike fail closed; nothing is decided on a token alone.
 */

/** What the users subgraph says about one bearer's session and user, now. */
export interface SessionStanding {
  /** False once the session's family ended (logout, revocation, refresh-token reuse, expiry). */
  sessionAlive: boolean;
  /** False when the user is deactivated, forgotten or unknown. */
  active: boolean;
  roles: Role[];
  /** The session's family, when the session is known. */
  sessionFamilyId: string | null;
}

/** Carried on the users subgraph's events (`AuditEventPayload.authority`) when a user's authority changes. */
export interface AuthorityChange {
  userId: string;
  active: boolean;
  roles: Role[];
  /** Session families the change ended: their tokens are refused from now on. */
  endedFamilies: string[];
}

/** The watermark source and event service whose changes are authority. */
export const AUTHORITY_SOURCE = 'users';

/** Tokens carry `iat` in whole seconds, and clocks differ a little between hosts. */
const CLOCK_MARGIN_MS = 2000;
/** How long known changes are kept; a token older than that is confirmed by a look-up. */
const RETENTION_MS = 60 * 60 * 1000;

export class AuthorityUnavailableError extends AppError {
  constructor() {
    super(
      ErrorCode.SERVICE_UNAVAILABLE,
      "The caller's current authority cannot be confirmed (the event stream is behind and the users service does not answer); try again shortly",
    );
  }
}

export interface CurrentAuthorityOptions {
  maxStalenessMs: number;
  /** Asks the users subgraph about the bearer's own session. */
  lookUp: (token: string) => Promise<SessionStanding>;
  /** The stream, followed for changes and watermarks; without one every decision is a look-up. */
  feed?: LiveEventFeed | null;
  logger?: Logger;
  now?: () => number;
}

interface KnownUser {
  active: boolean;
  roles: Role[];
  /** Local time the change was learnt. */
  learntAt: number;
}

interface LookedUp {
  standing: SessionStanding;
  checkedAt: number;
}

export class CurrentAuthority {
  private readonly endedFamilies = new Map<string, number>();
  private readonly users = new Map<string, KnownUser>();
  private readonly lookedUp = new Map<string, LookedUp>();
  private readonly inFlight = new Map<string, Promise<LookedUp>>();
  private watermark = Number.NEGATIVE_INFINITY;
  /** Changes before this are not known here (before the feed began, or pruned). */
  private coveredFrom: number;
  private readonly stopObserving: (() => void) | null;
  private readonly pruneTimer: NodeJS.Timeout;
  private readonly now: () => number;
  private readonly changeListeners = new Set<() => void>();

  constructor(private readonly options: CurrentAuthorityOptions) {
    this.now = options.now ?? Date.now;
    this.coveredFrom = options.feed ? options.feed.readingSince : Number.POSITIVE_INFINITY;
    this.stopObserving =
      options.feed?.observe({
        events: (events) => this.learn(events),
        watermark: (source, at) => {
          if (source === AUTHORITY_SOURCE && at > this.watermark) this.watermark = at;
        },
      }) ?? null;
    this.pruneTimer = setInterval(() => this.prune(), 60_000);
    this.pruneTimer.unref();
  }

  /** True while the stream has shown every authority change up to the bound. */
  get streamCurrent(): boolean {
    return this.watermark >= this.now() - this.options.maxStalenessMs;
  }

  /** The identity as the platform sees it now; throws UNAUTHENTICATED for an ended session or inactive user. */
  async confirm(token: string, verified: VerifiedToken): Promise<Identity> {
    const { identity, issuedAt, sessionFamilyId } = verified;
    if (sessionFamilyId && this.endedFamilies.has(sessionFamilyId)) throw sessionEnded();
    const current = this.streamCurrent;
    const known = this.users.get(identity.userId);
    // Only a token that names its session family can be followed on the stream (logout ends a family).
    if (current && known && sessionFamilyId && known.learntAt >= this.coveredFrom) return withState(identity, known);
    if (current && !known && sessionFamilyId && issuedAt !== null && issuedAt * 1000 >= this.coveredFrom + CLOCK_MARGIN_MS) {
      return identity;
    }
    const { standing, checkedAt } = await this.lookUpOnce(token, identity);
    if (standing.sessionFamilyId && !standing.sessionAlive) this.endedFamilies.set(standing.sessionFamilyId, this.now());
    if (!standing.sessionAlive) throw sessionEnded();
    // A change learnt from the stream after the look-up is newer than what the look-up said.
    const state = known && known.learntAt > checkedAt ? known : standing;
    return withState(identity, state);
  }

  private async lookUpOnce(token: string, identity: Identity): Promise<LookedUp> {
    const key = identity.sessionId ?? createHash('sha256').update(token).digest('base64url');
    const cached = this.lookedUp.get(key);
    const now = this.now();
    // Fresh within the bound; or older, when the stream has been current since it was taken.
    const followed = cached?.standing.sessionFamilyId && this.streamCurrent && cached.checkedAt >= this.coveredFrom;
    if (cached && (now - cached.checkedAt <= this.options.maxStalenessMs || followed)) {
      return cached;
    }
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.options
        .lookUp(token)
        .then((standing) => {
          const result = { standing, checkedAt: this.now() };
          this.lookedUp.set(key, result);
          return result;
        })
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    try {
      return await pending;
    } catch (error) {
      if (error instanceof AppError) throw error;
      this.options.logger?.warn('current authority look-up failed', { error: (error as Error).message });
      throw new AuthorityUnavailableError();
    }
  }

  /** Called after authority changes arrive on the stream (live connections re-check at once). */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private learn(events: AuditEventPayload[]): void {
    const now = this.now();
    let changed = false;
    for (const event of events) {
      const change = event.service === AUTHORITY_SOURCE ? event.authority : undefined;
      if (!change) continue;
      for (const family of change.endedFamilies) this.endedFamilies.set(family, now);
      this.users.set(change.userId, { active: change.active, roles: change.roles, learntAt: now });
      changed = true;
    }
    if (changed) for (const listener of this.changeListeners) listener();
  }

  private prune(): void {
    const horizon = this.now() - RETENTION_MS;
    for (const [family, at] of this.endedFamilies) if (at < horizon) this.endedFamilies.delete(family);
    for (const [user, state] of this.users) if (state.learntAt < horizon) this.users.delete(user);
    for (const [key, entry] of this.lookedUp) if (entry.checkedAt < horizon) this.lookedUp.delete(key);
    // Tokens minted before what is still remembered are confirmed by a look-up again.
    if (this.coveredFrom < horizon) this.coveredFrom = horizon;
  }

  close(): void {
    clearInterval(this.pruneTimer);
    this.stopObserving?.();
  }
}

const sessionEnded = () => new UnauthenticatedError('The session has ended; sign in again');

function withState(identity: Identity, state: { active: boolean; roles: Role[] }): Identity {
  if (!state.active) throw new UnauthenticatedError('The user is no longer active; sign in again');
  return { ...identity, roles: [...state.roles] };
}

/** A verifier that answers with current authority: the token's signature first, then the state now. */
export function withCurrentAuthority(verifier: TokenVerifier, authority: CurrentAuthority): TokenVerifier {
  return {
    verifyToken: (token) => verifier.verifyToken(token),
    async verify(token) {
      return authority.confirm(token, await verifier.verifyToken(token));
    },
  };
}

/** The users subgraph's look-up endpoint next to its JWKS: same origin, `/authority/session`. */
export function authorityUrlFor(jwksUrl: string): string {
  return new URL('/authority/session', jwksUrl).toString();
}

/** Asks `url` about the bearer's session over HTTP, with a timeout well inside the bound. */
export function httpStandingLookUp(url: string, timeoutMs: number): (token: string) => Promise<SessionStanding> {
  return async (token) => {
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(timeoutMs) });
    if (response.status === 401) {
      const body = (await response.json().catch(() => null)) as { errors?: { message?: string }[] } | null;
      throw new UnauthenticatedError(body?.errors?.[0]?.message ?? 'The access token is not accepted');
    }
    if (!response.ok) throw new Error(`authority look-up answered HTTP ${response.status}`);
    return (await response.json()) as SessionStanding;
  };
}

/** A look-up waits at most a fifth of the bound (and 2 s), so a slow users service fails fast and closed. */
export const lookUpTimeout = (maxStalenessMs: number) => Math.min(2000, Math.max(200, Math.floor(maxStalenessMs / 5)));

/**
 * The live feed current authority follows. Without it (Redis unreachable at start) the service still
 * decides on current state, by a look-up per session at most every bound.
 */
export async function followStream(
  events: EventBus | null,
  config: { REDIS_URL?: string | undefined; EVENTS_STREAM: string },
  logger: Logger,
): Promise<LiveEventFeed | null> {
  if (!config.REDIS_URL) return events instanceof InProcessEventBus ? new InProcessLiveEventFeed(events) : null;
  const feed = new RedisLiveEventFeed({ url: config.REDIS_URL, logger, stream: config.EVENTS_STREAM });
  try {
    await Promise.race([
      feed.start(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('Redis did not answer within 3 s')), 3000).unref()),
    ]);
    return feed;
  } catch (error) {
    await feed.close();
    logger.warn('cannot follow the event stream; current authority falls back to look-ups', { error: (error as Error).message });
    return null;
  }
}
