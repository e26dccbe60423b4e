import { BadUserInputError, requireRole } from '@fed/service-kit';
import type { Resolvers } from '../generated/graphql.ts';

/** Who may read the audit log of their tenant. */
export const AUDIT_READERS = ['ADMIN', 'MANAGER'] as const;

export const eventResolvers: Resolvers = {
  Query: {
    auditEvents: (_parent, args, context, info) =>
      context.audit.list(requireRole(context, AUDIT_READERS, 'Reading the audit log').tenantId, args, info),
    verifyAuditChain: (_parent, _args, context) =>
      context.verifyChain(requireRole(context, ['ADMIN'], 'Verifying the audit chain').tenantId),
    auditSummary: (_parent, args, context) => {
      const identity = requireRole(context, AUDIT_READERS, 'Reading the audit summary');
      if (args.to <= args.from) throw new BadUserInputError('to', 'must be later than from');
      return context.audit.summary(identity.tenantId, args.from, args.to);
    },
  },
  AuditEvent: {
    actor: (event) => (event.actorId ? { id: event.actorId } : null),
  },
};
