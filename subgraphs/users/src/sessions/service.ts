import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  recordAuditEvent,
  TOKEN_CLAIMS,
  UnauthenticatedError,
  type Identity,
  type RawExecutor,
  type ServiceContext,
} from '@fed/service-kit';
import { SignJWT } from 'jose';
import type { UsersClient } from '../db.ts';
import type { User } from '../generated/prisma/client.ts';
import { burnVerificationTime, verifyPassword } from './passwords.ts';
import type { SigningKeys } from './keys.ts';
import { SignInThrottle, type ThrottleKey, type ThrottlePolicy, type ThrottleVerdict } from './throttle.ts';

export interface SessionPolicy {
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  throttle: ThrottlePolicy;
}

export interface IssuedSession {
  accessToken: string;
  tokenType: 'Bearer';
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: User;
}

type RequestFacts = Pick<ServiceContext, 'identity' | 'requestId' | 'client'>;

/** Wrong password and unknown user must be indistinguishable to the caller. */
const INVALID_CREDENTIALS = 'Invalid email or password';
const INVALID_REFRESH = 'The refresh token is invalid or has expired; sign in again';

export const hashRefreshToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Audit events of sign-in happen before there is an identity: the actor is the user signing in. */
const asUser = (context: RequestFacts, user: User): RequestFacts => ({
  ...context,
  identity: { userId: user.id, tenantId: user.tenantId, roles: user.roles, sessionId: null },
});

export class SessionService {
  constructor(
    private readonly db: UsersClient,
    private readonly keys: SigningKeys,
    private readonly policy: SessionPolicy,
  ) {
    this.throttle = new SignInThrottle(policy.throttle);
  }

  private readonly throttle: SignInThrottle;

  /**
   * Every refusal (unknown tenant or user, inactive user, wrong password, throttled address) is the
   * same error and costs one scrypt derivation, so neither the answer nor its timing tells them apart.
   */
  async login(input: { tenantSlug: string; email: string; password: string }, context: RequestFacts): Promise<IssuedSession> {
    const now = new Date();
    const key: ThrottleKey = {
      tenantKey: input.tenantSlug.trim().toLowerCase(),
      account: input.email.trim().toLowerCase(),
      ip: context.client.ip ?? 'unknown',
    };
    const verdict = await this.throttle.verdict(this.db, key, now);
    const tenant = await this.db.tenant.findFirst({ where: { slug: key.tenantKey, active: true, deletedAt: null } });
    const user = tenant ? await this.db.user.findFirst({ where: { tenantId: tenant.id, email: key.account, deletedAt: null } }) : null;
    const usable = user?.passwordHash && user.active ? user : null;
    // A throttled address never learns whether the password was right: it is not even checked.
    let verified = false;
    if (usable && !verdict) verified = await verifyPassword(input.password, usable.passwordHash!);
    else await burnVerificationTime(input.password);
    if (!usable || !verified) {
      await this.recordFailure(key, tenant?.id ?? null, user, verdict, now, context);
      throw new UnauthenticatedError(INVALID_CREDENTIALS);
    }
    return this.db.$transaction(async (tx) => {
      const signedIn = await tx.user.update({
        where: { id: usable.id },
        data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now },
      });
      await this.throttle.recordSuccess(tx, key);
      const issued = await this.issue(tx, signedIn, randomUUID(), context, now);
      await recordAuditEvent(tx, asUser(context, usable), 'users', {
        action: 'user.signed_in',
        entityType: 'User',
        entityId: usable.id,
        tags: ['authentication'],
      });
      return issued;
    });
  }

  /**
   * Counts the failure for the (account, address) pair and the address, and audits it: under the
   * user when there is one, under the tenant (no actor, the typed email as entity) when only the
   * tenant exists. An unknown tenant has nowhere to be audited; its attempts are still counted.
   */
  private async recordFailure(
    key: ThrottleKey,
    tenantId: string | null,
    user: User | null,
    verdict: ThrottleVerdict,
    now: Date,
    context: RequestFacts,
  ): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const { pairBlocked, addressBlocked } = await this.throttle.recordFailure(tx, key, now);
      if (!tenantId) return;
      const throttledNow = pairBlocked || addressBlocked;
      await recordAuditEvent(tx, user ? asUser(context, user) : context, 'users', {
        action: verdict ? 'user.sign_in_throttled' : throttledNow ? 'user.sign_in_throttle_started' : 'user.sign_in_failed',
        entityType: user ? 'User' : 'SignIn',
        entityId: user ? user.id : key.account,
        tenantId,
        actorId: user ? user.id : null,
        severity: verdict || throttledNow ? 'WARNING' : 'NOTICE',
        tags: ['authentication', ...(verdict || throttledNow ? ['security'] : [])],
        after: {
          ip: key.ip,
          ...(verdict ? { throttle: verdict } : {}),
          ...(throttledNow ? { throttle: addressBlocked ? 'address' : 'account-address' } : {}),
          ...(user ? {} : { unknownAccount: true }),
        },
      });
    });
  }

  /**
   * Rotates a refresh token: the presented one is spent and a new pair is issued in the same
   * family. A token presented again after it was spent means it was stolen (or replayed): the
   * whole family is revoked, ending the thief's and the owner's sessions alike.
   */
  async refresh(refreshToken: string, context: RequestFacts): Promise<IssuedSession> {
    const now = new Date();
    const session = await this.db.session.findUnique({ where: { tokenHash: hashRefreshToken(refreshToken) }, include: { user: true } });
    if (!session) throw new UnauthenticatedError(INVALID_REFRESH);
    if (session.revokedAt || session.replacedById) {
      await this.revokeFamily(session.familyId, 'session.reuse_detected', asUser(context, session.user));
      throw new UnauthenticatedError(INVALID_REFRESH);
    }
    const user = session.user;
    if (session.expiresAt <= now || !user.active || user.deletedAt) throw new UnauthenticatedError(INVALID_REFRESH);
    const issued = await this.db.$transaction(async (tx) => {
      const replacementId = randomUUID();
      // Conditional: of two concurrent refreshes with the same token, exactly one spends it.
      const spent = await tx.session.updateMany({
        where: { id: session.id, revokedAt: null, replacedById: null },
        data: { revokedAt: now, replacedById: replacementId },
      });
      if (spent.count === 0) return null;
      return this.issue(tx, user, session.familyId, context, now, replacementId);
    });
    if (!issued) {
      await this.revokeFamily(session.familyId, 'session.reuse_detected', asUser(context, user));
      throw new UnauthenticatedError(INVALID_REFRESH);
    }
    return issued;
  }

  async logout(identity: Identity, context: RequestFacts): Promise<boolean> {
    if (!identity.sessionId) return false;
    return this.db.$transaction(async (tx) => {
      const ended = await tx.session.updateMany({
        where: { id: identity.sessionId!, userId: identity.userId, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      if (ended.count > 0) {
        await recordAuditEvent(tx, context, 'users', {
          action: 'session.ended',
          entityType: 'User',
          entityId: identity.userId,
          tags: ['authentication'],
        });
      }
      return ended.count > 0;
    });
  }

  /** Ends every live session of a user (also used by deactivation, forgetting and password changes). */
  async revokeAllOf(
    tx: RawExecutor & Pick<UsersClient, 'session'>,
    userId: string,
    exceptSessionId: string | null = null,
  ): Promise<number> {
    const ended = await tx.session.updateMany({
      where: { userId, revokedAt: null, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
      data: { revokedAt: new Date() },
    });
    return ended.count;
  }

  private async revokeFamily(familyId: string, action: string, context: RequestFacts): Promise<void> {
    await this.db.$transaction(async (tx) => {
      await tx.session.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: new Date() } });
      await recordAuditEvent(tx, context, 'users', {
        action,
        entityType: 'User',
        entityId: context.identity!.userId,
        severity: 'CRITICAL',
        tags: ['authentication', 'security'],
        after: { familyId },
      });
    });
  }

  private async issue(
    tx: Pick<UsersClient, 'session'>,
    user: User,
    familyId: string,
    context: RequestFacts,
    now: Date,
    sessionId: string = randomUUID(),
  ): Promise<IssuedSession> {
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshTokenExpiresAt = new Date(now.getTime() + this.policy.refreshTokenTtlSeconds * 1000);
    await tx.session.create({
      data: {
        id: sessionId,
        tenantId: user.tenantId,
        userId: user.id,
        familyId,
        tokenHash: hashRefreshToken(refreshToken),
        ip: context.client.ip,
        userAgent: context.client.userAgent?.slice(0, 512) ?? null,
        expiresAt: refreshTokenExpiresAt,
      },
    });
    const accessTokenExpiresAt = new Date(now.getTime() + this.policy.accessTokenTtlSeconds * 1000);
    const accessToken = await new SignJWT({
      [TOKEN_CLAIMS.tenant]: user.tenantId,
      [TOKEN_CLAIMS.roles]: user.roles,
      [TOKEN_CLAIMS.session]: sessionId,
    })
      .setProtectedHeader({ alg: this.keys.current.alg, kid: this.keys.current.kid, typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(this.policy.issuer)
      .setAudience(this.policy.audience)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(accessTokenExpiresAt.getTime() / 1000))
      .setJti(randomUUID())
      .sign(this.keys.current.key);
    return { accessToken, tokenType: 'Bearer', accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt, user };
  }
}
