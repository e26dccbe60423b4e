import type { AuditClient } from '../db.ts';
import type { AuditEvent } from '../generated/prisma/client.ts';
import { chainHash, GENESIS_HASH, type ChainedFields } from './chain.ts';

export interface ChainVerification {
  checkedCount: number;
  valid: boolean;
  firstBroken: { eventId: string; sequence: number; reason: string } | null;
}

const fieldsOfRow = (row: AuditEvent): ChainedFields => ({
  eventId: row.eventId,
  tenantId: row.tenantId,
  sequence: row.sequence,
  actorId: row.actorId,
  actorRole: row.actorRole,
  service: row.service,
  action: row.action,
  entityType: row.entityType,
  entityId: row.entityId,
  before: row.before ?? null,
  after: row.after ?? null,
  requestId: row.requestId,
  severity: row.severity,
  tags: row.tags,
  occurredAt: row.occurredAt,
});

/**
 * Walks a tenant's chain from its start (or from the checkpoint a purge left) and recomputes every
 * link. Reports the first event whose sequence, previous hash or own hash does not match.
 */
export async function verifyChain(db: AuditClient, tenantId: string, pageSize = 1000): Promise<ChainVerification> {
  const checkpoint = await db.auditChainCheckpoint.findUnique({ where: { tenantId } });
  let expectedSequence = (checkpoint?.sequence ?? 0) + 1;
  let previousHash = checkpoint?.hash ?? GENESIS_HASH;
  let checkedCount = 0;
  for (;;) {
    const page = await db.auditEvent.findMany({
      where: { tenantId, sequence: { gte: expectedSequence } },
      orderBy: { sequence: 'asc' },
      take: pageSize,
    });
    for (const row of page) {
      const broken = (reason: string): ChainVerification => ({
        checkedCount,
        valid: false,
        firstBroken: { eventId: row.eventId, sequence: row.sequence, reason },
      });
      if (row.sequence !== expectedSequence) return broken(`sequence ${expectedSequence} is missing before this event`);
      if (row.previousHash !== previousHash) return broken('its previous hash does not match the hash of the event before it');
      if (chainHash(previousHash, fieldsOfRow(row)) !== row.hash)
        return broken('its content does not match its hash (altered after it was recorded)');
      checkedCount++;
      expectedSequence++;
      previousHash = row.hash;
    }
    if (page.length < pageSize) return { checkedCount, valid: true, firstBroken: null };
  }
}
