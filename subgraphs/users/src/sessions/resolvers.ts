import type { Resolvers } from '../generated/graphql.ts';

export const sessionResolvers: Resolvers = {
  Mutation: {
    login: (_parent, args, context) => context.sessions.login(args.input, context.client),
  },
};
