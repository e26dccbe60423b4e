import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, type RunningGateway } from '@fed/gateway';
import { parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, getRoute, gql, metricValue } from './fixtures/gateway-client.ts';
import { startTokenIssuer, type TokenIssuer } from './fixtures/token-issuer.ts';
import { composeFixture } from './fixtures/two-subgraphs/compose.ts';
import { FIXTURE_SUPERGRAPH_PATH, startFixtureSubgraphs, type FixtureSubgraphs } from './fixtures/two-subgraphs/subgraphs.ts';

/**
 * The gateway on a supergraph that is not ours (two tiny in-process subgraphs): serving it,
 * hot reload, and the production safety settings (masking, introspection, Sandbox, CSRF, CORS).
 */
let subgraphs: FixtureSubgraphs;
let issuer: TokenIssuer;
let workDir: string;
let supergraphPath: string;
let development: RunningGateway;
let production: RunningGateway;

beforeAll(async () => {
  [subgraphs, issuer] = await Promise.all([startFixtureSubgraphs(), startTokenIssuer()]);
  workDir = await mkdtemp(join(tmpdir(), 'fed-gateway-supergraph-'));
  supergraphPath = join(workDir, 'supergraph.graphql');
  await copyFile(FIXTURE_SUPERGRAPH_PATH, supergraphPath);
  const env = { LOG_LEVEL: 'silent', ...subgraphs.env, ...issuer.env };
  development = await startGateway({ env: { ...env, SUPERGRAPH_PATH: supergraphPath, SUPERGRAPH_POLL_MS: '50' }, port: 0 });
  production = await startGateway({
    env: {
      ...env,
      NODE_ENV: 'production',
      METRICS_TOKEN: 'supergraph-test-metrics-token',
      SUPERGRAPH_PATH: FIXTURE_SUPERGRAPH_PATH,
      CORS_ORIGINS: 'https://app.example',
    },
    port: 0,
  });
});
afterAll(async () => {
  await Promise.all([development?.close(), production?.close()]);
  await Promise.all([subgraphs?.close(), issuer?.close()]);
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const ACROSS_BOTH = /* GraphQL */ `
  query TopWithReviews {
    topProducts(first: 2) {
      upc
      name
      reviews {
        body
        stars
      }
    }
  }
`;

describe('a supergraph that is not ours', () => {
  it('is the composition of the two fixture subgraphs, committed as a file', async () => {
    const normalized = (sdl: string) => print(parse(sdl));
    expect(normalized(await readFile(FIXTURE_SUPERGRAPH_PATH, 'utf8'))).toBe(normalized(composeFixture({ withWeight: false })));
  });

  it('is served from its file, joining both subgraphs at the URLs given per subgraph by env', async () => {
    // The file names ports 4101/4102, where nothing listens: the env overrides are what is used.
    const result = await gql(development.url, ACROSS_BOTH);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      topProducts: [
        {
          upc: 'p-1',
          name: 'Table',
          reviews: [
            { body: 'Love it!', stars: 5 },
            { body: 'Too expensive.', stars: 2 },
          ],
        },
        { upc: 'p-2', name: 'Couch', reviews: [{ body: 'Could be better.', stars: 3 }] },
      ],
    });
  });

  it('is ready once the supergraph is loaded and both subgraphs answer', async () => {
    const ready = await getRoute(development.url, '/ready');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toMatchObject({ status: 'ready', supergraph: 'loaded', subgraphs: { products: 'ok', reviews: 'ok' } });
    expect((await getRoute(development.url, '/health')).status).toBe(200);
  });
});

describe('hot reload of the supergraph file', () => {
  it('picks up a new supergraph, then keeps serving it when the next file is broken', async () => {
    const weightQuery = '{ product(upc: "p-2") { name weight } }';
    const before = await gql(development.url, weightQuery);
    expect(before.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // A cacheable answer under the old supergraph.
    const cacheable = '{ topProducts(first: 2) { upc name } }';
    await gql(development.url, cacheable);
    expect((await gql(development.url, cacheable)).headers.get('x-cache')).toBe('HIT');

    await writeFile(supergraphPath, composeFixture({ withWeight: true }));
    await eventually(async () => !(await gql(development.url, weightQuery)).errors, 'the new supergraph to be served');
    expect((await gql(development.url, weightQuery)).data).toEqual({ product: { name: 'Couch', weight: 1000 } });
    // Answers cached under another supergraph are not served: it may resolve (or authorise) differently.
    expect((await gql(development.url, cacheable)).headers.get('x-cache')).toBe('MISS');
    expect((await gql(development.url, cacheable)).headers.get('x-cache')).toBe('HIT');

    await writeFile(supergraphPath, 'schema { query: Query } type Query { broken: String');
    await eventually(
      async () =>
        metricValue((await getRoute(development.url, '/metrics')).text, 'gateway_supergraph_updates_total{result="rejected"}') === 1,
      'the broken supergraph to be rejected',
    );
    expect((await gql(development.url, weightQuery)).data).toEqual({ product: { name: 'Couch', weight: 1000 } });
    const metrics = (await getRoute(development.url, '/metrics')).text;
    expect(metricValue(metrics, 'gateway_supergraph_updates_total{result="loaded"}')).toBe(1);
    expect((await getRoute(development.url, '/ready')).status).toBe(200);
  });
});

describe('authentication at the edge', () => {
  it('refuses an invalid token with UNAUTHENTICATED before calling any subgraph', async () => {
    const before = { ...subgraphs.counters.requests };
    const result = await gql(development.url, ACROSS_BOTH, { token: 'not-a-jwt' });
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await gql(development.url, ACROSS_BOTH, {
      token: (await issuer.sign({ userId: 'u-1', tenantId: 't-1' })).replace(/\.[^.]+$/, '.AAAA'),
    });
    expect(forged.status).toBe(401);
    expect(subgraphs.counters.requests).toEqual(before);
  });

  it('treats a missing token as anonymous and forwards a valid one to the subgraphs', async () => {
    expect((await gql(development.url, '{ whoami { subject } }')).data).toEqual({ whoami: { subject: null } });
    const token = await issuer.sign({ userId: 'user-7', tenantId: 'tenant-7' });
    expect((await gql(development.url, '{ whoami { subject tenant } }', { token })).data).toEqual({
      whoami: { subject: 'user-7', tenant: 'tenant-7' },
    });
  });
});

describe('safety in production mode', () => {
  it('masks internal errors but keeps the request id, and still returns the other fields', async () => {
    const result = await gql(production.url, '{ broken topProducts(first: 1) { name } }', { headers: { 'x-request-id': 'masked-req-1' } });
    expect(result.data).toEqual({ broken: null, topProducts: [{ name: 'Table' }] });
    // The request id is the gateway's own (a client's x-request-id is trusted only with TRUST_PROXY).
    const requestId = result.headers.get('x-request-id');
    expect(requestId).not.toBe('masked-req-1');
    expect(result.errors).toEqual([
      { message: 'Internal server error', path: ['broken'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } },
    ]);
    expect(JSON.stringify(result)).not.toMatch(/10\.1\.2\.3|password|stacktrace/);
  });

  it('shows the internal message in development, for the developer', async () => {
    const result = await gql(development.url, '{ broken }');
    expect(result.errors?.[0]?.message).toContain('ECONNREFUSED');
  });

  it('turns introspection and the explorer off by default', async () => {
    const introspection = await gql(production.url, '{ __schema { queryType { name } } }');
    expect(introspection.status).toBe(400);
    expect(introspection.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await gql(development.url, '{ __schema { queryType { name } } }')).data).toEqual({
      __schema: { queryType: { name: 'Query' } },
    });

    const page = (url: string) => fetch(url, { headers: { accept: 'text/html' } });
    const devPage = await page(development.url);
    expect(devPage.status).toBe(200);
    expect(await devPage.text()).toContain('YogaGraphiQL.renderYogaGraphiQL');
    const productionPage = await page(production.url);
    expect(productionPage.headers.get('content-type')).not.toContain('text/html');
    expect(await productionPage.text()).not.toContain('YogaGraphiQL');
  });

  it('keeps CSRF prevention on: a simple cross-site request is refused', async () => {
    const simpleGet = await fetch(`${production.url}?query=${encodeURIComponent('{ topProducts { name } }')}`);
    expect(simpleGet.status).toBe(400);
    expect(await simpleGet.text()).toContain('CSRF');
    const simplePost = await fetch(production.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ topProducts { name } }' }),
    });
    expect(simplePost.status).toBe(400);
    const preflighted = await fetch(`${production.url}?query=${encodeURIComponent('{ topProducts(first: 1) { name } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
  });

  it('allows only the configured CORS origins (any origin in development by default)', async () => {
    const preflight = (url: string, origin: string) =>
      fetch(url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      });
    const allowed = await preflight(production.url, 'https://app.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const denied = await preflight(production.url, 'https://evil.example');
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    const response = await gql(production.url, '{ topProducts(first: 1) { name } }', { headers: { origin: 'https://app.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
    expect((await preflight(development.url, 'http://localhost:5173')).headers.get('access-control-allow-origin')).toBe('*');
  });
});
