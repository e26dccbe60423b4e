import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categories, exports, manifests, orders, products, tenants, users } from '../prisma/demo-world.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

const MAX_FAILURES = 3;
// Long enough that the failing sign-ins (one scrypt each) fit in the window on a loaded machine.
const THROTTLE_SECONDS = 6;

let graph: TestStack;
beforeAll(async () => {
  graph = await startTestStack({ LOGIN_MAX_FAILURES: String(MAX_FAILURES), LOGIN_THROTTLE_SECONDS: String(THROTTLE_SECONDS) });
});
afterAll(async () => {
  await graph?.close();
});

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }';
const login = (email: string, password: string) =>
  graph.query<{ login: { accessToken: string; refreshToken: string } }>(LOGIN, {
    variables: { input: { tenantSlug: 'acme', email, password } },
  });

/** Signs a token with the users subgraph's own embedded key, with claims a test chooses. */
async function signWithUsersKey(claims: { aud?: string; expiresIn?: string | number; iss?: string }): Promise<string> {
  const dataDir = graph.dataDir;
  const { keys } = JSON.parse(await readFile(join(dataDir, 'users', 'jwt-signing-keys.json'), 'utf8')) as { keys: JWK[] };
  const jwk = keys[0]!;
  return new SignJWT({ tid: users.acmeAdmin.tenantId, roles: ['ADMIN'] })
    .setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid! })
    .setSubject(users.acmeAdmin.id)
    .setIssuer(claims.iss ?? 'urn:fed:users')
    .setAudience(claims.aud ?? 'urn:fed:graph')
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '5m')
    .sign(await importJWK(jwk, 'EdDSA'));
}

describe('sign-in', () => {
  it('refuses an address after repeated failures for an account, with the wrong-password answer, and lets it in again after the window', async () => {
    const email = users.bob.email;
    let wrongPassword: unknown;
    for (let attempt = 1; attempt <= MAX_FAILURES; attempt++) {
      const failed = await login(email, 'wrong-password-123');
      expect(failed.errors![0]!.message).toBe('Invalid email or password');
      wrongPassword = failed.errors![0];
    }
    const throttled = await login(email, 'demo-password-1');
    expect(throttled.data).toBeNull();
    expect(throttled.errors![0]).toEqual(wrongPassword);

    await new Promise((resolve) => setTimeout(resolve, THROTTLE_SECONDS * 1000 + 200));
    const after = await login(email, 'demo-password-1');
    expect(after.errors).toBeUndefined();
    expect(after.data!.login.accessToken).toBeTruthy();
  });

  it('does not reveal whether an unknown account would be locked', async () => {
    for (let attempt = 1; attempt <= MAX_FAILURES + 1; attempt++) {
      const result = await login('nobody-here@acme.test', 'wrong-password-123');
      expect(result.errors![0]!.message).toBe('Invalid email or password');
    }
  });
});

describe('token verification at the gateway and at every subgraph', () => {
  const cases: [string, () => Promise<string>][] = [
    [
      'a forged signature',
      async () => {
        const token = await graph.login(users.acmeAdmin.email);
        const [header, payload, signature] = token.split('.');
        const flipped = signature!.startsWith('A') ? `B${signature!.slice(1)}` : `A${signature!.slice(1)}`;
        return `${header}.${payload}.${flipped}`;
      },
    ],
    ['an expired token', () => signWithUsersKey({ expiresIn: Math.floor(Date.now() / 1000) - 60 })],
    ['a wrong audience', () => signWithUsersKey({ aud: 'urn:someone:else' })],
    ['a wrong issuer', () => signWithUsersKey({ iss: 'https://evil.example' })],
    [
      'alg none',
      async () => {
        const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
        return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: users.acmeAdmin.id, tid: tenants.acme.id, roles: ['ADMIN'], aud: 'urn:fed:graph', iss: 'urn:fed:users', exp: Math.floor(Date.now() / 1000) + 300 })}.`;
      },
    ],
    [
      'a token from another key with a known kid',
      async () => {
        const { keys } = JSON.parse(await readFile(join(graph.dataDir, 'users', 'jwt-signing-keys.json'), 'utf8')) as { keys: JWK[] };
        const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
        return new SignJWT({ tid: tenants.acme.id, roles: ['ADMIN'] })
          .setProtectedHeader({ alg: 'EdDSA', kid: keys[0]!.kid! })
          .setSubject(users.acmeAdmin.id)
          .setIssuer('urn:fed:users')
          .setAudience('urn:fed:graph')
          .setExpirationTime('5m')
          .sign(privateKey);
      },
    ],
  ];

  it.each(cases)('rejects %s with UNAUTHENTICATED', async (_name, makeToken) => {
    const token = await makeToken();
    const viaGateway = await graph.query('{ me { id } }', { token });
    expect(viaGateway.status).toBe(401);
    expect(viaGateway.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    for (const subgraph of Object.values(graph.stack.subgraphs)) {
      const direct = await graph.query('{ __typename }', { token, url: subgraph.url });
      expect(direct.status, subgraph.name).toBe(401);
      expect(direct.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
  });

  it('accepts a well-formed token signed by the users subgraph key', async () => {
    const result = await graph.query<{ me: { email: string } }>('{ me { email } }', { token: await signWithUsersKey({}) });
    expect(result.data!.me.email).toBe(users.acmeAdmin.email);
  });
});

describe('refresh sessions', () => {
  const REFRESH = 'mutation($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken } }';

  it('rotates the refresh token, and a reused one revokes the whole family', async () => {
    const first = await login(users.acmeViewer.email, 'demo-password-1');
    const original = first.data!.login.refreshToken;
    const rotated = await graph.query<{ refreshSession: { accessToken: string; refreshToken: string } }>(REFRESH, {
      variables: { token: original },
    });
    expect(rotated.errors).toBeUndefined();
    const next = rotated.data!.refreshSession.refreshToken;
    expect(next).not.toBe(original);

    // The original token is presented again: a thief replaying it.
    const replay = await graph.query(REFRESH, { variables: { token: original } });
    expect(replay.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    // ...and the legitimate newest token of that family no longer works either.
    const legitimate = await graph.query(REFRESH, { variables: { token: next } });
    expect(legitimate.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('lets exactly one of two concurrent refreshes with the same token win', async () => {
    const first = await login(users.qualityOfficer.email, 'demo-password-1');
    const token = first.data!.login.refreshToken;
    const results = await Promise.all([1, 2].map(() => graph.query(REFRESH, { variables: { token } })));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
  });
});

describe('roles and user administration', () => {
  const CREATE = 'mutation($input: CreateUserInput!) { createUser(input: $input) { id email roles } }';

  it('lets a VIEWER run no mutation', async () => {
    const token = await graph.login(users.acmeViewer.email);
    const result = await graph.query(CREATE, {
      token,
      variables: { input: { email: 'new@acme.test', password: 'long-enough-password', roles: ['CUSTOMER'] } },
    });
    expect(result.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(result.errors![0]!.message).toMatch(/requires one of the roles ADMIN/);
  });

  it('creates a user, names the field of bad input, and records an audit event without secrets in the outbox', async () => {
    const token = await graph.login(users.acmeAdmin.email);
    const bad = await graph.query(CREATE, {
      token,
      variables: { input: { email: 'not-an-email', password: 'long-enough-password', roles: ['CUSTOMER'] } },
    });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
    const short = await graph.query(CREATE, {
      token,
      variables: { input: { email: 'short@acme.test', password: 'short', roles: ['CUSTOMER'] } },
    });
    expect(short.errors![0]!.message).toBe('input.password: must be at least 12 characters long');

    const created = await graph.query<{ createUser: { id: string; email: string } }>(CREATE, {
      token,
      variables: { input: { email: 'Dana@ACME.test', password: 'long-enough-password', firstName: 'Dana', roles: ['CUSTOMER'] } },
    });
    expect(created.data!.createUser.email).toBe('dana@acme.test');
    const duplicate = await graph.query(CREATE, {
      token,
      variables: { input: { email: 'dana@acme.test', password: 'long-enough-password', roles: ['CUSTOMER'] } },
    });
    expect(duplicate.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });

    const outbox = await graph.stack.subgraphs.users.sql.query<{
      payload: { action: string; entityId: string; after: Record<string, unknown>; actorId: string };
    }>(`SELECT payload FROM "OutboxEvent" WHERE payload->>'entityId' = $1`, [created.data!.createUser.id]);
    expect(outbox.map((row) => row.payload.action)).toEqual(['user.created']);
    expect(outbox[0]!.payload.actorId).toBe(users.acmeAdmin.id);
    expect(JSON.stringify(outbox[0]!.payload)).not.toMatch(/scrypt\$/);
  });

  it('enforces the tenant user quota', async () => {
    const token = await graph.login(users.globexAdmin.email, 'globex');
    await graph.stack.subgraphs.users.sql.query(`UPDATE "Tenant" SET "maxUsers" = 2 WHERE "id" = $1`, [tenants.globex.id]);
    const result = await graph.query(CREATE, {
      token,
      variables: { input: { email: 'third@globex.test', password: 'long-enough-password', roles: ['VIEWER'] } },
    });
    expect(result.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(result.errors![0]!.message).toMatch(/quota of 2 users/);
  });

  it('forgets a user: personal data gone, id still resolvable through federation, sign-in impossible', async () => {
    const token = await graph.login(users.acmeAdmin.email);
    const forgotten = await graph.query<{ forgetUser: { id: string; email: string | null; displayName: string } }>(
      'mutation($id: ID!) { forgetUser(id: $id) { id email displayName } }',
      { token, variables: { id: users.shippingOfficer.id } },
    );
    expect(forgotten.data!.forgetUser).toEqual({ id: users.shippingOfficer.id, email: null, displayName: 'Deleted user' });
    const relogin = await login(users.shippingOfficer.email, 'demo-password-1');
    expect(relogin.errors![0]!.message).toBe('Invalid email or password');
  });
});

describe('tenant isolation on every entity type', () => {
  const representations: [string, string, string][] = [
    ['users', 'User', users.alice.id],
    ['users', 'Tenant', tenants.acme.id],
    ['catalog', 'Product', products.yirgacheffe.id],
    ['catalog', 'Order', orders.aliceCoffee.id],
    ['catalog', 'Category', categories.coffee.id],
    ['shipping', 'Manifest', manifests.coffeeToGermany.id],
    ['exports', 'Export', exports.coffeeExport.id],
  ];

  it.each(representations)(
    '%s resolves no %s of another tenant through _entities, whatever headers say',
    async (subgraph, typename, id) => {
      const globexToken = await graph.login(users.globexAdmin.email, 'globex');
      const service = graph.stack.subgraphs[subgraph as keyof typeof graph.stack.subgraphs];
      const result = await graph.query<{ _entities: unknown[] }>(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { id } } }`,
        {
          url: service.url,
          token: globexToken,
          headers: { 'x-tenant-id': tenants.acme.id, 'x-user-id': users.acmeAdmin.id },
          variables: { r: [{ __typename: typename, id }] },
        },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities).toEqual([null]);

      // The same reference resolves for its own tenant, so the null above is isolation, not a bad id.
      const acmeToken = await graph.login(users.acmeAdmin.email);
      const own = await graph.query<{ _entities: ({ id: string } | null)[] }>(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { id } } }`,
        {
          url: service.url,
          token: acmeToken,
          variables: { r: [{ __typename: typename, id }] },
        },
      );
      expect(own.data!._entities).toEqual([{ id }]);
    },
  );
});
