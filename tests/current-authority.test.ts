import { startGateway } from '@fed/gateway';
import type { SubgraphName } from '@fed/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../prisma/demo-world.ts';
import { eventually } from './support/eventually.ts';
import { freePort, redisServerInstalled, startRedis, stopRedis } from './support/redis.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/**
 * Current authority (#16 item 1): whatever an access token says, every decision on its bearer
 * reflects the users subgraph's state of at most AUTHORITY_MAX_STALENESS_MS (5 s) ago, at the
 * gateway and directly at every subgraph.
 */
const BOUND_MS = 5000;
const PASSWORD = 'current-authority-password-1';

/** One authenticated read per subgraph, and where to send it. */
const PROBES: Record<SubgraphName, string> = {
  users: '{ me { id } }',
  catalog: '{ orders(first: 1) { totalCount } }',
  shipping: '{ manifests(first: 1) { totalCount } }',
  exports: '{ exports(first: 1) { totalCount } }',
  audit: '{ auditEvents(first: 1) { edges { cursor } } }',
};
const GATEWAY_PROBE = '{ me { id } orders(first: 1) { totalCount } }';

let graph: TestStack;
beforeAll(async () => {
  graph = await startTestStack();
});
afterAll(async () => {
  await graph?.close();
});

async function newUser(label: string, roles: string[]): Promise<{ id: string; email: string; token: string }> {
  const admin = await graph.login(users.acmeAdmin.email);
  const email = `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@acme.test`;
  const { createUser } = await graph.ok<{ createUser: { id: string } }>(
    'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
    admin,
    {
      input: { email, password: PASSWORD, roles },
    },
  );
  return { id: createUser.id, email, token: await graph.login(email, 'acme', PASSWORD) };
}

/** The code each place answers the token with: null when served. */
async function verdicts(token: string, graphUnderTest: TestStack = graph): Promise<Record<string, unknown>> {
  const places: [string, string, string | undefined][] = [
    ['gateway', GATEWAY_PROBE, undefined],
    ...Object.entries(PROBES).map(
      ([name, probe]) => [name, probe, graphUnderTest.stack.subgraphs[name as SubgraphName].url] as [string, string, string],
    ),
  ];
  const answers = await Promise.all(
    places.map(async ([place, probe, url]) => {
      const result = await graphUnderTest.query(probe, { token, ...(url ? { url } : {}) });
      return [place, result.errors?.[0]?.extensions?.code ?? null] as const;
    }),
  );
  return Object.fromEntries(answers);
}

const everywhere = (code: unknown) => Object.fromEntries(['gateway', ...Object.keys(PROBES)].map((place) => [place, code]));

/** Waits (at most the bound, plus one request's time) until every place answers `code`. */
async function refusedEverywhereWithin(token: string, code: string, graphUnderTest: TestStack = graph, boundMs = BOUND_MS): Promise<void> {
  await eventually(
    async () => {
      expect(await verdicts(token, graphUnderTest)).toEqual(everywhere(code));
    },
    { timeoutMs: boundMs + 1000, intervalMs: 100 },
  );
}

describe('current authority at the gateway and every subgraph', () => {
  it('after logout the old token is refused everywhere within the bound', async () => {
    const user = await newUser('logout', ['ADMIN']);
    expect(await verdicts(user.token)).toEqual(everywhere(null));
    await graph.ok('mutation { logout }', user.token);
    await refusedEverywhereWithin(user.token, 'UNAUTHENTICATED');
  });

  it('after a role change the old token carries the new roles everywhere', async () => {
    const manager = await newUser('demoted', ['MANAGER']);
    const audit = graph.stack.subgraphs.audit.url;
    expect((await graph.query(PROBES.audit, { token: manager.token, url: audit })).errors).toBeUndefined();
    const admin = await graph.login(users.acmeAdmin.email);
    await graph.ok('mutation($id: ID!) { updateUserRoles(id: $id, roles: [CUSTOMER]) { id } }', admin, { id: manager.id });
    await eventually(
      async () => {
        for (const url of [audit, undefined]) {
          const refused = await graph.query(PROBES.audit, { token: manager.token, ...(url ? { url } : {}) });
          expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
          expect(refused.errors?.[0]?.message).toMatch(/requires one of the roles ADMIN, MANAGER/);
        }
      },
      { timeoutMs: BOUND_MS + 1000, intervalMs: 100 },
    );
    // Promoted again: the same token reads the audit log again, without signing in.
    await graph.ok('mutation($id: ID!) { updateUserRoles(id: $id, roles: [MANAGER]) { id } }', admin, { id: manager.id });
    await eventually(async () => expect((await graph.query(PROBES.audit, { token: manager.token, url: audit })).errors).toBeUndefined(), {
      timeoutMs: BOUND_MS + 1000,
    });
  });

  it('deactivation, forgetUser, revokeAllSessions and a password change end the sessions they end, everywhere', async () => {
    const admin = await graph.login(users.acmeAdmin.email);
    const deactivated = await newUser('deactivated', ['ADMIN']);
    await graph.ok('mutation($id: ID!) { deactivateUser(id: $id) { id } }', admin, { id: deactivated.id });
    await refusedEverywhereWithin(deactivated.token, 'UNAUTHENTICATED');

    const forgotten = await newUser('forgotten', ['ADMIN']);
    await graph.ok('mutation($id: ID!) { forgetUser(id: $id) { id } }', admin, { id: forgotten.id });
    await refusedEverywhereWithin(forgotten.token, 'UNAUTHENTICATED');

    const revoking = await newUser('revoke-all', ['ADMIN']);
    const second = await graph.login(revoking.email, 'acme', PASSWORD);
    await graph.ok('mutation { revokeAllSessions }', revoking.token);
    await refusedEverywhereWithin(revoking.token, 'UNAUTHENTICATED');
    await refusedEverywhereWithin(second, 'UNAUTHENTICATED');

    const changing = await newUser('password', ['ADMIN']);
    const other = await graph.login(changing.email, 'acme', PASSWORD);
    await graph.ok('mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }', changing.token, {
      c: PASSWORD,
      n: 'a-new-password-for-this-1',
    });
    await refusedEverywhereWithin(other, 'UNAUTHENTICATED');
    // The session that changed the password goes on.
    expect(await verdicts(changing.token)).toEqual(everywhere(null));
  });

  it('a gateway that cannot follow the stream decides by look-ups, and refuses with SERVICE_UNAVAILABLE when it cannot look up', async () => {
    const user = await newUser('look-up', ['ADMIN']);
    const base = {
      ...graph.env,
      AUTH_JWKS_URL: graph.stack.subgraphs.users.url.replace(/\/graphql$/, '/.well-known/jwks.json'),
      ...Object.fromEntries(
        Object.entries(graph.stack.subgraphs).map(([name, service]) => [`${name.toUpperCase()}_SUBGRAPH_URL`, service.url]),
      ),
    };
    // No event bus and no Redis: this gateway sees no authority event and no watermark.
    const following = await startGateway({ env: base, port: 0 });
    const blind = await startGateway({
      env: { ...base, AUTHORITY_URL: `http://127.0.0.1:${await freePort()}/authority/session` },
      port: 0,
    });
    try {
      const ask = async (url: string, token: string | null, query = '{ me { id } countries { code } }') => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query }),
        });
        return { status: response.status, body: (await response.json()) as { errors?: { extensions?: { code?: string } }[] } };
      };
      expect((await ask(following.url, user.token)).body.errors).toBeUndefined();
      const unavailable = await ask(blind.url, user.token);
      expect(unavailable.status).toBe(503);
      expect(unavailable.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      // Anonymous callers need no authority.
      expect((await ask(blind.url, null, '{ __typename }')).body.errors).toBeUndefined();

      await graph.ok('mutation { logout }', user.token);
      await eventually(
        async () => {
          const refused = await ask(following.url, user.token);
          expect(refused.status).toBe(401);
          expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        },
        { timeoutMs: BOUND_MS + 1000, intervalMs: 100 },
      );
    } finally {
      await following.close();
      await blind.close();
    }
  });
});

describe('sessions you can see', () => {
  const SESSIONS = '{ me { id sessions { id current userAgent ip createdAt lastUsedAt expiresAt } } }';
  type SessionRow = { id: string; current: boolean; userAgent: string | null; ip: string | null; lastUsedAt: string | null };

  it('me { sessions } lists the caller’s live sessions; revokeSession ends one everywhere', async () => {
    const user = await newUser('sessions', ['CUSTOMER']);
    const laptop = await graph.login(user.email, 'acme', PASSWORD);
    const { me } = await graph.ok<{ me: { sessions: SessionRow[] } }>(SESSIONS, user.token);
    expect(me.sessions).toHaveLength(2);
    expect(me.sessions.filter((session) => session.current)).toHaveLength(1);
    for (const session of me.sessions) {
      expect(session.ip).toBeTruthy();
      expect(session.lastUsedAt).toBeTruthy();
    }
    const other = me.sessions.find((session) => !session.current)!;
    expect(await graph.ok('mutation($id: ID!) { revokeSession(id: $id) }', user.token, { id: other.id })).toEqual({ revokeSession: true });
    await eventually(
      async () => {
        const refused = await graph.query(GATEWAY_PROBE, { token: laptop });
        expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        const direct = await graph.query(PROBES.catalog, { token: laptop, url: graph.stack.subgraphs.catalog.url });
        expect(direct.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      },
      { timeoutMs: BOUND_MS + 1000, intervalMs: 100 },
    );
    const after = await graph.ok<{ me: { sessions: SessionRow[] } }>(SESSIONS, user.token);
    expect(after.me.sessions.map((session) => session.current)).toEqual([true]);
    expect(await graph.ok('mutation($id: ID!) { revokeSession(id: $id) }', user.token, { id: other.id })).toEqual({ revokeSession: false });
  });

  it('an admin lists and ends a user’s sessions; anyone else gets FORBIDDEN on the field, the user intact', async () => {
    const user = await newUser('watched', ['CUSTOMER']);
    const nosy = await newUser('nosy', ['MANAGER']);
    const admin = await graph.login(users.acmeAdmin.email);
    const QUERY = 'query($id: ID!) { user(id: $id) { id sessions { id current } } }';
    const listed = await graph.ok<{ user: { sessions: SessionRow[] } }>(QUERY, admin, { id: user.id });
    expect(listed.user.sessions).toHaveLength(1);
    expect(listed.user.sessions[0]!.current).toBe(false);

    const refused = await graph.query<{ user: { id: string; sessions: null } }>(QUERY, { token: nosy.token, variables: { id: user.id } });
    expect(refused.data?.user).toEqual({ id: user.id, sessions: null });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.path).toEqual(['user', 'sessions']);
    const sessionId = listed.user.sessions[0]!.id;
    const notYours = await graph.query('mutation($id: ID!) { revokeSession(id: $id) }', {
      token: nosy.token,
      variables: { id: sessionId },
    });
    expect(notYours.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    expect(await graph.ok('mutation($id: ID!) { revokeSession(id: $id) }', admin, { id: sessionId })).toEqual({ revokeSession: true });
    await refusedEverywhereWithin(user.token, 'UNAUTHENTICATED');
  });
});

// Stops a private redis-server under a running graph, so it needs the binary (CI has it).
describe.runIf(redisServerInstalled)('current authority while Redis is down', () => {
  it('every service falls back to look-ups: a logout still ends the session everywhere within the bound', async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    const redisGraph = await startTestStack({ REDIS_URL: `redis://127.0.0.1:${port}`, AUTHORITY_MAX_STALENESS_MS: String(BOUND_MS) });
    try {
      const admin = await redisGraph.login(users.acmeAdmin.email);
      const email = `redis-down-${Date.now()}@acme.test`;
      await redisGraph.ok('mutation($input: CreateUserInput!) { createUser(input: $input) { id } }', admin, {
        input: { email, password: PASSWORD, roles: ['ADMIN'] },
      });
      const token = await redisGraph.login(email, 'acme', PASSWORD);
      expect(await verdicts(token, redisGraph)).toEqual(everywhere(null));
      await stopRedis(redis);

      // Reads go on while Redis is down (confirmed by look-ups), and the logout is honoured by them.
      expect(await verdicts(token, redisGraph)).toEqual(everywhere(null));
      await redisGraph.ok('mutation { logout }', token);
      await refusedEverywhereWithin(token, 'UNAUTHENTICATED', redisGraph);
      redis = await startRedis(port);
    } finally {
      await redisGraph.close().catch(() => {});
      await stopRedis(redis);
    }
  }, 180_000);
});
