import { randomBytes, randomUUID } from 'node:crypto';
import { createLogger, type AuditEventPayload } from '@fed/service-kit';
import { CredentialsCipher, applyCatalogEvent, parseCredentialsKeys, type ShippingClient } from '@fed/subgraph-shipping';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { carriers, products, tenants, users } from '../prisma/demo-world.ts';
import { startTestStack, type GraphQLResponse, type TestStack } from './support/stack.ts';

/** Every secret this file sends; none may come back in a response, a log line or an audit event. */
const secrets: string[] = [];
const secret = () => {
  const value = `sk_live_${randomUUID().replaceAll('-', '')}`;
  secrets.push(value);
  return value;
};

const KEY = randomBytes(32).toString('base64');
const logLines: string[] = [];
const responses: string[] = [];
let graph: TestStack;
const tokens = { admin: '', manager: '', viewer: '', officer: '', globex: '' };

beforeAll(async () => {
  graph = await startTestStack(
    { CARRIER_CREDENTIALS_KEY: KEY, LOG_LEVEL: 'debug' },
    { logger: createLogger({ service: 'stack', level: 'debug', sink: (line) => logLines.push(line) }) },
  );
  tokens.admin = await graph.login(users.acmeAdmin.email);
  tokens.manager = await graph.login(users.acmeManager.email);
  tokens.viewer = await graph.login(users.acmeViewer.email);
  tokens.officer = await graph.login(users.shippingOfficer.email);
  tokens.globex = await graph.login(users.globexAdmin.email, 'globex');
});
afterAll(async () => {
  await graph?.close();
});

/** graph.query, keeping every response body for the final leak check. */
async function query<Data = Record<string, unknown>>(text: string, token: string, variables: Record<string, unknown> = {}) {
  const result = await graph.query<Data>(text, { token, variables });
  responses.push(JSON.stringify(result));
  return result;
}

function expectError(result: GraphQLResponse, code: string, message: string) {
  expect(result.errors, JSON.stringify(result.data)).toBeDefined();
  expect(result.errors![0]!.extensions!.code).toBe(code);
  expect(result.errors![0]!.message).toContain(message);
}

const CARRIER = 'id code name services apiEndpoint hasCredentials credentialsUpdatedAt active createdAt rateCards { service zone }';
const CREATE = `mutation ($input: CreateCarrierInput!) { createCarrier(input: $input) { ${CARRIER} } }`;
const SET_CREDENTIALS = `mutation ($id: ID!, $secret: String!) { setCarrierCredentials(id: $id, apiCredentials: $secret) { ${CARRIER} } }`;

const storedEnvelope = async (id: string) =>
  (
    await graph.stack.subgraphs.shipping.sql.query<{ value: string }>(
      'SELECT "apiCredentialsEncrypted" AS value FROM "Carrier" WHERE "id" = $1',
      [id],
    )
  )[0]!.value;

interface CarrierView {
  id: string;
  code: string;
  hasCredentials: boolean;
  credentialsUpdatedAt: string | null;
  apiEndpoint: string;
}

let fedex: CarrierView;

describe('carrier API credentials', () => {
  it('are stored only as AES-256-GCM ciphertext under the configured key, and are write-only in the graph', async () => {
    const first = secret();
    const created = await query<{ createCarrier: CarrierView }>(CREATE, tokens.admin, {
      input: {
        code: 'fedex',
        name: 'FedEx',
        services: ['priority', 'ECONOMY'],
        apiEndpoint: 'https://apis.fedex.example/v1',
        apiCredentials: first,
      },
    });
    expect(created.errors).toBeUndefined();
    fedex = created.data!.createCarrier;
    expect(fedex).toMatchObject({ code: 'FEDEX', hasCredentials: true, apiEndpoint: 'https://apis.fedex.example/v1' });

    const envelope = await storedEnvelope(fedex.id);
    expect(envelope).toMatch(/^v1\./);
    expect(envelope).not.toContain(first);
    const cipher = new CredentialsCipher(parseCredentialsKeys(KEY)!);
    expect(cipher.decrypt(envelope, { tenantId: tenants.acme.id, carrierId: fedex.id })).toBe(first);

    const replacement = secret();
    const replaced = await query<{ setCarrierCredentials: CarrierView }>(SET_CREDENTIALS, tokens.admin, {
      id: fedex.id,
      secret: replacement,
    });
    expect(replaced.errors).toBeUndefined();
    expect(replaced.data!.setCarrierCredentials.hasCredentials).toBe(true);
    expect(cipher.decrypt(await storedEnvelope(fedex.id), { tenantId: tenants.acme.id, carrierId: fedex.id })).toBe(replacement);

    // No field of the graph can return them.
    const type = await query<{ __type: { fields: { name: string }[] } }>('{ __type(name: "Carrier") { fields { name } } }', tokens.admin);
    expect(type.data!.__type.fields.map((field) => field.name).filter((name) => /credential|secret|key|token/i.test(name))).toEqual([
      'hasCredentials',
      'credentialsUpdatedAt',
    ]);
  });

  it('never appear in an error, whatever goes wrong', async () => {
    expectError(
      await query(SET_CREDENTIALS, tokens.viewer, { id: fedex.id, secret: secret() }),
      'FORBIDDEN',
      'requires one of the roles ADMIN',
    );
    expectError(
      await query(CREATE, tokens.manager, {
        input: { code: 'UPS', name: 'UPS', services: ['GROUND'], apiEndpoint: 'https://ups.example', apiCredentials: secret() },
      }),
      'FORBIDDEN',
      'Creating a carrier requires',
    );
    expectError(
      await query(CREATE, tokens.admin, {
        input: { code: 'FEDEX', name: 'FedEx again', services: ['X1'], apiEndpoint: 'https://fedex.example', apiCredentials: secret() },
      }),
      'CONFLICT',
      'A carrier with the code FEDEX already exists',
    );
    expectError(
      await query(CREATE, tokens.admin, {
        input: {
          code: 'UPS',
          name: 'UPS',
          services: ['GROUND'],
          apiEndpoint: `https://acme:${secret()}@ups.example`,
          apiCredentials: secret(),
        },
      }),
      'BAD_USER_INPUT',
      'apiEndpoint: must be an https:// URL without user or password',
    );
    expectError(
      await query(SET_CREDENTIALS, tokens.admin, { id: fedex.id, secret: secret().repeat(200) }),
      'BAD_USER_INPUT',
      'apiCredentials: must be 1 to 4096 characters',
    );
    expectError(await query(SET_CREDENTIALS, tokens.admin, { id: randomUUID(), secret: secret() }), 'NOT_FOUND', 'Carrier');
    // Another tenant's admin cannot even learn that the carrier exists.
    expectError(
      await query(SET_CREDENTIALS, tokens.globex, { id: fedex.id, secret: secret() }),
      'NOT_FOUND',
      `Carrier ${fedex.id} was not found`,
    );
    const globexView = await query<{ carrier: null; carriers: { code: string }[] }>(
      `query ($id: ID!) { carrier(id: $id) { id } carriers { code } }`,
      tokens.globex,
      { id: fedex.id },
    );
    expect(globexView.data).toEqual({ carrier: null, carriers: [{ code: carriers.globexDhl.code }] });
  });

  it('are recorded in the audit outbox as changed, never as values', async () => {
    const events = await graph.stack.subgraphs.shipping.sql.query<{ payload: AuditEventPayload }>(
      `SELECT "payload" FROM "OutboxEvent" WHERE "payload"->>'entityId' = $1 ORDER BY "createdAt"`,
      [fedex.id],
    );
    expect(events.map((event) => event.payload.action)).toEqual(['carrier.created', 'carrier.credentials_replaced']);
    expect(events[1]!.payload).toMatchObject({ severity: 'NOTICE', tags: ['shipping', 'security'], actorId: users.acmeAdmin.id });
    const everything = JSON.stringify(await graph.stack.subgraphs.shipping.sql.query('SELECT "payload" FROM "OutboxEvent"'));
    for (const value of secrets) expect(everything).not.toContain(value);
  });
});

describe('rate cards', () => {
  const SAVE = `mutation ($input: RateCardInput!) { saveRateCard(input: $input) { id service zone currency baseAmount perKg fuelSurchargePct transitDays } }`;
  const card = {
    service: 'PRIORITY',
    zone: 'ASIA',
    currency: 'EUR',
    baseAmount: '40.00',
    perKg: '3.2500',
    perM3: '20',
    fuelSurchargePct: '11.5',
    insurancePct: '0.3',
    transitDays: 4,
  };

  it('are saved by admins and managers, validated against the carrier and the zones, and price manifests in their currency', async () => {
    const saved = await query<{ saveRateCard: Record<string, unknown> }>(SAVE, tokens.manager, { input: { ...card, carrierId: fedex.id } });
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.saveRateCard).toMatchObject({
      service: 'PRIORITY',
      zone: 'ASIA',
      currency: 'EUR',
      perKg: '3.2500',
      fuelSurchargePct: '11.5000',
    });
    // Saving the same carrier, service, zone and currency replaces the card.
    const resaved = await query<{ saveRateCard: { id: string; baseAmount: string } }>(SAVE, tokens.manager, {
      input: { ...card, carrierId: fedex.id, baseAmount: '42.00' },
    });
    expect(resaved.data!.saveRateCard).toMatchObject({ id: saved.data!.saveRateCard.id, baseAmount: '42.00' });

    expectError(
      await query(SAVE, tokens.manager, { input: { ...card, carrierId: fedex.id, service: 'OCEAN' } }),
      'BAD_USER_INPUT',
      "service: must be one of the carrier's services (PRIORITY, ECONOMY)",
    );
    expectError(
      await query(SAVE, tokens.manager, { input: { ...card, carrierId: fedex.id, zone: 'MARS' } }),
      'BAD_USER_INPUT',
      'zone: must be the shipping zone of a country',
    );
    expectError(
      await query(SAVE, tokens.manager, { input: { ...card, carrierId: fedex.id, fuelSurchargePct: '150' } }),
      'BAD_USER_INPUT',
      'fuelSurchargePct: must be at most 100',
    );
    expectError(
      await query(SAVE, tokens.manager, { input: { ...card, carrierId: fedex.id, transitDays: 0 } }),
      'BAD_USER_INPUT',
      'transitDays: must be at least 1',
    );
    expectError(
      await query(SAVE, tokens.globex, { input: { ...card, carrierId: fedex.id } }),
      'BAD_USER_INPUT',
      'carrierId: must be a carrier of your tenant',
    );
    expectError(await query(SAVE, tokens.viewer, { input: { ...card, carrierId: fedex.id } }), 'FORBIDDEN', 'Saving a rate card requires');

    // A EUR manifest to Japan is priced only by EUR cards of zone ASIA: the one just saved.
    const manifest = await query<{ createManifest: { id: string } }>(
      'mutation ($input: CreateManifestInput!) { createManifest(input: $input) { id } }',
      tokens.manager,
      {
        input: {
          originCountry: 'ET',
          destinationCountry: 'JP',
          currency: 'EUR',
          items: [{ productId: products.roasted.id, quantity: 10, value: '170.00' }],
        },
      },
    );
    const id = manifest.data!.createManifest.id;
    await query('mutation ($id: ID!) { submitManifest(id: $id) { id } }', tokens.manager, { id });
    await query('mutation ($id: ID!) { approveManifest(id: $id) { id } }', tokens.officer, { id });
    const QUOTE = 'mutation ($id: ID!) { quoteRates(manifestId: $id) { service total carrier { code } } }';
    const quoted = await query<{ quoteRates: { service: string; total: string; carrier: { code: string } }[] }>(QUOTE, tokens.officer, {
      id,
    });
    // 42.00 + 3.25 x 10 kg (32.50) + 0 m3 + 11.5% fuel of 74.50 (8.57) + 0.3% of 170.00 (0.51)
    expect(quoted.data!.quoteRates).toEqual([{ service: 'PRIORITY', total: '83.58', carrier: { code: 'FEDEX' } }]);

    // A carrier that is switched off quotes nothing.
    const off = await query(`mutation ($id: ID!) { updateCarrier(id: $id, input: { active: false }) { active } }`, tokens.admin, {
      id: fedex.id,
    });
    expect(off.data).toEqual({ updateCarrier: { active: false } });
    expect((await query<{ quoteRates: unknown[] }>(QUOTE, tokens.officer, { id })).data!.quoteRates).toEqual([]);
  });
});

describe('the product replica', () => {
  const shippingDb = () => graph.stack.subgraphs.shipping.client as ShippingClient;
  const event = (action: string, product: Record<string, unknown>, occurredAt: string, tenantId = tenants.acme.id): AuditEventPayload => ({
    eventId: randomUUID(),
    tenantId,
    actorId: null,
    actorRole: null,
    service: 'catalog',
    action,
    entityType: 'Product',
    entityId: product.id as string,
    before: null,
    after: { tenantId, sku: 'TEA-GRN-1', name: 'Green tea, 1 kg', hsCode: '0902.10', weightKg: '1.250', status: 'ACTIVE', ...product },
    requestId: null,
    ip: null,
    userAgent: null,
    severity: 'INFO',
    tags: [],
    occurredAt,
  });
  const ADD =
    'mutation ($id: ID!, $item: ManifestItemInput!) { addManifestItem(manifestId: $id, input: $item) { totalWeightKg items { description hsCode weightKg } } }';

  it("decides which products a tenant can ship, following the catalog's events", async () => {
    const tea = randomUUID();
    const draft = await query<{ createManifest: { id: string } }>(
      'mutation ($input: CreateManifestInput!) { createManifest(input: $input) { id } }',
      tokens.manager,
      { input: { originCountry: 'ET', destinationCountry: 'SA', currency: 'USD' } },
    );
    const id = draft.data!.createManifest.id;
    const item = { productId: tea, quantity: 4, value: '60.00' };
    expectError(await query(ADD, tokens.manager, { id, item }), 'BAD_USER_INPUT', 'productId: must be a product of your tenant');

    expect(await applyCatalogEvent(shippingDb(), event('product.created', { id: tea }, '2026-05-01T08:00:00.000Z'))).toBe('applied');
    const added = await query<{ addManifestItem: { totalWeightKg: string; items: unknown[] } }>(ADD, tokens.manager, { id, item });
    expect(added.data!.addManifestItem).toEqual({
      totalWeightKg: '5.000',
      items: [{ description: 'Green tea, 1 kg', hsCode: '0902.10', weightKg: '5.000' }],
    });

    // Deleted in the catalog: no longer shippable, and a late, older update does not bring it back.
    expect(await applyCatalogEvent(shippingDb(), event('product.deleted', { id: tea }, '2026-05-02T08:00:00.000Z'))).toBe('applied');
    expect(await applyCatalogEvent(shippingDb(), event('product.updated', { id: tea, name: 'late' }, '2026-05-01T09:00:00.000Z'))).toBe(
      'stale',
    );
    expectError(await query(ADD, tokens.manager, { id, item }), 'BAD_USER_INPUT', 'productId: must be an active product');

    // Another tenant's product, even freshly replicated, is not ours.
    const spice = randomUUID();
    await applyCatalogEvent(shippingDb(), event('product.created', { id: spice }, '2026-05-01T08:00:00.000Z', tenants.globex.id));
    expectError(
      await query(ADD, tokens.manager, { id, item: { ...item, productId: spice } }),
      'BAD_USER_INPUT',
      'productId: must be a product of your tenant',
    );
  });
});

describe('logs and responses', () => {
  it('never contain a carrier credential', () => {
    // Storing credentials is logged (who, which carrier), so the logs are there to be searched.
    const stored = logLines.filter((line) => line.includes('carrier credentials stored'));
    expect(stored).toHaveLength(2);
    expect(stored.every((line) => line.includes(fedex.id) && line.includes(users.acmeAdmin.id))).toBe(true);
    expect(secrets.length).toBeGreaterThanOrEqual(10);
    const logs = logLines.join('\n');
    const bodies = responses.join('\n');
    for (const value of secrets) {
      expect(logs).not.toContain(value);
      expect(bodies).not.toContain(value);
    }
  });
});
