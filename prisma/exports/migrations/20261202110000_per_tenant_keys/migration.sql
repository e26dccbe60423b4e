-- Business keys are unique per tenant, not across tenants: a key that spans tenants tells one
-- tenant that another's value exists (a licence number), and a counter shared by all tenants
-- tells each the others' volume (export references). Existing data is kept as it is: it is
-- unique globally, so it is unique per tenant too.

-- Licence numbers: unique within the tenant.
DROP INDEX "ExportLicense_number_key";
CREATE UNIQUE INDEX "ExportLicense_tenantId_number_key" ON "ExportLicense"("tenantId", "number");

-- Export references: unique within the tenant, numbered per tenant and year.
DROP INDEX "Export_reference_key";
CREATE UNIQUE INDEX "Export_tenantId_reference_key" ON "Export"("tenantId", "reference");

ALTER TABLE "ExportReferenceCounter" DROP CONSTRAINT "ExportReferenceCounter_pkey";
ALTER TABLE "ExportReferenceCounter" ADD COLUMN "tenantId" UUID;
-- Each tenant continues after the highest reference it already has in each year, so no new
-- reference repeats one of its own; the shared counters are then no longer needed.
INSERT INTO "ExportReferenceCounter" ("tenantId", "year", "lastNumber")
SELECT "tenantId", substring("reference" FROM '^EXP-(\d{4})-\d+$')::int, max(substring("reference" FROM '^EXP-\d{4}-(\d+)$')::int)
FROM "Export"
WHERE "reference" ~ '^EXP-\d{4}-\d+$'
GROUP BY 1, 2;
DELETE FROM "ExportReferenceCounter" WHERE "tenantId" IS NULL;
ALTER TABLE "ExportReferenceCounter" ALTER COLUMN "tenantId" SET NOT NULL;
ALTER TABLE "ExportReferenceCounter" ADD CONSTRAINT "ExportReferenceCounter_pkey" PRIMARY KEY ("tenantId", "year");
