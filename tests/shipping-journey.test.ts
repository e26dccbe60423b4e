import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifests, moreManifests, orders, products, tenants, users } from '../prisma/demo-world.ts';
import { startTestStack, type GraphQLResponse, type TestStack } from './support/stack.ts';

let graph: TestStack;
const tokens: Record<'admin' | 'manager' | 'officer' | 'viewer' | 'customer' | 'globex', string> = {
  admin: '',
  manager: '',
  officer: '',
  viewer: '',
  customer: '',
  globex: '',
};

beforeAll(async () => {
  graph = await startTestStack();
  tokens.admin = await graph.login(users.acmeAdmin.email);
  tokens.manager = await graph.login(users.acmeManager.email);
  tokens.officer = await graph.login(users.shippingOfficer.email);
  tokens.viewer = await graph.login(users.acmeViewer.email);
  tokens.customer = await graph.login(users.alice.email);
  tokens.globex = await graph.login(users.globexAdmin.email, 'globex');
});
afterAll(async () => {
  await graph?.close();
});

interface ItemView {
  id: string;
  description: string;
  quantity: number;
  weightKg: string;
  volumeM3: string;
  value: string;
  hsCode: string;
  originCountry: string;
  product: { id: string; sku: string } | null;
}
interface ManifestView {
  id: string;
  publicId: string;
  status: string;
  zone: string;
  totalWeightKg: string;
  totalVolumeM3: string;
  totalValue: string;
  trackingNumber: string | null;
  shippingCost: string | null;
  estimatedDelivery: string | null;
  rejectionReason: string | null;
  reviewedBy: { email: string } | null;
  carrier: { code: string } | null;
  items: ItemView[];
  orders: { number: string }[];
}
interface QuoteView {
  id: string;
  service: string;
  carrier: { code: string };
  baseAmount: string;
  weightCharge: string;
  volumeCharge: string;
  fuelSurcharge: string;
  insurance: string;
  total: string;
  transitDays: number;
  status: string;
}

const MANIFEST = /* GraphQL */ `
  fragment ManifestView on Manifest {
    id
    publicId
    status
    zone
    totalWeightKg
    totalVolumeM3
    totalValue
    trackingNumber
    shippingCost
    estimatedDelivery
    rejectionReason
    reviewedBy {
      email
    }
    carrier {
      code
    }
    items {
      id
      description
      quantity
      weightKg
      volumeM3
      value
      hsCode
      originCountry
      product {
        id
        sku
      }
    }
    orders {
      number
    }
  }
`;
const QUOTE_FIELDS = 'id service carrier { code } baseAmount weightCharge volumeCharge fuelSurcharge insurance total transitDays status';

/** Runs a mutation that returns a Manifest and fails the test on any error. */
async function manifestMutation(token: string, field: string, args: string, variables: Record<string, unknown>): Promise<ManifestView> {
  const result = await mutate(token, field, args, variables);
  expect(result.errors).toBeUndefined();
  return (result.data as Record<string, ManifestView>)[field]!;
}

function mutate(token: string, field: string, args: string, variables: Record<string, unknown>): Promise<GraphQLResponse> {
  const declared = Object.keys(variables)
    .map((name) => `$${name}: ${VARIABLE_TYPES[name]}`)
    .join(', ');
  return graph.query(`mutation (${declared}) { ${field}(${args}) { ...ManifestView } } ${MANIFEST}`, { token, variables });
}

const VARIABLE_TYPES: Record<string, string> = {
  id: 'ID!',
  itemId: 'ID!',
  manifestId: 'ID!',
  quoteId: 'ID!',
  reason: 'String!',
  create: 'CreateManifestInput!',
  update: 'UpdateManifestInput!',
  item: 'ManifestItemInput!',
  changes: 'ManifestItemChanges!',
};

const create = (token: string, input: Record<string, unknown>) => mutate(token, 'createManifest', 'input: $create', { create: input });
const addItem = (token: string, manifestId: string, item: Record<string, unknown>) =>
  mutate(token, 'addManifestItem', 'manifestId: $manifestId, input: $item', { manifestId, item });
const step = (token: string, field: string, id: string) => mutate(token, field, 'id: $id', { id });

async function quoteRates(token: string, manifestId: string): Promise<GraphQLResponse<{ quoteRates: QuoteView[] }>> {
  return graph.query(`mutation ($id: ID!) { quoteRates(manifestId: $id) { ${QUOTE_FIELDS} } }`, { token, variables: { id: manifestId } });
}

const selectRate = (token: string, manifestId: string, quoteId: string) =>
  mutate(token, 'selectRate', 'manifestId: $manifestId, quoteId: $quoteId', { manifestId, quoteId });

/** A decimal string in units of its last digit at `scale`, so sums are exact. */
const units = (value: string, scale: number) => {
  const [whole, fraction = ''] = value.split('.');
  return BigInt(`${whole}${fraction.padEnd(scale, '0')}`);
};
const sumUnits = (values: string[], scale: number) => values.reduce((total, value) => total + units(value, scale), 0n);

/** The totals are exactly the sums of the items. */
function expectExactTotals(manifest: ManifestView) {
  expect(units(manifest.totalWeightKg, 3)).toBe(
    sumUnits(
      manifest.items.map((item) => item.weightKg),
      3,
    ),
  );
  expect(units(manifest.totalVolumeM3, 4)).toBe(
    sumUnits(
      manifest.items.map((item) => item.volumeM3),
      4,
    ),
  );
  expect(units(manifest.totalValue, 2)).toBe(
    sumUnits(
      manifest.items.map((item) => item.value),
      2,
    ),
  );
}

function expectError(result: GraphQLResponse, code: string, message: string | RegExp) {
  expect(result.errors, JSON.stringify(result.data)).toBeDefined();
  expect(result.errors![0]!.extensions!.code).toBe(code);
  if (typeof message === 'string') expect(result.errors![0]!.message).toContain(message);
  else expect(result.errors![0]!.message).toMatch(message);
}

const shippingRows = <Row>(sql: string, params: unknown[] = []) => graph.stack.subgraphs.shipping.sql.query<Row>(sql, params);
const countRows = async (table: string) =>
  Number((await shippingRows<{ count: string }>(`SELECT count(*)::text AS count FROM "${table}"`))[0]!.count);

async function approvedManifest(orderIds: string[] = []): Promise<ManifestView> {
  const created = await create(tokens.manager, {
    originCountry: 'ET',
    destinationCountry: 'DE',
    currency: 'USD',
    orderIds,
    items: [{ productId: products.yirgacheffe.id, quantity: 2, value: '1080.00', volumeM3: '0.2400' }],
  });
  expect(created.errors).toBeUndefined();
  const id = (created.data as { createManifest: ManifestView }).createManifest.id;
  await manifestMutation(tokens.manager, 'submitManifest', 'id: $id', { id });
  return manifestMutation(tokens.officer, 'approveManifest', 'id: $id', { id });
}

describe('a manifest journey through the gateway', () => {
  it('drafts from an order, keeps totals exact, and goes DRAFT -> SUBMITTED -> APPROVED -> booked -> SHIPPED -> DELIVERED', async () => {
    // The frontend reads the order through the graph and drafts a manifest from its items.
    const order = await graph.query<{
      order: { id: string; items: { quantity: number; lineTotal: string; product: { id: string } }[] };
    }>('query ($id: ID!) { order(id: $id) { id items { quantity lineTotal product { id } } } }', {
      token: tokens.manager,
      variables: { id: orders.aliceRetail.id },
    });
    expect(order.errors).toBeUndefined();
    const outboxBefore = await countRows('OutboxEvent');
    const shippedBefore = await graph.query<{ product: { shippedQuantity: number } }>(
      'query ($id: ID!) { product(id: $id) { shippedQuantity } }',
      { token: tokens.manager, variables: { id: products.roasted.id } },
    );
    expect(shippedBefore.data!.product.shippedQuantity).toBe(0);

    const draft = await manifestMutation(tokens.manager, 'createManifest', 'input: $create', {
      create: {
        originCountry: 'ET',
        destinationCountry: 'DE',
        currency: 'USD',
        orderIds: [order.data!.order.id],
        items: order.data!.order.items.map((item) => ({
          productId: item.product.id,
          quantity: item.quantity,
          value: item.lineTotal,
          volumeM3: '0.0600',
        })),
      },
    });
    expect(draft).toMatchObject({ status: 'DRAFT', zone: 'EUROPE', orders: [{ number: orders.aliceRetail.number }], trackingNumber: null });
    // Defaults come from the product replica: name, HS code, unit weight x quantity, the manifest's origin.
    expect(draft.items).toEqual([
      expect.objectContaining({
        description: products.roasted.name,
        quantity: 24,
        weightKg: '24.000',
        value: '444.00',
        hsCode: products.roasted.hsCode,
        originCountry: 'ET',
        product: { id: products.roasted.id, sku: products.roasted.sku },
      }),
    ]);
    expect(draft).toMatchObject({ totalWeightKg: '24.000', totalVolumeM3: '0.0600', totalValue: '444.00' });

    const id = draft.id;
    let current = await manifestMutation(tokens.manager, 'addManifestItem', 'manifestId: $manifestId, input: $item', {
      manifestId: id,
      item: { productId: products.scarf.id, quantity: 10, value: '240.00', volumeM3: '0.0150' },
    });
    expectExactTotals(current);
    expect(current).toMatchObject({ totalWeightKg: '26.000', totalVolumeM3: '0.0750', totalValue: '684.00' });

    current = await manifestMutation(tokens.manager, 'addManifestItem', 'manifestId: $manifestId, input: $item', {
      manifestId: id,
      item: { productId: products.blanket.id, quantity: 1, value: '89.90', weightKg: '1.801', volumeM3: '0.0333', hsCode: '6301.20.00' },
    });
    expectExactTotals(current);
    expect(current).toMatchObject({ totalWeightKg: '27.801', totalVolumeM3: '0.1083', totalValue: '773.90' });

    const blanket = current.items.find((item) => item.product?.id === products.blanket.id)!;
    current = await manifestMutation(tokens.manager, 'removeManifestItem', 'itemId: $itemId', { itemId: blanket.id });
    expectExactTotals(current);
    expect(current).toMatchObject({ totalWeightKg: '26.000', totalVolumeM3: '0.0750', totalValue: '684.00' });

    const scarf = current.items.find((item) => item.product?.id === products.scarf.id)!;
    current = await manifestMutation(tokens.manager, 'updateManifestItem', 'itemId: $itemId, input: $changes', {
      itemId: scarf.id,
      changes: { quantity: 12, value: '288.00', weightKg: '2.400' },
    });
    expectExactTotals(current);
    expect(current).toMatchObject({ totalWeightKg: '26.400', totalVolumeM3: '0.0750', totalValue: '732.00' });

    // Every illegal step from DRAFT is refused, naming the transition and why.
    expectError(
      await step(tokens.officer, 'approveManifest', id),
      'CONFLICT',
      'cannot go from DRAFT to APPROVED: only a SUBMITTED manifest can be approved',
    );
    expectError(await step(tokens.manager, 'shipManifest', id), 'CONFLICT', 'cannot go from DRAFT to SHIPPED');
    expectError(await step(tokens.manager, 'deliverManifest', id), 'CONFLICT', 'cannot go from DRAFT to DELIVERED');
    expectError(await quoteRates(tokens.manager, id), 'CONFLICT', `only for an APPROVED manifest; ${draft.publicId} is DRAFT`);

    current = await manifestMutation(tokens.manager, 'submitManifest', 'id: $id', { id });
    expect(current.status).toBe('SUBMITTED');
    // Only a draft can be edited.
    expectError(
      await addItem(tokens.manager, id, { productId: products.scarf.id, quantity: 1, value: '24.00' }),
      'CONFLICT',
      `Manifest ${draft.publicId} is SUBMITTED; only a DRAFT manifest can be edited`,
    );
    expectError(
      await mutate(tokens.manager, 'removeManifestItem', 'itemId: $itemId', { itemId: scarf.id }),
      'CONFLICT',
      'only a DRAFT manifest can be edited',
    );
    expectError(
      await mutate(tokens.manager, 'updateManifest', 'id: $id, input: $update', { id, update: { destinationCountry: 'FR' } }),
      'CONFLICT',
      'only a DRAFT manifest can be edited',
    );
    expectError(
      await step(tokens.manager, 'submitManifest', id),
      'CONFLICT',
      'cannot go from SUBMITTED to SUBMITTED: it is already SUBMITTED',
    );
    // Approval is for ADMIN or SHIPPING_OFFICER only.
    expectError(await step(tokens.manager, 'approveManifest', id), 'FORBIDDEN', 'requires one of the roles ADMIN, SHIPPING_OFFICER');

    current = await manifestMutation(tokens.officer, 'approveManifest', 'id: $id', { id });
    expect(current).toMatchObject({ status: 'APPROVED', reviewedBy: { email: users.shippingOfficer.email } });
    expectError(
      await mutate(tokens.officer, 'rejectManifest', 'id: $id, reason: $reason', { id, reason: 'too late' }),
      'CONFLICT',
      'cannot go from APPROVED to REJECTED',
    );
    expectError(
      await step(tokens.manager, 'shipManifest', id),
      'CONFLICT',
      'cannot go from APPROVED to SHIPPED: no rate has been selected',
    );

    // Quotes: one per carrier service with a EUROPE/USD rate card, cheapest first, charges adding up.
    const quoted = await quoteRates(tokens.officer, id);
    expect(quoted.errors).toBeUndefined();
    const quotes = quoted.data!.quoteRates;
    expect(quotes.map((quote) => `${quote.carrier.code}/${quote.service}`)).toEqual(['DHL/ECONOMY', 'DHL/EXPRESS', 'MAERSK/OCEAN']);
    for (const quote of quotes) {
      const parts = [quote.baseAmount, quote.weightCharge, quote.volumeCharge, quote.fuelSurcharge, quote.insurance];
      expect(sumUnits(parts, 2)).toBe(units(quote.total, 2));
    }
    // ECONOMY: 30.00 + 2.10 x 26.4 kg (55.44) + 15 x 0.075 m3 (1.13) + 10% fuel of 86.57 (8.66) + 0.35% of 732.00 (2.56)
    expect(quotes[0]).toMatchObject({
      baseAmount: '30.00',
      weightCharge: '55.44',
      volumeCharge: '1.13',
      fuelSurcharge: '8.66',
      insurance: '2.56',
      total: '97.79',
      transitDays: 7,
      status: 'QUOTED',
    });
    expect(quotes.map((quote) => quote.total)).toEqual(['97.79', '188.95', '386.49']);

    // Quoting again supersedes the first quotes: they can no longer be booked.
    const requoted = (await quoteRates(tokens.officer, id)).data!.quoteRates;
    expectError(await selectRate(tokens.officer, id, quotes[0]!.id), 'CONFLICT', 'was superseded by newer quotes');

    const booked = await manifestMutation(tokens.officer, 'selectRate', 'manifestId: $manifestId, quoteId: $quoteId', {
      manifestId: id,
      quoteId: requoted[0]!.id,
    });
    expect(booked).toMatchObject({ status: 'APPROVED', shippingCost: '97.79', carrier: { code: 'DHL' } });
    expect(booked.trackingNumber).toMatch(/^DHL-[0-9A-Z]{12}$/);
    expect(new Date(booked.estimatedDelivery!).getTime()).toBeGreaterThan(Date.now());
    const afterBooking = await graph.query<{ manifest: { quotes: { status: string }[]; selectedQuote: { id: string } } }>(
      'query ($id: ID!) { manifest(id: $id) { quotes(includeSuperseded: true) { status } selectedQuote { id } } }',
      { token: tokens.viewer, variables: { id } },
    );
    expect(afterBooking.data!.manifest.selectedQuote.id).toBe(requoted[0]!.id);
    expect(afterBooking.data!.manifest.quotes.filter((quote) => quote.status === 'SELECTED')).toHaveLength(1);
    expect(afterBooking.data!.manifest.quotes.filter((quote) => quote.status === 'QUOTED')).toHaveLength(0);
    expectError(await quoteRates(tokens.officer, id), 'CONFLICT', `is already booked (tracking number ${booked.trackingNumber})`);
    expectError(await selectRate(tokens.officer, id, requoted[1]!.id), 'CONFLICT', 'is already booked');

    current = await manifestMutation(tokens.manager, 'shipManifest', 'id: $id', { id });
    expect(current.status).toBe('SHIPPED');
    expectError(await step(tokens.manager, 'shipManifest', id), 'CONFLICT', 'it is already SHIPPED');
    current = await manifestMutation(tokens.officer, 'deliverManifest', 'id: $id', { id });
    expect(current).toMatchObject({ status: 'DELIVERED', trackingNumber: booked.trackingNumber });
    expectError(await step(tokens.manager, 'deliverManifest', id), 'CONFLICT', 'cannot go from DELIVERED to DELIVERED');
    expectExactTotals(current);

    // The joins other teams see: Order.manifests and Product.shippedQuantity.
    const joined = await graph.query<{
      order: { manifests: { publicId: string; status: string }[] };
      product: { shippedQuantity: number };
    }>(
      'query ($order: ID!, $product: ID!) { order(id: $order) { manifests { publicId status } } product(id: $product) { shippedQuantity } }',
      {
        token: tokens.viewer,
        variables: { order: orders.aliceRetail.id, product: products.roasted.id },
      },
    );
    expect(joined.data!.order.manifests).toEqual([{ publicId: draft.publicId, status: 'DELIVERED' }]);
    expect(joined.data!.product.shippedQuantity).toBe(24);

    // One audit event per mutation, written to the outbox with the change.
    const events = await shippingRows<{ action: string }>(
      `SELECT "payload"->>'action' AS action FROM "OutboxEvent" WHERE "payload"->>'entityId' = $1 ORDER BY "createdAt", "payload"->>'occurredAt'`,
      [id],
    );
    expect(events.map((event) => event.action)).toEqual([
      'manifest.created',
      'manifest.item_added',
      'manifest.item_added',
      'manifest.item_removed',
      'manifest.item_updated',
      'manifest.submitted',
      'manifest.approved',
      'manifest.rates_quoted',
      'manifest.rates_quoted',
      'manifest.rate_selected',
      'manifest.shipped',
      'manifest.delivered',
    ]);
    expect(await countRows('OutboxEvent')).toBe(outboxBefore + events.length);
  });

  it('rejects only with a reason, and a rejected manifest stays rejected', async () => {
    const created = await manifestMutation(tokens.manager, 'createManifest', 'input: $create', {
      create: {
        originCountry: 'ET',
        destinationCountry: 'US',
        currency: 'USD',
        items: [{ productId: products.sidamo.id, quantity: 1, value: '495.00' }],
      },
    });
    await manifestMutation(tokens.manager, 'submitManifest', 'id: $id', { id: created.id });
    const reject = (reason: string) => mutate(tokens.officer, 'rejectManifest', 'id: $id, reason: $reason', { id: created.id, reason });
    expectError(await reject('   '), 'BAD_USER_INPUT', 'reason: must not be empty');
    const rejected = (await reject('HS code of the sacks must be 0901.11.10')).data as { rejectManifest: ManifestView };
    expect(rejected.rejectManifest).toMatchObject({ status: 'REJECTED', rejectionReason: 'HS code of the sacks must be 0901.11.10' });
    expectError(await step(tokens.officer, 'approveManifest', created.id), 'CONFLICT', 'cannot go from REJECTED to APPROVED');
    expectError(await step(tokens.manager, 'submitManifest', created.id), 'CONFLICT', 'cannot go from REJECTED to SUBMITTED');
  });

  it('refuses a draft without items at submission', async () => {
    const empty = await manifestMutation(tokens.manager, 'createManifest', 'input: $create', {
      create: { originCountry: 'ET', destinationCountry: 'KE', currency: 'USD' },
    });
    expect(empty).toMatchObject({ status: 'DRAFT', totalWeightKg: '0.000', totalVolumeM3: '0.0000', totalValue: '0.00', zone: 'AFRICA' });
    expectError(await step(tokens.manager, 'submitManifest', empty.id), 'CONFLICT', 'cannot go from DRAFT to SUBMITTED: it has no items');
  });
});

describe('bad input', () => {
  it('is rejected naming the field, and nothing is half-written', async () => {
    const tables = ['Manifest', 'ManifestItem', 'ManifestOrder', 'OutboxEvent'];
    const before = await Promise.all(tables.map(countRows));
    const valid = { productId: products.yirgacheffe.id, quantity: 1, value: '540.00' };
    const base = { originCountry: 'ET', destinationCountry: 'DE', currency: 'USD', orderIds: [orders.aliceCoffee.id] };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, destinationCountry: 'XX', items: [valid] }, 'destinationCountry: must be an active shipping country'],
      [{ ...base, destinationCountry: 'KP', items: [valid] }, 'destinationCountry: must be an active shipping country'],
      [{ ...base, originCountry: 'Germany', items: [valid] }, 'originCountry: must be an ISO 3166-1 alpha-2 country code'],
      [{ ...base, destinationCountry: 'ET', items: [valid] }, 'destinationCountry: must differ from originCountry'],
      [{ ...base, items: [valid, { ...valid, hsCode: '09A1.11' }] }, 'items[1].hsCode: must be a Harmonized System code'],
      [{ ...base, items: [valid, { ...valid, hsCode: '0901' }] }, 'items[1].hsCode: must be a Harmonized System code'],
      [{ ...base, items: [{ ...valid, weightKg: '0' }] }, 'items[0].weightKg: must be greater than 0'],
      [{ ...base, items: [valid, { ...valid, weightKg: '-2.5' }] }, 'items[1].weightKg: must be greater than 0'],
      [{ ...base, items: [{ ...valid, quantity: 0 }] }, 'items[0].quantity: must be at least 1'],
      [{ ...base, items: [{ ...valid, value: '-1.00' }] }, 'items[0].value: must be at least 0'],
      [{ ...base, items: [{ ...valid, volumeM3: '0.00001' }] }, 'items[0].volumeM3: must have at most 4 decimal places'],
      [{ ...base, items: [valid, { ...valid, originCountry: 'ZZ' }] }, 'items[1].originCountry: must be a known ISO 3166-1 alpha-2'],
      // Another tenant's product looks exactly like an unknown one.
      [{ ...base, items: [valid, { ...valid, productId: products.pepper.id }] }, 'items[1].productId: must be a product of your tenant'],
      [
        { ...base, items: [valid, { ...valid, productId: '00000030-0000-4000-8000-000000000999' }] },
        'items[1].productId: must be a product of your tenant',
      ],
      [{ ...base, currency: 'US Dollar', items: [valid] }, 'currency: must be an ISO 4217 currency code'],
    ];
    for (const [input, message] of cases) {
      const result = await create(tokens.manager, input);
      expectError(result, 'BAD_USER_INPUT', message);
      expect(result.errors![0]!.extensions!.field).toBe(message.split(':')[0]);
    }

    // The same rules on a single added item, against an existing draft whose totals stay put.
    const draft = moreManifests.spicesToEmirates;
    const totals = async () =>
      (
        await graph.query<{ manifest: Pick<ManifestView, 'totalWeightKg' | 'totalValue' | 'items'> }>(
          'query ($id: ID!) { manifest(id: $id) { totalWeightKg totalValue items { id } } }',
          { token: tokens.globex, variables: { id: draft.id } },
        )
      ).data!.manifest;
    const draftBefore = await totals();
    const pepper = { productId: products.pepper.id, quantity: 1, value: '42.00' };
    expectError(
      await addItem(tokens.globex, draft.id, { ...pepper, weightKg: '0.000' }),
      'BAD_USER_INPUT',
      'weightKg: must be greater than 0',
    );
    expectError(await addItem(tokens.globex, draft.id, { ...pepper, hsCode: 'pepper' }), 'BAD_USER_INPUT', 'hsCode: must be a Harmonized');
    expectError(
      await addItem(tokens.globex, draft.id, { ...pepper, productId: products.yirgacheffe.id }),
      'BAD_USER_INPUT',
      'productId: must be a product of your tenant',
    );
    expect(await totals()).toEqual(draftBefore);
    expect(await Promise.all(tables.map(countRows))).toEqual(before);
  });
});

describe('roles and tenancy', () => {
  it('lets only editors create, only reviewers decide, and viewers and customers only read', async () => {
    const input = {
      originCountry: 'ET',
      destinationCountry: 'DE',
      currency: 'USD',
      items: [{ productId: products.sidamo.id, quantity: 1, value: '495.00' }],
    };
    expectError(await create(tokens.viewer, input), 'FORBIDDEN', 'Creating a manifest requires one of the roles ADMIN, MANAGER, EXPORTER');
    expectError(await create(tokens.customer, input), 'FORBIDDEN', 'Creating a manifest requires');
    // A well-formed id: the kit's input rules run before any resolver, so "x" would be refused as input first.
    expectError(
      await graph.query(`mutation { submitManifest(id: "${randomUUID()}") { id } }`),
      'UNAUTHENTICATED',
      'Authentication required',
    );
    const submitted = moreManifests.coffeeToJapan.id;
    expectError(await step(tokens.viewer, 'approveManifest', submitted), 'FORBIDDEN', 'Approving a manifest requires');
    expectError(await quoteRates(tokens.viewer, submitted), 'FORBIDDEN', 'Quoting rates requires');
    const read = await graph.query<{ manifest: { publicId: string } }>('query ($id: ID!) { manifest(id: $id) { publicId } }', {
      token: tokens.viewer,
      variables: { id: submitted },
    });
    expect(read.data!.manifest.publicId).toBe(moreManifests.coffeeToJapan.publicId);
  });

  it("never shows or changes another tenant's manifest, not even through _entities", async () => {
    const acme = manifests.textilesToUs.id;
    expectError(await step(tokens.globex, 'submitManifest', acme), 'NOT_FOUND', `Manifest ${acme} was not found`);
    expectError(
      await addItem(tokens.globex, acme, { productId: products.pepper.id, quantity: 1, value: '1.00' }),
      'NOT_FOUND',
      'was not found',
    );
    const read = await graph.query<{ manifest: null }>('query ($id: ID!) { manifest(id: $id) { id } }', {
      token: tokens.globex,
      variables: { id: acme },
    });
    expect(read.data!.manifest).toBeNull();
    const entities = await graph.query<{ _entities: unknown[] }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Manifest { publicId } ... on Product { shippedQuantity } } }',
      {
        url: graph.stack.subgraphs.shipping.url,
        token: tokens.globex,
        headers: { 'x-tenant-id': tenants.acme.id },
        variables: {
          r: [
            { __typename: 'Manifest', id: acme },
            { __typename: 'Product', id: products.yirgacheffe.id },
          ],
        },
      },
    );
    expect(entities.errors).toBeUndefined();
    expect(entities.data!._entities).toEqual([null, { shippedQuantity: 0 }]);
  });
});

describe('concurrency', () => {
  it('keeps totals exact when items are added to one draft at the same time', async () => {
    const draft = await manifestMutation(tokens.manager, 'createManifest', 'input: $create', {
      create: { originCountry: 'ET', destinationCountry: 'GB', currency: 'USD' },
    });
    const additions = Array.from({ length: 8 }, (_, index) =>
      addItem(tokens.manager, draft.id, {
        productId: products.scarf.id,
        quantity: index + 1,
        weightKg: `0.${String(index + 1).padStart(3, '0')}`,
        volumeM3: '0.0011',
        value: `${index + 1}.01`,
      }),
    );
    const results = await Promise.all(additions);
    expect(results.map((result) => result.errors)).toEqual(results.map(() => undefined));
    const final = (
      await graph.query<{ manifest: ManifestView }>(`query ($id: ID!) { manifest(id: $id) { ...ManifestView } } ${MANIFEST}`, {
        token: tokens.manager,
        variables: { id: draft.id },
      })
    ).data!.manifest;
    expect(final.items).toHaveLength(8);
    expectExactTotals(final);
    // 0.001 + ... + 0.008 kg, 8 x 0.0011 m3, 1.01 + ... + 8.01
    expect(final).toMatchObject({ totalWeightKg: '0.036', totalVolumeM3: '0.0088', totalValue: '36.08' });
  });

  it('books a manifest exactly once when two rates are selected at the same time', async () => {
    const approved = await approvedManifest();
    const quotes = (await quoteRates(tokens.officer, approved.id)).data!.quoteRates;
    expect(quotes.length).toBeGreaterThanOrEqual(2);
    const results = await Promise.all([
      selectRate(tokens.officer, approved.id, quotes[0]!.id),
      selectRate(tokens.manager, approved.id, quotes[1]!.id),
    ]);
    const winners = results.filter((result) => !result.errors);
    const losers = results.filter((result) => result.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expectError(losers[0]!, 'CONFLICT', 'is already booked');
    const rows = await shippingRows<{ status: string; selected: boolean }>(
      `SELECT q."status"::text AS status, (m."selectedQuoteId" = q."id") AS selected FROM "RateQuote" q JOIN "Manifest" m ON m."id" = q."manifestId"
       WHERE q."manifestId" = $1 AND q."status" = 'SELECTED'`,
      [approved.id],
    );
    expect(rows).toEqual([{ status: 'SELECTED', selected: true }]);
  });
});

describe('batching', () => {
  const LIST = /* GraphQL */ `
    query ($first: Int!) {
      manifests(first: $first) {
        edges {
          node {
            publicId
            originCountry {
              name
            }
            destinationCountry {
              name
            }
            createdBy {
              email
            }
            reviewedBy {
              email
            }
            items {
              product {
                sku
                shippedQuantity
              }
            }
            orders {
              number
            }
            quotes(includeSuperseded: true) {
              service
              total
            }
            selectedQuote {
              total
            }
            carrier {
              name
              rateCards {
                zone
              }
            }
          }
        }
      }
    }
  `;

  it('resolves manifests with items, products, orders, quotes and carriers in a number of statements that does not grow with the list', async () => {
    // The newest manifest is booked and linked to an order, so even a list of one uses every loader.
    const approved = await approvedManifest([orders.bobCoffee.id]);
    const [cheapest] = (await quoteRates(tokens.officer, approved.id)).data!.quoteRates;
    await manifestMutation(tokens.officer, 'selectRate', 'manifestId: $manifestId, quoteId: $quoteId', {
      manifestId: approved.id,
      quoteId: cheapest!.id,
    });
    const countFor = async (first: number) => {
      graph.statements.reset();
      const result = await graph.query<{ manifests: { edges: unknown[] } }>(LIST, { token: tokens.admin, variables: { first } });
      expect(result.errors).toBeUndefined();
      return {
        rows: result.data!.manifests.edges.length,
        statements: graph.statements.count(),
        shipping: graph.statements.count('shipping'),
      };
    };
    const small = await countFor(1);
    const large = await countFor(50);
    expect(small.rows).toBe(1);
    expect(large.rows).toBeGreaterThanOrEqual(4);
    expect(large.statements).toBe(small.statements);
    expect(large.shipping).toBe(small.shipping);
  });

  it('sums Product.shippedQuantity for every product of a list in one shipping statement', async () => {
    graph.statements.reset();
    const result = await graph.query<{ products: { edges: { node: { sku: string; shippedQuantity: number } }[] } }>(
      '{ products(first: 20) { edges { node { sku shippedQuantity } } } }',
      { token: tokens.admin },
    );
    expect(result.errors).toBeUndefined();
    const shipped = Object.fromEntries(result.data!.products.edges.map((edge) => [edge.node.sku, edge.node.shippedQuantity]));
    // The seeded delivered manifest shipped 10 Yirgacheffe and 5 Sidamo sacks.
    expect(shipped[products.yirgacheffe.sku]).toBeGreaterThanOrEqual(10);
    expect(shipped[products.sidamo.sku]).toBe(5);
    expect(graph.statements.count('shipping')).toBe(1);
  });
});
