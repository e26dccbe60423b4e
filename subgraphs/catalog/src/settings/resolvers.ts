import { requireIdentity } from '@fed/service-kit';
import type { Resolvers } from '../generated/graphql.ts';

export const settingsResolvers: Resolvers = {
  Query: {
    catalogSettings: (_parent, _args, context) => context.settingsService.read(requireIdentity(context).tenantId),
  },
  Mutation: {
    updateCatalogSettings: (_parent, args, context) =>
      context.settingsService.update(context, context.authority.require('catalogSettings.update').tenantId, args.input),
  },
};
