import { MeDocument, MyOrdersDocument, OrdersWithCustomersDocument } from '@fed/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, products, tenants, users } from '../prisma/demo-world.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

let graph: TestStack;
beforeAll(async () => {
  graph = await startTestStack();
});
afterAll(async () => {
  await graph?.close();
});

describe('the federated graph through the gateway', () => {
  it('answers the README query with seeded data joined across users and catalog', async () => {
    const client = graph.client(await graph.login(users.acmeAdmin.email));
    const data = await client.request(OrdersWithCustomersDocument, { first: 5 });
    const acmeOrders = Object.values(orders).filter((order) => order.tenantId === tenants.acme.id);
    expect(data.orders.totalCount).toBe(acmeOrders.length);
    expect(data.orders.edges).toHaveLength(5);
    // Newest first: the demo order placed one day ago leads.
    const first = data.orders.edges[0]!.node;
    expect(first.number).toBe(orders.alicePending.number);
    expect(first.customer!.email).toBe(users.alice.email);
    expect(first.customer!.orders.totalCount).toBe(acmeOrders.filter((order) => order.customerId === users.alice.id).length);
    // 2 x 120.00 = 240.00 subtotal, 10% tax, 40.00 shipping, computed when seeding as the service would.
    expect(first.total).toBe('304.00');
  });

  it('joins all five subgraphs in one operation: export -> order -> manifest -> audit trail', async () => {
    const token = await graph.login(users.acmeManager.email);
    const result = await graph.query<{
      orders: {
        edges: {
          node: {
            number: string;
            manifests: { publicId: string; destinationCountry: { name: string }; items: { product: { sku: string } | null }[] }[];
            export: { reference: string; requestedBy: { email: string } } | null;
            auditTrail: { totalCount: number; edges: { node: { action: string; actor: { email: string } | null } }[] };
          };
        }[];
      };
    }>(
      /* GraphQL */ `
        {
          orders(first: 20) {
            edges {
              node {
                number
                manifests {
                  publicId
                  destinationCountry {
                    name
                  }
                  items {
                    product {
                      sku
                    }
                  }
                }
                export {
                  reference
                  requestedBy {
                    email
                  }
                }
                auditTrail(first: 5) {
                  totalCount
                  edges {
                    node {
                      action
                      actor {
                        email
                      }
                    }
                  }
                }
              }
            }
          }
        }
      `,
      { token },
    );
    expect(result.errors).toBeUndefined();
    const coffee = result.data!.orders.edges.find((edge) => edge.node.number === orders.aliceCoffee.number)!.node;
    expect(coffee.manifests).toEqual([
      {
        publicId: 'MAN-2026-0001',
        destinationCountry: { name: 'Germany' },
        items: [{ product: { sku: products.yirgacheffe.sku } }, { product: { sku: products.sidamo.sku } }],
      },
    ]);
    expect(coffee.export).toEqual({ reference: 'EXP-2026-0001', requestedBy: { email: users.acmeManager.email } });
    expect(coffee.auditTrail.totalCount).toBe(2);
    expect(coffee.auditTrail.edges.map((edge) => edge.node.action)).toEqual(['order.status_changed', 'order.placed']);
    expect(coffee.auditTrail.edges[1]!.node.actor).toEqual({ email: users.alice.email });
  });

  it('returns the request id it made, also when a client sent one (trusted only behind TRUST_PROXY)', async () => {
    const token = await graph.login(users.acmeAdmin.email);
    const given = await graph.query('{ me { id } }', { token, headers: { 'x-request-id': 'req-from-client-1' } });
    expect(given.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const made = await graph.query('{ me { id } }', { token });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('authentication and tenancy', () => {
  it('signs in, and says the same thing for a wrong password and an unknown user', async () => {
    const { me } = await graph.client(await graph.login(users.alice.email)).request(MeDocument);
    expect(me).toMatchObject({ email: users.alice.email, roles: ['CUSTOMER'], tenant: { slug: 'acme' } });

    const login = 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }';
    const wrongPassword = await graph.query(login, {
      variables: { input: { tenantSlug: 'acme', email: users.bob.email, password: 'not-the-password' } },
    });
    const unknownUser = await graph.query(login, {
      variables: { input: { tenantSlug: 'acme', email: 'nobody@acme.test', password: 'not-the-password' } },
    });
    expect(wrongPassword.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(unknownUser.errors![0]!.message).toBe(wrongPassword.errors![0]!.message);
  });

  it('rejects an invalid token at the gateway with 401 UNAUTHENTICATED', async () => {
    const result = await graph.query('{ me { id } }', { token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' });
    expect(result.status).toBe(401);
    expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('requires a user for tenant data', async () => {
    const result = await graph.query('{ orders(first: 1) { totalCount } }');
    expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('shows a customer only their own orders', async () => {
    const token = await graph.login(users.bob.email);
    const mine = await graph.client(token).request(MyOrdersDocument, { first: 50 });
    const bobsOrders = Object.values(orders).filter((order) => order.customerId === users.bob.id);
    expect(mine.orders.edges.map((edge) => edge.node.number).sort()).toEqual(bobsOrders.map((order) => order.number).sort());
    const result = await graph.query<{ orders: { edges: { node: { customer: { id: string; email: string } } }[] } }>(
      '{ orders(first: 50) { edges { node { customer { id email } } } } }',
      { token },
    );
    expect(result.errors).toBeUndefined();
    const customers = new Set(result.data!.orders.edges.map((edge) => `${edge.node.customer.id} ${edge.node.customer.email}`));
    expect([...customers]).toEqual([`${users.bob.id} ${users.bob.email}`]);
  });

  it('resolves no foreign-tenant entity, even for a crafted _entities call straight to a subgraph', async () => {
    const globexToken = await graph.login(users.globexAdmin.email, 'globex');
    const acmeOrder = orders.aliceCoffee.id;
    const acmeProduct = products.yirgacheffe.id;
    const entities = /* GraphQL */ `
      query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Order {
            id
            number
          }
          ... on Product {
            id
            sku
          }
        }
      }
    `;
    const direct = await graph.query<{ _entities: unknown[] }>(entities, {
      url: graph.stack.subgraphs.catalog.url,
      token: globexToken,
      // A spoofed tenant header must change nothing: tenancy comes from the verified token only.
      headers: { 'x-tenant-id': tenants.acme.id },
      variables: {
        representations: [
          { __typename: 'Order', id: acmeOrder },
          { __typename: 'Product', id: acmeProduct },
        ],
      },
    });
    expect(direct.errors).toBeUndefined();
    expect(direct.data!._entities).toEqual([null, null]);

    const users_ = await graph.query<{ _entities: unknown[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id email } } }',
      {
        url: graph.stack.subgraphs.users.url,
        token: globexToken,
        variables: { r: [{ __typename: 'User', id: users.alice.id }] },
      },
    );
    expect(users_.data!._entities).toEqual([null]);
  });

  it('refuses a direct subgraph call without a token for tenant data', async () => {
    const result = await graph.query('{ products(first: 1) { totalCount } }', { url: graph.stack.subgraphs.catalog.url });
    expect(result.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });
});

describe('batched entity resolution', () => {
  it('resolves N Product references with one SQL statement', async () => {
    const token = await graph.login(users.acmeAdmin.email);
    const acmeProducts = Object.values(products).filter((product) => product.tenantId === tenants.acme.id);
    graph.statements.reset();
    const result = await graph.query<{ _entities: { sku: string }[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { sku } } }',
      {
        url: graph.stack.subgraphs.catalog.url,
        token,
        variables: { r: acmeProducts.map((product) => ({ __typename: 'Product', id: product.id })) },
      },
    );
    expect(result.data!._entities.map((entity) => entity.sku)).toEqual(acmeProducts.map((product) => product.sku));
    expect(acmeProducts.length).toBeGreaterThan(3);
    expect(graph.statements.count('catalog')).toBe(1);
  });

  it('keeps the statement count of a nested list constant as the list grows', async () => {
    const client = graph.client(await graph.login(users.acmeAdmin.email));
    const countFor = async (first: number) => {
      graph.statements.reset();
      const data = await client.request(OrdersWithCustomersDocument, { first });
      // The subgraphs this operation reads; the audit consumer may be storing the sign-in's event meanwhile.
      return { rows: data.orders.edges.length, statements: graph.statements.count('catalog') + graph.statements.count('users') };
    };
    const small = await countFor(1);
    const large = await countFor(6);
    expect(small.rows).toBe(1);
    expect(large.rows).toBe(6);
    expect(large.statements).toBe(small.statements);
  });
});
