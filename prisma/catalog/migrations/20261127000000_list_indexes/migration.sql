-- Every filter and sort of the graph's lists has an index (tests/list-indexes.test.ts EXPLAINs them).

-- CreateIndex
CREATE INDEX "Order_tenantId_status_createdAt_idx" ON "Order"("tenantId", "status", "createdAt");
