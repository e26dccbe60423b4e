import { randomUUID } from 'node:crypto';
import type { ServiceContext } from './context.ts';
import type { AuthorityChange } from './current-authority.ts';
import type { SubgraphName } from './service.ts';
import { currentTraceparent } from './tracing.ts';

/**
 * The transactional outbox. A mutation that changes state calls `recordAuditEvent` with its own
 * transaction client, so the event commits or rolls back together with the change: no change
 * without its event, no event without its change. A relay later delivers outbox rows to the audit
 * subgraph. Every subgraph database has the same `OutboxEvent` table (see its schema.prisma).
 */
export type AuditSeverity = 'INFO' | 'NOTICE' | 'WARNING' | 'CRITICAL';

export interface AuditEventInput {
  /** `<entity>.<verb>` in the past tense, e.g. `order.placed`, `manifest.submitted`. */
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  severity?: AuditSeverity;
  /** Compliance tags, e.g. `pii`, `financial`, `export-control`. */
  tags?: string[];
  /** Defaults to the caller's tenant; set when there is no caller (login of an anonymous user). */
  tenantId?: string;
  actorId?: string | null;
  /** A change of who may do what (users subgraph only): followed by every service, see current-authority.ts. */
  authority?: AuthorityChange;
}

/** What the audit subgraph receives for one event. */
export interface AuditEventPayload {
  eventId: string;
  tenantId: string;
  actorId: string | null;
  actorRole: string | null;
  service: SubgraphName;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  severity: AuditSeverity;
  tags: string[];
  occurredAt: string;
  authority?: AuthorityChange;
  /** W3C trace context of the change that recorded the event (only while tracing is on), so its consumers link to it. */
  traceparent?: string;
}

/** Any Prisma client or interactive-transaction client: the outbox needs only raw execution. */
export interface RawExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

/** Keys whose values never leave the service, at any depth of a snapshot. */
const SECRET_KEY = /pass(word)?|secret|token|credential|api[-_]?key|private|hash$/i;

/** A copy of a snapshot with every secret-looking member replaced, so audit payloads never carry secrets. */
export function redactSecrets(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (typeof value === 'object') {
    if ('toFixed' in value && typeof value.toFixed === 'function' && 'd' in value) return (value as { toFixed(): string }).toFixed();
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, member]) => [
        key,
        SECRET_KEY.test(key) ? '[redacted]' : redactSecrets(member),
      ]),
    );
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

export async function recordAuditEvent(
  transaction: RawExecutor,
  context: Pick<ServiceContext, 'identity' | 'requestId' | 'client'>,
  service: SubgraphName,
  event: AuditEventInput,
): Promise<AuditEventPayload> {
  const tenantId = event.tenantId ?? context.identity?.tenantId;
  if (!tenantId) throw new Error(`Audit event ${event.action} has no tenant`);
  const payload: AuditEventPayload = {
    eventId: randomUUID(),
    tenantId,
    actorId: event.actorId !== undefined ? event.actorId : (context.identity?.userId ?? null),
    actorRole: context.identity?.roles.join(',') || null,
    service,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: redactSecrets(event.before),
    after: redactSecrets(event.after),
    requestId: context.requestId,
    ip: context.client.ip,
    userAgent: context.client.userAgent,
    severity: event.severity ?? 'INFO',
    tags: event.tags ?? [],
    occurredAt: new Date().toISOString(),
    ...(event.authority ? { authority: event.authority } : {}),
  };
  const traceparent = currentTraceparent();
  if (traceparent) payload.traceparent = traceparent;
  await transaction.$executeRawUnsafe(
    'INSERT INTO "OutboxEvent" ("id", "tenantId", "payload") VALUES ($1::uuid, $2::uuid, $3::jsonb)',
    payload.eventId,
    tenantId,
    JSON.stringify(payload),
  );
  return payload;
}
