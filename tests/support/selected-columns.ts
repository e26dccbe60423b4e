import { readFileSync } from 'node:fs';
import type { SubgraphName } from '@fed/service-kit';
import { readEveryColumn } from '@fed/service-kit/testing';
import { buildSchema, getNamedType, isLeafType, isNonNullType, isObjectType, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { expect } from 'vitest';
import type { TestStack } from './stack.ts';

/**
 * Checks for subgraphs that read only the columns of the selected fields: every field of a type,
 * selected alone and all together, must answer exactly as when every column is read.
 */
const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));

/** A field with its leaf subfields (those without required arguments), or null when it needs arguments. */
function selectionOf(field: GraphQLField<unknown, unknown>): string | null {
  const required = (args: GraphQLField<unknown, unknown>['args']) =>
    args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  if (required(field.args)) return null;
  const type = getNamedType(field.type);
  if (isLeafType(type)) return field.name;
  const leaves = Object.values((type as GraphQLObjectType).getFields())
    .filter((sub) => isLeafType(getNamedType(sub.type)) && !required(sub.args))
    .map((sub) => sub.name);
  return `${field.name} { ${leaves.join(' ')} }`;
}

/** Every field of a type of the public API that can be selected without arguments, as [name, selection]. */
export function fieldSelections(typeName: string): [string, string][] {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  return Object.values(type.getFields()).flatMap((field) => {
    const selection = selectionOf(field);
    return selection ? [[field.name, selection] as [string, string]] : [];
  });
}

/** The answer with column selection switched off (every column read), the truth to compare with. */
export async function withEveryColumn<T>(work: () => Promise<T>): Promise<T> {
  readEveryColumn(true);
  try {
    return await work();
  } finally {
    readEveryColumn(false);
  }
}

/**
 * For each field of `typeName` alone, then all of them together, runs `operation(selection)` and
 * expects the same data as with every column read. `minimumNodes`: how many objects of the type the
 * answer must hold for the check to mean something.
 */
export async function expectEveryFieldAnsweredAsFromFullRows(
  graph: Pick<TestStack, 'ok'>,
  token: string,
  typeName: string,
  operation: (selection: string) => string,
  countNodes: (data: unknown) => number,
  /** The fields to check as [name, selection]; by default those of the public API (see fieldSelections). */
  fields: [string, string][] = fieldSelections(typeName),
): Promise<void> {
  const everything = fields.map(([, selection]) => selection).join('\n');
  const full = await withEveryColumn(() => graph.ok(operation(everything), token));
  expect(countNodes(full)).toBeGreaterThan(2);
  for (const [name, selection] of [['(every field)', everything] as const, ...fields]) {
    const selective = await graph.ok(operation(selection), token);
    const truth = name === '(every field)' ? full : await withEveryColumn(() => graph.ok(operation(selection), token));
    expect({ field: name, data: selective }).toEqual({ field: name, data: truth });
  }
}

/** What `work` returned, and the statements `subgraph` ran meanwhile. */
export async function statementsDuring<T>(
  graph: Pick<TestStack, 'statements'>,
  subgraph: SubgraphName,
  work: () => Promise<T>,
): Promise<{ result: T; statements: string[] }> {
  graph.statements.reset();
  const result = await work();
  return { result, statements: graph.statements.list(subgraph) };
}

/**
 * The SELECT statements among `statements` that read rows of `table`: Prisma's (`FROM
 * "public"."Table"`) and the raw page statements (`FROM "Table" <alias>`) whose select list reads
 * the table's columns out (a raw `count(*)` reads none).
 */
export const readsOf = (statements: readonly string[], table: string) =>
  statements.filter(
    (sql) =>
      new RegExp(`^SELECT .* FROM "public"\\."${table}"`, 's').test(sql) ||
      (new RegExp(`^SELECT .* FROM "${table}" \\w+`, 's').test(sql) && columnsRead(sql, table).size > 0),
  );

/**
 * The columns of `table` one SELECT statement returns: its select list, where Prisma qualifies each
 * as "schema"."Table"."column" and a raw statement as <alias>."column" (its WHERE and ORDER BY may
 * name others, which are not read out; nor is a computed item such as a page's sort value).
 */
export function columnsRead(sql: string, table: string): Set<string> {
  const selectList = sql.slice(0, sql.indexOf(' FROM '));
  const alias = new RegExp(`FROM "${table}" (\\w+)`).exec(sql)?.[1];
  if (alias) {
    const items = selectList.replace(/^SELECT\s+/, '').split(/,\s*/);
    return new Set(items.flatMap((item) => new RegExp(`^${alias}\\."(\\w+)"$`).exec(item.trim())?.[1] ?? []));
  }
  return new Set([...selectList.matchAll(new RegExp(`"public"\\."${table}"\\."(\\w+)"`, 'g'))].map((match) => match[1]!));
}
