import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { GATEWAY_PROOF_HEADER, openDatabase, signGatewayRequest, SUBGRAPH_NAMES, type Database, type SubgraphName } from '@fed/service-kit';
import { createTestDatabase, type TestDatabase } from '@fed/service-kit/testing';
import { Redis } from 'ioredis';
import { Agent } from 'node:http';
import type { ExecutionResult } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import { DEMO_PASSWORD, tenants, users } from '../prisma/demo-world.ts';
import { generatePrivateJwk } from '../subgraphs/users/src/sessions/keys.ts';
import { eventually } from './support/eventually.ts';
import { stockBooks } from './support/stock-books.ts';
import {
  holdRequest,
  runToCompletion,
  startServiceProcess,
  tryConnect,
  waitUntilReady,
  type HeldAnswer,
  type ServiceProcess,
} from './support/processes.ts';
import { startRoundRobinProxy, type RoundRobinProxy } from './support/round-robin-proxy.ts';

/**
 * Scale-out, for real: two replicas of each of the five subgraphs and two gateways, each its own
 * OS process started as a container would start it (production mode, migrations by a separate
 * job), on five fresh PostgreSQL databases and one Redis. Each gateway reaches both replicas of a
 * subgraph through a round-robin proxy (there is no load balancer here). Traffic alternates
 * between the gateways. Proves that persisted queries and rate limits are shared, that stock is
 * never oversold, that audit events arrive exactly once with every relay and consumer doubled,
 * that a replica killed mid-load loses no acknowledged write, and that SIGTERM drains a subgraph
 * and a gateway without failing a request it had accepted.
 */

const SERVER_URL = process.env.TEST_DATABASE_URL ?? '';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const RUN = randomUUID().slice(0, 8);
/** This run's event stream and gateway keys: parallel runs and test files never see each other's. */
const STREAM = `fed:test:scale:${RUN}:events`;
const KEY_PREFIX = `fed:test:scale:${RUN}:gateway:`;
/** Every user's budget for the whole run; only the rate-limit test's user goes beyond it. */
const USER_MAX = 40;
/** A window longer than the run, so no count resets mid-test (the rate-limit test also avoids a boundary). */
const WINDOW_SECONDS = 3600;
const SHUTDOWN_GRACE_MS = 8000;
/** Shared by the gateways and the subgraphs; the test signs its own direct calls to replicas with it. */
const PROOF_SECRET = randomBytes(32).toString('base64');
const PRODUCERS = ['users', 'catalog', 'shipping', 'exports'] as const satisfies readonly SubgraphName[];

const processes: ServiceProcess[] = [];
const replicas = {} as Record<SubgraphName, [ServiceProcess, ServiceProcess]>;
let gateways: [ServiceProcess, ServiceProcess];
const proxies = {} as Record<SubgraphName, RoundRobinProxy>;
const testDatabases = {} as Record<SubgraphName, TestDatabase>;
const db = {} as Record<SubgraphName, Database>;
let redis: Redis;
/** Audit events the audit database was seeded with (none of them come from an outbox). */
let seededAuditEvents = 0;
/** What setup took (an annotation of the first test: `npm run scale-test` prints annotations). */
let setup = '';
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function postgresUrl(database: TestDatabase): string {
  if (database.target.kind !== 'postgres') throw new Error('the scale-out test needs TEST_DATABASE_URL (PostgreSQL)');
  return database.target.url;
}

/** On failure, what every process said: the reason is usually in there. */
function allOutput(): string {
  return processes.map((service) => `--- ${service.label} (pid ${service.pid}):\n${service.output().slice(-4000)}`).join('\n');
}

beforeAll(async () => {
  if (!SERVER_URL) throw new Error('TEST_DATABASE_URL must point at a PostgreSQL server (vitest.config.ts skips this file otherwise)');
  const started = Date.now();
  redis = new Redis(REDIS_URL);
  await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      proxies[name] = await startRoundRobinProxy();
      testDatabases[name] = await createTestDatabase(`scale_${name}`);
      // The test's own look into each database, for checks the graph does not expose.
      db[name] = await openDatabase({ kind: 'postgres', url: postgresUrl(testDatabases[name]), poolSize: 2 });
    }),
  );

  const common = {
    NODE_ENV: 'production',
    // The gateway signs every subgraph request with it; the subgraphs answer nothing else.
    GATEWAY_SUBGRAPH_SECRET: PROOF_SECRET,
    METRICS_TOKEN: 'scale-test-metrics-token-0123',
    // `info`: the services log the URL they listen on (and each operation, shown when a test fails).
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    REDIS_URL,
    EVENTS_STREAM: STREAM,
    AUTH_JWKS_URL: proxies.users.url('/.well-known/jwks.json'),
    SHUTDOWN_GRACE_MS: String(SHUTDOWN_GRACE_MS),
  };
  const subgraphEnv = {
    ...common,
    MIGRATE_ON_START: 'false',
    // Ten processes share one PostgreSQL server (and other test files run beside this one).
    DATABASE_POOL_SIZE: '3',
    OUTBOX_RELAY_INTERVAL_MS: '100',
    OUTBOX_RELAY_MAX_BACKOFF_MS: '1000',
    // A relay killed mid-batch holds its rows this long before the surviving relay takes them over.
    OUTBOX_RELAY_LEASE_MS: '3000',
    // Signing and carrier keys are shared by the replicas, as a secret would be.
    JWT_PRIVATE_JWKS: JSON.stringify({ keys: [await generatePrivateJwk()] }),
    CARRIER_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
  };
  const startProcess = async (label: string, entry: string, env: Record<string, string>) => {
    const service = await startServiceProcess(label, entry, env);
    processes.push(service);
    return service;
  };
  const startReplica = (name: SubgraphName, replica: 1 | 2) =>
    startProcess(`${name}-${replica}`, `subgraphs/${name}/src/index.ts`, {
      ...subgraphEnv,
      [`${name.toUpperCase()}_PORT`]: '0',
      [`${name.toUpperCase()}_DATABASE_URL`]: postgresUrl(testDatabases[name]),
      // The demo world, seeded once by the first replica before it listens.
      SEED_DEMO_DATA: replica === 1 ? 'true' : 'false',
    });
  const startGatewayProcess = (label: string) =>
    startProcess(label, 'gateway/src/index.ts', {
      ...common,
      PORT: '0',
      REDIS_KEY_PREFIX: KEY_PREFIX,
      RATE_LIMIT_USER_MAX: String(USER_MAX),
      RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_SUBGRAPH_URL`, proxies[name].url('/graphql')])),
    });

  let migrated = 0;
  // Settled, not raced: a failure must not leave a process that is still starting behind.
  const starts = await Promise.allSettled([
    (async () => {
      // The deploy job: migrations run once, before any replica starts (replicas run MIGRATE_ON_START=false).
      await runToCompletion(
        'scripts/migrate.ts',
        Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_DATABASE_URL`, postgresUrl(testDatabases[name])])),
      );
      migrated = Date.now();
      const results = await Promise.allSettled(
        SUBGRAPH_NAMES.map(async (name) => {
          const pair = await Promise.all([startReplica(name, 1), startReplica(name, 2)]);
          replicas[name] = pair;
          proxies[name].setBackends(pair.map((service) => service.port));
        }),
      );
      for (const result of results) if (result.status === 'rejected') throw result.reason;
    })(),
    // Gateways need no database: they start while the migrations run.
    Promise.all([startGatewayProcess('gateway-a'), startGatewayProcess('gateway-b')]).then((pair) => (gateways = pair)),
  ]);
  try {
    for (const result of starts) if (result.status === 'rejected') throw result.reason;
    await Promise.all(processes.map((service) => waitUntilReady(service)));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${allOutput()}`, { cause: error });
  }
  const [seeded] = await db.audit.sql.query<{ count: number }>('SELECT count(*)::int AS "count" FROM "AuditEvent"');
  seededAuditEvents = seeded!.count;
  setup = `5 databases migrated after ${seconds(migrated - started)}, ${processes.length} processes ready after ${seconds(Date.now() - started)}`;
}, 120_000);

afterAll(async () => {
  for (const service of processes) service.kill('SIGKILL');
  await Promise.all(processes.map((service) => service.exited));
  await Promise.all(Object.values(proxies).map((proxy) => proxy.close()));
  await Promise.all(Object.values(db).map((database) => database.close()));
  await Promise.all(Object.values(testDatabases).map((database) => database.drop()));
  if (redis) {
    const keys = await redis.keys(`fed:test:scale:${RUN}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => console.error(allOutput()));
});

interface Answer<Data> {
  status: number;
  data?: Data | null;
  errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[];
}

let turn = 0;
/** The gateways in turn, as a load balancer in front of them would spread requests. */
const nextGateway = () => {
  const live = gateways.filter((gateway) => gateway.running);
  return live[turn++ % live.length]!;
};

async function send<Data = Record<string, unknown>>(
  gateway: ServiceProcess,
  body: Record<string, unknown>,
  token?: string,
): Promise<Answer<Data>> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  try {
    return { status: response.status, ...(JSON.parse(text) as Omit<Answer<Data>, 'status'>) };
  } catch {
    return { status: response.status, errors: [{ message: text }] };
  }
}

const graphql = <Data = Record<string, unknown>>(
  query: string,
  token?: string,
  variables: Record<string, unknown> = {},
  gateway = nextGateway(),
) => send<Data>(gateway, { query, variables }, token);

async function ok<Data = Record<string, unknown>>(query: string, token?: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const answer = await graphql<Data>(query, token, variables);
  if (answer.errors || !answer.data) throw new Error(`unexpected answer (HTTP ${answer.status}): ${JSON.stringify(answer.errors)}`);
  return answer.data;
}

async function login(email: string, tenantSlug = 'acme', password = DEMO_PASSWORD): Promise<string> {
  const data = await ok<{ login: { accessToken: string } }>(
    'mutation($input: LoginInput!) { login(input: $input) { accessToken } }',
    undefined,
    { input: { tenantSlug, email, password } },
  );
  return data.login.accessToken;
}

const PLACE_ORDER = 'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id number status } }';
type Placed = { placeOrder: { id: string; number: string; status: string } };

/** A fresh product of the acme tenant with `stock` units at MAIN, created and stocked through the graph. */
async function stockedProduct(admin: string, label: string, stock: number): Promise<string> {
  const sku = `SCALE-${RUN}-${label}`.toUpperCase();
  const { createProduct } = await ok<{ createProduct: { id: string } }>(
    'mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }',
    admin,
    { input: { sku, name: `Scale ${label}`, price: '10.00', cost: '4.00', weightKg: '1.000', tags: ['scale-test'] } },
  );
  await ok('mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { quantity } }', admin, {
    input: { productId: createProduct.id, location: 'MAIN', quantity: stock, reference: `GR-${sku}` },
  });
  return createProduct.id;
}

/** How many audit events each entity has for `action` (entities without any are absent). */
async function auditCounts(action: string, entityIds: string[]): Promise<Map<string, number>> {
  const rows = await db.audit.sql.query<{ entityId: string; count: number }>(
    `SELECT "entityId", count(*)::int AS "count" FROM "AuditEvent" WHERE "action" = $1 AND "entityId" = ANY($2::text[]) GROUP BY "entityId"`,
    [action, entityIds],
  );
  return new Map(rows.map((row) => [row.entityId, row.count]));
}

/** Waits (bounded) until each entity has its audit event, then returns the counts. */
async function awaitAuditEvents(action: string, entityIds: string[]): Promise<Map<string, number>> {
  return eventually(
    async () => {
      const counts = await auditCounts(action, entityIds);
      const missing = entityIds.filter((id) => !counts.has(id));
      if (missing.length > 0) throw new Error(`${missing.length} of ${entityIds.length} ${action} events not in the audit log yet`);
      return counts;
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const codes = (answer: Answer<unknown>) => (answer.errors ?? []).map((error) => error.extensions?.code);

describe('two replicas of every service, as separate processes', () => {
  it('spreads each subgraph’s requests over both of its replicas', async ({ annotate }) => {
    await annotate(setup);
    const admin = await login(users.acmeAdmin.email);
    const answeredBy = (name: SubgraphName) => replicas[name].map((service) => proxies[name].stats.answered.get(service.port) ?? 0);
    const before = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, answeredBy(name)]));
    // Reads touching every subgraph: the gateway plans each across all five.
    for (let index = 0; index < 6; index++) {
      await ok(
        '{ me { email } products(first: 2) { totalCount } countries { name } exports(first: 1) { totalCount } auditEvents(first: 1) { totalCount } }',
        admin,
      );
    }
    for (const name of SUBGRAPH_NAMES) {
      const [first, second] = answeredBy(name);
      expect(first! - before[name]![0]!, `${name}-1 answered`).toBeGreaterThan(0);
      expect(second! - before[name]![1]!, `${name}-2 answered`).toBeGreaterThan(0);
    }
  });

  it('current authority: a role change and a logout hold at both gateways and both replicas of every subgraph within 5 s', async ({
    annotate,
  }) => {
    const admin = await login(users.acmeAdmin.email);
    const password = 'scale-authority-password-1';
    const newUser = async (label: string, roles: string[]) => {
      const email = `scale-${label}-${RUN}@acme.test`;
      const { createUser } = await ok<{ createUser: { id: string } }>(
        'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
        admin,
        { input: { email, password, roles } },
      );
      return { id: createUser.id, token: await login(email, 'acme', password) };
    };
    const probes: Record<SubgraphName, string> = {
      users: '{ me { id } }',
      catalog: '{ orders(first: 1) { totalCount } }',
      shipping: '{ manifests(first: 1) { totalCount } }',
      exports: '{ exports(first: 1) { totalCount } }',
      audit: '{ auditEvents(first: 1) { totalCount } }',
    };
    const AUDIT = probes.audit;
    /** The code every gateway and every replica answers `query` with (null: served). */
    const verdicts = async (token: string, query: (name: SubgraphName | 'gateway') => string) => {
      const places = [
        ...gateways.map((gateway) => [gateway.label, gateway.url, query('gateway')] as const),
        ...SUBGRAPH_NAMES.flatMap((name) => replicas[name].map((replica) => [replica.label, replica.url, query(name)] as const)),
      ];
      const answers = await Promise.all(
        places.map(async ([label, url, text]) => {
          const payload = JSON.stringify({ query: text });
          const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
          // Replicas answer only the gateway: a direct call carries the gateway's proof.
          if (!label.startsWith('gateway')) headers[GATEWAY_PROOF_HEADER] = signGatewayRequest(PROOF_SECRET, payload);
          const response = await fetch(url, { method: 'POST', headers, body: payload });
          const body = (await response.json()) as Answer<unknown>;
          return [label, body.errors?.[0]?.extensions?.code ?? null] as const;
        }),
      );
      return Object.fromEntries(answers);
    };
    const all = (code: string | null, labels: string[]) => Object.fromEntries(labels.map((label) => [label, code]));
    const everyLabel = [
      ...gateways.map((gateway) => gateway.label),
      ...SUBGRAPH_NAMES.flatMap((name) => replicas[name].map((r) => r.label)),
    ];
    // Polls every half second: each gateway poll counts against the user's rate limit.
    const within = (check: () => Promise<void>) => eventually(check, { timeoutMs: 6000, intervalMs: 500 });

    const demoted = await newUser('demoted', ['MANAGER']);
    const auditPlaces = (name: SubgraphName | 'gateway') => (name === 'gateway' || name === 'audit' ? AUDIT : probes[name]);
    expect(await verdicts(demoted.token, auditPlaces)).toEqual(all(null, everyLabel));
    let started = Date.now();
    await ok('mutation($id: ID!) { updateUserRoles(id: $id, roles: [CUSTOMER]) { id } }', admin, { id: demoted.id });
    await within(async () => {
      const seen = await verdicts(demoted.token, auditPlaces);
      for (const label of [...gateways.map((gateway) => gateway.label), ...replicas.audit.map((replica) => replica.label)]) {
        expect(seen[label], label).toBe('FORBIDDEN');
      }
    });
    const demotion = Date.now() - started;

    const leaving = await newUser('logout', ['ADMIN']);
    expect(await verdicts(leaving.token, (name) => (name === 'gateway' ? AUDIT : probes[name]))).toEqual(all(null, everyLabel));
    started = Date.now();
    expect((await send(gateways[1], { query: 'mutation { logout }' }, leaving.token)).data).toEqual({ logout: true });
    await within(async () => {
      expect(await verdicts(leaving.token, (name) => (name === 'gateway' ? AUDIT : probes[name]))).toEqual(
        all('UNAUTHENTICATED', everyLabel),
      );
    });
    await annotate(
      `demotion seen by both gateways and audit replicas after ${seconds(demotion)}; logout by all 12 processes after ${seconds(Date.now() - started)}`,
    );
  });

  it('APQ: a query registered through gateway A is served by its hash alone through gateway B', async () => {
    const [a, b] = gateways;
    const admin = await login(users.acmeAdmin.email);
    const query = `query ScaleApq${RUN} { me { email } }`;
    const persisted = { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } };

    expect(codes(await send(b, persisted, admin))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect((await send(a, { query, ...persisted }, admin)).data).toEqual({ me: { email: users.acmeAdmin.email } });
    // Gateway B never saw the text: it reads the registration from Redis.
    const byHash = await send(b, persisted, admin);
    expect(byHash.errors).toBeUndefined();
    expect(byHash.data).toEqual({ me: { email: users.acmeAdmin.email } });
  });

  it('rate limit: one budget per user across both gateways, exactly RATE_LIMIT_USER_MAX requests pass', async ({ annotate }) => {
    const viewer = await login(users.acmeViewer.email);
    // Fixed windows: start well inside one, so the burst is counted in a single window.
    const windowMs = WINDOW_SECONDS * 1000;
    const left = windowMs - (Date.now() % windowMs);
    if (left < 10_000) await new Promise((resolve) => setTimeout(resolve, left + 100));

    const total = USER_MAX + 20;
    const answers = await Promise.all(Array.from({ length: total }, () => graphql('{ me { email } }', viewer)));
    const passed = answers.filter((answer) => answer.status === 200 && !answer.errors);
    const limited = answers.filter((answer) => answer.status === 429);
    expect(passed).toHaveLength(USER_MAX);
    expect(limited).toHaveLength(total - USER_MAX);
    for (const answer of limited) expect(codes(answer)).toEqual(['RATE_LIMITED']);
    await annotate(`${total} concurrent requests of one user over both gateways: ${passed.length} passed, ${limited.length} got 429`);
  });

  it('no overselling: concurrent orders through both gateways take exactly the stock, the rest get CONFLICT', async ({ annotate }) => {
    const [admin, alice, bob] = await Promise.all([login(users.acmeAdmin.email), login(users.alice.email), login(users.bob.email)]);
    const stock = 6;
    const productId = await stockedProduct(admin, 'race', stock);
    const attempts = 30;
    const answers = await Promise.all(
      Array.from({ length: attempts }, (_, index) =>
        graphql<Placed>(PLACE_ORDER, index % 4 < 2 ? alice : bob, { input: { items: [{ productId, quantity: 1 }] } }),
      ),
    );
    const placed = answers.filter((answer) => answer.data?.placeOrder);
    const refused = answers.filter((answer) => answer.errors);
    expect(placed).toHaveLength(stock);
    expect(refused).toHaveLength(attempts - stock);
    for (const answer of refused) expect(codes(answer)).toEqual(['CONFLICT']);
    expect(await stockBooks(db.catalog.sql, productId)).toEqual({
      quantity: stock,
      reserved: stock,
      ledger: stock,
      held: stock,
      orders: stock,
    });
    const [first, second] = replicas.catalog.map((service) => proxies.catalog.stats.answered.get(service.port) ?? 0);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(0);
    await annotate(`${attempts} concurrent orders for ${stock} units: ${placed.length} placed, ${refused.length} CONFLICT, books agree`);
  });

  it('subscriptions: each gateway delivers every event, whichever catalog replica produced it', async ({ annotate }) => {
    const [admin, viewer] = await Promise.all([login(users.acmeAdmin.email), login(users.acmeViewer.email)]);
    const productId = await stockedProduct(admin, 'live', 1);
    const STOCK_CHANGED = 'subscription($id: ID!) { stockChanged(productId: $id) { id availableQuantity } }';
    // A WebSocket subscriber on gateway A, an SSE subscriber on gateway B.
    const received: Record<'ws' | 'sse', number[]> = { ws: [], sse: [] };
    const sink = (into: number[]) => ({
      next: (result: ExecutionResult) =>
        into.push((result.data as { stockChanged: { availableQuantity: number } } | undefined)?.stockChanged.availableQuantity ?? -1),
      error: () => {},
      complete: () => {},
    });
    const ws = createWsClient({
      url: gateways[0].url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${viewer}` },
      retryAttempts: 0,
    });
    const sse = createSseClient({ url: gateways[1].url, headers: { authorization: `Bearer ${viewer}` }, retryAttempts: 0 });
    onTestFinished(async () => {
      sse.dispose();
      await ws.dispose();
    });
    ws.subscribe({ query: STOCK_CHANGED, variables: { id: productId } }, sink(received.ws));
    sse.subscribe({ query: STOCK_CHANGED, variables: { id: productId } }, sink(received.sse));
    const receive = () =>
      ok('mutation($input: ReceiveStockInput!) { receiveStock(input: $input) { quantity } }', admin, {
        input: { productId, location: 'MAIN', quantity: 1, reference: `GR-LIVE-${randomUUID()}` },
      });
    // Until both streams are open (no subscriber can say when it is): receipts until each got one.
    await eventually(
      async () => {
        await receive();
        expect(received.ws.length).toBeGreaterThan(0);
        expect(received.sse.length).toBeGreaterThan(0);
      },
      { intervalMs: 200 },
    );
    const answeredBefore = replicas.catalog.map((service) => proxies.catalog.stats.answered.get(service.port) ?? 0);
    const seen = { ws: received.ws.length, sse: received.sse.length };
    const receipts = 6;
    for (let receipt = 0; receipt < receipts; receipt++) await receive();
    const final = (
      await ok<{ product: { availableQuantity: number } }>('query($id: ID!) { product(id: $id) { availableQuantity } }', admin, {
        id: productId,
      })
    ).product.availableQuantity;
    await eventually(async () => {
      // Every receipt after both streams were open reached both subscribers (an event re-reads the
      // product, so two close together may show the same quantity; receipts of the warm-up loop may
      // still be arriving), ending at the final quantity.
      expect(received.ws.length - seen.ws).toBeGreaterThanOrEqual(receipts);
      expect(received.sse.length - seen.sse).toBeGreaterThanOrEqual(receipts);
      expect(received.ws.at(-1)).toBe(final);
      expect(received.sse.at(-1)).toBe(final);
    });
    for (const quantities of [received.ws, received.sse]) expect([...quantities].sort((a, b) => a - b)).toEqual(quantities);
    // The receipts were spread over both catalog replicas, so both produced events.
    const answeredAfter = replicas.catalog.map((service) => proxies.catalog.stats.answered.get(service.port) ?? 0);
    expect(answeredAfter[0]! - answeredBefore[0]!).toBeGreaterThan(0);
    expect(answeredAfter[1]! - answeredBefore[1]!).toBeGreaterThan(0);
    await annotate(
      `${receipts} stock receipts over both catalog replicas reached a WebSocket subscriber on gateway A and an SSE subscriber on gateway B`,
    );
  });

  it('SIGKILL of a catalog replica mid-load: every acknowledged order is stored, and audited exactly once', async ({ annotate }) => {
    const admin = await login(users.acmeAdmin.email);
    const productId = await stockedProduct(admin, 'kill', 1000);
    const writers = 4;
    const attemptsEach = 15;
    const password = `writer-${RUN}-password`;
    const tokens = await Promise.all(
      Array.from({ length: writers }, async (_, index) => {
        const email = `writer${index}-${RUN}@acme.test`;
        await ok('mutation($input: CreateUserInput!) { createUser(input: $input) { id } }', admin, {
          input: { email, password, roles: ['CUSTOMER'] },
        });
        return login(email, tenants.acme.slug, password);
      }),
    );

    const victim = replicas.catalog[0];
    let killed = false;
    let kill: Promise<void> | null = null;
    const outcomes: { afterKill: boolean; orderId: string | null; codes: unknown[]; status: number }[] = [];
    await Promise.all(
      tokens.map(async (token) => {
        for (let attempt = 0; attempt < attemptsEach; attempt++) {
          const afterKill = killed;
          const answer = await graphql<Placed>(PLACE_ORDER, token, { input: { items: [{ productId, quantity: 1 }] } }).catch(
            (error: unknown): Answer<Placed> => ({ status: 0, errors: [{ message: String(error) }] }),
          );
          outcomes.push({ afterKill, orderId: answer.data?.placeOrder?.id ?? null, codes: codes(answer), status: answer.status });
          // A quarter into the load, the first catalog replica dies without any chance to clean up.
          if (!kill && outcomes.filter((outcome) => outcome.orderId).length >= (writers * attemptsEach) / 4) {
            kill = (async () => {
              victim.kill('SIGKILL');
              await victim.exited;
              killed = true;
            })();
          }
        }
      }),
    );
    await kill;
    expect(await victim.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const acknowledged = outcomes.flatMap((outcome) => (outcome.orderId ? [outcome.orderId] : []));
    const afterKill = outcomes.filter((outcome) => outcome.afterKill);
    // Only requests in flight at the kill may fail; once it is gone the proxy sends everything to the survivor.
    expect(afterKill.length).toBeGreaterThan(0);
    expect(afterKill.filter((outcome) => !outcome.orderId)).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(outcomes.length - writers);

    const stored = await db.catalog.sql.query<{ id: string }>('SELECT "id" FROM "Order" WHERE "id" = ANY($1::uuid[])', [acknowledged]);
    expect(stored).toHaveLength(acknowledged.length);
    // A failed request may still have committed (the answer was lost), never the other way round.
    const books = await stockBooks(db.catalog.sql, productId);
    expect(books.orders).toBeGreaterThanOrEqual(acknowledged.length);
    expect(books).toEqual({ quantity: 1000, reserved: books.orders, ledger: 1000, held: books.orders, orders: books.orders });

    // The survivor's relay delivers what the dead one left in the outbox (after its lease), once each.
    const counts = await awaitAuditEvents('order.placed', acknowledged);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    await annotate(
      `${outcomes.length} orders attempted, ${acknowledged.length} acknowledged (all stored and audited once), ` +
        `${outcomes.length - acknowledged.length} failed while the replica died, ${afterKill.length} sent after it was gone`,
    );
  });

  it('SIGTERM of an audit replica under load: accepted requests complete, new connections are refused, exit 0', async ({ annotate }) => {
    const [admin, manager] = await Promise.all([login(users.acmeAdmin.email), login(users.acmeManager.email)]);
    const productId = await stockedProduct(admin, 'term', 100);
    const target = replicas.audit[1];
    const query = JSON.stringify({ query: '{ auditEvents(first: 5) { totalCount edges { node { action } } } }' });
    // Held in flight on the replica itself: it has taken each request on and waits for the rest of the body.
    // Kept-alive connections, as the proxy's or a gateway's pool would hold them: the replica must close them itself.
    const pool = new Agent({ keepAlive: true });
    onTestFinished(() => pool.destroy());
    // Straight to the replica, which answers only the gateway: the test signs as the gateway does.
    const headers = { authorization: `Bearer ${admin}`, [GATEWAY_PROOF_HEADER]: signGatewayRequest(PROOF_SECRET, query) };
    const held = await Promise.all([1, 2, 3].map(() => holdRequest(target.url, query, headers, pool)));

    // Writes keep producing events, so both audit consumers are busy when one of them is told to stop.
    const load = Promise.all(
      Array.from({ length: 12 }, async () => graphql<Placed>(PLACE_ORDER, manager, { input: { items: [{ productId, quantity: 1 }] } })),
    );
    const signalled = Date.now();
    target.kill('SIGTERM');
    await target.waitForOutput(/"msg":"shutting down"/, 10_000);
    await eventually(async () => expect(await tryConnect(target.port)).toBe('ECONNREFUSED'), { timeoutMs: 10_000 });

    const answers: HeldAnswer[] = await Promise.all(held.map((request) => request.finish()));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      const body = JSON.parse(answer.body) as Answer<{ auditEvents: { totalCount: number } }>;
      expect(body.errors).toBeUndefined();
      expect(body.data!.auditEvents.totalCount).toBeGreaterThan(0);
    }
    expect(await target.exited).toEqual({ code: 0, signal: null });
    const exitedAfter = Date.now() - signalled;
    expect(exitedAfter).toBeLessThan(SHUTDOWN_GRACE_MS);

    const orders = await load;
    expect(orders.filter((answer) => answer.errors)).toEqual([]);
    // New requests for the audit subgraph go to the remaining replica.
    const trail = await ok<{ auditEvents: { totalCount: number } }>('{ auditEvents(first: 1) { totalCount } }', admin);
    expect(trail.auditEvents.totalCount).toBeGreaterThan(0);
    const counts = await awaitAuditEvents(
      'order.placed',
      orders.map((answer) => answer.data!.placeOrder.id),
    );
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    await annotate(
      `${answers.length} accepted requests answered 200 after SIGTERM, exit 0 after ${seconds(exitedAfter)} ` +
        `(grace ${seconds(SHUTDOWN_GRACE_MS)}); ${orders.length} orders meanwhile, audited once each`,
    );
  });

  it('SIGTERM of a gateway with writes in flight: they complete and are stored, new connections are refused, exit 0', async ({
    annotate,
  }) => {
    const [admin, manager] = await Promise.all([login(users.acmeAdmin.email), login(users.acmeManager.email)]);
    const productId = await stockedProduct(admin, 'gw', 10);
    const target = gateways[1];
    const body = JSON.stringify({ query: PLACE_ORDER, variables: { input: { items: [{ productId, quantity: 1 }] } } });
    const pool = new Agent({ keepAlive: true });
    onTestFinished(() => pool.destroy());
    const held = await Promise.all([1, 2].map(() => holdRequest(target.url, body, { authorization: `Bearer ${manager}` }, pool)));
    // A live subscriber on the stopping gateway: told "going away" (1001), not cut.
    let closed: { code: number; reason: string } | undefined;
    let acknowledged!: () => void;
    const connected = new Promise<void>((resolve) => (acknowledged = resolve));
    const live = createWsClient({
      url: target.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${manager}` },
      retryAttempts: 0,
      lazy: false,
      on: {
        connected: () => acknowledged(),
        closed: (event) => (closed = { code: (event as { code: number }).code, reason: (event as { reason: string }).reason }),
      },
    });
    onTestFinished(() => live.dispose());
    live.subscribe(
      { query: 'subscription($id: ID!) { stockChanged(productId: $id) { id } }', variables: { id: productId } },
      { next: () => {}, error: () => {}, complete: () => {} },
    );
    await connected;

    const signalled = Date.now();
    target.kill('SIGTERM');
    await target.waitForOutput(/"msg":"shutting down"/, 10_000);
    await eventually(async () => expect(await tryConnect(target.port)).toBe('ECONNREFUSED'), { timeoutMs: 10_000 });

    const answers = await Promise.all(held.map((request) => request.finish()));
    const ids = answers.map((answer) => {
      expect(answer.status).toBe(200);
      const parsed = JSON.parse(answer.body) as Answer<Placed>;
      expect(parsed.errors).toBeUndefined();
      return parsed.data!.placeOrder.id;
    });
    expect(await target.exited).toEqual({ code: 0, signal: null });
    expect(closed).toEqual({ code: 1001, reason: 'The gateway is shutting down' });
    const exitedAfter = Date.now() - signalled;
    expect(exitedAfter).toBeLessThan(SHUTDOWN_GRACE_MS);

    const stored = await db.catalog.sql.query<{ id: string }>('SELECT "id" FROM "Order" WHERE "id" = ANY($1::uuid[])', [ids]);
    expect(stored).toHaveLength(2);
    // The other gateway keeps serving.
    const again = await send<Placed>(
      gateways[0],
      { query: PLACE_ORDER, variables: { input: { items: [{ productId, quantity: 1 }] } } },
      manager,
    );
    expect(again.errors).toBeUndefined();
    await annotate(`${ids.length} orders in flight at SIGTERM placed and stored, exit 0 after ${seconds(exitedAfter)}`);
  });

  it('every event of every outbox is in the audit log exactly once, and each tenant’s chain verifies', async ({ annotate }) => {
    const outboxIds = async () =>
      (
        await Promise.all(
          PRODUCERS.map((name) =>
            db[name].sql.query<{ id: string; publishedAt: Date | null }>('SELECT "id", "publishedAt" FROM "OutboxEvent"'),
          ),
        )
      ).flat();
    const outbox = await eventually(
      async () => {
        const rows = await outboxIds();
        const pending = rows.filter((row) => !row.publishedAt).length;
        if (pending > 0) throw new Error(`${pending} outbox rows not relayed yet`);
        const [{ count }] = (await db.audit.sql.query<{ count: number }>(
          'SELECT count(*)::int AS "count" FROM "AuditEvent" WHERE "eventId" = ANY($1::uuid[])',
          [rows.map((row) => row.id)],
        )) as [{ count: number }];
        if (count < rows.length) throw new Error(`${rows.length - count} of ${rows.length} relayed events not in the audit log yet`);
        return rows;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const ids = outbox.map((row) => row.id);
    const perEvent = await db.audit.sql.query<{ eventId: string; count: number }>(
      'SELECT "eventId", count(*)::int AS "count" FROM "AuditEvent" WHERE "eventId" = ANY($1::uuid[]) GROUP BY "eventId"',
      [ids],
    );
    expect(perEvent).toHaveLength(ids.length);
    expect(perEvent.filter((row) => row.count !== 1)).toEqual([]);
    const [{ total }] = (await db.audit.sql.query<{ total: number }>('SELECT count(*)::int AS "total" FROM "AuditEvent"')) as [
      { total: number },
    ];
    // Nothing else arrived: the seeded events plus one per outbox row.
    expect(total).toBe(seededAuditEvents + ids.length);

    // Every message was acknowledged: neither consumer (nor the stopped one) left anything pending.
    await eventually(async () => {
      const [pending] = (await redis.xpending(STREAM, 'audit')) as [number, ...unknown[]];
      expect(pending).toBe(0);
    });

    const admin = await login(users.acmeAdmin.email);
    const { verifyAuditChain } = await ok<{ verifyAuditChain: { valid: boolean; checkedCount: number } }>(
      '{ verifyAuditChain { valid checkedCount } }',
      admin,
    );
    expect(verifyAuditChain.valid).toBe(true);
    await annotate(
      `${ids.length} outbox events from ${PRODUCERS.length} producers, each stored exactly once ` +
        `(${verifyAuditChain.checkedCount} events in acme's chain, valid)`,
    );
  });
});
