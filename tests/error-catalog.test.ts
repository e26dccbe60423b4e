import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startGateway } from '@fed/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, users } from '../prisma/demo-world.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/**
 * The README's error catalog is true both ways (#17 item 7): one request per code, through the
 * gateway, gets that code with the catalog's HTTP status, and every code a request got is in the
 * catalog.
 */
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The catalog table: `| \`CODE\` | status | meaning |` rows between the catalog markers. */
function catalog(): Map<string, number> {
  const section = /<!-- error-catalog -->([\s\S]*?)<!-- \/error-catalog -->/.exec(README)?.[1] ?? '';
  const rows = new Map<string, number>();
  for (const match of section.matchAll(/^\| `([A-Z_]+)` +\| (\d{3}) /gm)) rows.set(match[1]!, Number(match[2]));
  return rows;
}

let graph: TestStack;
let admin: string;
let alice: string;
let bob: string;

beforeAll(async () => {
  graph = await startTestStack({ RATE_LIMIT_USER_MAX: '30' });
  [admin, alice, bob] = await Promise.all([
    graph.login(users.acmeAdmin.email),
    graph.login(users.alice.email),
    graph.login(users.bob.email),
  ]);
}, 120_000);

afterAll(async () => {
  await graph?.close();
});

interface Observed {
  status: number;
  codes: string[];
}

async function send(body: unknown, token?: string, contentType = 'application/json', url = graph.stack.gateway.url): Promise<Observed> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const answer = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, codes: (answer.errors ?? []).map((error) => String(error.extensions?.code)) };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** One request per code; each must answer with (at least) that code. */
const requests: [code: string, request: () => Promise<Observed>][] = [
  ['UNAUTHENTICATED', () => send({ query: '{ me { id } }' }, 'not-a-token')],
  ['FORBIDDEN', () => send({ query: '{ auditEvents(first: 1) { totalCount } }' }, alice)],
  ['BAD_USER_INPUT', () => send({ query: 'query ($id: ID!) { order(id: $id) { id } }', variables: { id: 'not-a-uuid' } }, admin)],
  ['NOT_FOUND', () => send({ query: `mutation { cancelOrder(id: "${randomUUID()}") { id } }` }, alice)],
  // A delivered order cannot go back to PENDING.
  ['CONFLICT', () => send({ query: `mutation { updateOrderStatus(id: "${orders.aliceCoffee.id}", status: PENDING) { id } }` }, admin)],
  ['GRAPHQL_PARSE_FAILED', () => send({ query: '{ products(' }, admin)],
  ['GRAPHQL_VALIDATION_FAILED', () => send({ query: '{ noSuchField }' }, admin)],
  ['BAD_REQUEST', () => send('{"query": ', admin)],
  ['PERSISTED_QUERY_NOT_FOUND', () => send({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(randomUUID()) } } }, admin)],
  ['OPERATION_RESOLUTION_FAILURE', () => send({ query: 'query A { __typename } query B { __typename }', operationName: 'C' }, admin)],
  [
    'RATE_LIMITED',
    async () => {
      let last: Observed = { status: 0, codes: [] };
      for (let attempt = 0; attempt < 40 && last.status !== 429; attempt += 1) last = await send({ query: '{ __typename }' }, bob);
      return last;
    },
  ],
  [
    'INTERNAL_SERVER_ERROR',
    async () => {
      // A failure nobody foresaw: a table gone from under the catalog.
      await graph.stack.subgraphs.catalog.sql.exec('ALTER TABLE "Category" RENAME TO "CategoryGone"');
      try {
        return await send({ query: '{ categories { id } }' }, admin);
      } finally {
        await graph.stack.subgraphs.catalog.sql.exec('ALTER TABLE "CategoryGone" RENAME TO "Category"');
      }
    },
  ],
  // A gateway whose audit subgraph is unreachable (nothing listens on port 9).
  [
    'DOWNSTREAM_SERVICE_ERROR',
    () => viaGateway({ AUDIT_SUBGRAPH_URL: 'http://127.0.0.1:9/graphql' }, { query: '{ auditEvents(first: 1) { totalCount } }' }, admin),
  ],
  // A gateway that neither follows the event stream nor reaches the users subgraph cannot confirm a caller's authority.
  ['SERVICE_UNAVAILABLE', () => viaGateway({ AUTHORITY_URL: 'http://127.0.0.1:9/authority/session' }, { query: '{ me { id } }' }, admin)],
  ['PERSISTED_QUERY_NOT_IN_LIST', () => viaGateway({ TRUSTED_DOCUMENTS: 'enforce' }, { query: '{ me { id } }' }, admin)],
];

/** Sends `body` through a second gateway on the same subgraphs, started with `env` on top of the stack's. */
async function viaGateway(env: Record<string, string>, body: unknown, token: string): Promise<Observed> {
  const gateway = await startGateway({
    env: {
      ...graph.env,
      ...Object.fromEntries(
        Object.entries(graph.stack.subgraphs).map(([name, subgraph]) => [`${name.toUpperCase()}_SUBGRAPH_URL`, subgraph.url]),
      ),
      AUTH_JWKS_URL: graph.stack.subgraphs.users.url.replace(/\/graphql$/, '/.well-known/jwks.json'),
      ...env,
    },
    port: 0,
  });
  try {
    return await send(body, token, 'application/json', gateway.url);
  } finally {
    await gateway.close();
  }
}

describe('the error catalog in the README', () => {
  it('lists every code a request can get, with its HTTP status, and every listed code is got by a request', async () => {
    const listed = catalog();
    expect(listed.size).toBeGreaterThan(5);
    const seen = new Map<string, number>();
    for (const [code, request] of requests) {
      const observed = await request();
      expect(observed.codes, code).toContain(code);
      for (const got of observed.codes) {
        expect(listed.has(got), `${got} (answered to the ${code} request) is in the README catalog`).toBe(true);
        if (got === code) seen.set(code, observed.status);
      }
    }
    for (const [code, status] of seen) expect(listed.get(code), `status of ${code}`).toBe(status);
    const untested = [...listed.keys()].filter((code) => !seen.has(code));
    expect(untested, 'catalog codes no request produced').toEqual([]);
  });

  it('a persisted query sent with a hash that does not match it is a BAD_REQUEST, not an internal error', async () => {
    const mismatched = await send(
      { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ somethingElse }') } } },
      admin,
    );
    expect(mismatched).toEqual({ status: 400, codes: ['BAD_REQUEST'] });
  });
});
