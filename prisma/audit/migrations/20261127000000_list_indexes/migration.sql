-- Every filter of auditEvents and the audit trail have an index (tests/list-indexes.test.ts EXPLAINs
-- them). The entity index replaces the one by type, id and sequence: entity ids are unique across
-- types, and trails and filters order by occurredAt, never by sequence within an entity.

-- DropIndex
DROP INDEX "AuditEvent_tenantId_entityType_entityId_sequence_idx";

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_actorId_occurredAt_idx" ON "AuditEvent"("tenantId", "actorId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_action_occurredAt_idx" ON "AuditEvent"("tenantId", "action", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_severity_occurredAt_idx" ON "AuditEvent"("tenantId", "severity", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_entityType_occurredAt_idx" ON "AuditEvent"("tenantId", "entityType", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_entityId_occurredAt_idx" ON "AuditEvent"("tenantId", "entityId", "occurredAt");
