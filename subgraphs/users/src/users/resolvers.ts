import { requireIdentity } from '@fed/service-kit';
import type { Resolvers } from '../generated/graphql.ts';

export const userResolvers: Resolvers = {
  Query: {
    me: (_parent, _args, context) => (context.identity ? context.users.byId(context.identity.userId, context.identity.tenantId) : null),
    user: (_parent, args, context) => context.users.byId(args.id, requireIdentity(context).tenantId),
    users: (_parent, args, context) => context.users.list(requireIdentity(context).tenantId, args),
  },
  User: {
    __resolveReference: (reference, context) => context.users.byId(reference.id, context.identity?.tenantId ?? null),
    tenant: async (user, _args, context) => {
      const tenant = await context.tenants.byId(user.tenantId, context.identity?.tenantId ?? null);
      if (!tenant) throw new Error(`Tenant ${user.tenantId} of user ${user.id} is missing`);
      return tenant;
    },
    displayName: (user) =>
      user.deletedAt ? 'Deleted user' : [user.firstName, user.lastName].filter(Boolean).join(' ') || (user.email ?? 'Unnamed user'),
  },
};
