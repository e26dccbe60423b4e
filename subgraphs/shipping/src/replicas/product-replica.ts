import type { AuditEventPayload, Logger, RawExecutor } from '@fed/service-kit';
import type { ShippingClient } from '../db.ts';
import type { ProductReplica } from '../generated/prisma/client.ts';

/**
 * Shipping's replica of the catalog's products. Shipping never calls the catalog nor reads its
 * database: the catalog's product events (`product.created`, `product.updated`, `product.deleted`,
 * delivered by the event relay from the catalog's outbox) keep this table, and manifest items are
 * validated against the replica of the caller's tenant.
 */
export type ReplicaOutcome = 'applied' | 'stale' | 'ignored';

const PRODUCT_EVENTS = new Set(['product.created', 'product.updated', 'product.deleted']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DECIMAL = /^\d+(\.\d+)?$/;

export class CatalogEventError extends Error {
  constructor(eventId: string, problem: string) {
    super(`Catalog event ${eventId} cannot be applied to the product replica: ${problem}`);
    this.name = 'CatalogEventError';
  }
}

/**
 * Applies one catalog event to the replica. Idempotent (applying an event twice changes nothing)
 * and order-tolerant: each row remembers the `occurredAt` of the event it reflects, and an event
 * that is not newer is ignored ('stale'); on a tie a deactivation wins, so a delete is never lost.
 * Events that are not catalog product events are 'ignored'. A product event that does not carry a
 * usable product snapshot throws CatalogEventError (the relay should park it, not retry it).
 */
export async function applyCatalogEvent(db: RawExecutor, payload: AuditEventPayload): Promise<ReplicaOutcome> {
  if (payload.service !== 'catalog' || payload.entityType !== 'Product' || !PRODUCT_EVENTS.has(payload.action)) return 'ignored';
  const deleted = payload.action === 'product.deleted';
  const snapshot = (deleted ? (payload.after ?? payload.before) : payload.after) as Record<string, unknown> | null | undefined;
  if (!snapshot || typeof snapshot !== 'object') throw new CatalogEventError(payload.eventId, 'it carries no product snapshot');
  const version = new Date(payload.occurredAt);
  if (Number.isNaN(version.getTime())) throw new CatalogEventError(payload.eventId, 'occurredAt is not a time');
  const id = snapshot.id ?? payload.entityId;
  const tenantId = snapshot.tenantId ?? payload.tenantId;
  if (typeof id !== 'string' || !UUID.test(id) || id !== payload.entityId)
    throw new CatalogEventError(payload.eventId, 'id is not the entity id');
  // The event's tenant is the producer's verified tenant; a snapshot claiming another is refused.
  if (tenantId !== payload.tenantId) throw new CatalogEventError(payload.eventId, 'the product belongs to another tenant than the event');
  const { sku, name, status } = snapshot;
  const hsCode = snapshot.hsCode ?? null;
  const weightKg = typeof snapshot.weightKg === 'number' ? String(snapshot.weightKg) : snapshot.weightKg;
  if (typeof sku !== 'string' || typeof name !== 'string') throw new CatalogEventError(payload.eventId, 'sku and name are required');
  if (hsCode !== null && typeof hsCode !== 'string') throw new CatalogEventError(payload.eventId, 'hsCode must be a string');
  if (typeof weightKg !== 'string' || !DECIMAL.test(weightKg)) throw new CatalogEventError(payload.eventId, 'weightKg must be a decimal');
  const active = !deleted && status === 'ACTIVE';

  const changed = await db.$executeRawUnsafe(
    `INSERT INTO "ProductReplica" ("id", "tenantId", "sku", "name", "hsCode", "weightKg", "active", "updatedAt")
     VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::numeric, $7, $8::timestamptz)
     ON CONFLICT ("id") DO UPDATE SET "sku" = EXCLUDED."sku", "name" = EXCLUDED."name", "hsCode" = EXCLUDED."hsCode",
       "weightKg" = EXCLUDED."weightKg", "active" = EXCLUDED."active", "updatedAt" = EXCLUDED."updatedAt"
     WHERE "ProductReplica"."tenantId" = EXCLUDED."tenantId"
       AND ("ProductReplica"."updatedAt" < EXCLUDED."updatedAt"
         OR ("ProductReplica"."updatedAt" = EXCLUDED."updatedAt" AND "ProductReplica"."active" AND NOT EXCLUDED."active"))`,
    id,
    payload.tenantId,
    sku,
    name,
    hsCode,
    weightKg,
    active,
    version.toISOString(),
  );
  return changed > 0 ? 'applied' : 'stale';
}

/** The consumer group under which shipping reads the platform's events for its product replica. */
export const PRODUCT_REPLICA_GROUP = 'shipping-product-replica';

/**
 * The event-bus consumer of the replica: applies a batch in order. A malformed product event is
 * logged and skipped, since redelivering it could never succeed and would hold back every later
 * event; a database failure throws, so the batch is delivered again (applying is idempotent).
 * Wire it in the subgraph's build: `events.subscribe(PRODUCT_REPLICA_GROUP, catalogEventHandler(client, logger))`.
 */
export function catalogEventHandler(db: RawExecutor, logger: Logger): (events: AuditEventPayload[]) => Promise<void> {
  return async (events) => {
    for (const event of events) {
      try {
        await applyCatalogEvent(db, event);
      } catch (error) {
        if (!(error instanceof CatalogEventError)) throw error;
        logger.warn('catalog event skipped by the product replica', { eventId: event.eventId, reason: error.message });
      }
    }
  };
}

/** The replica rows of one tenant for the given product ids (unknown or foreign ids are absent). */
export function replicaProducts(
  db: { productReplica: Pick<ShippingClient['productReplica'], 'findMany'> },
  tenantId: string,
  ids: string[],
): Promise<ProductReplica[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.productReplica.findMany({ where: { tenantId, id: { in: ids } } });
}
