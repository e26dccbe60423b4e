import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { SUBGRAPH_NAMES, type SqlClient } from '@fed/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../prisma/demo-world.ts';
import { startTestStack, type GraphQLResponse, type TestStack } from './support/stack.ts';

/**
 * The schema-driven fuzz test of hostile input (#17). It walks the public API schema
 * (schema.graphql): for every argument of every root field, and every field of every input object
 * reachable from one, it sends each hostile value of that position's type (the other required
 * positions filled with harmless values) through the gateway, once as an ADMIN and once as a
 * CUSTOMER. Every answer must be a refusal that names a client error, never
 * INTERNAL_SERVER_ERROR, and no database may have changed. A new field is covered by its type.
 */

const schema = buildSchema(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));

// Past the kit's 10,000-character rule; a body past the gateway's 1 MB limit is the last test's case.
const longString = 'x'.repeat(20_001);
/** Stands for JSON nested 10,000 deep, which JSON.stringify cannot write: spliced into the body as text. */
const DEEP_JSON = '\u0001deep-json\u0001';
const deepJsonText = '{"deeper":['.repeat(5_000) + '"leaf"' + ']}'.repeat(5_000);

/** POSTs an operation to the gateway, with the deep-JSON placeholder written out. */
async function post(query: string, token: string, variables: Record<string, unknown>): Promise<GraphQLResponse> {
  const body = JSON.stringify({ query, variables }).replace(JSON.stringify(DEEP_JSON), deepJsonText);
  const response = await fetch(graph.stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  const text = await response.text();
  let parsed: Omit<GraphQLResponse, 'status' | 'headers'>;
  try {
    parsed = JSON.parse(text) as Omit<GraphQLResponse, 'status' | 'headers'>;
  } catch {
    parsed = { errors: [{ message: `not JSON: ${text.slice(0, 200)}`, extensions: { code: 'NOT_JSON' } }] };
  }
  return { status: response.status, headers: response.headers, ...parsed };
}

/** Hostile values per scalar; every one of them breaks a rule the graph must enforce. */
const HOSTILE: Record<string, { label: string; value: unknown }[]> = {
  String: [
    { label: 'NUL', value: 'before\u0000after' },
    { label: 'lone surrogate', value: 'broken \ud800 text' },
    { label: '20,001 characters', value: longString },
  ],
  ID: [
    { label: 'not a UUID', value: 'not-a-uuid' },
    { label: 'NUL', value: '\u0000' },
    { label: 'lone surrogate', value: '\udc00' },
  ],
  DateTime: [
    { label: 'year -271821', value: '-271821-04-20T00:00:00.000Z' },
    { label: 'year +275760', value: '+275760-09-13T00:00:00.000Z' },
    { label: 'not a date', value: 'yesterday' },
  ],
  JSON: [
    { label: 'nested 10000 deep', value: DEEP_JSON },
    { label: 'NUL inside', value: { note: 'a\u0000b' } },
    { label: '80 kB JSON', value: { a: longString, b: longString.replace(/x/g, 'y'), c: longString, d: longString } },
  ],
  Decimal: [
    { label: '40 digits', value: '9'.repeat(40) },
    { label: 'exponent', value: '1e400' },
    { label: 'NUL', value: '1\u0000' },
  ],
  Int: [
    { label: '2^53', value: 2 ** 53 },
    { label: '-2^53', value: -(2 ** 53) },
  ],
  Float: [{ label: '1e308 * 10 as text', value: '1e309' }],
};

/** Harmless values that satisfy the kit's rules, for the positions not under test. */
function filler(type: GraphQLInputType): unknown {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) return [filler(nullable.ofType as GraphQLInputType)];
  if (isInputObjectType(nullable)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(nullable.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = filler(field.type);
    }
    return value;
  }
  if (isEnumType(nullable)) return nullable.getValues()[0]?.value;
  if (isScalarType(nullable)) {
    switch (nullable.name) {
      case 'ID':
        return randomUUID();
      case 'Int':
        return 1;
      case 'Float':
        return 1.5;
      case 'Boolean':
        return false;
      case 'DateTime':
        return '2026-01-01T00:00:00.000Z';
      case 'Decimal':
        return '1.00';
      case 'JSON':
        return {};
      default:
        return 'harmless';
    }
  }
  return null;
}

interface Position {
  /** e.g. ["input", "items", 0, "description"] */
  path: (string | number)[];
  scalar: string;
}

/** Every scalar position under an argument, through input objects and lists (each input type once per path). */
function positions(type: GraphQLInputType, path: (string | number)[], seen: Set<string>): Position[] {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) return positions(nullable.ofType as GraphQLInputType, [...path, 0], seen);
  if (isInputObjectType(nullable)) {
    if (seen.has(nullable.name)) return []; // recursive input types are walked once per path
    const inner = new Set(seen).add(nullable.name);
    return Object.values(nullable.getFields()).flatMap((field) => positions(field.type, [...path, field.name], inner));
  }
  if (isScalarType(nullable) && HOSTILE[nullable.name]) return [{ path, scalar: nullable.name }];
  return [];
}

/** The argument's filler with the hostile value put at the position (creating the objects on the way). */
function withValueAt(argument: GraphQLArgument, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const root = (filler(argument.type) ?? (typeof path[0] === 'number' ? [] : {})) as Record<string | number, unknown>;
  let cursor: Record<string | number, unknown> = root;
  for (let index = 0; index < path.length - 1; index += 1) {
    const key = path[index]!;
    const nextKey = path[index + 1]!;
    if (cursor[key] === undefined || cursor[key] === null) cursor[key] = typeof nextKey === 'number' ? [] : {};
    cursor = cursor[key] as Record<string | number, unknown>;
  }
  cursor[path[path.length - 1]!] = value;
  return root;
}

interface FuzzCase {
  operation: 'query' | 'mutation';
  field: string;
  position: string;
  valueLabel: string;
  query: string;
  variables: Record<string, unknown>;
}

function casesOf(operation: 'query' | 'mutation'): FuzzCase[] {
  const root = operation === 'query' ? schema.getQueryType() : schema.getMutationType();
  const cases: FuzzCase[] = [];
  for (const field of Object.values(root?.getFields() ?? {}) as GraphQLField<unknown, unknown>[]) {
    const declarations = field.args.map((argument, index) => `$a${index}: ${String(argument.type)}`).join(', ');
    const passed = field.args.map((argument, index) => `${argument.name}: $a${index}`).join(', ');
    const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
    const query = `${operation} Fuzz${declarations ? `(${declarations})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
    field.args.forEach((argument, argumentIndex) => {
      for (const position of positions(argument.type, [], new Set())) {
        for (const hostile of HOSTILE[position.scalar] ?? []) {
          const variables: Record<string, unknown> = {};
          field.args.forEach((other, otherIndex) => {
            if (otherIndex === argumentIndex) variables[`a${otherIndex}`] = withValueAt(argument, position.path, hostile.value);
            else if (isNonNullType(other.type) && other.defaultValue === undefined) variables[`a${otherIndex}`] = filler(other.type);
          });
          cases.push({
            operation,
            field: field.name,
            position: [argument.name, ...position.path].join('.'),
            valueLabel: hostile.label,
            query,
            variables,
          });
        }
      }
    });
  }
  return cases;
}

/** Row count and content checksum of every table of every subgraph's database. */
async function databaseFingerprint(graph: TestStack): Promise<Record<string, string>> {
  const fingerprint: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    const sql: SqlClient = graph.stack.subgraphs[name].sql;
    const tables = await sql.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`,
    );
    for (const { tablename } of tables) {
      const [row] = await sql.query<{ rows: number; checksum: string | null }>(
        `SELECT count(*)::int AS rows, md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))) AS checksum FROM "${tablename}" t`,
      );
      fingerprint[`${name}.${tablename}`] = `${row?.rows ?? 0}:${row?.checksum ?? ''}`;
    }
  }
  return fingerprint;
}

async function settledFingerprint(graph: TestStack): Promise<Record<string, string>> {
  // Sign-ins write sessions and audit events, which the outbox relays on; wait until nothing moves.
  let previous = await databaseFingerprint(graph);
  for (let attempt = 0; attempt < 40; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const current = await databaseFingerprint(graph);
    if (JSON.stringify(current) === JSON.stringify(previous)) return current;
    previous = current;
  }
  throw new Error('the databases never settled');
}

let graph: TestStack;
let tokens: { ADMIN: string; CUSTOMER: string };

beforeAll(async () => {
  graph = await startTestStack({ RATE_LIMIT_USER_MAX: '0', RATE_LIMIT_TENANT_MAX: '0', RATE_LIMIT_ANONYMOUS_MAX: '0' });
  tokens = { ADMIN: await graph.login(users.acmeAdmin.email), CUSTOMER: await graph.login(users.alice.email) };
}, 120_000);

afterAll(async () => {
  await graph?.close();
});

describe('hostile input, walked over the public schema', () => {
  it('is refused with a client error naming the position, never an internal error, and writes nothing', async () => {
    const cases = [...casesOf('query'), ...casesOf('mutation')];
    expect(cases.length).toBeGreaterThan(500);
    const before = await settledFingerprint(graph);

    const failures: string[] = [];
    const codes = new Map<string, number>();
    let sent = 0;
    const roles = Object.entries(tokens) as ['ADMIN' | 'CUSTOMER', string][];
    const work = cases.flatMap((fuzzCase) => roles.map(([role, token]) => ({ fuzzCase, role, token })));
    const batchSize = 16;
    for (let start = 0; start < work.length; start += batchSize) {
      await Promise.all(
        work.slice(start, start + batchSize).map(async ({ fuzzCase, role, token }) => {
          const answer = await post(fuzzCase.query, token, fuzzCase.variables);
          sent += 1;
          const label = `${role} ${fuzzCase.field}(${fuzzCase.position} = ${fuzzCase.valueLabel})`;
          const errorCodes = (answer.errors ?? []).map((error) => String(error.extensions?.code));
          for (const code of errorCodes) codes.set(code, (codes.get(code) ?? 0) + 1);
          if (answer.status >= 500) failures.push(`${label}: HTTP ${answer.status}`);
          if (errorCodes.length === 0) failures.push(`${label}: accepted (${JSON.stringify(answer.data)})`);
          if (errorCodes.includes('INTERNAL_SERVER_ERROR'))
            failures.push(`${label}: INTERNAL_SERVER_ERROR ${answer.errors?.map((error) => error.message).join('; ')}`);
          else if (!errorCodes.includes('BAD_USER_INPUT'))
            failures.push(`${label}: ${errorCodes.join(', ')} instead of BAD_USER_INPUT (${answer.errors?.[0]?.message})`);
        }),
      );
    }
    console.warn(`hostile-input fuzz: ${sent} (field, argument, value, role) cases; codes ${JSON.stringify(Object.fromEntries(codes))}`);
    expect(failures).toEqual([]);
    expect(await settledFingerprint(graph)).toEqual(before);
  }, 110_000);

  it('names the position and the rule in the refusal', async () => {
    const answer = await graph.query('mutation ($input: CreateCategoryInput!) { createCategory(input: $input) { id } }', {
      token: tokens.ADMIN,
      variables: { input: { name: 'a\u0000b', slug: 'fine' } },
    });
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.errors?.[0]?.message).toBe('createCategory.input.name: must not contain the NUL character (U+0000)');
    const roles = await graph.query('mutation ($id: ID!) { updateUserRoles(id: $id, roles: [VIEWER]) { id } }', {
      token: tokens.ADMIN,
      variables: { id: 'not-a-uuid' },
    });
    expect(roles.errors?.[0]?.message).toBe('updateUserRoles.id: must be a UUID');
  });

  it('answers a string past the 1 MB body limit with 413, not an internal error, and writes nothing', async () => {
    const answer = await post('mutation ($input: CreateCategoryInput!) { createCategory(input: $input) { id } }', tokens.ADMIN, {
      input: { name: 'x'.repeat(1_000_000), slug: 'megabyte' },
    });
    expect(answer.status).toBe(413);
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });
});
