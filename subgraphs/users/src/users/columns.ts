import type { ColumnPlan, ColumnsByField } from '@fed/service-kit';
import type { UserResolvers } from '../generated/graphql.ts';
import type { User } from '../generated/prisma/client.ts';

/**
 * The User columns each field reads, so that a page of users or a batch of references (an order's
 * customer, an event's actor) reads only what the operation selected. Above all, no field reads
 * `passwordHash` (nor the lockout counters): only sign-in and password changes read them, through
 * their own queries, so a reference never carries a secret it does not need.
 * Always read: the id (the loader's key) and the tenant, which `tenant` resolves from.
 */
const fields = {
  id: [],
  tenant: [],
  email: ['email'],
  firstName: ['firstName'],
  lastName: ['lastName'],
  // A forgotten user shows as deleted; otherwise the name, falling back to the email.
  displayName: ['deletedAt', 'firstName', 'lastName', 'email'],
  phone: ['phone'],
  roles: ['roles'],
  active: ['active'],
  verified: ['verified'],
  lastLoginAt: ['lastLoginAt'],
  createdAt: ['createdAt'],
  // Read from the Session table by the user's id.
  sessions: [],
} satisfies ColumnsByField<Required<UserResolvers>, User>;

export const USER_COLUMNS: ColumnPlan<User> = { typeName: 'User', always: ['id', 'tenantId'], fields };
