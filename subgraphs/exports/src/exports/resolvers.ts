import { liveField, NotFoundError, requireIdentity } from '@fed/service-kit';
import type { ExportsContext } from '../context.ts';
import type { Export } from '../generated/prisma/client.ts';
import { callerFor } from '../caller.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { totalWeight } from './rules.ts';

export const exportResolvers: Resolvers = {
  Subscription: {
    exportUpdated: liveField<{ id: string }, Export, ExportsContext>({
      entity: 'Export',
      idOf: (args) => args.id,
      authorise: async (args, context) => {
        if (!(await context.exports.byId(args.id, context.authority.requireIdentity().tenantId, null)))
          throw new NotFoundError('Export', args.id);
      },
      matches: (event, args) => event.entityType === 'Export' && event.entityId === args.id,
      load: (_event, args, context) => context.exports.byId(args.id, context.authority.requireIdentity().tenantId, null),
    }),
  },
  Query: {
    exports: (_parent, args, context, info) => context.exports.list(requireIdentity(context).tenantId, args, info),
    export: (_parent, args, context, info) => context.exports.byId(args.id, requireIdentity(context).tenantId, info),
  },
  Mutation: {
    createExport: (_parent, { input }, context) => context.workflow.create(callerFor(context, 'export.prepare'), input),
    submitExport: (_parent, { id }, context) => context.workflow.submit(callerFor(context, 'export.prepare'), id),
    cancelExport: (_parent, { id, reason }, context) => context.workflow.cancel(callerFor(context, 'export.prepare'), id, reason),
  },
  Export: {
    __resolveReference: (reference, context, info) => context.exports.byId(reference.id, context.identity?.tenantId ?? null, info),
    exporter: async (request, _args, context, info) => {
      const profile = await context.profiles.byId(request.exporterProfileId, request.tenantId, info);
      if (!profile) throw new Error(`Exporter profile ${request.exporterProfileId} of export ${request.id} is missing`);
      return profile;
    },
    requestedBy: (request) => ({ id: request.requestedById }),
    order: (request) => (request.orderId ? { id: request.orderId } : null),
    manifest: (request) => (request.manifestId ? { id: request.manifestId } : null),
    license: (request, _args, context, info) =>
      request.licenseId ? context.licenses.byId(request.licenseId, request.tenantId, info) : null,
    goods: (request, _args, context) => context.exports.goodsOf(request.id, request.tenantId),
    totalWeightKg: async (request, _args, context) => totalWeight(await context.exports.goodsOf(request.id, request.tenantId)).toFixed(3),
    history: (request, _args, context) => context.exports.historyOf(request.id, request.tenantId),
  },
  ExportStatusChange: {
    from: (change) => change.fromStatus,
    to: (change) => change.toStatus,
    actor: (change) => ({ id: change.actorId }),
    at: (change) => change.occurredAt,
  },
};
