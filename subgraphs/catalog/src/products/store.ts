import {
  decimalInput,
  entityLoader,
  groupLoader,
  pageRequest,
  toConnection,
  uuidInput,
  type Connection,
  type LoaderCache,
} from '@fed/service-kit';
import type { CatalogClient } from '../db.ts';
import type { Category, Inventory, Prisma, Product, ProductStatus } from '../generated/prisma/client.ts';

export interface ProductFilter {
  search?: string | null;
  categoryId?: string | null;
  tag?: string | null;
  minPrice?: string | null;
  maxPrice?: string | null;
  status?: ProductStatus | null;
}

/** Owns every catalog query about products, categories and stock; always scoped to one tenant. */
export class ProductStore {
  constructor(
    private readonly db: CatalogClient,
    private readonly loaders: LoaderCache,
  ) {}

  byId(id: string, tenantId: string | null): Promise<Product | null> {
    if (!tenantId) return Promise.resolve(null);
    return entityLoader(this.loaders, `Product:${tenantId}`, (ids) =>
      this.db.product.findMany({ where: { id: { in: ids }, tenantId, deletedAt: null } }),
    ).load(id);
  }

  async list(
    tenantId: string,
    args: { first?: number | null; after?: string | null; filter?: ProductFilter | null },
  ): Promise<Connection<Product>> {
    const page = pageRequest(args);
    const where = this.filterWhere(tenantId, args.filter ?? {});
    const after = page.after;
    const rows = await this.db.product.findMany({
      where: after
        ? {
            AND: [
              where,
              { OR: [{ createdAt: { lt: new Date(after.value) } }, { createdAt: new Date(after.value), id: { lt: after.id } }] },
            ],
          }
        : where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.take + 1,
    });
    return toConnection(
      rows,
      page.take,
      (row) => ({ value: row.createdAt.toISOString(), id: row.id }),
      () => this.db.product.count({ where }),
    );
  }

  private filterWhere(tenantId: string, filter: ProductFilter): Prisma.ProductWhereInput {
    const search = filter.search?.trim();
    const minPrice = filter.minPrice ? decimalInput('filter.minPrice', filter.minPrice, { scale: 2, min: 0 }) : null;
    const maxPrice = filter.maxPrice ? decimalInput('filter.maxPrice', filter.maxPrice, { scale: 2, min: 0 }) : null;
    return {
      tenantId,
      deletedAt: null,
      ...(filter.categoryId ? { categoryId: uuidInput('filter.categoryId', filter.categoryId) } : {}),
      ...(filter.tag ? { tags: { has: filter.tag } } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(minPrice || maxPrice ? { price: { ...(minPrice ? { gte: minPrice } : {}), ...(maxPrice ? { lte: maxPrice } : {}) } } : {}),
      ...(search
        ? {
            OR: [
              { name: { contains: search, mode: 'insensitive' } },
              { description: { contains: search, mode: 'insensitive' } },
              { sku: { contains: search, mode: 'insensitive' } },
            ],
          }
        : {}),
    };
  }

  /** Stock levels of many products in one query. */
  inventoryOf(productId: string, tenantId: string): Promise<Inventory[]> {
    return groupLoader(
      this.loaders,
      `Inventory:${tenantId}`,
      (productIds) => this.db.inventory.findMany({ where: { productId: { in: productIds }, tenantId }, orderBy: { location: 'asc' } }),
      (row) => row.productId,
    ).load(productId);
  }

  categoryById(id: string, tenantId: string): Promise<Category | null> {
    return entityLoader(this.loaders, `Category:${tenantId}`, (ids) =>
      this.db.category.findMany({ where: { id: { in: ids }, tenantId } }),
    ).load(id);
  }

  childrenOf(categoryId: string, tenantId: string): Promise<Category[]> {
    return groupLoader(
      this.loaders,
      `CategoryChildren:${tenantId}`,
      (parentIds) =>
        this.db.category.findMany({ where: { parentId: { in: parentIds }, tenantId }, orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] }),
      (row) => row.parentId ?? '',
    ).load(categoryId);
  }

  categories(tenantId: string): Promise<Category[]> {
    return this.db.category.findMany({ where: { tenantId, status: 'ACTIVE' }, orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] });
  }
}
