import { importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePrivateJwk } from '../subgraphs/users/src/sessions/keys.ts';
import { tenants, users } from '../prisma/demo-world.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/** Rotation as operators do it: the new key first, the previous one kept until its tokens expire. */
let graph: TestStack;
let newKey: JWK;
let previousKey: JWK;
beforeAll(async () => {
  newKey = await generatePrivateJwk();
  previousKey = { ...(await generatePrivateJwk()), kid: 'previous-key' };
  graph = await startTestStack({ JWT_PRIVATE_JWKS: JSON.stringify({ keys: [newKey, previousKey] }) });
});
afterAll(async () => {
  await graph?.close();
});

describe('signing key rotation', () => {
  it('publishes every configured key, and only their public parts', async () => {
    const response = await fetch(graph.stack.subgraphs.users.url.replace('/graphql', '/.well-known/jwks.json'));
    const { keys } = (await response.json()) as { keys: JWK[] };
    expect(keys.map((key) => key.kid)).toEqual([newKey.kid, 'previous-key']);
    expect(keys.every((key) => key.d === undefined)).toBe(true);
  });

  it('signs new tokens with the first key and still accepts tokens of the previous one', async () => {
    const token = await graph.login(users.acmeAdmin.email);
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string };
    expect(header.kid).toBe(newKey.kid);

    const oldToken = await new SignJWT({ tid: tenants.acme.id, roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'previous-key' })
      .setSubject(users.acmeAdmin.id)
      .setIssuer('urn:fed:users')
      .setAudience('urn:fed:graph')
      .setExpirationTime('5m')
      .sign(await importJWK(previousKey, 'EdDSA'));
    const result = await graph.query<{ me: { email: string } }>('{ me { email } }', { token: oldToken });
    expect(result.data!.me.email).toBe(users.acmeAdmin.email);
    // Through a subgraph that verifies with the fetched JWKS too.
    const direct = await graph.query<{ orders: { totalCount: number } }>('{ orders(first: 1) { totalCount } }', {
      token: oldToken,
      url: graph.stack.subgraphs.catalog.url,
    });
    expect(direct.errors).toBeUndefined();
  });
});
