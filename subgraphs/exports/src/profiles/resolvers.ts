import { requireIdentity } from '@fed/service-kit';
import { callerWithRole, EXPORT_WRITERS } from '../caller.ts';
import type { Resolvers } from '../generated/graphql.ts';

export const profileResolvers: Resolvers = {
  Query: {
    exporterProfile: (_parent, _args, context, info) => context.profiles.ofTenant(requireIdentity(context).tenantId, info),
  },
  Mutation: {
    registerExporterProfile: (_parent, { input }, context) =>
      context.profiles.register(callerWithRole(context, EXPORT_WRITERS, 'Registering an exporter profile'), input),
    verifyExporterCapital: (_parent, { input }, context) =>
      context.profiles.verifyCapital(callerWithRole(context, ['BANK_OFFICER'], "Verifying an exporter's capital"), input),
    changeExporterStatus: (_parent, { status, reason }, context) =>
      context.profiles.changeStatus(callerWithRole(context, ['ADMIN'], "Changing an exporter's status"), status, reason),
  },
  ExporterProfile: {
    capitalVerifiedBy: (profile) => (profile.capitalVerifiedById ? { id: profile.capitalVerifiedById } : null),
  },
};
