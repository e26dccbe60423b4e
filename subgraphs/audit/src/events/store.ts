import {
  columnsKey,
  columnsFor,
  DataLoader,
  whereAfter,
  pageRequest,
  perParentPageSql,
  prismaSelect,
  toConnection,
  type Columns,
  type Connection,
  type LoaderCache,
} from '@fed/service-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { AuditClient } from '../db.ts';
import type { AuditEvent, AuditSeverity, Prisma } from '../generated/prisma/client.ts';
import { AUDIT_EVENT_COLUMNS } from './columns.ts';

export interface AuditEventFilter {
  actorId?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  action?: string | null;
  severity?: AuditSeverity | null;
  from?: Date | null;
  to?: Date | null;
}

type PageArgs = { first?: number | null; after?: string | null };
const eventCursor = (row: AuditEvent) => ({ value: row.occurredAt.toISOString(), id: row.id });
const newestFirst: Prisma.AuditEventOrderByWithRelationInput[] = [{ occurredAt: 'desc' }, { id: 'desc' }];

/** Reads the audit log; always scoped to one tenant. */
export class AuditStore {
  constructor(
    private readonly db: AuditClient,
    private readonly loaders: LoaderCache,
  ) {}

  /**
   * Only the columns the operation's fields read (AUDIT_EVENT_COLUMNS). The rows keep the model's
   * type: the column plan, complete by its type and checked field by field in tests, keeps that true
   * for every resolver.
   */
  private rows(
    args: Omit<Prisma.AuditEventFindManyArgs, 'select' | 'include' | 'omit'>,
    columns: Columns,
    also: readonly string[] = [],
  ): Promise<AuditEvent[]> {
    return this.db.auditEvent.findMany({ ...args, select: prismaSelect(columns, also) }) as Promise<AuditEvent[]>;
  }

  /** `info`: the field being resolved, to read only the columns its selection needs (null: every column). */
  async list(
    tenantId: string,
    args: PageArgs & { filter?: AuditEventFilter | null },
    info: GraphQLResolveInfo | null,
  ): Promise<Connection<AuditEvent>> {
    const columns = columnsFor(info, AUDIT_EVENT_COLUMNS, ['edges', 'node']);
    const page = pageRequest(args);
    const filter = args.filter ?? {};
    const where: Prisma.AuditEventWhereInput = {
      tenantId,
      ...(filter.actorId ? { actorId: filter.actorId } : {}),
      ...(filter.entityType ? { entityType: filter.entityType } : {}),
      ...(filter.entityId ? { entityId: filter.entityId } : {}),
      ...(filter.action ? { action: filter.action } : {}),
      ...(filter.severity ? { severity: filter.severity } : {}),
      ...(filter.from || filter.to
        ? { occurredAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
        : {}),
    };
    const rows = await this.rows(
      {
        where: whereAfter(where, 'occurredAt', page.after),
        orderBy: newestFirst,
        take: page.take + 1,
      },
      columns,
    );
    return toConnection(rows, page.take, eventCursor, () => this.db.auditEvent.count({ where }));
  }

  /**
   * An event by its outbox id once the audit consumer stored it: waits up to `waitMs` (the consumer
   * commits within a batch interval of the publish), null if it never appears (e.g. a duplicate).
   */
  async storedEvent(tenantId: string, eventId: string, waitMs = 5000): Promise<AuditEvent | null> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const row = await this.db.auditEvent.findFirst({ where: { tenantId, eventId } });
      if (row || Date.now() >= deadline) return row;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Counts per UTC day, action and severity: one grouped query. */
  async summary(
    tenantId: string,
    from: Date,
    to: Date,
  ): Promise<{ day: string; action: string; severity: AuditSeverity; count: number }[]> {
    const rows = await this.db.$queryRawUnsafe<{ day: string; action: string; severity: AuditSeverity; count: number }[]>(
      `SELECT to_char(date_trunc('day', "occurredAt" AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS "day", "action", "severity"::text AS "severity", count(*)::int AS "count"
       FROM "AuditEvent" WHERE "tenantId" = $1::uuid AND "occurredAt" >= $2 AND "occurredAt" < $3
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      tenantId,
      from,
      to,
    );
    return rows;
  }

  /**
   * `auditTrail` of many entities of one type in constant statements: one ranks and pages the
   * events of every requested entity, one loads them (only the selected columns, `info` as for
   * `list`), one counts them grouped.
   */
  async trailOf(
    entityType: string,
    entityId: string,
    tenantId: string,
    args: PageArgs,
    info: GraphQLResolveInfo | null,
  ): Promise<Connection<AuditEvent>> {
    const columns = columnsFor(info, AUDIT_EVENT_COLUMNS, ['edges', 'node']);
    const page = pageRequest(args);
    // One batch per selection: a batch loaded for fewer columns never answers a trail that needs more.
    const pages = this.loaders.get(
      `Trail:${tenantId}:${entityType}:${page.take}:${args.after ?? ''}:${columnsKey(columns)}`,
      () =>
        new DataLoader<string, AuditEvent[]>(async (entityIds) => {
          const { sql, params } = perParentPageSql({
            table: 'AuditEvent',
            parentColumn: 'entityId',
            sortColumn: 'occurredAt',
            tenantId,
            parentIds: [...entityIds],
            take: page.take,
            after: page.after,
            equals: { entityType },
          });
          const ids = (await this.db.$queryRawUnsafe<{ id: string }[]>(sql, ...params)).map((row) => row.id);
          // The batch's events are handed back to their entities by entityId, whatever the nodes select.
          const rows = ids.length ? await this.rows({ where: { id: { in: ids } }, orderBy: newestFirst }, columns, ['entityId']) : [];
          return entityIds.map((id) => rows.filter((row) => row.entityId === id));
        }),
    );
    const counts = this.loaders.get(
      `TrailCount:${tenantId}:${entityType}`,
      () =>
        new DataLoader<string, number>(async (entityIds) => {
          const grouped = await this.db.auditEvent.groupBy({
            by: ['entityId'],
            where: { tenantId, entityType, entityId: { in: [...entityIds] } },
            _count: { _all: true },
          });
          const byEntity = new Map(grouped.map((group) => [group.entityId, group._count._all]));
          return entityIds.map((id) => byEntity.get(id) ?? 0);
        }),
    );
    return toConnection(await pages.load(entityId), page.take, eventCursor, () => counts.load(entityId));
  }
}
