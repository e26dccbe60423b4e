import { recordAuditEvent, type Action, type Identity, type RawExecutor, type ServiceContext } from '@fed/service-kit';

/** A verified caller allowed to do what a mutation does: what services need to act and to audit. */
export interface Caller {
  identity: Identity;
  requestId: string;
  client: ServiceContext['client'];
}

/** Resolvers check the action against the platform's table, then hand the caller to a service. */
export function callerFor(context: ServiceContext, action: Action): Caller {
  const identity = context.authority.require(action);
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
