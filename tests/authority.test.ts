import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportsUnderReview, users } from '../prisma/demo-world.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/**
 * User administration decides on the caller's state now, not on what the token said when it was
 * minted: the users subgraph re-reads the caller's row and session in the change's transaction.
 * Checked through the gateway and straight against the users subgraph.
 */
let graph: TestStack;
beforeAll(async () => {
  graph = await startTestStack();
});
afterAll(async () => {
  await graph?.close();
});

const PASSWORD = 'second-admin-password-1';
const CREATE = 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }';
const ROLES = 'mutation($id: ID!, $roles: [Role!]!) { updateUserRoles(id: $id, roles: $roles) { id roles } }';
const DEACTIVATE = 'mutation($id: ID!) { deactivateUser(id: $id) { id active } }';
const REACTIVATE = 'mutation($id: ID!) { reactivateUser(id: $id) { id active } }';

/** A second ADMIN of acme, signed in, with the id the first admin can change. */
async function secondAdmin(label: string): Promise<{ id: string; token: string }> {
  const admin = await graph.login('admin@acme.test');
  const email = `admin-${label}-${Date.now()}@acme.test`;
  const { createUser } = await graph.ok<{ createUser: { id: string } }>(CREATE, admin, {
    input: { email, password: PASSWORD, roles: ['ADMIN'] },
  });
  return { id: createUser.id, token: await graph.login(email, 'acme', PASSWORD) };
}

const usersUrl = () => graph.stack.subgraphs.users.url;

describe('user administration decides on current authority', () => {
  it('a demoted admin cannot restore his role or use any ADMIN mutation with his old token', async () => {
    const admin = await graph.login('admin@acme.test');
    const demoted = await secondAdmin('demoted');
    await graph.ok(ROLES, admin, { id: demoted.id, roles: ['VIEWER'] });

    for (const url of [undefined, usersUrl()]) {
      const restore = await graph.query(ROLES, {
        token: demoted.token,
        variables: { id: demoted.id, roles: ['ADMIN'] },
        ...(url ? { url } : {}),
      });
      expect(restore.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      // Refused at the door with the roles he holds now (current authority), or in the transaction.
      expect(restore.errors?.[0]?.message).toMatch(/requires one of the roles ADMIN|no longer holds/);
      const create = await graph.query(CREATE, {
        token: demoted.token,
        variables: { input: { email: `sneaky-${Date.now()}@acme.test`, password: PASSWORD, roles: ['ADMIN'] } },
        ...(url ? { url } : {}),
      });
      expect(create.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const { user } = await graph.ok<{ user: { roles: string[] } }>('query($id: ID!) { user(id: $id) { roles } }', admin, {
      id: demoted.id,
    });
    expect(user.roles).toEqual(['VIEWER']);
  });

  it('a deactivated admin cannot reactivate himself or change anyone', async () => {
    const admin = await graph.login('admin@acme.test');
    const deactivated = await secondAdmin('deactivated');
    await graph.ok(DEACTIVATE, admin, { id: deactivated.id });

    for (const url of [undefined, usersUrl()]) {
      const back = await graph.query(REACTIVATE, { token: deactivated.token, variables: { id: deactivated.id }, ...(url ? { url } : {}) });
      expect(back.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const demote = await graph.query(ROLES, {
        token: deactivated.token,
        variables: { id: users.acmeAdmin.id, roles: ['VIEWER'] },
        ...(url ? { url } : {}),
      });
      expect(demote.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const { user } = await graph.ok<{ user: { active: boolean } }>('query($id: ID!) { user(id: $id) { active } }', admin, {
      id: deactivated.id,
    });
    expect(user.active).toBe(false);
  });

  it('after logout the old token can no longer administer users', async () => {
    const admin = await graph.login('admin@acme.test');
    const leaving = await secondAdmin('logout');
    const ended = await graph.ok<{ logout: boolean }>('mutation { logout }', leaving.token);
    expect(ended.logout).toBe(true);
    const change = await graph.query(ROLES, { token: leaving.token, variables: { id: leaving.id, roles: ['ADMIN', 'MANAGER'] } });
    expect(change.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // The admin still in session is unaffected.
    await graph.ok(ROLES, admin, { id: leaving.id, roles: ['VIEWER'] });
  });

  it('of a demotion and a self-restore sent at once, the restore never survives', async () => {
    const admin = await graph.login('admin@acme.test');
    for (let round = 0; round < 3; round++) {
      const target = await secondAdmin(`race-${round}`);
      const [, restore] = await Promise.all([
        graph.query(ROLES, { token: admin, variables: { id: target.id, roles: ['VIEWER'] } }),
        graph.query(ROLES, { token: target.token, variables: { id: target.id, roles: ['ADMIN', 'MANAGER'] } }),
      ]);
      const { user } = await graph.ok<{ user: { roles: string[] } }>('query($id: ID!) { user(id: $id) { roles } }', admin, {
        id: target.id,
      });
      // Either the restore ran first (and the demotion then applied), or it was refused.
      if (restore.errors) expect(restore.errors[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(user.roles).toEqual(['VIEWER']);
    }
  });
});

describe('separation of duties', () => {
  const DECIDE = `mutation($input: DecideExportStageInput!) { decideExportStage(input: $input) { stage decision export { currentStage } } }`;
  const AGENCY_ROLES = ['FX_OFFICER', 'QUALITY_OFFICER', 'SHIPPING_OFFICER', 'CUSTOMS_OFFICER', 'BANK_OFFICER'];

  it('one person granted every officer role decides one stage of an export and is refused the second', async () => {
    const admin = await graph.login('admin@acme.test');
    const email = `every-officer-${Date.now()}@acme.test`;
    await graph.ok(CREATE, admin, { input: { email, password: PASSWORD, roles: AGENCY_ROLES } });
    const officer = await graph.login(email, 'acme', PASSWORD);

    const first = await graph.ok<{ decideExportStage: { stage: string; export: { currentStage: string } } }>(DECIDE, officer, {
      input: { exportId: exportsUnderReview.bobCoffeeExport.id, stage: 'FX_APPROVAL', decision: 'APPROVED' },
    });
    expect(first.decideExportStage.export.currentStage).toBe('QUALITY_CERTIFICATION');

    const second = await graph.query(DECIDE, {
      token: officer,
      variables: {
        input: { exportId: exportsUnderReview.bobCoffeeExport.id, stage: 'QUALITY_CERTIFICATION', decision: 'REJECTED', reason: 'x' },
      },
    });
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'SEPARATION_OF_DUTIES_ONE_DECISION_PER_CASE' });
    // The refusal changed nothing: the stage still waits for another person.
    const { export: pending } = await graph.ok<{ export: { currentStage: string } }>(
      'query($id: ID!) { export(id: $id) { currentStage } }',
      admin,
      {
        id: exportsUnderReview.bobCoffeeExport.id,
      },
    );
    expect(pending.currentStage).toBe('QUALITY_CERTIFICATION');
  });

  it('nobody decides a stage of an export they requested, whatever roles they hold', async () => {
    const admin = await graph.login('admin@acme.test');
    await graph.ok(ROLES, admin, { id: users.acmeManager.id, roles: ['MANAGER', 'EXPORTER', ...AGENCY_ROLES] });
    const requester = await graph.login(users.acmeManager.email);
    const own = await graph.query(DECIDE, {
      token: requester,
      variables: {
        input: { exportId: exportsUnderReview.aliceRetailExport.id, stage: 'QUALITY_CERTIFICATION', decision: 'REJECTED', reason: 'x' },
      },
    });
    expect(own.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'SEPARATION_OF_DUTIES_OWN_CASE' });
  });
});
