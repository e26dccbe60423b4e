import {
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Queries generated from the public schema, so that a new type or field is walked the day it is
 * added: for every object type reachable from Query, the shortest path to it through fields that
 * need no arguments (connections through `edges { node }`), and a selection of every field of it
 * (leaves by name, objects as `{ __typename }`).
 */
export interface TypeWalk {
  type: string;
  /** Field names from Query down to the type, e.g. ['orders', 'edges', 'node', 'manifests']. */
  path: string[];
  query: string;
  /** The type's fields the query selects. */
  fields: string[];
}

const needsArguments = (field: GraphQLField<unknown, unknown>) =>
  field.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);

/** Structural types walked through, not judged: connections, edges, page info. */
export const isStructural = (name: string) => name.endsWith('Connection') || name.endsWith('Edge') || name === 'PageInfo';

/**
 * `pathsPerType`: how many distinct shortest paths to walk to each type (a type reached only through
 * `me` may have no rows for the caller, and a reference is judged under each parent it hangs on).
 */
export function walkSchema(schema: GraphQLSchema, pathsPerType = 2): TypeWalk[] {
  const query = schema.getQueryType()!;
  const pathsTo = new Map<string, string[][]>();
  const queue: { type: GraphQLObjectType; path: string[] }[] = [{ type: query, path: [] }];
  while (queue.length > 0) {
    const { type, path } = queue.shift()!;
    for (const field of Object.values(type.getFields())) {
      if (needsArguments(field)) continue;
      const named = getNamedType(field.type);
      if (!isObjectType(named) || named === query) continue;
      const paths = pathsTo.get(named.name) ?? [];
      if (paths.length >= pathsPerType) continue;
      const next = [...path, field.name];
      paths.push(next);
      pathsTo.set(named.name, paths);
      queue.push({ type: named, path: next });
    }
  }
  return [...pathsTo]
    .filter(([typeName]) => !isStructural(typeName))
    .flatMap(([typeName, paths]) => {
      const type = schema.getType(typeName) as GraphQLObjectType;
      const fields = Object.values(type.getFields()).filter((field) => !needsArguments(field));
      const selection = fields
        .map((field) => (isLeafType(getNamedType(field.type)) ? field.name : `${field.name} { __typename }`))
        .join(' ');
      return paths.map((path) => {
        const query = path.reduceRight((inner, name) => `${name} { ${inner} }`, `__typename ${selection}`);
        return { type: typeName, path, query: `{ ${query} }`, fields: fields.map((field) => field.name) };
      });
    });
}

/** Whether a field of the public schema may be null (for the assertions on what a refusal leaves). */
export const isNullable = (schema: GraphQLSchema, typeName: string, fieldName: string) => {
  const type = schema.getType(typeName);
  return isObjectType(type) && !isNonNullType(type.getFields()[fieldName]!.type);
};

export const returnsList = (schema: GraphQLSchema, typeName: string, fieldName: string) => {
  const type = schema.getType(typeName) as GraphQLObjectType;
  return isListType(getNullableType(type.getFields()[fieldName]!.type));
};

export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

/**
 * What must hold of any answer, whoever asks: data is never null without an error; every error has a
 * path and a code, and is never an internal one; the value at an error's path is null while its
 * parent still resolved (the refusal nulled only itself). Returns what is wrong, for the failure message.
 */
export function refusalProblems(data: unknown, errors: GraphQLErrorEntry[] | undefined): string[] {
  const problems: string[] = [];
  if (data === null || data === undefined) {
    if (!errors?.length) return ['data is null and there is no error'];
    // A refused root field of a non-null type takes the whole answer: it has no parent to keep.
    for (const error of errors) {
      if ((error.path?.length ?? 0) > 1)
        problems.push(`data is null because of a nested error at ${error.path?.join('.')}: ${error.message}`);
    }
  }
  for (const error of errors ?? []) {
    if (!error.path) problems.push(`an error without a path: ${error.message}`);
    if (!error.extensions?.code) problems.push(`an error without a code: ${error.message}`);
    if (error.extensions?.code === 'INTERNAL_SERVER_ERROR')
      problems.push(`an internal error at ${error.path?.join('.')}: ${error.message}`);
    if (!error.path || error.path.length < 2 || data === null || data === undefined) continue;
    const parent = valueAt(data, error.path.slice(0, -1));
    if (parent === null || typeof parent !== 'object') {
      problems.push(`the error at ${error.path.join('.')} (${error.message}) nulled its parent`);
    } else if ((parent as Record<string, unknown>)[String(error.path.at(-1))] !== null) {
      problems.push(`the value at ${error.path.join('.')} is not null, yet it has an error: ${error.message}`);
    }
  }
  return problems;
}

export function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[String(key)];
  }
  return value;
}

/** Every object found at the end of `path` (through lists), e.g. every Order of every manifest. */
export function objectsAt(data: unknown, path: readonly string[]): Record<string, unknown>[] {
  let values: unknown[] = [data];
  for (const key of path) {
    values = values
      .flatMap((value) => (Array.isArray(value) ? value : [value]))
      .filter((value): value is Record<string, unknown> => value !== null && typeof value === 'object')
      .map((value) => value[key]);
  }
  return values
    .flatMap((value) => (Array.isArray(value) ? value : [value]))
    .filter((value): value is Record<string, unknown> => value !== null && typeof value === 'object');
}
