import { createHash, randomUUID } from 'node:crypto';
import { startGateway, type RunningGateway } from '@fed/gateway';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenants, users } from '../prisma/demo-world.ts';
import { getRoute, gql, metricValue, post } from './fixtures/gateway-client.ts';
import { startTokenIssuer, type TokenIssuer } from './fixtures/token-issuer.ts';
import { FIXTURE_SUPERGRAPH_PATH, startFixtureSubgraphs, type FixtureSubgraphs } from './fixtures/two-subgraphs/subgraphs.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/**
 * Automatic persisted queries and the response cache: on our graph with Redis shared by two
 * gateways (as two replicas), and on the fixture graph with the in-memory store.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `fed:test:caching:${randomUUID()}:`;

let graph: TestStack;
let replica: RunningGateway;
let subgraphs: FixtureSubgraphs;
let issuer: TokenIssuer;
let memoryGateway: RunningGateway;

beforeAll(async () => {
  [graph, subgraphs, issuer] = await Promise.all([
    startTestStack({ REDIS_URL, REDIS_KEY_PREFIX: prefix }),
    startFixtureSubgraphs(),
    startTokenIssuer(),
  ]);
  // A second gateway in front of the same subgraphs and the same Redis.
  replica = await startGateway({
    env: {
      LOG_LEVEL: 'silent',
      REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      AUTH_JWKS_URL: graph.stack.subgraphs.users.url.replace(/\/graphql$/, '/.well-known/jwks.json'),
      ...Object.fromEntries(
        Object.entries(graph.stack.subgraphs).map(([name, service]) => [`${name.toUpperCase()}_SUBGRAPH_URL`, service.url]),
      ),
    },
    port: 0,
  });
  memoryGateway = await startGateway({
    env: { LOG_LEVEL: 'silent', SUPERGRAPH_PATH: FIXTURE_SUPERGRAPH_PATH, ...subgraphs.env, ...issuer.env },
    port: 0,
  });
});
afterAll(async () => {
  await Promise.all([replica?.close(), memoryGateway?.close()]);
  await Promise.all([graph?.close(), subgraphs?.close(), issuer?.close()]);
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const persisted = (hash: string, query?: string) => ({
  ...(query ? { query } : {}),
  extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
});

describe('automatic persisted queries', () => {
  it('asks for an unknown hash, registers it with the query, then answers the hash alone, on either gateway', async () => {
    const token = await graph.login(users.acmeAdmin.email);
    const query = 'query MyEmail { me { email } }';
    const hash = sha256(query);

    const unknown = await post(graph.stack.gateway.url, persisted(hash), { token });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await post(graph.stack.gateway.url, persisted(hash, query), { token });
    expect(registered.data).toEqual({ me: { email: users.acmeAdmin.email } });

    const hit = await post(graph.stack.gateway.url, persisted(hash), { token });
    expect(hit.data).toEqual({ me: { email: users.acmeAdmin.email } });
    // The other gateway never saw the query text: it reads the registration from Redis.
    const elsewhere = await post(replica.url, persisted(hash), { token });
    expect(elsewhere.data).toEqual({ me: { email: users.acmeAdmin.email } });

    const mismatch = await post(graph.stack.gateway.url, persisted(sha256('something else'), query), { token });
    expect(mismatch.status).toBe(400);

    const metrics = (await getRoute(graph.stack.gateway.url, '/metrics')).text;
    expect(metricValue(metrics, 'gateway_persisted_queries_total{result="miss"}')).toBe(1);
    expect(metricValue(metrics, 'gateway_persisted_queries_total{result="register"}')).toBe(1);
    expect(metricValue(metrics, 'gateway_persisted_queries_total{result="hit"}')).toBe(1);
  });
});

describe('response cache in Redis, scoped by tenant', () => {
  const TENANT = 'query OwnTenant { tenant { id name slug } }';

  it('serves a cached answer to the same tenant only, across both gateways, and never another tenant', async () => {
    const [acmeAdmin, alice, globexAdmin] = await Promise.all([
      graph.login(users.acmeAdmin.email),
      graph.login(users.alice.email),
      graph.login(users.globexAdmin.email, 'globex'),
    ]);
    const ask = async (token: string, url = graph.stack.gateway.url) => {
      graph.statements.reset();
      const result = await gql<{ tenant: { id: string; name: string } }>(url, TENANT, { token });
      return { result, statements: graph.statements.count('users'), cache: result.headers.get('x-cache') };
    };

    const first = await ask(acmeAdmin);
    expect(first.result.data!.tenant.id).toBe(tenants.acme.id);
    expect(first.cache).toBe('MISS');
    expect(first.statements).toBeGreaterThan(0);
    expect(first.result.headers.get('cache-control')).toBe('max-age=30, private');

    const again = await ask(acmeAdmin);
    expect(again).toMatchObject({ cache: 'HIT', statements: 0 });
    expect(again.result.data).toEqual(first.result.data);
    // Tenant data with a PUBLIC hint is shared by the tenant's users, and by the replica.
    expect(await ask(alice)).toMatchObject({ cache: 'HIT', statements: 0 });
    expect(await ask(alice, replica.url)).toMatchObject({ cache: 'HIT', statements: 0 });

    const globex = await ask(globexAdmin);
    expect(globex.cache).toBe('MISS');
    expect(globex.statements).toBeGreaterThan(0);
    expect(globex.result.data!.tenant.id).toBe(tenants.globex.id);
    expect(globex.result.data!.tenant.name).not.toBe(first.result.data!.tenant.name);
    const globexAgain = await ask(globexAdmin, replica.url);
    expect(globexAgain).toMatchObject({ cache: 'HIT', statements: 0 });
    expect(globexAgain.result.data!.tenant.id).toBe(tenants.globex.id);

    // Anonymous callers have their own scope.
    const anonymous = await gql(graph.stack.gateway.url, TENANT);
    expect(anonymous.data).toEqual({ tenant: null });
  });

  it('stops serving a tenant its cached answers after one of its mutations, on every gateway', async () => {
    const acmeAdmin = await graph.login(users.acmeAdmin.email);
    const globexAdmin = await graph.login(users.globexAdmin.email, 'globex');
    await gql(graph.stack.gateway.url, TENANT, { token: acmeAdmin });
    await gql(graph.stack.gateway.url, TENANT, { token: globexAdmin });
    expect((await gql(replica.url, TENANT, { token: acmeAdmin })).headers.get('x-cache')).toBe('HIT');

    // Any mutation by a caller of acme (here a sign-in sent with an acme token).
    const mutation = await gql(replica.url, 'mutation Again($input: LoginInput!) { login(input: $input) { accessToken } }', {
      token: acmeAdmin,
      variables: { input: { tenantSlug: 'acme', email: users.acmeAdmin.email, password: 'demo-password-1' } },
    });
    expect(mutation.errors).toBeUndefined();
    expect(mutation.headers.get('cache-control')).toBe('no-store');

    graph.statements.reset();
    const after = await gql(graph.stack.gateway.url, TENANT, { token: acmeAdmin });
    expect(after.headers.get('x-cache')).toBe('MISS');
    expect(graph.statements.count('users')).toBeGreaterThan(0);
    // Another tenant's answers stay cached.
    expect((await gql(graph.stack.gateway.url, TENANT, { token: globexAdmin })).headers.get('x-cache')).toBe('HIT');
  });

  it('does not cache answers without a cache hint', async () => {
    const token = await graph.login(users.acmeAdmin.email);
    const first = await gql(graph.stack.gateway.url, '{ me { email } }', { token });
    graph.statements.reset();
    const second = await gql(graph.stack.gateway.url, '{ me { email } }', { token });
    expect(second.data).toEqual(first.data);
    expect(second.headers.get('x-cache')).toBeNull();
    expect(second.headers.get('cache-control')).toBe('no-store');
    expect(graph.statements.count('users')).toBeGreaterThan(0);
  });

  it('exposes Prometheus metrics: requests, errors by code, latency per operation and per subgraph, cache hit ratio', async () => {
    const response = await fetch(graph.stack.gateway.url.replace(/\/graphql$/, '/metrics'));
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const metrics = await response.text();
    expect(metrics).toContain('# TYPE gateway_graphql_operation_duration_seconds histogram');
    expect(metricValue(metrics, 'gateway_http_requests_total{status="200"}')).toBeGreaterThan(10);
    expect(metricValue(metrics, 'gateway_graphql_operations_total{type="query",operation="OwnTenant"}')).toBeGreaterThanOrEqual(8);
    expect(metricValue(metrics, 'gateway_graphql_errors_total{code="PERSISTED_QUERY_NOT_FOUND"}')).toBe(1);
    const tenantQueries = metricValue(metrics, 'gateway_graphql_operation_duration_seconds_count{operation="OwnTenant"}');
    expect(tenantQueries).toBeGreaterThanOrEqual(8);
    expect(metricValue(metrics, 'gateway_graphql_operation_duration_seconds_bucket{operation="OwnTenant",le="+Inf"}')).toBe(tenantQueries);
    expect(metricValue(metrics, 'gateway_subgraph_fetch_duration_seconds_count{subgraph="users"}')).toBeGreaterThan(0);
    const hits = metricValue(metrics, 'gateway_response_cache_requests_total{result="hit"}');
    const misses = metricValue(metrics, 'gateway_response_cache_requests_total{result="miss"}');
    expect(hits).toBeGreaterThanOrEqual(4);
    expect(metricValue(metrics, 'gateway_response_cache_hit_ratio')).toBeCloseTo(hits / (hits + misses), 5);
  });
});

describe('response cache in memory, on a supergraph that is not ours', () => {
  it('honours hints across both subgraphs, keeps PRIVATE answers per user and drops answers after a mutation', async () => {
    const [userOne, userTwo] = await Promise.all([
      issuer.sign({ userId: 'one', tenantId: 'shop-1' }),
      issuer.sign({ userId: 'two', tenantId: 'shop-1' }),
    ]);
    const top = '{ topProducts(first: 2) { name reviews { stars } } }';
    const before = { ...subgraphs.counters.requests };
    expect((await gql(memoryGateway.url, top, { token: userOne })).headers.get('x-cache')).toBe('MISS');
    const hit = await gql(memoryGateway.url, top, { token: userTwo });
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(subgraphs.counters.requests).toEqual({ products: before.products + 1, reviews: before.reviews + 1 });

    const whoami = '{ whoami { subject } }';
    expect((await gql(memoryGateway.url, whoami, { token: userOne })).data).toEqual({ whoami: { subject: 'one' } });
    const own = await gql(memoryGateway.url, whoami, { token: userOne });
    expect(own.headers.get('x-cache')).toBe('HIT');
    expect(own.data).toEqual({ whoami: { subject: 'one' } });
    const someoneElse = await gql(memoryGateway.url, whoami, { token: userTwo });
    expect(someoneElse.headers.get('x-cache')).toBe('MISS');
    expect(someoneElse.data).toEqual({ whoami: { subject: 'two' } });
    // A PRIVATE answer is never stored for an anonymous caller.
    await gql(memoryGateway.url, whoami);
    expect((await gql(memoryGateway.url, whoami)).headers.get('x-cache')).toBeNull();

    await gql(memoryGateway.url, 'mutation { renameProduct(upc: "p-1", name: "Desk") { name } }', { token: userOne });
    const renamed = await gql(memoryGateway.url, top, { token: userTwo });
    expect(renamed.headers.get('x-cache')).toBe('MISS');
    expect(renamed.data).toMatchObject({ topProducts: [{ name: 'Desk' }, { name: 'Couch' }] });
  });
});
