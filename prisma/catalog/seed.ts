import type { CatalogClient } from '../../subgraphs/catalog/src/db.ts';
import { captureRequestHash } from '../../subgraphs/catalog/src/payments/idempotency.ts';
import { catalogSettings, categories, DEMO_TAX_RATE, demoId, orders, payments, products, reviews } from '../demo-world.ts';

const cents = (amount: string) => Math.round(Number(amount) * 100);
const money = (amountInCents: number) => (amountInCents / 100).toFixed(2);
const DAY = 24 * 3600 * 1000;
/** Statuses in which an order's stock has left the inventory (confirmed and beyond). */
const STOCK_TAKEN = new Set(['CONFIRMED', 'PROCESSING', 'SHIPPED', 'IN_TRANSIT', 'DELIVERED']);

/**
 * Demo categories, products, stock (through the ledger: an opening balance, an OUT movement per
 * confirmed order line, a reservation per pending one), orders whose totals add up, reviews,
 * payments and pricing settings (embedded mode only).
 */
export async function seedCatalog(db: CatalogClient): Promise<void> {
  if ((await db.product.count()) > 0) return;
  const productById = new Map(Object.values(products).map((product) => [product.id, product]));
  const inventoryIdOf = new Map(Object.values(products).map((product, index) => [product.id, demoId(74, index + 1)]));
  const now = Date.now();
  const orderRows = Object.values(orders).map((order, orderIndex) => {
    const items = order.lines.map((line, index) => {
      const product = productById.get(line.productId)!;
      return {
        id: demoId(41, (orderIndex + 1) * 100 + index + 1),
        tenantId: order.tenantId,
        orderId: order.id,
        position: index,
        productId: product.id,
        productName: product.name,
        unitPrice: product.price,
        quantity: line.quantity,
        lineTotal: money(cents(product.price) * line.quantity),
      };
    });
    const subtotal = items.reduce((sum, item) => sum + cents(item.lineTotal), 0);
    const tax = Math.round(subtotal * Number(DEMO_TAX_RATE));
    const shipping = cents(order.shipping);
    const total = subtotal + tax + shipping;
    const paidCents = Object.values(payments)
      .filter((payment) => payment.orderId === order.id)
      .reduce((sum, payment) => sum + Math.round((total * payment.percentOfTotal) / 100), 0);
    const createdAt = new Date(now - order.placedDaysAgo * DAY);
    return {
      order: {
        id: order.id,
        tenantId: order.tenantId,
        number: order.number,
        customerId: order.customerId,
        status: order.status,
        currency: order.currency,
        subtotal: money(subtotal),
        tax: money(tax),
        shipping: money(shipping),
        discount: '0.00',
        total: money(total),
        paidAt: paidCents >= total ? new Date(createdAt.getTime() + DAY) : null,
        createdAt,
      },
      total,
      items,
    };
  });
  const openingStock = Object.values(products).map((product, index) => ({
    id: demoId(75, index + 1),
    tenantId: product.tenantId,
    inventoryId: inventoryIdOf.get(product.id)!,
    productId: product.id,
    type: 'IN' as const,
    quantity: product.stock,
    reference: 'opening-balance',
    note: 'Stock on hand when the demo world was created',
  }));
  const shipped = orderRows
    .filter((row) => STOCK_TAKEN.has(row.order.status))
    .flatMap((row) =>
      row.items.map((item) => ({
        id: demoId(75, Number(item.id.slice(-6))),
        tenantId: item.tenantId,
        inventoryId: inventoryIdOf.get(item.productId)!,
        productId: item.productId,
        type: 'OUT' as const,
        quantity: -item.quantity,
        reference: row.order.number,
        note: 'Order confirmed',
        orderId: row.order.id,
      })),
    );
  const pendingItems = orderRows.filter((row) => row.order.status === 'PENDING').flatMap((row) => row.items);
  const reservedOf = new Map<string, number>();
  for (const item of pendingItems) reservedOf.set(item.productId, (reservedOf.get(item.productId) ?? 0) + item.quantity);

  await db.$transaction([
    // Parents before children: the tree's foreign key points at the parent.
    db.category.createMany({ data: Object.values(categories).filter((category) => !category.parentId) }),
    db.category.createMany({ data: Object.values(categories).filter((category) => category.parentId) }),
    db.product.createMany({
      data: Object.values(products).map(({ stock: _stock, ...product }, index) => ({
        ...product,
        createdAt: new Date(now - (100 - index) * DAY),
      })),
    }),
    // Levels start empty: quantity only ever comes from the ledger.
    db.inventory.createMany({
      data: Object.values(products).map((product) => ({
        id: inventoryIdOf.get(product.id)!,
        tenantId: product.tenantId,
        productId: product.id,
        location: 'MAIN',
        minStock: Math.min(10, product.stock),
      })),
    }),
    db.order.createMany({ data: orderRows.map((row) => row.order) }),
    db.orderItem.createMany({ data: orderRows.flatMap((row) => row.items) }),
    db.stockMovement.createMany({ data: [...openingStock, ...shipped] }),
    ...[...reservedOf].map(([productId, reserved]) =>
      db.inventory.update({ where: { id: inventoryIdOf.get(productId)! }, data: { reserved } }),
    ),
    db.stockReservation.createMany({
      data: pendingItems.map((item, index) => ({
        id: demoId(76, index + 1),
        tenantId: item.tenantId,
        orderId: item.orderId,
        orderItemId: item.id,
        inventoryId: inventoryIdOf.get(item.productId)!,
        quantity: item.quantity,
      })),
    }),
    db.review.createMany({ data: Object.values(reviews) }),
    db.payment.createMany({
      data: Object.values(payments).map(({ percentOfTotal, ...payment }) => {
        const row = orderRows.find((candidate) => candidate.order.id === payment.orderId)!;
        const amount = money(Math.round((row.total * percentOfTotal) / 100));
        const capturedAt = new Date(row.order.createdAt.getTime() + DAY);
        return {
          ...payment,
          amount,
          currency: row.order.currency,
          status: 'CAPTURED' as const,
          gatewayResponse: { demo: true, approved: true },
          idempotencyKey: `demo-seed-${payment.id}`,
          requestHash: captureRequestHash({ ...payment, amount, currency: row.order.currency }),
          capturedAt,
          createdAt: capturedAt,
        };
      }),
    }),
    db.catalogSettings.createMany({ data: Object.values(catalogSettings) }),
  ]);
}
