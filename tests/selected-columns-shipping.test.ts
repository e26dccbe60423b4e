import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLicenses, manifests, moreManifests, users } from '../prisma/demo-world.ts';
import {
  columnsRead,
  expectEveryFieldAnsweredAsFromFullRows,
  readsOf,
  statementsDuring,
  withEveryColumn,
} from './support/selected-columns.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/**
 * The shipping subgraph reads only the Manifest and ManifestItem columns of the fields an operation
 * selects. Proven as for catalog products (tests/selected-columns.test.ts): the statements leave the
 * other columns out, and every field, alone or among all, answers exactly as when every column is
 * read, on every path that loads the rows: the manifests page, manifests by id, an order's manifests
 * (entity batches from the gateway), references from the exports subgraph, and items below them.
 */
let graph: TestStack;
let token: string;

/** The acme manifests of the demo world; exports reference all three once beforeAll has run. */
const acmeManifests = [manifests.coffeeToGermany, manifests.textilesToUs, moreManifests.coffeeToJapan];

beforeAll(async () => {
  // No response cache: the answers compared must both come from the subgraphs.
  graph = await startTestStack({ RESPONSE_CACHE_ENABLED: 'false' });
  token = await graph.login(users.acmeAdmin.email);
  // The demo world has exports for two manifests; a third makes the reference batch worth comparing.
  const goods = [{ description: 'Sidamo green coffee', hsCode: '0901.11', quantity: 4, weightKg: '240.000', value: '1980.00' }];
  await graph.ok(
    `mutation Create($input: CreateExportInput!) { createExport(input: $input) { id } }`,
    await graph.login(users.acmeManager.email),
    {
      input: {
        manifestId: moreManifests.coffeeToJapan.id,
        licenseId: exportLicenses.acmeGeneral.id,
        buyer: { name: 'Tokyo Roasters KK', country: 'JP' },
        destinationCountry: 'JP',
        currency: 'USD',
        incoterm: 'CIP',
        goods,
        declaredValue: '1980.00',
      },
    },
  );
});
afterAll(async () => {
  await graph?.close();
});

type Node = Record<string, unknown> & { id: string };
type ManifestsPage = { manifests: { edges: { node: Node & { items: Node[] } }[] } };
type OrdersPage = { orders: { edges: { node: { manifests: (Node & { items: Node[] })[] } }[] } };
type ExportsPage = { exports: { edges: { node: { manifest: Node | null } }[] } };

const page = (selection: string) => `{ manifests(first: 10) { edges { node { id ${selection} } } } }`;
const byIds = (selection: string) =>
  `{ ${acmeManifests.map((manifest, n) => `m${n}: manifest(id: "${manifest.id}") { id ${selection} }`).join(' ')} }`;
const viaOrders = (selection: string) => `{ orders(first: 6) { edges { node { manifests { id ${selection} } } } } }`;
const viaExports = (selection: string) => `{ exports(first: 20) { edges { node { manifest { id ${selection} } } } } }`;

const pageNodes = (data: unknown) => (data as ManifestsPage).manifests.edges.map((edge) => edge.node);
const orderManifests = (data: unknown) => (data as OrdersPage).orders.edges.flatMap((edge) => edge.node.manifests);
const exportManifests = (data: unknown) =>
  (data as ExportsPage).exports.edges.flatMap((edge) => (edge.node.manifest ? [edge.node.manifest] : []));

const withShippingStatements = <T>(work: () => Promise<T>) => statementsDuring(graph, 'shipping', work);

/** The columns the one SELECT of `table` among the statements returns. */
function columnsOfOneRead(statements: string[], table: string): Set<string> {
  const reads = readsOf(statements, table);
  expect(reads).toHaveLength(1);
  return columnsRead(reads[0]!, table);
}

/** The columns of `table` an operation reads, selectively and with every column read. */
async function columnsReadBy(table: string, operation: string): Promise<{ selective: Set<string>; everyColumn: Set<string> }> {
  const run = async () => columnsOfOneRead((await withShippingStatements(() => graph.ok(operation, token))).statements, table);
  return { selective: await run(), everyColumn: await withEveryColumn(run) };
}

describe('Manifest', () => {
  it('a page of public ids and statuses reads no other column (every one of them without selection)', async () => {
    const reads = await columnsReadBy('Manifest', page('publicId status'));
    // createdAt: the page's keyset cursor, whatever is selected.
    expect(reads.selective).toEqual(new Set(['id', 'tenantId', 'publicId', 'status', 'createdAt']));
    expect(reads.everyColumn.size).toBe(26);
  });

  it('an order’s manifests, batched for the gateway, read only the selected columns', async () => {
    const reads = await columnsReadBy('Manifest', viaOrders('trackingNumber destinationCountry { name }'));
    expect(reads.selective).toEqual(new Set(['id', 'tenantId', 'trackingNumber', 'destinationCountry']));
  });

  it('on the manifests page: every field answers as from full rows', async () => {
    await expectEveryFieldAnsweredAsFromFullRows(graph, token, 'Manifest', page, (data) => pageNodes(data).length);
  });

  it('by id, three in one batch: every field answers as from full rows', async () => {
    await expectEveryFieldAnsweredAsFromFullRows(graph, token, 'Manifest', byIds, (data) => Object.keys(data as object).length);
  });

  it('through orders (Order.manifests, entity batches from the gateway): every field answers as from full rows', async () => {
    await expectEveryFieldAnsweredAsFromFullRows(graph, token, 'Manifest', viaOrders, (data) => orderManifests(data).length);
  });

  it('through exports (references from another subgraph): every field answers as from full rows', async () => {
    await expectEveryFieldAnsweredAsFromFullRows(graph, token, 'Manifest', viaExports, (data) => exportManifests(data).length);
  });
});

describe('ManifestItem', () => {
  const itemsOnPage = (selection: string) => page(`items { id ${selection} }`);
  const itemsViaOrders = (selection: string) => viaOrders(`items { id ${selection} }`);

  it('items with descriptions and quantities read no other column (every one of them without selection)', async () => {
    const reads = await columnsReadBy('ManifestItem', itemsOnPage('description quantity'));
    // manifestId: the items are grouped under their manifests by it.
    expect(reads.selective).toEqual(new Set(['id', 'tenantId', 'manifestId', 'description', 'quantity']));
    expect(reads.everyColumn.size).toBe(12);
  });

  it('on the manifests page: every field answers as from full rows', async () => {
    await expectEveryFieldAnsweredAsFromFullRows(graph, token, 'ManifestItem', itemsOnPage, (data) =>
      pageNodes(data).reduce((sum, manifest) => sum + manifest.items.length, 0),
    );
  });

  it('through orders: every field answers as from full rows', async () => {
    await expectEveryFieldAnsweredAsFromFullRows(graph, token, 'ManifestItem', itemsViaOrders, (data) =>
      orderManifests(data).reduce((sum, manifest) => sum + manifest.items.length, 0),
    );
  });
});

describe('one batch asking for the same rows with different columns', () => {
  it('reads the union of their columns in one statement per table and answers each selection in full', async () => {
    const [first, second] = [manifests.coffeeToGermany, moreManifests.coffeeToJapan];
    const operation = `{
      narrow: manifest(id: "${first.id}") { id publicId items { id } }
      wide: manifest(id: "${first.id}") { id publicId trackingNumber totalValue items { id description hsCode value } }
      other: manifest(id: "${second.id}") { id status items { id quantity } }
    }`;
    type Answer = Record<'narrow' | 'wide' | 'other', Node & { items: Node[] }>;
    const { result: data, statements } = await withShippingStatements(() => graph.ok<Answer>(operation, token));
    expect(data).toEqual(await withEveryColumn(() => graph.ok(operation, token)));
    // The narrow and wide loads of one manifest share a batch, so one statement reads the union of their columns.
    expect(columnsOfOneRead(statements, 'Manifest')).toEqual(
      new Set(['id', 'tenantId', 'publicId', 'trackingNumber', 'totalValue', 'status']),
    );
    expect(columnsOfOneRead(statements, 'ManifestItem')).toEqual(
      new Set(['id', 'tenantId', 'manifestId', 'description', 'hsCode', 'value', 'quantity']),
    );
    expect(data.wide.trackingNumber).toBe(first.trackingNumber);
    expect(data.wide.items.every((item) => typeof item.description === 'string' && typeof item.hsCode === 'string')).toBe(true);
    expect(data.other.items.every((item) => typeof item.quantity === 'number')).toBe(true);
  });
});
