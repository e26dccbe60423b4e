import {
  BadUserInputError,
  columnEntityLoader,
  columnsFor,
  pageRequest,
  prismaSelect,
  toConnection,
  uuidInput,
  type Columns,
  type Connection,
  type LoaderCache,
  type PageCursor,
} from '@fed/service-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CatalogClient } from '../db.ts';
import type { Product, ProductStatus } from '../generated/prisma/client.ts';
import { PRODUCT_COLUMNS } from './columns.ts';
import { moneyInput } from '../validation.ts';
import { decodeSortValue, encodeSortValue, productCountSql, productPageSql, type ProductSearchFilter, type ProductSort } from './search.ts';

export interface ProductFilter {
  search?: string | null;
  categoryId?: string | null;
  tag?: string | null;
  minPrice?: string | null;
  maxPrice?: string | null;
  status?: ProductStatus | null;
  active?: boolean | null;
}

export function searchFilter(filter: ProductFilter): ProductSearchFilter {
  const search = filter.search?.trim() || null;
  if (search && search.length > 200) throw new BadUserInputError('filter.search', 'must be at most 200 characters');
  return {
    search,
    categoryId: filter.categoryId ? uuidInput('filter.categoryId', filter.categoryId) : null,
    tag: filter.tag?.trim().toLowerCase() || null,
    minPrice: filter.minPrice ? moneyInput('filter.minPrice', filter.minPrice) : null,
    maxPrice: filter.maxPrice ? moneyInput('filter.maxPrice', filter.maxPrice) : null,
    status: filter.status ?? null,
    active: filter.active ?? null,
  };
}

/** Owns the catalog's product reads; always scoped to one tenant, batched per request. */
export class ProductStore {
  constructor(
    private readonly db: CatalogClient,
    private readonly loaders: LoaderCache,
  ) {}

  private loader(tenantId: string) {
    return columnEntityLoader(this.loaders, `Product:${tenantId}`, (ids, columns) =>
      this.rows({ id: { in: ids }, tenantId, deletedAt: null }, columns),
    );
  }

  /**
   * Only the columns the operation's fields read (PRODUCT_COLUMNS). The rows keep the model's type:
   * the column plan, complete by its type and checked field by field in tests, is what keeps that
   * true for every resolver.
   */
  private rows(where: NonNullable<Parameters<CatalogClient['product']['findMany']>[0]>['where'], columns: Columns): Promise<Product[]> {
    return this.db.product.findMany({ where, select: prismaSelect(columns) }) as Promise<Product[]>;
  }

  /** `info`: the field being resolved, to read only the columns its selection needs (null: every column). */
  byId(id: string, tenantId: string | null, info: GraphQLResolveInfo | null): Promise<Product | null> {
    if (!tenantId) return Promise.resolve(null);
    return this.loader(tenantId).load(id, columnsFor(info, PRODUCT_COLUMNS));
  }

  bySku(sku: string, tenantId: string): Promise<Product | null> {
    return this.db.product.findFirst({ where: { tenantId, sku: sku.trim().toUpperCase(), deletedAt: null } });
  }

  /**
   * One statement per page when the selection names its columns (hits in order with those
   * columns), two when every column is wanted (ids in order, then the rows through Prisma); plus
   * one when totalCount is selected.
   */
  async list(
    tenantId: string,
    args: { first?: number | null; after?: string | null; filter?: ProductFilter | null; sort?: ProductSort | null },
    info: GraphQLResolveInfo | null,
  ): Promise<Connection<Product>> {
    const columns = columnsFor(info, PRODUCT_COLUMNS, ['edges', 'node']);
    const page = pageRequest(args);
    const filter = searchFilter(args.filter ?? {});
    const sort = args.sort ?? (filter.search ? 'RELEVANCE' : 'NEWEST');
    const after = page.after ? decodeSortValue(sort, page.after) : null;
    const ordered = columns
      ? await this.pageWithColumns(tenantId, filter, sort, page.take, after, columns)
      : await this.pageThenRows(tenantId, filter, sort, page.take, after);
    const loader = this.loader(tenantId);
    for (const hit of ordered) loader.prime(hit.row, columns);
    return toConnection(
      ordered,
      page.take,
      (hit) => ({ value: encodeSortValue(sort, hit.sortValue), id: hit.row.id }),
      async () => {
        const count = productCountSql({ tenantId, filter });
        const [result] = await this.db.$queryRawUnsafe<{ count: number }[]>(count.sql, ...count.params);
        return result?.count ?? 0;
      },
      (hit) => hit.row,
    );
  }

  /**
   * The hot path of a catalog page: the page's hits with the selected columns in one raw
   * statement (a raw query costs a fraction of Prisma's CPU per statement here). Raw rows carry
   * the same value types as Prisma's (Decimal, Date, enum strings, arrays):
   * tests/selected-columns.test.ts compares every field with the answer from full Prisma rows.
   */
  private async pageWithColumns(
    tenantId: string,
    filter: ProductSearchFilter,
    sort: ProductSort,
    take: number,
    after: PageCursor | null,
    columns: readonly string[],
  ): Promise<{ row: Product; sortValue: string }[]> {
    const { sql, params } = productPageSql({ tenantId, filter, sort, take, after, columns });
    const hits = await this.db.$queryRawUnsafe<(Product & { sortValue: string })[]>(sql, ...params);
    return hits.map(({ sortValue, ...row }) => ({ row: row as Product, sortValue }));
  }

  /** Every column: the ids in page order, then the rows through Prisma (which knows every column's type). */
  private async pageThenRows(
    tenantId: string,
    filter: ProductSearchFilter,
    sort: ProductSort,
    take: number,
    after: PageCursor | null,
  ): Promise<{ row: Product; sortValue: string }[]> {
    const { sql, params } = productPageSql({ tenantId, filter, sort, take, after });
    const hits = await this.db.$queryRawUnsafe<{ id: string; sortValue: string }[]>(sql, ...params);
    const rows = hits.length > 0 ? await this.rows({ id: { in: hits.map((hit) => hit.id) }, tenantId }, null) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return hits.flatMap((hit) => {
      const row = byId.get(hit.id);
      return row ? [{ row, sortValue: hit.sortValue }] : [];
    });
  }
}
