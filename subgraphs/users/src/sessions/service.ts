import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { TOKEN_CLAIMS, UnauthenticatedError } from '@fed/service-kit';
import { SignJWT } from 'jose';
import type { UsersClient } from '../db.ts';
import type { User } from '../generated/prisma/client.ts';
import { burnVerificationTime, verifyPassword } from './passwords.ts';
import type { SigningKeys } from './keys.ts';

export interface SessionPolicy {
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  maxFailedLogins: number;
  lockoutSeconds: number;
}

export interface IssuedSession {
  accessToken: string;
  tokenType: 'Bearer';
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: User;
}

/** Wrong password and unknown user must be indistinguishable to the caller. */
const INVALID_CREDENTIALS = 'Invalid email or password';

export const hashRefreshToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class SessionService {
  constructor(
    private readonly db: UsersClient,
    private readonly keys: SigningKeys,
    private readonly policy: SessionPolicy,
  ) {}

  async login(
    input: { tenantSlug: string; email: string; password: string },
    client: { ip: string | null; userAgent: string | null },
  ): Promise<IssuedSession> {
    const tenant = await this.db.tenant.findFirst({
      where: { slug: input.tenantSlug.trim().toLowerCase(), active: true, deletedAt: null },
    });
    const user = tenant
      ? await this.db.user.findFirst({ where: { tenantId: tenant.id, email: input.email.trim().toLowerCase(), deletedAt: null } })
      : null;
    if (!user || !user.passwordHash || !user.active) {
      await burnVerificationTime(input.password);
      throw new UnauthenticatedError(INVALID_CREDENTIALS);
    }
    const now = new Date();
    if (user.lockedUntil && user.lockedUntil > now) {
      throw new UnauthenticatedError(
        `This account is locked after repeated failed sign-ins; try again after ${user.lockedUntil.toISOString()}`,
      );
    }
    if (!(await verifyPassword(input.password, user.passwordHash))) {
      await this.recordFailure(user.id, now);
      throw new UnauthenticatedError(INVALID_CREDENTIALS);
    }
    const signedIn = await this.db.user.update({
      where: { id: user.id },
      data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now },
    });
    return this.issue(signedIn, randomUUID(), client, now);
  }

  /** Counts a failure atomically; the failure that reaches the limit starts the lockout window. */
  private async recordFailure(userId: string, now: Date): Promise<void> {
    const updated = await this.db.user.update({
      where: { id: userId },
      data: { failedLoginCount: { increment: 1 } },
      select: { failedLoginCount: true },
    });
    if (updated.failedLoginCount >= this.policy.maxFailedLogins) {
      await this.db.user.update({
        where: { id: userId },
        data: { failedLoginCount: 0, lockedUntil: new Date(now.getTime() + this.policy.lockoutSeconds * 1000) },
      });
    }
  }

  private async issue(
    user: User,
    familyId: string,
    client: { ip: string | null; userAgent: string | null },
    now: Date,
  ): Promise<IssuedSession> {
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshTokenExpiresAt = new Date(now.getTime() + this.policy.refreshTokenTtlSeconds * 1000);
    const session = await this.db.session.create({
      data: {
        tenantId: user.tenantId,
        userId: user.id,
        familyId,
        tokenHash: hashRefreshToken(refreshToken),
        ip: client.ip,
        userAgent: client.userAgent?.slice(0, 512) ?? null,
        expiresAt: refreshTokenExpiresAt,
      },
    });
    const accessTokenExpiresAt = new Date(now.getTime() + this.policy.accessTokenTtlSeconds * 1000);
    const accessToken = await new SignJWT({
      [TOKEN_CLAIMS.tenant]: user.tenantId,
      [TOKEN_CLAIMS.roles]: user.roles,
      [TOKEN_CLAIMS.session]: session.id,
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
