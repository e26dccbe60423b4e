import { connect } from 'node:net';
import { startGateway, type RunningGateway } from '@fed/gateway';
import { createLogger } from '@fed/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifests, orders, tenants, users } from '../prisma/demo-world.ts';
import { getRoute, gql, metricValue } from './fixtures/gateway-client.ts';
import { startTokenIssuer, type TokenIssuer } from './fixtures/token-issuer.ts';
import { FIXTURE_SUPERGRAPH_PATH, startFixtureSubgraphs, type FixtureSubgraphs } from './fixtures/two-subgraphs/subgraphs.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/**
 * Subgraphs that are down or slow, and what the gateway does about them: partial data with
 * errors on the affected paths, timeouts, readiness; plus connection reuse, de-duplication of
 * identical in-flight fetches, request ids and request logs.
 */
let graph: TestStack;
let subgraphs: FixtureSubgraphs;
let issuer: TokenIssuer;
let fixtureGateway: RunningGateway;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  [graph, subgraphs, issuer] = await Promise.all([startTestStack(), startFixtureSubgraphs(), startTokenIssuer()]);
  fixtureGateway = await startGateway({
    env: { SUPERGRAPH_PATH: FIXTURE_SUPERGRAPH_PATH, ...subgraphs.env, ...issuer.env, PRODUCTS_SUBGRAPH_TIMEOUT_MS: '300' },
    logger: createLogger({ service: 'gateway', level: 'info', sink: (line) => logLines.push(JSON.parse(line) as Record<string, unknown>) }),
    port: 0,
  });
});
/** Development responses carry stack traces; the assertions are about the rest. */
function withoutStacktrace(error: { message: string; path?: unknown; extensions?: Record<string, unknown> }) {
  const { stacktrace: _stacktrace, ...extensions } = error.extensions ?? {};
  return { ...error, extensions };
}

/** Stops one subgraph of the stack for good (the stack's own close then skips it). */
async function stopSubgraph(name: 'shipping' | 'exports'): Promise<void> {
  const service = graph.stack.subgraphs[name];
  await service.close();
  service.close = async () => {};
}

afterAll(async () => {
  await fixtureGateway?.close();
  await Promise.all([graph?.close(), subgraphs?.close(), issuer?.close()]);
});

describe('a subgraph that is slow', () => {
  it('hits its timeout: the other fields return, the slow one is null with an error on its path', async () => {
    const result = await gql(fixtureGateway.url, '{ slow(ms: 3000) latestReviews(first: 1) { body } }');
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ slow: null, latestReviews: [{ body: 'Prefer something else.' }] });
    expect(result.errors?.map(withoutStacktrace)).toEqual([
      {
        message: 'Subgraph "products" did not answer within 300 ms',
        path: ['slow'],
        extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'products', reason: 'timeout' },
      },
    ]);
    const metrics = (await getRoute(fixtureGateway.url, '/metrics')).text;
    expect(metricValue(metrics, 'gateway_subgraph_fetch_errors_total{subgraph="products",reason="timeout"}')).toBe(1);
  });
});

describe('connections and in-flight fetches', () => {
  it('reuses keep-alive connections to subgraphs', async () => {
    const before = subgraphs.counters.connections.reviews;
    for (let index = 0; index < 10; index++) await gql(fixtureGateway.url, '{ latestReviews { stars } }');
    expect(subgraphs.counters.connections.reviews - before).toBeLessThanOrEqual(1);
  });

  it('sends identical in-flight fetches of one caller once, and keeps different callers apart', async () => {
    const token = await issuer.sign({ userId: 'dedupe-1', tenantId: 'tenant-d' });
    const query = '{ catalog { upc reviews { body } } }';
    subgraphs.setReviewsDelay(400);
    try {
      const before = subgraphs.counters.requests.reviews;
      const answers = await Promise.all(Array.from({ length: 5 }, () => gql(fixtureGateway.url, query, { token })));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
      expect(new Set(answers.map((answer) => JSON.stringify(answer.data))).size).toBe(1);
      expect(answers[0]!.data).toMatchObject({
        catalog: expect.arrayContaining([{ upc: 'p-3', reviews: [{ body: 'Prefer something else.' }] }]),
      });
      expect(subgraphs.counters.requests.reviews - before).toBe(1);

      // Callers of other tenants (so the cached answer of tenant-d is not theirs): two fetches.
      const [first, second] = await Promise.all([
        issuer.sign({ userId: 'dedupe-2', tenantId: 'tenant-e' }),
        issuer.sign({ userId: 'dedupe-3', tenantId: 'tenant-f' }),
      ]);
      const apart = subgraphs.counters.requests.reviews;
      await Promise.all([gql(fixtureGateway.url, query, { token: first }), gql(fixtureGateway.url, query, { token: second })]);
      expect(subgraphs.counters.requests.reviews - apart).toBe(2);
    } finally {
      subgraphs.setReviewsDelay(0);
    }
    const metrics = (await getRoute(fixtureGateway.url, '/metrics')).text;
    expect(metricValue(metrics, 'gateway_subgraph_fetches_deduplicated_total{subgraph="reviews"}')).toBeGreaterThanOrEqual(4);
  });
});

describe('request ids and logs', () => {
  it('returns the request id, sends it to every subgraph called, and logs the operation with it', async () => {
    const token = await issuer.sign({ userId: 'logged-user', tenantId: 'logged-tenant' });
    const result = await gql(fixtureGateway.url, 'query TopWithReviews { topProducts(first: 1) { name reviews { stars } } }', {
      token,
      headers: { 'x-request-id': 'trace-me-42' },
    });
    // A client's x-request-id is not trusted (no TRUST_PROXY): the gateway issues its own.
    const issued = result.headers.get('x-request-id');
    expect(issued).toMatch(/^[0-9a-f-]{36}$/);
    expect(subgraphs.counters.requestIds.filter((id) => id === issued)).toHaveLength(2);
    expect(subgraphs.counters.requestIds).not.toContain('trace-me-42');
    // The client's id is logged beside the gateway's, so the two can be matched.
    const line = logLines.find((entry) => entry.requestId === issued && entry.msg === 'graphql operation');
    expect(line).toMatchObject({
      clientRequestId: 'trace-me-42',
      level: 'info',
      service: 'gateway',
      operationName: 'TopWithReviews',
      operationType: 'query',
      tenantId: 'logged-tenant',
      userId: 'logged-user',
    });
    expect(typeof line!.durationMs).toBe('number');
    expect(typeof line!.time).toBe('string');
  });

  it('does not log a client that hangs up before its request was read as a gateway error', async () => {
    const { port } = new URL(fixtureGateway.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    // Headers promise a body that never comes; then the client goes away.
    socket.write('POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"query":');
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(logLines.filter((entry) => entry.level === 'error')).toEqual([]);
    expect((await gql(fixtureGateway.url, '{ latestReviews(first: 1) { body } }')).status).toBe(200);
  });
});

describe('a subgraph that is down', () => {
  it('yields partial data with an error on each path it should have filled, and the gateway is not ready', async () => {
    const token = await graph.login(users.acmeManager.email);
    const query = /* GraphQL */ `
      query Partial($manifest: ID!) {
        me {
          email
        }
        manifest(id: $manifest) {
          publicId
        }
        orders(first: 50) {
          totalCount
          edges {
            node {
              number
              export {
                reference
              }
            }
          }
        }
      }
    `;
    const variables = { manifest: manifests.coffeeToGermany.id };
    const healthy = await graph.query<{ manifest: { publicId: string } }>(query, { token, variables });
    expect(healthy.errors).toBeUndefined();
    expect(healthy.data!.manifest.publicId).toBe(manifests.coffeeToGermany.publicId);

    await Promise.all([stopSubgraph('shipping'), stopSubgraph('exports')]);
    const partial = await graph.query<{
      me: { email: string };
      manifest: null;
      orders: { totalCount: number; edges: { node: { number: string; export: null } }[] };
    }>(query, { token, variables });
    expect(partial.status).toBe(200);
    expect(partial.data!.me.email).toBe(users.acmeManager.email);
    expect(partial.data!.manifest).toBeNull();
    const acmeOrders = Object.values(orders).filter((order) => order.tenantId === tenants.acme.id);
    expect(partial.data!.orders.totalCount).toBe(acmeOrders.length);
    expect(partial.data!.orders.edges.map((edge) => edge.node.export)).toEqual(acmeOrders.map(() => null));

    const shipping = partial.errors!.filter((error) => error.extensions?.serviceName === 'shipping').map(withoutStacktrace);
    expect(shipping).toEqual([
      {
        message: 'Subgraph "shipping" is unreachable',
        path: ['manifest'],
        extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'shipping', reason: 'unreachable' },
      },
    ]);
    const exportErrors = partial.errors!.filter((error) => error.extensions?.serviceName === 'exports');
    expect(exportErrors.map((error) => error.path)).toEqual(acmeOrders.map((_, index) => ['orders', 'edges', index, 'node', 'export']));

    const ready = await getRoute(graph.stack.gateway.url, '/ready');
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.text)).toMatchObject({
      status: 'unavailable',
      subgraphs: { users: 'ok', catalog: 'ok', shipping: 'unreachable', exports: 'unreachable', audit: 'ok' },
    });
    expect((await getRoute(graph.stack.gateway.url, '/health')).status).toBe(200);
    const metrics = (await getRoute(graph.stack.gateway.url, '/metrics')).text;
    expect(metricValue(metrics, 'gateway_subgraph_fetch_errors_total{subgraph="shipping",reason="unreachable"}')).toBe(1);
    expect(metricValue(metrics, 'gateway_graphql_errors_total{code="DOWNSTREAM_SERVICE_ERROR"}')).toBe(1 + acmeOrders.length);
  });
});
