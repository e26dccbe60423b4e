import { recordAuditEvent, requireRole, type Identity, type RawExecutor, type Role, type ServiceContext } from '@fed/service-kit';

/** Who may prepare, submit and cancel export requests. */
export const EXPORT_WRITERS: readonly Role[] = ['EXPORTER', 'MANAGER', 'ADMIN'];
/** The agency roles; each decides one approval stage. */
export const AGENCY_ROLES: readonly Role[] = ['FX_OFFICER', 'QUALITY_OFFICER', 'SHIPPING_OFFICER', 'CUSTOMS_OFFICER', 'BANK_OFFICER'];

/** A verified caller allowed to do what a mutation does: what services need to act and to audit. */
export interface Caller {
  identity: Identity;
  requestId: string;
  client: ServiceContext['client'];
}

/** Resolvers check the role, then hand the caller to a service. */
export function callerWithRole(context: ServiceContext, roles: readonly Role[], action: string): Caller {
  const identity = requireRole(context, roles, action);
  return { identity, requestId: context.requestId, client: context.client };
}

/** Writes the mutation's audit event into the outbox, in the mutation's own transaction. */
export function auditExports(
  tx: RawExecutor,
  caller: Caller,
  event: {
    action: string;
    entityType: string;
    entityId: string;
    before?: unknown;
    after?: unknown;
    severity?: 'INFO' | 'NOTICE' | 'WARNING';
  },
) {
  return recordAuditEvent(tx, caller, 'exports', { ...event, tags: ['export-control'] });
}
