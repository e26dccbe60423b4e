import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { createRequire } from 'node:module';
import { parse, type graphql as graphqlFunction } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Identity, Role } from './auth.ts';
import { authorityOf } from './authority.ts';
import { applyVisibility } from './visibility-schema.ts';

// @apollo/subgraph builds its schema with graphql's CommonJS build; execute with the same one.
const { graphql } = createRequire(import.meta.url)('graphql') as { graphql: typeof graphqlFunction };

const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

/** A tiny subgraph of the platform's types, with the kit's visibility applied as every subgraph has it. */
function subgraph(sdl: string, resolvers: object) {
  return applyVisibility(
    buildSubgraphSchema({ typeDefs: parse(`${FEDERATION}\n${sdl}`), resolvers: resolvers as GraphQLResolverMap<unknown> }),
  );
}

const caller = (roles: Role[], userId = 'me'): { identity: Identity; authority: ReturnType<typeof authorityOf> } => {
  const identity = { userId, tenantId: 't', roles, sessionId: null };
  return { identity, authority: authorityOf(identity) };
};

const ORDERS = [
  { id: 'mine', customerId: 'me', number: 'A-1' },
  { id: 'theirs', customerId: 'someone-else', number: 'A-2' },
];
const orderSubgraph = () =>
  subgraph(
    `type Order @key(fields: "id") { id: ID! number: String! auditTrail: String }
     type Manifest @key(fields: "id") { id: ID! }
     type Query { order(id: ID!): Order, orders: [Order!]!, manifests: [Manifest!]! }`,
    {
      Query: {
        order: (_: unknown, { id }: { id: string }) => ORDERS.find((order) => order.id === id) ?? null,
        orders: () => ORDERS,
        manifests: () => [{ id: 'm1' }],
      },
      Order: {
        __resolveReference: ({ id }: { id: string }) => ORDERS.find((order) => order.id === id) ?? null,
        auditTrail: () => 'trail',
      },
      Manifest: { __resolveReference: ({ id }: { id: string }) => ({ id }) },
    },
  );

describe('the kit enforces VISIBILITY on a subgraph schema', () => {
  it('refuses to build a schema where a held-back field is non-null, since its refusal would null the parent', () => {
    expect(() => subgraph('type Order @key(fields: "id") { id: ID! auditTrail: String! } type Query { x: Int }', {})).toThrow(
      'Order.auditTrail is held back from some roles (VISIBILITY) and must be nullable',
    );
  });

  it('refuses to build a schema where a row some readers of its parent may not read hangs on it as non-null', () => {
    expect(() =>
      subgraph('type Review { id: ID! order: Order! } type Order @key(fields: "id") { id: ID! } type Query { x: Int }', {}),
    ).toThrow('Review.order returns Order, which some roles reading Review may not read (VISIBILITY); it must be nullable');
  });

  it('a held-back field is null with FORBIDDEN at its path; the row resolves', async () => {
    const answer = await graphql({
      schema: orderSubgraph(),
      source: '{ order(id: "mine") { number auditTrail } }',
      contextValue: caller(['CUSTOMER']),
    });
    expect(answer.data).toEqual({ order: { number: 'A-1', auditTrail: null } });
    expect(answer.errors?.map((error) => [error.path, error.extensions])).toEqual([
      [['order', 'auditTrail'], { code: 'FORBIDDEN', type: 'Order', field: 'auditTrail' }],
    ]);
    const asManager = await graphql({
      schema: orderSubgraph(),
      source: '{ order(id: "mine") { auditTrail } }',
      contextValue: caller(['MANAGER']),
    });
    expect(asManager).toEqual({ data: { order: { auditTrail: 'trail' } } });
  });

  it("another customer's row is null with FORBIDDEN where asked for alone, and left out of lists", async () => {
    const schema = orderSubgraph();
    const single = await graphql({ schema, source: '{ order(id: "theirs") { number } }', contextValue: caller(['CUSTOMER']) });
    expect(single.data).toEqual({ order: null });
    expect(single.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', type: 'Order' });
    const list = await graphql({ schema, source: '{ orders { number } manifests { id } }', contextValue: caller(['CUSTOMER']) });
    expect(list).toEqual({ data: { orders: [{ number: 'A-1' }], manifests: [] } });
    const staff = await graphql({ schema, source: '{ orders { number } manifests { id } }', contextValue: caller(['VIEWER']) });
    expect(staff).toEqual({ data: { orders: [{ number: 'A-1' }, { number: 'A-2' }], manifests: [{ id: 'm1' }] } });
  });

  it('_entities refuses only the representations the caller may not read, each with FORBIDDEN at its index', async () => {
    const answer = await graphql({
      schema: orderSubgraph(),
      source: `{ _entities(representations: [
        { __typename: "Order", id: "mine" }, { __typename: "Order", id: "theirs" }, { __typename: "Manifest", id: "m1" }
      ]) { ... on Order { number } ... on Manifest { id } } }`,
      contextValue: caller(['CUSTOMER']),
    });
    expect(answer.data).toEqual({ _entities: [{ number: 'A-1' }, null, null] });
    const refusals = answer.errors?.map((error) => [error.path, error.extensions?.code, error.extensions?.type]);
    expect(refusals?.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      [['_entities', 1], 'FORBIDDEN', 'Order'],
      [['_entities', 2], 'FORBIDDEN', 'Manifest'],
    ]);
  });
});
