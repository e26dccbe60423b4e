-- Every filter and sort of the graph's lists has an index (tests/list-indexes.test.ts EXPLAINs them).

-- CreateIndex
CREATE INDEX "Manifest_tenantId_status_createdAt_idx" ON "Manifest"("tenantId", "status", "createdAt");
