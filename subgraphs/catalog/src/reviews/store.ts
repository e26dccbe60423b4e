import { DataLoader, entityLoader, type Connection, type LoaderCache } from '@fed/service-kit';
import type { CatalogClient } from '../db.ts';
import type { Review } from '../generated/prisma/client.ts';
import { perParentConnection, type PerParentList } from '../paging.ts';

export interface RatingSummary {
  average: number | null;
  count: number;
}

/** Review reads, tenant-scoped and batched: lists per product or author, and rating summaries. */
export class ReviewStore {
  constructor(
    private readonly db: CatalogClient,
    private readonly loaders: LoaderCache,
  ) {}

  byId(id: string, tenantId: string): Promise<Review | null> {
    return entityLoader(this.loaders, `Review:${tenantId}`, (ids) =>
      this.db.review.findMany({ where: { id: { in: ids }, tenantId } }),
    ).load(id);
  }

  private list(tenantId: string, parentColumn: 'productId' | 'authorId'): PerParentList<Review> {
    return {
      loaders: this.loaders,
      name: `Reviews:${parentColumn}:${tenantId}`,
      tenantId,
      table: 'Review',
      parentColumn,
      parentOf: (row) => row[parentColumn],
      rankedIds: (sql, params) => this.db.$queryRawUnsafe(sql, ...params),
      fetchByIds: (ids) => this.db.review.findMany({ where: { id: { in: ids }, tenantId } }),
      countByParents: async (parentIds) => {
        const groups = await this.db.review.groupBy({
          by: [parentColumn],
          where: { tenantId, [parentColumn]: { in: parentIds } },
          _count: { _all: true },
        });
        return new Map(groups.map((group) => [group[parentColumn], group._count._all]));
      },
    };
  }

  ofProduct(productId: string, tenantId: string, args: { first?: number | null; after?: string | null }): Promise<Connection<Review>> {
    return perParentConnection(this.list(tenantId, 'productId'), productId, args);
  }

  ofAuthor(authorId: string, tenantId: string, args: { first?: number | null; after?: string | null }): Promise<Connection<Review>> {
    return perParentConnection(this.list(tenantId, 'authorId'), authorId, args);
  }

  /** Average and count for many products in one grouped query. */
  ratingOf(productId: string, tenantId: string): Promise<RatingSummary> {
    return this.loaders
      .get(
        `Ratings:${tenantId}`,
        () =>
          new DataLoader<string, RatingSummary>(async (productIds) => {
            const groups = await this.db.review.groupBy({
              by: ['productId'],
              where: { tenantId, productId: { in: [...productIds] } },
              _avg: { rating: true },
              _count: { _all: true },
            });
            const byProduct = new Map(groups.map((group) => [group.productId, group]));
            return productIds.map((id) => {
              const group = byProduct.get(id);
              const average = group?._avg.rating;
              return {
                average: average === null || average === undefined ? null : Math.round(average * 100) / 100,
                count: group?._count._all ?? 0,
              };
            });
          }),
      )
      .load(productId);
  }
}
