import { randomUUID } from 'node:crypto';
import { startGateway, type RunningGateway } from '@fed/gateway';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRoute, gql, metricValue, post } from './fixtures/gateway-client.ts';
import { startTokenIssuer, type TokenIssuer } from './fixtures/token-issuer.ts';
import { FIXTURE_SUPERGRAPH_PATH, startFixtureSubgraphs, type FixtureSubgraphs } from './fixtures/two-subgraphs/subgraphs.ts';

/**
 * Operation limits and rate limits, on the fixture graph. Rate limits are counted in Redis and
 * checked through two gateways, as two replicas would be.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `fed:test:limits:${randomUUID()}:`;
const query = '{ topProducts(first: 1) { name } }';

let subgraphs: FixtureSubgraphs;
let issuer: TokenIssuer;
let limited: RunningGateway;
const replicas: RunningGateway[] = [];
let shortWindow: RunningGateway;

beforeAll(async () => {
  [subgraphs, issuer] = await Promise.all([startFixtureSubgraphs(), startTokenIssuer()]);
  const base = { LOG_LEVEL: 'silent', SUPERGRAPH_PATH: FIXTURE_SUPERGRAPH_PATH, ...subgraphs.env, ...issuer.env };
  limited = await startGateway({
    env: {
      ...base,
      MAX_DEPTH: '4',
      MAX_ALIASES: '3',
      MAX_COST: '100',
      COST_LIST_SIZE: '10',
      MAX_BATCH_LENGTH: '2',
      MAX_BODY_BYTES: '2000',
    },
    port: 0,
  });
  // Two replicas sharing Redis; an hour-long window so no test straddles a reset.
  const shared = {
    ...base,
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    TRUST_PROXY: 'true',
    RATE_LIMIT_WINDOW_SECONDS: '3600',
    RATE_LIMIT_USER_MAX: '3',
    RATE_LIMIT_TENANT_MAX: '5',
    RATE_LIMIT_ANONYMOUS_MAX: '2',
  };
  replicas.push(await startGateway({ env: shared, port: 0 }), await startGateway({ env: shared, port: 0 }));
  shortWindow = await startGateway({ env: { ...shared, REDIS_KEY_PREFIX: `${prefix}short:`, RATE_LIMIT_WINDOW_SECONDS: '2' }, port: 0 });
});
afterAll(async () => {
  await Promise.all([limited, shortWindow, ...replicas].map((gateway) => gateway?.close()));
  await Promise.all([subgraphs?.close(), issuer?.close()]);
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

/** Waits for a fresh window when the current one is about to reset (hour-long windows: rarely). */
async function awayFromWindowEdge(windowSeconds: number, marginMs: number): Promise<void> {
  const left = windowSeconds * 1000 - (Date.now() % (windowSeconds * 1000));
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 20));
}

describe('operation limits, checked before planning', () => {
  const expectRefused = async (response: Awaited<ReturnType<typeof gql>>, limit: string, max: number, measured: number) => {
    expect(response.status).toBe(400);
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]!.extensions).toMatchObject({ code: 'BAD_REQUEST', limit, max, measured });
    expect(response.errors![0]!.message).toContain(`${limit}=${max}`);
    expect(response.errors![0]!.message).toContain(String(measured));
  };

  it('refuses an operation deeper than MAX_DEPTH, naming the limit and the depth, without calling a subgraph', async () => {
    const before = subgraphs.counters.requests.products;
    const response = await gql(limited.url, '{ topProducts { related { related { related { name } } } } }');
    await expectRefused(response, 'MAX_DEPTH', 4, 5);
    expect(response.errors![0]!.message).toBe('Operation depth 5 exceeds the limit MAX_DEPTH=4');
    expect(subgraphs.counters.requests.products).toBe(before);
    expect((await gql(limited.url, '{ topProducts { related { related { name } } } }')).errors).toBeUndefined();
  });

  it('refuses more aliases than MAX_ALIASES, counting those in fragments each time they are used', async () => {
    await expectRefused(await gql(limited.url, '{ a: topProducts { n1: name n2: name } b: catalog { name } }'), 'MAX_ALIASES', 3, 4);
    const viaFragment = '{ x: topProducts { ...Names } y: catalog { ...Names } } fragment Names on Product { n: name }';
    await expectRefused(await gql(limited.url, viaFragment), 'MAX_ALIASES', 3, 4);
    expect((await gql(limited.url, '{ a: topProducts { n1: name } b: catalog { name } }')).errors).toBeUndefined();
  });

  it('refuses an operation costlier than MAX_COST: list fields weigh their first argument, variables included', async () => {
    // 1 + 50 x (name 1 + reviews (1 + 10 x body 1)) = 601: `reviews(first:)` defaults to 10 in the schema.
    await expectRefused(await gql(limited.url, '{ topProducts(first: 50) { name reviews { body } } }'), 'MAX_COST', 100, 601);
    // `catalog` has no size argument, so COST_LIST_SIZE (10) items count: 1 + 10 x (name 1 + reviews 11) = 121.
    await expectRefused(await gql(limited.url, '{ catalog { name reviews { body } } }'), 'MAX_COST', 100, 121);
    const byVariable = 'query Top($n: Int!) { topProducts(first: $n) { name } }';
    await expectRefused(await gql(limited.url, byVariable, { variables: { n: 200 } }), 'MAX_COST', 100, 201);
    expect((await gql(limited.url, byVariable, { variables: { n: 3 } })).data).toEqual({
      topProducts: [{ name: 'Table' }, { name: 'Couch' }, { name: 'Chair' }],
    });
    // Without the argument, its schema default (5) counts: 1 + 5 x 1.
    expect((await gql(limited.url, '{ topProducts { name } }')).errors).toBeUndefined();
  });

  it('refuses a body larger than MAX_BODY_BYTES with 413', async () => {
    const body = JSON.stringify({ query: `{ topProducts { name } } # ${'x'.repeat(2500)}` });
    const response = await post(limited.url, body);
    expect(response.status).toBe(413);
    expect(response.errors![0]!.extensions).toMatchObject({
      code: 'BAD_REQUEST',
      limit: 'MAX_BODY_BYTES',
      max: 2000,
      measured: body.length,
    });
  });

  it('refuses a batch longer than MAX_BATCH_LENGTH and answers one within it', async () => {
    const operation = { query: '{ topProducts(first: 1) { name } }' };
    const refused = await post(limited.url, [operation, operation, operation]);
    expect(refused.status).toBe(400);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_REQUEST', limit: 'MAX_BATCH_LENGTH', max: 2, measured: 3 });
    const response = await fetch(limited.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([operation, operation]),
    });
    expect(await response.json()).toEqual([{ data: { topProducts: [{ name: 'Table' }] } }, { data: { topProducts: [{ name: 'Table' }] } }]);
  });

  it('counts refusals per limit in the metrics', async () => {
    const metrics = (await getRoute(limited.url, '/metrics')).text;
    expect(metricValue(metrics, 'gateway_operation_limit_rejections_total{limit="MAX_DEPTH"}')).toBe(1);
    expect(metricValue(metrics, 'gateway_operation_limit_rejections_total{limit="MAX_COST"}')).toBe(3);
    expect(metricValue(metrics, 'gateway_graphql_errors_total{code="BAD_REQUEST"}')).toBeGreaterThanOrEqual(8);
  });
});

describe('rate limits shared by replicas through Redis', () => {
  it('trips a user after RATE_LIMIT_USER_MAX requests across both replicas, with RATE_LIMITED and retry-after', async () => {
    await awayFromWindowEdge(3600, 5000);
    const token = await issuer.sign({ userId: 'user-a', tenantId: 'tenant-1' });
    const statuses: number[] = [];
    for (let index = 0; index < 3; index++) {
      const response = await gql(replicas[index % 2]!.url, query, { token });
      statuses.push(response.status);
      expect(response.headers.get('ratelimit-remaining')).toBe(String(2 - index));
    }
    const refused = await gql(replicas[1]!.url, query, { token });
    expect(statuses).toEqual([200, 200, 200]);
    expect(refused.status).toBe(429);
    expect(refused.errors![0]!.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      scope: 'user',
      limit: 'RATE_LIMIT_USER_MAX',
      max: 3,
      measured: 4,
    });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(refused.errors![0]!.extensions!.retryAfter).toBe(retryAfter);
    expect(refused.errors![0]!.message).toContain('RATE_LIMIT_USER_MAX=3');
    // Another user of the same tenant still has room, until the tenant's own limit.
    const other = await issuer.sign({ userId: 'user-b', tenantId: 'tenant-1' });
    expect((await gql(replicas[0]!.url, query, { token: other })).status).toBe(200);
    const tenantRefused = await gql(replicas[0]!.url, query, { token: other });
    expect(tenantRefused.status).toBe(429);
    expect(tenantRefused.errors![0]!.extensions).toMatchObject({ scope: 'tenant', limit: 'RATE_LIMIT_TENANT_MAX', max: 5, measured: 6 });
    // Other tenants are not affected.
    const elsewhere = await issuer.sign({ userId: 'user-a', tenantId: 'tenant-2' });
    expect((await gql(replicas[1]!.url, query, { token: elsewhere })).status).toBe(200);
  });

  it('limits anonymous callers per client address', async () => {
    await awayFromWindowEdge(3600, 5000);
    const from = (address: string) => ({ headers: { 'x-forwarded-for': `${address}, 10.0.0.1` } });
    expect((await gql(replicas[0]!.url, query, from('203.0.113.1'))).status).toBe(200);
    expect((await gql(replicas[1]!.url, query, from('203.0.113.1'))).status).toBe(200);
    const refused = await gql(replicas[0]!.url, query, from('203.0.113.1'));
    expect(refused.status).toBe(429);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', scope: 'address', limit: 'RATE_LIMIT_ANONYMOUS_MAX' });
    expect((await gql(replicas[1]!.url, query, from('203.0.113.2'))).status).toBe(200);
    const metrics = (await getRoute(replicas[0]!.url, '/metrics')).text;
    expect(metricValue(metrics, 'gateway_rate_limited_total{scope="address"}')).toBe(1);
    expect(metricValue(metrics, 'gateway_http_requests_total{status="429"}')).toBeGreaterThanOrEqual(2);
  });

  it('resets when the window ends', async () => {
    await awayFromWindowEdge(2, 1500);
    const token = await issuer.sign({ userId: 'user-r', tenantId: 'tenant-r' });
    for (let index = 0; index < 3; index++) expect((await gql(shortWindow.url, query, { token })).status).toBe(200);
    const refused = await gql(shortWindow.url, query, { token });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    expect((await gql(shortWindow.url, query, { token })).status).toBe(200);
  });
});

describe('without Redis', () => {
  it('keeps serving when Redis is unreachable: limits fail open, persisted queries miss', async () => {
    const gateway = await startGateway({
      env: {
        LOG_LEVEL: 'silent',
        SUPERGRAPH_PATH: FIXTURE_SUPERGRAPH_PATH,
        ...subgraphs.env,
        ...issuer.env,
        REDIS_URL: 'redis://127.0.0.1:1',
        RATE_LIMIT_ANONYMOUS_MAX: '1',
      },
      port: 0,
    });
    try {
      for (let index = 0; index < 3; index++) expect((await gql(gateway.url, query)).status).toBe(200);
      const ready = JSON.parse((await getRoute(gateway.url, '/ready')).text) as { status: string; store: string };
      expect(ready.status).toBe('ready');
      expect(ready.store).not.toBe('ready');
    } finally {
      await gateway.close();
    }
  });
});
