import {
  ApproveManifestDocument,
  CreateManifestDocument,
  DeliverManifestDocument,
  GraphQLRequestError,
  ManifestDocument,
  MyOrdersDocument,
  MyPendingApprovalsDocument,
  OrderAuditTrailDocument,
  PlaceOrderDocument,
  QuoteRatesDocument,
  SelectRateDocument,
  ShipManifestDocument,
  SubmitManifestDocument,
  UpdateOrderStatusDocument,
} from '@fed/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products, users } from '../prisma/demo-world.ts';
import { eventually } from './support/eventually.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/** The SDK's example operations, run as a frontend would run them, against the live graph. */
let graph: TestStack;
beforeAll(async () => {
  graph = await startTestStack();
});
afterAll(async () => {
  await graph?.close();
});

describe('the typed SDK against the live graph', () => {
  it('places an order, ships it through the manifest journey and shows it in the audit trail', async () => {
    const customer = graph.client(await graph.login(users.alice.email));
    const manager = graph.client(await graph.login(users.acmeManager.email));
    const admin = graph.client(await graph.login(users.acmeAdmin.email));

    const { placeOrder: order } = await customer.request(PlaceOrderDocument, {
      input: { items: [{ productId: products.roasted.id, quantity: 3 }] },
    });
    expect(order.status).toBe('PENDING');
    expect(order.items).toEqual([
      expect.objectContaining({ productName: products.roasted.name, unitPrice: '18.50', quantity: 3, lineTotal: '55.50' }),
    ]);
    const mine = await customer.request(MyOrdersDocument, { first: 1 });
    expect(mine.orders.edges[0]!.node.number).toBe(order.number);

    // A customer cannot confirm their own order: the SDK surfaces the error code.
    const refused = await customer
      .request(UpdateOrderStatusDocument, { id: order.id, status: 'CONFIRMED' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GraphQLRequestError);
    expect((refused as GraphQLRequestError).codes).toEqual(['FORBIDDEN']);
    await manager.request(UpdateOrderStatusDocument, { id: order.id, status: 'CONFIRMED' });

    const { createManifest: draft } = await manager.request(CreateManifestDocument, {
      input: {
        originCountry: 'ET',
        destinationCountry: 'DE',
        currency: 'USD',
        orderIds: [order.id],
        items: [{ productId: products.roasted.id, quantity: 3, value: '55.50' }],
      },
    });
    expect(draft.status).toBe('DRAFT');
    expect(draft.items[0]!.product!.sku).toBe(products.roasted.sku);
    await manager.request(SubmitManifestDocument, { id: draft.id });
    await admin.request(ApproveManifestDocument, { id: draft.id });
    const { quoteRates } = await manager.request(QuoteRatesDocument, { manifestId: draft.id });
    expect(quoteRates.length).toBeGreaterThan(0);
    const cheapest = quoteRates[0]!;
    expect(quoteRates.every((quote) => Number(quote.total) >= Number(cheapest.total))).toBe(true);
    const { selectRate: booked } = await manager.request(SelectRateDocument, { manifestId: draft.id, quoteId: cheapest.id });
    expect(booked.trackingNumber).toBeTruthy();
    await manager.request(ShipManifestDocument, { id: draft.id });
    const { deliverManifest: delivered } = await manager.request(DeliverManifestDocument, { id: draft.id });
    expect(delivered.status).toBe('DELIVERED');
    const { manifest } = await manager.request(ManifestDocument, { id: draft.id });
    expect(manifest!.orders.map((linked) => linked.number)).toEqual([order.number]);

    const trail = await eventually(async () => {
      const { orders } = await admin.request(OrderAuditTrailDocument, { first: 5 });
      const node = orders.edges.find((edge) => edge.node.number === order.number)!.node;
      // Null only for a caller who may not read the audit log; the admin may.
      if (!node.auditTrail) throw new Error('the admin was refused the audit trail');
      if (node.auditTrail.totalCount < 2) throw new Error('events not delivered yet');
      return node.auditTrail.edges.map((edge) => edge.node.action);
    });
    expect(trail).toEqual(expect.arrayContaining(['order.placed', 'order.status_changed']));
  });

  it("lists an agency officer's pending approvals", async () => {
    const officer = graph.client(await graph.login(users.fxOfficer.email));
    const { me } = await officer.request(MyPendingApprovalsDocument);
    expect(me!.pendingApprovals.totalCount).toBeGreaterThan(0);
    expect(me!.pendingApprovals.edges.every((edge) => edge.node.currentStage === 'FX_APPROVAL')).toBe(true);
  });
});
