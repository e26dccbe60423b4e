import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPH_NAMES, type Logger, type SubgraphName } from '@fed/service-kit';
import { createTestDatabase, StatementCounter, type TestDatabase } from '@fed/service-kit/testing';
import { startStack, type RunningStack } from '@fed/stack';
import { createClient, LoginDocument, type GraphQLClient } from '@fed/sdk';
import { DEMO_PASSWORD, users } from '../../prisma/demo-world.ts';
import { seedVolume, type VolumeDatabases, type VolumeScale, type VolumeTenant } from '../../prisma/volume-world.ts';

export interface GraphQLResponse<Data = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestStack {
  stack: RunningStack;
  statements: StatementCounter;
  /** The stack's data folder (embedded signing key, etc.). */
  dataDir: string;
  /** Each subgraph's database, to restart a subgraph on the same data. */
  databases: Record<SubgraphName, TestDatabase>;
  /** The environment the stack was started with. */
  env: Record<string, string>;
  /** POSTs an operation to the gateway (or to `url`). */
  query<Data = Record<string, unknown>>(
    query: string,
    options?: { variables?: Record<string, unknown>; token?: string | null; url?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<Data>>;
  /** The typed SDK client on the gateway (or another URL), optionally signed in. */
  client(token?: string | null, url?: string): GraphQLClient;
  /** Runs an operation that must succeed and returns its data. */
  ok<Data = Record<string, unknown>>(query: string, token: string, variables?: Record<string, unknown>): Promise<Data>;
  /** Runs an operation that must fail and returns its first error. */
  failure(
    query: string,
    token: string,
    variables?: Record<string, unknown>,
  ): Promise<{ message: string; code: unknown; extensions: Record<string, unknown> }>;
  /** Signs a user in (a demo user unless told another tenant and password) and returns the access token. */
  login(email: string, tenantSlug?: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The whole graph in-process on ephemeral ports, each subgraph on its own fresh database (PGlite
 * or, with TEST_DATABASE_URL, a new PostgreSQL database), seeded with the demo world.
 */
export async function startTestStack(
  env: Record<string, string> = {},
  options: {
    /** Subgraphs whose embedded database must survive a restart of the subgraph (kept under the data folder). */
    persistent?: SubgraphName[];
    /** Receives every log line of every service (e.g. to prove that no secret is ever logged). */
    logger?: Logger;
  } = {},
): Promise<TestStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'fed-test-data-'));
  const databaseOf = async (name: SubgraphName): Promise<TestDatabase> => {
    if (options.persistent?.includes(name) && !process.env.TEST_DATABASE_URL) {
      return { target: { kind: 'pglite', dataDir: join(dataDir, 'db', name) }, drop: async () => {} };
    }
    return createTestDatabase(name);
  };
  const databases = Object.fromEntries(
    await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await databaseOf(name)] as const)),
  ) as Record<SubgraphName, TestDatabase>;
  const statements = new StatementCounter();
  const stackEnv = {
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    SEED_DEMO_DATA: 'true',
    SUPERGRAPH_POLL_MS: '200',
    OUTBOX_RELAY_INTERVAL_MS: '50',
    OUTBOX_RELAY_MAX_BACKOFF_MS: '500',
    ...env,
  };
  const stack = await startStack({
    env: stackEnv,
    ephemeralPorts: true,
    databaseFor: (name) => databases[name].target,
    onQuery: statements.record,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const query: TestStack['query'] = async (text, options = {}) => {
    const response = await fetch(options.url ?? stack.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: JSON.stringify({ query: text, variables: options.variables ?? {} }),
    });
    const body = (await response.json()) as Omit<GraphQLResponse, 'status' | 'headers'>;
    return { status: response.status, headers: response.headers, ...body } as GraphQLResponse<never>;
  };
  return {
    stack,
    statements,
    dataDir,
    databases,
    env: stackEnv,
    query,
    async ok<Data>(text: string, token: string, variables: Record<string, unknown> = {}) {
      const result = await query<Data>(text, { token, variables });
      if (result.errors) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
      return result.data as Data;
    },
    async failure(text, token, variables = {}) {
      const result = await query(text, { token, variables });
      const [error] = result.errors ?? [];
      if (!error) throw new Error('the operation should have failed');
      return { message: error.message, code: error.extensions?.code, extensions: error.extensions ?? {} };
    },
    client: (token, url) => createClient({ url: url ?? stack.gateway.url, token: token ?? null }),
    async login(email, tenantSlug = 'acme', password = DEMO_PASSWORD) {
      const { login } = await createClient({ url: stack.gateway.url }).request(LoginDocument, {
        input: { tenantSlug, email, password },
      });
      return login.accessToken;
    },
    async close() {
      await stack.close();
      await Promise.all(Object.values(databases).map((database) => database.drop()));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Access tokens of the demo users most tests act as. */
export async function demoTokens(graph: TestStack) {
  return {
    admin: await graph.login(users.acmeAdmin.email),
    manager: await graph.login(users.acmeManager.email),
    alice: await graph.login(users.alice.email),
    bob: await graph.login(users.bob.email),
    viewer: await graph.login(users.acmeViewer.email),
    globex: await graph.login(users.globexAdmin.email, 'globex'),
  };
}

/**
 * The graph with a volume world seeded next to the demo world, and the response cache off: every
 * operation runs its SQL (for statement counts and EXPLAIN).
 */
export async function startVolumeStack(
  scale: VolumeScale,
): Promise<{ graph: TestStack; databases: VolumeDatabases; tenants: VolumeTenant[] }> {
  const graph = await startTestStack({ RESPONSE_CACHE_ENABLED: 'false', RATE_LIMIT_USER_MAX: '0' });
  try {
    const databases = Object.fromEntries(
      Object.entries(graph.stack.subgraphs).map(([name, subgraph]) => [name, subgraph.sql]),
    ) as VolumeDatabases;
    return { graph, databases, tenants: await seedVolume(databases, scale) };
  } catch (error) {
    await graph.close();
    throw error;
  }
}
