/**
 * The operation mix a storefront and a back office send, as request generators: every call gives
 * the next request with other variables and, round-robin over the signed-in users, another
 * token, so no two consecutive requests are identical and no de-duplication or cache can fake
 * throughput.
 */
import { print } from 'graphql';
import { ExportWithApprovalsDocument, LoginDocument, MyOrdersDocument, PlaceOrderDocument, CatalogPageDocument } from '@fed/sdk';
import { createClient } from '@fed/sdk';
import { volumeId, VOLUME_PASSWORD, type VolumeScale, type VolumeTenant } from '../../prisma/volume-world.ts';

export interface GeneratedRequest {
  body: string;
  headers: Record<string, string>;
}

export interface BenchOperation {
  name: string;
  /** What the operation reads, for the report. */
  description: string;
  /** Subgraphs it touches; a one-subgraph operation can also be sent to that subgraph directly. */
  subgraphs: string[];
  next(): GeneratedRequest;
}

export interface Signins {
  customers: { tenant: VolumeTenant; token: string }[];
  admins: { tenant: VolumeTenant; token: string }[];
}

/** Deterministic variety: a seeded generator, so two runs send the same sequence. */
function sequence(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % below;
  };
}

const request = (document: Parameters<typeof print>[0], variables: Record<string, unknown>, token: string): GeneratedRequest => ({
  body: JSON.stringify({ query: print(document), variables }),
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
});

/** Signs in `customersPerTenant` customers and the admin of every tenant, through `url` (the gateway). */
export async function signIn(url: string, tenants: VolumeTenant[], customersPerTenant: number): Promise<Signins> {
  const client = createClient({ url });
  const login = async (tenant: VolumeTenant, email: string) =>
    (await client.request(LoginDocument, { input: { tenantSlug: tenant.slug, email, password: VOLUME_PASSWORD } })).login.accessToken;
  const admins: Signins['admins'] = [];
  const perTenant: Signins['customers'][] = [];
  for (const tenant of tenants) {
    admins.push({ tenant, token: await login(tenant, tenant.adminEmail) });
    const signedIn: Signins['customers'] = [];
    for (const customer of tenant.customers.slice(0, customersPerTenant))
      signedIn.push({ tenant, token: await login(tenant, customer.email) });
    perTenant.push(signedIn);
  }
  // Interleaved by tenant, so consecutive requests also come from different tenants.
  const customers = Array.from({ length: customersPerTenant }, (_, index) => perTenant.map((signedIn) => signedIn[index]))
    .flat()
    .filter((signin): signin is Signins['customers'][number] => signin !== undefined);
  return { customers, admins };
}

export function operationMix(scale: VolumeScale, signins: Signins, seed = 7): BenchOperation[] {
  const random = sequence(seed);
  let customerTurn = 0;
  let adminTurn = 0;
  const nextCustomer = () => signins.customers[customerTurn++ % signins.customers.length]!;
  const nextAdmin = () => signins.admins[adminTurn++ % signins.admins.length]!;
  const tenantNumber = (tenant: VolumeTenant) => Number(tenant.slug.slice(-2));
  const sorts = ['NEWEST', 'NAME_ASC', 'PRICE_ASC', 'PRICE_DESC'] as const;

  return [
    {
      name: 'catalog page',
      description: 'products(first: 20, sort, category filter) with category, stockStatus, averageRating, reviewCount, totalCount',
      subgraphs: ['catalog'],
      next() {
        const { tenant, token } = nextCustomer();
        const category = random(scale.categoriesPerTenant + 1);
        return request(
          CatalogPageDocument,
          {
            first: 20,
            sort: sorts[random(sorts.length)],
            ...(category > 0 ? { filter: { categoryId: volumeId(3, tenantNumber(tenant), category) } } : {}),
          },
          token,
        );
      },
    },
    {
      name: 'my orders',
      // A customer reads no manifests or exports (README "Who may read what"), so since #16 their
      // orders are asked for without them; figures before and after that are not comparable.
      description: 'orders(first: 5..15) with items → product',
      subgraphs: ['catalog'],
      next() {
        const { token } = nextCustomer();
        return request(MyOrdersDocument, { first: 5 + random(11) }, token);
      },
    },
    {
      name: 'export review',
      description: 'export(id) with order → customer, goods, documents, approvals → decidedBy, history, auditTrail(first: 10) → actor',
      subgraphs: ['exports', 'catalog', 'users', 'audit'],
      next() {
        const { tenant, token } = nextAdmin();
        return request(ExportWithApprovalsDocument, { id: tenant.exportIds[random(tenant.exportIds.length)]!, trailFirst: 10 }, token);
      },
    },
    {
      name: 'placeOrder',
      description: 'placeOrder with 1–3 lines of 1 unit (stock reserved, audit event in the outbox)',
      subgraphs: ['catalog'],
      next() {
        const { tenant, token } = nextCustomer();
        const lines = 1 + random(3);
        const first = random(tenant.productIds.length - lines);
        return request(
          PlaceOrderDocument,
          { input: { items: tenant.productIds.slice(first, first + lines).map((productId) => ({ productId, quantity: 1 })) } },
          token,
        );
      },
    },
  ];
}

/** The weights of the mixed run: mostly browsing, a few orders. */
export const MIX_WEIGHTS: Record<string, number> = { 'catalog page': 45, 'my orders': 35, 'export review': 15, placeOrder: 5 };
