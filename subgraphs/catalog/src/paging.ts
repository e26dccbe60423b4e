import { DataLoader, pageRequest, perParentPageSql, toConnection, type Connection, type LoaderCache } from '@fed/service-kit';

type Timestamped = { id: string; createdAt: Date };

export const newestFirstCursor = (row: Timestamped) => ({ value: row.createdAt.toISOString(), id: row.id });

const newestFirst = (a: Timestamped, b: Timestamped) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** A nested, paged, newest-first list (`Product.reviews`, `User.reviews`) hanging off many parents. */
export interface PerParentList<Row extends Timestamped> {
  loaders: LoaderCache;
  /** Loader namespace, unique per list and tenant. */
  name: string;
  tenantId: string;
  table: string;
  parentColumn: string;
  parentOf(row: Row): string;
  /** Runs the ranking statement (ids only). */
  rankedIds(sql: string, params: unknown[]): Promise<{ id: string }[]>;
  fetchByIds(ids: string[]): Promise<Row[]>;
  countByParents(parentIds: string[]): Promise<Map<string, number>>;
}

/**
 * One page of the list for one parent, batched over every parent in the operation: one statement
 * ranks the rows of all parents, one loads them, and `totalCount` is one grouped count. So the
 * statement count does not grow with the number of parents.
 */
export async function perParentConnection<Row extends Timestamped>(
  list: PerParentList<Row>,
  parentId: string,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<Row>> {
  const page = pageRequest(args);
  const pages = list.loaders.get(
    `${list.name}:page:${page.take}:${args.after ?? ''}`,
    () =>
      new DataLoader<string, Row[]>(async (parentIds) => {
        const { sql, params } = perParentPageSql({
          table: list.table,
          parentColumn: list.parentColumn,
          sortColumn: 'createdAt',
          tenantId: list.tenantId,
          parentIds: [...parentIds],
          take: page.take,
          after: page.after,
        });
        const ids = (await list.rankedIds(sql, params)).map((row) => row.id);
        const rows = ids.length > 0 ? (await list.fetchByIds(ids)).sort(newestFirst) : [];
        return parentIds.map((id) => rows.filter((row) => list.parentOf(row) === id));
      }),
  );
  const counts = list.loaders.get(
    `${list.name}:count`,
    () =>
      new DataLoader<string, number>(async (parentIds) => {
        const byParent = await list.countByParents([...parentIds]);
        return parentIds.map((id) => byParent.get(id) ?? 0);
      }),
  );
  return toConnection(await pages.load(parentId), page.take, newestFirstCursor, () => counts.load(parentId));
}
