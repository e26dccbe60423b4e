import type { ColumnPlan, ColumnsByField } from '@fed/service-kit';
import type { ProductResolvers } from '../generated/graphql.ts';
import type { Product } from '../generated/prisma/client.ts';

/**
 * The Product columns each field reads, so that a page or a batch of references reads only what
 * the operation selected (a catalog page of 50 rows wants 4 of the 18 columns; reading all of them
 * costs Prisma about 2.5× the CPU). Fields answered from other tables need only the product's id
 * and tenant, which are always read.
 */
const fields = {
  id: [],
  sku: ['sku'],
  name: ['name'],
  description: ['description'],
  price: ['price'],
  cost: ['cost'],
  weightKg: ['weightKg'],
  dimensions: ['lengthCm', 'widthCm', 'heightCm'],
  tags: ['tags'],
  hsCode: ['hsCode'],
  status: ['status'],
  category: ['categoryId'],
  createdAt: ['createdAt'],
  updatedAt: ['updatedAt'],
  inventory: [],
  availableQuantity: [],
  stockStatus: [],
  stockMovements: [],
  reviews: [],
  averageRating: [],
  reviewCount: [],
} satisfies ColumnsByField<Required<ProductResolvers>, Product>;

export const PRODUCT_COLUMNS: ColumnPlan<Product> = { typeName: 'Product', always: ['id', 'tenantId'], fields };
