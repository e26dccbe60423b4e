import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, users } from '../prisma/demo-world.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/** The gateway trusts X-Forwarded-For here (as behind a load balancer), so tests choose the address. */
let graph: TestStack;
beforeAll(async () => {
  graph = await startTestStack({ TRUST_PROXY: 'true', LOGIN_MAX_FAILURES: '5', LOGIN_MAX_FAILING_ADDRESSES: '3' });
});
afterAll(async () => {
  await graph?.close();
});

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }';
const login = (email: string, password: string, ip: string, tenantSlug = 'acme') =>
  graph.query<{ login: { accessToken: string } }>(LOGIN, {
    variables: { input: { tenantSlug, email, password } },
    headers: { 'x-forwarded-for': ip },
  });

/** What a caller can observe of a refusal; the request id differs per request by design. */
async function refusal(result: ReturnType<typeof login>) {
  const { data, errors, status } = await result;
  expect(errors).toHaveLength(1);
  const { requestId: _requestId, ...extensions } = (errors![0]!.extensions ?? {}) as Record<string, unknown>;
  return { status, data, message: errors![0]!.message, path: errors![0]!.path, extensions };
}

const AUDIT = `query($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 100) { edges { node { action entityType entityId after } } } }`;
interface AuditRow {
  action: string;
  entityType: string;
  entityId: string;
  after: { ip?: string } | null;
}

describe('sign-in abuse', () => {
  it('50 wrong passwords from one address do not lock alice out from another, and every refusal looks the same', async () => {
    const attacker = '203.0.113.50';
    const wrong = await refusal(login(users.alice.email, 'wrong-password-0', attacker));
    expect(wrong.message).toBe('Invalid email or password');
    expect(wrong.extensions.code).toBe('UNAUTHENTICATED');
    for (let attempt = 1; attempt < 50; attempt++) {
      expect(await refusal(login(users.alice.email, `wrong-password-${attempt}`, attacker))).toEqual(wrong);
    }
    // The attacker's address is throttled for alice: even her right password is refused, identically.
    expect(await refusal(login(users.alice.email, DEMO_PASSWORD, attacker))).toEqual(wrong);
    // Unknown email, unknown tenant, and an email throttled the same way: all the same answer.
    expect(await refusal(login('nobody-here@acme.test', 'wrong-password-1', attacker))).toEqual(wrong);
    expect(await refusal(login(users.alice.email, DEMO_PASSWORD, attacker, 'no-such-tenant'))).toEqual(wrong);
    for (let attempt = 0; attempt < 6; attempt++) {
      expect(await refusal(login('nobody-here@acme.test', DEMO_PASSWORD, attacker))).toEqual(wrong);
    }

    const owner = await login(users.alice.email, DEMO_PASSWORD, '198.51.100.7');
    expect(owner.errors).toBeUndefined();
    expect(owner.data!.login.accessToken).toBeTruthy();
  });

  it('audits failures, the start of a throttle and throttled attempts, for known and unknown accounts', async () => {
    const attacker = '203.0.113.51';
    for (let attempt = 0; attempt < 7; attempt++) await login(users.bob.email, 'wrong-password-x', attacker);
    await login('ghost@acme.test', 'wrong-password-x', attacker);
    const admin = await graph.login(users.acmeAdmin.email);
    const eventsAbout = async (entityId: string) => {
      const data = await graph.ok<{ auditEvents: { edges: { node: AuditRow }[] } }>(AUDIT, admin, { filter: { entityId } });
      return data.auditEvents.edges.map((edge) => edge.node).filter((event) => event.after?.ip === attacker);
    };
    await expect
      .poll(
        async () => {
          const bob = await eventsAbout(users.bob.id);
          const ghost = await eventsAbout('ghost@acme.test');
          return {
            failed: bob.filter((event) => event.action === 'user.sign_in_failed').length,
            started: bob.filter((event) => event.action === 'user.sign_in_throttle_started').length,
            throttled: bob.filter((event) => event.action === 'user.sign_in_throttled').length,
            unknown: ghost.filter((event) => event.entityType === 'SignIn' && event.action === 'user.sign_in_failed').length,
          };
        },
        { timeout: 20_000, interval: 250 },
      )
      .toEqual({ failed: 4, started: 1, throttled: 2, unknown: 1 });
  });

  it('refuses every address that failed for an account once too many distinct addresses did, but not a fresh one', async () => {
    const email = users.acmeViewer.email;
    const wrong = await refusal(login(email, 'wrong-password-y', '192.0.2.1'));
    await login(email, 'wrong-password-y', '192.0.2.2');
    await login(email, 'wrong-password-y', '192.0.2.3');
    // Three distinct failing addresses: each of them is now refused even with the right password.
    expect(await refusal(login(email, DEMO_PASSWORD, '192.0.2.2'))).toEqual(wrong);
    const fresh = await login(email, DEMO_PASSWORD, '192.0.2.200');
    expect(fresh.errors).toBeUndefined();
  });

  it('cannot be steered by a client-supplied address when the gateway does not trust proxies', async () => {
    const strict = await startTestStack({ LOGIN_MAX_FAILURES: '2' });
    try {
      const attempt = (ip: string, password: string) =>
        strict.query(LOGIN, {
          variables: { input: { tenantSlug: 'acme', email: users.bob.email, password } },
          headers: { 'x-forwarded-for': ip },
        });
      await attempt('10.0.0.1', 'wrong-password-z');
      await attempt('10.0.0.2', 'wrong-password-z');
      // Both failures were counted against the real socket address, so a third "address" is refused too.
      const spoofed = await attempt('10.0.0.3', DEMO_PASSWORD);
      expect(spoofed.errors![0]!.message).toBe('Invalid email or password');
    } finally {
      await strict.close();
    }
  });
});
