import {
  DataLoader,
  columnEntityLoader,
  columnGroupLoader,
  columnsFor,
  groupLoader,
  isUuid,
  keyedLoader,
  pageRequest,
  prismaSelect,
  toConnection,
  type Connection,
  type LoaderCache,
  whereAfter,
} from '@fed/service-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { ShippingClient } from '../db.ts';
import type { Country, Manifest, ManifestItem, ManifestStatus, Prisma } from '../generated/prisma/client.ts';
import { MANIFEST_COLUMNS, MANIFEST_ITEM_COLUMNS } from './columns.ts';

/** Owns the shipping queries; manifests and items are always scoped to one tenant. */
export class ManifestStore {
  constructor(
    private readonly db: ShippingClient,
    private readonly loaders: LoaderCache,
  ) {}

  /** `info`: the field being resolved, to read only the columns its selection needs (null: every column). */
  byId(id: string, tenantId: string | null, info: GraphQLResolveInfo | null): Promise<Manifest | null> {
    if (!tenantId) return Promise.resolve(null);
    return columnEntityLoader(
      this.loaders,
      `Manifest:${tenantId}`,
      (ids, columns) =>
        // Only the planned columns (MANIFEST_COLUMNS); the rows keep the model's type because the plan,
        // complete by its type and checked field by field in tests, covers every resolver.
        this.db.manifest.findMany({ where: { id: { in: ids }, tenantId }, select: prismaSelect(columns) }) as Promise<Manifest[]>,
    ).load(id, columnsFor(info, MANIFEST_COLUMNS));
  }

  async list(
    tenantId: string,
    args: { first?: number | null; after?: string | null; status?: ManifestStatus | null },
    info: GraphQLResolveInfo | null,
  ): Promise<Connection<Manifest>> {
    const page = pageRequest(args);
    const where: Prisma.ManifestWhereInput = { tenantId, ...(args.status ? { status: args.status } : {}) };
    const columns = columnsFor(info, MANIFEST_COLUMNS, ['edges', 'node']);
    const rows = (await this.db.manifest.findMany({
      where: whereAfter(where, 'createdAt', page.after),
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.take + 1,
      // The cursor below is made of createdAt and id, whatever the operation selects.
      select: prismaSelect(columns, ['createdAt']),
    })) as Manifest[];
    return toConnection(
      rows,
      page.take,
      (row) => ({ value: row.createdAt.toISOString(), id: row.id }),
      () => this.db.manifest.count({ where }),
    );
  }

  /** The manifest's items, with only the columns the selection of `info` (Manifest.items) needs. */
  itemsOf(manifestId: string, tenantId: string, info: GraphQLResolveInfo | null): Promise<ManifestItem[]> {
    return columnGroupLoader(
      this.loaders,
      `ManifestItems:${tenantId}`,
      'manifestId',
      (manifestIds, columns) =>
        this.db.manifestItem.findMany({
          where: { manifestId: { in: manifestIds }, tenantId },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          select: prismaSelect(columns),
        }) as Promise<ManifestItem[]>,
    ).load(manifestId, columnsFor(info, MANIFEST_ITEM_COLUMNS));
  }

  async orderIdsOf(manifestId: string, tenantId: string): Promise<string[]> {
    const links = await groupLoader(
      this.loaders,
      `ManifestOrders:${tenantId}`,
      (manifestIds) => this.db.manifestOrder.findMany({ where: { manifestId: { in: manifestIds }, tenantId } }),
      (row) => row.manifestId,
    ).load(manifestId);
    return links.map((link) => link.orderId);
  }

  /** `Order.manifests` for every order in the operation in one query (two with the manifests). */
  async manifestsOfOrder(orderId: string, tenantId: string | null, info: GraphQLResolveInfo | null): Promise<Manifest[]> {
    if (!tenantId) return [];
    const links = await groupLoader(
      this.loaders,
      `OrderManifests:${tenantId}`,
      (orderIds) => this.db.manifestOrder.findMany({ where: { orderId: { in: orderIds }, tenantId } }),
      (row) => row.orderId,
    ).load(orderId);
    const manifests = await Promise.all(links.map((link) => this.byId(link.manifestId, tenantId, info)));
    return manifests.filter((manifest): manifest is Manifest => manifest !== null);
  }

  country(code: string): Promise<Country | null> {
    return keyedLoader(
      this.loaders,
      'Country',
      (codes) => this.db.country.findMany({ where: { code: { in: codes } } }),
      (country) => country.code,
    ).load(code);
  }

  countries(): Promise<Country[]> {
    return this.db.country.findMany({ where: { active: true }, orderBy: { name: 'asc' } });
  }

  /**
   * `Product.shippedQuantity`: units on the tenant's SHIPPED or DELIVERED manifests, for every
   * product of the operation in one grouped query.
   */
  shippedQuantityOf(productId: string, tenantId: string): Promise<number> {
    return this.loaders
      .get(
        `ShippedQuantity:${tenantId}`,
        () =>
          new DataLoader<string, number>(async (productIds) => {
            const ids = [...new Set(productIds.filter(isUuid))];
            const groups =
              ids.length > 0
                ? await this.db.manifestItem.groupBy({
                    by: ['productId'],
                    where: { tenantId, productId: { in: ids }, manifest: { status: { in: ['SHIPPED', 'DELIVERED'] } } },
                    _sum: { quantity: true },
                  })
                : [];
            const shipped = new Map(groups.map((group) => [group.productId, group._sum.quantity ?? 0]));
            return productIds.map((id) => shipped.get(id) ?? 0);
          }),
      )
      .load(productId);
  }
}
