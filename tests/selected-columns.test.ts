import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../prisma/demo-world.ts';
import { columnsRead, expectEveryFieldAnsweredAsFromFullRows } from './support/selected-columns.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/**
 * Subgraphs read only the columns of the fields an operation selects. Proven two ways: the
 * statement leaves the other columns out, and every field, alone or among all, answers exactly as
 * when every column is read, on every path that loads the rows (a page, references through another
 * type, and both in one operation, where a row read with fewer columns must not answer a load that
 * needs more).
 */
let graph: TestStack;
let token: string;

beforeAll(async () => {
  // No response cache: the answers compared must both come from the subgraphs.
  graph = await startTestStack({ RESPONSE_CACHE_ENABLED: 'false' });
  token = await graph.login(users.acmeAdmin.email);
});
afterAll(async () => {
  await graph?.close();
});

type Node = Record<string, unknown> & { id: string };
type Page = { products: { edges: { node: Node }[] } };
type OrdersPage = { orders: { edges: { node: { items: { product: Node }[] } }[] } };

describe('Product', () => {
  const page = (selection: string) => `{ products(first: 6, sort: NAME_ASC) { edges { node { id ${selection} } } } }`;
  const viaOrderItems = (selection: string) => `{ orders(first: 4) { edges { node { items { product { id ${selection} } } } } } }`;
  const pageNodes = (data: unknown) => (data as Page).products.edges.map((edge) => edge.node);
  const orderItemProducts = (data: unknown) =>
    (data as OrdersPage).orders.edges.flatMap((edge) => edge.node.items.map((item) => item.product));

  it('a catalog page of names and prices reads no other column', async () => {
    graph.statements.reset();
    await graph.ok(page('name price'), token);
    const reads = graph.statements.list('catalog').filter((sql) => /^SELECT .* FROM "public"\."Product"/s.test(sql));
    expect(reads).toHaveLength(1);
    expect(columnsRead(reads[0]!, 'Product')).toEqual(new Set(['id', 'tenantId', 'name', 'price']));
  });

  it('on a page: every field answers as from full rows', async () => {
    await expectEveryFieldAnsweredAsFromFullRows(graph, token, 'Product', page, (data) => pageNodes(data).length);
  });

  it('through order items (entity batches): every field answers as from full rows', async () => {
    await expectEveryFieldAnsweredAsFromFullRows(graph, token, 'Product', viaOrderItems, (data) => orderItemProducts(data).length);
  });

  it('rows read for a page with few columns do not answer references that need more, in the same operation', async () => {
    const data = await graph.ok<Page & OrdersPage>(
      `{ products(first: 50) { edges { node { id name } } } orders(first: 4) { edges { node { items { product { id description weightKg } } } } } }`,
      token,
    );
    const referenced = orderItemProducts(data);
    const paged = new Set(pageNodes(data).map((node) => node.id));
    // The same products are on both paths, so the loader saw the narrow rows first.
    expect(referenced.some((product) => paged.has(product.id))).toBe(true);
    for (const product of referenced) {
      expect(typeof product.description).toBe('string');
      expect(product.weightKg).not.toBeNull();
    }
  });
});
