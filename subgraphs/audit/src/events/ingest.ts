import type { AuditEventPayload } from '@fed/service-kit';
import type { AuditClient } from '../db.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { chainHash, GENESIS_HASH, type ChainedFields } from './chain.ts';

const DAY_MS = 24 * 3600 * 1000;

export const chainedFieldsOf = (event: AuditEventPayload, sequence: number): ChainedFields => ({
  eventId: event.eventId,
  tenantId: event.tenantId,
  sequence,
  actorId: event.actorId,
  actorRole: event.actorRole,
  service: event.service,
  action: event.action,
  entityType: event.entityType,
  entityId: event.entityId,
  before: event.before ?? null,
  after: event.after ?? null,
  requestId: event.requestId,
  severity: event.severity,
  tags: event.tags,
  occurredAt: new Date(event.occurredAt),
});

/**
 * Stores events exactly once and links each into its tenant's hash chain. One transaction per
 * event, serialised per tenant by an advisory lock, so concurrent consumers cannot fork a chain;
 * an event id already stored is skipped (redelivery is normal: at-least-once transport).
 */
export class AuditIngestor {
  constructor(
    private readonly db: AuditClient,
    private readonly retentionDays: number,
  ) {}

  async ingest(events: AuditEventPayload[]): Promise<{ stored: number; duplicates: number }> {
    let stored = 0;
    for (const event of events) if (await this.ingestOne(event)) stored++;
    return { stored, duplicates: events.length - stored };
  }

  private ingestOne(event: AuditEventPayload): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      await tx.$queryRawUnsafe('SELECT pg_advisory_xact_lock(hashtext($1))::text', `audit-chain:${event.tenantId}`);
      if (await tx.auditEvent.findUnique({ where: { eventId: event.eventId }, select: { id: true } })) return false;
      const head = (await tx.auditEvent.findFirst({
        where: { tenantId: event.tenantId },
        orderBy: { sequence: 'desc' },
        select: { sequence: true, hash: true },
      })) ??
        (await tx.auditChainCheckpoint.findUnique({ where: { tenantId: event.tenantId }, select: { sequence: true, hash: true } })) ?? {
          sequence: 0,
          hash: GENESIS_HASH,
        };
      const fields = chainedFieldsOf(event, head.sequence + 1);
      await tx.auditEvent.create({
        data: {
          ...fields,
          // JSON snapshots as the producer sent them (already free of secrets).
          before: (fields.before ?? undefined) as Prisma.InputJsonValue | undefined,
          after: (fields.after ?? undefined) as Prisma.InputJsonValue | undefined,
          ip: event.ip,
          userAgent: event.userAgent,
          previousHash: head.hash,
          hash: chainHash(head.hash, fields),
          retainUntil: new Date(fields.occurredAt.getTime() + this.retentionDays * DAY_MS),
        },
      });
      return true;
    });
  }
}
