import { entityLoader, groupLoader, type LoaderCache } from '@fed/service-kit';
import type { CatalogClient } from '../db.ts';
import type { Category } from '../generated/prisma/client.ts';

/** Reads of the category tree, tenant-scoped and batched. */
export class CategoryStore {
  constructor(
    private readonly db: CatalogClient,
    private readonly loaders: LoaderCache,
  ) {}

  byId(id: string, tenantId: string | null): Promise<Category | null> {
    if (!tenantId) return Promise.resolve(null);
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

  list(tenantId: string): Promise<Category[]> {
    return this.db.category.findMany({ where: { tenantId, status: 'ACTIVE' }, orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] });
  }
}
