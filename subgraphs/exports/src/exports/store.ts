import { entityLoader, keyedLoader, pageRequest, toConnection, type Connection, type LoaderCache } from '@fed/service-kit';
import type { ExportsClient } from '../db.ts';
import type { Export, ExporterProfile, ExportStatus, Prisma } from '../generated/prisma/client.ts';

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
            AND: [
              where,
              { OR: [{ createdAt: { lt: new Date(after.value) } }, { createdAt: new Date(after.value), id: { lt: after.id } }] },
            ],
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

  profileById(id: string, tenantId: string): Promise<ExporterProfile | null> {
    return entityLoader(this.loaders, `ExporterProfile:${tenantId}`, (ids) =>
      this.db.exporterProfile.findMany({ where: { id: { in: ids }, tenantId } }),
    ).load(id);
  }

  profileOfTenant(tenantId: string): Promise<ExporterProfile | null> {
    return this.db.exporterProfile.findUnique({ where: { tenantId } });
  }

  /** The export made for an order (`Order.export`), batched over every order in the operation. */
  forOrder(orderId: string, tenantId: string | null): Promise<Export | null> {
    if (!tenantId) return Promise.resolve(null);
    return keyedLoader(
      this.loaders,
      `ExportByOrder:${tenantId}`,
      (orderIds) => this.db.export.findMany({ where: { orderId: { in: orderIds }, tenantId, status: { not: 'CANCELLED' } } }),
      (row) => row.orderId ?? '',
    ).load(orderId);
  }

  /** The export that ships a manifest (`Manifest.export`), batched. */
  forManifest(manifestId: string, tenantId: string | null): Promise<Export | null> {
    if (!tenantId) return Promise.resolve(null);
    return keyedLoader(
      this.loaders,
      `ExportByManifest:${tenantId}`,
      (manifestIds) => this.db.export.findMany({ where: { manifestId: { in: manifestIds }, tenantId, status: { not: 'CANCELLED' } } }),
      (row) => row.manifestId ?? '',
    ).load(manifestId);
  }
}
