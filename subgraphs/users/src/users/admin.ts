import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  recordAuditEvent,
  requireIdentity,
  requireRole,
  translateDatabaseError,
  type Identity,
  type ServiceContext,
} from '@fed/service-kit';
import type { UsersClient } from '../db.ts';
import type { Prisma, Role, User } from '../generated/prisma/client.ts';
import { hashPassword, passwordRuleViolation, verifyPassword } from '../sessions/passwords.ts';
import type { SessionService } from '../sessions/service.ts';

type RequestFacts = Pick<ServiceContext, 'identity' | 'requestId' | 'client'>;
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
    const admin = requireRole(context, ['ADMIN'], 'Creating a user');
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
    if (caller.userId !== id) requireRole(context, ['ADMIN'], "Changing another user's details");
    const data = {
      ...(input.firstName !== undefined ? { firstName: optionalText('input.firstName', input.firstName, 100) } : {}),
      ...(input.lastName !== undefined ? { lastName: optionalText('input.lastName', input.lastName, 100) } : {}),
      ...(input.phone !== undefined ? { phone: phone('input.phone', input.phone) } : {}),
    };
    return this.change(caller, id, context, 'user.updated', (tx) => tx.user.update({ where: { id }, data }));
  }

  async updateRoles(id: string, roles: Role[], context: RequestFacts): Promise<User> {
    const admin = requireRole(context, ['ADMIN'], "Changing a user's roles");
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
    );
  }

  async setActive(id: string, active: boolean, context: RequestFacts): Promise<User> {
    const admin = requireRole(context, ['ADMIN'], active ? 'Reactivating a user' : 'Deactivating a user');
    if (id === admin.userId && !active) throw new BadUserInputError('id', 'an admin cannot deactivate themself');
    return this.change(
      admin,
      id,
      context,
      active ? 'user.reactivated' : 'user.deactivated',
      async (tx) => {
        const user = await tx.user.update({ where: { id }, data: { active } });
        if (!active) await this.sessions.revokeAllOf(tx, id);
        return user;
      },
      { severity: 'NOTICE', tags: ['access-control'] },
    );
  }

  /** Right to be forgotten: personal data erased, sessions ended, the id kept so references still resolve. */
  async forget(id: string, context: RequestFacts): Promise<User> {
    const admin = requireRole(context, ['ADMIN'], 'Forgetting a user');
    if (id === admin.userId) throw new BadUserInputError('id', 'an admin cannot forget themself');
    return this.change(
      admin,
      id,
      context,
      'user.forgotten',
      async (tx) => {
        await this.sessions.revokeAllOf(tx, id);
        await tx.session.updateMany({ where: { userId: id }, data: { ip: null, userAgent: null } });
        return tx.user.update({
          where: { id },
          data: { email: null, firstName: null, lastName: null, phone: null, passwordHash: null, active: false, deletedAt: new Date() },
        });
      },
      { severity: 'NOTICE', tags: ['pii', 'gdpr-erasure'] },
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
      await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
      await this.sessions.revokeAllOf(tx, user.id, caller.sessionId);
      await recordAuditEvent(tx, context, 'users', {
        action: 'user.password_changed',
        entityType: 'User',
        entityId: user.id,
        tags: ['authentication'],
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
        after: { ended },
        tags: ['authentication'],
      });
      return ended;
    });
  }

  /** Loads the target within the caller's tenant, applies the change and audits before/after, atomically. */
  private async change(
    caller: Identity,
    id: string,
    context: RequestFacts,
    action: string,
    apply: (tx: Transaction) => Promise<User>,
    audit: { severity?: 'INFO' | 'NOTICE' | 'WARNING'; tags?: string[] } = {},
  ): Promise<User> {
    return this.db.$transaction(async (tx) => {
      const before = await tx.user.findFirst({ where: { id, tenantId: caller.tenantId } });
      if (!before) throw new NotFoundError('User', id);
      if (before.deletedAt) throw new ForbiddenError(`User ${id} has been forgotten and cannot be changed`);
      const after = await apply(tx);
      await recordAuditEvent(tx, context, 'users', {
        action,
        entityType: 'User',
        entityId: id,
        before: snapshot(before),
        after: snapshot(after),
        ...audit,
      });
      return after;
    });
  }
}
