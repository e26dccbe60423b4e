import type { PageCursor } from './pagination.ts';

/**
 * One SQL statement that pages a one-to-many join for many parents at once (`User.orders(first: 2)`
 * over a list of users): rows are ranked within each parent and the first `take` kept. It returns
 * ids only; the caller loads the rows with one `findMany({ where: { id: { in } } })`, so the
 * statement count of a nested list stays constant however many parents there are.
 *
 * Table and column names come from code, never from input; values are bound parameters.
 */
export interface PerParentPageQuery {
  table: string;
  parentColumn: string;
  /** Sorted descending, ties broken by id descending (matches the cursor encoding). */
  sortColumn: string;
  tenantId: string;
  parentIds: string[];
  take: number;
  after: PageCursor | null;
  /** Extra equality filters on columns, e.g. a status. */
  equals?: Record<string, string>;
}

const quote = (identifier: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(identifier)) throw new Error(`Unsafe SQL identifier ${identifier}`);
  return `"${identifier}"`;
};

export function perParentPageSql(query: PerParentPageQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [query.tenantId, query.parentIds, query.take + 1];
  // Parameters take the type of the column they are compared with (uuid, text, an enum): a cast
  // on the column instead would keep PostgreSQL from using the index that starts with it.
  const conditions = [`"tenantId" = $1::uuid`, `${quote(query.parentColumn)} = ANY($2)`];
  if (query.after) {
    params.push(query.after.value, query.after.id);
    conditions.push(`(${quote(query.sortColumn)}, "id") < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  for (const [column, value] of Object.entries(query.equals ?? {})) {
    params.push(value);
    conditions.push(`${quote(column)} = $${params.length}`);
  }
  const sql = `SELECT "id" FROM (
    SELECT "id", ROW_NUMBER() OVER (PARTITION BY ${quote(query.parentColumn)} ORDER BY ${quote(query.sortColumn)} DESC, "id" DESC) AS "rank"
    FROM ${quote(query.table)} WHERE ${conditions.join(' AND ')}
  ) AS "ranked" WHERE "rank" <= $3`;
  return { sql, params };
}
