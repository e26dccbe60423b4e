import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { products, users } from '../prisma/demo-world.ts';
import { demoTokens, startTestStack, type TestStack } from './support/stack.ts';
import { stockBooks } from './support/stock-books.ts';

let graph: TestStack;
let tokens: Awaited<ReturnType<typeof demoTokens>>;

beforeAll(async () => {
  graph = await startTestStack();
  tokens = await demoTokens(graph);
});
afterAll(async () => {
  await graph?.close();
});

/** Raw SQL on the catalog database, for checks the graph does not expose (not counted as statements). */
const sql = <Row = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  graph.stack.subgraphs.catalog.sql.query<Row>(text, params);

const PLACE_ORDER = /* GraphQL */ `
  mutation Place($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      id
      number
      status
      currency
      subtotal
      tax
      shipping
      discount
      total
      items {
        productName
        unitPrice
        quantity
        lineTotal
      }
    }
  }
`;
type PlacedOrder = {
  id: string;
  number: string;
  status: string;
  subtotal: string;
  tax: string;
  shipping: string;
  discount: string;
  total: string;
  items: { productName: string; unitPrice: string; quantity: number; lineTotal: string }[];
};
const place = (token: string, items: { productId: string; quantity: number }[]) =>
  graph.query<{ placeOrder: PlacedOrder }>(PLACE_ORDER, { token, variables: { input: { items } } });

const SET_STATUS = 'mutation($id: ID!, $status: OrderStatus!) { updateOrderStatus(id: $id, status: $status) { status nextStatuses } }';
const CANCEL = 'mutation($id: ID!, $reason: String) { cancelOrder(id: $id, reason: $reason) { status cancelReason } }';

/** A fresh product with `stock` units at MAIN, created and stocked through the graph. */
async function stockedProduct(sku: string, stock: number, price = '25.00', weightKg = '2.000'): Promise<string> {
  const { createProduct } = await graph.ok<{ createProduct: { id: string } }>(
    'mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }',
    tokens.admin,
    { input: { sku, name: `Test product ${sku}`, price, cost: '10.00', weightKg, tags: ['test'] } },
  );
  if (stock > 0) {
    await graph.ok('mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { quantity } }', tokens.admin, {
      input: { productId: createProduct.id, location: 'MAIN', quantity: stock, reference: `GR-${sku}` },
    });
  }
  return createProduct.id;
}

describe('placeOrder under concurrency', () => {
  it('50 concurrent orders for a product with stock 10: exactly 10 succeed, the rest get CONFLICT, and the books agree', async () => {
    const productId = await stockedProduct('RACE-10', 10);
    const attempts = await Promise.all(
      Array.from({ length: 50 }, (_, index) => place(index % 2 === 0 ? tokens.alice : tokens.bob, [{ productId, quantity: 1 }])),
    );
    const placed = attempts.filter((attempt) => attempt.data?.placeOrder);
    const refused = attempts.filter((attempt) => attempt.errors);
    expect(placed).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const attempt of refused) {
      expect(attempt.errors![0]!.extensions!.code).toBe('CONFLICT');
      expect(attempt.errors![0]!.message).toBe('items[0].quantity: not enough stock of RACE-10: 1 requested, 0 available');
    }
    expect(new Set(placed.map((attempt) => attempt.data!.placeOrder.number)).size).toBe(10);
    expect(await stockBooks(graph.stack.subgraphs.catalog.sql, productId)).toEqual({
      quantity: 10,
      reserved: 10,
      ledger: 10,
      held: 10,
      orders: 10,
    });

    // Confirming turns reservations into OUT movements; cancelling releases them or returns stock.
    const [confirm, cancel] = [placed.slice(0, 4), placed.slice(4, 7)];
    await Promise.all([
      ...confirm.map((attempt) => graph.ok(SET_STATUS, tokens.manager, { id: attempt.data!.placeOrder.id, status: 'CONFIRMED' })),
      ...cancel.map((attempt) => graph.ok(CANCEL, tokens.manager, { id: attempt.data!.placeOrder.id, reason: 'test' })),
    ]);
    expect(await stockBooks(graph.stack.subgraphs.catalog.sql, productId)).toEqual({
      quantity: 6,
      reserved: 3,
      ledger: 6,
      held: 3,
      orders: 10,
    });
    await graph.ok(CANCEL, tokens.admin, { id: confirm[0]!.data!.placeOrder.id, reason: 'customer changed their mind' });
    expect(await stockBooks(graph.stack.subgraphs.catalog.sql, productId)).toEqual({
      quantity: 7,
      reserved: 3,
      ledger: 7,
      held: 3,
      orders: 10,
    });

    const { product } = await graph.ok<{
      product: { availableQuantity: number; inventory: { quantity: number; reserved: number; available: number }[] };
    }>('query($id: ID!) { product(id: $id) { availableQuantity inventory { quantity reserved available } } }', tokens.admin, {
      id: productId,
    });
    expect(product).toEqual({ availableQuantity: 4, inventory: [{ quantity: 7, reserved: 3, available: 4 }] });
  });

  it('reserves a line across locations, all lines or none', async () => {
    const productId = await stockedProduct('SPLIT-1', 3);
    await graph.ok('mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { quantity } }', tokens.admin, {
      input: { productId, location: 'SIDE', quantity: 4, reference: 'GR-SIDE' },
    });
    const other = await stockedProduct('SPLIT-2', 1);
    const tooMuch = await place(tokens.alice, [
      { productId, quantity: 6 },
      { productId: other, quantity: 2 },
    ]);
    expect(tooMuch.errors![0]!.message).toBe('items[1].quantity: not enough stock of SPLIT-2: 2 requested, 1 available');
    expect(await stockBooks(graph.stack.subgraphs.catalog.sql, productId)).toEqual({
      quantity: 7,
      reserved: 0,
      ledger: 7,
      held: 0,
      orders: 0,
    });

    const placed = await place(tokens.alice, [{ productId, quantity: 6 }]);
    expect(placed.errors).toBeUndefined();
    const levels = await sql<{ location: string; reserved: number }>(
      'SELECT "location", "reserved" FROM "Inventory" WHERE "productId" = $1::uuid ORDER BY "location"',
      [productId],
    );
    expect(levels).toEqual([
      { location: 'MAIN', reserved: 2 },
      { location: 'SIDE', reserved: 4 },
    ]);
  });
});

describe('order totals', () => {
  it('are computed by the service from captured prices and the tenant pricing, never from the client', async () => {
    const { placeOrder } = await graph.ok<{ placeOrder: PlacedOrder }>(PLACE_ORDER, tokens.alice, {
      input: {
        items: [
          { productId: products.yirgacheffe.id, quantity: 2 },
          { productId: products.scarf.id, quantity: 3 },
        ],
      },
    });
    // 2 x 540.00 + 3 x 24.00 = 1152.00; 10% tax; shipping 15.00 + 0.40/kg x 120.6 kg = 63.24.
    expect(placeOrder).toMatchObject({
      status: 'PENDING',
      currency: 'USD',
      subtotal: '1152.00',
      tax: '115.20',
      shipping: '63.24',
      discount: '0.00',
      total: '1330.44',
    });
    expect(placeOrder.number).toMatch(/^ORD-\d{6}$/);
    expect(placeOrder.items).toEqual([
      { productName: products.yirgacheffe.name, unitPrice: '540.00', quantity: 2, lineTotal: '1080.00' },
      { productName: products.scarf.name, unitPrice: '24.00', quantity: 3, lineTotal: '72.00' },
    ]);

    // A later price change does not rewrite the order.
    await graph.ok('mutation($id: ID!) { updateProduct(id: $id, input: { price: "999.00" }) { price } }', tokens.manager, {
      id: products.scarf.id,
    });
    const { order } = await graph.ok<{ order: { total: string; items: { unitPrice: string }[] } }>(
      'query($id: ID!) { order(id: $id) { total items { unitPrice } } }',
      tokens.alice,
      { id: placeOrder.id },
    );
    expect(order).toEqual({ total: '1330.44', items: [{ unitPrice: '540.00' }, { unitPrice: '24.00' }] });
    await graph.ok('mutation($id: ID!) { updateProduct(id: $id, input: { price: "24.00" }) { price } }', tokens.manager, {
      id: products.scarf.id,
    });
  });

  it('cannot be forged: prices or totals in the input are refused before anything is written', async () => {
    const before = await sql<{ count: number }>('SELECT count(*)::int AS "count" FROM "Order"');
    const forgedTotal = await graph.query(PLACE_ORDER, {
      token: tokens.alice,
      variables: { input: { items: [{ productId: products.roasted.id, quantity: 1 }], total: '0.01' } },
    });
    const forgedPrice = await graph.query(PLACE_ORDER, {
      token: tokens.alice,
      variables: { input: { items: [{ productId: products.roasted.id, quantity: 1, unitPrice: '0.01' }] } },
    });
    expect(forgedTotal.errors![0]!.message).toContain('Field "total" is not defined by type "PlaceOrderInput"');
    expect(forgedPrice.errors![0]!.message).toContain('Field "unitPrice" is not defined by type "OrderLineInput"');
    expect(await sql<{ count: number }>('SELECT count(*)::int AS "count" FROM "Order"')).toEqual(before);
  });
});

describe('placeOrder input', () => {
  const globexPepper = products.pepper.id;
  it.each([
    ['a negative quantity', [{ productId: products.roasted.id, quantity: -2 }], 'items[0].quantity: must be at least 1'],
    [
      'a zero quantity on the second line',
      [
        { productId: products.roasted.id, quantity: 1 },
        { productId: products.scarf.id, quantity: 0 },
      ],
      'items[1].quantity: must be at least 1',
    ],
    ['an unknown product', [{ productId: randomUUID(), quantity: 1 }], 'items[0].productId: must be a product of this catalog'],
    ["another tenant's product", [{ productId: globexPepper, quantity: 1 }], 'items[0].productId: must be a product of this catalog'],
    ['a product id that is not a UUID', [{ productId: 'COF-YIR-60', quantity: 1 }], 'placeOrder.input.items[0].productId: must be a UUID'],
    [
      'the same product twice',
      [
        { productId: products.roasted.id, quantity: 1 },
        { productId: products.roasted.id, quantity: 2 },
      ],
      'items[1].productId: is already on an earlier line: order each product once',
    ],
    ['no lines', [], 'items: must have 1 to 50 lines'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_case, items, message) => {
    const before = await sql<{ orders: number; events: number }>(
      'SELECT (SELECT count(*)::int FROM "Order") AS "orders", (SELECT count(*)::int FROM "OutboxEvent") AS "events"',
    );
    const result = await place(tokens.alice, items);
    expect(result.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0]!.message).toBe(message);
    expect(
      await sql('SELECT (SELECT count(*)::int FROM "Order") AS "orders", (SELECT count(*)::int FROM "OutboxEvent") AS "events"'),
    ).toEqual(before);
  });

  it('refuses a product that is not for sale', async () => {
    const productId = await stockedProduct('DRAFT-1', 5);
    await graph.ok('mutation($id: ID!) { updateProduct(id: $id, input: { status: DRAFT }) { status } }', tokens.admin, { id: productId });
    const error = await graph.failure(PLACE_ORDER, tokens.alice, { input: { items: [{ productId, quantity: 1 }] } });
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', message: 'items[0].productId: DRAFT-1 is DRAFT and cannot be ordered' });
  });

  it('refuses a price with more than 2 decimals, naming the field', async () => {
    const error = await graph.failure('mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }', tokens.admin, {
      input: { sku: 'PRICE-3DP', name: 'Too precise', price: '12.345', cost: '1.00', weightKg: '1' },
    });
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', message: 'price: must have at most 2 decimal places' });
  });

  it('lets only buyers place orders', async () => {
    const error = await graph.failure(PLACE_ORDER, tokens.viewer, { input: { items: [{ productId: products.roasted.id, quantity: 1 }] } });
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: 'Placing an order requires one of the roles CUSTOMER, ADMIN, MANAGER' });
  });
});

describe('the order status machine', () => {
  it('walks PENDING to DELIVERED and refuses illegal transitions with an error naming both states', async () => {
    const productId = await stockedProduct('FLOW-1', 5);
    const { data } = await place(tokens.bob, [{ productId, quantity: 2 }]);
    const order = data!.placeOrder;

    const skip = await graph.failure(SET_STATUS, tokens.manager, { id: order.id, status: 'SHIPPED' });
    expect(skip).toMatchObject({
      code: 'CONFLICT',
      message: `Order ${order.number} cannot go from PENDING to SHIPPED: from PENDING it can only go to CONFIRMED or CANCELLED`,
      extensions: { from: 'PENDING', to: 'SHIPPED' },
    });

    for (const status of ['CONFIRMED', 'PROCESSING', 'SHIPPED', 'IN_TRANSIT', 'DELIVERED']) {
      const { updateOrderStatus } = await graph.ok<{ updateOrderStatus: { status: string } }>(SET_STATUS, tokens.manager, {
        id: order.id,
        status,
      });
      expect(updateOrderStatus.status).toBe(status);
    }
    const late = await graph.failure(CANCEL, tokens.admin, { id: order.id });
    expect(late.message).toBe(`Order ${order.number} cannot go from DELIVERED to CANCELLED: DELIVERED is a final state`);
    const back = await graph.failure(SET_STATUS, tokens.admin, { id: order.id, status: 'PENDING' });
    expect(back.message).toContain('cannot go from DELIVERED to PENDING');

    // Confirmation took the stock out through the ledger, referencing the order.
    const { product } = await graph.ok<{
      product: {
        stockMovements: {
          edges: { node: { type: string; quantity: number; reference: string; balanceAfter: number; location: string } }[];
        };
      };
    }>(
      'query($id: ID!) { product(id: $id) { stockMovements(first: 5) { edges { node { type quantity reference balanceAfter location } } } } }',
      tokens.manager,
      { id: productId },
    );
    expect(product.stockMovements.edges.map((edge) => edge.node)).toEqual([
      { type: 'OUT', quantity: -2, reference: order.number, balanceAfter: 3, location: 'MAIN' },
      { type: 'IN', quantity: 5, reference: 'GR-FLOW-1', balanceAfter: 5, location: 'MAIN' },
    ]);
  });

  it('lets a customer cancel their own PENDING order, releasing its reservation, and nothing more', async () => {
    const productId = await stockedProduct('CANCEL-1', 4);
    const mine = (await place(tokens.alice, [{ productId, quantity: 3 }])).data!.placeOrder;
    const bobs = (await place(tokens.bob, [{ productId, quantity: 1 }])).data!.placeOrder;
    expect(await stockBooks(graph.stack.subgraphs.catalog.sql, productId)).toMatchObject({ reserved: 4 });

    expect(await graph.failure(CANCEL, tokens.alice, { id: bobs.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await graph.failure(SET_STATUS, tokens.alice, { id: mine.id, status: 'CONFIRMED' })).toMatchObject({ code: 'FORBIDDEN' });
    const { cancelOrder } = await graph.ok<{ cancelOrder: { status: string; cancelReason: string } }>(CANCEL, tokens.alice, {
      id: mine.id,
      reason: 'ordered twice',
    });
    expect(cancelOrder).toEqual({ status: 'CANCELLED', cancelReason: 'ordered twice' });
    expect(await stockBooks(graph.stack.subgraphs.catalog.sql, productId)).toMatchObject({ quantity: 4, reserved: 1, ledger: 4, held: 1 });

    await graph.ok(SET_STATUS, tokens.manager, { id: bobs.id, status: 'CONFIRMED' });
    expect(await graph.failure(CANCEL, tokens.bob, { id: bobs.id })).toMatchObject({
      code: 'FORBIDDEN',
      message: `A customer can cancel only a PENDING order; order ${bobs.number} is CONFIRMED`,
    });
  });

  it('records every change in the outbox in the same transaction', async () => {
    const productId = await stockedProduct('AUDIT-1', 2);
    const order = (await place(tokens.alice, [{ productId, quantity: 1 }])).data!.placeOrder;
    await graph.ok(SET_STATUS, tokens.manager, { id: order.id, status: 'CONFIRMED' });
    const events = await sql<{ action: string; actorId: string; after: Record<string, unknown> }>(
      `SELECT "payload"->>'action' AS "action", "payload"->>'actorId' AS "actorId", "payload"->'after' AS "after"
       FROM "OutboxEvent" WHERE "payload"->>'entityId' = $1 ORDER BY "createdAt", "payload"->>'action' DESC`,
      [order.id],
    );
    expect(events.map((event) => [event.action, event.actorId])).toEqual([
      ['order.placed', users.alice.id],
      ['order.status_changed', users.acmeManager.id],
    ]);
    expect(events[0]!.after).toMatchObject({ number: order.number, total: order.total, status: 'PENDING' });
  });
});

describe('payments', () => {
  const CAPTURE = /* GraphQL */ `
    mutation Capture($input: CapturePaymentInput!) {
      capturePayment(input: $input) {
        id
        amount
        status
        gatewayResponse
        order {
          amountPaid
          balanceDue
          paymentStatus
          paidAt
        }
      }
    }
  `;
  type Captured = {
    capturePayment: {
      id: string;
      amount: string;
      status: string;
      gatewayResponse: unknown;
      order: { amountPaid: string; balanceDue: string; paymentStatus: string; paidAt: string | null };
    };
  };
  const capture = (token: string, input: Record<string, unknown>) => graph.query<Captured>(CAPTURE, { token, variables: { input } });

  it('marks an order paid once captured payments cover its total, and replays a retried idempotency key', async () => {
    const productId = await stockedProduct('PAY-1', 5, '40.00', '1.000');
    const order = (await place(tokens.alice, [{ productId, quantity: 2 }])).data!.placeOrder;
    // 80.00 + 8.00 tax + 15.00 + 0.40/kg x 2 kg shipping.
    expect(order.total).toBe('103.80');
    const base = { orderId: order.id, currency: 'USD', method: 'CARD' };

    const deposit = {
      ...base,
      amount: '50.00',
      externalTransactionId: `ch_${randomUUID()}`,
      idempotencyKey: `key-${randomUUID()}`,
      gatewayResponse: { approved: true },
    };
    const first = await capture(tokens.alice, deposit);
    // The provider's answer is for ADMIN and MANAGER: the customer gets it as null with FORBIDDEN there.
    expect(first.errors).toMatchObject([{ path: ['capturePayment', 'gatewayResponse'], extensions: { code: 'FORBIDDEN' } }]);
    expect(first.data!.capturePayment).toMatchObject({
      amount: '50.00',
      status: 'CAPTURED',
      gatewayResponse: null,
      order: { amountPaid: '50.00', balanceDue: '53.80', paymentStatus: 'PARTIALLY_PAID', paidAt: null },
    });

    // Five concurrent retries of the same request: the same payment, captured once.
    const retries = await Promise.all(Array.from({ length: 5 }, () => capture(tokens.alice, deposit)));
    expect(new Set(retries.map((retry) => retry.data?.capturePayment.id))).toEqual(new Set([first.data!.capturePayment.id]));
    expect(await sql('SELECT count(*)::int AS "count" FROM "Payment" WHERE "orderId" = $1::uuid', [order.id])).toEqual([{ count: 1 }]);

    const reused = await capture(tokens.alice, { ...deposit, amount: '10.00' });
    expect(reused.errors![0]).toMatchObject({
      message: 'idempotencyKey: this key was already used for a different payment request',
      extensions: { code: 'CONFLICT' },
    });

    const overpay = await capture(tokens.manager, {
      ...base,
      amount: '60.00',
      externalTransactionId: `tt_${randomUUID()}`,
      idempotencyKey: `key-${randomUUID()}`,
    });
    expect(overpay.errors![0]).toMatchObject({
      message: 'amount: must not exceed the balance due of 53.80 USD',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const precise = await capture(tokens.manager, {
      ...base,
      amount: '1.001',
      externalTransactionId: `tt_${randomUUID()}`,
      idempotencyKey: `key-${randomUUID()}`,
    });
    expect(precise.errors![0]!.message).toBe('amount: must have at most 2 decimal places');
    const currency = await capture(tokens.manager, {
      ...base,
      currency: 'EUR',
      amount: '1.00',
      externalTransactionId: `tt_${randomUUID()}`,
      idempotencyKey: `key-${randomUUID()}`,
    });
    expect(currency.errors![0]!.message).toBe("currency: must be the order's currency, USD");
    const sameTransaction = await capture(tokens.manager, {
      ...base,
      amount: '1.00',
      externalTransactionId: deposit.externalTransactionId,
      idempotencyKey: `key-${randomUUID()}`,
    });
    expect(sameTransaction.errors![0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(sameTransaction.errors![0]!.message).toContain('externalTransactionId');

    const rest = await capture(tokens.manager, {
      ...base,
      amount: '53.80',
      method: 'BANK_TRANSFER',
      externalTransactionId: `tt_${randomUUID()}`,
      idempotencyKey: `key-${randomUUID()}`,
      gatewayResponse: { ref: 'TT-1' },
    });
    expect(rest.data!.capturePayment).toMatchObject({
      gatewayResponse: { ref: 'TT-1' },
      order: { amountPaid: '103.80', balanceDue: '0.00', paymentStatus: 'PAID', paidAt: expect.any(String) },
    });
  });

  it("does not let a customer pay someone else's order", async () => {
    const bobsOrder = (await place(tokens.bob, [{ productId: products.roasted.id, quantity: 1 }])).data!.placeOrder;
    const result = await capture(tokens.alice, {
      orderId: bobsOrder.id,
      amount: '1.00',
      currency: 'USD',
      method: 'CARD',
      externalTransactionId: `ch_${randomUUID()}`,
      idempotencyKey: `key-${randomUUID()}`,
    });
    expect(result.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });
});

describe('listing orders through the gateway', () => {
  const ORDERS = /* GraphQL */ `
    query Orders($first: Int!) {
      orders(first: $first) {
        edges {
          node {
            number
            total
            amountPaid
            customer {
              email
            }
            items {
              productName
              quantity
              product {
                sku
                stockStatus
              }
            }
          }
        }
      }
    }
  `;

  it('costs the same number of SQL statements for 100 orders with items, products and customers as for 10', async () => {
    // 100 new orders (newest of all), written straight to the database for speed.
    await sql(
      `WITH "created" AS (
         INSERT INTO "Order" ("id", "tenantId", "customerId", "currency", "subtotal", "tax", "shipping", "discount", "total", "createdAt", "updatedAt")
         SELECT gen_random_uuid(), $1::uuid, (ARRAY[$2::uuid, $3::uuid])[1 + n % 2], 'USD', 36.50, 0, 0, 0, 36.50, now() + n * interval '1 second', now()
         FROM generate_series(1, 100) AS n RETURNING "id"
       )
       INSERT INTO "OrderItem" ("id", "tenantId", "orderId", "productId", "productName", "unitPrice", "quantity", "lineTotal")
       SELECT gen_random_uuid(), $1::uuid, c."id", p."id", p."name", p."price", 1, p."price"
       FROM "created" c CROSS JOIN (VALUES ($4::uuid), ($5::uuid)) AS v("id") JOIN "Product" p ON p."id" = v."id"`,
      [users.alice.tenantId, users.alice.id, users.bob.id, products.roasted.id, products.sidamo.id],
    );
    const countFor = async (first: number) => {
      graph.statements.reset();
      const result = await graph.query<{ orders: { edges: { node: { items: unknown[]; customer: { email: string } } }[] } }>(ORDERS, {
        token: tokens.admin,
        variables: { first },
      });
      expect(result.errors).toBeUndefined();
      const edges = result.data!.orders.edges;
      expect(edges).toHaveLength(first);
      expect(edges.every((edge) => edge.node.items.length === 2 && edge.node.customer.email.endsWith('@acme.test'))).toBe(true);
      return { total: graph.statements.count(), catalog: graph.statements.count('catalog'), users: graph.statements.count('users') };
    };
    const ten = await countFor(10);
    const hundred = await countFor(100);
    expect(hundred).toEqual(ten);
    // orders, items, products, inventory levels, payments; and one batched User lookup.
    expect(hundred).toEqual({ total: 6, catalog: 5, users: 1 });
  });
});
