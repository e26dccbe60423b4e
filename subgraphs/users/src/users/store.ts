import {
  columnEntityLoader,
  columnsFor,
  whereAfter,
  pageRequest,
  prismaSelect,
  toConnection,
  type Columns,
  type Connection,
  type LoaderCache,
} from '@fed/service-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { UsersClient } from '../db.ts';
import type { Prisma, Role, User } from '../generated/prisma/client.ts';
import { USER_COLUMNS } from './columns.ts';

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

  /**
   * Only the columns the operation's fields read (USER_COLUMNS). The rows keep the model's type:
   * the column plan, complete by its type and checked field by field in tests, keeps that true for
   * every resolver.
   */
  private rows(
    args: Omit<Prisma.UserFindManyArgs, 'select' | 'include' | 'omit'>,
    columns: Columns,
    also: readonly string[] = [],
  ): Promise<User[]> {
    return this.db.user.findMany({ ...args, select: prismaSelect(columns, also) }) as Promise<User[]>;
  }

  /**
   * Batched and tenant-scoped: a user of another tenant resolves to null. `info`: the field being
   * resolved, to read only the columns its selection needs (null: every column).
   */
  byId(id: string, tenantId: string | null, info: GraphQLResolveInfo | null): Promise<User | null> {
    if (!tenantId) return Promise.resolve(null);
    return columnEntityLoader(this.loaders, `User:${tenantId}`, (ids, columns) =>
      this.rows({ where: { id: { in: ids }, tenantId } }, columns),
    ).load(id, columnsFor(info, USER_COLUMNS));
  }

  byEmail(tenantId: string, email: string): Promise<User | null> {
    return this.db.user.findFirst({ where: { tenantId, email: email.trim().toLowerCase(), deletedAt: null } });
  }

  async list(
    tenantId: string,
    args: { first?: number | null; after?: string | null; filter?: UserFilter | null; onlyUserId?: string | null },
    info: GraphQLResolveInfo | null,
  ): Promise<Connection<User>> {
    const columns = columnsFor(info, USER_COLUMNS, ['edges', 'node']);
    const page = pageRequest(args);
    const filter = args.filter ?? {};
    const search = filter.search?.trim();
    const where: Prisma.UserWhereInput = {
      tenantId,
      deletedAt: null,
      ...(args.onlyUserId ? { id: args.onlyUserId } : {}),
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
    const rows = await this.rows(
      {
        where: whereAfter(where, 'createdAt', page.after),
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: page.take + 1,
      },
      columns,
      // The cursor is (createdAt, id), whatever the nodes select.
      ['createdAt'],
    );
    return toConnection(
      rows,
      page.take,
      (row) => ({ value: row.createdAt.toISOString(), id: row.id }),
      () => this.db.user.count({ where }),
    );
  }
}
