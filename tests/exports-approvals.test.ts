import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLicenses, exports as demoExports, exportsUnderReview, orders, tenants, users } from '../prisma/demo-world.ts';
import { startTestStack, type GraphQLResponse, type TestStack } from './support/stack.ts';

/**
 * The exports subgraph through the gateway: an export request's journey through the five agency
 * stages, the decisions and submissions that must be refused (with nothing written), concurrency,
 * batching and tenancy. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
let graph: TestStack;
const token: Record<string, string> = {};
/** Extra users inserted into the users database for this file: a second FX officer, an exporter who is also an FX officer. */
const extraUsers = { fx2: 'fx2@acme.test', fxExporter: 'fx-exporter@acme.test' };

beforeAll(async () => {
  graph = await startTestStack();
  const users_ = graph.stack.subgraphs.users.sql;
  for (const [email, firstName, roles] of [
    [extraUsers.fx2, 'Fiona', '{FX_OFFICER}'],
    [extraUsers.fxExporter, 'Xavier', '{EXPORTER,FX_OFFICER}'],
  ] as const) {
    await users_.query(
      `INSERT INTO "User" ("id", "tenantId", "email", "passwordHash", "firstName", "lastName", "roles", "active", "verified", "updatedAt")
       SELECT $1::uuid, "tenantId", $2, "passwordHash", $3, 'Officer', $4::"Role"[], true, true, now() FROM "User" WHERE "email" = $5`,
      [randomUUID(), email, firstName, roles, users.fxOfficer.email],
    );
  }
  const logins = {
    manager: users.acmeManager.email,
    admin: users.acmeAdmin.email,
    viewer: users.acmeViewer.email,
    alice: users.alice.email,
    fx: users.fxOfficer.email,
    quality: users.qualityOfficer.email,
    shipping: users.shippingOfficer.email,
    customs: users.customsOfficer.email,
    bank: users.bankOfficer.email,
    fx2: extraUsers.fx2,
    fxExporter: extraUsers.fxExporter,
  };
  for (const [name, email] of Object.entries(logins)) token[name] = await graph.login(email);
  token.globex = await graph.login(users.globexAdmin.email, 'globex');
});
afterAll(async () => {
  await graph?.close();
});

// ---- helpers -------------------------------------------------------------------------------

type GraphQLError = NonNullable<GraphQLResponse['errors']>[number];

async function ok<Data>(as: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const result = await graph.query<Data>(query, { token: token[as]!, variables });
  if (result.errors) throw new Error(`${as}: ${JSON.stringify(result.errors)}`);
  return result.data!;
}

async function refused(as: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLError> {
  const result = await graph.query(query, { token: token[as]!, variables });
  expect(result.errors, `expected ${as} to be refused`).toBeDefined();
  return result.errors![0]!;
}

const sql = () => graph.stack.subgraphs.exports.sql;

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateExportInput!) {
    createExport(input: $input) {
      id
      reference
      status
    }
  }
`;
const SUBMIT = 'mutation Submit($id: ID!) { submitExport(id: $id) { id status currentStage quotaAmount } }';
const DECIDE = /* GraphQL */ `
  mutation Decide($input: DecideExportStageInput!) {
    decideExportStage(input: $input) {
      stage
      decision
      export {
        status
        currentStage
      }
    }
  }
`;
const ATTACH = 'mutation Attach($input: AttachExportDocumentInput!) { attachExportDocument(input: $input) { id type sha256 } }';
const ISSUE_LICENSE = 'mutation Issue($input: IssueExportLicenseInput!) { issueExportLicense(input: $input) { id number } }';
const QUOTA = 'query Quota($id: ID!) { exportLicense(id: $id) { quotaUsed quotaRemaining } }';

interface Goods {
  description: string;
  hsCode: string;
  quantity: number;
  weightKg: string;
  value: string;
}
const coffeeLine: Goods = {
  description: 'Sidamo green coffee, 60 kg sacks',
  hsCode: '0901.11',
  quantity: 2,
  weightKg: '120.000',
  value: '990.00',
};

async function createExport(overrides: Record<string, unknown> = {}, as = 'manager'): Promise<{ id: string; reference: string }> {
  const goods = (overrides.goods as Goods[] | undefined) ?? [coffeeLine];
  const input = {
    licenseId: exportLicenses.acmeGeneral.id,
    buyer: { name: 'Rotterdam Beans BV', country: 'NL', contact: 'buying@rb.example' },
    destinationCountry: 'NL',
    currency: 'USD',
    incoterm: 'FOB',
    goods,
    declaredValue: sumOfValues(goods),
    ...overrides,
  };
  const data = await ok<{ createExport: { id: string; reference: string; status: string } }>(as, CREATE, { input });
  expect(data.createExport.status).toBe('DRAFT');
  return data.createExport;
}
/** The goods lines' total value, in exact decimal arithmetic. */
const sumOfValues = (goods: Goods[]) => {
  const cents = goods.reduce((sum, line) => sum + BigInt(line.value.replace('.', '')), 0n);
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
};

async function attach(as: string, exportId: string, ...types: string[]) {
  for (const type of types) {
    const content = `${exportId} ${type} ${randomUUID()}`;
    await ok(as, ATTACH, {
      input: {
        exportId,
        type,
        fileName: `${type.toLowerCase()}.pdf`,
        mediaType: 'application/pdf',
        sizeBytes: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        storageUri: `s3://test-documents/${exportId}/${type.toLowerCase()}.pdf`,
      },
    });
  }
}

const decide = (as: string, exportId: string, stage: string, decision = 'APPROVED', extra: Record<string, unknown> = {}) =>
  graph.query<{ decideExportStage: { stage: string; decision: string; export: { status: string; currentStage: string | null } } }>(DECIDE, {
    token: token[as]!,
    variables: { input: { exportId, stage, decision, ...extra } },
  });

async function approve(as: string, exportId: string, stage: string, extra: Record<string, unknown> = {}) {
  const result = await decide(as, exportId, stage, 'APPROVED', extra);
  if (result.errors) throw new Error(`${as} approving ${stage}: ${JSON.stringify(result.errors)}`);
  return result.data!.decideExportStage;
}

/** A SUBMITTED export with the FX stage's documents attached. */
async function submittedExport(overrides: Record<string, unknown> = {}) {
  const created = await createExport(overrides);
  await attach('manager', created.id, 'INVOICE', 'SALES_CONTRACT');
  await ok('manager', SUBMIT, { id: created.id });
  return created;
}

async function issueLicense(input: Record<string, unknown>): Promise<string> {
  const data = await ok<{ issueExportLicense: { id: string } }>('admin', ISSUE_LICENSE, {
    input: {
      number: `TEST-${randomUUID().slice(0, 8)}`,
      issuingAuthority: 'Test Licensing Authority',
      hsCodePrefixes: ['0901'],
      destinationCountries: ['NL', 'DE'],
      quotaUnit: 'VALUE',
      annualQuota: '1000000.00',
      quotaCurrency: 'USD',
      validFrom: new Date(Date.now() - 86_400_000).toISOString(),
      validUntil: new Date(Date.now() + 365 * 86_400_000).toISOString(),
      ...input,
    },
  });
  return data.issueExportLicense.id;
}

/** Everything a refused mutation must not have touched: the export row, its decisions, history, documents, outbox events. */
async function footprint(exportId: string) {
  const [row] = await sql().query<Record<string, unknown>>(
    `SELECT e."status", e."currentStage", e."quotaAmount"::text AS "quotaAmount", e."updatedAt",
            (SELECT count(*)::int FROM "ExportApproval" a WHERE a."exportId" = e."id") AS "approvals",
            (SELECT count(*)::int FROM "ExportStatusChange" h WHERE h."exportId" = e."id") AS "history",
            (SELECT count(*)::int FROM "ExportDocument" d WHERE d."exportId" = e."id") AS "documents",
            (SELECT count(*)::int FROM "OutboxEvent" o WHERE o."payload"->>'entityId' = e."id"::text) AS "events"
     FROM "Export" e WHERE e."id" = $1::uuid`,
    [exportId],
  );
  return row;
}

const outboxActions = async (entityId: string) =>
  (
    await sql().query<{ action: string }>(
      `SELECT "payload"->>'action' AS "action" FROM "OutboxEvent" WHERE "payload"->>'entityId' = $1 ORDER BY "createdAt", "payload"->>'occurredAt'`,
      [entityId],
    )
  ).map((row) => row.action);

// ---- the journey --------------------------------------------------------------------------

const JOURNEY = /* GraphQL */ `
  query Journey($id: ID!) {
    export(id: $id) {
      reference
      status
      currentStage
      completedAt
      missingDocuments
      order {
        number
        export {
          reference
        }
      }
      history {
        sequence
        from
        to
        actor {
          email
        }
        reason
        at
      }
      approvals {
        stage
        decision
        conditions
        decidedAt
        decidedBy {
          email
          roles
        }
      }
      license {
        number
      }
    }
  }
`;

const PENDING_FOR_ME = /* GraphQL */ `
  {
    me {
      email
      pendingApprovals(first: 50) {
        totalCount
        edges {
          node {
            id
            reference
            currentStage
            stageEnteredAt
          }
        }
      }
    }
  }
`;

type Pending = {
  me: { pendingApprovals: { totalCount: number; edges: { node: { id: string; currentStage: string; stageEnteredAt: string } }[] } };
};

describe('the five-stage journey through the gateway', () => {
  it('takes an export from DRAFT to COMPLETED with five different agency officers, history and approvals in order', async () => {
    const created = await createExport({ orderId: orders.alicePending.id });
    await attach('manager', created.id, 'INVOICE', 'SALES_CONTRACT');
    expect(
      (await ok<{ submitExport: { status: string; currentStage: string } }>('manager', SUBMIT, { id: created.id })).submitExport,
    ).toMatchObject({
      status: 'SUBMITTED',
      currentStage: 'FX_APPROVAL',
    });

    // Each officer finds the export among what waits for them, attaches what their stage needs, and approves.
    const steps: [officer: string, stage: string, documents: [uploader: string, ...types: string[]] | null, expected: string][] = [
      ['fx', 'FX_APPROVAL', null, 'IN_REVIEW'],
      ['quality', 'QUALITY_CERTIFICATION', ['quality', 'QUALITY_CERTIFICATE'], 'IN_REVIEW'],
      ['shipping', 'SHIPMENT_SCHEDULING', ['manager', 'PACKING_LIST'], 'IN_REVIEW'],
      ['customs', 'CUSTOMS_CLEARANCE', ['manager', 'CUSTOMS_DECLARATION', 'CERTIFICATE_OF_ORIGIN', 'EXPORT_LICENSE'], 'APPROVED'],
      ['bank', 'EXPORT_COMPLETION', ['shipping', 'BILL_OF_LADING'], 'COMPLETED'],
    ];
    for (const [officer, stage, documents, expected] of steps) {
      const waiting = await ok<Pending>(officer, PENDING_FOR_ME);
      expect(waiting.me.pendingApprovals.edges.map((edge) => edge.node.id)).toContain(created.id);
      expect(new Set(waiting.me.pendingApprovals.edges.map((edge) => edge.node.currentStage))).toEqual(new Set([stage]));
      if (documents) await attach(documents[0], created.id, ...documents.slice(1));
      const conditions = stage === 'SHIPMENT_SCHEDULING' ? ['Load at Djibouti within 14 days'] : undefined;
      const decided = await approve(officer, created.id, stage, conditions ? { conditions } : {});
      expect(decided).toMatchObject({ stage, decision: 'APPROVED', export: { status: expected } });
    }

    const { export: done } = await ok<{
      export: {
        status: string;
        currentStage: string | null;
        completedAt: string | null;
        missingDocuments: string[];
        order: { number: string; export: { reference: string } };
        history: { sequence: number; from: string | null; to: string; actor: { email: string }; reason: string | null; at: string }[];
        approvals: {
          stage: string;
          decision: string;
          conditions: string[];
          decidedAt: string;
          decidedBy: { email: string; roles: string[] };
        }[];
        license: { number: string };
      };
    }>('manager', JOURNEY, { id: created.id });
    expect(done).toMatchObject({
      status: 'COMPLETED',
      currentStage: null,
      missingDocuments: [],
      license: { number: exportLicenses.acmeGeneral.number },
    });
    expect(done.completedAt).not.toBeNull();
    expect(done.order).toEqual({ number: orders.alicePending.number, export: { reference: created.reference } });
    expect(done.history.map(({ sequence, from, to, actor }) => [sequence, from, to, actor.email])).toEqual([
      [1, null, 'DRAFT', users.acmeManager.email],
      [2, 'DRAFT', 'SUBMITTED', users.acmeManager.email],
      [3, 'SUBMITTED', 'IN_REVIEW', users.fxOfficer.email],
      [4, 'IN_REVIEW', 'APPROVED', users.customsOfficer.email],
      [5, 'APPROVED', 'COMPLETED', users.bankOfficer.email],
    ]);
    expect(done.history.map((change) => change.at)).toEqual([...done.history.map((change) => change.at)].sort());
    expect(done.approvals.map(({ stage, decision, decidedBy }) => [stage, decision, decidedBy.email, decidedBy.roles])).toEqual([
      ['FX_APPROVAL', 'APPROVED', users.fxOfficer.email, ['FX_OFFICER']],
      ['QUALITY_CERTIFICATION', 'APPROVED', users.qualityOfficer.email, ['QUALITY_OFFICER']],
      ['SHIPMENT_SCHEDULING', 'APPROVED', users.shippingOfficer.email, ['SHIPPING_OFFICER']],
      ['CUSTOMS_CLEARANCE', 'APPROVED', users.customsOfficer.email, ['CUSTOMS_OFFICER']],
      ['EXPORT_COMPLETION', 'APPROVED', users.bankOfficer.email, ['BANK_OFFICER']],
    ]);
    expect(done.approvals[2]!.conditions).toEqual(['Load at Djibouti within 14 days']);
    expect(done.approvals.map((approval) => approval.decidedAt)).toEqual([...done.approvals.map((approval) => approval.decidedAt)].sort());

    // Every mutation wrote its audit event into the outbox, in the order they happened.
    const actions = await outboxActions(created.id);
    expect(actions.filter((action) => action !== 'export.document_attached')).toEqual([
      'export.created',
      'export.submitted',
      ...Array(5).fill('export.stage_approved'),
    ]);
    expect(actions.filter((action) => action === 'export.document_attached')).toHaveLength(8);

    // Nothing is left for anyone to decide.
    for (const officer of ['fx', 'quality', 'shipping', 'customs', 'bank']) {
      const waiting = await ok<Pending>(officer, PENDING_FOR_ME);
      expect(waiting.me.pendingApprovals.edges.map((edge) => edge.node.id)).not.toContain(created.id);
    }
  });

  it("lists what waits at a stage longest-waiting first, to that stage's role only", async () => {
    const newer = await submittedExport();
    const page = await ok<{
      pendingApprovals: { totalCount: number; edges: { node: { id: string; reference: string; stageEnteredAt: string } }[] };
    }>(
      'fx',
      'query($first: Int) { pendingApprovals(stage: FX_APPROVAL, first: $first) { totalCount edges { node { id reference stageEnteredAt } } } }',
      { first: 50 },
    );
    const ids = page.pendingApprovals.edges.map((edge) => edge.node.id);
    // The seeded export submitted three days ago leads; the one just submitted comes after it.
    expect(ids[0]).toBe(exportsUnderReview.bobCoffeeExport.id);
    expect(ids.indexOf(newer.id)).toBeGreaterThan(0);
    const times = page.pendingApprovals.edges.map((edge) => edge.node.stageEnteredAt);
    expect(times).toEqual([...times].sort());
    expect(page.pendingApprovals.totalCount).toBe(ids.length);

    // Paging oldest first with a cursor gives the same order.
    const first = await ok<{ pendingApprovals: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } } }>(
      'fx',
      '{ pendingApprovals(stage: FX_APPROVAL, first: 1) { edges { node { id } } pageInfo { endCursor } } }',
    );
    const second = await ok<{ pendingApprovals: { edges: { node: { id: string } }[] } }>(
      'fx',
      'query($after: String) { pendingApprovals(stage: FX_APPROVAL, first: 1, after: $after) { edges { node { id } } } }',
      { after: first.pendingApprovals.pageInfo.endCursor },
    );
    expect([first.pendingApprovals.edges[0]!.node.id, second.pendingApprovals.edges[0]!.node.id]).toEqual(ids.slice(0, 2));

    // The quality officer sees the seeded export waiting for its certificate, and what it is missing.
    const quality = await ok<{ pendingApprovals: { edges: { node: { id: string; missingDocuments: string[] } }[] } }>(
      'quality',
      '{ pendingApprovals(stage: QUALITY_CERTIFICATION) { edges { node { id missingDocuments } } } }',
    );
    expect(quality.pendingApprovals.edges.map((edge) => edge.node)).toContainEqual({
      id: exportsUnderReview.aliceRetailExport.id,
      missingDocuments: ['QUALITY_CERTIFICATE'],
    });

    // Another role may not list a stage; an admin may look.
    expect((await refused('quality', '{ pendingApprovals(stage: FX_APPROVAL) { totalCount } }')).extensions!.code).toBe('FORBIDDEN');
    expect((await refused('manager', '{ pendingApprovals(stage: FX_APPROVAL) { totalCount } }')).extensions!.code).toBe('FORBIDDEN');
    await ok('admin', '{ pendingApprovals(stage: FX_APPROVAL) { totalCount } }');
  });

  it('gives User.pendingApprovals only to an agency officer asking about themself', async () => {
    const fx = await ok<Pending>('fx', PENDING_FOR_ME);
    expect(fx.me.pendingApprovals.totalCount).toBeGreaterThan(0);
    expect(fx.me.pendingApprovals.edges[0]!.node.id).toBe(exportsUnderReview.bobCoffeeExport.id);
    const manager = await ok<Pending>('manager', PENDING_FOR_ME);
    expect(manager.me.pendingApprovals).toEqual({ totalCount: 0, edges: [] });
    // Asking about another user shows nothing, even to an officer.
    const other = await ok<{ user: { pendingApprovals: { totalCount: number } } }>(
      'quality',
      'query($id: ID!) { user(id: $id) { pendingApprovals { totalCount } } }',
      { id: users.fxOfficer.id },
    );
    expect(other.user.pendingApprovals.totalCount).toBe(0);
  });
});

// ---- refused decisions ---------------------------------------------------------------------

describe('decisions that are refused leave nothing written', () => {
  it('refuses a stage decided out of order', async () => {
    const request = await submittedExport();
    const before = await footprint(request.id);
    const result = await decide('customs', request.id, 'CUSTOMS_CLEARANCE');
    expect(result.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(result.errors![0]!.message).toBe(
      `Stage CUSTOMS_CLEARANCE of export ${request.reference} cannot be decided yet: FX_APPROVAL must be approved first`,
    );
    expect(await footprint(request.id)).toEqual(before);
  });

  it('refuses a stage decided by any role but its own, an admin included', async () => {
    const request = await submittedExport();
    const before = await footprint(request.id);
    for (const as of ['quality', 'bank', 'admin', 'manager']) {
      const result = await decide(as, request.id, 'FX_APPROVAL');
      expect(result.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      expect(result.errors![0]!.message).toBe('Deciding FX_APPROVAL requires one of the roles FX_OFFICER');
    }
    expect(await footprint(request.id)).toEqual(before);
  });

  it('refuses a rejection without a reason', async () => {
    const request = await submittedExport();
    const before = await footprint(request.id);
    for (const extra of [{}, { reason: '   ' }]) {
      const result = await decide('fx', request.id, 'FX_APPROVAL', 'REJECTED', extra);
      expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      expect(result.errors![0]!.message).toBe('reason: is required to reject a stage');
    }
    expect(await footprint(request.id)).toEqual(before);
  });

  it('refuses to approve a stage whose documents are missing, naming them', async () => {
    const request = await createExport();
    await attach('manager', request.id, 'INVOICE', 'SALES_CONTRACT');
    await ok('manager', SUBMIT, { id: request.id });
    await approve('fx', request.id, 'FX_APPROVAL');
    const before = await footprint(request.id);
    const result = await decide('quality', request.id, 'QUALITY_CERTIFICATION');
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', missingDocuments: ['QUALITY_CERTIFICATE'] });
    expect(result.errors![0]!.message).toBe(
      `Stage QUALITY_CERTIFICATION of export ${request.reference} cannot be approved: attach QUALITY_CERTIFICATE first`,
    );
    expect(await footprint(request.id)).toEqual(before);
  });

  it('refuses a second decision on a stage already decided', async () => {
    const request = await submittedExport();
    await approve('fx', request.id, 'FX_APPROVAL');
    const before = await footprint(request.id);
    for (const decision of ['APPROVED', 'REJECTED']) {
      const result = await decide('fx2', request.id, 'FX_APPROVAL', decision, { reason: 'second opinion' });
      expect(result.errors![0]!.extensions!.code).toBe('CONFLICT');
      expect(result.errors![0]!.message).toBe(
        `Stage FX_APPROVAL of export ${request.reference} has already been decided; it waits at QUALITY_CERTIFICATION`,
      );
    }
    expect(await footprint(request.id)).toEqual(before);
  });

  it('refuses a decision by the officer who requested the export', async () => {
    const request = await createExport({}, 'fxExporter');
    await attach('fxExporter', request.id, 'INVOICE', 'SALES_CONTRACT');
    await ok('fxExporter', SUBMIT, { id: request.id });
    const before = await footprint(request.id);
    const result = await decide('fxExporter', request.id, 'FX_APPROVAL');
    expect(result.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(await footprint(request.id)).toEqual(before);
    await approve('fx', request.id, 'FX_APPROVAL');
  });

  it('lets exactly one of two officers win when both approve the same stage at once', async () => {
    const request = await submittedExport();
    // Two FX officers, three requests each, all at once.
    const results = await Promise.all(['fx', 'fx2', 'fx', 'fx2', 'fx', 'fx2'].map((as) => decide(as, request.id, 'FX_APPROVAL')));
    const winners = results.filter((result) => !result.errors);
    const losers = results.filter((result) => result.errors);
    expect(winners).toHaveLength(1);
    expect(losers.map((result) => result.errors![0]!.extensions!.code)).toEqual(Array(5).fill('CONFLICT'));
    for (const loser of losers) expect(loser.errors![0]!.message).toMatch(/has already been decided; it waits at QUALITY_CERTIFICATION$/);
    const after = await footprint(request.id);
    // One decision, one status change SUBMITTED -> IN_REVIEW, one audit event for it.
    expect(after).toMatchObject({ status: 'IN_REVIEW', currentStage: 'QUALITY_CERTIFICATION', approvals: 1, history: 3 });
    expect((await outboxActions(request.id)).filter((action) => action === 'export.stage_approved')).toHaveLength(1);
  });

  it('ends the export on a rejection, with the reason in its history, and frees its quota', async () => {
    const licenseId = await issueLicense({ annualQuota: '5000.00' });
    const request = await submittedExport({ licenseId });
    await approve('fx', request.id, 'FX_APPROVAL');
    expect((await ok<{ exportLicense: { quotaUsed: string } }>('admin', QUOTA, { id: licenseId })).exportLicense.quotaUsed).toBe('990.00');

    const rejected = await decide('quality', request.id, 'QUALITY_CERTIFICATION', 'REJECTED', { reason: 'Moisture above 12.5%' });
    expect(rejected.errors).toBeUndefined();
    expect(rejected.data!.decideExportStage.export).toEqual({ status: 'REJECTED', currentStage: null });
    const { export: ended } = await ok<{
      export: { history: { from: string; to: string; reason: string }[]; approvals: { decision: string }[] };
    }>('manager', JOURNEY, { id: request.id });
    expect(ended.history.at(-1)).toMatchObject({
      from: 'IN_REVIEW',
      to: 'REJECTED',
      reason: 'QUALITY_CERTIFICATION rejected: Moisture above 12.5%',
    });
    expect(ended.approvals.map((approval) => approval.decision)).toEqual(['APPROVED', 'REJECTED']);
    expect(await ok('admin', QUOTA, { id: licenseId })).toEqual({ exportLicense: { quotaUsed: '0.00', quotaRemaining: '5000.00' } });

    // Nothing further can be decided.
    const attachLate = await refused('manager', ATTACH, {
      input: {
        exportId: request.id,
        type: 'PACKING_LIST',
        fileName: 'p.pdf',
        mediaType: 'application/pdf',
        sizeBytes: 10,
        sha256: 'b'.repeat(64),
        storageUri: 's3://b/p.pdf',
      },
    });
    expect(attachLate.message).toBe(`Export ${request.reference} is REJECTED: documents can no longer be attached`);
    const later = await decide('shipping', request.id, 'SHIPMENT_SCHEDULING');
    expect(later.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(later.errors![0]!.message).toBe(
      `Export ${request.reference} cannot go from REJECTED to IN_REVIEW: SHIPMENT_SCHEDULING can be decided only while it is pending, and a REJECTED export has no pending stage`,
    );
  });
});

// ---- submission rules ----------------------------------------------------------------------

async function submitRefusal(exportId: string) {
  const before = await footprint(exportId);
  const error = await refused('manager', SUBMIT, { id: exportId });
  // Refused by a rule: still a DRAFT with its one history entry, no quota taken, no audit event.
  expect(await footprint(exportId)).toEqual(before);
  expect(before).toMatchObject({ status: 'DRAFT', quotaAmount: null, history: 1 });
  return error;
}

describe('submission rules', () => {
  it('refuses a submission beyond the remaining annual quota, naming the rule, and writes nothing', async () => {
    const licenseId = await issueLicense({ annualQuota: '1500.00' });
    const first = await createExport({ licenseId });
    await ok('manager', SUBMIT, { id: first.id });
    const second = await createExport({ licenseId });
    const error = await submitRefusal(second.id);
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', rule: 'QUOTA_EXCEEDED', from: 'DRAFT', to: 'SUBMITTED' });
    const { exportLicense } = await ok<{ exportLicense: { number: string } }>(
      'admin',
      'query($id: ID!) { exportLicense(id: $id) { number } }',
      {
        id: licenseId,
      },
    );
    expect(error.message).toBe(
      `Export ${second.reference} cannot go from DRAFT to SUBMITTED: it needs 990.00 USD of license ${exportLicense.number}'s ` +
        `${new Date().getUTCFullYear()} quota, but only 510.00 USD of 1500.00 USD remain`,
    );
    expect(await ok('admin', QUOTA, { id: licenseId })).toEqual({ exportLicense: { quotaUsed: '990.00', quotaRemaining: '510.00' } });
  });

  it('refuses a destination or goods the license does not cover', async () => {
    const toBrazil = await createExport({ destinationCountry: 'BR', buyer: { name: 'São Paulo Cafés Ltda', country: 'BR' } });
    const destination = await submitRefusal(toBrazil.id);
    expect(destination.extensions!.rule).toBe('DESTINATION_NOT_LICENSED');
    expect(destination.message).toContain(
      `license ${exportLicenses.acmeGeneral.number} does not cover destination BR (it covers DE, FR, NL, GB, US, JP, SA)`,
    );

    const pepper = { description: 'Black pepper, 5 kg', hsCode: '0904.11', quantity: 10, weightKg: '50.000', value: '420.00' };
    const withPepper = await createExport({ goods: [coffeeLine, pepper] });
    const goods = await submitRefusal(withPepper.id);
    expect(goods.extensions!.rule).toBe('GOODS_NOT_LICENSED');
    expect(goods.message).toContain('does not cover goods line 2 (HS 0904.11); it covers HS codes starting 0901, 0902, 1207, 6214, 6301');
  });

  it('refuses a license that is suspended, expired or not yet valid, and a quota kept in another currency', async () => {
    const suspended = await issueLicense({});
    await ok('admin', 'mutation($id: ID!) { changeExportLicenseStatus(id: $id, status: SUSPENDED, reason: "Audit pending") { status } }', {
      id: suspended,
    });
    expect((await submitRefusal((await createExport({ licenseId: suspended })).id)).extensions!.rule).toBe('LICENSE_NOT_ACTIVE');

    const day = 86_400_000;
    const expired = await issueLicense({
      validFrom: new Date(Date.now() - 400 * day).toISOString(),
      validUntil: new Date(Date.now() - day).toISOString(),
    });
    expect((await submitRefusal((await createExport({ licenseId: expired })).id)).extensions!.rule).toBe('LICENSE_EXPIRED');

    const future = await issueLicense({ validFrom: new Date(Date.now() + day).toISOString() });
    expect((await submitRefusal((await createExport({ licenseId: future })).id)).extensions!.rule).toBe('LICENSE_NOT_YET_VALID');

    const inEuro = await submitRefusal((await createExport({ currency: 'EUR' })).id);
    expect(inEuro.extensions!.rule).toBe('QUOTA_CURRENCY_MISMATCH');
    expect(inEuro.message).toContain('counts its quota in USD, the export is declared in EUR');
  });

  it('counts a weight quota in kilograms', async () => {
    const licenseId = await issueLicense({ quotaUnit: 'WEIGHT', quotaCurrency: null, annualQuota: '200.000' });
    const fits = await createExport({ licenseId });
    expect((await ok<{ submitExport: { quotaAmount: string } }>('manager', SUBMIT, { id: fits.id })).submitExport.quotaAmount).toBe(
      '120.00',
    );
    const error = await submitRefusal((await createExport({ licenseId })).id);
    expect(error.extensions!.rule).toBe('QUOTA_EXCEEDED');
    expect(error.message).toMatch(/it needs 120\.000 kg of license .*, but only 80\.000 kg of 200\.000 kg remain$/);
  });

  it('refuses a submission while the exporter is not ACTIVE', async () => {
    const request = await createExport();
    const setStatus =
      'mutation($status: ExporterStatus!, $reason: String) { changeExporterStatus(status: $status, reason: $reason) { status } }';
    await ok('admin', setStatus, { status: 'SUSPENDED', reason: 'Tax clearance expired' });
    try {
      const error = await submitRefusal(request.id);
      expect(error.extensions!.rule).toBe('EXPORTER_NOT_ACTIVE');
      expect(error.message).toContain('the exporter Acme Exports Ltd is SUSPENDED, not ACTIVE');
    } finally {
      await ok('admin', setStatus, { status: 'ACTIVE', reason: 'Tax clearance renewed' });
    }
    await ok('manager', SUBMIT, { id: request.id });
  });

  it('keeps the quota under concurrent submissions: exactly as many as fit are submitted', async () => {
    const licenseId = await issueLicense({ annualQuota: '3000.00' });
    const drafts = [];
    for (let i = 0; i < 6; i += 1) drafts.push(await createExport({ licenseId }));
    const results = await Promise.all(drafts.map((draft) => graph.query(SUBMIT, { token: token.manager!, variables: { id: draft.id } })));
    const submitted = results.filter((result) => !result.errors);
    expect(submitted).toHaveLength(3);
    expect(results.filter((result) => result.errors).map((result) => result.errors![0]!.extensions!.rule)).toEqual(
      Array(3).fill('QUOTA_EXCEEDED'),
    );
    expect(await ok('admin', QUOTA, { id: licenseId })).toEqual({ exportLicense: { quotaUsed: '2970.00', quotaRemaining: '30.00' } });
  });

  it('lets only a DRAFT be submitted, and only exporter staff submit or cancel', async () => {
    const request = await createExport();
    await ok('manager', SUBMIT, { id: request.id });
    const again = await refused('manager', SUBMIT, { id: request.id });
    expect(again.extensions!.code).toBe('CONFLICT');
    expect(again.message).toBe(`Export ${request.reference} cannot go from SUBMITTED to SUBMITTED: only a DRAFT can be submitted`);
    expect((await refused('fx', SUBMIT, { id: request.id })).extensions!.code).toBe('FORBIDDEN');
    expect(
      (await refused('viewer', 'mutation($id: ID!) { cancelExport(id: $id, reason: "x") { status } }', { id: request.id })).extensions!
        .code,
    ).toBe('FORBIDDEN');
    const cancelled = await ok<{
      cancelExport: { status: string; currentStage: string | null; history: { from: string; to: string; reason: string }[] };
    }>(
      'manager',
      'mutation($id: ID!) { cancelExport(id: $id, reason: "Buyer withdrew") { status currentStage history { from to reason } } }',
      { id: request.id },
    );
    expect(cancelled.cancelExport).toMatchObject({ status: 'CANCELLED', currentStage: null });
    expect(cancelled.cancelExport.history.at(-1)).toEqual({ from: 'SUBMITTED', to: 'CANCELLED', reason: 'Buyer withdrew' });
  });
});

describe('creating export requests', () => {
  it('names the field and the rule of bad input, and writes nothing', async () => {
    const count = async () => (await sql().query<{ n: number }>('SELECT count(*)::int AS n FROM "Export"'))[0]!.n;
    const before = await count();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ destinationCountry: 'Germany' }, 'destinationCountry', 'must be an ISO 3166-1 alpha-2 country code such as "DE"'],
      [{ incoterm: 'FOB Djibouti' }, 'incoterm', 'must be an Incoterms 2020 rule: EXW, FCA, CPT, CIP, DAP, DPU, DDP, FAS, FOB, CFR, CIF'],
      [{ declaredValue: '1000.00' }, 'declaredValue', "must equal the sum of the goods lines' values (990.00)"],
      [{ goods: [{ ...coffeeLine, hsCode: '09' }] }, 'goods[0].hsCode', 'must be an HS code of 6 to 10 digits such as "0901.11"'],
      [{ goods: [{ ...coffeeLine, quantity: 0 }] }, 'goods[0].quantity', 'must be at least 1'],
      [{ goods: [] }, 'goods', 'must have at least one line'],
      [{ licenseId: randomUUID() }, 'licenseId', "must be one of the exporter's licenses"],
    ];
    for (const [overrides, field, rule] of cases) {
      const goods = (overrides.goods as Goods[] | undefined) ?? [coffeeLine];
      const error = await refused('manager', CREATE, {
        input: {
          licenseId: exportLicenses.acmeGeneral.id,
          buyer: { name: 'Rotterdam Beans BV', country: 'NL' },
          destinationCountry: 'NL',
          currency: 'USD',
          incoterm: 'FOB',
          goods,
          declaredValue: goods.length ? sumOfValues(goods) : '1.00',
          ...overrides,
        },
      });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, rule });
    }
    expect(
      (
        await refused('alice', CREATE, {
          input: {
            licenseId: exportLicenses.acmeGeneral.id,
            buyer: { name: 'x', country: 'NL' },
            destinationCountry: 'NL',
            currency: 'USD',
            incoterm: 'FOB',
            goods: [coffeeLine],
            declaredValue: '990.00',
          },
        })
      ).extensions!.code,
    ).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
  });

  it('gives an order at most one live export', async () => {
    const error = await refused('manager', CREATE, {
      input: {
        orderId: orders.aliceCoffee.id,
        licenseId: exportLicenses.acmeGeneral.id,
        buyer: { name: 'Hamburg Coffee Importers GmbH', country: 'DE' },
        destinationCountry: 'DE',
        currency: 'USD',
        incoterm: 'FOB',
        goods: [coffeeLine],
        declaredValue: '990.00',
      },
    });
    expect(error.extensions!.code).toBe('CONFLICT');
    expect(error.message).toBe(`Order ${orders.aliceCoffee.id} already has export ${demoExports.coffeeExport.reference} (COMPLETED)`);
  });
});

// ---- profiles and licenses -----------------------------------------------------------------

describe('exporter profiles and licenses', () => {
  it('registers an exporter PENDING and activates it only once a bank officer has verified its capital', async () => {
    // globex has no exporter profile yet, and no bank officer: give it one for this test.
    const bankEmail = 'bank@globex.test';
    await graph.stack.subgraphs.users.sql.query(
      `INSERT INTO "User" ("id", "tenantId", "email", "passwordHash", "firstName", "lastName", "roles", "active", "verified", "updatedAt")
       SELECT $1::uuid, $2::uuid, $3, "passwordHash", 'Gil', 'Banker', '{BANK_OFFICER}'::"Role"[], true, true, now() FROM "User" WHERE "email" = $4`,
      [randomUUID(), tenants.globex.id, bankEmail, users.globexAdmin.email],
    );
    const globexBank = await graph.login(bankEmail, 'globex');
    const register = await ok<{ registerExporterProfile: { status: string; capitalVerified: boolean } }>(
      'globex',
      'mutation { registerExporterProfile(input: { legalName: "Globex Trading", registrationNo: "IN-EXP-77", country: "in" }) { status capitalVerified country } }',
    );
    expect(register.registerExporterProfile).toEqual({ status: 'PENDING', capitalVerified: false, country: 'IN' });
    expect(
      (
        await refused(
          'globex',
          'mutation { registerExporterProfile(input: { legalName: "Again", registrationNo: "X", country: "IN" }) { id } }',
        )
      ).extensions!.code,
    ).toBe('CONFLICT');

    const activate = 'mutation { changeExporterStatus(status: ACTIVE) { status } }';
    const early = await refused('globex', activate);
    expect(early.message).toBe('Exporter profile cannot go from PENDING to ACTIVE: its capital has not been verified by a bank officer');

    const verify =
      'mutation { verifyExporterCapital(input: { paidUpCapital: "250000.00", currency: "usd" }) { capitalVerified paidUpCapital capitalCurrency capitalVerifiedBy { email } } }';
    expect((await refused('globex', verify)).extensions!.code).toBe('FORBIDDEN');
    const verified = await graph.query<{ verifyExporterCapital: unknown }>(verify, { token: globexBank });
    expect(verified.data!.verifyExporterCapital).toEqual({
      capitalVerified: true,
      paidUpCapital: '250000.00',
      capitalCurrency: 'USD',
      capitalVerifiedBy: { email: bankEmail },
    });
    expect(await ok('globex', activate)).toEqual({ changeExporterStatus: { status: 'ACTIVE' } });
    const suspend = await refused('globex', 'mutation { changeExporterStatus(status: SUSPENDED) { status } }');
    expect(suspend.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    // Each tenant sees only its own profile.
    expect(await ok('globex', '{ exporterProfile { legalName } }')).toEqual({ exporterProfile: { legalName: 'Globex Trading' } });
    expect(await ok('manager', '{ exporterProfile { legalName } }')).toEqual({ exporterProfile: { legalName: 'Acme Exports Ltd' } });
  });

  it('records licenses for admins only, validating the quota and the lists', async () => {
    const bad = async (input: Record<string, unknown>) =>
      (
        await refused('admin', ISSUE_LICENSE, {
          input: {
            number: `BAD-${randomUUID().slice(0, 6)}`,
            issuingAuthority: 'X',
            hsCodePrefixes: ['0901'],
            destinationCountries: ['DE'],
            quotaUnit: 'VALUE',
            annualQuota: '10.00',
            quotaCurrency: 'USD',
            validFrom: '2026-01-01T00:00:00Z',
            validUntil: '2027-01-01T00:00:00Z',
            ...input,
          },
        })
      ).extensions;
    expect(await bad({ quotaCurrency: null })).toMatchObject({ field: 'quotaCurrency', rule: 'is required for a VALUE quota' });
    expect(await bad({ quotaUnit: 'WEIGHT' })).toMatchObject({ field: 'quotaCurrency', rule: 'must be empty for a WEIGHT quota (kg)' });
    expect(await bad({ validUntil: '2025-01-01T00:00:00Z' })).toMatchObject({ field: 'validUntil', rule: 'must be after validFrom' });
    expect(await bad({ hsCodePrefixes: ['0901', '09.01'] })).toMatchObject({ field: 'hsCodePrefixes', rule: 'must not repeat an entry' });
    expect(await bad({ destinationCountries: [] })).toMatchObject({ field: 'destinationCountries', rule: 'must not be empty' });
    expect(await bad({ number: exportLicenses.acmeGeneral.number })).toMatchObject({
      field: 'number',
      rule: 'is already used by another license',
    });
    expect(
      (
        await refused('manager', ISSUE_LICENSE, {
          input: {
            number: 'N',
            issuingAuthority: 'X',
            hsCodePrefixes: ['09'],
            destinationCountries: ['DE'],
            quotaUnit: 'VALUE',
            annualQuota: '1',
            quotaCurrency: 'USD',
            validFrom: '2026-01-01T00:00:00Z',
            validUntil: '2027-01-01T00:00:00Z',
          },
        })
      ).extensions!.code,
    ).toBe('FORBIDDEN');
    const revoke =
      'mutation($id: ID!, $status: ExportLicenseStatus!) { changeExportLicenseStatus(id: $id, status: $status, reason: "Fraud") { status } }';
    const licenseId = await issueLicense({});
    await ok('admin', revoke, { id: licenseId, status: 'REVOKED' });
    expect((await refused('admin', revoke, { id: licenseId, status: 'ACTIVE' })).message).toMatch(
      /cannot go from REVOKED to ACTIVE: a revoked license stays revoked$/,
    );
  });
});

// ---- batching, tenancy, integrity ----------------------------------------------------------

const EXPORTS_WITH_EVERYTHING = /* GraphQL */ `
  query ExportsWithEverything($first: Int!) {
    exports(first: $first) {
      edges {
        node {
          reference
          totalWeightKg
          missingDocuments
          exporter {
            legalName
            licenses {
              number
            }
          }
          license {
            number
            quotaUsed
            quotaRemaining
          }
          goods {
            hsCode
            value
          }
          history {
            to
            actor {
              email
            }
          }
          approvals {
            stage
            decidedBy {
              email
            }
          }
          documents {
            type
            uploadedBy {
              email
            }
          }
          requestedBy {
            email
          }
        }
      }
    }
  }
`;

describe('batched reads and tenancy', () => {
  it("keeps the exports subgraph's statement count constant as the exports list grows, every nested list included", async () => {
    const countFor = async (first: number) => {
      graph.statements.reset();
      const data = await ok<{ exports: { edges: { node: { approvals: unknown[]; documents: unknown[] } }[] } }>(
        'manager',
        EXPORTS_WITH_EVERYTHING,
        {
          first,
        },
      );
      return { rows: data.exports.edges.length, statements: graph.statements.count('exports'), data };
    };
    const small = await countFor(1);
    const large = await countFor(20);
    expect(small.rows).toBe(1);
    expect(large.rows).toBe(20);
    expect(large.data.exports.edges.some((edge) => edge.node.approvals.length > 0 && edge.node.documents.length > 0)).toBe(true);
    expect(large.statements).toBe(small.statements);
  });

  it('batches User.pendingApprovals and Export references into one query each', async () => {
    const ids = Object.values(exportsUnderReview).map((request) => request.id);
    graph.statements.reset();
    const direct = await graph.query<{ _entities: ({ reference: string } | null)[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Export { reference } } }',
      {
        url: graph.stack.subgraphs.exports.url,
        token: token.fx!,
        variables: { r: [...ids, demoExports.coffeeExport.id].map((id) => ({ __typename: 'Export', id })) },
      },
    );
    expect(direct.data!._entities.map((entity) => entity?.reference)).toEqual(['EXP-2026-0003', 'EXP-2026-0004', 'EXP-2026-0001']);
    expect(graph.statements.count('exports')).toBe(1);

    graph.statements.reset();
    const users_ = await graph.query<{ _entities: { pendingApprovals: { totalCount: number } }[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { pendingApprovals { edges { node { id } } } } } }',
      {
        url: graph.stack.subgraphs.exports.url,
        token: token.fx!,
        variables: {
          r: [users.fxOfficer.id, users.fxOfficer.id, users.qualityOfficer.id, users.acmeManager.id].map((id) => ({
            __typename: 'User',
            id,
          })),
        },
      },
    );
    expect(users_.errors).toBeUndefined();
    // The officer's own list once; nobody else's list reaches the database.
    expect(graph.statements.count('exports')).toBe(1);
  });

  it("resolves no other tenant's export, license or decision", async () => {
    const acmeExport = exportsUnderReview.bobCoffeeExport.id;
    const direct = await graph.query<{ _entities: unknown[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Export { reference } } }',
      {
        url: graph.stack.subgraphs.exports.url,
        token: token.globex!,
        headers: { 'x-tenant-id': tenants.acme.id },
        variables: { r: [{ __typename: 'Export', id: acmeExport }] },
      },
    );
    expect(direct.data!._entities).toEqual([null]);
    expect(
      await ok('globex', 'query($id: ID!, $lic: ID!) { export(id: $id) { id } exportLicense(id: $lic) { id } }', {
        id: acmeExport,
        lic: exportLicenses.acmeGeneral.id,
      }),
    ).toEqual({
      export: null,
      exportLicense: null,
    });
    const attachForeign = await refused('globex', ATTACH, {
      input: {
        exportId: acmeExport,
        type: 'OTHER',
        fileName: 'x.pdf',
        mediaType: 'application/pdf',
        sizeBytes: 1,
        sha256: 'a'.repeat(64),
        storageUri: 'https://x.example/x',
      },
    });
    expect(attachForeign.extensions!.code).toBe('NOT_FOUND');
  });

  it('refuses UPDATE and DELETE of decisions, history and documents in the database itself', async () => {
    for (const statement of [
      'UPDATE "ExportStatusChange" SET "reason" = \'rewritten\'',
      'DELETE FROM "ExportStatusChange"',
      'UPDATE "ExportApproval" SET "decision" = \'REJECTED\', "reason" = \'rewritten\'',
      'DELETE FROM "ExportApproval"',
      'UPDATE "ExportDocument" SET "sha256" = repeat(\'0\', 64)',
      'DELETE FROM "ExportDocument"',
    ]) {
      await expect(sql().query(statement), statement).rejects.toThrow(/is append-only: (UPDATE|DELETE) is not allowed/);
    }
  });
});
