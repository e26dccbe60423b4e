import { requireIdentity } from '@fed/service-kit';
import { callerFor } from '../caller.ts';
import type { Resolvers } from '../generated/graphql.ts';

export const profileResolvers: Resolvers = {
  Query: {
    exporterProfile: (_parent, _args, context, info) => context.profiles.ofTenant(requireIdentity(context).tenantId, info),
  },
  Mutation: {
    registerExporterProfile: (_parent, { input }, context) =>
      context.profiles.register(callerFor(context, 'exporterProfile.register'), input),
    verifyExporterCapital: (_parent, { input }, context) =>
      context.profiles.verifyCapital(callerFor(context, 'exporterProfile.verifyCapital'), input),
    changeExporterStatus: (_parent, { status, reason }, context) =>
      context.profiles.changeStatus(callerFor(context, 'exporterProfile.changeStatus'), status, reason),
  },
  ExporterProfile: {
    capitalVerifiedBy: (profile) => (profile.capitalVerifiedById ? { id: profile.capitalVerifiedById } : null),
  },
};
