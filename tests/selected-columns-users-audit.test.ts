import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, users } from '../prisma/demo-world.ts';
import { eventually } from './support/eventually.ts';
import { columnsRead, expectEveryFieldAnsweredAsFromFullRows, readsOf, statementsDuring } from './support/selected-columns.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/**
 * The users subgraph reads only the User columns, and the audit subgraph only the AuditEvent
 * columns, of the fields an operation selects (as tests/selected-columns.test.ts proves for
 * Product). Proven two ways: the statements leave the other columns out (a reference never reads
 * the password hash; a trail of actions never reads the JSON payloads or hashes), and every field,
 * alone or among all, answers exactly as when every column is read, on every path that loads the
 * rows: the users page, user(id), references from the catalog (an order's customer) and from the
 * audit log (an event's actor); the audit log page and the trails of users and of orders.
 */
let graph: TestStack;
let token: string;

type Node = Record<string, unknown> & { id: string };
type Edges<T> = { edges: { node: T }[] };
/** A path that loads the rows: its name, the operation around a selection, and how many objects an answer holds. */
type Path = [name: string, operation: (selection: string) => string, countNodes: (data: unknown) => number];

/** Signed in by the setup: each sign-in is an event on the user's trail. */
const SIGNED_IN = [users.acmeAdmin, users.acmeManager, users.alice, users.bob];

beforeAll(async () => {
  // No response cache: the answers compared must both come from the subgraphs.
  graph = await startTestStack({ RESPONSE_CACHE_ENABLED: 'false' });
  // More events than the demo world's four: sign-ins (User trails), a change with before/after
  // payloads, and status changes of two orders (Order trails of more than one order).
  const tokens = await Promise.all(SIGNED_IN.map((user) => graph.login(user.email)));
  token = tokens[0]!;
  await graph.ok('mutation($id: ID!) { updateUser(id: $id, input: { phone: "+251 11 555 0199" }) { id } }', token, { id: users.bob.id });
  const setStatus = 'mutation($id: ID!, $status: OrderStatus!) { updateOrderStatus(id: $id, status: $status) { id } }';
  await graph.ok(setStatus, token, { id: orders.alicePending.id, status: 'CONFIRMED' });
  await graph.ok(setStatus, token, { id: orders.alicePending.id, status: 'PROCESSING' });
  await graph.ok(setStatus, token, { id: orders.aliceRetail.id, status: 'PROCESSING' });
  // Delivered through the outboxes asynchronously: wait until every one is in the log.
  await eventually(async () => {
    const data = await graph.ok<{ auditEvents: Edges<{ action: string; entityId: string }> }>(
      '{ auditEvents(first: 100) { edges { node { action entityId } } } }',
      token,
    );
    const events = data.auditEvents.edges.map((edge) => edge.node);
    const count = (action: string) => events.filter((event) => event.action === action).length;
    if (count('user.signed_in') < SIGNED_IN.length || count('user.updated') < 1 || count('order.status_changed') < 4) {
      throw new Error('not delivered yet');
    }
  });
});
afterAll(async () => {
  await graph?.close();
});

/** The SELECT statements one subgraph ran on `table` while `work` ran. */
const selectsOf = async (subgraph: 'users' | 'audit', table: string, work: () => Promise<unknown>) =>
  readsOf((await statementsDuring(graph, subgraph, work)).statements, table);

describe('User', () => {
  const page = (selection: string) => `{ users(first: 10) { edges { node { id ${selection} } } } }`;
  const viaOrders = (selection: string) => `{ orders(first: 10) { edges { node { customer { id ${selection} } } } } }`;
  const viaAuditEvents = (selection: string) => `{ auditEvents(first: 20) { edges { node { actor { id ${selection} } } } } }`;
  const byId = (selection: string) =>
    `{ ${[users.alice, users.bob, users.acmeManager].map((user, n) => `u${n}: user(id: "${user.id}") { id ${selection} }`).join(' ')} }`;
  type Orders = { orders: Edges<{ customer: Node | null }> };
  type AuditEvents = { auditEvents: Edges<{ actor: Node | null }> };
  const present = <T>(items: (T | null)[]) => items.filter((item): item is T => item !== null);

  it("an order's customer's displayName reads only the columns it is made of, never the password hash", async () => {
    const reads = await selectsOf('users', 'User', () => graph.ok(viaOrders('displayName'), token));
    expect(reads).toHaveLength(1);
    expect(reads[0]).not.toContain('passwordHash');
    expect(columnsRead(reads[0]!, 'User')).toEqual(new Set(['id', 'tenantId', 'deletedAt', 'firstName', 'lastName', 'email']));

    const listed = await selectsOf('users', 'User', () => graph.ok(page('email'), token));
    expect(listed).toHaveLength(1);
    // createdAt: the page's cursor.
    expect(columnsRead(listed[0]!, 'User')).toEqual(new Set(['id', 'tenantId', 'createdAt', 'email']));
  });

  const paths: Path[] = [
    ['on the users page', page, (data) => (data as { users: Edges<Node> }).users.edges.length],
    ['by id (one batch for several users)', byId, (data) => present(Object.values(data as Record<string, Node | null>)).length],
    [
      "as orders' customers (entity batches from the catalog)",
      viaOrders,
      (data) => present((data as Orders).orders.edges.map((edge) => edge.node.customer)).length,
    ],
    [
      "as audit events' actors (entity batches from the audit log)",
      viaAuditEvents,
      (data) => present((data as AuditEvents).auditEvents.edges.map((edge) => edge.node.actor)).length,
    ],
  ];
  for (const [path, operation, countNodes] of paths) {
    it(`${path}: every field answers as from full rows`, async () => {
      await expectEveryFieldAnsweredAsFromFullRows(graph, token, 'User', operation, countNodes);
    });
  }

  it('a user loaded with few columns does not answer a load of the same user that needs more, in the same operation', async () => {
    const data = await graph.ok<{ me: Node; user: Node }>(
      `{ me { id firstName } user(id: "${users.acmeAdmin.id}") { id email phone roles lastLoginAt displayName } }`,
      token,
    );
    expect(data.me.id).toBe(data.user.id);
    expect(data.user).toMatchObject({ email: users.acmeAdmin.email, roles: ['ADMIN'], displayName: 'Ada Admin' });
    expect(typeof data.user.lastLoginAt).toBe('string');
  });
});

describe('AuditEvent', () => {
  const logPage = (selection: string) => `{ auditEvents(first: 20) { edges { node { id ${selection} } } } }`;
  const trailsOf = (list: 'users' | 'orders') => (selection: string) =>
    `{ ${list}(first: 10) { edges { node { auditTrail(first: 5) { edges { node { id ${selection} } } } } } } }`;
  type Trails = Record<string, Edges<{ auditTrail: Edges<Node> }>>;
  const trailLength = (list: 'users' | 'orders') => (data: unknown) =>
    (data as Trails)[list]!.edges.flatMap((edge) => edge.node.auditTrail.edges.map((trail) => trail.node)).length;

  it('a log of actions and a trail of actions read neither the JSON payloads nor the hashes', async () => {
    const listed = await selectsOf('audit', 'AuditEvent', () => graph.ok(logPage('action'), token));
    expect(listed).toHaveLength(1);
    // occurredAt: every page's cursor.
    expect(columnsRead(listed[0]!, 'AuditEvent')).toEqual(new Set(['id', 'occurredAt', 'action']));

    const trail = await selectsOf('audit', 'AuditEvent', () => graph.ok(trailsOf('users')('action'), token));
    // The ranking statement selects ids only; then the rows, with entityId to hand each to its user.
    const loaded = trail.filter((sql) => sql.includes('"public"."AuditEvent"."action"'));
    expect(loaded).toHaveLength(1);
    expect(columnsRead(loaded[0]!, 'AuditEvent')).toEqual(new Set(['id', 'occurredAt', 'entityId', 'action']));
  });

  const paths: Path[] = [
    ['on the audit log page', logPage, (data) => (data as { auditEvents: Edges<Node> }).auditEvents.edges.length],
    ["in users' trails (entity batches from the users subgraph)", trailsOf('users'), trailLength('users')],
    ["in orders' trails (entity batches from the catalog)", trailsOf('orders'), trailLength('orders')],
  ];
  for (const [path, operation, countNodes] of paths) {
    it(`${path}: every field answers as from full rows`, async () => {
      await expectEveryFieldAnsweredAsFromFullRows(graph, token, 'AuditEvent', operation, countNodes);
    });
  }

  it('a trail loaded with few columns does not answer the same trail selected with more, in the same operation', async () => {
    const data = await graph.ok<{ users: Edges<{ few: Edges<Node>; more: Edges<Node> }> }>(
      `{ users(first: 10) { edges { node {
          few: auditTrail(first: 5) { edges { node { id action } } }
          more: auditTrail(first: 5) { edges { node { id action after previousHash hash } } }
        } } } }`,
      token,
    );
    const more = data.users.edges.flatMap((edge) => edge.node.more.edges.map((trail) => trail.node));
    expect(more.length).toBeGreaterThan(2);
    expect(more.map((event) => event.id)).toEqual(data.users.edges.flatMap((edge) => edge.node.few.edges.map((trail) => trail.node.id)));
    for (const event of more) expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(more.find((event) => event.action === 'user.updated')?.after).toMatchObject({ phone: '+251 11 555 0199' });
  });
});
