import {
  entityLoader,
  groupLoader,
  keyedLoader,
  pageRequest,
  toConnection,
  type Connection,
  type LoaderCache,
  keysetAfter,
} from '@fed/service-kit';
import type { ExportsClient, ExportsTransaction } from '../db.ts';
import type { Export, ExportGoodsLine, ExportStatus, ExportStatusChange, Prisma } from '../generated/prisma/client.ts';

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

  byId(id: string, tenantId: string | null): Promise<Export | null> {
    if (!tenantId) return Promise.resolve(null);
    return entityLoader(this.loaders, `Export:${tenantId}`, (ids) =>
      this.db.export.findMany({ where: { id: { in: ids }, tenantId } }),
    ).load(id);
  }

  async list(
    tenantId: string,
    args: { first?: number | null; after?: string | null; status?: ExportStatus | null },
  ): Promise<Connection<Export>> {
    const page = pageRequest(args);
    const where: Prisma.ExportWhereInput = { tenantId, ...(args.status ? { status: args.status } : {}) };
    const after = page.after;
    const rows = await this.db.export.findMany({
      where: after
        ? {
            AND: [where, keysetAfter('createdAt', after)],
          }
        : where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.take + 1,
    });
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
  forOrder(orderId: string, tenantId: string | null): Promise<Export | null> {
    if (!tenantId) return Promise.resolve(null);
    return keyedLoader(
      this.loaders,
      `ExportByOrder:${tenantId}`,
      (orderIds) =>
        this.db.export.findMany({
          where: { orderId: { in: orderIds }, tenantId, status: { not: 'CANCELLED' } },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        }),
      (row) => row.orderId ?? '',
    ).load(orderId);
  }

  /** The export that ships a manifest (`Manifest.export`), batched. */
  forManifest(manifestId: string, tenantId: string | null): Promise<Export | null> {
    if (!tenantId) return Promise.resolve(null);
    return keyedLoader(
      this.loaders,
      `ExportByManifest:${tenantId}`,
      (manifestIds) =>
        this.db.export.findMany({
          where: { manifestId: { in: manifestIds }, tenantId, status: { not: 'CANCELLED' } },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        }),
      (row) => row.manifestId ?? '',
    ).load(manifestId);
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
