import { AppError, bearerToken, ErrorCode, type Identity, type TokenVerifier } from '@fed/service-kit/edge';

/**
 * Close codes of the gateway's live connections (WebSocket; an SSE stream ends with the same reason
 * as a GraphQL error). 4401 and 4403 are graphql-ws's own "Unauthorized" and "Forbidden", which its
 * client treats as fatal (no reconnect loop with a dead token).
 */
export const CLOSE = {
  /** The token expired (or was never valid): sign in again, then reconnect. */
  UNAUTHORIZED: { code: 4401, reason: 'The access token has expired' },
  /** The session behind the token is no longer allowed (revoked, user deactivated). */
  FORBIDDEN: { code: 4403, reason: 'The session is no longer authorised' },
  /** The client read its socket too slowly; events would have piled up without bound. */
  SLOW_CONSUMER: { code: 4499, reason: 'Slow consumer: the client fell too far behind and was dropped' },
  /** The caller's current authority cannot be confirmed now (stream behind, users service down): retry. */
  UNAVAILABLE: { code: 1013, reason: "The caller's current authority cannot be confirmed; try again later" },
  /** The gateway is shutting down (SIGTERM); reconnect to another replica. */
  GOING_AWAY: { code: 1001, reason: 'The gateway is shutting down' },
} as const;

export interface CloseReason {
  code: number;
  reason: string;
}

/**
 * Whether the caller of a live connection may still receive events. THE one place a long-lived
 * connection re-checks its authority: called before every event and every LIVE_AUTHORITY_RECHECK_MS
 * (and at the token's expiry instant): the token's expiry, then the kit's current authority (an
 * ended session or a deactivated user closes with CLOSE.FORBIDDEN).
 */
export type AuthorityCheck = (session: LiveSession) => Promise<CloseReason | null> | CloseReason | null;

export const tokenExpiryCheck: AuthorityCheck = (session) =>
  session.expiresAt !== null && Date.now() >= session.expiresAt ? CLOSE.UNAUTHORIZED : null;

/**
 * Expiry, then current authority through the gateway's verifier (which answers with the users
 * subgraph's state of at most AUTHORITY_MAX_STALENESS_MS ago): fail closed when it cannot confirm.
 */
export function currentAuthorityCheck(verifier: TokenVerifier): AuthorityCheck {
  return async (session) => {
    const expired = tokenExpiryCheck(session);
    if (expired) return expired;
    try {
      const token = bearerToken(session.authorization);
      if (token) await verifier.verify(token);
      return null;
    } catch (error) {
      if (error instanceof AppError && error.extensions.code === ErrorCode.SERVICE_UNAVAILABLE) return CLOSE.UNAVAILABLE;
      if (error instanceof AppError) return { code: CLOSE.FORBIDDEN.code, reason: error.message };
      throw error;
    }
  };
}

/** One client connection (a WebSocket, or one SSE stream): who it is, what it runs, how it ends. */
export class LiveSession {
  private readonly stoppers = new Set<() => void>();
  private readonly timers: NodeJS.Timeout[] = [];
  private ended: CloseReason | null = null;

  constructor(
    readonly identity: Identity,
    readonly authorization: string,
    /** Epoch ms of the token's `exp`, or null when it has none. */
    readonly expiresAt: number | null,
    private readonly check: AuthorityCheck,
    private readonly closeTransport: (reason: CloseReason) => void,
    recheckMs: number,
  ) {
    const recheck = () => void this.recheck();
    const interval = setInterval(recheck, recheckMs);
    interval.unref();
    this.timers.push(interval);
    if (expiresAt !== null) {
      const atExpiry = setTimeout(recheck, Math.max(0, expiresAt - Date.now()) + 5);
      atExpiry.unref();
      this.timers.push(atExpiry);
    }
  }

  /** Why the session ended, if it did. */
  get endReason(): CloseReason | null {
    return this.ended;
  }

  get activeSubscriptions(): number {
    return this.stoppers.size;
  }

  /** False (and the session closed) when the caller may no longer receive events. */
  async recheck(): Promise<boolean> {
    if (this.ended) return false;
    const problem = await this.check(this);
    if (problem) this.end(problem);
    return !problem;
  }

  /** Registers a running subscription; `stop` ends its upstream stream (which ends it). */
  track(stop: () => void): () => void {
    this.stoppers.add(stop);
    return () => this.stoppers.delete(stop);
  }

  end(reason: CloseReason): void {
    if (this.ended) return;
    this.ended = reason;
    this.dispose();
    for (const stop of [...this.stoppers]) stop();
    this.closeTransport(reason);
  }

  /** Timers off; called when the transport closed on its own. */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.length = 0;
  }
}

/** Live subscriptions per user in this gateway process (LIVE_MAX_SUBSCRIPTIONS_PER_USER). */
export class PerUserCount {
  private readonly counts = new Map<string, number>();

  get(userId: string): number {
    return this.counts.get(userId) ?? 0;
  }

  acquire(userId: string): () => void {
    this.counts.set(userId, this.get(userId) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = this.get(userId) - 1;
      if (left <= 0) this.counts.delete(userId);
      else this.counts.set(userId, left);
    };
  }
}
