import { entityLoader, pageRequest, toConnection, type Connection, type LoaderCache, keysetAfter } from '@fed/service-kit';
import type { UsersClient } from '../db.ts';
import type { Prisma, Role, User } from '../generated/prisma/client.ts';

export interface UserFilter {
  role?: Role | null;
  active?: boolean | null;
  search?: string | null;
}

export class UserStore {
  constructor(
    private readonly db: UsersClient,
    private readonly loaders: LoaderCache,
  ) {}

  /** Batched and tenant-scoped: a user of another tenant resolves to null. */
  byId(id: string, tenantId: string | null): Promise<User | null> {
    if (!tenantId) return Promise.resolve(null);
    return entityLoader(this.loaders, `User:${tenantId}`, (ids) => this.db.user.findMany({ where: { id: { in: ids }, tenantId } })).load(
      id,
    );
  }

  byEmail(tenantId: string, email: string): Promise<User | null> {
    return this.db.user.findFirst({ where: { tenantId, email: email.trim().toLowerCase(), deletedAt: null } });
  }

  async list(
    tenantId: string,
    args: { first?: number | null; after?: string | null; filter?: UserFilter | null },
  ): Promise<Connection<User>> {
    const page = pageRequest(args);
    const filter = args.filter ?? {};
    const search = filter.search?.trim();
    const where: Prisma.UserWhereInput = {
      tenantId,
      deletedAt: null,
      ...(filter.role ? { roles: { has: filter.role } } : {}),
      ...(filter.active !== undefined && filter.active !== null ? { active: filter.active } : {}),
      ...(search
        ? {
            OR: [
              { email: { contains: search, mode: 'insensitive' } },
              { firstName: { contains: search, mode: 'insensitive' } },
              { lastName: { contains: search, mode: 'insensitive' } },
            ],
          }
        : {}),
    };
    const after = page.after;
    const rows = await this.db.user.findMany({
      where: after
        ? {
            AND: [where, keysetAfter('createdAt', after)],
          }
        : where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.take + 1,
    });
    return toConnection(
      rows,
      page.take,
      (row) => ({ value: row.createdAt.toISOString(), id: row.id }),
      () => this.db.user.count({ where }),
    );
  }
}
