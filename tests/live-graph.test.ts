import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { ExecutionResult } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { startGateway, type RunningGateway } from '@fed/gateway';
import {
  createSseLiveClient,
  createWebSocketLiveClient,
  LiveConnectionClosed,
  OrderUpdatedDocument,
  OrderWithDeferredPaperworkDocument,
  requestIncrementally,
  StockChangedDocument,
} from '@fed/sdk';
import { closeHttpServer, listen } from '@fed/service-kit';
import { importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { exports, exportsUnderReview, manifests, orders, products, users } from '../prisma/demo-world.ts';
import { eventually } from './support/eventually.ts';
import { demoTokens, startTestStack, type TestStack } from './support/stack.ts';

/**
 * Subscriptions through the federated gateway, with the real graphql-ws and graphql-sse clients over
 * real sockets: the owning subgraph streams the event, the gateway resolves the rest of the plan
 * (users, shipping, exports) with the subscriber's token for every event.
 */
let graph: TestStack;
let tokens: Awaited<ReturnType<typeof demoTokens>>;
let wsUrl: string;

beforeAll(async () => {
  graph = await startTestStack();
  tokens = await demoTokens(graph);
  wsUrl = graph.stack.gateway.url.replace(/^http/, 'ws');
});

afterAll(async () => {
  await graph?.close();
});

const ORDER_FIELDS = `status customer { email } manifests { trackingNumber } export { status }`;
const ORDER_UPDATED = `subscription OrderUpdated($id: ID!) { orderUpdated(id: $id) { id ${ORDER_FIELDS} } }`;

/** The live feed of the catalog: one listener per subscription open at the subgraph. */
const catalogListeners = () => graph.stack.subgraphs.catalog.live.listenerCount;

interface Collected {
  results: ExecutionResult[];
  /** Resolves with the next result (or rejects when the stream fails). */
  next(): Promise<ExecutionResult>;
  completed: Promise<void>;
  stop(): void;
}

/** Collects one subscription's results from a subscribe(request, sink) client. */
function collect(
  subscribe: (sink: { next(value: ExecutionResult): void; error(error: unknown): void; complete(): void }) => () => void,
): Collected {
  const results: ExecutionResult[] = [];
  const waiters: ((value: ExecutionResult) => void)[] = [];
  let finish!: () => void;
  let fail!: (error: unknown) => void;
  const completed = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  completed.catch(() => {});
  let seen = 0;
  const stop = subscribe({
    next(value) {
      results.push(value);
      waiters.shift()?.(value);
    },
    error: (error) => fail(error),
    complete: () => finish(),
  });
  return {
    results,
    completed,
    stop,
    next: () =>
      new Promise<ExecutionResult>((resolve, reject) => {
        if (results.length > seen) return resolve(results[seen++]!);
        waiters.push((value) => {
          seen++;
          resolve(value);
        });
        completed.then(() => reject(new Error('the subscription completed')), reject);
      }),
  };
}

function wsClient(token: string, onClosed?: (event: { code: number; reason: string }) => void): WsClient {
  return createWsClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        onClosed?.({ code, reason });
      },
    },
  });
}

const orderNow = async (id: string) =>
  (await graph.ok<{ order: Record<string, unknown> }>(`query($id: ID!) { order(id: $id) { id ${ORDER_FIELDS} } }`, tokens.admin, { id }))
    .order;

const changeStatus = (id: string, status: string) =>
  graph.ok(`mutation($id: ID!, $status: OrderStatus!) { updateOrderStatus(id: $id, status: $status) { id } }`, tokens.admin, {
    id,
    status,
  });

describe('subscriptions through the gateway', () => {
  it('graphql-ws: a subscriber sees orderUpdated with fields of four subgraphs', async ({ annotate }) => {
    const client = wsClient(tokens.manager);
    const before = catalogListeners();
    const events = collect((sink) => client.subscribe({ query: ORDER_UPDATED, variables: { id: orders.aliceTextiles.id } }, sink));
    await eventually(async () => expect(catalogListeners()).toBe(before + 1));

    const sent = Date.now();
    await changeStatus(orders.aliceTextiles.id, 'IN_TRANSIT');
    const event = await events.next();
    const latencyMs = Date.now() - sent;

    expect(event.errors).toBeUndefined();
    // Exactly what a query of the same fields answers now: status from catalog, the customer's email
    // from users, manifests from shipping, the export from exports.
    expect(event.data).toEqual({ orderUpdated: await orderNow(orders.aliceTextiles.id) });
    expect(event.data).toMatchObject({
      orderUpdated: { status: 'IN_TRANSIT', customer: { email: users.alice.email }, export: { status: expect.any(String) } },
    });
    expect((event.data as { orderUpdated: { manifests: unknown[] } }).orderUpdated.manifests.length).toBeGreaterThan(0);
    // Measured, not asserted (no timing assertions on a shared machine); the bound is 1 s.
    await annotate(`event delivered ${latencyMs} ms after the mutation was sent`);

    events.stop();
    await client.dispose();
    await eventually(async () => expect(catalogListeners()).toBe(before));
  });

  it('graphql-sse: the same subscription over Server-Sent Events', async ({ annotate }) => {
    const client = createSseClient({
      url: graph.stack.gateway.url,
      headers: { authorization: `Bearer ${tokens.manager}` },
      retryAttempts: 0,
    });
    const before = catalogListeners();
    const events = collect((sink) => client.subscribe({ query: ORDER_UPDATED, variables: { id: orders.aliceTextiles.id } }, sink));
    await eventually(async () => expect(catalogListeners()).toBe(before + 1));

    const sent = Date.now();
    await changeStatus(orders.aliceTextiles.id, 'DELIVERED');
    const event = await events.next();
    await annotate(`event delivered ${Date.now() - sent} ms after the mutation was sent`);
    expect(event.errors).toBeUndefined();
    expect(event.data).toEqual({ orderUpdated: await orderNow(orders.aliceTextiles.id) });
    expect(event.data).toMatchObject({ orderUpdated: { status: 'DELIVERED', customer: { email: users.alice.email } } });

    events.stop();
    client.dispose();
    await eventually(async () => expect(catalogListeners()).toBe(before));
  });

  it("a globex subscriber to an acme order gets NOT_FOUND, never the order's events", async () => {
    const client = wsClient(tokens.globex);
    const watcher = wsClient(tokens.admin);
    const before = catalogListeners();
    const intruder = collect((sink) => client.subscribe({ query: ORDER_UPDATED, variables: { id: orders.aliceRetail.id } }, sink));
    // A legitimate subscriber to the same order, to know when the event has been delivered.
    const owner = collect((sink) => watcher.subscribe({ query: ORDER_UPDATED, variables: { id: orders.aliceRetail.id } }, sink));
    const refusal = await intruder.next();
    expect(refusal.data ?? null).toBeNull();
    expect(refusal.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await intruder.completed;
    await eventually(async () => expect(catalogListeners()).toBe(before + 1));

    await changeStatus(orders.aliceRetail.id, 'PROCESSING');
    expect((await owner.next()).data).toMatchObject({ orderUpdated: { status: 'PROCESSING' } });
    expect(intruder.results).toHaveLength(1);

    owner.stop();
    await Promise.all([client.dispose(), watcher.dispose()]);
  });

  it('a customer cannot watch another customer’s order, and anonymous connections are refused with 4401', async () => {
    const bob = wsClient(tokens.bob);
    const refused = collect((sink) => bob.subscribe({ query: ORDER_UPDATED, variables: { id: orders.alicePending.id } }, sink));
    expect((await refused.next()).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await bob.dispose();

    let closed: { code: number; reason: string } | undefined;
    const anonymous = createWsClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      on: { closed: (event) => (closed = { code: (event as { code: number }).code, reason: (event as { reason: string }).reason }) },
    });
    const attempt = collect((sink) => anonymous.subscribe({ query: ORDER_UPDATED, variables: { id: orders.alicePending.id } }, sink));
    await expect(attempt.completed).rejects.toBeDefined();
    expect(closed?.code).toBe(4401);
    expect(closed?.reason).toMatch(/bearer token/i);
  });

  it('an expired token closes the socket with 4401 and a reason', async () => {
    const token = await signAliceToken(2);
    let closed: { code: number; reason: string } | undefined;
    const client = wsClient(token, (event) => (closed = event));
    const before = catalogListeners();
    const events = collect((sink) => client.subscribe({ query: ORDER_UPDATED, variables: { id: orders.alicePending.id } }, sink));
    await eventually(async () => expect(catalogListeners()).toBe(before + 1));
    await expect(events.completed).rejects.toBeDefined();
    expect(closed).toEqual({ code: 4401, reason: 'The access token has expired' });
    // The upstream stream to the catalog ended with the socket.
    await eventually(async () => expect(catalogListeners()).toBe(before));
  });

  it('a logout closes the socket with 4403 at once (current authority), and the upstream stream ends', async () => {
    const token = await graph.login(users.alice.email);
    let closed: { code: number; reason: string } | undefined;
    const client = wsClient(token, (event) => (closed = event));
    const before = catalogListeners();
    const events = collect((sink) => client.subscribe({ query: ORDER_UPDATED, variables: { id: orders.alicePending.id } }, sink));
    await eventually(async () => expect(catalogListeners()).toBe(before + 1));
    await graph.ok('mutation { logout }', token);
    await expect(events.completed).rejects.toBeDefined();
    expect(closed).toEqual({ code: 4403, reason: 'The session has ended; sign in again' });
    await eventually(async () => expect(catalogListeners()).toBe(before));
  });

  it('subscription documents obey the depth limit, and queries are refused over the socket', async () => {
    const client = wsClient(tokens.admin);
    const deep = collect((sink) =>
      client.subscribe(
        {
          query: `subscription { orderUpdated(id: "${orders.aliceRetail.id}") { ${nested(6)} } }`,
        },
        sink,
      ),
    );
    await expect(deep.completed).rejects.toSatisfy((errors: { extensions?: { limit?: string } }[]) =>
      errors.some((error) => error.extensions?.limit === 'MAX_DEPTH'),
    );
    const query = collect((sink) => client.subscribe({ query: '{ __typename }' }, sink));
    await expect(query.completed).rejects.toSatisfy((errors: { message: string }[]) =>
      errors.some((error) => /Only subscriptions/.test(error.message)),
    );
    await client.dispose();
  });
});

/** `customer { orders { edges { node { … id } } } }`, `levels` deep (4 fields a level). */
function nested(levels: number): string {
  return levels === 0 ? 'id' : `customer { orders { edges { node { ${nested(levels - 1)} } } } }`;
}

/** A token for alice signed with the users subgraph's embedded key, expiring in `seconds`. */
async function signAliceToken(seconds: number): Promise<string> {
  const { keys } = JSON.parse(await readFile(join(graph.dataDir, 'users', 'jwt-signing-keys.json'), 'utf8')) as { keys: JWK[] };
  const jwk = keys[0]!;
  return new SignJWT({ tid: users.alice.tenantId, roles: ['CUSTOMER'] })
    .setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid! })
    .setSubject(users.alice.id)
    .setIssuer('urn:fed:users')
    .setAudience('urn:fed:graph')
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + seconds)
    .sign(await importJWK(jwk, 'EdDSA'));
}

/**
 * Every Subscription field of the graph, each with who may watch it, what makes it fire and what the
 * event must show. A new Subscription field without a case here fails the first test.
 */
describe('every Subscription field', () => {
  interface Case {
    owner: 'catalog' | 'shipping' | 'exports' | 'audit';
    watcher: () => string;
    /** A caller the field's authority refuses, and the code. */
    refused: { token: () => string; code: string };
    query: string;
    variables: Record<string, unknown>;
    trigger: () => Promise<unknown>;
    expected: Record<string, unknown>;
  }
  const cases: Record<string, Case> = {
    orderUpdated: {
      owner: 'catalog',
      watcher: () => tokens.bob,
      refused: { token: () => tokens.globex, code: 'NOT_FOUND' },
      query: `subscription($id: ID!) { orderUpdated(id: $id) { id status } }`,
      variables: { id: orders.bobCoffee.id },
      trigger: () => changeStatus(orders.bobCoffee.id, 'SHIPPED'),
      expected: { orderUpdated: { id: orders.bobCoffee.id, status: 'SHIPPED' } },
    },
    stockChanged: {
      owner: 'catalog',
      watcher: () => tokens.viewer,
      refused: { token: () => tokens.globex, code: 'NOT_FOUND' },
      query: `subscription($id: ID!) { stockChanged(productId: $id) { id availableQuantity } }`,
      variables: { id: products.yirgacheffe.id },
      trigger: () =>
        graph.ok(`mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { id } }`, tokens.admin, {
          input: { productId: products.yirgacheffe.id, location: 'live-test', quantity: 7, reference: 'GR-LIVE-1' },
        }),
      expected: { stockChanged: { id: products.yirgacheffe.id, availableQuantity: expect.any(Number) } },
    },
    manifestUpdated: {
      owner: 'shipping',
      watcher: () => tokens.manager,
      refused: { token: () => tokens.globex, code: 'NOT_FOUND' },
      query: `subscription($id: ID!) { manifestUpdated(id: $id) { id currency } }`,
      variables: { id: manifests.textilesToUs.id },
      trigger: () =>
        graph.ok(`mutation($id: ID!) { updateManifest(id: $id, input: { currency: "EUR" }) { id } }`, tokens.manager, {
          id: manifests.textilesToUs.id,
        }),
      expected: { manifestUpdated: { id: manifests.textilesToUs.id, currency: 'EUR' } },
    },
    exportUpdated: {
      owner: 'exports',
      watcher: () => tokens.manager,
      refused: { token: () => tokens.globex, code: 'NOT_FOUND' },
      query: `subscription($id: ID!) { exportUpdated(id: $id) { id status } }`,
      variables: { id: exports.textileExport.id },
      trigger: () =>
        graph.ok(`mutation($id: ID!) { cancelExport(id: $id, reason: "live test") { id } }`, tokens.manager, {
          id: exports.textileExport.id,
        }),
      expected: { exportUpdated: { id: exports.textileExport.id, status: 'CANCELLED' } },
    },
    approvalQueueChanged: {
      owner: 'exports',
      watcher: () => officerTokens.fx,
      refused: { token: () => tokens.alice, code: 'FORBIDDEN' },
      query: `subscription { approvalQueueChanged(stage: FX_APPROVAL) { totalCount edges { node { id } } } }`,
      variables: {},
      // The export waiting at FX_APPROVAL leaves the queue.
      trigger: () =>
        graph.ok(`mutation($id: ID!) { cancelExport(id: $id, reason: "withdrawn") { id } }`, tokens.manager, {
          id: exportsUnderReview.bobCoffeeExport.id,
        }),
      expected: { approvalQueueChanged: { totalCount: 0, edges: [] } },
    },
    auditEventAppended: {
      owner: 'audit',
      watcher: () => tokens.admin,
      refused: { token: () => tokens.manager, code: 'FORBIDDEN' },
      query: `subscription($id: ID!) { auditEventAppended(entityType: "Order", entityId: $id) { action entityId actor { email } } }`,
      variables: { id: orders.bobCoffee.id },
      trigger: () => changeStatus(orders.bobCoffee.id, 'IN_TRANSIT'),
      expected: {
        auditEventAppended: { action: 'order.status_changed', entityId: orders.bobCoffee.id, actor: { email: users.acmeAdmin.email } },
      },
    },
  };
  let officerTokens: { fx: string };

  beforeAll(async () => {
    officerTokens = { fx: await graph.login(users.fxOfficer.email) };
  });

  it('has a case for each Subscription field of the API schema', async () => {
    const { __schema } = await graph.ok<{ __schema: { subscriptionType: { fields: { name: string }[] } } }>(
      '{ __schema { subscriptionType { fields { name } } } }',
      tokens.admin,
    );
    expect(__schema.subscriptionType.fields.map((field) => field.name).sort()).toEqual(Object.keys(cases).sort());
  });

  for (const [field, spec] of Object.entries(cases)) {
    it(`${field}: refused with ${spec.refused.code} to a caller who may not watch it; delivered to one who may`, async () => {
      const refusedClient = wsClient(spec.refused.token());
      const refusal = await collect((sink) => refusedClient.subscribe({ query: spec.query, variables: spec.variables }, sink)).next();
      expect(refusal.errors?.[0]?.extensions?.code).toBe(spec.refused.code);
      await refusedClient.dispose();

      const listeners = () => graph.stack.subgraphs[spec.owner].live.listenerCount;
      const before = listeners();
      const client = wsClient(spec.watcher());
      const events = collect((sink) => client.subscribe({ query: spec.query, variables: spec.variables }, sink));
      await eventually(async () => expect(listeners()).toBe(before + 1));
      await spec.trigger();
      const event = await events.next();
      expect(event.errors).toBeUndefined();
      expect(event.data).toMatchObject(spec.expected);
      events.stop();
      await client.dispose();
    });
  }
});

/**
 * @defer across subgraph boundaries, through a second gateway whose exports subgraph answers only
 * after 1 s (a delaying proxy in front of the real one).
 */
describe('@defer', () => {
  let slowGateway: RunningGateway;
  let slowExports: { server: Server; answered: number };
  const DEFERRED = `query Deferred($id: ID!) {
    order(id: $id) {
      id
      status
      customer { email }
      ... @defer(label: "paperwork") { export { reference status } manifests { publicId } }
    }
  }`;

  beforeAll(async () => {
    const target = graph.stack.subgraphs.exports.url;
    slowExports = { server: createServer(), answered: 0 };
    slowExports.server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        setTimeout(async () => {
          const headers = Object.fromEntries(
            Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)),
          ) as Record<string, string>;
          const answer = await fetch(target, { method: request.method ?? 'POST', headers, body: Buffer.concat(chunks) });
          const text = await answer.text();
          slowExports.answered++;
          response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          response.end(text);
        }, 1000);
      });
    });
    const port = await listen(slowExports.server, 0, '127.0.0.1');
    slowGateway = await startGateway({
      env: {
        LOG_LEVEL: 'silent',
        AUTH_JWKS_URL: graph.stack.subgraphs.users.url.replace(/\/graphql$/, '/.well-known/jwks.json'),
        ...Object.fromEntries(
          Object.entries(graph.stack.subgraphs).map(([name, service]) => [`${name.toUpperCase()}_SUBGRAPH_URL`, service.url]),
        ),
        EXPORTS_SUBGRAPH_URL: `http://127.0.0.1:${port}/graphql`,
        // Every run computes its answer: the test is about delivery, not the cache.
        RESPONSE_CACHE_ENABLED: 'false',
      },
      port: 0,
    });
  });

  afterAll(async () => {
    await slowGateway?.close();
    if (slowExports) await closeHttpServer(slowExports.server, 100);
  });

  it('sends the initial part before the slow subgraph answers, then the deferred part; merged, it equals the non-deferred answer', async () => {
    const response = await fetch(slowGateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'multipart/mixed;deferSpec=20220824, application/json',
        authorization: `Bearer ${tokens.manager}`,
      },
      body: JSON.stringify({ query: DEFERRED, variables: { id: orders.aliceCoffee.id } }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^multipart\/mixed;.*deferSpec=20220824/);
    const parts: { payload: Record<string, unknown>; slowAnswersBefore: number }[] = [];
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      const segments = buffer.split('\r\n---').slice(1);
      for (const segment of segments.slice(parts.length)) {
        const json = segment.slice(segment.indexOf('\r\n\r\n') + 4);
        try {
          parts.push({ payload: JSON.parse(json) as Record<string, unknown>, slowAnswersBefore: slowExports.answered });
        } catch {
          break; // not complete yet
        }
      }
    }
    expect(parts).toHaveLength(2);
    const [first, second] = parts as [(typeof parts)[0], (typeof parts)[0]];
    // The initial part needed no exports (nor shipping) fetch: it was there before the slow subgraph answered.
    expect(first.slowAnswersBefore).toBe(0);
    expect(first.payload).toEqual({
      data: { order: { id: orders.aliceCoffee.id, status: 'DELIVERED', customer: { email: users.alice.email } } },
      hasNext: true,
    });
    expect(second.payload.hasNext).toBe(false);
    expect(slowExports.answered).toBeGreaterThan(0);
    const incremental = second.payload.incremental as { data: Record<string, unknown>; path: (string | number)[]; label: string }[];
    expect(incremental.map((item) => [item.label, item.path])).toEqual([['paperwork', ['order']]]);

    const merged = structuredClone(first.payload.data) as Record<string, unknown>;
    for (const item of incremental) Object.assign(objectAt(merged, item.path), item.data);

    // The same document answered in one piece (a client without multipart), and without @defer at all.
    const whole = await graph.query(DEFERRED, { url: slowGateway.url, token: tokens.manager, variables: { id: orders.aliceCoffee.id } });
    const plain = await graph.query(DEFERRED.replace('... @defer(label: "paperwork") {', '... on Order {'), {
      url: slowGateway.url,
      token: tokens.manager,
      variables: { id: orders.aliceCoffee.id },
    });
    expect(whole.errors).toBeUndefined();
    expect(whole.headers.get('content-type')).toMatch(/application\/json/);
    expect(merged).toEqual(whole.data);
    expect(merged).toEqual(plain.data);
    expect((merged.order as { export: { reference: string } | null }).export?.reference).toEqual(expect.any(String));
  });
});

describe('typed SDK helpers', () => {
  it('subscribes with typed documents over WebSocket and SSE, and reports the close code', async () => {
    const ws = createWebSocketLiveClient({ url: graph.stack.gateway.url, token: tokens.admin, webSocketImpl: WebSocket });
    const sse = createSseLiveClient({ url: graph.stack.gateway.url, token: tokens.viewer });
    const before = catalogListeners();
    const orderEvents = ws.subscribe(OrderUpdatedDocument, { id: orders.carolPepper.id }); // globex's order: NOT_FOUND
    const refused = await orderEvents.next();
    expect(refused.value?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const stock = sse.subscribe(StockChangedDocument, { productId: products.sidamo.id });
    const pending = stock.next();
    await eventually(async () => expect(catalogListeners()).toBe(before + 1));
    await graph.ok(`mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { id } }`, tokens.admin, {
      input: { productId: products.sidamo.id, location: 'sdk-test', quantity: 3, reference: 'GR-SDK-1' },
    });
    const event = (await pending).value;
    // Typed: event.data.stockChanged.availableQuantity is a number.
    const available: number | undefined = event?.data?.stockChanged.availableQuantity;
    expect(available).toEqual(expect.any(Number));
    await stock.return?.();
    await Promise.all([ws.close(), sse.close()]);

    const expiring = createWebSocketLiveClient({ url: graph.stack.gateway.url, token: await signAliceToken(1), webSocketImpl: WebSocket });
    const watch = expiring.subscribe(OrderUpdatedDocument, { id: orders.alicePending.id });
    const ended = await watch.next().catch((error: unknown) => error);
    expect(ended).toBeInstanceOf(LiveConnectionClosed);
    expect((ended as LiveConnectionClosed).code).toBe(4401);
    await expiring.close();
  });

  it('requestIncrementally yields the initial data, then the data merged with the deferred part', async () => {
    const steps = [];
    for await (const step of requestIncrementally(
      { url: graph.stack.gateway.url, token: tokens.manager },
      OrderWithDeferredPaperworkDocument,
      {
        id: orders.aliceCoffee.id,
      },
    ))
      steps.push(step);
    expect(steps.map((step) => step.hasNext)).toEqual([true, false]);
    expect(steps[0]?.data?.order).not.toHaveProperty('export');
    const whole = await graph.client(tokens.manager).request(OrderWithDeferredPaperworkDocument, { id: orders.aliceCoffee.id });
    expect(steps[1]?.data).toEqual(whole);
  });
});

function objectAt(data: Record<string, unknown>, path: (string | number)[]): Record<string, unknown> {
  let value: unknown = data;
  for (const step of path) value = (value as Record<string | number, unknown>)[step];
  return value as Record<string, unknown>;
}
