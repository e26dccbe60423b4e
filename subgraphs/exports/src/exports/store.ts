import {
  columnEntityLoader,
  columnKeyedLoader,
  columnsFor,
  groupLoader,
  pageRequest,
  prismaSelect,
  toConnection,
  type Columns,
  type Connection,
  type LoaderCache,
  whereAfter,
} from '@fed/service-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { ExportsClient, ExportsTransaction } from '../db.ts';
import type { Export, ExportGoodsLine, ExportStatus, ExportStatusChange, Prisma } from '../generated/prisma/client.ts';
import { EXPORT_COLUMNS } from './columns.ts';

/**
 * Export rows with only `columns` (and `also`, what the caller itself reads: sort and cursor
 * columns, a loader's key). The rows keep the model's type: the column plan, complete by its type
 * and checked field by field in tests, is what keeps that true for every resolver.
 */
export function exportRows(
  db: ExportsClient,
  query: Omit<Prisma.ExportFindManyArgs, 'select' | 'include' | 'omit'>,
  columns: Columns,
  also: readonly (keyof Export & string)[] = [],
): Promise<Export[]> {
  return db.export.findMany({ ...query, select: prismaSelect(columns, also) }) as Promise<Export[]>;
}

/**
 * Locks an export's row until the transaction ends and returns it as it is now. Every change of an
 * export's status goes through this lock, so two changes of one export happen one after the other
 * and the second sees what the first did.
 */
export async function lockExport(tx: ExportsTransaction, id: string, tenantId: string): Promise<Export | null> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Export" WHERE "id" = ${id}::uuid AND "tenantId" = ${tenantId}::uuid FOR UPDATE`;
  return locked.length > 0 ? tx.export.findUnique({ where: { id } }) : null;
}

/** Owns the export queries; every read is scoped to one tenant. */
export class ExportStore {
  constructor(
    private readonly db: ExportsClient,
    private readonly loaders: LoaderCache,
  ) {}

  /** `info`: the field being resolved, to read only the columns its selection needs (null: every column). */
  byId(id: string, tenantId: string | null, info: GraphQLResolveInfo | null): Promise<Export | null> {
    if (!tenantId) return Promise.resolve(null);
    return columnEntityLoader(this.loaders, `Export:${tenantId}`, (ids, columns) =>
      exportRows(this.db, { where: { id: { in: ids }, tenantId } }, columns),
    ).load(id, columnsFor(info, EXPORT_COLUMNS));
  }

  async list(
    tenantId: string,
    args: { first?: number | null; after?: string | null; status?: ExportStatus | null },
    info: GraphQLResolveInfo | null,
  ): Promise<Connection<Export>> {
    const page = pageRequest(args);
    const where: Prisma.ExportWhereInput = { tenantId, ...(args.status ? { status: args.status } : {}) };
    const rows = await exportRows(
      this.db,
      {
        where: whereAfter(where, 'createdAt', page.after),
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: page.take + 1,
      },
      columnsFor(info, EXPORT_COLUMNS, ['edges', 'node']),
      // The cursor of each edge.
      ['createdAt'],
    );
    return toConnection(
      rows,
      page.take,
      (row) => ({ value: row.createdAt.toISOString(), id: row.id }),
      () => this.db.export.count({ where }),
    );
  }

  /**
   * The export made for an order (`Order.export`), batched over every order in the operation.
   * Oldest first, so that when a rejected export was followed by a new one the newest wins.
   */
  forOrder(orderId: string, tenantId: string | null, info: GraphQLResolveInfo | null): Promise<Export | null> {
    return this.madeFor('orderId', orderId, tenantId, info);
  }

  /** The export that ships a manifest (`Manifest.export`), batched. */
  forManifest(manifestId: string, tenantId: string | null, info: GraphQLResolveInfo | null): Promise<Export | null> {
    return this.madeFor('manifestId', manifestId, tenantId, info);
  }

  private madeFor(column: 'orderId' | 'manifestId', key: string, tenantId: string | null, info: GraphQLResolveInfo | null) {
    if (!tenantId) return Promise.resolve(null);
    return columnKeyedLoader(
      this.loaders,
      `ExportBy:${column}:${tenantId}`,
      column,
      (keys, columns) =>
        exportRows(
          this.db,
          {
            where: {
              ...(column === 'orderId' ? { orderId: { in: keys } } : { manifestId: { in: keys } }),
              tenantId,
              status: { not: 'CANCELLED' },
            },
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          },
          columns,
        ),
      (row) => row[column] ?? '',
    ).load(key, columnsFor(info, EXPORT_COLUMNS));
  }

  /** `Export.goods`, in line order, one query for every export in the operation. */
  goodsOf(exportId: string, tenantId: string): Promise<ExportGoodsLine[]> {
    return groupLoader(
      this.loaders,
      `ExportGoods:${tenantId}`,
      (exportIds) => this.db.exportGoodsLine.findMany({ where: { exportId: { in: exportIds }, tenantId }, orderBy: { lineNo: 'asc' } }),
      (row) => row.exportId,
    ).load(exportId);
  }

  /** `Export.history`, oldest first, batched. */
  historyOf(exportId: string, tenantId: string): Promise<ExportStatusChange[]> {
    return groupLoader(
      this.loaders,
      `ExportHistory:${tenantId}`,
      (exportIds) =>
        this.db.exportStatusChange.findMany({ where: { exportId: { in: exportIds }, tenantId }, orderBy: { sequence: 'asc' } }),
      (row) => row.exportId,
    ).load(exportId);
  }
}
