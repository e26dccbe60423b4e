import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPH_NAMES, type Logger, type SubgraphName } from '@fed/service-kit';
import { createTestDatabase, StatementCounter, type TestDatabase } from '@fed/service-kit/testing';
import { startStack, type RunningStack } from '@fed/stack';
import { DEMO_PASSWORD } from '../../prisma/demo-world.ts';

export interface GraphQLResponse<Data = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestStack {
  stack: RunningStack;
  statements: StatementCounter;
  /** POSTs an operation to the gateway (or to `url`). */
  query<Data = Record<string, unknown>>(
    query: string,
    options?: { variables?: Record<string, unknown>; token?: string | null; url?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<Data>>;
  /** Signs a demo user in and returns the access token. */
  login(email: string, tenantSlug?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The whole graph in-process on ephemeral ports, each subgraph on its own fresh database (PGlite
 * or, with TEST_DATABASE_URL, a new PostgreSQL database), seeded with the demo world.
 */
export async function startTestStack(
  env: Record<string, string> = {},
  options: {
    /** Receives every log line of every service (e.g. to prove that no secret is ever logged). */
    logger?: Logger;
  } = {},
): Promise<TestStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'fed-test-data-'));
  const databases = Object.fromEntries(
    await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await createTestDatabase(name)] as const)),
  ) as Record<SubgraphName, TestDatabase>;
  const statements = new StatementCounter();
  const stack = await startStack({
    env: { LOG_LEVEL: 'silent', DATA_DIR: dataDir, SEED_DEMO_DATA: 'true', SUPERGRAPH_POLL_MS: '200', ...env },
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
    query,
    async login(email, tenantSlug = 'acme') {
      const result = await query<{ login: { accessToken: string } }>(
        'mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }',
        { variables: { input: { tenantSlug, email, password: DEMO_PASSWORD } } },
      );
      if (!result.data?.login) throw new Error(`login of ${email} failed: ${JSON.stringify(result.errors)}`);
      return result.data.login.accessToken;
    },
    async close() {
      await stack.close();
      await Promise.all(Object.values(databases).map((database) => database.drop()));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
