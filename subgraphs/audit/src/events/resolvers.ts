import { requireRole } from '@fed/service-kit';
import type { Resolvers } from '../generated/graphql.ts';

/** Who may read the audit log of their tenant. */
export const AUDIT_READERS = ['ADMIN', 'MANAGER'] as const;

export const eventResolvers: Resolvers = {
  Query: {
    auditEvents: (_parent, args, context) =>
      context.audit.list(requireRole(context, AUDIT_READERS, 'Reading the audit log').tenantId, args),
  },
  AuditEvent: {
    actor: (event) => (event.actorId ? { id: event.actorId } : null),
  },
};
