import {
  columnsKey,
  columnEntityLoader,
  columnsFor,
  DataLoader,
  groupLoader,
  pageRequest,
  perParentPageSql,
  toConnection,
  type Connection,
  type Identity,
  type LoaderCache,
  whereAfter,
  prismaSelect,
  type Columns,
} from '@fed/service-kit';
import { reachOf } from '@fed/service-kit';
import type { GraphQLResolveInfo } from 'graphql';

import type { CatalogClient } from '../db.ts';
import type { Order, OrderItem, OrderStatus, Prisma } from '../generated/prisma/client.ts';
import { ORDER_COLUMNS } from './columns.ts';

const orderCursor = (row: Order) => ({ value: row.createdAt.toISOString(), id: row.id });
const newestFirst: Prisma.OrderOrderByWithRelationInput[] = [{ createdAt: 'desc' }, { id: 'desc' }];

/**
 * Which orders a caller may see: their tenant's, and a caller who is only a customer sees only
 * the orders they placed themselves.
 */
export function orderVisibility(identity: Identity): Prisma.OrderWhereInput {
  const seesAllOrders = reachOf(identity, 'Order') === 'every';
  return { tenantId: identity.tenantId, ...(seesAllOrders ? {} : { customerId: identity.userId }) };
}

export class OrderStore {
  constructor(
    private readonly db: CatalogClient,
    private readonly loaders: LoaderCache,
  ) {}

  /**
   * Only the columns the operation's fields read (ORDER_COLUMNS); the rows keep the model's type,
   * which the column plan, complete by its type and checked field by field in tests, keeps true.
   */
  private rows(args: { where: Prisma.OrderWhereInput; orderBy?: Prisma.OrderOrderByWithRelationInput[]; take?: number }, columns: Columns) {
    // customerId always: the kit's visibility guard decides by it whose order a row is.
    return this.db.order.findMany({ ...args, select: prismaSelect(columns, ['customerId']) }) as Promise<Order[]>;
  }

  /**
   * An order of the caller's tenant, whoever placed it: the kit's visibility guard (VISIBILITY.Order)
   * refuses another customer's order with a FORBIDDEN error where it is returned, rather than a
   * silent null. `info`: the field being resolved, to read only the columns its selection needs.
   */
  byId(id: string, identity: Identity | null, info: GraphQLResolveInfo | null): Promise<Order | null> {
    if (!identity) return Promise.resolve(null);
    return columnEntityLoader(this.loaders, `Order:${identity.tenantId}`, (ids, columns) =>
      this.rows({ where: { tenantId: identity.tenantId, id: { in: ids } } }, columns),
    ).load(id, columnsFor(info, ORDER_COLUMNS));
  }

  async list(
    identity: Identity,
    args: { first?: number | null; after?: string | null; status?: OrderStatus | null },
    info: GraphQLResolveInfo | null,
  ): Promise<Connection<Order>> {
    const page = pageRequest(args);
    const where: Prisma.OrderWhereInput = { ...orderVisibility(identity), ...(args.status ? { status: args.status } : {}) };
    const rows = await this.rows(
      { where: whereAfter(where, 'createdAt', page.after), orderBy: newestFirst, take: page.take + 1 },
      columnsFor(info, ORDER_COLUMNS, ['edges', 'node']),
    );
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
    info: GraphQLResolveInfo | null,
  ): Promise<Connection<Order>> {
    const page = pageRequest(args);
    const visible = orderVisibility(identity);
    const columns = columnsFor(info, ORDER_COLUMNS, ['edges', 'node']);
    // A customer asking about someone else sees nothing rather than an error.
    if (visible.customerId && visible.customerId !== customerId) {
      return toConnection([], page.take, orderCursor, async () => 0);
    }
    // The columns are part of the key: customers whose orders are selected differently batch apart.
    const loaderKey = `${identity.tenantId}:${page.take}:${args.after ?? ''}:${columnsKey(columns)}`;
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
          const rows = ids.length ? await this.rows({ where: { id: { in: ids } }, orderBy: newestFirst }, columns) : [];
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
