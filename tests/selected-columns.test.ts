import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../prisma/demo-world.ts';
import { columnsRead, expectEveryFieldAnsweredAsFromFullRows, readsOf, statementsDuring } from './support/selected-columns.ts';
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
    const reads = readsOf((await statementsDuring(graph, 'catalog', () => graph.ok(page('name price'), token))).statements, 'Product');
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

type Orders = { id: string }[];

describe('Order', () => {
  const page = (selection: string) => `{ orders(first: 6) { edges { node { id ${selection} } } } }`;
  const ofCustomers = (selection: string) =>
    `{ users(first: 20) { edges { node { id orders(first: 3) { edges { node { id ${selection} } } } } } } }`;
  const viaReferences = (selection: string) =>
    `{ manifests(first: 10) { edges { node { id orders { id ${selection} } } } } exports(first: 10) { edges { node { id order { id ${selection} } } } } }`;
  const nodes = (data: unknown): Orders => {
    const found: Orders = [];
    const visit = (value: unknown, key: string) => {
      if (Array.isArray(value)) value.forEach((item) => visit(item, key));
      else if (value && typeof value === 'object') {
        if (['node', 'order', 'orders'].includes(key) && 'id' in value && 'total' in value) found.push(value as Orders[number]);
        for (const [child, inner] of Object.entries(value)) visit(inner, child);
      }
    };
    visit(data, '');
    return found;
  };
  const count = (data: unknown) => nodes(data).length;

  it('a page of numbers and totals reads no other column than those and the cursor’s', async () => {
    const reads = readsOf((await statementsDuring(graph, 'catalog', () => graph.ok(page('number total'), token))).statements, 'Order');
    expect(reads).toHaveLength(1);
    expect(columnsRead(reads[0]!, 'Order')).toEqual(new Set(['id', 'tenantId', 'customerId', 'createdAt', 'number', 'total']));
  });

  it.each([
    ['on a page', page],
    ['as customers’ orders (one ranked page for all customers)', ofCustomers],
    ['as references from manifests and exports', viaReferences],
  ] as const)('%s: every field answers as from full rows', async (_path, operation) => {
    await expectEveryFieldAnsweredAsFromFullRows(graph, token, 'Order', operation, count);
  });
});
