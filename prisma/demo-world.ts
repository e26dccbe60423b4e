/**
 * The demo world shared by every subgraph's seed. Ids are fixed so that references between
 * databases (an order's customer, a manifest item's product, an export's order) line up, the way
 * federation keys line up in a real deployment. Demo data is only ever seeded in the embedded mode
 * (or when an operator sets SEED_DEMO_DATA=true).
 */

/** Stable, valid v4-shaped UUIDs: `kind` picks the first block, `n` the last. */
export const demoId = (kind: number, n: number) => `${String(kind).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const DEMO_PASSWORD = 'demo-password-1';

export const tenants = {
  acme: { id: demoId(10, 1), slug: 'acme', name: 'Acme Exports Ltd', domain: 'acme.test', plan: 'ENTERPRISE' as const },
  globex: { id: demoId(10, 2), slug: 'globex', name: 'Globex Trading', domain: 'globex.test', plan: 'TEAM' as const },
};

type DemoRole =
  | 'ADMIN'
  | 'MANAGER'
  | 'CUSTOMER'
  | 'VIEWER'
  | 'EXPORTER'
  | 'FX_OFFICER'
  | 'QUALITY_OFFICER'
  | 'SHIPPING_OFFICER'
  | 'CUSTOMS_OFFICER'
  | 'BANK_OFFICER';

export interface DemoUser {
  id: string;
  tenantId: string;
  email: string;
  firstName: string;
  lastName: string;
  roles: DemoRole[];
}

const user = (n: number, tenantId: string, email: string, firstName: string, lastName: string, roles: DemoRole[]): DemoUser => ({
  id: demoId(20, n),
  tenantId,
  email,
  firstName,
  lastName,
  roles,
});

export const users = {
  acmeAdmin: user(1, tenants.acme.id, 'admin@acme.test', 'Ada', 'Admin', ['ADMIN']),
  acmeManager: user(2, tenants.acme.id, 'manager@acme.test', 'Max', 'Manager', ['MANAGER', 'EXPORTER']),
  alice: user(3, tenants.acme.id, 'alice@acme.test', 'Alice', 'Buyer', ['CUSTOMER']),
  bob: user(4, tenants.acme.id, 'bob@acme.test', 'Bob', 'Buyer', ['CUSTOMER']),
  acmeViewer: user(5, tenants.acme.id, 'viewer@acme.test', 'Vera', 'Viewer', ['VIEWER']),
  fxOfficer: user(6, tenants.acme.id, 'fx@acme.test', 'Felix', 'Exchange', ['FX_OFFICER']),
  qualityOfficer: user(7, tenants.acme.id, 'quality@acme.test', 'Quinn', 'Quality', ['QUALITY_OFFICER']),
  shippingOfficer: user(8, tenants.acme.id, 'shipping@acme.test', 'Sam', 'Shipping', ['SHIPPING_OFFICER']),
  customsOfficer: user(9, tenants.acme.id, 'customs@acme.test', 'Cora', 'Customs', ['CUSTOMS_OFFICER']),
  bankOfficer: user(10, tenants.acme.id, 'bank@acme.test', 'Ben', 'Banker', ['BANK_OFFICER']),
  globexAdmin: user(11, tenants.globex.id, 'admin@globex.test', 'Gina', 'Admin', ['ADMIN']),
  carol: user(12, tenants.globex.id, 'carol@globex.test', 'Carol', 'Client', ['CUSTOMER']),
};

export const categories = {
  coffee: { id: demoId(70, 1), tenantId: tenants.acme.id, name: 'Coffee', slug: 'coffee', parentId: null },
  greenCoffee: { id: demoId(70, 2), tenantId: tenants.acme.id, name: 'Green coffee', slug: 'green-coffee', parentId: demoId(70, 1) },
  textiles: { id: demoId(70, 3), tenantId: tenants.acme.id, name: 'Textiles', slug: 'textiles', parentId: null },
  spices: { id: demoId(70, 4), tenantId: tenants.globex.id, name: 'Spices', slug: 'spices', parentId: null },
};

export interface DemoProduct {
  id: string;
  tenantId: string;
  sku: string;
  name: string;
  price: string;
  cost: string;
  weightKg: string;
  hsCode: string;
  categoryId: string;
  tags: string[];
  stock: number;
}

const product = (
  n: number,
  category: { id: string; tenantId: string },
  sku: string,
  name: string,
  price: string,
  cost: string,
  weightKg: string,
  hsCode: string,
  tags: string[],
  stock: number,
): DemoProduct => ({
  id: demoId(30, n),
  tenantId: category.tenantId,
  sku,
  name,
  price,
  cost,
  weightKg,
  hsCode,
  categoryId: category.id,
  tags,
  stock,
});

export const products = {
  yirgacheffe: product(
    1,
    categories.greenCoffee,
    'COF-YIR-60',
    'Yirgacheffe green coffee, 60 kg sack',
    '540.00',
    '410.00',
    '60.000',
    '0901.11',
    ['coffee', 'organic'],
    120,
  ),
  sidamo: product(
    2,
    categories.greenCoffee,
    'COF-SID-60',
    'Sidamo green coffee, 60 kg sack',
    '495.00',
    '380.00',
    '60.000',
    '0901.11',
    ['coffee'],
    80,
  ),
  roasted: product(
    3,
    categories.coffee,
    'COF-RST-1',
    'Roasted coffee beans, 1 kg',
    '18.50',
    '9.75',
    '1.000',
    '0901.21',
    ['coffee', 'retail'],
    400,
  ),
  scarf: product(
    4,
    categories.textiles,
    'TEX-SCF-01',
    'Handwoven cotton scarf',
    '24.00',
    '11.00',
    '0.200',
    '6214.90',
    ['textile', 'handmade'],
    250,
  ),
  blanket: product(5, categories.textiles, 'TEX-BLK-01', 'Wool blanket', '89.90', '52.00', '1.800', '6301.20', ['textile'], 60),
  sesame: product(
    6,
    categories.greenCoffee,
    'SES-WHT-50',
    'White sesame seed, 50 kg bag',
    '120.00',
    '95.00',
    '50.000',
    '1207.40',
    ['seed'],
    8,
  ),
  pepper: product(7, categories.spices, 'SPC-PEP-5', 'Black pepper, 5 kg', '42.00', '30.00', '5.000', '0904.11', ['spice'], 90),
  cardamom: product(8, categories.spices, 'SPC-CAR-1', 'Green cardamom, 1 kg', '31.00', '22.00', '1.000', '0908.31', ['spice'], 40),
};

export interface DemoOrder {
  id: string;
  tenantId: string;
  number: string;
  customerId: string;
  status: 'PENDING' | 'CONFIRMED' | 'PROCESSING' | 'SHIPPED' | 'IN_TRANSIT' | 'DELIVERED' | 'CANCELLED';
  currency: string;
  lines: { productId: string; quantity: number }[];
  shipping: string;
  placedDaysAgo: number;
}

const order = (
  n: number,
  customer: DemoUser,
  status: DemoOrder['status'],
  lines: [DemoProduct, number][],
  shipping: string,
  placedDaysAgo: number,
): DemoOrder => ({
  id: demoId(40, n),
  tenantId: customer.tenantId,
  number: `ORD-${String(n).padStart(6, '0')}`,
  customerId: customer.id,
  status,
  currency: 'USD',
  lines: lines.map(([item, quantity]) => ({ productId: item.id, quantity })),
  shipping,
  placedDaysAgo,
});

export const orders = {
  aliceCoffee: order(
    1,
    users.alice,
    'DELIVERED',
    [
      [products.yirgacheffe, 10],
      [products.sidamo, 5],
    ],
    '350.00',
    40,
  ),
  aliceTextiles: order(
    2,
    users.alice,
    'SHIPPED',
    [
      [products.scarf, 40],
      [products.blanket, 10],
    ],
    '120.00',
    20,
  ),
  aliceRetail: order(3, users.alice, 'CONFIRMED', [[products.roasted, 24]], '15.00', 6),
  alicePending: order(4, users.alice, 'PENDING', [[products.sesame, 2]], '40.00', 1),
  bobCoffee: order(
    5,
    users.bob,
    'PROCESSING',
    [
      [products.sidamo, 4],
      [products.roasted, 12],
    ],
    '90.00',
    9,
  ),
  bobScarves: order(6, users.bob, 'CANCELLED', [[products.scarf, 5]], '10.00', 15),
  carolSpices: order(
    7,
    users.carol,
    'DELIVERED',
    [
      [products.pepper, 20],
      [products.cardamom, 10],
    ],
    '60.00',
    30,
  ),
  carolPepper: order(8, users.carol, 'PENDING', [[products.pepper, 4]], '12.00', 2),
};

/** Tax rate applied to the subtotal of demo orders (the catalog computes it server-side the same way). */
export const DEMO_TAX_RATE = '0.10';

export const manifests = {
  coffeeToGermany: {
    id: demoId(50, 1),
    tenantId: tenants.acme.id,
    publicId: 'MAN-2026-0001',
    trackingNumber: 'TRK-ACME-0001',
    originCountry: 'ET',
    destinationCountry: 'DE',
    status: 'DELIVERED' as const,
    currency: 'USD',
    createdById: users.acmeManager.id,
    orderIds: [orders.aliceCoffee.id],
    items: [
      {
        productId: products.yirgacheffe.id,
        description: 'Yirgacheffe green coffee',
        quantity: 10,
        weightKg: '600.000',
        volumeM3: '1.2000',
        value: '5400.00',
        hsCode: '0901.11',
        originCountry: 'ET',
      },
      {
        productId: products.sidamo.id,
        description: 'Sidamo green coffee',
        quantity: 5,
        weightKg: '300.000',
        volumeM3: '0.6000',
        value: '2475.00',
        hsCode: '0901.11',
        originCountry: 'ET',
      },
    ],
  },
  textilesToUs: {
    id: demoId(50, 2),
    tenantId: tenants.acme.id,
    publicId: 'MAN-2026-0002',
    trackingNumber: null,
    originCountry: 'ET',
    destinationCountry: 'US',
    status: 'DRAFT' as const,
    currency: 'USD',
    createdById: users.acmeManager.id,
    orderIds: [orders.aliceTextiles.id],
    items: [
      {
        productId: products.scarf.id,
        description: 'Handwoven cotton scarves',
        quantity: 40,
        weightKg: '8.000',
        volumeM3: '0.0800',
        value: '960.00',
        hsCode: '6214.90',
        originCountry: 'ET',
      },
      {
        productId: products.blanket.id,
        description: 'Wool blankets',
        quantity: 10,
        weightKg: '18.000',
        volumeM3: '0.2500',
        value: '899.00',
        hsCode: '6301.20',
        originCountry: 'ET',
      },
    ],
  },
};

export const exporterProfiles = {
  acme: {
    id: demoId(61, 1),
    tenantId: tenants.acme.id,
    legalName: 'Acme Exports Ltd',
    registrationNo: 'ET-EXP-000123',
    country: 'ET',
    capitalVerified: true,
    status: 'ACTIVE' as const,
  },
};

export const exports = {
  coffeeExport: {
    id: demoId(60, 1),
    tenantId: tenants.acme.id,
    reference: 'EXP-2026-0001',
    exporterProfileId: exporterProfiles.acme.id,
    requestedById: users.acmeManager.id,
    orderId: orders.aliceCoffee.id,
    manifestId: manifests.coffeeToGermany.id,
    buyerName: 'Hamburg Coffee Importers GmbH',
    buyerCountry: 'DE',
    buyerContact: 'purchasing@hci.example',
    destinationCountry: 'DE',
    declaredValue: '7875.00',
    currency: 'USD',
    incoterm: 'FOB',
    status: 'COMPLETED' as const,
  },
  textileExport: {
    id: demoId(60, 2),
    tenantId: tenants.acme.id,
    reference: 'EXP-2026-0002',
    exporterProfileId: exporterProfiles.acme.id,
    requestedById: users.acmeManager.id,
    orderId: orders.aliceTextiles.id,
    manifestId: manifests.textilesToUs.id,
    buyerName: 'Brooklyn Home Goods LLC',
    buyerCountry: 'US',
    buyerContact: null,
    destinationCountry: 'US',
    declaredValue: '1859.00',
    currency: 'USD',
    incoterm: 'CIF',
    status: 'DRAFT' as const,
  },
};

/** Audit events recorded for the seeded world, so every entity already has a trail. */
export const auditSeedEvents = [
  {
    eventId: demoId(90, 1),
    tenantId: tenants.acme.id,
    actorId: users.alice.id,
    actorRole: 'CUSTOMER',
    service: 'catalog',
    action: 'order.placed',
    entityType: 'Order',
    entityId: orders.aliceCoffee.id,
    after: { number: orders.aliceCoffee.number, status: 'PENDING' },
  },
  {
    eventId: demoId(90, 2),
    tenantId: tenants.acme.id,
    actorId: users.acmeManager.id,
    actorRole: 'MANAGER',
    service: 'catalog',
    action: 'order.status_changed',
    entityType: 'Order',
    entityId: orders.aliceCoffee.id,
    before: { status: 'PENDING' },
    after: { status: 'CONFIRMED' },
  },
  {
    eventId: demoId(90, 3),
    tenantId: tenants.acme.id,
    actorId: users.acmeManager.id,
    actorRole: 'MANAGER',
    service: 'shipping',
    action: 'manifest.created',
    entityType: 'Manifest',
    entityId: manifests.coffeeToGermany.id,
    after: { publicId: manifests.coffeeToGermany.publicId },
  },
  {
    eventId: demoId(90, 4),
    tenantId: tenants.acme.id,
    actorId: users.acmeManager.id,
    actorRole: 'EXPORTER',
    service: 'exports',
    action: 'export.created',
    entityType: 'Export',
    entityId: exports.coffeeExport.id,
    after: { reference: exports.coffeeExport.reference },
  },
  {
    eventId: demoId(90, 5),
    tenantId: tenants.globex.id,
    actorId: users.carol.id,
    actorRole: 'CUSTOMER',
    service: 'catalog',
    action: 'order.placed',
    entityType: 'Order',
    entityId: orders.carolSpices.id,
    after: { number: orders.carolSpices.number, status: 'PENDING' },
  },
];

/** Export licenses (exports subgraph): what acme may export where, and how much per year. */
export const exportLicenses = {
  acmeGeneral: {
    id: demoId(62, 1),
    tenantId: tenants.acme.id,
    exporterProfileId: exporterProfiles.acme.id,
    number: 'ET-MOT-EL-2026-0042',
    issuingAuthority: 'Ministry of Trade and Regional Integration',
    /** Coffee (0901), tea (0902), sesame (1207), scarves (6214), blankets (6301). */
    hsCodePrefixes: ['0901', '0902', '1207', '6214', '6301'],
    destinationCountries: ['DE', 'FR', 'NL', 'GB', 'US', 'JP', 'SA'],
    quotaUnit: 'VALUE' as const,
    annualQuota: '250000.00',
    quotaCurrency: 'USD',
    validFrom: '2026-01-01T00:00:00.000Z',
    validUntil: '2031-01-01T00:00:00.000Z',
    status: 'ACTIVE' as const,
  },
};

/** Further demo exports, waiting at approval stages so that `pendingApprovals` has something to show. */
export const exportsUnderReview = {
  /** Submitted three days ago: waits for the FX officer. */
  bobCoffeeExport: {
    id: demoId(60, 3),
    tenantId: tenants.acme.id,
    reference: 'EXP-2026-0003',
    exporterProfileId: exporterProfiles.acme.id,
    requestedById: users.acmeManager.id,
    orderId: orders.bobCoffee.id,
    manifestId: null,
    buyerName: 'Lyon Torréfaction SARL',
    buyerCountry: 'FR',
    buyerContact: 'achats@lyon-torref.example',
    destinationCountry: 'FR',
    currency: 'USD',
    incoterm: 'FCA',
    status: 'SUBMITTED' as const,
    submittedDaysAgo: 3,
    /** Stages approved so far, in order. */
    approvedStages: 0,
  },
  /** FX-approved yesterday: waits for the quality officer, who still needs a quality certificate. */
  aliceRetailExport: {
    id: demoId(60, 4),
    tenantId: tenants.acme.id,
    reference: 'EXP-2026-0004',
    exporterProfileId: exporterProfiles.acme.id,
    requestedById: users.acmeManager.id,
    orderId: orders.aliceRetail.id,
    manifestId: null,
    buyerName: 'Tokyo Roasters KK',
    buyerCountry: 'JP',
    buyerContact: null,
    destinationCountry: 'JP',
    currency: 'USD',
    incoterm: 'CIP',
    status: 'IN_REVIEW' as const,
    submittedDaysAgo: 2,
    approvedStages: 1,
  },
};

/** The agency officer who decides each approval stage, in the chain's order. */
export const approvalOfficers = [users.fxOfficer, users.qualityOfficer, users.shippingOfficer, users.customsOfficer, users.bankOfficer];
/**
 * Shipping: carrier accounts per tenant (no API credentials in the demo: they are only ever set
 * through the graph, encrypted with the service's key), their rate cards, and the catalog replica.
 */
export const carriers = {
  acmeDhl: {
    id: demoId(52, 1),
    tenantId: tenants.acme.id,
    code: 'DHL',
    name: 'DHL Express',
    services: ['EXPRESS', 'ECONOMY'],
    apiEndpoint: 'https://api.dhl.example/v1',
  },
  acmeMaersk: {
    id: demoId(52, 2),
    tenantId: tenants.acme.id,
    code: 'MAERSK',
    name: 'Maersk Line',
    services: ['OCEAN'],
    apiEndpoint: 'https://api.maersk.example/v2',
  },
  globexDhl: {
    id: demoId(52, 3),
    tenantId: tenants.globex.id,
    code: 'DHL',
    name: 'DHL Express',
    services: ['EXPRESS'],
    apiEndpoint: 'https://api.dhl.example/v1',
  },
};

export const SHIPPING_ZONES = ['AFRICA', 'AMERICAS', 'ASIA', 'EUROPE', 'MIDDLE_EAST'] as const;

interface DemoTariff {
  baseAmount: string;
  perKg: string;
  perM3: string;
  fuelSurchargePct: string;
  insurancePct: string;
  transitDays: Record<(typeof SHIPPING_ZONES)[number], number>;
}

const tariffs: { carrier: { id: string; tenantId: string }; service: string; tariff: DemoTariff }[] = [
  {
    carrier: carriers.acmeDhl,
    service: 'EXPRESS',
    tariff: {
      baseAmount: '45.00',
      perKg: '4.5000',
      perM3: '25.0000',
      fuelSurchargePct: '12.5000',
      insurancePct: '0.3500',
      transitDays: { AFRICA: 2, AMERICAS: 4, ASIA: 4, EUROPE: 3, MIDDLE_EAST: 3 },
    },
  },
  {
    carrier: carriers.acmeDhl,
    service: 'ECONOMY',
    tariff: {
      baseAmount: '30.00',
      perKg: '2.1000',
      perM3: '15.0000',
      fuelSurchargePct: '10.0000',
      insurancePct: '0.3500',
      transitDays: { AFRICA: 5, AMERICAS: 9, ASIA: 8, EUROPE: 7, MIDDLE_EAST: 6 },
    },
  },
  {
    carrier: carriers.acmeMaersk,
    service: 'OCEAN',
    tariff: {
      baseAmount: '350.00',
      perKg: '0.1200',
      perM3: '40.0000',
      fuelSurchargePct: '8.0000',
      insurancePct: '0.2500',
      transitDays: { AFRICA: 12, AMERICAS: 30, ASIA: 26, EUROPE: 24, MIDDLE_EAST: 14 },
    },
  },
  {
    carrier: carriers.globexDhl,
    service: 'EXPRESS',
    tariff: {
      baseAmount: '50.00',
      perKg: '4.8000',
      perM3: '28.0000',
      fuelSurchargePct: '12.5000',
      insurancePct: '0.4000',
      transitDays: { AFRICA: 3, AMERICAS: 4, ASIA: 3, EUROPE: 4, MIDDLE_EAST: 2 },
    },
  },
];

/** One USD rate card per carrier, service and destination zone. */
export const rateCards = tariffs.flatMap(({ carrier, service, tariff }, tariffIndex) =>
  SHIPPING_ZONES.map((zone, zoneIndex) => ({
    id: demoId(53, tariffIndex * 10 + zoneIndex + 1),
    tenantId: carrier.tenantId,
    carrierId: carrier.id,
    service,
    zone,
    currency: 'USD',
    baseAmount: tariff.baseAmount,
    perKg: tariff.perKg,
    perM3: tariff.perM3,
    fuelSurchargePct: tariff.fuelSurchargePct,
    insurancePct: tariff.insurancePct,
    transitDays: tariff.transitDays[zone],
    quoteValidityHours: 72,
  })),
);

/** The seeded replica of the catalog products is stamped this old, so any real catalog event wins. */
export const DEMO_REPLICA_VERSION = '2026-01-01T00:00:00.000Z';

/** More demo manifests: one awaiting review by the shipping officer, one draft in the other tenant. */
export const moreManifests = {
  coffeeToJapan: {
    id: demoId(50, 3),
    tenantId: tenants.acme.id,
    publicId: 'MAN-2026-0003',
    trackingNumber: null,
    originCountry: 'ET',
    destinationCountry: 'JP',
    status: 'SUBMITTED' as const,
    currency: 'USD',
    createdById: users.acmeManager.id,
    orderIds: [orders.bobCoffee.id],
    items: [
      {
        productId: products.sidamo.id,
        description: 'Sidamo green coffee',
        quantity: 4,
        weightKg: '240.000',
        volumeM3: '0.4800',
        value: '1980.00',
        hsCode: '0901.11',
        originCountry: 'ET',
      },
      {
        productId: products.roasted.id,
        description: 'Roasted coffee beans',
        quantity: 12,
        weightKg: '12.000',
        volumeM3: '0.0500',
        value: '222.00',
        hsCode: '0901.21',
        originCountry: 'ET',
      },
    ],
  },
  spicesToEmirates: {
    id: demoId(50, 4),
    tenantId: tenants.globex.id,
    publicId: 'MAN-2026-0004',
    trackingNumber: null,
    originCountry: 'IN',
    destinationCountry: 'AE',
    status: 'DRAFT' as const,
    currency: 'USD',
    createdById: users.globexAdmin.id,
    orderIds: [orders.carolSpices.id],
    items: [
      {
        productId: products.pepper.id,
        description: 'Black pepper',
        quantity: 20,
        weightKg: '100.000',
        volumeM3: '0.4000',
        value: '840.00',
        hsCode: '0904.11',
        originCountry: 'IN',
      },
      {
        productId: products.cardamom.id,
        description: 'Green cardamom',
        quantity: 10,
        weightKg: '10.000',
        volumeM3: '0.0300',
        value: '310.00',
        hsCode: '0908.31',
        originCountry: 'IN',
      },
    ],
  },
};

/** How the delivered demo manifest was booked (its quotes are computed from the rate cards when seeding). */
export const manifestBookings: Record<string, { carrierId: string; service: string; bookedDaysAgo: number } | undefined> = {
  [manifests.coffeeToGermany.id]: { carrierId: carriers.acmeMaersk.id, service: 'OCEAN', bookedDaysAgo: 45 },
};
/** Per-tenant pricing rules placeOrder applies to new orders (tax on the subtotal, shipping by weight). */
export const catalogSettings = {
  acme: { tenantId: tenants.acme.id, currency: 'USD', taxRate: DEMO_TAX_RATE, shippingBase: '15.00', shippingPerKg: '0.40' },
  globex: { tenantId: tenants.globex.id, currency: 'USD', taxRate: '0.08', shippingBase: '9.50', shippingPerKg: '0.25' },
};

export interface DemoReview {
  id: string;
  tenantId: string;
  productId: string;
  authorId: string;
  orderId: string | null;
  rating: number;
  title: string;
  comment: string;
  /** Only true when the author has a DELIVERED order containing the product (the database checks it). */
  verifiedPurchase: boolean;
}

export const reviews = {
  aliceYirgacheffe: {
    id: demoId(71, 1),
    tenantId: tenants.acme.id,
    productId: products.yirgacheffe.id,
    authorId: users.alice.id,
    orderId: orders.aliceCoffee.id,
    rating: 5,
    title: 'Clean, floral cup',
    comment: 'Arrived well packed; our roaster loved the jasmine notes.',
    verifiedPurchase: true,
  },
  aliceSidamo: {
    id: demoId(71, 2),
    tenantId: tenants.acme.id,
    productId: products.sidamo.id,
    authorId: users.alice.id,
    orderId: orders.aliceCoffee.id,
    rating: 4,
    title: 'Solid everyday lot',
    comment: 'Consistent screen size, a little less fruit than last season.',
    verifiedPurchase: true,
  },
  bobRoasted: {
    id: demoId(71, 3),
    tenantId: tenants.acme.id,
    productId: products.roasted.id,
    authorId: users.bob.id,
    orderId: null,
    rating: 3,
    title: 'Good for espresso',
    comment: 'Tried a sample at a trade fair; my own order has not arrived yet.',
    verifiedPurchase: false,
  },
  carolPepper: {
    id: demoId(71, 4),
    tenantId: tenants.globex.id,
    productId: products.pepper.id,
    authorId: users.carol.id,
    orderId: orders.carolSpices.id,
    rating: 5,
    title: 'Bold and fresh',
    comment: '',
    verifiedPurchase: true,
  },
} satisfies Record<string, DemoReview>;

export interface DemoPayment {
  id: string;
  tenantId: string;
  orderId: string;
  method: 'CARD' | 'BANK_TRANSFER' | 'LETTER_OF_CREDIT' | 'CASH' | 'WALLET';
  externalTransactionId: string;
  /** Of the order's total: 100 pays it, 50 is a deposit. */
  percentOfTotal: 100 | 50;
  createdById: string;
}

export const payments = {
  aliceCoffee: {
    id: demoId(72, 1),
    tenantId: tenants.acme.id,
    orderId: orders.aliceCoffee.id,
    method: 'BANK_TRANSFER',
    externalTransactionId: 'DEMO-TT-2026-0001',
    percentOfTotal: 100,
    createdById: users.acmeManager.id,
  },
  aliceTextilesDeposit: {
    id: demoId(72, 2),
    tenantId: tenants.acme.id,
    orderId: orders.aliceTextiles.id,
    method: 'LETTER_OF_CREDIT',
    externalTransactionId: 'DEMO-LC-2026-0042',
    percentOfTotal: 50,
    createdById: users.acmeManager.id,
  },
  carolSpices: {
    id: demoId(72, 3),
    tenantId: tenants.globex.id,
    orderId: orders.carolSpices.id,
    method: 'CARD',
    externalTransactionId: 'DEMO-CARD-0007',
    percentOfTotal: 100,
    createdById: users.globexAdmin.id,
  },
} satisfies Record<string, DemoPayment>;
