import { requireIdentity } from '@fed/service-kit';
import type { Resolvers } from '../generated/graphql.ts';

export const sessionResolvers: Resolvers = {
  Mutation: {
    login: (_parent, args, context) => context.sessions.login(args.input, context),
    refreshSession: (_parent, args, context) => context.sessions.refresh(args.refreshToken, context),
    logout: (_parent, _args, context) => context.sessions.logout(requireIdentity(context), context),
    revokeAllSessions: async (_parent, _args, context) => {
      const identity = requireIdentity(context);
      return context.userAdmin.revokeAllSessions(identity, context);
    },
    revokeSession: (_parent, args, context) => context.sessions.revokeSession(args.id, context),
  },
  User: {
    // Who reads it (the user themself, ADMIN) is the kit's visibility table; a refusal nulls only the field.
    sessions: (user, _args, context) => {
      const caller = context.authority.requireIdentity();
      // The user was resolved within the caller's tenant, so the caller's tenant is the user's.
      return context.sessions.list(user.id, caller.tenantId, caller.sessionId);
    },
  },
};
