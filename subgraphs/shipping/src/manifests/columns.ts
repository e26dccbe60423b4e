import type { ColumnPlan, ColumnsByField } from '@fed/service-kit';
import type { ManifestItemResolvers, ManifestResolvers } from '../generated/graphql.ts';
import type { Manifest, ManifestItem } from '../generated/prisma/client.ts';

/**
 * The Manifest columns each field reads, so that a page, an order's manifests or a batch of
 * references reads only what the operation selected (most ask for a handful of the 26 columns).
 * Fields answered from other tables (items, orders, quotes) need only the manifest's id and tenant,
 * which are always read; fields that follow a key to another row (countries, users, the quote, the
 * carrier) need that key.
 */
const manifestFields = {
  id: [],
  publicId: ['publicId'],
  trackingNumber: ['trackingNumber'],
  status: ['status'],
  originCountry: ['originCountry'],
  destinationCountry: ['destinationCountry'],
  zone: ['zone'],
  currency: ['currency'],
  totalWeightKg: ['totalWeightKg'],
  totalVolumeM3: ['totalVolumeM3'],
  totalValue: ['totalValue'],
  rejectionReason: ['rejectionReason'],
  estimatedDelivery: ['estimatedDelivery'],
  createdBy: ['createdById'],
  items: [],
  orders: [],
  quotes: [],
  selectedQuote: ['selectedQuoteId'],
  carrier: ['carrierId'],
  service: ['service'],
  shippingCost: ['shippingCost'],
  submittedAt: ['submittedAt'],
  reviewedBy: ['reviewedById'],
  reviewedAt: ['reviewedAt'],
  shippedAt: ['shippedAt'],
  deliveredAt: ['deliveredAt'],
  createdAt: ['createdAt'],
  updatedAt: ['updatedAt'],
} satisfies ColumnsByField<Required<ManifestResolvers>, Manifest>;

export const MANIFEST_COLUMNS: ColumnPlan<Manifest> = { typeName: 'Manifest', always: ['id', 'tenantId'], fields: manifestFields };

/** The ManifestItem columns each field reads; items are loaded per manifest, so `manifestId` groups them. */
const itemFields = {
  id: [],
  description: ['description'],
  quantity: ['quantity'],
  weightKg: ['weightKg'],
  volumeM3: ['volumeM3'],
  value: ['value'],
  hsCode: ['hsCode'],
  originCountry: ['originCountry'],
  product: ['productId'],
} satisfies ColumnsByField<Required<ManifestItemResolvers>, ManifestItem>;

export const MANIFEST_ITEM_COLUMNS: ColumnPlan<ManifestItem> = {
  typeName: 'ManifestItem',
  always: ['id', 'tenantId', 'manifestId'],
  fields: itemFields,
};
