import {
  DataLoader,
  entityLoader,
  groupLoader,
  hasRole,
  pageRequest,
  perParentPageSql,
  toConnection,
  type Connection,
  type Identity,
  type LoaderCache,
  keysetAfter,
} from '@fed/service-kit';

import type { CatalogClient } from '../db.ts';
import type { Order, OrderItem, OrderStatus, Prisma } from '../generated/prisma/client.ts';

const orderCursor = (row: Order) => ({ value: row.createdAt.toISOString(), id: row.id });
const newestFirst: Prisma.OrderOrderByWithRelationInput[] = [{ createdAt: 'desc' }, { id: 'desc' }];

/**
 * Which orders a caller may see: their tenant's, and a caller who is only a customer sees only
 * the orders they placed themselves.
 */
export function orderVisibility(identity: Identity): Prisma.OrderWhereInput {
  const seesAllOrders = hasRole(
    identity,
    'ADMIN',
    'MANAGER',
    'VIEWER',
    'EXPORTER',
    'FX_OFFICER',
    'QUALITY_OFFICER',
    'SHIPPING_OFFICER',
    'CUSTOMS_OFFICER',
    'BANK_OFFICER',
  );
  return { tenantId: identity.tenantId, ...(seesAllOrders ? {} : { customerId: identity.userId }) };
}

export class OrderStore {
  constructor(
    private readonly db: CatalogClient,
    private readonly loaders: LoaderCache,
  ) {}

  byId(id: string, identity: Identity | null): Promise<Order | null> {
    if (!identity) return Promise.resolve(null);
    const visible = orderVisibility(identity);
    return entityLoader(this.loaders, `Order:${identity.tenantId}:${identity.userId}`, (ids) =>
      this.db.order.findMany({ where: { ...visible, id: { in: ids } } }),
    ).load(id);
  }

  async list(
    identity: Identity,
    args: { first?: number | null; after?: string | null; status?: OrderStatus | null },
  ): Promise<Connection<Order>> {
    const page = pageRequest(args);
    const where: Prisma.OrderWhereInput = { ...orderVisibility(identity), ...(args.status ? { status: args.status } : {}) };
    const after = page.after;
    const rows = await this.db.order.findMany({
      where: after
        ? {
            AND: [where, keysetAfter('createdAt', after)],
          }
        : where,
      orderBy: newestFirst,
      take: page.take + 1,
    });
    return toConnection(rows, page.take, orderCursor, () => this.db.order.count({ where }));
  }

  itemsOf(orderId: string, tenantId: string): Promise<OrderItem[]> {
    return groupLoader(
      this.loaders,
      `OrderItems:${tenantId}`,
      (orderIds) =>
        this.db.orderItem.findMany({ where: { orderId: { in: orderIds }, tenantId }, orderBy: [{ position: 'asc' }, { id: 'asc' }] }),
      (row) => row.orderId,
    ).load(orderId);
  }

  /**
   * `User.orders` for every user in the operation: one statement ranks and pages the orders of
   * all requested customers, one loads them, and `totalCount` is one grouped count.
   */
  async ofCustomer(
    customerId: string,
    identity: Identity,
    args: { first?: number | null; after?: string | null },
  ): Promise<Connection<Order>> {
    const page = pageRequest(args);
    const visible = orderVisibility(identity);
    // A customer asking about someone else sees nothing rather than an error.
    if (visible.customerId && visible.customerId !== customerId) {
      return toConnection([], page.take, orderCursor, async () => 0);
    }
    const loaderKey = `${identity.tenantId}:${page.take}:${args.after ?? ''}`;
    const pages = this.loaders.get(
      `CustomerOrders:${loaderKey}`,
      () =>
        new DataLoader<string, Order[]>(async (customerIds) => {
          const { sql, params } = perParentPageSql({
            table: 'Order',
            parentColumn: 'customerId',
            sortColumn: 'createdAt',
            tenantId: identity.tenantId,
            parentIds: [...customerIds],
            take: page.take,
            after: page.after,
          });
          const ids = (await this.db.$queryRawUnsafe<{ id: string }[]>(sql, ...params)).map((row) => row.id);
          const rows = ids.length ? await this.db.order.findMany({ where: { id: { in: ids } }, orderBy: newestFirst }) : [];
          return customerIds.map((customerId) => rows.filter((row) => row.customerId === customerId));
        }),
    );
    const counts = this.loaders.get(
      `CustomerOrderCounts:${identity.tenantId}`,
      () =>
        new DataLoader<string, number>(async (customerIds) => {
          const grouped = await this.db.order.groupBy({
            by: ['customerId'],
            where: { tenantId: identity.tenantId, customerId: { in: [...customerIds] } },
            _count: { _all: true },
          });
          const byCustomer = new Map(grouped.map((group) => [group.customerId, group._count._all]));
          return customerIds.map((customerId) => byCustomer.get(customerId) ?? 0);
        }),
    );
    const rows = await pages.load(customerId);
    return toConnection(rows, page.take, orderCursor, () => counts.load(customerId));
  }
}
