import type { Transaction } from '../transactions.ts';

/**
 * Prices a manifest with every active rate card of its tenant, zone and currency whose carrier is
 * active and still sells the card's service, and stores one QUOTED row per card. All arithmetic is
 * SQL numeric: each charge is rounded to cents and the total is the sum of the rounded charges.
 *
 *   weight charge = perKg x total weight          volume charge = perM3 x total volume
 *   fuel surcharge = fuelSurchargePct % of (base + weight + volume charges)
 *   insurance = insurancePct % of total value      total = base + the four charges
 */
export async function insertQuotes(tx: Transaction, manifestId: string, tenantId: string, quotedAt: Date): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "RateQuote" ("id", "tenantId", "manifestId", "carrierId", "rateCardId", "service", "currency", "weightKg",
      "volumeM3", "declaredValue", "baseAmount", "weightCharge", "volumeCharge", "fuelSurcharge", "insurance", "total",
      "transitDays", "validUntil", "status", "createdAt")
    SELECT gen_random_uuid(), m."tenantId", m."id", c."id", rc."id", rc."service", rc."currency", m."totalWeightKg",
      m."totalVolumeM3", m."totalValue", charges."base", charges."weight", charges."volume", fuel."amount", charges."insurance",
      charges."base" + charges."weight" + charges."volume" + fuel."amount" + charges."insurance",
      rc."transitDays", ${quotedAt}::timestamptz + make_interval(hours => rc."quoteValidityHours"), 'QUOTED', ${quotedAt}::timestamptz
    FROM "Manifest" AS m
    JOIN "RateCard" AS rc ON rc."tenantId" = m."tenantId" AND rc."zone" = m."zone" AND rc."currency" = m."currency" AND rc."active"
    JOIN "Carrier" AS c ON c."id" = rc."carrierId" AND c."tenantId" = m."tenantId" AND c."active" AND rc."service" = ANY (c."services")
    CROSS JOIN LATERAL (
      SELECT rc."baseAmount" AS "base",
             round(rc."perKg" * m."totalWeightKg", 2) AS "weight",
             round(rc."perM3" * m."totalVolumeM3", 2) AS "volume",
             round(m."totalValue" * rc."insurancePct" / 100, 2) AS "insurance"
    ) AS charges
    CROSS JOIN LATERAL (
      SELECT round((charges."base" + charges."weight" + charges."volume") * rc."fuelSurchargePct" / 100, 2) AS "amount"
    ) AS fuel
    WHERE m."id" = ${manifestId}::uuid AND m."tenantId" = ${tenantId}::uuid
    RETURNING "id"`;
  return rows.map((row) => row.id);
}

/** Cheapest first; ties by the faster service. */
export const QUOTE_ORDER = [{ total: 'asc' as const }, { transitDays: 'asc' as const }, { id: 'asc' as const }];
