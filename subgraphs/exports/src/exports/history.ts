import type { ExportsTransaction } from '../db.ts';
import type { ExportStatus } from '../generated/prisma/client.ts';

/**
 * Appends one status change to an export's history, inside the transaction that made the change.
 * Callers change the export row first (a conditional UPDATE that row-locks it), so numbering by
 * MAX(sequence) + 1 cannot race; the unique key (exportId, sequence) would refuse it if it did.
 */
export async function appendStatusChange(
  tx: ExportsTransaction,
  change: { tenantId: string; exportId: string; from: ExportStatus | null; to: ExportStatus; actorId: string; reason?: string | null },
): Promise<void> {
  const last = await tx.exportStatusChange.aggregate({ where: { exportId: change.exportId }, _max: { sequence: true } });
  await tx.exportStatusChange.create({
    data: {
      tenantId: change.tenantId,
      exportId: change.exportId,
      sequence: (last._max.sequence ?? 0) + 1,
      fromStatus: change.from,
      toStatus: change.to,
      actorId: change.actorId,
      reason: change.reason ?? null,
    },
  });
}

/**
 * The tenant's next export reference, EXP-<year>-<nnnn>, from a counter per tenant and year that
 * is incremented in the creating transaction (so a rolled-back creation gives its number back).
 * Per tenant, so a reference tells nothing of other tenants' volume.
 */
export async function allocateReference(tx: ExportsTransaction, tenantId: string, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const rows = await tx.$queryRaw<{ lastNumber: number }[]>`
    INSERT INTO "ExportReferenceCounter" ("tenantId", "year", "lastNumber") VALUES (${tenantId}::uuid, ${year}, 1)
    ON CONFLICT ("tenantId", "year") DO UPDATE SET "lastNumber" = "ExportReferenceCounter"."lastNumber" + 1
    RETURNING "lastNumber"`;
  const number = rows[0]?.lastNumber;
  if (number === undefined) throw new Error('The export reference counter returned no number');
  return `EXP-${year}-${String(number).padStart(4, '0')}`;
}
