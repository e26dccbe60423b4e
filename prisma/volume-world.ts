/**
 * The volume world: a large, reproducible data set for the benchmark and for the tests that prove
 * SQL statements per operation do not grow with list sizes. Everything derives from a scale and a
 * seed, so the same arguments always produce the same rows and the same ids; ids line up across
 * the five databases the way federation keys do.
 *
 * Rows are typed as the subgraphs' Prisma create inputs and written in bulk (one JSON parameter per
 * slice of rows; building Prisma's parameter per value costs minutes at this size), with every
 * trigger and constraint in force (stock through the ledger, manifests created as DRAFT and then moved along, approvals in
 * stage order, audit events hash-chained), so the data is data the services could have written.
 * Historic orders do not move stock: the ledger holds only the opening balances.
 */
import type { SqlClient, SubgraphName } from '@fed/service-kit';
import type { Prisma as AuditRows } from '../subgraphs/audit/src/generated/prisma/client.ts';
import type { Prisma as CatalogRows } from '../subgraphs/catalog/src/generated/prisma/client.ts';
import { APPROVAL_CHAIN } from '../subgraphs/exports/src/approvals/stages.ts';
import type { ExportStatus, Prisma as ExportsRows } from '../subgraphs/exports/src/generated/prisma/client.ts';
import type { Prisma as ShippingRows } from '../subgraphs/shipping/src/generated/prisma/client.ts';
import type { Prisma as UsersRows } from '../subgraphs/users/src/generated/prisma/client.ts';
import { hashPassword } from '../subgraphs/users/src/sessions/passwords.ts';
import { chainSeedEvents, type AuditSeedEvent, type ChainHeads } from './audit/seed.ts';

export interface VolumeScale {
  tenants: number;
  /** Per tenant: an admin, a manager/exporter, five agency officers, the rest customers. */
  usersPerTenant: number;
  productsPerTenant: number;
  categoriesPerTenant: number;
  ordersPerTenant: number;
  maxItemsPerOrder: number;
  /** Every n-th order ships on a manifest of its own. */
  manifestEvery: number;
  /** Every n-th order is exported. */
  exportEvery: number;
  reviewsPerProduct: number;
}

/** What `npm run bench` seeds: 20 tenants, 5,000 users, 20,000 products, 100,000 orders. */
export const BENCH_SCALE: VolumeScale = {
  tenants: 20,
  usersPerTenant: 250,
  productsPerTenant: 1000,
  categoriesPerTenant: 12,
  ordersPerTenant: 5000,
  maxItemsPerOrder: 4,
  manifestEvery: 5,
  exportEvery: 20,
  reviewsPerProduct: 2,
};

export const VOLUME_PASSWORD = 'volume-password-1';

/** The first seven users of every tenant; the rest are customers. */
const STAFF = [
  ['admin', ['ADMIN']],
  ['manager', ['MANAGER', 'EXPORTER']],
  ['fx', ['FX_OFFICER']],
  ['quality', ['QUALITY_OFFICER']],
  ['shipping', ['SHIPPING_OFFICER']],
  ['customs', ['CUSTOMS_OFFICER']],
  ['bank', ['BANK_OFFICER']],
] as const;
type Role = (typeof STAFF)[number][1][number] | 'CUSTOMER';

const OFFICER_OF_STAGE: Record<string, number> = {
  FX_APPROVAL: 2,
  QUALITY_CERTIFICATION: 3,
  SHIPMENT_SCHEDULING: 4,
  CUSTOMS_CLEARANCE: 5,
  EXPORT_COMPLETION: 6,
};

const DESTINATIONS = ['DE', 'FR', 'GB', 'US', 'JP', 'CN', 'AE', 'IN'];
const HS_CODES = ['0901.11', '0902.10', '1207.40', '6214.10', '6301.20'];
const DAY = 86_400_000;

/** The parts of one seeded tenant a workload needs: whom to sign in as and what to ask for. */
export interface VolumeTenant {
  id: string;
  slug: string;
  adminEmail: string;
  customers: { id: string; email: string }[];
  /** Active products, every one with opening stock. */
  productIds: string[];
  exportIds: string[];
  orderIds: string[];
}

/** Each subgraph's database, by the kit's raw client. */
export type VolumeDatabases = Record<SubgraphName, SqlClient>;

/** Stable, valid v4-shaped UUIDs: `kind` and tenant number in the first blocks, `n` in the last. */
export const volumeId = (kind: number, tenant: number, n: number) =>
  `${String(900 + kind).padStart(8, '0')}-${String(tenant).padStart(4, '0')}-4000-8000-${String(n).padStart(12, '0')}`;

/** mulberry32: a small seeded generator, so a seed always gives the same world. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, int, pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]! };
}

const money = (cents: number) => (cents / 100).toFixed(2);

/**
 * Inserts rows in slices, each slice one statement with the rows as one JSON parameter that
 * PostgreSQL expands (json_populate_recordset); columns a row leaves out take their defaults.
 */
async function insertRows<Row extends object>(sql: SqlClient, table: string, rows: readonly Row[], sliceSize = 2000): Promise<void> {
  for (let start = 0; start < rows.length; start += sliceSize) {
    const slice = rows.slice(start, start + sliceSize);
    const columns = [...new Set(slice.flatMap((row) => Object.keys(row)))].map((column) => `"${column}"`).join(', ');
    await sql.query(`INSERT INTO "${table}" (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::"${table}", $1::json)`, [
      JSON.stringify(slice),
    ]);
  }
}

/** One transaction on one connection: deferred checks (manifest totals) run at its commit. */
async function inTransaction(sql: SqlClient, work: (session: SqlClient) => Promise<void>): Promise<void> {
  await sql.withSession(async (session) => {
    await session.exec('BEGIN');
    try {
      await work(session);
      await session.exec('COMMIT');
    } catch (error) {
      await session.exec('ROLLBACK');
      throw error;
    }
  });
}

export const tenantSlug = (tenant: number) => `volume-${String(tenant).padStart(2, '0')}`;

/**
 * Writes the volume world next to whatever the databases hold (the demo world, say). Tenants are
 * written one after the other, each in its five databases, so memory stays bounded at any scale.
 */
export async function seedVolume(databases: VolumeDatabases, scale: VolumeScale, seed = 42): Promise<VolumeTenant[]> {
  // One hash serves every volume user: scrypt is deliberately slow and they share the password.
  const passwordHash = await hashPassword(VOLUME_PASSWORD);
  const countries = await databases.shipping.query<{ code: string; zone: string }>('SELECT "code", "zone" FROM "Country"');
  const zoneOf = new Map(countries.map((country) => [country.code, country.zone]));
  const heads: ChainHeads = new Map();
  const seeded: VolumeTenant[] = [];
  for (let tenant = 1; tenant <= scale.tenants; tenant++) {
    seeded.push(await seedTenant(databases, scale, tenant, random(seed * 1000 + tenant), { passwordHash, zoneOf, heads }));
  }
  return seeded;
}

async function seedTenant(
  databases: VolumeDatabases,
  scale: VolumeScale,
  tenant: number,
  rng: ReturnType<typeof random>,
  shared: { passwordHash: string; zoneOf: Map<string, string>; heads: ChainHeads },
): Promise<VolumeTenant> {
  const tenantId = volumeId(1, tenant, 0);
  const slug = tenantSlug(tenant);
  const domain = `${slug}.test`;
  const now = Date.now();
  const audit: AuditSeedEvent[] = [];

  // Users.
  const people = Array.from({ length: scale.usersPerTenant }, (_, index) => {
    const staff = STAFF[index];
    const roles: Role[] = staff ? [...staff[1]] : ['CUSTOMER'];
    const local = staff ? staff[0] : `customer${String(index).padStart(4, '0')}`;
    return {
      id: volumeId(2, tenant, index + 1),
      tenantId,
      email: `${local}@${domain}`,
      passwordHash: shared.passwordHash,
      firstName: local.charAt(0).toUpperCase() + local.slice(1),
      lastName: `Volume${tenant}`,
      roles,
      verified: true,
      createdAt: new Date(now - 400 * DAY + index * 60_000),
      updatedAt: new Date(now - 400 * DAY + index * 60_000),
    };
  });
  const customers = people.filter((person) => person.roles[0] === 'CUSTOMER');
  if (customers.length === 0) throw new Error(`usersPerTenant must exceed ${STAFF.length} (the staff) so that there are customers`);
  const staffId = (index: number) => people[index]!.id;
  await inTransaction(databases.users, async (tx) => {
    await insertRows<UsersRows.TenantCreateManyInput>(tx, 'Tenant', [
      {
        id: tenantId,
        slug,
        name: `Volume Tenant ${tenant}`,
        domain,
        plan: 'TEAM',
        settings: { currency: 'USD' },
        features: { exports: true },
        maxUsers: scale.usersPerTenant + 100,
        updatedAt: new Date(now),
      },
    ]);
    await insertRows<UsersRows.UserCreateManyInput>(tx, 'User', people);
  });

  // Catalog: categories, products with opening stock through the ledger, reviews, orders.
  const categories = Array.from({ length: scale.categoriesPerTenant }, (_, index) => ({
    id: volumeId(3, tenant, index + 1),
    tenantId,
    name: `Category ${index + 1}`,
    slug: `category-${index + 1}`,
    sortOrder: index,
  }));
  const products = Array.from({ length: scale.productsPerTenant }, (_, index) => {
    const priceCents = rng.int(200, 20_000);
    return {
      id: volumeId(4, tenant, index + 1),
      tenantId,
      sku: `VOL-${tenant}-${String(index + 1).padStart(6, '0')}`,
      name: `${rng.pick(['Coffee', 'Tea', 'Sesame', 'Scarf', 'Blanket'])} ${index + 1}`,
      description: `Volume product ${index + 1} of tenant ${tenant}`,
      price: money(priceCents),
      cost: money(Math.round(priceCents * 0.6)),
      weightKg: (rng.int(100, 20_000) / 1000).toFixed(3),
      hsCode: rng.pick(HS_CODES),
      categoryId: categories.length > 0 ? categories[index % categories.length]!.id : null,
      createdAt: new Date(now - 365 * DAY + index * 1000),
      updatedAt: new Date(now - 365 * DAY + index * 1000),
      priceCents,
    };
  });
  const stock = products.map((product, index) => ({
    inventoryId: volumeId(5, tenant, index + 1),
    movementId: volumeId(9, tenant, index + 1),
    productId: product.id,
    quantity: rng.int(50, 5000),
  }));
  const reviews = products.flatMap((product, productIndex) =>
    Array.from({ length: Math.min(scale.reviewsPerProduct, customers.length) }, (_, index) => ({
      id: volumeId(6, tenant, productIndex * scale.reviewsPerProduct + index + 1),
      tenantId,
      productId: product.id,
      authorId: customers[(productIndex + index) % customers.length]!.id,
      rating: rng.int(1, 5),
      title: `Review ${index + 1} of ${product.sku}`,
      createdAt: new Date(now - (1 + ((productIndex + index) % 300)) * DAY),
      updatedAt: new Date(now - (1 + ((productIndex + index) % 300)) * DAY),
    })),
  );
  const taxRate = 0.1;
  const orders = Array.from({ length: scale.ordersPerTenant }, (_, index) => {
    const customer = customers[index % customers.length]!;
    const lineCount = rng.int(1, Math.min(scale.maxItemsPerOrder, products.length));
    const first = rng.int(0, products.length - 1);
    // Consecutive products from a random start: distinct within the order.
    const items = Array.from({ length: lineCount }, (_, position) => {
      const product = products[(first + position) % products.length]!;
      const quantity = rng.int(1, 5);
      return {
        id: volumeId(8, tenant, (index + 1) * 100 + position),
        tenantId,
        orderId: volumeId(7, tenant, index + 1),
        productId: product.id,
        position,
        productName: product.name,
        unitPrice: product.price,
        quantity,
        lineTotal: money(product.priceCents * quantity),
        lineCents: product.priceCents * quantity,
        weightGrams: Math.round(Number(product.weightKg) * 1000) * quantity,
        hsCode: product.hsCode,
      };
    });
    const subtotal = items.reduce((sum, item) => sum + item.lineCents, 0);
    const tax = Math.round(subtotal * taxRate);
    const shipping = 1500;
    const createdAt = new Date(now - (scale.ordersPerTenant - index) * ((365 * DAY) / scale.ordersPerTenant));
    return {
      order: {
        id: volumeId(7, tenant, index + 1),
        tenantId,
        customerId: customer.id,
        status: rng.pick(['DELIVERED', 'DELIVERED', 'DELIVERED', 'SHIPPED', 'CONFIRMED'] as const),
        currency: 'USD',
        subtotal: money(subtotal),
        tax: money(tax),
        shipping: money(shipping),
        discount: '0.00',
        total: money(subtotal + tax + shipping),
        createdAt,
        updatedAt: createdAt,
      },
      items,
      customer,
    };
  });
  await inTransaction(databases.catalog, async (tx) => {
    await insertRows<CatalogRows.CatalogSettingsCreateManyInput>(tx, 'CatalogSettings', [
      { tenantId, currency: 'USD', taxRate: String(taxRate), shippingBase: '15.00', shippingPerKg: '0.00', updatedAt: new Date(now) },
    ]);
    await insertRows<CatalogRows.CategoryCreateManyInput>(tx, 'Category', categories);
    await insertRows<CatalogRows.ProductCreateManyInput>(
      tx,
      'Product',
      products.map(({ priceCents: _cents, ...product }) => product),
    );
    // Levels start empty: quantity only ever comes from the ledger (a trigger applies each movement).
    await insertRows<CatalogRows.InventoryCreateManyInput>(
      tx,
      'Inventory',
      stock.map((level) => ({
        id: level.inventoryId,
        tenantId,
        productId: level.productId,
        location: 'MAIN',
        minStock: 10,
        updatedAt: new Date(now),
      })),
    );
    await insertRows<CatalogRows.StockMovementCreateManyInput>(
      tx,
      'StockMovement',
      stock.map((level) => ({
        id: level.movementId,
        tenantId,
        inventoryId: level.inventoryId,
        productId: level.productId,
        type: 'IN' as const,
        quantity: level.quantity,
        reference: 'opening-balance',
        note: 'Volume world opening stock',
      })),
    );
    await insertRows<CatalogRows.ReviewCreateManyInput>(tx, 'Review', reviews);
    await insertRows<CatalogRows.OrderCreateManyInput>(
      tx,
      'Order',
      orders.map((row) => row.order),
    );
    await insertRows<CatalogRows.OrderItemCreateManyInput>(
      tx,
      'OrderItem',
      orders.flatMap((row) => row.items.map(({ lineCents: _cents, weightGrams: _grams, hsCode: _hs, ...item }) => item)),
    );
  });
  for (const row of orders) {
    audit.push({
      eventId: volumeId(20, tenant, audit.length + 1),
      tenantId,
      actorId: row.customer.id,
      actorRole: 'CUSTOMER',
      service: 'catalog',
      action: 'order.placed',
      entityType: 'Order',
      entityId: row.order.id,
      after: { status: 'PENDING', total: row.order.total, lines: row.items.length },
      occurredAt: row.order.createdAt,
    });
  }

  // Shipping: the product replica, then one DRAFT manifest per shipped order, half of them submitted.
  const shippedOrders = orders.filter((_, index) => index % scale.manifestEvery === 0);
  const manifests = shippedOrders.map((row, index) => {
    const destinationCountry = rng.pick(DESTINATIONS);
    const items = row.items.map((item, position) => ({
      id: volumeId(11, tenant, (index + 1) * 100 + position),
      tenantId,
      manifestId: volumeId(10, tenant, index + 1),
      productId: item.productId,
      description: item.productName,
      quantity: item.quantity,
      weightKg: (item.weightGrams / 1000).toFixed(3),
      volumeM3: (item.quantity * 0.01).toFixed(4),
      value: item.lineTotal,
      hsCode: item.hsCode,
      originCountry: 'ET',
    }));
    return {
      manifest: {
        id: volumeId(10, tenant, index + 1),
        tenantId,
        publicId: `MAN-V${String(tenant).padStart(2, '0')}-${String(index + 1).padStart(6, '0')}`,
        originCountry: 'ET',
        destinationCountry,
        zone: shared.zoneOf.get(destinationCountry)!,
        currency: 'USD',
        totalWeightKg: (items.reduce((sum, item) => sum + Math.round(Number(item.weightKg) * 1000), 0) / 1000).toFixed(3),
        totalVolumeM3: (items.reduce((sum, item) => sum + Math.round(Number(item.volumeM3) * 10_000), 0) / 10_000).toFixed(4),
        totalValue: money(row.items.reduce((sum, item) => sum + item.lineCents, 0)),
        createdById: staffId(1),
        createdAt: new Date(row.order.createdAt.getTime() + DAY),
        updatedAt: new Date(row.order.createdAt.getTime() + DAY),
      },
      items,
      orderId: row.order.id,
    };
  });
  const submitted = manifests.filter((_, index) => index % 2 === 0).map((row) => row.manifest.id);
  await inTransaction(databases.shipping, async (tx) => {
    await insertRows<ShippingRows.ProductReplicaCreateManyInput>(
      tx,
      'ProductReplica',
      products.map((product) => ({
        id: product.id,
        tenantId,
        sku: product.sku,
        name: product.name,
        hsCode: product.hsCode,
        weightKg: product.weightKg,
        active: true,
        updatedAt: product.createdAt,
      })),
    );
    await insertRows<ShippingRows.ManifestCreateManyInput>(
      tx,
      'Manifest',
      manifests.map((row) => row.manifest),
    );
    await insertRows<ShippingRows.ManifestItemCreateManyInput>(
      tx,
      'ManifestItem',
      manifests.flatMap((row) => row.items),
    );
    await insertRows<ShippingRows.ManifestOrderCreateManyInput>(
      tx,
      'ManifestOrder',
      manifests.map((row) => ({ manifestId: row.manifest.id, orderId: row.orderId, tenantId })),
    );
    // Past DRAFT only through the lifecycle (a trigger checks): DRAFT → SUBMITTED.
    await tx.query(`UPDATE "Manifest" SET "status" = 'SUBMITTED', "submittedAt" = $2, "updatedAt" = $2 WHERE "id" = ANY($1::uuid[])`, [
      submitted,
      new Date(now - DAY),
    ]);
  });

  // Exports: a verified exporter with one license, and exports at every point of the approval chain.
  const exporterProfileId = volumeId(12, tenant, 1);
  const licenseId = volumeId(13, tenant, 1);
  const exported = orders.filter((_, index) => index % scale.exportEvery === 0);
  const exportRows = exported.map((row, index) => {
    const id = volumeId(14, tenant, index + 1);
    const approvedStages = index % (APPROVAL_CHAIN.length + 1);
    const createdAt = new Date(row.order.createdAt.getTime() + 2 * DAY);
    const submittedAt = new Date(createdAt.getTime() + DAY);
    const decidedAt = (stage: number) => new Date(submittedAt.getTime() + (stage + 1) * DAY);
    const status =
      approvedStages === APPROVAL_CHAIN.length
        ? APPROVAL_CHAIN[APPROVAL_CHAIN.length - 1]!.statusOnApproval
        : APPROVAL_CHAIN[approvedStages]!.statusWhilePending;
    const statuses: ExportStatus[] = [
      'DRAFT',
      ...new Set<ExportStatus>(['SUBMITTED', ...APPROVAL_CHAIN.slice(0, approvedStages).map((rule) => rule.statusOnApproval)]),
    ];
    const documents = [
      ...new Set(APPROVAL_CHAIN.slice(0, Math.min(approvedStages + 1, APPROVAL_CHAIN.length)).flatMap((rule) => rule.requiredDocuments)),
    ];
    const declaredCents = row.items.reduce((sum, item) => sum + item.lineCents, 0);
    return {
      export: {
        id,
        tenantId,
        reference: `EXP-V${String(tenant).padStart(2, '0')}-${String(index + 1).padStart(6, '0')}`,
        exporterProfileId,
        requestedById: staffId(1),
        orderId: row.order.id,
        buyerName: `Buyer ${index + 1}`,
        buyerCountry: 'DE',
        destinationCountry: 'DE',
        declaredValue: money(declaredCents),
        currency: 'USD',
        incoterm: 'FOB',
        status,
        submittedAt,
        createdAt,
        licenseId,
        currentStage: APPROVAL_CHAIN[approvedStages]?.stage ?? null,
        stageEnteredAt:
          approvedStages < APPROVAL_CHAIN.length ? (approvedStages === 0 ? submittedAt : decidedAt(approvedStages - 1)) : null,
        quotaAmount: money(declaredCents),
        quotaYear: submittedAt.getUTCFullYear(),
        completedAt: approvedStages === APPROVAL_CHAIN.length ? decidedAt(APPROVAL_CHAIN.length - 1) : null,
        updatedAt: createdAt,
      },
      goods: row.items.map((item, line) => ({
        id: volumeId(15, tenant, (index + 1) * 100 + line),
        tenantId,
        exportId: id,
        lineNo: line + 1,
        description: item.productName,
        hsCode: item.hsCode,
        quantity: item.quantity,
        weightKg: (Math.max(item.weightGrams, 1) / 1000).toFixed(3),
        value: item.lineTotal,
      })),
      approvals: APPROVAL_CHAIN.slice(0, approvedStages).map((rule, stage) => ({
        id: volumeId(16, tenant, (index + 1) * 10 + stage),
        tenantId,
        exportId: id,
        stage: rule.stage,
        decision: 'APPROVED' as const,
        deciderId: staffId(OFFICER_OF_STAGE[rule.stage]!),
        conditions: [],
        decidedAt: decidedAt(stage),
      })),
      history: statuses.map((toStatus, sequence) => ({
        id: volumeId(17, tenant, (index + 1) * 10 + sequence),
        tenantId,
        exportId: id,
        sequence: sequence + 1,
        fromStatus: sequence === 0 ? null : statuses[sequence - 1]!,
        toStatus,
        actorId: sequence <= 1 ? staffId(1) : staffId(6),
        occurredAt: sequence === 0 ? createdAt : sequence === 1 ? submittedAt : decidedAt(sequence),
      })),
      documents: documents.map((type, number) => ({
        id: volumeId(18, tenant, (index + 1) * 10 + number),
        tenantId,
        exportId: id,
        type,
        fileName: `${type.toLowerCase()}-${index + 1}.pdf`,
        mediaType: 'application/pdf',
        sizeBytes: 1024 * (number + 1),
        sha256: (volumeId(18, tenant, (index + 1) * 10 + number).replace(/-/g, '') + '0'.repeat(64)).slice(0, 64),
        storageUri: `s3://volume-documents/${tenant}/${id}/${type.toLowerCase()}.pdf`,
        uploadedById: staffId(1),
        uploadedAt: createdAt,
      })),
      requestedAt: createdAt,
    };
  });
  await inTransaction(databases.exports, async (tx) => {
    await insertRows<ExportsRows.ExporterProfileCreateManyInput>(tx, 'ExporterProfile', [
      {
        id: exporterProfileId,
        tenantId,
        legalName: `Volume Exporter ${tenant}`,
        registrationNo: `VOL-EXP-${tenant}`,
        country: 'ET',
        capitalVerified: true,
        status: 'ACTIVE',
        paidUpCapital: '500000.00',
        capitalCurrency: 'USD',
        capitalVerifiedAt: new Date(now - 400 * DAY),
        capitalVerifiedById: staffId(6),
        updatedAt: new Date(now - 400 * DAY),
      },
    ]);
    await insertRows<ExportsRows.ExportLicenseCreateManyInput>(tx, 'ExportLicense', [
      {
        id: licenseId,
        tenantId,
        exporterProfileId,
        number: `VOL-EL-${String(tenant).padStart(4, '0')}`,
        issuingAuthority: 'Volume Licensing Authority',
        hsCodePrefixes: ['0901', '0902', '1207', '6214', '6301'],
        destinationCountries: DESTINATIONS,
        quotaUnit: 'VALUE',
        annualQuota: '100000000.00',
        quotaCurrency: 'USD',
        validFrom: new Date(now - 500 * DAY),
        validUntil: new Date(now + 500 * DAY),
        updatedAt: new Date(now - 500 * DAY),
      },
    ]);
    await insertRows<ExportsRows.ExportCreateManyInput>(
      tx,
      'Export',
      exportRows.map((row) => row.export),
    );
    await insertRows<ExportsRows.ExportGoodsLineCreateManyInput>(
      tx,
      'ExportGoodsLine',
      exportRows.flatMap((row) => row.goods),
    );
    // A stage needs the previous one approved (a trigger checks), so approvals go in stage order.
    for (const rule of APPROVAL_CHAIN) {
      await insertRows<ExportsRows.ExportApprovalCreateManyInput>(
        tx,
        'ExportApproval',
        exportRows.flatMap((row) => row.approvals.filter((approval) => approval.stage === rule.stage)),
      );
    }
    await insertRows<ExportsRows.ExportStatusChangeCreateManyInput>(
      tx,
      'ExportStatusChange',
      exportRows.flatMap((row) => row.history),
    );
    await insertRows<ExportsRows.ExportDocumentCreateManyInput>(
      tx,
      'ExportDocument',
      exportRows.flatMap((row) => row.documents),
    );
  });
  // Each export's trail: created, every document attached, submitted, every stage approved.
  for (const row of exportRows) {
    const exportEvent = (action: string, actor: number, role: string, after: Record<string, unknown>, occurredAt: Date) =>
      audit.push({
        eventId: volumeId(20, tenant, audit.length + 1),
        tenantId,
        actorId: staffId(actor),
        actorRole: role,
        service: 'exports',
        action,
        entityType: 'Export',
        entityId: row.export.id,
        after: { reference: row.export.reference, ...after },
        occurredAt,
      });
    exportEvent('export.created', 1, 'MANAGER', { status: 'DRAFT' }, row.export.createdAt);
    for (const document of row.documents)
      exportEvent('export.document_attached', 1, 'MANAGER', { type: document.type }, document.uploadedAt);
    exportEvent('export.submitted', 1, 'MANAGER', { status: 'SUBMITTED' }, row.export.submittedAt);
    for (const approval of row.approvals) {
      const officer = OFFICER_OF_STAGE[approval.stage]!;
      exportEvent('export.stage_approved', officer, STAFF[officer]![1][0], { stage: approval.stage }, approval.decidedAt);
    }
  }

  // Audit: the tenant's events in order of occurrence, hash-chained.
  audit.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const chained = chainSeedEvents(audit, shared.heads).map((event, index) => ({ id: volumeId(21, tenant, index + 1), ...event }));
  await inTransaction(databases.audit, (tx) => insertRows<AuditRows.AuditEventCreateManyInput>(tx, 'AuditEvent', chained));

  return {
    id: tenantId,
    slug,
    adminEmail: people[0]!.email,
    customers: customers.map((customer) => ({ id: customer.id, email: customer.email })),
    productIds: products.map((product) => product.id),
    exportIds: exportRows.map((row) => row.export.id),
    orderIds: orders.map((row) => row.order.id),
  };
}
