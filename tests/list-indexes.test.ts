import { encodeCursor, type SqlClient, type SubgraphName } from '@fed/service-kit';
import { explain, scansOf, type TableScan } from '@fed/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { volumeId, VOLUME_PASSWORD, type VolumeDatabases, type VolumeScale, type VolumeTenant } from '../prisma/volume-world.ts';
import { startVolumeStack, type TestStack } from './support/stack.ts';

/**
 * Every list the graph offers, with each filter, sort and keyset page it takes: the SQL its subgraph
 * really sends (recorded with its parameters while the operation runs through the gateway) is
 * EXPLAINed on that subgraph's database, and must reach each table through the index meant for it,
 * never by a Seq Scan.
 *
 * Data sizes are real, so the planner's choice means something: a volume world of several tenants
 * (the benchmark's seeding code, every constraint and trigger in force), ANALYZEd, plus bulk rows
 * for what it leaves empty (payments, carriers, rate cards and quotes, ledger entries, category
 * trees) and for the many other tenants that make per-tenant tables like carriers or licenses large
 * even though each tenant has only a few rows. No planner setting is changed (enable_seqscan stays
 * on): on tables of a few pages a Seq Scan is the right plan, so the sizes are chosen to be past
 * that, as production's are, and the test proves the planner then picks the index.
 */
const SCALE: VolumeScale = {
  tenants: 3,
  usersPerTenant: 250,
  productsPerTenant: 1000,
  categoriesPerTenant: 12,
  ordersPerTenant: 2000,
  maxItemsPerOrder: 4,
  // Every order shipped and every other one exported: link and child tables (manifest orders,
  // approvals) big enough that reading them whole costs more than looking up 20 parents.
  manifestEvery: 1,
  exportEvery: 2,
  reviewsPerProduct: 2,
};
/** Tenants that exist only to give per-tenant tables the size they have with many customers. */
const OTHER_TENANTS = 400;
const DAY = 86_400_000;

let graph: TestStack;
let tenant: VolumeTenant;
let tokens: { admin: string; customer: string; fxOfficer: string };

/** A keyset cursor in the middle of the seeded year, as a later page of a newest-first list sends it. */
const cursor = encodeCursor({ value: new Date(Date.now() - 120 * DAY).toISOString(), id: 'ffffffff-ffff-4fff-bfff-ffffffffffff' });
/** A month of the seeded year. */
const month = { from: new Date(Date.now() - 90 * DAY).toISOString(), to: new Date(Date.now() - 60 * DAY).toISOString() };

/** Rows the volume world does not write, and other tenants' rows: in bulk, one INSERT … SELECT each. */
async function seedListData(databases: VolumeDatabases): Promise<void> {
  const otherTenants = `SELECT md5('other-tenant-' || t)::uuid AS id, t FROM generate_series(1, ${OTHER_TENANTS}) AS t`;
  await databases.users.exec(`
    INSERT INTO "Tenant" ("id", "slug", "name", "updatedAt") SELECT id, 'other-' || t, 'Other tenant ' || t, now() FROM (${otherTenants}) AS o;
    INSERT INTO "User" ("id", "tenantId", "email", "roles", "active", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), o.id, 'user' || n || '@other-' || o.t || '.test', ARRAY['CUSTOMER']::"Role"[], n % 10 <> 0,
           now() - n * interval '1 day', now()
    FROM (${otherTenants}) AS o, generate_series(1, 20) AS n;`);
  await databases.catalog.exec(`
    INSERT INTO "Payment" ("id", "tenantId", "orderId", "amount", "currency", "method", "status", "externalTransactionId",
                           "idempotencyKey", "requestHash", "createdById", "capturedAt", "createdAt")
    SELECT gen_random_uuid(), o."tenantId", o."id", o."total", o."currency", 'CARD', 'CAPTURED', 'txn-' || o."id",
           'key-' || o."id", 'seeded', o."customerId", o."createdAt", o."createdAt"
    FROM "Order" o;
    -- Goods receipts on every stock level: a ledger of several entries per product.
    INSERT INTO "StockMovement" ("id", "tenantId", "inventoryId", "productId", "type", "quantity", "reference", "createdAt")
    SELECT gen_random_uuid(), i."tenantId", i."id", i."productId", 'IN', n, 'receipt-' || n, now() - n * interval '1 day'
    FROM "Inventory" i, generate_series(1, 5) AS n;
    -- A level below every root category, and the trees of the other tenants.
    INSERT INTO "Category" ("id", "tenantId", "parentId", "name", "slug", "sortOrder")
    SELECT gen_random_uuid(), c."tenantId", c."id", c."name" || ' ' || n, c."slug" || '-sub-' || n, n
    FROM "Category" c, generate_series(1, 4) AS n WHERE c."parentId" IS NULL;
    INSERT INTO "Category" ("id", "tenantId", "name", "slug", "sortOrder")
    SELECT gen_random_uuid(), o.id, 'Category ' || n, 'category-' || n, n FROM (${otherTenants}) AS o, generate_series(1, 12) AS n;`);
  await databases.shipping.exec(`
    INSERT INTO "Carrier" ("id", "tenantId", "code", "name", "services", "apiEndpoint", "active", "updatedAt")
    SELECT gen_random_uuid(), t.id, 'CARRIER-' || n, 'Carrier ' || n, ARRAY['EXPRESS', 'ECONOMY'], 'https://carrier-' || n || '.test', n <> 4, now()
    FROM (SELECT DISTINCT "tenantId" AS id FROM "Manifest" UNION SELECT id FROM (${otherTenants}) AS o) AS t, generate_series(1, 4) AS n;
    INSERT INTO "RateCard" ("id", "tenantId", "carrierId", "service", "zone", "currency", "baseAmount", "perKg", "perM3",
                            "fuelSurchargePct", "insurancePct", "transitDays", "updatedAt")
    SELECT gen_random_uuid(), c."tenantId", c."id", s.service, z.zone, 'USD', 10, 1, 5, 2, 0.5, 5, now()
    FROM "Carrier" c, unnest(c."services") AS s(service), (VALUES ('EU'), ('NA')) AS z(zone);
    -- Three quotes per manifest, the first of them superseded.
    INSERT INTO "RateQuote" ("id", "tenantId", "manifestId", "carrierId", "rateCardId", "service", "currency", "weightKg", "volumeM3",
                             "declaredValue", "baseAmount", "weightCharge", "volumeCharge", "fuelSurcharge", "insurance", "total",
                             "transitDays", "validUntil", "status")
    SELECT gen_random_uuid(), m."tenantId", m."id", r."carrierId", r."id", r."service", 'USD', m."totalWeightKg", m."totalVolumeM3",
           m."totalValue", 10, 5, 1, 1, 1, 18, 5, now() + interval '3 days',
           (CASE WHEN r.n = 1 THEN 'SUPERSEDED' ELSE 'QUOTED' END)::"RateQuoteStatus"
    FROM "Manifest" m CROSS JOIN LATERAL (
      SELECT rc.*, row_number() OVER () AS n FROM "RateCard" rc WHERE rc."tenantId" = m."tenantId" LIMIT 3
    ) AS r;`);
  await databases.exports.exec(`
    INSERT INTO "ExporterProfile" ("id", "tenantId", "legalName", "registrationNo", "country", "updatedAt")
    SELECT gen_random_uuid(), id, 'Exporter ' || t, 'REG-' || t, 'ET', now() FROM (${otherTenants}) AS o;
    INSERT INTO "ExportLicense" ("id", "tenantId", "exporterProfileId", "number", "issuingAuthority", "hsCodePrefixes",
                                 "destinationCountries", "quotaUnit", "annualQuota", "validFrom", "validUntil", "status", "statusReason", "updatedAt")
    SELECT gen_random_uuid(), p."tenantId", p."id", 'LIC-' || p."registrationNo" || '-' || n, 'Authority', ARRAY['0901'], ARRAY['DE'],
           'WEIGHT', 1000, now() - interval '1 year', now() + interval '1 year',
           (CASE WHEN n = 3 THEN 'SUSPENDED' ELSE 'ACTIVE' END)::"LicenseStatus", CASE WHEN n = 3 THEN 'Audit' END, now()
    FROM "ExporterProfile" p, generate_series(1, 3) AS n;`);
}

beforeAll(async () => {
  const world = await startVolumeStack(SCALE);
  graph = world.graph;
  [tenant] = world.tenants as [VolumeTenant];
  await seedListData(world.databases);
  // As autovacuum would: statistics for the planner, visibility maps for index-only scans.
  await Promise.all(Object.values(world.databases).map((sql) => sql.exec('VACUUM ANALYZE')));
  const signIn = (email: string) => graph.login(email, tenant.slug, VOLUME_PASSWORD);
  tokens = {
    admin: await signIn(tenant.adminEmail),
    customer: await signIn(tenant.customers[3]!.email),
    fxOfficer: await signIn(`fx@${tenant.slug}.test`),
  };
});

afterAll(async () => {
  await graph?.close();
});

/** An index a list reads one of its tables through. */
interface Expected {
  table: string;
  /** The index; when several serve the list equally (each reads only the rows named below), any of them. */
  index: string | string[];
  /** Columns its condition must hold: the list's filter, its parent key, its tenant. */
  on: string[];
}

interface ListCase {
  name: string;
  subgraph: SubgraphName;
  query: string;
  variables?: Record<string, unknown>;
  /** Who asks (ADMIN unless said). */
  caller?: keyof typeof tokens;
  expect: Expected[];
}

const mentions = (condition: string, column: string) => new RegExp(`\\b${column}\\b`).test(condition);
/** Through an index whose condition holds every one of the columns: reads only the rows they name. */
const narrows = (scan: TableScan, columns: string[]) =>
  scan.indexes.length > 0 && columns.every((column) => mentions(scan.condition, column));
const serves = (scan: TableScan, expected: Expected) =>
  [expected.index].flat().some((index) => scan.indexes.includes(index)) && narrows(scan, expected.on);

/** How the statements the operation sent to `subgraph` read `table` (a list sends only SELECTs). */
async function scansOfTable(sql: SqlClient, subgraph: SubgraphName, table: string): Promise<TableScan[]> {
  const scans: TableScan[] = [];
  for (const statement of graph.statements.recorded(subgraph).filter((recorded) => /^\s*(SELECT|WITH)\b/i.test(recorded.sql))) {
    scans.push(...scansOf(await explain(sql, statement), table));
  }
  return scans;
}

/**
 * Runs the list's operation, then EXPLAINs every statement it cost its subgraph: nothing may read
 * a named table by a Seq Scan, each named index must be used with its condition on the named
 * columns, and any other read of the table (its count, say) must also go through an index on those
 * columns, or load rows by primary key (the ids a ranking statement found).
 */
async function expectIndexedList(list: ListCase): Promise<void> {
  graph.statements.reset();
  await graph.ok(list.query, tokens[list.caller ?? 'admin'], list.variables);
  const sql = graph.stack.subgraphs[list.subgraph].sql;
  for (const table of new Set(list.expect.map((expected) => expected.table))) {
    const expectations = list.expect.filter((expected) => expected.table === table);
    const scans = await scansOfTable(sql, list.subgraph, table);
    const seen = `${list.name}: ${table} is read as ${JSON.stringify(scans)}`;
    expect(scans.length, seen).toBeGreaterThan(0);
    const wholeTable = scans.filter((scan) => scan.node === 'Seq Scan');
    expect(wholeTable, seen).toEqual([]);
    const unused = expectations.filter((expected) => !scans.some((scan) => serves(scan, expected)));
    expect(unused, seen).toEqual([]);
    const stray = scans.filter(
      (scan) => !scan.indexes.includes(`${table}_pkey`) && !expectations.some((expected) => narrows(scan, expected.on)),
    );
    expect(stray, seen).toEqual([]);
  }
}

const connection = '{ totalCount edges { node { id } } }';
/** Fields of every node of a first page: the parents of nested lists. */
const eachOf = (list: string, fields: string) => `{ ${list}(first: 20) { edges { node { ${fields} } } } }`;
/** A paged nested list of every node of a first page; the query takes `$after`. */
const nestedPage = (list: string, field: string) =>
  `query($after: String) { ${list}(first: 20) { edges { node { ${field}(first: 3, after: $after) ${connection} } } } }`;
const newestFirst = (table: string): Expected => ({ table, index: `${table}_tenantId_createdAt_idx`, on: ['tenantId'] });

/** A connection's first page and a later one (a keyset condition on top); `query` takes `$after`. */
const firstAndNextPage = (name: string, subgraph: SubgraphName, query: string, expected: Expected[]): ListCase[] => [
  { name: `${name}, first page`, subgraph, query, expect: expected },
  { name: `${name}, next page`, subgraph, query, variables: { after: cursor }, expect: expected },
];

/** A tenant's newest-first connection with a `status` argument: its pages, and by status. */
function withStatus(subgraph: SubgraphName, field: string, table: string, status: string): ListCase[] {
  const query = (args = '') => `query($after: String) { ${field}(first: 20, after: $after${args}) ${connection} }`;
  return [
    ...firstAndNextPage(field, subgraph, query(), [newestFirst(table)]),
    {
      name: `${field} by status`,
      subgraph,
      query: query(`, status: ${status}`),
      expect: [{ table, index: `${table}_tenantId_status_createdAt_idx`, on: ['tenantId', 'status'] }],
    },
  ];
}

describe('users (EXPLAIN)', () => {
  const users = (filter = '') => `query($after: String) { users(first: 20, after: $after${filter}) ${connection} }`;
  // A tenant has at most its user quota (Tenant.maxUsers) of users, so the role, active and search
  // filters read just the tenant's users through either of its indexes and filter those.
  const tenantUsers = { table: 'User', index: ['User_tenantId_createdAt_idx', 'User_tenantId_email_key'], on: ['tenantId'] };
  it.each<ListCase>([
    ...firstAndNextPage('users', 'users', users(), [newestFirst('User')]),
    { name: 'users by role', subgraph: 'users', query: users(', filter: { role: BANK_OFFICER }'), expect: [tenantUsers] },
    { name: 'inactive users', subgraph: 'users', query: users(', filter: { active: false }'), expect: [tenantUsers] },
    { name: 'users by name or email', subgraph: 'users', query: users(', filter: { search: "customer00" }'), expect: [tenantUsers] },
  ])('$name', expectIndexedList);
});

describe('catalog (EXPLAIN)', () => {
  const ownOrders = (status: string) => `query($after: String) { orders(first: 20, after: $after${status}) ${connection} }`;
  const byCustomer = { table: 'Order', index: 'Order_tenantId_customerId_createdAt_idx', on: ['tenantId', 'customerId'] };
  it.each<ListCase>([
    ...withStatus('catalog', 'orders', 'Order', 'CONFIRMED'),
    // A customer sees only their own orders.
    { name: "a customer's orders", subgraph: 'catalog', caller: 'customer', query: ownOrders(''), expect: [byCustomer] },
    {
      name: "a customer's orders by status, next page",
      subgraph: 'catalog',
      caller: 'customer',
      query: ownOrders(', status: DELIVERED'),
      variables: { after: cursor },
      expect: [byCustomer],
    },
    // Nested lists ranked per parent in one statement, then loaded by id.
    ...firstAndNextPage('User.orders', 'catalog', nestedPage('users', 'orders'), [byCustomer]),
    {
      name: 'User.reviews',
      subgraph: 'catalog',
      query: nestedPage('users', 'reviews'),
      expect: [{ table: 'Review', index: 'Review_tenantId_authorId_createdAt_idx', on: ['tenantId', 'authorId'] }],
    },
    {
      name: 'Product.reviews, with rating and count',
      subgraph: 'catalog',
      query: eachOf('products', `reviews(first: 3) ${connection} averageRating reviewCount`),
      // Both indexes lead with the product: either reads just the named products' reviews.
      expect: [{ table: 'Review', index: ['Review_productId_createdAt_idx', 'Review_productId_authorId_key'], on: ['productId'] }],
    },
    {
      name: 'Product.stockMovements',
      subgraph: 'catalog',
      query: eachOf('products', `stockMovements(first: 3) ${connection}`),
      expect: [{ table: 'StockMovement', index: 'StockMovement_tenantId_productId_createdAt_idx', on: ['tenantId', 'productId'] }],
    },
    // Nested lists loaded for every parent at once.
    {
      name: 'Product.inventory',
      subgraph: 'catalog',
      query: eachOf('products', 'inventory { id }'),
      expect: [{ table: 'Inventory', index: 'Inventory_productId_location_key', on: ['productId'] }],
    },
    {
      name: 'Order.items and Order.payments',
      subgraph: 'catalog',
      query: eachOf('orders', 'items { id } payments { id }'),
      expect: [
        { table: 'OrderItem', index: 'OrderItem_orderId_idx', on: ['orderId'] },
        { table: 'Payment', index: 'Payment_orderId_idx', on: ['orderId'] },
      ],
    },
    {
      name: 'categories and Category.children',
      subgraph: 'catalog',
      query: '{ categories { id children { id } } }',
      expect: [
        { table: 'Category', index: 'Category_tenantId_slug_key', on: ['tenantId'] },
        { table: 'Category', index: 'Category_parentId_idx', on: ['parentId'] },
      ],
    },
  ])('$name', expectIndexedList);
});

describe('shipping (EXPLAIN)', () => {
  it.each<ListCase>([
    ...withStatus('shipping', 'manifests', 'Manifest', 'SUBMITTED'),
    {
      name: 'Manifest.items, Manifest.orders and Manifest.quotes',
      subgraph: 'shipping',
      query: eachOf('manifests', 'items { id } orders { id } quotes { id } all: quotes(includeSuperseded: true) { id }'),
      expect: [
        { table: 'ManifestItem', index: 'ManifestItem_manifestId_idx', on: ['manifestId'] },
        { table: 'ManifestOrder', index: 'ManifestOrder_pkey', on: ['manifestId'] },
        { table: 'RateQuote', index: 'RateQuote_manifestId_total_idx', on: ['manifestId'] },
      ],
    },
    {
      name: 'Order.manifests',
      subgraph: 'shipping',
      query: eachOf('orders', 'manifests { id }'),
      expect: [{ table: 'ManifestOrder', index: 'ManifestOrder_tenantId_orderId_idx', on: ['tenantId', 'orderId'] }],
    },
    {
      name: 'carriers, active and all, and Carrier.rateCards',
      subgraph: 'shipping',
      query: '{ carriers { id rateCards { id } } all: carriers(includeInactive: true) { id } }',
      expect: [
        { table: 'Carrier', index: 'Carrier_tenantId_code_key', on: ['tenantId'] },
        { table: 'RateCard', index: 'RateCard_carrierId_service_zone_currency_key', on: ['carrierId'] },
      ],
    },
  ])('$name', expectIndexedList);
});

describe('exports (EXPLAIN)', () => {
  const waiting = { table: 'Export', index: 'Export_tenantId_currentStage_stageEnteredAt_idx', on: ['tenantId', 'currentStage'] };
  it.each<ListCase>([
    ...withStatus('exports', 'exports', 'Export', 'IN_REVIEW'),
    ...firstAndNextPage(
      'pendingApprovals by stage',
      'exports',
      `query($after: String) { pendingApprovals(stage: CUSTOMS_CLEARANCE, first: 20, after: $after) ${connection} }`,
      [waiting],
    ),
    {
      name: "User.pendingApprovals (the officer's own stages)",
      subgraph: 'exports',
      caller: 'fxOfficer',
      query: `{ me { pendingApprovals(first: 20) ${connection} } }`,
      expect: [waiting],
    },
    {
      name: 'Export.approvals, history, goods and documents',
      subgraph: 'exports',
      query: eachOf('exports', 'approvals { stage } history { sequence } goods { lineNo } documents(type: INVOICE) { id }'),
      expect: [
        { table: 'ExportApproval', index: 'ExportApproval_exportId_stage_key', on: ['exportId'] },
        { table: 'ExportStatusChange', index: 'ExportStatusChange_exportId_sequence_key', on: ['exportId'] },
        { table: 'ExportGoodsLine', index: 'ExportGoodsLine_exportId_lineNo_key', on: ['exportId'] },
        { table: 'ExportDocument', index: 'ExportDocument_exportId_type_sha256_key', on: ['exportId'] },
      ],
    },
    {
      name: 'Order.export',
      subgraph: 'exports',
      query: eachOf('orders', 'export { id }'),
      expect: [{ table: 'Export', index: 'Export_tenantId_orderId_idx', on: ['tenantId', 'orderId'] }],
    },
    {
      name: 'Manifest.export',
      subgraph: 'exports',
      query: eachOf('manifests', 'export { id }'),
      expect: [{ table: 'Export', index: 'Export_tenantId_manifestId_idx', on: ['tenantId', 'manifestId'] }],
    },
    {
      name: 'exportLicenses, all and by status',
      subgraph: 'exports',
      query: '{ exportLicenses(status: ACTIVE) { id } all: exportLicenses { id } }',
      // The tenant's licences through the per-tenant unique key on (tenantId, number).
      expect: [{ table: 'ExportLicense', index: 'ExportLicense_tenantId_number_key', on: ['tenantId'] }],
    },
    {
      name: 'ExporterProfile.licenses',
      subgraph: 'exports',
      query: '{ exporterProfile { licenses { id } } }',
      expect: [{ table: 'ExportLicense', index: 'ExportLicense_tenantId_exporterProfileId_idx', on: ['tenantId', 'exporterProfileId'] }],
    },
  ])('$name', expectIndexedList);
});

describe('audit (EXPLAIN)', () => {
  const events = (filter: string) => `query($after: String) { auditEvents(first: 20, after: $after, filter: ${filter}) ${connection} }`;
  const byFilter = (column: string) => ({
    table: 'AuditEvent',
    index: `AuditEvent_tenantId_${column}_occurredAt_idx`,
    on: ['tenantId', column],
  });
  const inTimeOrder = { table: 'AuditEvent', index: 'AuditEvent_tenantId_occurredAt_idx', on: ['tenantId'] };
  const ofEntity = { table: 'AuditEvent', index: 'AuditEvent_tenantId_entityId_occurredAt_idx', on: ['tenantId', 'entityId'] };
  it.each<ListCase>([
    ...firstAndNextPage('auditEvents', 'audit', events('{}'), [inTimeOrder]),
    {
      name: 'auditEvents in a time range',
      subgraph: 'audit',
      query: events(`{ from: "${month.from}", to: "${month.to}" }`),
      expect: [{ ...inTimeOrder, on: ['tenantId', 'occurredAt'] }],
    },
    // One customer of the first tenant (the volume world's ids are fixed).
    {
      name: 'auditEvents by actor',
      subgraph: 'audit',
      query: events(`{ actorId: "${volumeId(2, 1, 20)}" }`),
      expect: [byFilter('actorId')],
    },
    { name: 'auditEvents by action', subgraph: 'audit', query: events('{ action: "export.submitted" }'), expect: [byFilter('action')] },
    { name: 'auditEvents by severity', subgraph: 'audit', query: events('{ severity: CRITICAL }'), expect: [byFilter('severity')] },
    // A type that is a small share of the log: for the commonest types, reading the newest events
    // and filtering them finds a page sooner, and the planner does that.
    { name: 'auditEvents by entity type', subgraph: 'audit', query: events('{ entityType: "Order" }'), expect: [byFilter('entityType')] },
    {
      name: 'auditEvents of one entity',
      subgraph: 'audit',
      query: events(`{ entityType: "Order", entityId: "${volumeId(7, 1, 10)}" }`),
      expect: [ofEntity],
    },
    {
      name: 'auditSummary over a time range',
      subgraph: 'audit',
      query: `{ auditSummary(from: "${month.from}", to: "${month.to}") { day count } }`,
      expect: [{ ...inTimeOrder, on: ['tenantId', 'occurredAt'] }],
    },
    // Trails ranked per entity in one statement; every audited type goes through the same code.
    ...firstAndNextPage('Order.auditTrail', 'audit', nestedPage('orders', 'auditTrail'), [ofEntity]),
    ...firstAndNextPage('Export.auditTrail', 'audit', nestedPage('exports', 'auditTrail'), [ofEntity]),
  ])('$name', expectIndexedList);
});
