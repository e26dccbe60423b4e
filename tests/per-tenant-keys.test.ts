import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exporterProfiles, products, tenants, users } from '../prisma/demo-world.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

/**
 * Business keys are unique per tenant and numbers are counted per tenant (#17 item 5): no tenant
 * learns from a refusal that another tenant holds a value, or from its own numbers how many orders
 * or exports the others have.
 */
let graph: TestStack;
let alice: string;
let carol: string;

beforeAll(async () => {
  graph = await startTestStack();
  alice = await graph.login(users.alice.email);
  carol = await graph.login(users.carol.email, 'globex');
}, 120_000);

afterAll(async () => {
  await graph?.close();
});

const PLACE = 'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id number total currency } }';
const CAPTURE = 'mutation ($input: CapturePaymentInput!) { capturePayment(input: $input) { id } }';
type Placed = { placeOrder: { id: string; number: string; total: string; currency: string } };

const orderNumber = (number: string) => Number(/^ORD-(\d+)$/.exec(number)?.[1]);

describe('per-tenant keys and numbers', () => {
  it("numbers orders per tenant: one tenant placing orders does not move the other's numbers", async () => {
    const acmeFirst = await graph.ok<Placed>(PLACE, alice, { input: { items: [{ productId: products.blanket.id, quantity: 1 }] } });
    const globexFirst = await graph.ok<Placed>(PLACE, carol, { input: { items: [{ productId: products.pepper.id, quantity: 1 }] } });
    for (let order = 0; order < 3; order += 1) {
      await graph.ok<Placed>(PLACE, alice, { input: { items: [{ productId: products.blanket.id, quantity: 1 }] } });
    }
    const globexSecond = await graph.ok<Placed>(PLACE, carol, { input: { items: [{ productId: products.pepper.id, quantity: 1 }] } });
    // Three acme orders in between, and globex's next number is still its own next one.
    expect(orderNumber(globexSecond.placeOrder.number)).toBe(orderNumber(globexFirst.placeOrder.number) + 1);
    const acmeNext = await graph.ok<Placed>(PLACE, alice, { input: { items: [{ productId: products.blanket.id, quantity: 1 }] } });
    expect(orderNumber(acmeNext.placeOrder.number)).toBe(orderNumber(acmeFirst.placeOrder.number) + 4);
    // Both counters continue after the numbers each tenant already had (the seeded orders).
    const [seededMax] = await graph.stack.subgraphs.catalog.sql.query<{ tenants: number }>(
      `SELECT count(DISTINCT "tenantId")::int AS tenants FROM "OrderNumberCounter"`,
    );
    expect(seededMax?.tenants).toBeGreaterThanOrEqual(2);
  });

  it('accepts the same external payment id in two tenants, and still refuses it twice in one', async () => {
    const externalTransactionId = `psp-${randomUUID()}`;
    const capture = async (token: string, order: Placed['placeOrder']) =>
      graph.query(CAPTURE, {
        token,
        variables: {
          input: {
            orderId: order.id,
            amount: '1.00',
            currency: order.currency,
            method: 'CARD',
            externalTransactionId,
            idempotencyKey: `key-${randomUUID()}`,
          },
        },
      });
    const acmeOrder = (await graph.ok<Placed>(PLACE, alice, { input: { items: [{ productId: products.blanket.id, quantity: 1 }] } }))
      .placeOrder;
    const globexOrder = (await graph.ok<Placed>(PLACE, carol, { input: { items: [{ productId: products.pepper.id, quantity: 1 }] } }))
      .placeOrder;
    expect((await capture(alice, acmeOrder)).errors).toBeUndefined();
    expect((await capture(carol, globexOrder)).errors).toBeUndefined();
    const again = await capture(alice, acmeOrder);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('keeps licence numbers and export references unique per tenant only', async () => {
    const sql = graph.stack.subgraphs.exports.sql;
    const [acmeLicence] = await sql.query<{ number: string; exporterProfileId: string }>(
      `SELECT "number", "exporterProfileId" FROM "ExportLicense" WHERE "tenantId" = $1 LIMIT 1`,
      [tenants.acme.id],
    );
    expect(acmeLicence).toBeDefined();
    // Another tenant records a licence with the same number: the database accepts it.
    await sql.query(
      `INSERT INTO "ExporterProfile" ("id", "tenantId", "legalName", "registrationNo", "country", "status", "updatedAt")
       VALUES ($1, $2, 'Globex Exports', 'GX-1', 'US', 'PENDING', now()) ON CONFLICT ("tenantId") DO NOTHING`,
      [randomUUID(), tenants.globex.id],
    );
    const [{ id: globexProfile } = { id: '' }] = await sql.query<{ id: string }>(
      `SELECT "id" FROM "ExporterProfile" WHERE "tenantId" = $1`,
      [tenants.globex.id],
    );
    await sql.query(
      `INSERT INTO "ExportLicense" ("id", "tenantId", "exporterProfileId", "number", "issuingAuthority", "hsCodePrefixes", "destinationCountries",
         "quotaUnit", "annualQuota", "quotaCurrency", "validFrom", "validUntil", "updatedAt")
       SELECT $1, $2, $3, "number", "issuingAuthority", "hsCodePrefixes", "destinationCountries", "quotaUnit", "annualQuota", "quotaCurrency", "validFrom", "validUntil", now()
       FROM "ExportLicense" WHERE "number" = $4 AND "tenantId" = $5`,
      [randomUUID(), tenants.globex.id, globexProfile, acmeLicence!.number, tenants.acme.id],
    );
    const [count] = await sql.query<{ licences: number }>(`SELECT count(*)::int AS licences FROM "ExportLicense" WHERE "number" = $1`, [
      acmeLicence!.number,
    ]);
    expect(count?.licences).toBe(2);
    // Within one tenant the number is still unique.
    await expect(
      sql.query(
        `INSERT INTO "ExportLicense" ("id", "tenantId", "exporterProfileId", "number", "issuingAuthority", "hsCodePrefixes", "destinationCountries",
           "quotaUnit", "annualQuota", "quotaCurrency", "validFrom", "validUntil", "updatedAt")
         SELECT $1, "tenantId", "exporterProfileId", "number", "issuingAuthority", "hsCodePrefixes", "destinationCountries", "quotaUnit", "annualQuota", "quotaCurrency", "validFrom", "validUntil", now()
         FROM "ExportLicense" WHERE "number" = $2 AND "tenantId" = $3`,
        [randomUUID(), acmeLicence!.number, tenants.acme.id],
      ),
    ).rejects.toThrow(/ExportLicense_tenantId_number_key/);
    // Export references count per tenant and year: acme's counter continues after its seeded
    // references, and globex, which has none, has no counter yet (its first will be number 1).
    const counters = await sql.query<{ tenantId: string; lastNumber: number }>(
      `SELECT "tenantId", "lastNumber" FROM "ExportReferenceCounter"`,
    );
    expect(counters.find((counter) => counter.tenantId === exporterProfiles.acme.tenantId)?.lastNumber).toBeGreaterThanOrEqual(3);
    expect(counters.find((counter) => counter.tenantId === tenants.globex.id)).toBeUndefined();
  });
});
