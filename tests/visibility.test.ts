import { readFile } from 'node:fs/promises';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { reachOf, seesField, SUBGRAPH_NAMES, VISIBILITY, type Identity, type Role, type VisibleType } from '@fed/service-kit';
import { buildSchema, parse, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories, exports, manifests, orders, products, tenants, users } from '../prisma/demo-world.ts';
import { objectsAt, refusalProblems, walkSchema, type GraphQLErrorEntry, type TypeWalk } from './support/schema-walk.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/**
 * Who may read what (VISIBILITY, README "Who may read what"), role by role and type by type,
 * through the gateway and through `_entities` straight at every subgraph; and refusals never
 * destroy their parent, on queries generated from the public schema.
 */
interface Caller {
  label: string;
  role: Role;
  userId: string;
  token: string;
}

let graph: TestStack;
let callers: Caller[];
let publicSchema: ReturnType<typeof buildSchema>;
let walks: TypeWalk[];

const CREATE = 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }';
const PASSWORD = 'visibility-password-1';

beforeAll(async () => {
  graph = await startTestStack({ RATE_LIMIT_USER_MAX: '0', RESPONSE_CACHE_ENABLED: 'false' });
  publicSchema = buildSchema(await readFile(new URL('../schema.graphql', import.meta.url), 'utf8'));
  walks = walkSchema(publicSchema);
  const admin = await graph.login(users.acmeAdmin.email);
  // The demo products have no dimensions; one with them lets the walk judge Dimensions too.
  await graph.ok(
    'mutation($id: ID!) { updateProduct(id: $id, input: { dimensions: { lengthCm: "40", widthCm: "30", heightCm: "20" } }) { id } }',
    admin,
    { id: products.yirgacheffe.id },
  );
  // The walk reaches reviews through the caller's own (me.reviews); the admin has none in the demo world.
  await graph.ok('mutation($input: CreateReviewInput!) { createReview(input: $input) { id } }', admin, {
    input: { productId: products.sidamo.id, rating: 4, title: 'Checked by the admin' },
  });
  // The demo manager is also an EXPORTER; each role is judged alone here.
  const single = async (role: Role): Promise<Caller> => {
    const email = `only-${role.toLowerCase()}@acme.test`;
    const { createUser } = await graph.ok<{ createUser: { id: string } }>(CREATE, admin, {
      input: { email, password: PASSWORD, roles: [role], firstName: 'Only', lastName: role },
    });
    return { label: role, role, userId: createUser.id, token: await graph.login(email, 'acme', PASSWORD) };
  };
  const demo = async (label: string, role: Role, user: { id: string; email: string }): Promise<Caller> => ({
    label,
    role,
    userId: user.id,
    token: await graph.login(user.email),
  });
  callers = await Promise.all([
    demo('ADMIN', 'ADMIN', users.acmeAdmin),
    single('MANAGER'),
    demo('VIEWER', 'VIEWER', users.acmeViewer),
    demo('CUSTOMER (bob)', 'CUSTOMER', users.bob),
    demo('CUSTOMER (alice)', 'CUSTOMER', users.alice),
    single('EXPORTER'),
    demo('FX_OFFICER', 'FX_OFFICER', users.fxOfficer),
    demo('SHIPPING_OFFICER', 'SHIPPING_OFFICER', users.shippingOfficer),
  ]);
}, 120_000);
afterAll(async () => {
  await graph?.close();
});

const identityOf = (caller: Caller): Identity => ({
  userId: caller.userId,
  tenantId: tenants.acme.id,
  roles: [caller.role],
  sessionId: null,
});
const isVisibleType = (name: string): name is VisibleType => Object.hasOwn(VISIBILITY, name);
const heldBackFields = (type: VisibleType): string[] => Object.keys((VISIBILITY[type] as { fields?: object }).fields ?? {});
const forbiddenAt = (errors: GraphQLErrorEntry[] | undefined, path: (string | number)[]) =>
  (errors ?? []).find((error) => error.path?.join('.') === path.join('.'));

async function all<T>(tasks: (() => Promise<T>)[], concurrency = 6): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}

describe('refusals never destroy their parent (queries generated from the public schema)', () => {
  it('every type reachable from Query, every field of it, every role: the parent resolves and every refusal has its path and code', async () => {
    const problems: string[] = [];
    const adminReached = new Set<string>();
    await all(
      callers.flatMap((caller) =>
        walks.map((walk) => async () => {
          const { data, errors } = await graph.query(walk.query, { token: caller.token });
          for (const problem of refusalProblems(data, errors))
            problems.push(`${caller.label} ${walk.type} (${walk.path.join('.')}): ${problem}`);
          const found = objectsAt(data, walk.path);
          if (caller.role === 'ADMIN' && found.length > 0) adminReached.add(walk.type);
          // Every refusal on a row is FORBIDDEN, named by VISIBILITY's rule for it.
          for (const error of errors ?? []) {
            if (error.extensions?.code !== 'FORBIDDEN')
              problems.push(`${caller.label} ${walk.type}: ${error.extensions?.code} ${error.message}`);
          }
          if (!isVisibleType(walk.type)) return;
          const identity = identityOf(caller);
          // A type the role reads none of never shows up, whatever the path to it.
          if (reachOf(identity, walk.type) === 'none' && found.length > 0)
            problems.push(`${caller.label} reads ${found.length} ${walk.type}`);
          for (const field of heldBackFields(walk.type).filter((name) => walk.fields.includes(name))) {
            for (const row of found) {
              const own = walk.type === 'User' && row.id === caller.userId;
              const allowed = seesField(identity, walk.type, field, own);
              if (!allowed && row[field] !== null) problems.push(`${caller.label} reads ${walk.type}.${field} of ${String(row.id)}`);
            }
          }
        }),
      ),
    );
    expect(problems).toEqual([]);
    // The walk reaches (with rows, as ADMIN) every type a client can reach from Query, so it judges them all.
    const withoutRows = [...new Set(walks.map((walk) => walk.type))].filter((type) => !adminReached.has(type));
    // A broken audit link exists only when someone altered the audit table.
    expect(withoutRows, 'types the walk found no rows of, so it cannot judge them').toEqual(['BrokenAuditLink']);
  }, 180_000);

  it("the issue's two answers: a customer's manifests of orders, and an order's audit trail, keep their parents", async () => {
    const bob = callers.find((caller) => caller.label === 'CUSTOMER (bob)')!;
    const manifestsOfOrders = await graph.query('{ manifests { totalCount edges { node { orders { number } } } } }', { token: bob.token });
    expect(manifestsOfOrders.data).toEqual({ manifests: { totalCount: 0, edges: [] } });
    const viewer = callers.find((caller) => caller.role === 'VIEWER')!;
    const asViewer = await graph.query<{ manifests: { edges: { node: { orders: { number: string }[] } }[] } }>(
      '{ manifests { edges { node { orders { number } } } } }',
      { token: viewer.token },
    );
    expect(asViewer.errors).toBeUndefined();
    expect(asViewer.data!.manifests.edges.flatMap((edge) => edge.node.orders.map((order) => order.number))).toContain(
      orders.aliceCoffee.number,
    );

    const trail = await graph.query<{ orders: { edges: { node: { number: string; auditTrail: unknown; export: unknown } }[] } }>(
      '{ orders { edges { node { number auditTrail { totalCount } export { id } } } } }',
      { token: bob.token },
    );
    expect(trail.data!.orders.edges.length).toBeGreaterThan(0);
    for (const [index, edge] of trail.data!.orders.edges.entries()) {
      expect(edge.node.number).toMatch(/./);
      expect(edge.node.auditTrail).toBeNull();
      const error = forbiddenAt(trail.errors, ['orders', 'edges', index, 'node', 'auditTrail']);
      expect(error?.extensions).toMatchObject({ code: 'FORBIDDEN', type: 'Order', field: 'auditTrail' });
    }
  });
});

describe('a root field refused by role is null with its error; the other root fields stand', () => {
  it('as a customer: auditEvents, auditSummary, verifyAuditChain and pendingApprovals are refused, me and products answer', async () => {
    const bob = callers.find((caller) => caller.label === 'CUSTOMER (bob)')!;
    const answer = await graph.query<Record<string, unknown>>(
      `{ me { id } products(first: 1) { totalCount } auditEvents(first: 1) { totalCount }
         auditSummary(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { count }
         verifyAuditChain { checkedCount } pendingApprovals(stage: FX_APPROVAL) { totalCount } }`,
      { token: bob.token },
    );
    expect(answer.data?.me).toEqual({ id: users.bob.id });
    expect(answer.data?.products).toMatchObject({ totalCount: expect.any(Number) });
    for (const field of ['auditEvents', 'auditSummary', 'verifyAuditChain', 'pendingApprovals']) {
      expect(answer.data?.[field], field).toBeNull();
      expect(forbiddenAt(answer.errors, [field])?.extensions?.code, field).toBe('FORBIDDEN');
    }
  });
});

describe('who may read what, role by role (through the gateway)', () => {
  const count = async (caller: Caller, query: string, path: string[]) => {
    const { data, errors } = await graph.query(query, { token: caller.token });
    expect(refusalProblems(data, errors)).toEqual([]);
    return objectsAt(data, path).length;
  };
  const LISTS: Partial<Record<VisibleType, { query: string; path: string[] }>> = {
    User: { query: '{ users(first: 100) { edges { node { id } } } }', path: ['users', 'edges', 'node'] },
    Order: { query: '{ orders(first: 100) { edges { node { id } } } }', path: ['orders', 'edges', 'node'] },
    Manifest: { query: '{ manifests(first: 100) { edges { node { id } } } }', path: ['manifests', 'edges', 'node'] },
    Export: { query: '{ exports(first: 100) { edges { node { id } } } }', path: ['exports', 'edges', 'node'] },
    ExportLicense: { query: '{ exportLicenses { id } }', path: ['exportLicenses'] },
    Carrier: { query: '{ carriers { id } }', path: ['carriers'] },
    Product: { query: '{ products(first: 100) { edges { node { id } } } }', path: ['products', 'edges', 'node'] },
    Category: { query: '{ categories { id } }', path: ['categories'] },
    Country: { query: '{ countries { code } }', path: ['countries'] },
  };

  it('lists hold every row of the tenant for the roles that read every row, only their own for the others, none otherwise', async () => {
    const admin = callers[0]!;
    for (const [type, { query, path }] of Object.entries(LISTS) as [VisibleType, { query: string; path: string[] }][]) {
      const everything = await count(admin, query, path);
      expect(everything, `${type} rows in the demo world`).toBeGreaterThan(0);
      for (const caller of callers) {
        const reach = type === 'User' ? 'own' : reachOf(identityOf(caller), type);
        const listed = await count(caller, query, path);
        if (type === 'User' && caller.role !== 'CUSTOMER') expect(listed, `${caller.label} ${type}`).toBe(everything);
        else if (reach === 'every') expect(listed, `${caller.label} ${type}`).toBe(everything);
        else if (reach === 'none') expect(listed, `${caller.label} ${type}`).toBe(0);
        else expect(listed, `${caller.label} ${type}`).toBeGreaterThan(0);
        if (reach === 'own' && type !== 'User') expect(listed, `${caller.label} ${type}`).toBeLessThan(everything);
      }
    }
  });

  it('a customer lists only themself, sees other users by display name only, and only their own orders', async () => {
    const bob = callers.find((caller) => caller.label === 'CUSTOMER (bob)')!;
    const directory = await graph.ok<{ users: { edges: { node: { id: string; email: string } }[] } }>(
      '{ users { edges { node { id email } } } }',
      bob.token,
    );
    expect(directory.users.edges.map((edge) => edge.node)).toEqual([{ id: users.bob.id, email: users.bob.email }]);
    const other = await graph.query<{ user: Record<string, unknown> }>(
      `{ user(id: "${users.alice.id}") { id displayName email phone roles lastLoginAt orders { totalCount } } }`,
      { token: bob.token },
    );
    expect(other.data!.user).toMatchObject({ id: users.alice.id, displayName: 'Alice Buyer', email: null, phone: null, roles: null });
    expect(other.data!.user.orders).toEqual({ totalCount: 0 });
    for (const field of ['email', 'phone', 'roles', 'lastLoginAt']) {
      expect(forbiddenAt(other.errors, ['user', field])?.extensions, field).toMatchObject({ code: 'FORBIDDEN', type: 'User', field });
    }
    // Alice's review names her order: bob reads the review and her display name, not her order.
    const review = await graph.query<{
      product: { reviews: { edges: { node: { title: string; author: { displayName: string }; order: unknown } }[] } };
    }>(`{ product(id: "${products.yirgacheffe.id}") { reviews { edges { node { title author { displayName } order { number } } } } } }`, {
      token: bob.token,
    });
    const index = review.data!.product.reviews.edges.findIndex((edge) => edge.node.author.displayName === 'Alice Buyer');
    expect(review.data!.product.reviews.edges[index]?.node).toMatchObject({ order: null, author: { displayName: 'Alice Buyer' } });
    expect(forbiddenAt(review.errors, ['product', 'reviews', 'edges', index, 'node', 'order'])?.extensions).toMatchObject({
      code: 'FORBIDDEN',
    });
    const single = await graph.query(`{ order(id: "${orders.aliceCoffee.id}") { number } }`, { token: bob.token });
    expect(single.data).toEqual({ order: null });
    expect(forbiddenAt(single.errors, ['order'])?.extensions).toMatchObject({ code: 'FORBIDDEN', type: 'Order' });
    const own = await graph.ok<{ order: { number: string } }>(`{ order(id: "${orders.bobCoffee.id}") { number } }`, bob.token);
    expect(own.order.number).toBe(orders.bobCoffee.number);
    for (const query of [
      `{ manifest(id: "${manifests.coffeeToGermany.id}") { id } }`,
      `{ export(id: "${exports.coffeeExport.id}") { id } }`,
      '{ exporterProfile { id } }',
    ]) {
      const refused = await graph.query(query, { token: bob.token });
      expect(refused.data, query).toEqual(Object.fromEntries([[Object.keys(refused.data ?? {})[0], null]]));
      expect(refused.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
    }
  });

  it('other users’ email and phone are read by ADMIN and MANAGER only; everyone reads their own', async () => {
    for (const caller of callers) {
      const { data, errors } = await graph.query<{ user: { email: string | null; phone: string | null }; me: { email: string } }>(
        `{ user(id: "${users.alice.id}") { email phone } me { email } }`,
        { token: caller.token },
      );
      const staff = caller.role === 'ADMIN' || caller.role === 'MANAGER';
      const isAlice = caller.userId === users.alice.id;
      expect(data!.user.email, caller.label).toBe(staff || isAlice ? users.alice.email : null);
      expect(Boolean(forbiddenAt(errors, ['user', 'email'])), caller.label).toBe(!(staff || isAlice));
      expect(data!.me.email, caller.label).toMatch(/@acme\.test$/);
    }
  });
});

describe('who may read what, straight at every subgraph (_entities)', () => {
  const REFERENCES: Record<string, string[]> = {
    User: [users.alice.id, users.bob.id, users.acmeAdmin.id],
    Tenant: [tenants.acme.id],
    Order: [orders.aliceCoffee.id, orders.bobCoffee.id],
    Product: [products.yirgacheffe.id],
    Category: [categories.coffee.id],
    Manifest: [manifests.coffeeToGermany.id],
    Export: [exports.coffeeExport.id],
  };
  /** Whose row a reference is, where a rule depends on it. */
  const OWNER: Record<string, string> = {
    [users.alice.id]: users.alice.id,
    [users.bob.id]: users.bob.id,
    [users.acmeAdmin.id]: users.acmeAdmin.id,
    [orders.aliceCoffee.id]: users.alice.id,
    [orders.bobCoffee.id]: users.bob.id,
  };

  it('every entity of every subgraph, every role: refused rows and fields are null with FORBIDDEN at their path, the rest resolve', async () => {
    const problems: string[] = [];
    let judged = 0;
    for (const name of SUBGRAPH_NAMES) {
      const url = graph.stack.subgraphs[name].url;
      const { data } = await graph.query<{ _service: { sdl: string } }>('{ _service { sdl } }', { url });
      const schema = buildSubgraphSchema(parse(data!._service.sdl));
      for (const [typeName, ids] of Object.entries(REFERENCES)) {
        const type = schema.getType(typeName);
        if (!type || kindOf(type) !== 'GraphQLObjectType' || !isVisibleType(typeName)) continue;
        const selection = selectionOf(type as GraphQLObjectType);
        const query = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typeName} { ${selection} } } }`;
        const representations = ids.map((id) => ({ __typename: typeName, id }));
        for (const caller of callers) {
          const answer = await graph.query<{ _entities: (Record<string, unknown> | null)[] }>(query, {
            url,
            token: caller.token,
            variables: { representations },
          });
          const where = `${name} ${typeName} as ${caller.label}`;
          for (const problem of refusalProblems(answer.data, answer.errors)) problems.push(`${where}: ${problem}`);
          const identity = identityOf(caller);
          for (const [index, id] of ids.entries()) {
            judged++;
            const entity = answer.data?._entities[index];
            const reach = reachOf(identity, typeName);
            const owned = OWNER[id] === caller.userId;
            // Only the subgraph that owns a row knows whose it is; the others hold a key.
            const ownerKnown = typeName === 'User' || (typeName === 'Order' && name === 'catalog');
            const readable = reach === 'every' || (reach === 'own' && (!ownerKnown || owned));
            if (!readable) {
              if (entity !== null) problems.push(`${where}: reads ${typeName} ${id}`);
              else if (forbiddenAt(answer.errors, ['_entities', index])?.extensions?.code !== 'FORBIDDEN') {
                problems.push(`${where}: ${typeName} ${id} is null without a FORBIDDEN error`);
              }
              continue;
            }
            if (!entity) {
              problems.push(`${where}: ${typeName} ${id} did not resolve: ${JSON.stringify(answer.errors)}`);
              continue;
            }
            for (const field of heldBackFields(typeName).filter((field) => field in entity)) {
              const allowed = seesField(identity, typeName, field, typeName === 'User' && owned);
              const refusal = forbiddenAt(answer.errors, ['_entities', index, field]);
              if (!allowed && (entity[field] !== null || refusal?.extensions?.code !== 'FORBIDDEN')) {
                problems.push(`${where}: ${typeName}.${field} of ${id} is ${JSON.stringify(entity[field])} without a FORBIDDEN error`);
              }
              if (allowed && refusal) problems.push(`${where}: ${typeName}.${field} of ${id} refused: ${refusal.message}`);
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(judged).toBeGreaterThan(100);
  }, 120_000);

  it("a customer asking the users subgraph for another user's email gets null and FORBIDDEN", async () => {
    const bob = callers.find((caller) => caller.label === 'CUSTOMER (bob)')!;
    const answer = await graph.query<{ _entities: { email: string | null; displayName: string }[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { displayName email } } }',
      { url: graph.stack.subgraphs.users.url, token: bob.token, variables: { r: [{ __typename: 'User', id: users.alice.id }] } },
    );
    expect(answer.data!._entities).toEqual([{ displayName: 'Alice Buyer', email: null }]);
    expect(forbiddenAt(answer.errors, ['_entities', 0, 'email'])?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      type: 'User',
      field: 'email',
    });
  });
});

// A subgraph schema from @apollo/subgraph may use graphql's CommonJS build, whose types graphql's ES
// module predicates (instanceof) refuse: judge its types by class name.
const kindOf = (type: unknown) => (type as { constructor: { name: string } }).constructor.name;
function namedKindOf(type: unknown): string {
  let named = type;
  while (typeof named === 'object' && named !== null && 'ofType' in named) named = (named as { ofType: unknown }).ofType;
  return kindOf(named);
}

/** Every field of a type that needs no arguments: leaves by name, objects as `{ __typename }`. */
function selectionOf(type: GraphQLObjectType): string {
  return Object.values(type.getFields())
    .filter((field) => !field.args.some((arg) => arg.type.toString().endsWith('!') && arg.defaultValue === undefined))
    .map((field) =>
      ['GraphQLObjectType', 'GraphQLInterfaceType', 'GraphQLUnionType'].includes(namedKindOf(field.type))
        ? `${field.name} { __typename }`
        : field.name,
    )
    .join(' ');
}
