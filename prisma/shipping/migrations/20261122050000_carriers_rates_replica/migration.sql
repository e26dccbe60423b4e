-- Carriers with encrypted API credentials, rate cards, rate quotes, the catalog product replica,
-- the manifest lifecycle columns, and the database guards of the manifest rules.

-- CreateEnum
CREATE TYPE "RateQuoteStatus" AS ENUM ('QUOTED', 'SELECTED', 'SUPERSEDED');

-- AlterTable
ALTER TABLE "Manifest" ADD COLUMN     "carrierId" UUID,
ADD COLUMN     "deliveredAt" TIMESTAMPTZ(3),
ADD COLUMN     "reviewedAt" TIMESTAMPTZ(3),
ADD COLUMN     "reviewedById" UUID,
ADD COLUMN     "selectedQuoteId" UUID,
ADD COLUMN     "service" TEXT,
ADD COLUMN     "shippedAt" TIMESTAMPTZ(3),
ADD COLUMN     "shippingCost" DECIMAL(14,2),
ADD COLUMN     "submittedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "Carrier" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "services" TEXT[],
    "apiEndpoint" TEXT NOT NULL,
    "apiCredentialsEncrypted" TEXT,
    "credentialsUpdatedAt" TIMESTAMPTZ(3),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Carrier_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Carrier_code_check" CHECK ("code" ~ '^[A-Z0-9][A-Z0-9_-]{1,19}$'),
    CONSTRAINT "Carrier_name_check" CHECK (length(btrim("name")) > 0),
    CONSTRAINT "Carrier_services_check" CHECK (cardinality("services") > 0 AND array_position("services", NULL) IS NULL),
    CONSTRAINT "Carrier_apiEndpoint_check" CHECK ("apiEndpoint" ~ '^https?://'),
    -- Only the AES-256-GCM envelope (v1.<key id>.<iv>.<tag>.<ciphertext>) can be stored, never plain text.
    CONSTRAINT "Carrier_apiCredentialsEncrypted_check" CHECK (
        "apiCredentialsEncrypted" IS NULL
        OR "apiCredentialsEncrypted" ~ '^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$'
    ),
    CONSTRAINT "Carrier_credentials_check" CHECK (("apiCredentialsEncrypted" IS NULL) = ("credentialsUpdatedAt" IS NULL))
);

-- CreateTable
CREATE TABLE "RateCard" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "carrierId" UUID NOT NULL,
    "service" TEXT NOT NULL,
    "zone" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "baseAmount" DECIMAL(14,2) NOT NULL,
    "perKg" DECIMAL(12,4) NOT NULL,
    "perM3" DECIMAL(12,4) NOT NULL,
    "fuelSurchargePct" DECIMAL(7,4) NOT NULL,
    "insurancePct" DECIMAL(7,4) NOT NULL,
    "transitDays" INTEGER NOT NULL,
    "quoteValidityHours" INTEGER NOT NULL DEFAULT 72,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RateCard_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "RateCard_amounts_check" CHECK ("baseAmount" >= 0 AND "perKg" >= 0 AND "perM3" >= 0),
    CONSTRAINT "RateCard_percentages_check" CHECK ("fuelSurchargePct" BETWEEN 0 AND 100 AND "insurancePct" BETWEEN 0 AND 100),
    CONSTRAINT "RateCard_transitDays_check" CHECK ("transitDays" BETWEEN 1 AND 365),
    CONSTRAINT "RateCard_quoteValidityHours_check" CHECK ("quoteValidityHours" BETWEEN 1 AND 8760),
    CONSTRAINT "RateCard_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$')
);

-- CreateTable
CREATE TABLE "RateQuote" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "manifestId" UUID NOT NULL,
    "carrierId" UUID NOT NULL,
    "rateCardId" UUID NOT NULL,
    "service" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "weightKg" DECIMAL(12,3) NOT NULL,
    "volumeM3" DECIMAL(12,4) NOT NULL,
    "declaredValue" DECIMAL(14,2) NOT NULL,
    "baseAmount" DECIMAL(14,2) NOT NULL,
    "weightCharge" DECIMAL(14,2) NOT NULL,
    "volumeCharge" DECIMAL(14,2) NOT NULL,
    "fuelSurcharge" DECIMAL(14,2) NOT NULL,
    "insurance" DECIMAL(14,2) NOT NULL,
    "total" DECIMAL(14,2) NOT NULL,
    "transitDays" INTEGER NOT NULL,
    "validUntil" TIMESTAMPTZ(3) NOT NULL,
    "status" "RateQuoteStatus" NOT NULL DEFAULT 'QUOTED',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RateQuote_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "RateQuote_amounts_check" CHECK (
        "baseAmount" >= 0 AND "weightCharge" >= 0 AND "volumeCharge" >= 0 AND "fuelSurcharge" >= 0 AND "insurance" >= 0
    ),
    CONSTRAINT "RateQuote_total_check" CHECK (
        "total" = "baseAmount" + "weightCharge" + "volumeCharge" + "fuelSurcharge" + "insurance"
    ),
    CONSTRAINT "RateQuote_transitDays_check" CHECK ("transitDays" > 0)
);

-- CreateTable
CREATE TABLE "ProductReplica" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "hsCode" TEXT,
    "weightKg" DECIMAL(10,3) NOT NULL,
    "active" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ProductReplica_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ProductReplica_weightKg_check" CHECK ("weightKg" >= 0)
);

-- CreateIndex
CREATE UNIQUE INDEX "Carrier_tenantId_code_key" ON "Carrier"("tenantId", "code");

-- CreateIndex
CREATE INDEX "RateCard_tenantId_zone_currency_idx" ON "RateCard"("tenantId", "zone", "currency");

-- CreateIndex
CREATE UNIQUE INDEX "RateCard_carrierId_service_zone_currency_key" ON "RateCard"("carrierId", "service", "zone", "currency");

-- CreateIndex
CREATE INDEX "RateQuote_manifestId_total_idx" ON "RateQuote"("manifestId", "total");

-- CreateIndex
CREATE INDEX "RateQuote_carrierId_idx" ON "RateQuote"("carrierId");

-- CreateIndex
CREATE INDEX "RateQuote_rateCardId_idx" ON "RateQuote"("rateCardId");

-- CreateIndex
CREATE INDEX "ProductReplica_tenantId_sku_idx" ON "ProductReplica"("tenantId", "sku");

-- CreateIndex
CREATE UNIQUE INDEX "ProductReplica_id_tenantId_key" ON "ProductReplica"("id", "tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Manifest_selectedQuoteId_key" ON "Manifest"("selectedQuoteId");

-- CreateIndex
CREATE INDEX "Manifest_carrierId_idx" ON "Manifest"("carrierId");

-- AddCheckConstraints (rows written before this migration satisfy them)
ALTER TABLE "Manifest" ADD CONSTRAINT "Manifest_currency_check" CHECK ("currency" ~ '^[A-Z]{3}$'),
ADD CONSTRAINT "Manifest_countries_check" CHECK ("originCountry" <> "destinationCountry"),
-- A booked rate is recorded whole: quote, carrier, service, price and tracking number together.
ADD CONSTRAINT "Manifest_booking_check" CHECK (
    ("selectedQuoteId" IS NULL) = ("carrierId" IS NULL)
    AND ("selectedQuoteId" IS NULL) = ("service" IS NULL)
    AND ("selectedQuoteId" IS NULL) = ("shippingCost" IS NULL)
    AND ("selectedQuoteId" IS NULL OR "trackingNumber" IS NOT NULL)
),
ADD CONSTRAINT "Manifest_shipped_check" CHECK ("status" NOT IN ('SHIPPED', 'DELIVERED') OR "trackingNumber" IS NOT NULL),
ADD CONSTRAINT "Manifest_shippingCost_check" CHECK ("shippingCost" IS NULL OR "shippingCost" >= 0);

-- AddForeignKey
ALTER TABLE "Manifest" ADD CONSTRAINT "Manifest_originCountry_fkey" FOREIGN KEY ("originCountry") REFERENCES "Country"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Manifest" ADD CONSTRAINT "Manifest_destinationCountry_fkey" FOREIGN KEY ("destinationCountry") REFERENCES "Country"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Manifest" ADD CONSTRAINT "Manifest_selectedQuoteId_fkey" FOREIGN KEY ("selectedQuoteId") REFERENCES "RateQuote"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Manifest" ADD CONSTRAINT "Manifest_carrierId_fkey" FOREIGN KEY ("carrierId") REFERENCES "Carrier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey: the product must be in the replica of the item's own tenant. NOT VALID because
-- items written before the replica existed are only checked when their product changes.
ALTER TABLE "ManifestItem" ADD CONSTRAINT "ManifestItem_productId_tenantId_fkey" FOREIGN KEY ("productId", "tenantId") REFERENCES "ProductReplica"("id", "tenantId") ON DELETE RESTRICT ON UPDATE CASCADE NOT VALID;

-- AddForeignKey
ALTER TABLE "ManifestItem" ADD CONSTRAINT "ManifestItem_originCountry_fkey" FOREIGN KEY ("originCountry") REFERENCES "Country"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RateCard" ADD CONSTRAINT "RateCard_carrierId_fkey" FOREIGN KEY ("carrierId") REFERENCES "Carrier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RateQuote" ADD CONSTRAINT "RateQuote_manifestId_fkey" FOREIGN KEY ("manifestId") REFERENCES "Manifest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RateQuote" ADD CONSTRAINT "RateQuote_carrierId_fkey" FOREIGN KEY ("carrierId") REFERENCES "Carrier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RateQuote" ADD CONSTRAINT "RateQuote_rateCardId_fkey" FOREIGN KEY ("rateCardId") REFERENCES "RateCard"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Guard: a manifest starts as DRAFT, moves only along DRAFT -> SUBMITTED -> APPROVED | REJECTED,
-- APPROVED -> SHIPPED -> DELIVERED, is edited only while DRAFT, and its zone is its destination's.
CREATE FUNCTION "Manifest_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW."status" <> 'DRAFT' THEN
        RAISE EXCEPTION USING ERRCODE = '23514', CONSTRAINT = 'Manifest_status_transition_check',
            MESSAGE = format('A manifest starts as DRAFT, not %s', NEW."status");
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF OLD."status" <> 'DRAFT' AND (NEW."originCountry", NEW."destinationCountry", NEW."currency", NEW."zone", NEW."tenantId", NEW."createdById")
            IS DISTINCT FROM (OLD."originCountry", OLD."destinationCountry", OLD."currency", OLD."zone", OLD."tenantId", OLD."createdById") THEN
            RAISE EXCEPTION USING ERRCODE = '23514', CONSTRAINT = 'Manifest_draft_check',
                MESSAGE = format('Manifest %s is %s; only a DRAFT manifest can be edited', OLD."publicId", OLD."status");
        END IF;
        IF NEW."status" <> OLD."status" AND (OLD."status", NEW."status") NOT IN (
            ('DRAFT'::"ManifestStatus", 'SUBMITTED'::"ManifestStatus"),
            ('SUBMITTED', 'APPROVED'), ('SUBMITTED', 'REJECTED'),
            ('APPROVED', 'SHIPPED'), ('SHIPPED', 'DELIVERED')
        ) THEN
            RAISE EXCEPTION USING ERRCODE = '23514', CONSTRAINT = 'Manifest_status_transition_check',
                MESSAGE = format('Manifest %s cannot go from %s to %s', OLD."publicId", OLD."status", NEW."status");
        END IF;
    END IF;
    IF TG_OP = 'INSERT' OR NEW."destinationCountry" IS DISTINCT FROM OLD."destinationCountry" OR NEW."zone" IS DISTINCT FROM OLD."zone" THEN
        IF NEW."zone" IS DISTINCT FROM (SELECT "zone" FROM "Country" WHERE "code" = NEW."destinationCountry") THEN
            RAISE EXCEPTION USING ERRCODE = '23514', CONSTRAINT = 'Manifest_zone_check',
                MESSAGE = format('Manifest zone %s is not the shipping zone of destination %s', NEW."zone", NEW."destinationCountry");
        END IF;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER "Manifest_guard" BEFORE INSERT OR UPDATE ON "Manifest" FOR EACH ROW EXECUTE FUNCTION "Manifest_guard"();

-- Guard: items and order links change only while their manifest is a DRAFT, and never move to
-- another manifest or tenant.
CREATE FUNCTION "Manifest_children_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    parent_status "ManifestStatus";
    parent_public_id TEXT;
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW."manifestId", NEW."tenantId") IS DISTINCT FROM (OLD."manifestId", OLD."tenantId") THEN
        RAISE EXCEPTION USING ERRCODE = '23514', CONSTRAINT = format('%s_draft_check', TG_TABLE_NAME),
            MESSAGE = format('A %s row cannot move to another manifest or tenant', TG_TABLE_NAME);
    END IF;
    SELECT "status", "publicId" INTO parent_status, parent_public_id FROM "Manifest"
        WHERE "id" = CASE WHEN TG_OP = 'DELETE' THEN OLD."manifestId" ELSE NEW."manifestId" END;
    IF FOUND AND parent_status <> 'DRAFT' THEN
        RAISE EXCEPTION USING ERRCODE = '23514', CONSTRAINT = format('%s_draft_check', TG_TABLE_NAME),
            MESSAGE = format('Manifest %s is %s; only a DRAFT manifest can be edited', parent_public_id, parent_status);
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER "ManifestItem_draft_guard" BEFORE INSERT OR UPDATE OR DELETE ON "ManifestItem" FOR EACH ROW EXECUTE FUNCTION "Manifest_children_guard"();
CREATE TRIGGER "ManifestOrder_draft_guard" BEFORE INSERT OR UPDATE OR DELETE ON "ManifestOrder" FOR EACH ROW EXECUTE FUNCTION "Manifest_children_guard"();

-- Guard: a manifest's totals are exactly the sums of its items, and a manifest past DRAFT has
-- items. Checked at commit (deferred), so the service can change items and totals in one
-- transaction, while a direct write that desynchronises them is rolled back.
CREATE FUNCTION "Manifest_totals_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    target UUID;
    parent RECORD;
    sums RECORD;
BEGIN
    IF TG_TABLE_NAME = 'Manifest' THEN
        target := NEW."id";
    ELSIF TG_OP = 'DELETE' THEN
        target := OLD."manifestId";
    ELSE
        target := NEW."manifestId";
    END IF;
    SELECT "publicId", "status", "totalWeightKg", "totalVolumeM3", "totalValue" INTO parent FROM "Manifest" WHERE "id" = target;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    SELECT count(*) AS "items", COALESCE(sum("weightKg"), 0) AS "weightKg", COALESCE(sum("volumeM3"), 0) AS "volumeM3",
           COALESCE(sum("value"), 0) AS "value"
        INTO sums FROM "ManifestItem" WHERE "manifestId" = target;
    IF (parent."totalWeightKg", parent."totalVolumeM3", parent."totalValue") IS DISTINCT FROM (sums."weightKg", sums."volumeM3", sums."value") THEN
        RAISE EXCEPTION USING ERRCODE = '23514', CONSTRAINT = 'Manifest_totals_match_items_check',
            MESSAGE = format('Manifest %s totals (%s kg, %s m3, %s) are not the sums of its items (%s kg, %s m3, %s)',
                parent."publicId", parent."totalWeightKg", parent."totalVolumeM3", parent."totalValue",
                sums."weightKg", sums."volumeM3", sums."value");
    END IF;
    IF parent."status" <> 'DRAFT' AND sums."items" = 0 THEN
        RAISE EXCEPTION USING ERRCODE = '23514', CONSTRAINT = 'Manifest_items_check',
            MESSAGE = format('Manifest %s is %s without any items', parent."publicId", parent."status");
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "Manifest_totals_match_items" AFTER INSERT OR UPDATE ON "Manifest"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "Manifest_totals_guard"();
CREATE CONSTRAINT TRIGGER "ManifestItem_totals_match_manifest" AFTER INSERT OR UPDATE OR DELETE ON "ManifestItem"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "Manifest_totals_guard"();
