import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  recordAuditEvent,
  requireIdentity,
  translateDatabaseError,
  UnauthenticatedError,
  type Identity,
  type ServiceContext,
} from '@fed/service-kit';
import type { UsersClient } from '../db.ts';
import type { Prisma, Role, User } from '../generated/prisma/client.ts';
import { hashPassword, passwordRuleViolation, verifyPassword } from '../sessions/passwords.ts';
import { authorityChange, type SessionService } from '../sessions/service.ts';

type RequestFacts = Pick<ServiceContext, 'identity' | 'authority' | 'requestId' | 'client'>;
type Transaction = Prisma.TransactionClient;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(field: string, email: string): string {
  const value = email.trim().toLowerCase();
  if (value.length > 254 || !EMAIL.test(value)) throw new BadUserInputError(field, 'must be an email address such as name@example.com');
  return value;
}

function optionalText(field: string, value: string | null | undefined, max: number): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const trimmed = value.trim();
  if (trimmed.length > max) throw new BadUserInputError(field, `must be at most ${max} characters`);
  return trimmed || null;
}

function phone(field: string, value: string | null | undefined): string | null | undefined {
  const text = optionalText(field, value, 32);
  if (text && !/^\+?[0-9 ()-]{5,32}$/.test(text))
    throw new BadUserInputError(field, 'must be a phone number of digits, spaces, "+", "-" or parentheses');
  return text;
}

/** A snapshot for audit: what changed, never the password hash (the outbox redacts it anyway). */
const snapshot = (user: User) => ({
  email: user.email,
  firstName: user.firstName,
  lastName: user.lastName,
  phone: user.phone,
  roles: user.roles,
  active: user.active,
  deletedAt: user.deletedAt,
});

/**
 * Defence in depth for user administration: the token says who the caller was when it was minted;
 * this re-reads the caller's own row and session inside the change's transaction (FOR SHARE, so a
 * concurrent demotion or deactivation of the caller either commits first and is seen, or waits for
 * this change) and refuses unless the caller is still active, still in a live session and still
 * holds the role now. So an admin demoted or deactivated a moment ago cannot use the old token to
 * restore himself, and a role change cannot be undone by the person it removed.
 */
export async function requireCurrentCaller(tx: Transaction, caller: Identity, role: Role | null, action: string): Promise<void> {
  const [row] = await tx.$queryRawUnsafe<{ roles: Role[]; active: boolean; deletedAt: Date | null; sessionAlive: boolean | null }[]>(
    `SELECT u."roles"::text[] AS "roles", u."active", u."deletedAt",
            CASE WHEN $3::uuid IS NULL THEN NULL ELSE EXISTS (
              SELECT 1 FROM "Session" live
              WHERE live."familyId" = (SELECT s."familyId" FROM "Session" s WHERE s."id" = $3::uuid AND s."userId" = u."id")
                AND live."revokedAt" IS NULL AND live."expiresAt" > now()
            ) END AS "sessionAlive"
     FROM "User" u WHERE u."id" = $1::uuid AND u."tenantId" = $2::uuid
     FOR SHARE OF u`,
    caller.userId,
    caller.tenantId,
    caller.sessionId,
  );
  if (!row || !row.active || row.deletedAt || row.sessionAlive === false) {
    throw new UnauthenticatedError(`${action} needs a live session of an active user; sign in again`);
  }
  if (role && !row.roles.includes(role)) {
    throw new ForbiddenError(`${action} requires the role ${role}, which the caller no longer holds`);
  }
}

/** User administration: every change in one transaction with its audit event. */
export class UserAdminService {
  constructor(
    private readonly db: UsersClient,
    private readonly sessions: SessionService,
  ) {}

  async create(
    input: { email: string; password: string; firstName?: string | null; lastName?: string | null; phone?: string | null; roles: Role[] },
    context: RequestFacts,
  ): Promise<User> {
    const admin = context.authority.require('user.create');
    const email = normaliseEmail('input.email', input.email);
    const rule = passwordRuleViolation(input.password);
    if (rule) throw new BadUserInputError('input.password', rule);
    if (input.roles.length === 0) throw new BadUserInputError('input.roles', 'must name at least one role');
    const data = {
      email,
      firstName: optionalText('input.firstName', input.firstName, 100) ?? null,
      lastName: optionalText('input.lastName', input.lastName, 100) ?? null,
      phone: phone('input.phone', input.phone) ?? null,
      roles: [...new Set(input.roles)],
      passwordHash: await hashPassword(input.password),
    };
    try {
      return await this.db.$transaction(async (tx) => {
        await requireCurrentCaller(tx, admin, 'ADMIN', 'Creating a user');
        // Lock the tenant row so concurrent creations cannot both pass the quota check.
        const [tenant] = await tx.$queryRawUnsafe<{ maxUsers: number }[]>(
          'SELECT "maxUsers" FROM "Tenant" WHERE "id" = $1::uuid FOR UPDATE',
          admin.tenantId,
        );
        const count = await tx.user.count({ where: { tenantId: admin.tenantId, deletedAt: null } });
        if (!tenant || count >= tenant.maxUsers) {
          throw new ConflictError(`The tenant has reached its quota of ${tenant?.maxUsers ?? 0} users`, { quota: tenant?.maxUsers ?? 0 });
        }
        const user = await tx.user.create({ data: { ...data, tenantId: admin.tenantId, verified: false } });
        await recordAuditEvent(tx, context, 'users', {
          action: 'user.created',
          entityType: 'User',
          entityId: user.id,
          after: snapshot(user),
          tags: ['pii'],
        });
        return user;
      });
    } catch (error) {
      throw translateDatabaseError(error, {
        User_tenantId_email_key: { field: 'input.email', rule: 'is already used by another user of this tenant' },
      });
    }
  }

  async update(
    id: string,
    input: { firstName?: string | null; lastName?: string | null; phone?: string | null },
    context: RequestFacts,
  ): Promise<User> {
    const caller = requireIdentity(context);
    if (caller.userId !== id) context.authority.require('user.updateOther');
    const data = {
      ...(input.firstName !== undefined ? { firstName: optionalText('input.firstName', input.firstName, 100) } : {}),
      ...(input.lastName !== undefined ? { lastName: optionalText('input.lastName', input.lastName, 100) } : {}),
      ...(input.phone !== undefined ? { phone: phone('input.phone', input.phone) } : {}),
    };
    const role = caller.userId === id ? null : 'ADMIN';
    return this.change(
      caller,
      id,
      context,
      'user.updated',
      (tx) => tx.user.update({ where: { id }, data }),
      {},
      role,
      "Changing a user's details",
    );
  }

  async updateRoles(id: string, roles: Role[], context: RequestFacts): Promise<User> {
    const admin = context.authority.require('user.changeRoles');
    if (roles.length === 0) throw new BadUserInputError('roles', 'must name at least one role');
    if (id === admin.userId && !roles.includes('ADMIN'))
      throw new BadUserInputError('roles', 'an admin cannot remove their own ADMIN role');
    return this.change(
      admin,
      id,
      context,
      'user.roles_changed',
      (tx) => tx.user.update({ where: { id }, data: { roles: [...new Set(roles)] } }),
      {
        severity: 'NOTICE',
        tags: ['access-control'],
      },
      'ADMIN',
      "Changing a user's roles",
    );
  }

  async setActive(id: string, active: boolean, context: RequestFacts): Promise<User> {
    const admin = context.authority.require(active ? 'user.reactivate' : 'user.deactivate');
    if (id === admin.userId && !active) throw new BadUserInputError('id', 'an admin cannot deactivate themself');
    return this.change(
      admin,
      id,
      context,
      active ? 'user.reactivated' : 'user.deactivated',
      async (tx, ended) => {
        const user = await tx.user.update({ where: { id }, data: { active } });
        if (!active) ended.push(...(await this.sessions.revokeAllOf(tx, id)));
        return user;
      },
      { severity: 'NOTICE', tags: ['access-control'] },
      'ADMIN',
      active ? 'Reactivating a user' : 'Deactivating a user',
    );
  }

  /** Right to be forgotten: personal data erased, sessions ended, the id kept so references still resolve. */
  async forget(id: string, context: RequestFacts): Promise<User> {
    const admin = context.authority.require('user.forget');
    if (id === admin.userId) throw new BadUserInputError('id', 'an admin cannot forget themself');
    return this.change(
      admin,
      id,
      context,
      'user.forgotten',
      async (tx, ended) => {
        ended.push(...(await this.sessions.revokeAllOf(tx, id)));
        await tx.session.updateMany({ where: { userId: id }, data: { ip: null, userAgent: null } });
        return tx.user.update({
          where: { id },
          data: { email: null, firstName: null, lastName: null, phone: null, passwordHash: null, active: false, deletedAt: new Date() },
        });
      },
      { severity: 'NOTICE', tags: ['pii', 'gdpr-erasure'] },
      'ADMIN',
      'Forgetting a user',
    );
  }

  async changePassword(currentPassword: string, newPassword: string, context: RequestFacts): Promise<boolean> {
    const caller = requireIdentity(context);
    const rule = passwordRuleViolation(newPassword);
    if (rule) throw new BadUserInputError('newPassword', rule);
    const user = await this.db.user.findFirst({ where: { id: caller.userId, tenantId: caller.tenantId, deletedAt: null } });
    if (!user?.passwordHash || !(await verifyPassword(currentPassword, user.passwordHash))) {
      throw new BadUserInputError('currentPassword', 'does not match the current password');
    }
    const passwordHash = await hashPassword(newPassword);
    await this.db.$transaction(async (tx) => {
      await requireCurrentCaller(tx, caller, null, 'Changing a password');
      await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
      const ended = await this.sessions.revokeAllOf(tx, user.id, caller.sessionId);
      await recordAuditEvent(tx, context, 'users', {
        action: 'user.password_changed',
        entityType: 'User',
        entityId: user.id,
        tags: ['authentication'],
        authority: await authorityChange(tx, user.id, ended),
      });
    });
    return true;
  }

  async revokeAllSessions(identity: Identity, context: RequestFacts): Promise<number> {
    return this.db.$transaction(async (tx) => {
      const ended = await this.sessions.revokeAllOf(tx, identity.userId);
      await recordAuditEvent(tx, context, 'users', {
        action: 'session.all_ended',
        entityType: 'User',
        entityId: identity.userId,
        after: { ended: ended.length },
        tags: ['authentication'],
        authority: await authorityChange(tx, identity.userId, ended),
      });
      return ended.length;
    });
  }

  /** Loads the target within the caller's tenant, applies the change and audits before/after, atomically. */
  private async change(
    caller: Identity,
    id: string,
    context: RequestFacts,
    action: string,
    /** Pushes onto `endedFamilies` the session families the change ends. */
    apply: (tx: Transaction, endedFamilies: string[]) => Promise<User>,
    audit: { severity?: 'INFO' | 'NOTICE' | 'WARNING'; tags?: string[] },
    requiredRole: Role | null,
    description: string,
  ): Promise<User> {
    return this.db.$transaction(async (tx) => {
      await requireCurrentCaller(tx, caller, requiredRole, description);
      const before = await tx.user.findFirst({ where: { id, tenantId: caller.tenantId } });
      if (!before) throw new NotFoundError('User', id);
      if (before.deletedAt) throw new ForbiddenError(`User ${id} has been forgotten and cannot be changed`);
      const endedFamilies: string[] = [];
      const after = await apply(tx, endedFamilies);
      await recordAuditEvent(tx, context, 'users', {
        action,
        entityType: 'User',
        entityId: id,
        before: snapshot(before),
        after: snapshot(after),
        ...audit,
        // Every service follows the user's authority from this event (current-authority.ts).
        authority: await authorityChange(tx, id, endedFamilies),
      });
      return after;
    });
  }
}
