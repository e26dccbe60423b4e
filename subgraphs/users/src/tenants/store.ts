import { entityLoader, type LoaderCache } from '@fed/service-kit';
import type { UsersClient } from '../db.ts';
import type { Tenant } from '../generated/prisma/client.ts';

export class TenantStore {
  constructor(
    private readonly db: UsersClient,
    private readonly loaders: LoaderCache,
  ) {}

  /**
   * A tenant is visible only to its own members: any other id resolves to null, including
   * through `_entities`.
   */
  async byId(id: string, callerTenantId: string | null): Promise<Tenant | null> {
    if (!callerTenantId || id !== callerTenantId) return null;
    return entityLoader(this.loaders, 'Tenant', (ids) => this.db.tenant.findMany({ where: { id: { in: ids }, deletedAt: null } })).load(id);
  }

  bySlug(slug: string): Promise<Tenant | null> {
    return this.db.tenant.findFirst({ where: { slug, deletedAt: null } });
  }
}
