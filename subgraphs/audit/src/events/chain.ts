import { createHash } from 'node:crypto';
import type { AuditSeverity } from '@fed/service-kit';

/** The previous hash of a tenant's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an event's hash covers: everything that says what happened, who did it and when. */
export interface ChainedFields {
  eventId: string;
  tenantId: string;
  sequence: number;
  actorId: string | null;
  actorRole: string | null;
  service: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  severity: AuditSeverity;
  tags: string[];
  occurredAt: Date;
}

/** JSON with object keys sorted at every depth, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** hash = sha256(previousHash + canonical event) */
export function chainHash(previousHash: string, event: ChainedFields): string {
  return createHash('sha256').update(previousHash).update(canonicalJson(event)).digest('hex');
}
