import { requireIdentity } from '@fed/service-kit';
import type { Resolvers } from '../generated/graphql.ts';

export const userResolvers: Resolvers = {
  Query: {
    me: (_parent, _args, context, info) =>
      context.identity ? context.users.byId(context.identity.userId, context.identity.tenantId, info) : null,
    user: (_parent, args, context, info) => context.users.byId(args.id, requireIdentity(context).tenantId, info),
    users: (_parent, args, context, info) => {
      const caller = requireIdentity(context);
      // The directory lists everyone only for the tenant's workforce; a customer finds only themself.
      const onlyUserId = context.authority.listReach('User') === 'every' ? null : caller.userId;
      return context.users.list(caller.tenantId, { ...args, onlyUserId }, info);
    },
  },
  Mutation: {
    createUser: (_parent, args, context) => context.userAdmin.create(args.input, context),
    updateUser: (_parent, args, context) => context.userAdmin.update(args.id, args.input, context),
    updateUserRoles: (_parent, args, context) => context.userAdmin.updateRoles(args.id, args.roles, context),
    deactivateUser: (_parent, args, context) => context.userAdmin.setActive(args.id, false, context),
    reactivateUser: (_parent, args, context) => context.userAdmin.setActive(args.id, true, context),
    forgetUser: (_parent, args, context) => context.userAdmin.forget(args.id, context),
    changePassword: (_parent, args, context) => context.userAdmin.changePassword(args.currentPassword, args.newPassword, context),
  },
  User: {
    __resolveReference: (reference, context, info) => context.users.byId(reference.id, context.identity?.tenantId ?? null, info),
    tenant: async (user, _args, context) => {
      const tenant = await context.tenants.byId(user.tenantId, context.identity?.tenantId ?? null);
      if (!tenant) throw new Error(`Tenant ${user.tenantId} of user ${user.id} is missing`);
      return tenant;
    },
    displayName: (user) =>
      user.deletedAt ? 'Deleted user' : [user.firstName, user.lastName].filter(Boolean).join(' ') || (user.email ?? 'Unnamed user'),
  },
};
