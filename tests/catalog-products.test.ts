import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories, orders, products, reviews, tenants, users } from '../prisma/demo-world.ts';
import { demoTokens, startTestStack, type TestStack } from './support/stack.ts';

let graph: TestStack;
let tokens: Awaited<ReturnType<typeof demoTokens>>;

beforeAll(async () => {
  graph = await startTestStack();
  tokens = await demoTokens(graph);
});
afterAll(async () => {
  await graph?.close();
});

const sql = <Row = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  graph.stack.subgraphs.catalog.sql.query<Row>(text, params);

const CREATE_PRODUCT =
  'mutation($input: CreateProductInput!) { createProduct(input: $input) { id sku tags hsCode status dimensions { lengthCm widthCm heightCm } } }';

describe('managing products', () => {
  it('creates, updates and soft-deletes a product, each with an audit event carrying what the shipping replica needs', async () => {
    const { createProduct } = await graph.ok<{
      createProduct: { id: string; sku: string; tags: string[]; hsCode: string; status: string; dimensions: unknown };
    }>(CREATE_PRODUCT, tokens.manager, {
      input: {
        sku: ' tea-grn-1 ',
        name: 'Green tea, 1 kg',
        price: '12.50',
        cost: '7.00',
        weightKg: '1.050',
        dimensions: { lengthCm: '20', widthCm: '10.5', heightCm: '8' },
        tags: ['Tea', 'tea', 'organic'],
        hsCode: '0902.10',
        categoryId: categories.coffee.id,
      },
    });
    expect(createProduct).toMatchObject({
      sku: 'TEA-GRN-1',
      tags: ['tea', 'organic'],
      hsCode: '0902.10',
      status: 'ACTIVE',
      dimensions: { lengthCm: '20.00', widthCm: '10.50', heightCm: '8.00' },
    });
    const id = createProduct.id;
    await graph.ok(
      'mutation($id: ID!) { updateProduct(id: $id, input: { name: "Sencha green tea, 1 kg", hsCode: null }) { name hsCode } }',
      tokens.manager,
      { id },
    );
    expect(await graph.ok('mutation($id: ID!) { deleteProduct(id: $id) }', tokens.admin, { id })).toEqual({ deleteProduct: id });
    expect(await graph.ok('query($id: ID!) { product(id: $id) { id } }', tokens.admin, { id })).toEqual({ product: null });

    const events = await sql<{ action: string; before: Record<string, unknown> | null; after: Record<string, unknown> }>(
      `SELECT "payload"->>'action' AS "action", "payload"->'before' AS "before", "payload"->'after' AS "after"
       FROM "OutboxEvent" WHERE "payload"->>'entityId' = $1 ORDER BY "createdAt"`,
      [id],
    );
    expect(events.map((event) => event.action)).toEqual(['product.created', 'product.updated', 'product.deleted']);
    expect(events[0]!.after).toMatchObject({
      id,
      tenantId: tenants.acme.id,
      sku: 'TEA-GRN-1',
      name: 'Green tea, 1 kg',
      hsCode: '0902.10',
      weightKg: '1.050',
      status: 'ACTIVE',
    });
    expect(events[1]!.before).toMatchObject({ name: 'Green tea, 1 kg', hsCode: '0902.10' });
    expect(events[1]!.after).toMatchObject({ name: 'Sencha green tea, 1 kg', hsCode: null });
    expect(events[2]!.after.deletedAt).toEqual(expect.any(String));
  });

  it.each([
    ['an SKU with spaces', { sku: 'A B' }, 'sku: must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit'],
    ['a negative cost', { cost: '-1.00' }, 'cost: must be at least 0'],
    ['a weight with 4 decimals', { weightKg: '1.0001' }, 'weightKg: must have at most 3 decimal places'],
    ['a price too large for the column', { price: '12345678901.00' }, 'price: must be less than 1e10'],
    ['a malformed HS code', { hsCode: '09-01' }, 'hsCode: must be a Harmonized System code: 4 digits, then up to 3 pairs, e.g. "0901.11"'],
    ['a zero dimension', { dimensions: { lengthCm: '0', widthCm: '1', heightCm: '1' } }, 'dimensions.lengthCm: must be greater than 0'],
    ['a blank tag', { tags: ['ok', ' '] }, 'tags[1]: must be 1 to 40 characters'],
    ['an unknown category', { categoryId: categories.spices.id }, 'categoryId: must be a category of this catalog'],
  ])('refuses %s, naming the field', async (_case, change, message) => {
    const input = { sku: 'VALID-1', name: 'Valid', price: '1.00', cost: '1.00', weightKg: '1', ...change };
    expect(await graph.failure(CREATE_PRODUCT, tokens.admin, { input })).toMatchObject({ code: 'BAD_USER_INPUT', message });
  });

  it('refuses a second product with the same SKU', async () => {
    const input = { sku: products.scarf.sku, name: 'Copy', price: '1.00', cost: '1.00', weightKg: '1' };
    expect(await graph.failure(CREATE_PRODUCT, tokens.admin, { input })).toMatchObject({
      code: 'CONFLICT',
      message: `sku: a product with SKU ${products.scarf.sku} already exists (deleted products keep their SKU)`,
    });
  });

  it('lets only ADMIN and MANAGER change the catalog, and shows cost only to them', async () => {
    const input = { sku: 'NOPE-1', name: 'Nope', price: '1.00', cost: '1.00', weightKg: '1' };
    expect(await graph.failure(CREATE_PRODUCT, tokens.alice, { input })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await graph.failure(CREATE_PRODUCT, tokens.viewer, { input })).toMatchObject({ code: 'FORBIDDEN' });
    const query = 'query($id: ID!) { product(id: $id) { price cost } }';
    expect(await graph.ok(query, tokens.manager, { id: products.scarf.id })).toEqual({ product: { price: '24.00', cost: '11.00' } });
    // Anyone else gets the product with cost null and a FORBIDDEN error at its path.
    const asCustomer = await graph.query(query, { token: tokens.alice, variables: { id: products.scarf.id } });
    expect(asCustomer.data).toEqual({ product: { price: '24.00', cost: null } });
    expect(asCustomer.errors).toMatchObject([
      { path: ['product', 'cost'], extensions: { code: 'FORBIDDEN', type: 'Product', field: 'cost' } },
    ]);
  });
});

describe('finding products', () => {
  const PRODUCTS = /* GraphQL */ `
    query Products($first: Int, $after: String, $filter: ProductFilter, $sort: ProductSort) {
      products(first: $first, after: $after, filter: $filter, sort: $sort) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          node {
            sku
          }
        }
      }
    }
  `;
  type Page = {
    products: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { sku: string } }[] };
  };
  const skus = (page: Page) => page.products.edges.map((edge) => edge.node.sku);

  it('searches by text with stemming, best match first', async () => {
    const page = await graph.ok<Page>(PRODUCTS, tokens.alice, { filter: { search: 'green coffees' } });
    expect(skus(page).sort()).toEqual([products.sidamo.sku, products.yirgacheffe.sku].sort());
    expect(skus(await graph.ok<Page>(PRODUCTS, tokens.alice, { filter: { search: products.blanket.sku } }))).toEqual([
      products.blanket.sku,
    ]);
  });

  it('filters by category subtree, tag, price range and active, within the tenant only', async () => {
    const coffee = await graph.ok<Page>(PRODUCTS, tokens.alice, { filter: { categoryId: categories.coffee.id }, sort: 'NAME_ASC' });
    expect(skus(coffee)).toEqual([products.roasted.sku, products.sidamo.sku, products.sesame.sku, products.yirgacheffe.sku]);
    const cheapTextiles = await graph.ok<Page>(PRODUCTS, tokens.alice, { filter: { tag: 'textile', maxPrice: '50' } });
    expect(skus(cheapTextiles)).toEqual([products.scarf.sku]);
    const globex = await graph.ok<Page>(PRODUCTS, tokens.globex, { filter: { active: true }, sort: 'PRICE_DESC' });
    expect(skus(globex)).toEqual([products.pepper.sku, products.cardamom.sku]);
  });

  it('pages by cursor in price order, with the total count', async () => {
    const first = await graph.ok<Page>(PRODUCTS, tokens.alice, { first: 4, sort: 'PRICE_ASC', filter: { active: true } });
    const rest = await graph.ok<Page>(PRODUCTS, tokens.alice, {
      first: 4,
      sort: 'PRICE_ASC',
      filter: { active: true },
      after: first.products.pageInfo.endCursor,
    });
    expect(first.products.pageInfo.hasNextPage).toBe(true);
    expect(rest.products.pageInfo.hasNextPage).toBe(false);
    const acme = Object.values(products).filter((product) => product.tenantId === tenants.acme.id);
    const byPrice = [...acme].sort((a, b) => Number(a.price) - Number(b.price)).map((product) => product.sku);
    expect([...skus(first), ...skus(rest)]).toEqual(byPrice.filter((sku) => !sku.startsWith('DRAFT')).slice(0, 8));
    expect(first.products.totalCount).toBeGreaterThanOrEqual(acme.length);

    expect(
      await graph.failure(PRODUCTS, tokens.alice, { first: 4, sort: 'NAME_ASC', after: first.products.pageInfo.endCursor }),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'after: must be a cursor returned by this field with sort NAME_ASC',
    });
    expect(await graph.failure(PRODUCTS, tokens.alice, { sort: 'RELEVANCE' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'sort: RELEVANCE needs filter.search',
    });
  });

  it("never shows another tenant's product, not even through _entities", async () => {
    expect(await graph.ok('query($id: ID!) { product(id: $id) { id } }', tokens.globex, { id: products.yirgacheffe.id })).toEqual({
      product: null,
    });
  });
});

describe('categories', () => {
  const CREATE = 'mutation($input: CreateCategoryInput!) { createCategory(input: $input) { id slug parent { slug } } }';
  it('builds a tree with unique slugs and refuses cycles', async () => {
    const { createCategory } = await graph.ok<{ createCategory: { id: string; slug: string; parent: { slug: string } } }>(
      CREATE,
      tokens.manager,
      {
        input: { name: 'Espresso blends', slug: 'espresso-blends', parentId: categories.coffee.id, sortOrder: 2 },
      },
    );
    expect(createCategory).toMatchObject({ slug: 'espresso-blends', parent: { slug: 'coffee' } });
    expect(await graph.failure(CREATE, tokens.manager, { input: { name: 'Again', slug: 'espresso-blends' } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'slug: must be unique: another category already uses "espresso-blends"',
    });
    expect(await graph.failure(CREATE, tokens.manager, { input: { name: 'Bad', slug: 'Not A Slug' } })).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    const move = 'mutation($id: ID!, $parentId: ID) { updateCategory(id: $id, input: { parentId: $parentId }) { id } }';
    expect(await graph.failure(move, tokens.manager, { id: categories.coffee.id, parentId: createCategory.id })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'parentId: must not be the category itself or one of its subcategories',
    });
    const { category } = await graph.ok<{ category: { children: { slug: string }[] } }>(
      'query($id: ID!) { category(id: $id) { children { slug } } }',
      tokens.alice,
      {
        id: categories.coffee.id,
      },
    );
    expect(category.children.map((child) => child.slug)).toEqual(['green-coffee', 'espresso-blends']);
  });
});

describe('inventory', () => {
  const LEVELS =
    'query($id: ID!) { product(id: $id) { stockStatus availableQuantity inventory { location quantity reserved minStock maxStock batchNumber stockStatus } } }';
  it('receives, adjusts and limits stock through the ledger, never below zero', async () => {
    const productId = products.blanket.id;
    await graph.ok('mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { quantity } }', tokens.manager, {
      input: {
        productId,
        location: 'PORT',
        quantity: 12,
        reference: 'GR-2026-0007',
        batchNumber: 'B-77',
        expiresAt: '2027-06-30T00:00:00.000Z',
      },
    });
    // A second receipt into the same level adds to it.
    await graph.ok('mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { quantity } }', tokens.manager, {
      input: { productId, location: 'PORT', quantity: 3, reference: 'GR-2026-0008' },
    });
    await graph.ok('mutation($input: AdjustStockInput!) { adjustStock(input: $input) { quantity } }', tokens.manager, {
      input: { productId, location: 'PORT', quantityChange: -2, reference: 'COUNT-2026-11', note: 'two damaged' },
    });
    expect(
      await graph.failure('mutation($input: AdjustStockInput!) { adjustStock(input: $input) { quantity } }', tokens.manager, {
        input: { productId, location: 'PORT', quantityChange: -14, reference: 'COUNT-2026-12' },
      }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', message: 'quantityChange: would take the stock below zero' });
    await graph.ok('mutation($input: SetStockLimitsInput!) { setStockLimits(input: $input) { minStock } }', tokens.manager, {
      input: { productId, location: 'PORT', minStock: 15, maxStock: 50 },
    });
    expect(
      await graph.failure('mutation($input: SetStockLimitsInput!) { setStockLimits(input: $input) { minStock } }', tokens.manager, {
        input: { productId, location: 'PORT', minStock: 10, maxStock: 5 },
      }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', message: 'maxStock: must be at least minStock' });

    const { product } = await graph.ok<{ product: { inventory: Record<string, unknown>[] } }>(LEVELS, tokens.manager, { id: productId });
    expect(product.inventory.find((level) => level.location === 'PORT')).toEqual({
      location: 'PORT',
      quantity: 13,
      reserved: 0,
      minStock: 15,
      maxStock: 50,
      batchNumber: 'B-77',
      stockStatus: 'LOW_STOCK',
    });
    const [books] = await sql<{ quantity: number; ledger: number }>(
      `SELECT SUM("quantity")::int AS "quantity", (SELECT SUM("quantity")::int FROM "StockMovement" WHERE "productId" = $1::uuid) AS "ledger"
       FROM "Inventory" WHERE "productId" = $1::uuid`,
      [productId],
    );
    expect(books!.ledger).toBe(books!.quantity);
  });

  it('shows the ledger to ADMIN and MANAGER only, and lets only them move stock', async () => {
    const ledger = 'query($id: ID!) { product(id: $id) { stockMovements(first: 1) { totalCount } } }';
    expect(await graph.failure(ledger, tokens.alice, { id: products.scarf.id })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await graph.ok(ledger, tokens.admin, { id: products.scarf.id })).toEqual({ product: { stockMovements: { totalCount: 2 } } });
    expect(
      await graph.failure('mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { quantity } }', tokens.viewer, {
        input: { productId: products.scarf.id, location: 'MAIN', quantity: 1, reference: 'x' },
      }),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('reviews', () => {
  const CREATE = 'mutation($input: CreateReviewInput!) { createReview(input: $input) { id rating verifiedPurchase author { email } } }';
  const UPDATE = 'mutation($id: ID!, $input: UpdateReviewInput!) { updateReview(id: $id, input: $input) { rating verifiedPurchase } }';
  const RATING = 'query($id: ID!) { product(id: $id) { averageRating reviewCount } }';

  it('marks a purchase verified only once the author has a delivered order with the product', async () => {
    const { createReview } = await graph.ok<{ createReview: { id: string; verifiedPurchase: boolean; author: { email: string } } }>(
      CREATE,
      tokens.bob,
      {
        input: { productId: products.sidamo.id, rating: 2, title: 'Not here yet', orderId: orders.bobCoffee.id },
      },
    );
    // Bob's order with this product is PROCESSING: not delivered yet.
    expect(createReview).toMatchObject({ verifiedPurchase: false, author: { email: users.bob.email } });
    for (const status of ['SHIPPED', 'IN_TRANSIT', 'DELIVERED']) {
      await graph.ok(
        'mutation($id: ID!, $status: OrderStatus!) { updateOrderStatus(id: $id, status: $status) { status } }',
        tokens.manager,
        {
          id: orders.bobCoffee.id,
          status,
        },
      );
    }
    expect(await graph.ok(UPDATE, tokens.bob, { id: createReview.id, input: { rating: 4 } })).toEqual({
      updateReview: { rating: 4, verifiedPurchase: true },
    });
    // Alice's seeded 4-star review and Bob's 4.
    expect(await graph.ok(RATING, tokens.alice, { id: products.sidamo.id })).toEqual({ product: { averageRating: 4, reviewCount: 2 } });
  });

  it('allows one review per user per product, ratings 1 to 5, and only orders of the author', async () => {
    expect(
      await graph.failure(CREATE, tokens.alice, { input: { productId: products.yirgacheffe.id, rating: 3, title: 'Again' } }),
    ).toMatchObject({
      code: 'CONFLICT',
      message: 'You have already reviewed this product: update that review instead',
    });
    expect(await graph.failure(CREATE, tokens.bob, { input: { productId: products.scarf.id, rating: 6, title: 'Six' } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'rating: must be at most 5',
    });
    expect(
      await graph.failure(CREATE, tokens.bob, {
        input: { productId: products.scarf.id, rating: 5, title: 'Hers', orderId: orders.aliceTextiles.id },
      }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', message: 'orderId: must be one of your orders that contains this product' });
    expect(
      await graph.failure(CREATE, tokens.viewer, { input: { productId: products.scarf.id, rating: 5, title: 'Viewer' } }),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await graph.failure(UPDATE, tokens.bob, { id: reviews.aliceYirgacheffe.id, input: { rating: 1 } })).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('lets the author or a manager delete a review', async () => {
    const DELETE = 'mutation($id: ID!) { deleteReview(id: $id) }';
    expect(await graph.failure(DELETE, tokens.alice, { id: reviews.bobRoasted.id })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await graph.ok(DELETE, tokens.manager, { id: reviews.bobRoasted.id })).toEqual({ deleteReview: reviews.bobRoasted.id });
    expect(await graph.ok(RATING, tokens.alice, { id: products.roasted.id })).toEqual({ product: { averageRating: null, reviewCount: 0 } });
  });

  it("contributes User.reviews, resolved with the user's own data through the gateway", async () => {
    const { me } = await graph.ok<{
      me: { email: string; reviews: { totalCount: number; edges: { node: { title: string; product: { sku: string } } }[] } };
    }>('{ me { email reviews(first: 5) { totalCount edges { node { title product { sku } } } } } }', tokens.alice);
    expect(me.email).toBe(users.alice.email);
    expect(me.reviews.totalCount).toBe(2);
    expect(me.reviews.edges.map((edge) => edge.node.product.sku).sort()).toEqual([products.sidamo.sku, products.yirgacheffe.sku].sort());
  });

  it('keeps the statement count of reviews, ratings and authors over a product list constant', async () => {
    const query = /* GraphQL */ `
      query ($first: Int!) {
        products(first: $first, sort: OLDEST) {
          edges {
            node {
              sku
              averageRating
              reviews(first: 2) {
                totalCount
                edges {
                  node {
                    rating
                    author {
                      displayName
                    }
                  }
                }
              }
            }
          }
        }
      }
    `;
    const countFor = async (first: number) => {
      graph.statements.reset();
      const result = await graph.query<{ products: { edges: unknown[] } }>(query, { token: tokens.alice, variables: { first } });
      expect(result.errors).toBeUndefined();
      expect(result.data!.products.edges).toHaveLength(first);
      return graph.statements.count();
    };
    // The oldest products are the reviewed ones, so both lists reach reviews and their authors.
    expect(await countFor(6)).toBe(await countFor(2));
  });
});

describe('catalog settings', () => {
  it('are read by anyone in the tenant and changed only by an ADMIN', async () => {
    expect(await graph.ok('{ catalogSettings { currency taxRate shippingBase shippingPerKg } }', tokens.alice)).toEqual({
      catalogSettings: { currency: 'USD', taxRate: '0.10', shippingBase: '15.00', shippingPerKg: '0.40' },
    });
    const update = 'mutation($input: UpdateCatalogSettingsInput!) { updateCatalogSettings(input: $input) { currency taxRate } }';
    expect(await graph.failure(update, tokens.manager, { input: { taxRate: '0.2' } })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await graph.failure(update, tokens.admin, { input: { taxRate: '1.5' } })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'taxRate: must be less than 1 (a fraction: 0.1 is 10%)',
    });
    expect(await graph.ok(update, tokens.globex, { input: { taxRate: '0.19', currency: 'eur' } })).toEqual({
      updateCatalogSettings: { currency: 'EUR', taxRate: '0.19' },
    });
  });
});
