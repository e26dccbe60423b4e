import { randomUUID } from 'node:crypto';
import { Kind, parse, type FieldDefinitionNode, type TypeNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLicenses, moreManifests, users } from '../prisma/demo-world.ts';
import { eventually } from './support/eventually.ts';
import {
  columnsRead,
  expectEveryFieldAnsweredAsFromFullRows,
  fieldSelections,
  readsOf,
  statementsDuring,
} from './support/selected-columns.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/**
 * The exports subgraph reads only the Export, ExporterProfile and ExportLicense columns of the
 * fields an operation selects. Proven as for the catalog (tests/selected-columns.test.ts): the
 * statements leave the other columns out, and every field, alone or among all, answers exactly as
 * when every column is read, on every path that loads those rows: pages, loads by id, the exports
 * of orders and manifests (entities of other subgraphs), nested loads, and `_entities`.
 */
let graph: TestStack;
const token = { admin: '', manager: '', fx: '', globex: '' };

beforeAll(async () => {
  // No response cache: the answers compared must both come from the subgraphs. No cost limit: every
  // field of Export below the approvals of a page of exports costs more than the default allows.
  graph = await startTestStack({ RESPONSE_CACHE_ENABLED: 'false', MAX_COST: '0' });
  token.admin = await graph.login(users.acmeAdmin.email);
  token.manager = await graph.login(users.acmeManager.email);
  token.fx = await graph.login(users.fxOfficer.email);
  token.globex = await graph.login(users.globexAdmin.email, 'globex');
  await seedMoreRows();
}, 120_000);
afterAll(async () => {
  await graph?.close();
});

/**
 * The demo world has one export per acme manifest but the third, one export waiting for FX approval,
 * one license, and nulls in some profile fields: two more submitted exports (one shipping
 * coffeeToJapan), two more licenses (one suspended, with a reason), a status reason on acme's
 * profile and a complete profile for globex make each path return at least three objects, with
 * values in every column a field reads.
 */
async function seedMoreRows(): Promise<void> {
  const coffeeLine = {
    description: 'Guji green coffee, 60 kg sacks',
    hsCode: '0901.11',
    quantity: 3,
    weightKg: '180.000',
    value: '1485.00',
  };
  for (const input of [
    {
      manifestId: moreManifests.coffeeToJapan.id,
      buyer: { name: 'Osaka Beans KK', country: 'JP', contact: 'buy@osaka.example' },
      destinationCountry: 'JP',
      incoterm: 'CIF',
    },
    { buyer: { name: 'Rotterdam Beans BV', country: 'NL' }, destinationCountry: 'NL', incoterm: 'FOB' },
  ]) {
    const { createExport } = await graph.ok<{ createExport: { id: string } }>(
      'mutation($input: CreateExportInput!) { createExport(input: $input) { id } }',
      token.manager,
      { input: { ...input, licenseId: exportLicenses.acmeGeneral.id, currency: 'USD', declaredValue: '1485.00', goods: [coffeeLine] } },
    );
    await graph.ok('mutation($id: ID!) { submitExport(id: $id) { id } }', token.manager, { id: createExport.id });
  }
  const year = new Date().getUTCFullYear();
  const licenseIds: string[] = [];
  for (const input of [
    { quotaUnit: 'WEIGHT', annualQuota: '50000.000', destinationCountries: ['NL'], hsCodePrefixes: ['0901', '0902'] },
    { quotaUnit: 'VALUE', annualQuota: '90000.00', quotaCurrency: 'EUR', destinationCountries: ['FR', 'DE'], hsCodePrefixes: ['6214'] },
  ]) {
    const { issueExportLicense } = await graph.ok<{ issueExportLicense: { id: string } }>(
      'mutation($input: IssueExportLicenseInput!) { issueExportLicense(input: $input) { id } }',
      token.admin,
      {
        input: {
          ...input,
          number: `COLUMNS-${randomUUID().slice(0, 8)}`,
          issuingAuthority: 'Columns Test Authority',
          validFrom: `${year}-01-01T00:00:00.000Z`,
          validUntil: `${year + 2}-01-01T00:00:00.000Z`,
        },
      },
    );
    licenseIds.push(issueExportLicense.id);
  }
  await graph.ok(
    'mutation($id: ID!) { changeExportLicenseStatus(id: $id, status: SUSPENDED, reason: "Audit pending") { id } }',
    token.admin,
    { id: licenseIds[1] },
  );
  for (const [status, reason] of [
    ['SUSPENDED', 'Annual review'],
    ['ACTIVE', 'Review passed'],
  ]) {
    await graph.ok(
      'mutation($status: ExporterStatus!, $reason: String) { changeExporterStatus(status: $status, reason: $reason) { id } }',
      token.admin,
      { status, reason },
    );
  }
  await graph.ok('mutation($input: RegisterExporterProfileInput!) { registerExporterProfile(input: $input) { id } }', token.globex, {
    input: {
      legalName: 'Globex Trading plc',
      tradeName: 'Globex',
      registrationNo: 'GB-EXP-77',
      taxId: 'GB-VAT-123',
      country: 'GB',
      address: '1 Dock Road, London',
      contactEmail: 'exports@globex.test',
      contactPhone: '+44 20 7946 0000',
    },
  });
  // Every field includes Export.auditTrail: both answers compared must see the same, settled trail.
  await eventually(async () => {
    const events = await graph.stack.subgraphs.exports.sql.query<{ id: string }>('SELECT "id"::text AS "id" FROM "OutboxEvent"');
    const stored = await graph.stack.subgraphs.audit.sql.query<{ count: number }>(
      'SELECT count(*)::int AS "count" FROM "AuditEvent" WHERE "eventId" = ANY($1::uuid[])',
      [events.map((event) => event.id)],
    );
    expect(stored[0]!.count).toBe(events.length);
  });
}

type Node = Record<string, unknown> & { id: string };
type Edges<Key extends string, Item> = Record<Key, { edges: { node: Item }[] }>;
const nodes = <Key extends string, Item>(data: unknown, key: Key): Item[] => (data as Edges<Key, Item>)[key].edges.map((edge) => edge.node);
/**
 * Runs `operation` and expects the exports subgraph to have read `table` once, returning exactly
 * `columns` (its ORDER BY may name others, which are not transferred). Returns the answer.
 */
async function expectColumnsReturned(operation: string, table: string, columns: string[]): Promise<unknown> {
  const { result: data, statements } = await statementsDuring(graph, 'exports', () => graph.ok(operation, token.admin));
  const reads = readsOf(statements, table);
  expect(reads).toHaveLength(1);
  expect(columnsRead(reads[0]!, table)).toEqual(new Set(columns));
  return data;
}

/** Pages also select their cursors: the store reads the sort columns for them whatever the nodes select. */
const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';
const exportsPage = (selection: string) => `{ exports(first: 20) { ${PAGE_INFO} edges { cursor node { id ${selection} } } } }`;
const exportNodes = (data: unknown) => nodes<'exports', Node>(data, 'exports');

describe('Export', () => {
  const ordersPage = (selection: string) => `{ orders(first: 20) { edges { node { id export { id ${selection} } } } } }`;
  const orderExports = (data: unknown) =>
    nodes<'orders', { export: Node | null }>(data, 'orders').flatMap((order) => (order.export ? [order.export] : []));

  it('the exports of a page of orders, by reference and status, read no other column (SQL)', async () => {
    // Of 24 columns: the keys, the order it is matched by, and the two selected.
    const data = await expectColumnsReturned(ordersPage('reference status'), 'Export', [
      'id',
      'tenantId',
      'orderId',
      'reference',
      'status',
    ]);
    expect(orderExports(data).length).toBeGreaterThan(2);
  });

  it('on the exports page: every field answers as from full rows', async () => {
    await expectEveryFieldAnsweredAsFromFullRows(graph, token.admin, 'Export', exportsPage, (data) => exportNodes(data).length);
  });

  it('by id, several in one operation (one entity batch): every field answers as from full rows', async () => {
    const ids = exportNodes(await graph.ok(exportsPage(''), token.admin)).map((node) => node.id);
    const byIds = (selection: string) => `{ ${ids.map((id, n) => `e${n}: export(id: "${id}") { id ${selection} }`).join(' ')} }`;
    await expectEveryFieldAnsweredAsFromFullRows(graph, token.admin, 'Export', byIds, (data) => Object.values(data as object).length);
  });

  it('through orders (Order.export, on an entity of the catalog): every field answers as from full rows', async () => {
    await expectEveryFieldAnsweredAsFromFullRows(graph, token.admin, 'Export', ordersPage, (data) => orderExports(data).length);
  });

  it('through manifests (Manifest.export, on an entity of shipping): every field answers as from full rows', async () => {
    const manifestsPage = (selection: string) => `{ manifests(first: 20) { edges { node { id export { id ${selection} } } } } }`;
    const manifestExports = (data: unknown) =>
      nodes<'manifests', { export: Node | null }>(data, 'manifests').flatMap((manifest) => (manifest.export ? [manifest.export] : []));
    await expectEveryFieldAnsweredAsFromFullRows(graph, token.admin, 'Export', manifestsPage, (data) => manifestExports(data).length);
  });

  it('through approvals (ExportApproval.export, nested): every field answers as from full rows', async () => {
    const viaApprovals = (selection: string) => exportsPage(`approvals { id export { id ${selection} } }`);
    const approvalExports = (data: unknown) =>
      exportNodes(data).flatMap((node) => (node.approvals as { export: Node }[]).map((approval) => approval.export));
    await expectEveryFieldAnsweredAsFromFullRows(graph, token.admin, 'Export', viaApprovals, (data) => approvalExports(data).length);
  });

  it('waiting at a stage (pendingApprovals): every field answers as from full rows', async () => {
    const waiting = (selection: string) =>
      `{ pendingApprovals(stage: FX_APPROVAL) { ${PAGE_INFO} edges { cursor node { id ${selection} } } } }`;
    await expectEveryFieldAnsweredAsFromFullRows(graph, token.admin, 'Export', waiting, (data) => nodes(data, 'pendingApprovals').length);
  });

  it("in an officer's queue (User.pendingApprovals): every field answers as from full rows", async () => {
    const queue = (selection: string) => `{ me { id pendingApprovals { ${PAGE_INFO} edges { cursor node { id ${selection} } } } } }`;
    const queued = (data: unknown) => nodes((data as { me: unknown }).me, 'pendingApprovals').length;
    // An FX officer may not read audit trails (which need only the id, checked on the other paths),
    // nor the requester's contact data (README "Who may read what"): their display name will do.
    const fields = fieldSelections('Export')
      .filter(([name]) => name !== 'auditTrail')
      .map(([name, selection]): [string, string] =>
        name === 'requestedBy' ? [name, 'requestedBy { id displayName }'] : [name, selection],
      );
    await expectEveryFieldAnsweredAsFromFullRows(graph, token.fx, 'Export', queue, queued, fields);
  });

  it('as entities of the exports subgraph (__resolveReference, asked directly): every field it serves answers as from full rows', async () => {
    const ids = exportNodes(await graph.ok(exportsPage(''), token.admin)).map((node) => node.id);
    const entities = (selection: string) =>
      `{ _entities(representations: [${ids.map((id) => `{ __typename: "Export", id: "${id}" }`).join(', ')}]) { ... on Export { id ${selection} } } }`;
    const direct = { ok: <Data>(query: string, as: string) => subgraphOk<Data>('exports', query, as) };
    const fields = await servedFields('Export');
    expect(fields.map(([name]) => name)).toEqual(expect.arrayContaining(['reference', 'exporter', 'order', 'missingDocuments']));
    await expectEveryFieldAnsweredAsFromFullRows(
      direct,
      token.admin,
      'Export',
      entities,
      (data) => (data as { _entities: unknown[] })._entities.length,
      fields,
    );
  });

  it('rows read with few columns do not answer loads that need more, in the same operation', async () => {
    const data = await graph.ok<Edges<'exports', { id: string; approvals: { export: Node }[] }>>(
      exportsPage('reference approvals { export { id buyerName declaredValue incoterm } }'),
      token.admin,
    );
    const referenced = nodes<'exports', { approvals: { export: Node }[] }>(data, 'exports').flatMap((node) =>
      node.approvals.map((approval) => approval.export),
    );
    expect(referenced.length).toBeGreaterThan(2);
    for (const request of referenced) {
      expect(typeof request.buyerName).toBe('string');
      expect(request.declaredValue).not.toBeNull();
      expect(typeof request.incoterm).toBe('string');
    }
    // The same queue twice, the second wanting more columns: each gets rows with its own.
    const twice = await graph.ok<{ me: Record<'narrow' | 'wide', { edges: { node: Node }[] }> }>(
      '{ me { narrow: pendingApprovals { edges { node { id } } } wide: pendingApprovals { edges { node { id buyerName } } } } }',
      token.fx,
    );
    expect(twice.me.wide.edges.length).toBeGreaterThan(2);
    for (const edge of twice.me.wide.edges) expect(typeof edge.node.buyerName).toBe('string');
  });
});

describe('ExporterProfile', () => {
  it("an export's exporter by legal name reads neither its tax id, registration nor capital (SQL)", async () => {
    await expectColumnsReturned(exportsPage('exporter { legalName }'), 'ExporterProfile', ['id', 'tenantId', 'legalName']);
  });

  it('through exports (Export.exporter): every field answers as from full rows', async () => {
    const viaExports = (selection: string) => exportsPage(`exporter { id ${selection} }`);
    await expectEveryFieldAnsweredAsFromFullRows(graph, token.admin, 'ExporterProfile', viaExports, (data) => exportNodes(data).length);
  });

  it('through licenses (ExportLicense.exporter): every field answers as from full rows', async () => {
    const viaLicenses = (selection: string) => `{ exportLicenses { id exporter { id ${selection} } } }`;
    const count = (data: unknown) => (data as { exportLicenses: unknown[] }).exportLicenses.length;
    await expectEveryFieldAnsweredAsFromFullRows(graph, token.admin, 'ExporterProfile', viaLicenses, count);
  });

  it("as the tenant's profile (exporterProfile, asked three times): every field answers as from full rows", async () => {
    const thrice = (selection: string) => ['a', 'b', 'c'].map((alias) => `${alias}: exporterProfile { id ${selection} }`).join(' ');
    // Globex's profile: every optional column set.
    await expectEveryFieldAnsweredAsFromFullRows(
      graph,
      token.globex,
      'ExporterProfile',
      (selection) => `{ ${thrice(selection)} }`,
      (data) => Object.values(data as object).filter(Boolean).length,
    );
  });
});

describe('ExportLicense', () => {
  const licenses = (selection: string) => `{ exportLicenses { id ${selection} } }`;
  const count = (data: unknown) => (data as { exportLicenses: unknown[] }).exportLicenses.length;

  it("the exporter's licenses, selected twice with different fields, each get their columns", async () => {
    const data = await graph.ok<{ exporterProfile: Record<'narrow' | 'wide', Node[]> }>(
      '{ exporterProfile { narrow: licenses { id } wide: licenses { id number validUntil } } }',
      token.admin,
    );
    expect(data.exporterProfile.wide.length).toBeGreaterThan(2);
    for (const license of data.exporterProfile.wide) expect(typeof license.number).toBe('string');
  });

  it('a list of license numbers reads no other column (SQL)', async () => {
    await expectColumnsReturned(licenses('number'), 'ExportLicense', ['id', 'tenantId', 'number']);
  });

  it('on the list (exportLicenses): every field answers as from full rows', async () => {
    await expectEveryFieldAnsweredAsFromFullRows(graph, token.admin, 'ExportLicense', licenses, count);
  });

  it('through exports (Export.license): every field answers as from full rows', async () => {
    const viaExports = (selection: string) => exportsPage(`license { id ${selection} }`);
    await expectEveryFieldAnsweredAsFromFullRows(graph, token.admin, 'ExportLicense', viaExports, (data) => exportNodes(data).length);
  });

  it('of the exporter (ExporterProfile.licenses): every field answers as from full rows', async () => {
    const ofProfile = (selection: string) => `{ exporterProfile { id licenses { id ${selection} } } }`;
    const licensesOf = (data: unknown) => (data as { exporterProfile: { licenses: unknown[] } }).exporterProfile.licenses.length;
    await expectEveryFieldAnsweredAsFromFullRows(graph, token.admin, 'ExportLicense', ofProfile, licensesOf);
  });
});

/** Sends an operation straight to one subgraph (not through the gateway); it must succeed. */
async function subgraphOk<Data>(subgraph: 'exports', query: string, as: string): Promise<Data> {
  const result = await graph.query<Data>(query, { url: graph.stack.subgraphs[subgraph].url, token: as });
  if (result.errors) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.data as Data;
}

/**
 * The fields of `typeName` the exports subgraph itself serves, from its own SDL, as [name,
 * selection]: leaves by name, objects as `{ __typename }` (which still makes their resolver load
 * them, through the key column it reads); fields with required arguments left out.
 */
async function servedFields(typeName: string): Promise<[string, string][]> {
  const { _service } = await subgraphOk<{ _service: { sdl: string } }>('exports', '{ _service { sdl } }', token.admin);
  const definitions = parse(_service.sdl).definitions;
  const objectTypes = new Set(
    definitions.flatMap((definition) =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION ? [definition.name.value] : [],
    ),
  );
  const named = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : named(type.type));
  const fields: FieldDefinitionNode[] = definitions.flatMap((definition) =>
    (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
    definition.name.value === typeName
      ? [...(definition.fields ?? [])]
      : [],
  );
  return fields
    .filter((field) => !(field.arguments ?? []).some((arg) => arg.type.kind === Kind.NON_NULL_TYPE && !arg.defaultValue))
    .map((field) => [field.name.value, objectTypes.has(named(field.type)) ? `${field.name.value} { __typename }` : field.name.value]);
}
