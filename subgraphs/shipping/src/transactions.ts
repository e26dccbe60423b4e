import { NotFoundError, isUuid, translateDatabaseError } from '@fed/service-kit';
import type { ShippingClient } from './db.ts';
import type { Manifest, Prisma } from './generated/prisma/client.ts';
import { FIELD_OF_CONSTRAINT } from './manifests/rules.ts';

export type Transaction = Prisma.TransactionClient;

/**
 * Runs one state change in one transaction: every write and its audit event commit together or
 * not at all. Constraint violations the database raises come back as catalog errors.
 */
export async function inTransaction<T>(db: ShippingClient, work: (tx: Transaction) => Promise<T>): Promise<T> {
  try {
    // Generous limits: writers of one manifest queue on its row lock, and the machine is shared.
    return await db.$transaction(work, { maxWait: 15_000, timeout: 30_000 });
  } catch (error) {
    throw translateDatabaseError(error, FIELD_OF_CONSTRAINT);
  }
}

/**
 * Locks a manifest of the tenant for the rest of the transaction and reads it. Writers of the same
 * manifest (item changes, transitions, booking) run one after another, and each reads what the
 * previous one committed, so totals and status checks never work on a stale row.
 */
export async function lockManifest(tx: Transaction, tenantId: string, id: string): Promise<Manifest> {
  if (!isUuid(id)) throw new NotFoundError('Manifest', id);
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Manifest" WHERE "id" = ${id}::uuid AND "tenantId" = ${tenantId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw new NotFoundError('Manifest', id);
  return tx.manifest.findUniqueOrThrow({ where: { id } });
}

/** Sets a manifest's totals to the sums of its items, in SQL (exact decimals), and returns it. */
export async function recomputeTotals(tx: Transaction, id: string): Promise<Manifest> {
  await tx.$executeRaw`
    UPDATE "Manifest" AS m
    SET "totalWeightKg" = s."weightKg", "totalVolumeM3" = s."volumeM3", "totalValue" = s."value", "updatedAt" = now()
    FROM (
      SELECT COALESCE(sum("weightKg"), 0) AS "weightKg", COALESCE(sum("volumeM3"), 0) AS "volumeM3", COALESCE(sum("value"), 0) AS "value"
      FROM "ManifestItem" WHERE "manifestId" = ${id}::uuid
    ) AS s
    WHERE m."id" = ${id}::uuid`;
  return tx.manifest.findUniqueOrThrow({ where: { id } });
}
