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
  },
};
