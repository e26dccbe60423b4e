import { BadUserInputError } from '@fed/service-kit';
import type { Resolvers } from '../generated/graphql.ts';

/** Who may read the audit log of their tenant. */

export const eventResolvers: Resolvers = {
  Query: {
    auditEvents: (_parent, args, context, info) => context.audit.list(context.authority.require('audit.read').tenantId, args, info),
    verifyAuditChain: (_parent, _args, context) => context.verifyChain(context.authority.require('audit.verifyChain').tenantId),
    auditSummary: (_parent, args, context) => {
      const identity = context.authority.require('audit.read');
      if (args.to <= args.from) throw new BadUserInputError('to', 'must be later than from');
      return context.audit.summary(identity.tenantId, args.from, args.to);
    },
  },
  AuditEvent: {
    actor: (event) => (event.actorId ? { id: event.actorId } : null),
  },
};
