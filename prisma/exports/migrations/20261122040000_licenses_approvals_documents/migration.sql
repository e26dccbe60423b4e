-- Issue 6: export licenses, declared goods, staged agency approvals, append-only status history,
-- documents. Integrity lives here too: CHECK constraints for the rules a row must obey, unique
-- keys against double decisions, and triggers that keep decisions, history and documents append-only.

-- CreateEnum
CREATE TYPE "LicenseStatus" AS ENUM ('ACTIVE', 'SUSPENDED', 'REVOKED');

-- CreateEnum
CREATE TYPE "QuotaUnit" AS ENUM ('VALUE', 'WEIGHT');

-- CreateEnum
CREATE TYPE "ApprovalStage" AS ENUM ('FX_APPROVAL', 'QUALITY_CERTIFICATION', 'SHIPMENT_SCHEDULING', 'CUSTOMS_CLEARANCE', 'EXPORT_COMPLETION');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "DocumentType" AS ENUM ('INVOICE', 'PACKING_LIST', 'QUALITY_CERTIFICATE', 'EXPORT_LICENSE', 'SALES_CONTRACT', 'BILL_OF_LADING', 'CERTIFICATE_OF_ORIGIN', 'CUSTOMS_DECLARATION', 'OTHER');

-- AlterTable
ALTER TABLE "ExporterProfile" ADD COLUMN "tradeName" TEXT,
ADD COLUMN "taxId" TEXT,
ADD COLUMN "address" TEXT,
ADD COLUMN "contactEmail" TEXT,
ADD COLUMN "contactPhone" TEXT,
ADD COLUMN "paidUpCapital" DECIMAL(16,2),
ADD COLUMN "capitalCurrency" CHAR(3),
ADD COLUMN "capitalVerifiedAt" TIMESTAMPTZ(3),
ADD COLUMN "capitalVerifiedById" UUID,
ADD COLUMN "statusReason" TEXT;

-- An ACTIVE exporter has verified capital; verified capital is never negative.
ALTER TABLE "ExporterProfile" ADD CONSTRAINT "ExporterProfile_active_check" CHECK ("status" <> 'ACTIVE' OR "capitalVerified");
ALTER TABLE "ExporterProfile" ADD CONSTRAINT "ExporterProfile_capital_check" CHECK (
    ("paidUpCapital" IS NULL OR "paidUpCapital" >= 0)
    AND ("paidUpCapital" IS NULL) = ("capitalCurrency" IS NULL)
    AND ("capitalCurrency" IS NULL OR "capitalCurrency" ~ '^[A-Z]{3}$')
);

-- CreateTable
CREATE TABLE "ExportLicense" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "exporterProfileId" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "issuingAuthority" TEXT NOT NULL,
    "hsCodePrefixes" TEXT[],
    "destinationCountries" TEXT[],
    "quotaUnit" "QuotaUnit" NOT NULL,
    "annualQuota" DECIMAL(16,3) NOT NULL,
    "quotaCurrency" CHAR(3),
    "validFrom" TIMESTAMPTZ(3) NOT NULL,
    "validUntil" TIMESTAMPTZ(3) NOT NULL,
    "status" "LicenseStatus" NOT NULL DEFAULT 'ACTIVE',
    "statusReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ExportLicense_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ExportLicense_validity_check" CHECK ("validUntil" > "validFrom"),
    CONSTRAINT "ExportLicense_quota_check" CHECK (
        "annualQuota" > 0
        AND (("quotaUnit" = 'VALUE') = ("quotaCurrency" IS NOT NULL))
        AND ("quotaCurrency" IS NULL OR "quotaCurrency" ~ '^[A-Z]{3}$')
    ),
    -- Non-empty lists of digit-only prefixes and of alpha-2 country codes.
    CONSTRAINT "ExportLicense_hsCodePrefixes_check" CHECK (array_to_string("hsCodePrefixes", ',') ~ '^[0-9]{2,10}(,[0-9]{2,10})*$'),
    CONSTRAINT "ExportLicense_destinationCountries_check" CHECK (array_to_string("destinationCountries", ',') ~ '^[A-Z]{2}(,[A-Z]{2})*$')
);

-- AlterTable
ALTER TABLE "Export" ADD COLUMN "licenseId" UUID,
ADD COLUMN "currentStage" "ApprovalStage",
ADD COLUMN "stageEnteredAt" TIMESTAMPTZ(3),
ADD COLUMN "quotaAmount" DECIMAL(16,3),
ADD COLUMN "quotaYear" INTEGER,
ADD COLUMN "completedAt" TIMESTAMPTZ(3);

-- Exports already under way before this migration wait at the first stage their status allows.
UPDATE "Export" SET "currentStage" = 'FX_APPROVAL', "stageEnteredAt" = COALESCE("submittedAt", "updatedAt") WHERE "status" = 'SUBMITTED';
UPDATE "Export" SET "currentStage" = 'QUALITY_CERTIFICATION', "stageEnteredAt" = "updatedAt" WHERE "status" = 'IN_REVIEW';
UPDATE "Export" SET "currentStage" = 'EXPORT_COMPLETION', "stageEnteredAt" = "updatedAt" WHERE "status" = 'APPROVED';
UPDATE "Export" SET "completedAt" = "updatedAt" WHERE "status" = 'COMPLETED';

-- The pending stage matches the status: SUBMITTED waits for FX, IN_REVIEW for quality, shipment or
-- customs, APPROVED for the bank's completion; every other status has no pending stage.
ALTER TABLE "Export" ADD CONSTRAINT "Export_stage_check" CHECK (
    ("status" = 'SUBMITTED' AND "currentStage" = 'FX_APPROVAL' AND "stageEnteredAt" IS NOT NULL)
    OR ("status" = 'IN_REVIEW' AND "currentStage" IN ('QUALITY_CERTIFICATION', 'SHIPMENT_SCHEDULING', 'CUSTOMS_CLEARANCE') AND "stageEnteredAt" IS NOT NULL)
    OR ("status" = 'APPROVED' AND "currentStage" = 'EXPORT_COMPLETION' AND "stageEnteredAt" IS NOT NULL)
    OR ("status" IN ('DRAFT', 'COMPLETED', 'REJECTED', 'CANCELLED') AND "currentStage" IS NULL)
);
ALTER TABLE "Export" ADD CONSTRAINT "Export_quota_check" CHECK (
    ("quotaAmount" IS NULL) = ("quotaYear" IS NULL)
    AND ("quotaAmount" IS NULL OR ("quotaAmount" >= 0 AND "licenseId" IS NOT NULL))
);
ALTER TABLE "Export" ADD CONSTRAINT "Export_completed_check" CHECK (("status" = 'COMPLETED') = ("completedAt" IS NOT NULL));
ALTER TABLE "Export" ADD CONSTRAINT "Export_country_check" CHECK ("destinationCountry" ~ '^[A-Z]{2}$' AND "buyerCountry" ~ '^[A-Z]{2}$');
ALTER TABLE "Export" ADD CONSTRAINT "Export_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$');
ALTER TABLE "Export" ADD CONSTRAINT "Export_incoterm_check" CHECK ("incoterm" IN ('EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF'));

-- CreateTable
CREATE TABLE "ExportGoodsLine" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "exportId" UUID NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "hsCode" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "weightKg" DECIMAL(12,3) NOT NULL,
    "value" DECIMAL(14,2) NOT NULL,

    CONSTRAINT "ExportGoodsLine_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ExportGoodsLine_lineNo_check" CHECK ("lineNo" > 0),
    CONSTRAINT "ExportGoodsLine_quantity_check" CHECK ("quantity" > 0),
    CONSTRAINT "ExportGoodsLine_weightKg_check" CHECK ("weightKg" > 0),
    CONSTRAINT "ExportGoodsLine_value_check" CHECK ("value" >= 0),
    -- 6 to 10 digit HS / tariff codes, optionally dotted per pair after the heading: 0901.11, 0901.11.00
    CONSTRAINT "ExportGoodsLine_hsCode_check" CHECK ("hsCode" ~ '^[0-9]{4}(\.?[0-9]{2}){1,3}$')
);

-- CreateTable
CREATE TABLE "ExportApproval" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "exportId" UUID NOT NULL,
    "stage" "ApprovalStage" NOT NULL,
    "decision" "ApprovalDecision" NOT NULL,
    "deciderId" UUID NOT NULL,
    "reason" TEXT,
    "conditions" TEXT[],
    "decidedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExportApproval_pkey" PRIMARY KEY ("id"),
    -- A rejection always says why.
    CONSTRAINT "ExportApproval_reason_check" CHECK ("decision" = 'APPROVED' OR length(btrim(coalesce("reason", ''))) > 0)
);

-- CreateTable
CREATE TABLE "ExportStatusChange" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "exportId" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "fromStatus" "ExportStatus",
    "toStatus" "ExportStatus" NOT NULL,
    "actorId" UUID NOT NULL,
    "reason" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExportStatusChange_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ExportStatusChange_sequence_check" CHECK ("sequence" > 0 AND (("sequence" = 1) = ("fromStatus" IS NULL))),
    CONSTRAINT "ExportStatusChange_change_check" CHECK ("fromStatus" IS DISTINCT FROM "toStatus")
);

-- CreateTable
CREATE TABLE "ExportDocument" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "exportId" UUID NOT NULL,
    "type" "DocumentType" NOT NULL,
    "fileName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "storageUri" TEXT NOT NULL,
    "description" TEXT,
    "uploadedById" UUID NOT NULL,
    "uploadedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ExportDocument_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ExportDocument_sizeBytes_check" CHECK ("sizeBytes" > 0),
    CONSTRAINT "ExportDocument_sha256_check" CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
    CONSTRAINT "ExportDocument_mediaType_check" CHECK ("mediaType" ~ '^[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*$'),
    CONSTRAINT "ExportDocument_storageUri_check" CHECK ("storageUri" ~ '^(s3|gs|az|https)://[^[:space:]]+$'),
    CONSTRAINT "ExportDocument_fileName_check" CHECK (length(btrim("fileName")) > 0)
);

-- CreateTable
CREATE TABLE "ExportReferenceCounter" (
    "year" INTEGER NOT NULL,
    "lastNumber" INTEGER NOT NULL,

    CONSTRAINT "ExportReferenceCounter_pkey" PRIMARY KEY ("year"),
    CONSTRAINT "ExportReferenceCounter_lastNumber_check" CHECK ("lastNumber" >= 0)
);

-- CreateIndex
CREATE UNIQUE INDEX "ExportLicense_number_key" ON "ExportLicense"("number");

-- CreateIndex
CREATE INDEX "ExportLicense_tenantId_exporterProfileId_idx" ON "ExportLicense"("tenantId", "exporterProfileId");

-- CreateIndex
CREATE INDEX "Export_tenantId_currentStage_stageEnteredAt_idx" ON "Export"("tenantId", "currentStage", "stageEnteredAt");

-- CreateIndex
CREATE INDEX "Export_licenseId_quotaYear_idx" ON "Export"("licenseId", "quotaYear");

-- CreateIndex
CREATE UNIQUE INDEX "ExportGoodsLine_exportId_lineNo_key" ON "ExportGoodsLine"("exportId", "lineNo");

-- CreateIndex
CREATE UNIQUE INDEX "ExportApproval_exportId_stage_key" ON "ExportApproval"("exportId", "stage");

-- CreateIndex
CREATE UNIQUE INDEX "ExportStatusChange_exportId_sequence_key" ON "ExportStatusChange"("exportId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "ExportDocument_exportId_type_sha256_key" ON "ExportDocument"("exportId", "type", "sha256");

-- AddForeignKey
ALTER TABLE "ExportLicense" ADD CONSTRAINT "ExportLicense_exporterProfileId_fkey" FOREIGN KEY ("exporterProfileId") REFERENCES "ExporterProfile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Export" ADD CONSTRAINT "Export_licenseId_fkey" FOREIGN KEY ("licenseId") REFERENCES "ExportLicense"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExportGoodsLine" ADD CONSTRAINT "ExportGoodsLine_exportId_fkey" FOREIGN KEY ("exportId") REFERENCES "Export"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExportApproval" ADD CONSTRAINT "ExportApproval_exportId_fkey" FOREIGN KEY ("exportId") REFERENCES "Export"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExportStatusChange" ADD CONSTRAINT "ExportStatusChange_exportId_fkey" FOREIGN KEY ("exportId") REFERENCES "Export"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExportDocument" ADD CONSTRAINT "ExportDocument_exportId_fkey" FOREIGN KEY ("exportId") REFERENCES "Export"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Decisions, status history and documents are evidence: once written, never changed or removed.
CREATE FUNCTION "export_record_is_append_only"() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ExportApproval_append_only"
    BEFORE UPDATE OR DELETE ON "ExportApproval"
    FOR EACH ROW EXECUTE FUNCTION "export_record_is_append_only"();

CREATE TRIGGER "ExportStatusChange_append_only"
    BEFORE UPDATE OR DELETE ON "ExportStatusChange"
    FOR EACH ROW EXECUTE FUNCTION "export_record_is_append_only"();

CREATE TRIGGER "ExportDocument_append_only"
    BEFORE UPDATE OR DELETE ON "ExportDocument"
    FOR EACH ROW EXECUTE FUNCTION "export_record_is_append_only"();

-- Stages are decided in order: a decision on a stage needs the previous stage approved (the unique
-- key on (exportId, stage) already allows one decision per stage, so a rejection ends the chain).
CREATE FUNCTION "export_approval_in_order"() RETURNS trigger AS $$
DECLARE
    stages "ApprovalStage"[] := enum_range(NULL::"ApprovalStage");
    stage_index INTEGER := array_position(stages, NEW."stage");
BEGIN
    IF stage_index > 1 AND NOT EXISTS (
        SELECT 1 FROM "ExportApproval"
        WHERE "exportId" = NEW."exportId" AND "stage" = stages[stage_index - 1] AND "decision" = 'APPROVED'
    ) THEN
        RAISE EXCEPTION 'ExportApproval for stage % needs stage % approved first', NEW."stage", stages[stage_index - 1]
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ExportApproval_order_check';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ExportApproval_in_order"
    BEFORE INSERT ON "ExportApproval"
    FOR EACH ROW EXECUTE FUNCTION "export_approval_in_order"();
