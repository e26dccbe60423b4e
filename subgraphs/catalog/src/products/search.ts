import { BadUserInputError, isUuid, type PageCursor } from '@fed/service-kit';
import type { ProductStatus } from '../generated/prisma/client.ts';

/**
 * The SQL behind `products(filter, sort)`: full-text search on the generated `textSearch` column
 * (GIN index, PostgreSQL and PGlite alike), category subtree, tag (GIN), price range and status
 * filters, and keyset pagination for every sort. Each filter and sort has an index; the EXPLAIN
 * test in search.test.ts keeps it that way. Values are always bound parameters.
 */
export type ProductSort = 'NEWEST' | 'OLDEST' | 'PRICE_ASC' | 'PRICE_DESC' | 'NAME_ASC' | 'RELEVANCE';

export interface ProductSearchFilter {
  search: string | null;
  categoryId: string | null;
  tag: string | null;
  minPrice: string | null;
  maxPrice: string | null;
  status: ProductStatus | null;
  active: boolean | null;
}

export interface ProductSearchQuery {
  tenantId: string;
  filter: ProductSearchFilter;
  sort: ProductSort;
  take: number;
  /** The decoded cursor: `value` is the sort value as PostgreSQL prints it. */
  after: PageCursor | null;
  /**
   * Product columns to return with each hit (model field names), so the page needs no second
   * statement for its rows; absent: ids and sort values only.
   */
  columns?: readonly string[];
}

/** Web-search syntax ("a phrase", or, -word) with English stemming; SKUs are indexed unstemmed. */
const TS_QUERY = (param: string) => `websearch_to_tsquery('english'::regconfig, ${param})`;

const SORTS: Record<ProductSort, { expression: (search: string) => string; direction: 'ASC' | 'DESC'; cast: string }> = {
  NEWEST: { expression: () => 'p."createdAt"', direction: 'DESC', cast: 'timestamptz' },
  OLDEST: { expression: () => 'p."createdAt"', direction: 'ASC', cast: 'timestamptz' },
  PRICE_ASC: { expression: () => 'p."price"', direction: 'ASC', cast: 'numeric' },
  PRICE_DESC: { expression: () => 'p."price"', direction: 'DESC', cast: 'numeric' },
  NAME_ASC: { expression: () => 'p."name"', direction: 'ASC', cast: 'text' },
  RELEVANCE: { expression: (search) => `ts_rank(p."textSearch", ${TS_QUERY(search)})`, direction: 'DESC', cast: 'real' },
};

class Params {
  readonly values: unknown[] = [];
  bind(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

function conditions(params: Params, tenantId: string, filter: ProductSearchFilter): { where: string[]; search: string | null } {
  const tenant = params.bind(tenantId, 'uuid');
  const where = [`p."tenantId" = ${tenant}`, 'p."deletedAt" IS NULL'];
  let search: string | null = null;
  if (filter.search) {
    search = params.bind(filter.search, 'text');
    where.push(`p."textSearch" @@ ${TS_QUERY(search)}`);
  }
  if (filter.categoryId) {
    // The category and its whole subtree, computed once (an InitPlan), then looked up in the categoryId index.
    where.push(`p."categoryId" = ANY(ARRAY(
      WITH RECURSIVE "subtree" AS (
        SELECT c."id" FROM "Category" c WHERE c."id" = ${params.bind(filter.categoryId, 'uuid')} AND c."tenantId" = ${tenant}
        UNION ALL
        SELECT c."id" FROM "Category" c JOIN "subtree" s ON c."parentId" = s."id" WHERE c."tenantId" = ${tenant}
      ) SELECT "id" FROM "subtree"))`);
  }
  if (filter.tag) where.push(`p."tags" @> ARRAY[${params.bind(filter.tag, 'text')}]`);
  if (filter.minPrice) where.push(`p."price" >= ${params.bind(filter.minPrice, 'numeric')}`);
  if (filter.maxPrice) where.push(`p."price" <= ${params.bind(filter.maxPrice, 'numeric')}`);
  if (filter.status) where.push(`p."status" = ${params.bind(filter.status, '"ProductStatus"')}`);
  if (filter.active !== null) where.push(filter.active ? `p."status" = 'ACTIVE'` : `p."status" <> 'ACTIVE'`);
  return { where, search };
}

/** One page of product ids in sort order (take + 1 rows: the extra one says there is a next page). */
export function productPageSql(query: ProductSearchQuery): { sql: string; params: unknown[] } {
  const params = new Params();
  const { where, search } = conditions(params, query.tenantId, query.filter);
  if (query.sort === 'RELEVANCE' && !search) throw new BadUserInputError('sort', 'RELEVANCE needs filter.search');
  const sort = SORTS[query.sort];
  const sortValue = sort.expression(search ?? '');
  if (query.after) {
    const comparison = sort.direction === 'DESC' ? '<' : '>';
    where.push(
      `(${sortValue}, p."id") ${comparison} (${params.bind(query.after.value, sort.cast)}, ${params.bind(query.after.id, 'uuid')})`,
    );
  }
  const columns = (query.columns ?? [])
    .filter((column) => column !== 'id')
    .map((column) => {
      if (!/^[A-Za-z]\w*$/.test(column)) throw new Error(`productPageSql: not a column name: ${column}`);
      return `, p."${column}"`;
    });
  const sql = `SELECT p."id", (${sortValue})::text AS "sortValue"${columns.join('')} FROM "Product" p
    WHERE ${where.join(' AND ')}
    ORDER BY ${sortValue} ${sort.direction}, p."id" ${sort.direction}
    LIMIT ${params.bind(query.take + 1, 'int')}`;
  return { sql, params: params.values };
}

export function productCountSql(query: Pick<ProductSearchQuery, 'tenantId' | 'filter'>): { sql: string; params: unknown[] } {
  const params = new Params();
  const { where } = conditions(params, query.tenantId, query.filter);
  return { sql: `SELECT count(*)::int AS "count" FROM "Product" p WHERE ${where.join(' AND ')}`, params: params.values };
}

/** Cursors carry their sort, so a cursor of one sort order is refused by another. */
export const encodeSortValue = (sort: ProductSort, value: string) => `${sort}:${value}`;

const VALUE_SHAPES: Record<string, RegExp> = {
  timestamptz: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}(:\d{2})?$/,
  numeric: /^-?\d+(\.\d+)?$/,
  real: /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i,
  text: /^[\s\S]*$/,
};

export function decodeSortValue(sort: ProductSort, cursor: PageCursor): PageCursor {
  const prefix = `${sort}:`;
  const value = cursor.value.slice(prefix.length);
  if (!cursor.value.startsWith(prefix) || !isUuid(cursor.id) || !VALUE_SHAPES[SORTS[sort].cast]!.test(value)) {
    throw new BadUserInputError('after', `must be a cursor returned by this field with sort ${sort}`);
  }
  return { value, id: cursor.id };
}
