import { BadUserInputError, liveField } from '@fed/service-kit';
import type { AuditContext } from '../context.ts';
import type { AuditEvent } from '../generated/prisma/client.ts';
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
  Subscription: {
    // The live feed sees an event when it is published; the audit consumer stores and chains it a
    // moment later (possibly on another replica), so the subscriber gets the stored, chained row.
    auditEventAppended: liveField<{ entityType?: string | null; entityId?: string | null }, AuditEvent, AuditContext>({
      entity: 'AuditEvent',
      idOf: () => 'appended',
      authorise: (_args, context) => void context.authority.require('audit.watch'),
      matches: (event, args) =>
        (!args.entityType || event.entityType === args.entityType) && (!args.entityId || event.entityId === args.entityId),
      load: (event, _args, context) => context.audit.storedEvent(context.authority.require('audit.watch').tenantId, event.eventId),
    }),
  },
  AuditEvent: {
    actor: (event) => (event.actorId ? { id: event.actorId } : null),
  },
};
