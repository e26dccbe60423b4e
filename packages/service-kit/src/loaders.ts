import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders, created lazily by name. A new cache per request means batching
 * within one operation and no data leaking between requests (or tenants).
 */
export class LoaderCache {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<Key, Value>(name: string, create: () => DataLoader<Key, Value>): DataLoader<Key, Value> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = create() as DataLoader<unknown, unknown>;
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<Key, Value>;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** Rows returned in the order of the keys they were asked for; a missing key yields null. */
export function alignByKey<Row, Key>(keys: readonly Key[], rows: readonly Row[], keyOf: (row: Row) => Key): (Row | null)[] {
  const byKey = new Map<Key, Row>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

/** Rows grouped under the key they belong to, in key order (a key without rows gets []). */
export function groupByKey<Row, Key>(keys: readonly Key[], rows: readonly Row[], keyOf: (row: Row) => Key): Row[][] {
  const groups = new Map<Key, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/**
 * A loader that fetches every requested id of one entity type in a single query
 * (`where: { id: { in: ids } }`) and answers in key order. Ids that are not UUIDs can never
 * exist, so they resolve to null without reaching the database.
 */
export function entityLoader<Row extends { id: string }>(
  loaders: LoaderCache,
  name: string,
  fetchByIds: (ids: string[]) => Promise<Row[]>,
): DataLoader<string, Row | null> {
  return loaders.get(
    `entity:${name}`,
    () =>
      new DataLoader<string, Row | null>(async (keys) => {
        const ids = keys.filter(isUuid);
        const rows = ids.length > 0 ? await fetchByIds([...new Set(ids)]) : [];
        return alignByKey(keys, rows, (row) => row.id);
      }),
  );
}

/** A loader for a one-to-many join keyed by the parent id, one query for all parents. */
export function groupLoader<Row>(
  loaders: LoaderCache,
  name: string,
  fetchByParentIds: (parentIds: string[]) => Promise<Row[]>,
  parentIdOf: (row: Row) => string,
): DataLoader<string, Row[]> {
  return loaders.get(
    `group:${name}`,
    () =>
      new DataLoader<string, Row[]>(async (keys) => {
        const ids = keys.filter(isUuid);
        const rows = ids.length > 0 ? await fetchByParentIds([...new Set(ids)]) : [];
        return groupByKey(keys, rows, parentIdOf);
      }),
  );
}

/** A reference to an entity another subgraph owns: federation resolves the rest by its key. */
export interface EntityReference {
  id: string;
}
export { default as DataLoader } from 'dataloader';

/** Like entityLoader, for rows keyed by something other than a UUID id (e.g. a country code). */
export function keyedLoader<Row, Key extends string>(
  loaders: LoaderCache,
  name: string,
  fetchByKeys: (keys: Key[]) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
): DataLoader<Key, Row | null> {
  return loaders.get(
    `keyed:${name}`,
    () => new DataLoader<Key, Row | null>(async (keys) => alignByKey(keys, await fetchByKeys([...new Set(keys)]), keyOf)),
  );
}
