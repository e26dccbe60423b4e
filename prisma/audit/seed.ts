import type { AuditClient } from '../../subgraphs/audit/src/db.ts';
import { chainHash, GENESIS_HASH, type ChainedFields } from '../../subgraphs/audit/src/events/chain.ts';
import { auditSeedEvents } from '../demo-world.ts';

const RETENTION_YEARS = 7;
const HOUR = 3600 * 1000;

/** Demo audit events, linked into each tenant's hash chain exactly as live events are (embedded mode only). */
export async function seedAudit(db: AuditClient): Promise<void> {
  if ((await db.auditEvent.count()) > 0) return;
  const lastHash = new Map<string, { hash: string; sequence: number }>();
  const start = Date.now() - auditSeedEvents.length * HOUR;
  const rows = auditSeedEvents.map((event, index) => {
    const previous = lastHash.get(event.tenantId) ?? { hash: GENESIS_HASH, sequence: 0 };
    const occurredAt = new Date(start + index * HOUR);
    const fields: ChainedFields = {
      eventId: event.eventId,
      tenantId: event.tenantId,
      sequence: previous.sequence + 1,
      actorId: event.actorId,
      actorRole: event.actorRole,
      service: event.service,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      before: 'before' in event ? event.before : null,
      after: event.after,
      requestId: null,
      severity: 'INFO',
      tags: [],
      occurredAt,
    };
    const hash = chainHash(previous.hash, fields);
    lastHash.set(event.tenantId, { hash, sequence: fields.sequence });
    const retainUntil = new Date(occurredAt);
    retainUntil.setUTCFullYear(retainUntil.getUTCFullYear() + RETENTION_YEARS);
    return {
      ...fields,
      before: fields.before ?? undefined,
      after: fields.after ?? undefined,
      severity: 'INFO' as const,
      previousHash: previous.hash,
      hash,
      retainUntil,
    };
  });
  await db.auditEvent.createMany({ data: rows });
}
