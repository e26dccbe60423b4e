import { columnsFor, requireIdentity } from '@fed/service-kit';
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
