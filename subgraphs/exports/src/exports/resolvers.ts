import { requireIdentity } from '@fed/service-kit';
import type { Resolvers } from '../generated/graphql.ts';

export const exportResolvers: Resolvers = {
  Query: {
    exports: (_parent, args, context) => context.exports.list(requireIdentity(context).tenantId, args),
    export: (_parent, args, context) => context.exports.byId(args.id, requireIdentity(context).tenantId),
    exporterProfile: (_parent, _args, context) => context.exports.profileOfTenant(requireIdentity(context).tenantId),
  },
  Export: {
    __resolveReference: (reference, context) => context.exports.byId(reference.id, context.identity?.tenantId ?? null),
    exporter: async (request, _args, context) => {
      const profile = await context.exports.profileById(request.exporterProfileId, request.tenantId);
      if (!profile) throw new Error(`Exporter profile ${request.exporterProfileId} of export ${request.id} is missing`);
      return profile;
    },
    requestedBy: (request) => ({ id: request.requestedById }),
    order: (request) => (request.orderId ? { id: request.orderId } : null),
    manifest: (request) => (request.manifestId ? { id: request.manifestId } : null),
  },
};
