import { columnsFor, liveField, requireIdentity, type Connection } from '@fed/service-kit';
import type { ExportsContext } from '../context.ts';
import type { ApprovalStage, Export } from '../generated/prisma/client.ts';
import { callerFor } from '../caller.ts';
import { EXPORT_COLUMNS } from '../exports/columns.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { APPROVAL_CHAIN } from './stages.ts';

export const approvalResolvers: Resolvers = {
  Query: {
    exportApprovalStages: (_parent, _args, context) => {
      requireIdentity(context);
      return [...APPROVAL_CHAIN];
    },
    pendingApprovals: (_parent, { stage, first, after }, context, info) => {
      const identity = context.authority.require(`approval.listQueue.${stage}`);
      return context.approvals.waitingAt(identity.tenantId, [stage], { first, after }, columnsFor(info, EXPORT_COLUMNS, ['edges', 'node']));
    },
  },
  Subscription: {
    // Every export event can move an export into or out of a queue (submitted, decided, cancelled);
    // the queue is read again rather than guessed from the event.
    approvalQueueChanged: liveField<{ stage: ApprovalStage; first?: number | null }, Connection<Export>, ExportsContext>({
      entity: 'ExportApprovalQueue',
      idOf: (args) => args.stage,
      authorise: (args, context) => void context.authority.require(`approval.listQueue.${args.stage}`),
      matches: (event) => event.entityType === 'Export',
      load: (_event, args, context) =>
        context.approvals.waitingAt(
          context.authority.require(`approval.listQueue.${args.stage}`).tenantId,
          [args.stage],
          { first: args.first ?? null },
          null,
        ),
    }),
  },
  Mutation: {
    decideExportStage: (_parent, { input }, context) =>
      context.decisions.decide(callerFor(context, `approval.decide.${input.stage}`), input),
  },
  Export: {
    approvals: (request, _args, context) => context.approvals.approvalsOf(request.id, request.tenantId),
  },
  ExportApproval: {
    decidedBy: (approval) => ({ id: approval.deciderId }),
    export: async (approval, _args, context, info) => {
      const request = await context.exports.byId(approval.exportId, approval.tenantId, info);
      if (!request) throw new Error(`Export ${approval.exportId} of approval ${approval.id} is missing`);
      return request;
    },
  },
  User: {
    __resolveReference: (reference) => ({ id: reference.id }),
    pendingApprovals: (user, args, context, info) =>
      context.approvals.pendingFor(user.id, requireIdentity(context), args, columnsFor(info, EXPORT_COLUMNS, ['edges', 'node'])),
  },
};
