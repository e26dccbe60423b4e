import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authRequirements } from '../gateway/src/auth-directives.ts';
import { readFile } from 'node:fs/promises';
import { orders, products, users } from '../prisma/demo-world.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/**
 * @authenticated / @requiresScopes in the subgraphs' SDL, composed into the supergraph and enforced
 * by the gateway before it plans: the refused field is answered null with an error at its path,
 * the rest of the answer is intact, and the subgraph is never asked for it.
 */
let graph: TestStack;
beforeAll(async () => {
  graph = await startTestStack({ RESPONSE_CACHE_ENABLED: 'false' });
});
afterAll(async () => {
  await graph?.close();
});

describe('auth directives enforced at the gateway', () => {
  it('are composed into the supergraph the gateway loads', async () => {
    const rules = authRequirements(await readFile(new URL('../gateway/supergraph.graphql', import.meta.url), 'utf8'));
    expect(rules.requirements.get('Query.orders')).toMatchObject({ authenticated: true });
    expect(rules.requirements.get('Product.stockMovements')).toMatchObject({ scopes: [['ADMIN'], ['MANAGER']] });
  });

  it('answers an @authenticated field null for an anonymous caller, with UNAUTHENTICATED at its path, without calling the subgraph', async () => {
    graph.statements.reset();
    const result = await graph.query<{ order: unknown; me: unknown }>(`{ order(id: "${orders.aliceRetail.id}") { number } me { email } }`);
    expect(result.data).toEqual({ order: null, me: null });
    expect(result.errors).toEqual([
      expect.objectContaining({ path: ['order'], extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }),
    ]);
    expect(graph.statements.list('catalog').filter((sql) => sql.includes('"Order"'))).toEqual([]);
  });

  it('answers a @requiresScopes field null without the scope, the rest intact, and never asks the subgraph for it', async () => {
    const alice = await graph.login(users.alice.email);
    const query = `{ products(first: 2) { totalCount } product(id: "${products.scarf.id}") { name stockMovements(first: 1) { totalCount } } }`;
    graph.statements.reset();
    const refused = await graph.query<{ products: { totalCount: number }; product: unknown }>(query, { token: alice });
    expect(refused.data?.products.totalCount).toBeGreaterThan(0);
    // stockMovements is nullable (a refusal never nulls its parent): only it is null.
    expect(refused.data?.product).toEqual({ name: expect.any(String), stockMovements: null });
    expect(refused.errors).toEqual([
      expect.objectContaining({ path: ['product', 'stockMovements'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    ]);
    expect(refused.errors?.[0]?.message).toContain('ADMIN or MANAGER');
    expect(graph.statements.list('catalog').filter((sql) => sql.includes('"StockMovement"'))).toEqual([]);

    const manager = await graph.login(users.acmeManager.email);
    const allowed = await graph.ok<{ product: { name: string; stockMovements: { totalCount: number } } }>(query, manager);
    expect(allowed.product.stockMovements.totalCount).toBeGreaterThan(0);
  });

  it('trims per caller: the same document plans separately for a caller with the scope', async () => {
    const query = `{ product(id: "${products.scarf.id}") { name stockMovements(first: 1) { totalCount } } }`;
    const alice = await graph.login(users.alice.email);
    const admin = await graph.login(users.acmeAdmin.email);
    expect((await graph.query(query, { token: alice })).data).toEqual({ product: { name: expect.any(String), stockMovements: null } });
    expect(
      (await graph.ok<{ product: { stockMovements: { totalCount: number } } }>(query, admin)).product.stockMovements.totalCount,
    ).toBeGreaterThan(0);
    expect((await graph.query(query, { token: alice })).data).toEqual({ product: { name: expect.any(String), stockMovements: null } });
  });
});
