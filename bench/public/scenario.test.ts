import { startGateway, type RunningGateway } from '@fed/gateway';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTokenIssuer, type TokenIssuer } from '../../tests/fixtures/token-issuer.ts';
import { checkPublicAnswer, expectedPublicData, PUBLIC_QUERY } from './query.ts';
import { servePublicSubgraphs, type RunningPublicSubgraphs } from './subgraphs.ts';
import { writePublicSupergraph } from './workload.ts';

/** The public scenario composes, and our gateway answers its query with exactly the data computed from the scenario's data. */
let subgraphs: RunningPublicSubgraphs;
let issuer: TokenIssuer;
let gateway: RunningGateway;

beforeAll(async () => {
  [subgraphs, issuer] = await Promise.all([servePublicSubgraphs(), startTokenIssuer()]);
  gateway = await startGateway({
    env: { SUPERGRAPH_PATH: writePublicSupergraph(subgraphs.urls), ...issuer.env, MAX_COST: '1000000', LOG_LEVEL: 'silent' },
    port: 0,
  });
});
afterAll(async () => {
  await gateway?.close();
  await Promise.all([subgraphs?.close(), issuer?.close()]);
});

it('answers the public query through our gateway with the expected data', async () => {
  const token = await issuer.sign({ userId: 'public-user', tenantId: 'public-tenant' });
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: PUBLIC_QUERY }),
  });
  const body = await response.text();
  expect(response.status).toBe(200);
  expect(checkPublicAnswer(body)).toBeUndefined();
  // The answer is the scenario's full nesting (~87 KB), not a trivially small one.
  const data = expectedPublicData() as { users: unknown[]; topProducts: unknown[] };
  expect(data.users).toHaveLength(6);
  expect(data.topProducts).toHaveLength(5);
  expect(body.length).toBeGreaterThan(80_000);
});

it('finds a wrong answer', () => {
  const data = expectedPublicData() as { topProducts: { inStock: boolean }[] };
  data.topProducts[0]!.inStock = !data.topProducts[0]!.inStock;
  expect(checkPublicAnswer(JSON.stringify({ data }))).toMatch(/differs/);
  expect(checkPublicAnswer('{"errors":[{"message":"x"}]}')).toMatch(/^errors/);
});
