import { CatalogPageDocument, documentText } from '@fed/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products, users } from '../prisma/demo-world.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/**
 * The public catalog data carries cache hints (products 60 s with stock 10 s, categories 300 s,
 * countries 600 s, approval stage rules 3600 s), so the gateway's response cache answers what a
 * shop reads: shared by the tenant's users, per user where the answer depends on the role, never
 * across tenants, and cleared by the tenant's mutations.
 */
let graph: TestStack;
let tokens: { alice: string; bob: string; manager: string; globex: string };
const CATALOG_PAGE = documentText(CatalogPageDocument);

beforeAll(async () => {
  graph = await startTestStack();
  tokens = {
    alice: await graph.login(users.alice.email),
    bob: await graph.login(users.bob.email),
    manager: await graph.login(users.acmeManager.email),
    globex: await graph.login(users.globexAdmin.email, 'globex'),
  };
});
afterAll(async () => {
  await graph?.close();
});

const run = async (query: string, token: string, variables: Record<string, unknown> = {}) => {
  const result = await graph.query<Record<string, unknown>>(query, { token, variables });
  expect(result.errors).toBeUndefined();
  return { data: result.data, cache: result.headers.get('x-cache'), cacheControl: result.headers.get('cache-control') };
};

describe('cache hints on public catalog data', () => {
  it("caches the catalog page for the tenant's users, at the stock fields' 10 s", async () => {
    const variables = { first: 5, sort: 'NAME_ASC' };
    const first = await run(CATALOG_PAGE, tokens.alice, variables);
    expect(first.cache).toBe('MISS');
    expect(first.cacheControl).toBe('max-age=10, private');
    const again = await run(CATALOG_PAGE, tokens.bob, variables);
    expect(again.cache).toBe('HIT');
    expect(again.data).toEqual(first.data);
    // Another tenant never gets it.
    const globex = await run(CATALOG_PAGE, tokens.globex, variables);
    expect(globex.cache).toBe('MISS');
    expect(globex.data).not.toEqual(first.data);
  });

  it('caches products, categories, countries and the approval chain with their own maxAge', async () => {
    const cases: [string, number][] = [
      [`{ product(id: "${products.roasted.id}") { id name price category { name } } }`, 60],
      ['{ categories { id name children { name } } }', 300],
      ['{ countries { code name zone } }', 600],
      ['{ exportApprovalStages { stage position role } }', 3600],
    ];
    for (const [query, maxAge] of cases) {
      const first = await run(query, tokens.alice);
      expect([query, first.cache, first.cacheControl]).toEqual([query, 'MISS', `max-age=${maxAge}, private`]);
      expect([query, (await run(query, tokens.bob)).cache]).toEqual([query, 'HIT']);
    }
  });

  it("keeps the role-dependent cost per user: a manager's cost is never served to a customer", async () => {
    const query = `{ product(id: "${products.roasted.id}") { id cost } }`;
    const manager = await run(query, tokens.manager);
    expect(manager.data).toEqual({ product: { id: products.roasted.id, cost: expect.any(String) } });
    // A customer is refused the cost (null with FORBIDDEN at its path): never the manager's cached answer.
    const alice = await graph.query<Record<string, unknown>>(query, { token: tokens.alice });
    expect(alice.headers.get('x-cache')).not.toBe('HIT');
    expect(alice.data).toEqual({ product: { id: products.roasted.id, cost: null } });
    expect(alice.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(alice.errors?.[0]?.path).toEqual(['product', 'cost']);
    expect((await run(query, tokens.manager)).cache).toBe('HIT');
  });

  it("clears the tenant's cached catalog on a mutation", async () => {
    const query = `{ product(id: "${products.roasted.id}") { id price } }`;
    await run(query, tokens.alice);
    expect((await run(query, tokens.bob)).cache).toBe('HIT');
    const updated = await graph.ok<{ updateProduct: { price: string } }>(
      `mutation { updateProduct(id: "${products.roasted.id}", input: { price: "99.95" }) { price } }`,
      tokens.manager,
    );
    expect(updated.updateProduct.price).toBe('99.95');
    const after = await run(query, tokens.bob);
    expect(after.cache).toBe('MISS');
    expect(after.data).toEqual({ product: { id: products.roasted.id, price: '99.95' } });
  });
});
