import { BadUserInputError, ConflictError, NotFoundError, recordAuditEvent, uuidInput, type ServiceContext } from '@fed/service-kit';
import type { CatalogClient } from '../db.ts';
import type { Product } from '../generated/prisma/client.ts';
import { inTransaction, type CatalogTransaction, type UniqueRule } from '../transactions.ts';
import { productCreateData, productUpdateData, type ProductInput } from './input.ts';

/**
 * What other subgraphs learn about a product from its audit events: the shipping subgraph keeps a
 * replica of products built from `product.created`, `product.updated` and `product.deleted`.
 */
export function productSnapshot(product: Product) {
  return {
    id: product.id,
    tenantId: product.tenantId,
    sku: product.sku,
    name: product.name,
    hsCode: product.hsCode,
    weightKg: product.weightKg.toFixed(3),
    status: product.status,
    price: product.price.toFixed(2),
    categoryId: product.categoryId,
    deletedAt: product.deletedAt,
  };
}

const skuTaken = (sku: unknown): UniqueRule => ({
  index: { name: 'Product_tenantId_sku_key', columns: ['tenantId', 'sku'] },
  error: () =>
    new ConflictError(`sku: a product with SKU ${String(sku)} already exists (deleted products keep their SKU)`, { field: 'sku' }),
});

/** Product changes: validated, one transaction each, with the audit event in the same transaction. */
export class ProductService {
  constructor(private readonly db: CatalogClient) {}

  async create(context: ServiceContext, tenantId: string, input: ProductInput): Promise<Product> {
    const data = productCreateData(tenantId, input);
    return inTransaction(
      this.db,
      async (tx) => {
        if (data.categoryId) await requireCategory(tx, tenantId, data.categoryId);
        const product = await tx.product.create({ data });
        await recordAuditEvent(tx, context, 'catalog', {
          action: 'product.created',
          entityType: 'Product',
          entityId: product.id,
          after: productSnapshot(product),
        });
        return product;
      },
      { uniques: [skuTaken(data.sku)] },
    );
  }

  async update(context: ServiceContext, tenantId: string, rawId: string, input: ProductInput): Promise<Product> {
    const id = uuidInput('id', rawId);
    const data = productUpdateData(input);
    return inTransaction(
      this.db,
      async (tx) => {
        const before = await tx.product.findFirst({ where: { id, tenantId, deletedAt: null } });
        if (!before) throw new NotFoundError('Product', id);
        if (typeof data.categoryId === 'string') await requireCategory(tx, tenantId, data.categoryId);
        const product = await tx.product.update({ where: { id }, data });
        await recordAuditEvent(tx, context, 'catalog', {
          action: 'product.updated',
          entityType: 'Product',
          entityId: id,
          before: productSnapshot(before),
          after: productSnapshot(product),
        });
        return product;
      },
      { uniques: [skuTaken(data.sku)] },
    );
  }

  async delete(context: ServiceContext, tenantId: string, rawId: string): Promise<string> {
    const id = uuidInput('id', rawId);
    return inTransaction(this.db, async (tx) => {
      const before = await tx.product.findFirst({ where: { id, tenantId, deletedAt: null } });
      if (!before) throw new NotFoundError('Product', id);
      const product = await tx.product.update({ where: { id }, data: { deletedAt: new Date() } });
      await recordAuditEvent(tx, context, 'catalog', {
        action: 'product.deleted',
        entityType: 'Product',
        entityId: id,
        before: productSnapshot(before),
        after: productSnapshot(product),
      });
      return id;
    });
  }
}

async function requireCategory(tx: CatalogTransaction, tenantId: string, categoryId: string): Promise<void> {
  const category = await tx.category.findFirst({ where: { id: categoryId, tenantId }, select: { id: true } });
  if (!category) throw new BadUserInputError('categoryId', 'must be a category of this catalog');
}
