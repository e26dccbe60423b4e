import { entityLoader, groupLoader, type Connection, type LoaderCache } from '@fed/service-kit';
import type { CatalogClient } from '../db.ts';
import type { Inventory, StockMovement } from '../generated/prisma/client.ts';
import { perParentConnection } from '../paging.ts';

/** Stock levels and the stock ledger, tenant-scoped and batched per request. */
export class InventoryStore {
  constructor(
    private readonly db: CatalogClient,
    private readonly loaders: LoaderCache,
  ) {}

  /** Stock levels of many products in one query. */
  levelsOf(productId: string, tenantId: string): Promise<Inventory[]> {
    return groupLoader(
      this.loaders,
      `Inventory:${tenantId}`,
      (productIds) => this.db.inventory.findMany({ where: { productId: { in: productIds }, tenantId }, orderBy: { location: 'asc' } }),
      (row) => row.productId,
    ).load(productId);
  }

  levelById(id: string, tenantId: string): Promise<Inventory | null> {
    return entityLoader(this.loaders, `InventoryLevel:${tenantId}`, (ids) =>
      this.db.inventory.findMany({ where: { id: { in: ids }, tenantId } }),
    ).load(id);
  }

  /** A product's ledger, newest first; batched over every product in the operation. */
  movementsOf(
    productId: string,
    tenantId: string,
    args: { first?: number | null; after?: string | null },
  ): Promise<Connection<StockMovement>> {
    return perParentConnection<StockMovement>(
      {
        loaders: this.loaders,
        name: `StockMovements:${tenantId}`,
        tenantId,
        table: 'StockMovement',
        parentColumn: 'productId',
        parentOf: (row) => row.productId,
        rankedIds: (sql, params) => this.db.$queryRawUnsafe(sql, ...params),
        fetchByIds: (ids) => this.db.stockMovement.findMany({ where: { id: { in: ids }, tenantId } }),
        countByParents: async (productIds) => {
          const groups = await this.db.stockMovement.groupBy({
            by: ['productId'],
            where: { tenantId, productId: { in: productIds } },
            _count: { _all: true },
          });
          return new Map(groups.map((group) => [group.productId, group._count._all]));
        },
      },
      productId,
      args,
    );
  }
}
