import type { AuditClient } from '../db.ts';

/**
 * Removes events whose retention has ended, per tenant only as a contiguous oldest prefix of the
 * chain, and records the last removed link as the tenant's checkpoint so the rest of the chain
 * still verifies. The database allows these deletes only inside a transaction that sets
 * `audit.purge` and only for expired rows (see the retention migration).
 */
export async function purgeExpiredEvents(db: AuditClient, now: Date = new Date()): Promise<number> {
  const tenants = await db.auditEvent.findMany({ where: { retainUntil: { lt: now } }, distinct: ['tenantId'], select: { tenantId: true } });
  let purged = 0;
  for (const { tenantId } of tenants) {
    purged += await db.$transaction(async (tx) => {
      await tx.$queryRawUnsafe('SELECT pg_advisory_xact_lock(hashtext($1))::text', `audit-chain:${tenantId}`);
      const firstKept = await tx.auditEvent.findFirst({
        where: { tenantId, retainUntil: { gte: now } },
        orderBy: { sequence: 'asc' },
        select: { sequence: true },
      });
      const lastPurged = await tx.auditEvent.findFirst({
        where: { tenantId, retainUntil: { lt: now }, ...(firstKept ? { sequence: { lt: firstKept.sequence } } : {}) },
        orderBy: { sequence: 'desc' },
      });
      if (!lastPurged) return 0;
      await tx.$executeRawUnsafe(`SET LOCAL audit.purge = 'on'`);
      const deleted = await tx.auditEvent.deleteMany({ where: { tenantId, sequence: { lte: lastPurged.sequence } } });
      await tx.auditChainCheckpoint.upsert({
        where: { tenantId },
        create: { tenantId, sequence: lastPurged.sequence, hash: lastPurged.hash, purgedAt: now },
        update: { sequence: lastPurged.sequence, hash: lastPurged.hash, purgedAt: now },
      });
      return deleted.count;
    });
  }
  return purged;
}
