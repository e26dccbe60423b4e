import type { ColumnPlan, ColumnsByField } from '@fed/service-kit';
import type { AuditEventResolvers } from '../generated/graphql.ts';
import type { AuditEvent } from '../generated/prisma/client.ts';

/**
 * The AuditEvent columns each field reads, so that the log and the trails read only what the
 * operation selected: the before/after JSON payloads and the two hashes are the bulk of a row, and a
 * trail that shows actions and times needs none of them.
 * Always read: the id (key and cursor tie-break) and `occurredAt`, the cursor of every page of
 * events (the log and each trail, newest first). Rows are scoped to the tenant by their query and
 * no field reads `tenantId`.
 */
const fields = {
  id: [],
  eventId: ['eventId'],
  sequence: ['sequence'],
  actor: ['actorId'],
  actorRole: ['actorRole'],
  service: ['service'],
  action: ['action'],
  entityType: ['entityType'],
  entityId: ['entityId'],
  before: ['before'],
  after: ['after'],
  requestId: ['requestId'],
  severity: ['severity'],
  tags: ['tags'],
  occurredAt: ['occurredAt'],
  recordedAt: ['recordedAt'],
  previousHash: ['previousHash'],
  hash: ['hash'],
} satisfies ColumnsByField<Required<AuditEventResolvers>, AuditEvent>;

export const AUDIT_EVENT_COLUMNS: ColumnPlan<AuditEvent> = { typeName: 'AuditEvent', always: ['id', 'occurredAt'], fields };
