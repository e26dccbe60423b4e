-- Every filter and sort of the graph's lists has an index (tests/list-indexes.test.ts EXPLAINs them).

-- CreateIndex
CREATE INDEX "Export_tenantId_status_createdAt_idx" ON "Export"("tenantId", "status", "createdAt");
