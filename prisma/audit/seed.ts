import type { AuditClient } from '../../subgraphs/audit/src/db.ts';
import { chainHash, GENESIS_HASH, type ChainedFields } from '../../subgraphs/audit/src/events/chain.ts';
import { auditSeedEvents } from '../demo-world.ts';

const RETENTION_YEARS = 7;
const HOUR = 3600 * 1000;

/** An event to seed: what happened, to what, by whom and when (sequence and the rest are derived). */
export type AuditSeedEvent = Omit<ChainedFields, 'sequence' | 'requestId' | 'severity' | 'tags' | 'before'> & { before?: unknown };

/** The last link of each tenant's chain, carried from one batch of seeded events to the next. */
export type ChainHeads = Map<string, { hash: string; sequence: number }>;

/**
 * Audit rows linked into each tenant's hash chain exactly as the ingest links live events, in the
 * order given (which must be each tenant's order of occurrence).
 */
export function chainSeedEvents(events: readonly AuditSeedEvent[], heads: ChainHeads = new Map()) {
  return events.map((event) => {
    const previous = heads.get(event.tenantId) ?? { hash: GENESIS_HASH, sequence: 0 };
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
      before: event.before ?? null,
      after: event.after,
      requestId: null,
      severity: 'INFO',
      tags: [],
      occurredAt: event.occurredAt,
    };
    const hash = chainHash(previous.hash, fields);
    heads.set(event.tenantId, { hash, sequence: fields.sequence });
    const retainUntil = new Date(event.occurredAt);
    retainUntil.setUTCFullYear(retainUntil.getUTCFullYear() + RETENTION_YEARS);
    return {
      ...fields,
      // Prisma writes SQL NULL for undefined JSON, which is what the chain hashed as null.
      before: fields.before ?? undefined,
      after: fields.after ?? undefined,
      severity: 'INFO' as const,
      previousHash: previous.hash,
      hash,
      retainUntil,
    };
  });
}

/** Demo audit events, linked into each tenant's hash chain exactly as live events are (embedded mode only). */
export async function seedAudit(db: AuditClient): Promise<void> {
  if ((await db.auditEvent.count()) > 0) return;
  const start = Date.now() - auditSeedEvents.length * HOUR;
  const rows = chainSeedEvents(
    auditSeedEvents.map((event, index) => ({
      ...event,
      before: 'before' in event ? event.before : null,
      occurredAt: new Date(start + index * HOUR),
    })),
  );
  await db.auditEvent.createMany({ data: rows });
}
