import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, type RunningGateway } from '@fed/gateway';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, getRoute, gql, metricValue } from './fixtures/gateway-client.ts';
import { startTokenIssuer, type TokenIssuer } from './fixtures/token-issuer.ts';
import { composeFixture } from './fixtures/two-subgraphs/compose.ts';
import { FIXTURE_SUPERGRAPH_PATH, startFixtureSubgraphs, type FixtureSubgraphs } from './fixtures/two-subgraphs/subgraphs.ts';

/**
 * Warm document and query-plan caches: operations one replica has served are parsed, validated and
 * planned by a replica that starts later (through Redis) and again after a supergraph change, with
 * no request reaching a subgraph. Proven by the caches' own hit/miss counters, not by timings.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `fed:test:warm-up:${randomUUID()}:`;

let subgraphs: FixtureSubgraphs;
let issuer: TokenIssuer;
let workDir: string;
const gateways: RunningGateway[] = [];

beforeAll(async () => {
  [subgraphs, issuer] = await Promise.all([startFixtureSubgraphs(), startTokenIssuer()]);
  workDir = await mkdtemp(join(tmpdir(), 'fed-gateway-warm-up-'));
});
afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()));
  await Promise.all([subgraphs?.close(), issuer?.close()]);
  if (workDir) await rm(workDir, { recursive: true, force: true });
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

async function gateway(env: Record<string, string>): Promise<RunningGateway> {
  const started = await startGateway({
    env: { LOG_LEVEL: 'silent', SUPERGRAPH_PATH: FIXTURE_SUPERGRAPH_PATH, ...subgraphs.env, ...issuer.env, ...env },
    port: 0,
  });
  gateways.push(started);
  return started;
}

/** Cache and warm-up counters of one gateway. */
async function cacheCounters(target: RunningGateway) {
  const text = (await getRoute(target.url, '/metrics')).text;
  return {
    warmed: metricValue(text, 'gateway_warmed_operations_total'),
    documentHits: metricValue(text, 'gateway_document_cache_lookups_total{result="hit"}'),
    documentMisses: metricValue(text, 'gateway_document_cache_lookups_total{result="miss"}'),
    planHits: metricValue(text, 'gateway_query_plan_cache_lookups_total{result="hit"}'),
    planMisses: metricValue(text, 'gateway_query_plan_cache_lookups_total{result="miss"}'),
  };
}

const subgraphRequests = () => subgraphs.counters.requests.products + subgraphs.counters.requests.reviews;

const TOP_WITH_REVIEWS = 'query TopWithReviews { topProducts(first: 2) { upc name reviews { stars } } }';
const ONE_PRODUCT = 'query OneProduct($upc: String!) { product(upc: $upc) { name price } }';
const RENAME = 'mutation Rename($upc: String!, $name: String!) { renameProduct(upc: $upc, name: $name) { upc name } }';

describe('document and query-plan caches warmed from the operations other replicas served', () => {
  it('a replica started later plans what the first one served, before its first caller, without calling a subgraph', async () => {
    const shared = { REDIS_URL, REDIS_KEY_PREFIX: prefix, RESPONSE_CACHE_ENABLED: 'false' };
    const first = await gateway(shared);
    const token = await issuer.sign({ userId: 'u-1', tenantId: 't-1' });
    expect((await gql(first.url, TOP_WITH_REVIEWS, { token })).errors).toBeUndefined();
    expect((await gql(first.url, ONE_PRODUCT, { token, variables: { upc: 'p-1' } })).errors).toBeUndefined();
    const renamed = await gql(first.url, RENAME, { token, variables: { upc: 'p-2', name: 'Renamed once' } });
    expect(renamed.errors).toBeUndefined();
    // The same document again is a document-cache hit: it is recorded once, on its first parse.
    await gql(first.url, TOP_WITH_REVIEWS, { token });
    const served = await cacheCounters(first);
    expect(served).toMatchObject({ documentMisses: 3, documentHits: 1, planMisses: 3, planHits: 1 });

    const requestsBefore = subgraphRequests();
    const second = await gateway(shared);
    const warmed = await cacheCounters(second);
    // All three, the mutation included, were planned; none was executed.
    expect(warmed).toMatchObject({ warmed: 3, documentMisses: 3, planMisses: 3 });
    expect(subgraphRequests()).toBe(requestsBefore);
    const products = await gql<{ product: { name: string } }>(first.url, ONE_PRODUCT, { token, variables: { upc: 'p-2' } });
    expect(products.data?.product.name).toBe('Renamed once');

    // The first caller of each warmed operation finds its document and plan ready.
    expect((await gql(second.url, TOP_WITH_REVIEWS, { token })).errors).toBeUndefined();
    expect((await gql(second.url, ONE_PRODUCT, { token, variables: { upc: 'p-1' } })).errors).toBeUndefined();
    const afterCallers = await cacheCounters(second);
    expect(afterCallers.documentHits - warmed.documentHits).toBe(2);
    expect(afterCallers.planHits - warmed.planHits).toBe(2);
    expect(afterCallers.documentMisses).toBe(warmed.documentMisses);
    expect(afterCallers.planMisses).toBe(warmed.planMisses);

    // An operation nobody served before is the control: a miss on both caches.
    await gql(second.url, 'query Catalog { catalog { upc } }', { token });
    const afterNew = await cacheCounters(second);
    expect(afterNew.documentMisses - afterCallers.documentMisses).toBe(1);
    expect(afterNew.planMisses - afterCallers.planMisses).toBe(1);
  });

  it('warms only the WARMUP_OPERATIONS most recently new operations, and nothing with 0', async () => {
    const shared = { REDIS_URL, REDIS_KEY_PREFIX: prefix, RESPONSE_CACHE_ENABLED: 'false' };
    // Four operations are on record by now (the first test's three and Catalog, the newest).
    const limited = await gateway({ ...shared, WARMUP_OPERATIONS: '1' });
    expect((await cacheCounters(limited)).warmed).toBe(1);
    const token = await issuer.sign({ userId: 'u-1', tenantId: 't-1' });
    await gql(limited.url, 'query Catalog { catalog { upc } }', { token });
    expect(await cacheCounters(limited)).toMatchObject({ planHits: 1, planMisses: 1 });

    const off = await gateway({ ...shared, WARMUP_OPERATIONS: '0' });
    expect(await cacheCounters(off)).toMatchObject({ warmed: 0, documentMisses: 0, planMisses: 0 });
  });

  it('re-plans the served operations after a supergraph change (in-memory store, one process)', async () => {
    const supergraphPath = join(workDir, 'supergraph.graphql');
    await copyFile(FIXTURE_SUPERGRAPH_PATH, supergraphPath);
    const alone = await gateway({ SUPERGRAPH_PATH: supergraphPath, SUPERGRAPH_POLL_MS: '50', RESPONSE_CACHE_ENABLED: 'false' });
    const token = await issuer.sign({ userId: 'u-1', tenantId: 't-1' });
    await gql(alone.url, TOP_WITH_REVIEWS, { token });
    await gql(alone.url, ONE_PRODUCT, { token, variables: { upc: 'p-1' } });
    expect(await cacheCounters(alone)).toMatchObject({ warmed: 0, planMisses: 2 });

    const requestsBefore = subgraphRequests();
    // The change empties the plan cache, and the new schema's documents are validated afresh.
    await writeFile(supergraphPath, composeFixture({ withWeight: true }));
    await eventually(async () => (await cacheCounters(alone)).warmed === 2, 'the warm-up after the supergraph change');
    expect(subgraphRequests()).toBe(requestsBefore);
    const warmed = await cacheCounters(alone);
    expect(warmed.planMisses).toBe(4);

    await gql(alone.url, ONE_PRODUCT, { token, variables: { upc: 'p-1' } });
    const afterCaller = await cacheCounters(alone);
    expect(afterCaller.planHits - warmed.planHits).toBe(1);
    expect(afterCaller.documentHits - warmed.documentHits).toBe(1);
    expect(afterCaller.planMisses).toBe(warmed.planMisses);
  });
});
