import DataLoader from 'dataloader';
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { alignByKey, groupByKey, isUuid, type LoaderCache } from './loaders.ts';

/**
 * Which columns of a row each GraphQL field of its type reads. Typing it as a record over every
 * field of the type's resolvers (`satisfies ColumnsByField<Required<XResolvers>, Row>`) makes a new
 * field without an entry a compile error; a field missing at run time (a schema ahead of the map)
 * loads every column, never too few.
 */
export type ColumnsByField<Resolvers, Row> = {
  [Field in Exclude<keyof Resolvers, '__resolveReference' | '__isTypeOf'>]: readonly (keyof Row & string)[];
};

export interface ColumnPlan<Row> {
  /** GraphQL type name, to follow only the fragments that apply to it. */
  typeName: string;
  /** Read by every row whatever is selected (keys, tenant scope). */
  always: readonly (keyof Row & string)[];
  fields: Readonly<Record<string, readonly (keyof Row & string)[]>>;
}

/** Sorted column names, or null for "every column". */
export type Columns = readonly string[] | null;

const planned = new WeakMap<readonly FieldNode[], Map<string, Columns>>();

/** Tests switch column selection off to get the answer every column gives, to compare with. */
let everyColumn = false;
export function readEveryColumn(on: boolean): void {
  everyColumn = on;
}

/**
 * The columns needed to answer the selection below the field being resolved, for objects of
 * `plan.typeName` reached through `path` (e.g. `['edges', 'node']` below a connection). Fragments
 * and inline fragments are followed; `@skip`/`@include` are ignored (a column too many, never one
 * too few). Memoised per field node list, which graphql-js shares between the items of a list, so a
 * list of 50 items walks the selection once.
 */
export function columnsFor<Row>(info: GraphQLResolveInfo | null, plan: ColumnPlan<Row>, path: readonly string[] = []): Columns {
  // No field being resolved (a call from a service, not a resolver): every column.
  if (!info || everyColumn) return null;
  const key = `${plan.typeName}:${path.join('.')}`;
  let byPlan = planned.get(info.fieldNodes);
  const known = byPlan?.get(key);
  if (known !== undefined) return known;

  let selections: SelectionSetNode[] = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const step of path) {
    selections = fieldsIn(info, selections, null)
      .filter((field) => field.name.value === step)
      .flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
  }
  const columns = new Set<string>(plan.always);
  let everything = false;
  for (const field of fieldsIn(info, selections, plan.typeName)) {
    const name = field.name.value;
    if (name === '__typename') continue;
    const needed = plan.fields[name];
    if (!needed) everything = true;
    else for (const column of needed) columns.add(column);
  }
  const result: Columns = everything ? null : [...columns].sort();
  if (!byPlan) planned.set(info.fieldNodes, (byPlan = new Map()));
  byPlan.set(key, result);
  return result;
}

/** The fields of the selection sets, through fragments that apply to `typeName` (any, when null). */
function fieldsIn(info: GraphQLResolveInfo, selectionSets: readonly SelectionSetNode[], typeName: string | null): FieldNode[] {
  const fields: FieldNode[] = [];
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(info, selection.typeCondition?.name.value, typeName)) visit(selection.selectionSet);
      } else {
        const fragment = info.fragments[selection.name.value];
        if (fragment && applies(info, fragment.typeCondition.name.value, typeName)) visit(fragment.selectionSet);
      }
    }
  };
  for (const set of selectionSets) visit(set);
  return fields;
}

/**
 * A fragment on another object type does not apply; one on an interface or union might, so it counts.
 * The type is recognised by its tag: the schema may come from the other (CommonJS) copy of graphql-js,
 * whose objects fail this copy's instanceof checks.
 */
function applies(info: GraphQLResolveInfo, condition: string | undefined, typeName: string | null): boolean {
  if (!condition || !typeName || condition === typeName) return true;
  return Object.prototype.toString.call(info.schema.getType(condition)) !== '[object GraphQLObjectType]';
}

/**
 * A Prisma `select` for the columns, or undefined for every column. `also`: columns the store itself
 * reads whatever the operation selects (a page's sort and cursor columns).
 */
export function prismaSelect(columns: Columns, also: readonly string[] = []): Record<string, true> | undefined {
  return columns ? Object.fromEntries([...columns, ...also].map((column) => [column, true as const])) : undefined;
}

/**
 * Like entityLoader, for loads that say which columns they need: one query per batch selecting
 * the union of the batch's columns. The cache key is id + columns, so a row loaded with fewer
 * columns is never handed to a caller that needs more.
 */
export function columnEntityLoader<Row extends { id: string }>(
  loaders: LoaderCache,
  name: string,
  fetchByIds: (ids: string[], columns: Columns) => Promise<Row[]>,
) {
  // Ids that are not UUIDs can never exist: they resolve to null without reaching the database.
  return columnKeyedLoader<Row, string>(
    loaders,
    name,
    'id',
    async (keys, columns) => {
      const ids = keys.filter(isUuid);
      return ids.length > 0 ? fetchByIds(ids, columns) : [];
    },
    (row) => row.id,
  );
}

/**
 * Like keyedLoader (rows matched by another column than id, e.g. the export of an order by its
 * orderId), for loads that say which columns they need: one query per batch for the distinct keys,
 * selecting the union of the batch's columns and `keyColumn`, which the rows are matched by. Cached
 * by key + columns, as columnEntityLoader.
 */
export function columnKeyedLoader<Row, Key extends string>(
  loaders: LoaderCache,
  name: string,
  keyColumn: keyof Row & string,
  fetchByKeys: (keys: Key[], columns: Columns) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
) {
  const loader = loaders.get(
    `columns:${name}`,
    () =>
      new DataLoader<ColumnLoad<Key>, Row | null, string>(
        async (requests) => {
          const keys = [...new Set(requests.map((request) => request.key))];
          const rows = await fetchByKeys(keys, unionOf(requests, keyColumn));
          return alignByKey(
            requests.map((request) => request.key),
            rows,
            keyOf,
          );
        },
        { cacheKeyFn: cacheKeyOf },
      ),
  );
  return {
    load: (key: Key, columns: Columns) => loader.load({ key, columns }),
    /** Rows read elsewhere (a list page) answer later loads that need no more than `columns`. */
    prime: (row: Row, columns: Columns) => loader.prime({ key: keyOf(row), columns }, row),
  };
}

/**
 * Like groupLoader (the rows of many parents in one query), for loads that say which columns they
 * need: one query per batch selecting the union of the batch's columns and `parentColumn`, cached
 * by parent id + columns for the same reason as columnEntityLoader.
 */
export function columnGroupLoader<Row extends Record<Parent, string>, Parent extends string>(
  loaders: LoaderCache,
  name: string,
  parentColumn: Parent,
  fetchByParentIds: (parentIds: string[], columns: Columns) => Promise<Row[]>,
) {
  const loader = loaders.get(
    `columns-group:${name}`,
    () =>
      new DataLoader<ColumnLoad<string>, Row[], string>(
        async (requests) => {
          const ids = [...new Set(requests.map((request) => request.key).filter(isUuid))];
          const rows = ids.length > 0 ? await fetchByParentIds(ids, unionOf(requests, parentColumn)) : [];
          return groupByKey(
            requests.map((request) => request.key),
            rows,
            (row) => row[parentColumn],
          );
        },
        { cacheKeyFn: cacheKeyOf },
      ),
  );
  return { load: (parentId: string, columns: Columns) => loader.load({ key: parentId, columns }) };
}

/** One load of a column-aware loader: which row(s), and which columns the caller needs. */
interface ColumnLoad<Key extends string> {
  key: Key;
  columns: Columns;
}

/** Names a column set, for cache keys and loader names: rows read with other columns never answer it. */
export const columnsKey = (columns: Columns) => columns?.join(',') ?? '*';

const cacheKeyOf = (request: ColumnLoad<string>) => `${request.key}|${columnsKey(request.columns)}`;

/** The sorted union of a batch's columns and the key column its rows are matched by; null when one needs every column. */
function unionOf(requests: readonly { columns: Columns }[], keyColumn: string): Columns {
  const union = new Set([keyColumn]);
  for (const request of requests) {
    if (!request.columns) return null;
    for (const column of request.columns) union.add(column);
  }
  return [...union].sort();
}
