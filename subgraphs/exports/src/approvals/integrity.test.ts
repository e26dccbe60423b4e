import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { applyMigrations, openDatabase, type Database } from '@fed/service-kit';
import { createTestDatabase, type TestDatabase } from '@fed/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The rules the exports database enforces by itself, whatever the service does: decisions in
 * stage order and once per stage, reasons for rejections, a pending stage that matches the status,
 * and decisions, history and documents that can be neither changed nor removed.
 */
let test: TestDatabase;
let database: Database;
const tenantId = randomUUID();
const profileId = randomUUID();
const licenseId = randomUUID();

beforeAll(async () => {
  test = await createTestDatabase('exports_integrity');
  database = await openDatabase(test.target);
  await applyMigrations(database.sql, fileURLToPath(new URL('../../../../prisma/exports/migrations', import.meta.url)));
  await database.sql.query(
    `INSERT INTO "ExporterProfile" ("id", "tenantId", "legalName", "registrationNo", "country", "capitalVerified", "status", "updatedAt")
     VALUES ($1, $2, 'Acme', 'R-1', 'ET', true, 'ACTIVE', now())`,
    [profileId, tenantId],
  );
  await database.sql.query(
    `INSERT INTO "ExportLicense" ("id", "tenantId", "exporterProfileId", "number", "issuingAuthority", "hsCodePrefixes", "destinationCountries",
       "quotaUnit", "annualQuota", "quotaCurrency", "validFrom", "validUntil", "updatedAt")
     VALUES ($1, $2, $3, 'EL-1', 'Ministry', '{0901}', '{DE}', 'VALUE', 1000, 'USD', now(), now() + interval '1 year', now())`,
    [licenseId, tenantId, profileId],
  );
});
afterAll(async () => {
  await database?.close();
  await test?.drop();
});

async function submittedExport(): Promise<string> {
  const id = randomUUID();
  await database.sql.query(
    `INSERT INTO "Export" ("id", "tenantId", "reference", "exporterProfileId", "requestedById", "buyerName", "buyerCountry", "destinationCountry",
       "declaredValue", "currency", "incoterm", "status", "currentStage", "stageEnteredAt", "licenseId", "quotaAmount", "quotaYear", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, 'Buyer', 'DE', 'DE', 100, 'USD', 'FOB', 'SUBMITTED', 'FX_APPROVAL', now(), $6, 100, 2026, now())`,
    [id, tenantId, `EXP-T-${id.slice(0, 8)}`, profileId, randomUUID(), licenseId],
  );
  return id;
}

const decide = (exportId: string, stage: string, decision = 'APPROVED', reason: string | null = null) =>
  database.sql.query(
    `INSERT INTO "ExportApproval" ("id", "tenantId", "exportId", "stage", "decision", "deciderId", "reason", "conditions")
     VALUES ($1, $2, $3, $4::"ApprovalStage", $5::"ApprovalDecision", $6, $7, '{}')`,
    [randomUUID(), tenantId, exportId, stage, decision, randomUUID(), reason],
  );

describe('the exports database on its own', () => {
  it('takes decisions only in stage order, and one per stage', async () => {
    const exportId = await submittedExport();
    await expect(decide(exportId, 'QUALITY_CERTIFICATION')).rejects.toThrow(
      'ExportApproval for stage QUALITY_CERTIFICATION needs stage FX_APPROVAL approved first',
    );
    await decide(exportId, 'FX_APPROVAL');
    await expect(decide(exportId, 'FX_APPROVAL')).rejects.toThrow(/ExportApproval_exportId_stage_key/);
    await decide(exportId, 'QUALITY_CERTIFICATION', 'REJECTED', 'Mould found');
    // A rejected stage ends the chain: the next stage's predecessor is not approved.
    await expect(decide(exportId, 'SHIPMENT_SCHEDULING')).rejects.toThrow(/needs stage QUALITY_CERTIFICATION approved first/);
  });

  it('refuses a rejection without a reason', async () => {
    const exportId = await submittedExport();
    await expect(decide(exportId, 'FX_APPROVAL', 'REJECTED', null)).rejects.toThrow(/ExportApproval_reason_check/);
    await expect(decide(exportId, 'FX_APPROVAL', 'REJECTED', '  ')).rejects.toThrow(/ExportApproval_reason_check/);
  });

  it('keeps the pending stage in step with the status', async () => {
    const exportId = await submittedExport();
    await expect(database.sql.query(`UPDATE "Export" SET "status" = 'IN_REVIEW' WHERE "id" = $1`, [exportId])).rejects.toThrow(
      /Export_stage_check/,
    );
    await expect(
      database.sql.query(`UPDATE "Export" SET "status" = 'COMPLETED', "currentStage" = NULL, "stageEnteredAt" = NULL WHERE "id" = $1`, [
        exportId,
      ]),
    ).rejects.toThrow(/Export_completed_check/);
    await database.sql.query(`UPDATE "Export" SET "status" = 'IN_REVIEW', "currentStage" = 'QUALITY_CERTIFICATION' WHERE "id" = $1`, [
      exportId,
    ]);
  });

  it('refuses UPDATE and DELETE of decisions, status history and documents', async () => {
    const exportId = await submittedExport();
    await decide(exportId, 'FX_APPROVAL');
    await database.sql.query(
      `INSERT INTO "ExportStatusChange" ("id", "tenantId", "exportId", "sequence", "fromStatus", "toStatus", "actorId")
       VALUES ($1, $2, $3, 1, NULL, 'DRAFT', $4)`,
      [randomUUID(), tenantId, exportId, randomUUID()],
    );
    await database.sql.query(
      `INSERT INTO "ExportDocument" ("id", "tenantId", "exportId", "type", "fileName", "mediaType", "sizeBytes", "sha256", "storageUri", "uploadedById")
       VALUES ($1, $2, $3, 'INVOICE', 'invoice.pdf', 'application/pdf', 10, repeat('a', 64), 's3://bucket/invoice.pdf', $4)`,
      [randomUUID(), tenantId, exportId, randomUUID()],
    );
    for (const table of ['ExportApproval', 'ExportStatusChange', 'ExportDocument']) {
      await expect(database.sql.query(`UPDATE "${table}" SET "tenantId" = "tenantId" WHERE "exportId" = $1`, [exportId])).rejects.toThrow(
        `${table} is append-only: UPDATE is not allowed`,
      );
      await expect(database.sql.query(`DELETE FROM "${table}" WHERE "exportId" = $1`, [exportId])).rejects.toThrow(
        `${table} is append-only: DELETE is not allowed`,
      );
    }
  });

  it('refuses malformed licenses, goods, documents and history', async () => {
    const exportId = await submittedExport();
    const attempts: [string, unknown[], RegExp][] = [
      [
        `INSERT INTO "ExportLicense" ("id", "tenantId", "exporterProfileId", "number", "issuingAuthority", "hsCodePrefixes", "destinationCountries",
           "quotaUnit", "annualQuota", "quotaCurrency", "validFrom", "validUntil", "updatedAt")
         VALUES ($1, $2, $3, 'EL-2', 'M', '{0901}', '{}', 'WEIGHT', 5, NULL, now(), now() + interval '1 day', now())`,
        [randomUUID(), tenantId, profileId],
        /ExportLicense_destinationCountries_check/,
      ],
      [
        `INSERT INTO "ExportLicense" ("id", "tenantId", "exporterProfileId", "number", "issuingAuthority", "hsCodePrefixes", "destinationCountries",
           "quotaUnit", "annualQuota", "quotaCurrency", "validFrom", "validUntil", "updatedAt")
         VALUES ($1, $2, $3, 'EL-3', 'M', '{0901}', '{DE}', 'WEIGHT', 5, 'USD', now(), now() + interval '1 day', now())`,
        [randomUUID(), tenantId, profileId],
        /ExportLicense_quota_check/,
      ],
      [
        `INSERT INTO "ExportGoodsLine" ("id", "tenantId", "exportId", "lineNo", "description", "hsCode", "quantity", "weightKg", "value")
         VALUES ($1, $2, $3, 1, 'Coffee', '09', 1, 1, 1)`,
        [randomUUID(), tenantId, exportId],
        /ExportGoodsLine_hsCode_check/,
      ],
      [
        `INSERT INTO "ExportDocument" ("id", "tenantId", "exportId", "type", "fileName", "mediaType", "sizeBytes", "sha256", "storageUri", "uploadedById")
         VALUES ($1, $2, $3, 'INVOICE', 'i.pdf', 'application/pdf', 10, 'not-a-hash', 's3://b/i.pdf', $4)`,
        [randomUUID(), tenantId, exportId, randomUUID()],
        /ExportDocument_sha256_check/,
      ],
      [
        `INSERT INTO "ExportStatusChange" ("id", "tenantId", "exportId", "sequence", "fromStatus", "toStatus", "actorId")
         VALUES ($1, $2, $3, 2, 'DRAFT', 'DRAFT', $4)`,
        [randomUUID(), tenantId, exportId, randomUUID()],
        /ExportStatusChange_change_check/,
      ],
      [`UPDATE "ExporterProfile" SET "capitalVerified" = false WHERE "id" = $1`, [profileId], /ExporterProfile_active_check/],
    ];
    for (const [statement, params, violation] of attempts) await expect(database.sql.query(statement, params)).rejects.toThrow(violation);
  });
});
