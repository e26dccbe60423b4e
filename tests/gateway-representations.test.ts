import { createServer, request as httpRequest, type Server } from 'node:http';
import { startGateway, type RunningGateway } from '@fed/gateway';
import { closeHttpServer, listen } from '@fed/service-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkPublicAnswer, PUBLIC_QUERY } from '../bench/public/query.ts';
import { PUBLIC_SUBGRAPH_NAMES, servePublicSubgraphs, type RunningPublicSubgraphs } from '../bench/public/subgraphs.ts';
import { writePublicSupergraph } from '../bench/public/workload.ts';
import { startTokenIssuer, type TokenIssuer } from './fixtures/token-issuer.ts';

/**
 * Entity representations are sent once per distinct value within a fetch, and the answer is the
 * same as without: the public benchmark's nested query (users → reviews → product → reviews →
 * author → reviews → product, and topProducts alike) repeats the same entities many times per
 * fetch. Two of our gateways run over the same four subgraphs, one with the deduplication and one
 * with it turned off (SUBGRAPH_REPRESENTATION_DEDUPLICATION=false: what Apollo sends); a
 * recording HTTP proxy in front of each subgraph keeps every fetch the gateways send.
 */

interface RecordedFetch {
  subgraph: string;
  query: string;
  representations?: unknown[];
}

let subgraphs: RunningPublicSubgraphs;
let issuer: TokenIssuer;
let deduplicating: RunningGateway;
let plain: RunningGateway;
const proxies: Server[] = [];
const recorded: RecordedFetch[] = [];

/** Forwards every request to `target` unchanged and records its GraphQL body. */
async function recordingProxy(subgraph: string, target: string): Promise<string> {
  const url = new URL(target);
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (request.method === 'POST') {
        const payload = JSON.parse(body.toString('utf8')) as { query: string; variables?: { representations?: unknown[] } };
        if (!payload.query.includes('__ApolloServiceHealthCheck__'))
          recorded.push({ subgraph, query: payload.query, representations: payload.variables?.representations });
      }
      const forwarded = httpRequest(
        url,
        { method: request.method, headers: { ...request.headers, host: url.host, 'content-length': body.length } },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      forwarded.on('error', () => response.writeHead(502).end());
      forwarded.end(body);
    });
  });
  proxies.push(server);
  return `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}${url.pathname}`;
}

beforeAll(async () => {
  [subgraphs, issuer] = await Promise.all([servePublicSubgraphs(), startTokenIssuer()]);
  const urls = { ...subgraphs.urls };
  for (const name of PUBLIC_SUBGRAPH_NAMES) urls[name] = await recordingProxy(name, subgraphs.urls[name]);
  const env = { SUPERGRAPH_PATH: writePublicSupergraph(urls), ...issuer.env, MAX_COST: '1000000', LOG_LEVEL: 'silent' };
  [deduplicating, plain] = await Promise.all([
    startGateway({ env, port: 0 }),
    startGateway({ env: { ...env, SUBGRAPH_REPRESENTATION_DEDUPLICATION: 'false' }, port: 0 }),
  ]);
});
afterAll(async () => {
  await Promise.all([deduplicating?.close(), plain?.close()]);
  await Promise.all([subgraphs?.close(), issuer?.close(), ...proxies.map((proxy) => closeHttpServer(proxy, 1_000))]);
});
beforeEach(() => {
  recorded.length = 0;
});

async function ask(gateway: RunningGateway, query: string, variables?: Record<string, unknown>) {
  const token = await issuer.sign({ userId: 'representations-user', tenantId: 'representations-tenant' });
  recorded.length = 0;
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBe(200);
  return { body: await response.text(), fetches: recorded.splice(0) };
}

const entityFetches = (fetches: RecordedFetch[]) => fetches.filter((fetch) => Array.isArray(fetch.representations));
const distinct = (values: unknown[]) => new Set(values.map((value) => JSON.stringify(value)));

describe('entity representations', () => {
  it('sends each distinct representation of a fetch once, and answers exactly as without', async () => {
    const withDeduplication = await ask(deduplicating, PUBLIC_QUERY);
    const without = await ask(plain, PUBLIC_QUERY);

    // The same answer, byte for byte, and the scenario's expected data.
    expect(withDeduplication.body).toBe(without.body);
    expect(checkPublicAnswer(withDeduplication.body)).toBeUndefined();

    // Parallel fetches arrive in any order; each fetch of the plan has its own operation name.
    const byOperation = (fetches: RecordedFetch[]) => entityFetches(fetches).sort((a, b) => a.query.localeCompare(b.query));
    const deduplicatedFetches = byOperation(withDeduplication.fetches);
    const plainFetches = byOperation(without.fetches);
    // The same plan: the same fetches to the same subgraphs.
    expect(new Set(deduplicatedFetches.map((fetch) => fetch.query)).size).toBe(deduplicatedFetches.length);
    expect(deduplicatedFetches.map((fetch) => [fetch.subgraph, fetch.query])).toEqual(
      plainFetches.map((fetch) => [fetch.subgraph, fetch.query]),
    );
    for (const [index, fetch] of deduplicatedFetches.entries()) {
      const representations = fetch.representations!;
      // No representation twice within a fetch …
      expect(distinct(representations).size).toBe(representations.length);
      // … and exactly the distinct ones the undeduplicated fetch carried, in first-seen order.
      expect(representations.map((value) => JSON.stringify(value))).toEqual([...distinct(plainFetches[index]!.representations!)]);
    }
    const count = (fetches: RecordedFetch[]) => fetches.reduce((sum, fetch) => sum + fetch.representations!.length, 0);
    // The scenario repeats entities heavily: without deduplication, many times more are sent.
    expect(count(plainFetches)).toBeGreaterThan(4 * count(deduplicatedFetches));
  });

  it('answers a fetch without repeated entities the same way', async () => {
    const query = '{ topProducts(first: 2) { upc name inStock shippingEstimate } }';
    const withDeduplication = await ask(deduplicating, query);
    const without = await ask(plain, query);
    expect(withDeduplication.body).toBe(without.body);
    expect(JSON.parse(withDeduplication.body)).toMatchObject({ data: { topProducts: [{ upc: '1' }, { upc: '2' }] } });
    expect(entityFetches(withDeduplication.fetches).map((fetch) => fetch.representations)).toEqual(
      entityFetches(without.fetches).map((fetch) => fetch.representations),
    );
  });
});
