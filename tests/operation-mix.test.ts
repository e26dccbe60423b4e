import { ExportWithApprovalsDocument, MyOrdersDocument, PlaceOrderDocument, CatalogPageDocument, type GraphQLClient } from '@fed/sdk';
import type { SubgraphName } from '@fed/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VOLUME_PASSWORD, type VolumeScale, type VolumeTenant } from '../prisma/volume-world.ts';
import { startVolumeStack, type TestStack } from './support/stack.ts';

/**
 * The benchmark's operation mix (bench/) costs the same number of SQL statements whatever the
 * sizes of the lists it returns: ten times the rows must not mean one more statement. Runs on a
 * small volume world, seeded by the same code as the benchmark's.
 */
const SCALE: VolumeScale = {
  tenants: 1,
  usersPerTenant: 10,
  productsPerTenant: 60,
  categoriesPerTenant: 4,
  ordersPerTenant: 90,
  maxItemsPerOrder: 4,
  manifestEvery: 1,
  exportEvery: 6,
  reviewsPerProduct: 2,
};

let graph: TestStack;
let tenant: VolumeTenant;
let customer: GraphQLClient;
let admin: GraphQLClient;

async function signIn(email: string): Promise<GraphQLClient> {
  return graph.client(await graph.login(email, tenant.slug, VOLUME_PASSWORD));
}

/** Statements per subgraph while `work` runs (only the subgraphs that ran any). */
async function statementsOf(work: () => Promise<unknown>): Promise<Partial<Record<SubgraphName, number>>> {
  graph.statements.reset();
  await work();
  const counts: Partial<Record<SubgraphName, number>> = {};
  for (const name of ['users', 'catalog', 'shipping', 'exports', 'audit'] as const) {
    const count = graph.statements.count(name);
    if (count > 0) counts[name] = count;
  }
  return counts;
}

beforeAll(async () => {
  const world = await startVolumeStack(SCALE);
  graph = world.graph;
  [tenant] = world.tenants as [VolumeTenant];
  customer = await signIn(tenant.customers[0]!.email);
  admin = await signIn(tenant.adminEmail);
});

afterAll(async () => {
  await graph?.close();
});

describe('operation mix: SQL statements do not grow with list sizes', () => {
  it('catalog page: 5 and 50 products with category, stock status and rating', async () => {
    const page = (first: number) => admin.request(CatalogPageDocument, { first, sort: 'NAME_ASC' });
    const small = await page(5);
    const large = await page(50);
    expect(small.products.edges).toHaveLength(5);
    expect(large.products.edges).toHaveLength(50);
    expect(large.products.totalCount).toBe(SCALE.productsPerTenant);
    // Seeded reviews and categories come back through the graph.
    expect(large.products.edges.every((edge) => edge.node.reviewCount === SCALE.reviewsPerProduct && edge.node.category)).toBe(true);

    const smallCount = await statementsOf(() => page(5));
    const largeCount = await statementsOf(() => page(50));
    expect(largeCount).toEqual(smallCount);
  });

  it('my orders: 2 and 20 orders with items and products', async () => {
    const myOrders = (first: number) => customer.request(MyOrdersDocument, { first });
    const small = await myOrders(2);
    const large = await myOrders(20);
    expect(small.orders.edges).toHaveLength(2);
    expect(large.orders.edges).toHaveLength(20);
    const nodes = large.orders.edges.map((edge) => edge.node);
    // Items resolve their products (a customer reads no manifests: README "Who may read what").
    expect(nodes.every((order) => order.items.every((item) => item.product?.sku))).toBe(true);
    expect(nodes.reduce((sum, order) => sum + order.items.length, 0)).toBeGreaterThanOrEqual(20);

    const smallCount = await statementsOf(() => myOrders(2));
    const largeCount = await statementsOf(() => myOrders(20));
    expect(largeCount).toEqual(smallCount);
  });

  it('one export with goods, documents, approvals, history and audit trail: one stage decided and all five', async () => {
    const review = (id: string, trailFirst: number) => admin.request(ExportWithApprovalsDocument, { id, trailFirst });
    // Exports cycle through the chain: the second has one stage approved, the sixth all five.
    const [early, completedId] = [tenant.exportIds[1]!, tenant.exportIds[5]!];
    const started = await review(early, 2);
    const completed = await review(completedId, 20);
    expect(started.export?.status).toBe('IN_REVIEW');
    expect(started.export?.approvals).toHaveLength(1);
    expect(started.export?.auditTrail?.edges).toHaveLength(2);
    expect(completed.export?.status).toBe('COMPLETED');
    expect(completed.export?.approvals).toHaveLength(5);
    expect(completed.export?.approvals.every((approval) => approval.decidedBy?.displayName)).toBe(true);
    // created, one event per document, submitted, one per approval
    const trailLength = 2 + completed.export!.documents.length + 5;
    expect(completed.export?.documents.length).toBeGreaterThanOrEqual(5);
    expect(completed.export?.auditTrail?.totalCount).toBe(trailLength);
    expect(completed.export?.auditTrail?.edges).toHaveLength(trailLength);
    expect(completed.export?.history.map((change) => change.to)).toEqual(['DRAFT', 'SUBMITTED', 'IN_REVIEW', 'APPROVED', 'COMPLETED']);

    const startedCount = await statementsOf(() => review(early, 2));
    const completedCount = await statementsOf(() => review(completedId, 20));
    expect(completedCount).toEqual(startedCount);
  });

  it('placeOrder: 1 and 10 lines', async () => {
    const place = (productIds: string[]) =>
      customer.request(PlaceOrderDocument, { input: { items: productIds.map((productId) => ({ productId, quantity: 1 })) } });
    const one = await place(tenant.productIds.slice(0, 1));
    const ten = await place(tenant.productIds.slice(1, 11));
    expect(one.placeOrder.items).toHaveLength(1);
    expect(ten.placeOrder.items).toHaveLength(10);

    const oneCount = await statementsOf(() => place(tenant.productIds.slice(11, 12)));
    const tenCount = await statementsOf(() => place(tenant.productIds.slice(12, 22)));
    expect(tenCount).toEqual(oneCount);
  });
});
