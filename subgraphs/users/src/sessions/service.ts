import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  NotFoundError,
  recordAuditEvent,
  TOKEN_CLAIMS,
  UnauthenticatedError,
  type AuthorityChange,
  type Identity,
  type RawExecutor,
  type Role,
  type ServiceContext,
  type SessionStanding,
  type VerifiedToken,
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

  /** Ends the caller's session: its whole family, so an access token from before a refresh ends with it. */
  async logout(identity: Identity, context: RequestFacts): Promise<boolean> {
    if (!identity.sessionId) return false;
    return this.db.$transaction(async (tx) => {
      const ended = await endFamilies(tx, identity.userId, { ofSession: identity.sessionId });
      if (ended.length > 0) {
        await recordAuditEvent(tx, context, 'users', {
          action: 'session.ended',
          entityType: 'User',
          entityId: identity.userId,
          tags: ['authentication'],
          authority: await authorityChange(tx, identity.userId, ended),
        });
      }
      return ended.length > 0;
    });
  }

  /**
   * Ends every live session family of a user (also used by deactivation, forgetting and password
   * changes) and returns the families ended, for the authority change the caller publishes.
   */
  async revokeAllOf(tx: RawExecutor & QueryExecutor, userId: string, exceptSessionId: string | null = null): Promise<string[]> {
    return endFamilies(tx, userId, { exceptFamilyOfSession: exceptSessionId });
  }

  private async revokeFamily(familyId: string, action: string, context: RequestFacts): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const userId = context.identity!.userId;
      await endFamilies(tx, userId, { family: familyId });
      await recordAuditEvent(tx, context, 'users', {
        action,
        entityType: 'User',
        entityId: userId,
        severity: 'CRITICAL',
        tags: ['authentication', 'security'],
        after: { familyId },
        // Listed even if it had already ended: every token of the family must be refused.
        authority: await authorityChange(tx, userId, [familyId]),
      });
    });
  }

  /** A user's live sessions (one row per family), most recently used first; `current` marks the caller's. */
  async list(userId: string, tenantId: string, callerSessionId: string | null): Promise<SessionView[]> {
    return this.db.$queryRawUnsafe<SessionView[]>(
      `SELECT "familyId" AS "id", min("createdAt") AS "createdAt", max("lastUsedAt") AS "lastUsedAt", max("expiresAt") AS "expiresAt",
              (array_agg("ip" ORDER BY "createdAt" DESC))[1] AS "ip",
              (array_agg("userAgent" ORDER BY "createdAt" DESC))[1] AS "userAgent",
              COALESCE("familyId" = (SELECT "familyId" FROM "Session" WHERE "id" = $3::uuid), false) AS "current"
       FROM "Session" WHERE "userId" = $1::uuid AND "tenantId" = $2::uuid
       GROUP BY "familyId"
       HAVING bool_or("revokedAt" IS NULL AND "expiresAt" > now())
       ORDER BY max("lastUsedAt") DESC NULLS LAST, min("createdAt") DESC`,
      userId,
      tenantId,
      callerSessionId,
    );
  }

  /**
   * Ends one session family: the caller's own, or (ADMIN) one of any user of the caller's tenant.
   * Audited with the authority change every service follows.
   */
  async revokeSession(familyId: string, context: RequestFacts & Pick<ServiceContext, 'authority'>): Promise<boolean> {
    const caller = context.authority.requireIdentity();
    return this.db.$transaction(async (tx) => {
      const owner = await tx.session.findFirst({ where: { familyId, tenantId: caller.tenantId }, select: { userId: true } });
      if (!owner) throw new NotFoundError('Session', familyId);
      if (owner.userId !== caller.userId) context.authority.require('session.administer');
      const ended = await endFamilies(tx, owner.userId, { family: familyId });
      if (ended.length === 0) return false;
      await recordAuditEvent(tx, context, 'users', {
        action: 'session.revoked',
        entityType: 'User',
        entityId: owner.userId,
        severity: owner.userId === caller.userId ? 'INFO' : 'NOTICE',
        tags: ['authentication'],
        after: { sessionId: familyId },
        authority: await authorityChange(tx, owner.userId, ended),
      });
      return true;
    });
  }

  /**
   * What current authority asks about a verified token's session: is its family still live, is
   * the user active, which roles does the user hold now. Also records the session's last use.
   */
  async standing(verified: VerifiedToken, db: UsersClient = this.db): Promise<SessionStanding> {
    const { identity } = verified;
    const [row] = await db.$queryRawUnsafe<{ roles: Role[]; active: boolean; sessionFamilyId: string | null; sessionAlive: boolean }[]>(
      `SELECT u."roles"::text[] AS "roles", (u."active" AND u."deletedAt" IS NULL) AS "active", s."familyId" AS "sessionFamilyId",
              CASE WHEN $3::uuid IS NULL THEN true
                   WHEN s."familyId" IS NULL THEN false
                   ELSE EXISTS (SELECT 1 FROM "Session" live
                                WHERE live."familyId" = s."familyId" AND live."revokedAt" IS NULL AND live."expiresAt" > now())
              END AS "sessionAlive"
       FROM "User" u LEFT JOIN "Session" s ON s."id" = $3::uuid AND s."userId" = u."id"
       WHERE u."id" = $1::uuid AND u."tenantId" = $2::uuid`,
      identity.userId,
      identity.tenantId,
      identity.sessionId,
    );
    if (!row) return { sessionAlive: false, active: false, roles: [], sessionFamilyId: null };
    if (row.sessionAlive && row.sessionFamilyId) await touch(db, row.sessionFamilyId);
    return { ...row, sessionAlive: row.sessionAlive && row.active };
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
        lastUsedAt: now,
      },
    });
    const accessTokenExpiresAt = new Date(now.getTime() + this.policy.accessTokenTtlSeconds * 1000);
    const accessToken = await new SignJWT({
      [TOKEN_CLAIMS.tenant]: user.tenantId,
      [TOKEN_CLAIMS.roles]: user.roles,
      [TOKEN_CLAIMS.session]: sessionId,
      [TOKEN_CLAIMS.sessionFamily]: familyId,
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

export interface SessionView {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
  current: boolean;
}

interface QueryExecutor {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/**
 * Ends live session families of a user in one statement and returns them: one family, the family
 * of one session, or all but the family of one session (the caller's own, on a password change).
 */
async function endFamilies(
  tx: QueryExecutor,
  userId: string,
  which: { family?: string; ofSession?: string | null; exceptFamilyOfSession?: string | null },
): Promise<string[]> {
  const rows = await tx.$queryRawUnsafe<{ familyId: string }[]>(
    `UPDATE "Session" SET "revokedAt" = now()
     WHERE "userId" = $1::uuid AND "revokedAt" IS NULL
       AND ($2::uuid IS NULL OR "familyId" = $2::uuid)
       AND ($3::uuid IS NULL OR "familyId" = (SELECT "familyId" FROM "Session" WHERE "id" = $3::uuid))
       AND ($4::uuid IS NULL OR "familyId" IS DISTINCT FROM (SELECT "familyId" FROM "Session" WHERE "id" = $4::uuid))
     RETURNING "familyId"`,
    userId,
    which.family ?? null,
    which.ofSession ?? null,
    which.exceptFamilyOfSession ?? null,
  );
  return [...new Set(rows.map((row) => row.familyId))];
}

/** The user's authority as it stands in this transaction, with the families this change ended. */
export async function authorityChange(tx: QueryExecutor, userId: string, endedFamilies: string[]): Promise<AuthorityChange> {
  const [user] = await tx.$queryRawUnsafe<{ active: boolean; roles: Role[] }[]>(
    `SELECT ("active" AND "deletedAt" IS NULL) AS "active", "roles"::text[] AS "roles" FROM "User" WHERE "id" = $1::uuid`,
    userId,
  );
  return { userId, active: user?.active ?? false, roles: user?.roles ?? [], endedFamilies };
}

/** `lastUsedAt` of the family's live session, written at most once a minute per session. */
async function touch(db: UsersClient, familyId: string): Promise<void> {
  await db.$executeRawUnsafe(
    `UPDATE "Session" SET "lastUsedAt" = now()
     WHERE "familyId" = $1::uuid AND "revokedAt" IS NULL AND ("lastUsedAt" IS NULL OR "lastUsedAt" < now() - interval '1 minute')`,
    familyId,
  );
}
