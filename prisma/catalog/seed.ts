import type { CatalogClient } from '../../subgraphs/catalog/src/db.ts';
import { categories, DEMO_TAX_RATE, demoId, orders, products } from '../demo-world.ts';

const cents = (amount: string) => Math.round(Number(amount) * 100);
const money = (amountInCents: number) => (amountInCents / 100).toFixed(2);
const DAY = 24 * 3600 * 1000;

/** Demo categories, products with stock, and orders whose totals add up (embedded mode only). */
export async function seedCatalog(db: CatalogClient): Promise<void> {
  if ((await db.product.count()) > 0) return;
  const productById = new Map(Object.values(products).map((product) => [product.id, product]));
  const now = Date.now();
  const orderRows = Object.values(orders).map((order, orderIndex) => {
    const items = order.lines.map((line, index) => {
      const product = productById.get(line.productId)!;
      return {
        id: demoId(41, (orderIndex + 1) * 100 + index + 1),
        tenantId: order.tenantId,
        orderId: order.id,
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
        total: money(subtotal + tax + shipping),
        createdAt: new Date(now - order.placedDaysAgo * DAY),
      },
      items,
    };
  });
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
    db.inventory.createMany({
      data: Object.values(products).map((product) => ({
        tenantId: product.tenantId,
        productId: product.id,
        location: 'MAIN',
        quantity: product.stock,
        minStock: Math.min(10, product.stock),
      })),
    }),
    db.order.createMany({ data: orderRows.map((row) => row.order) }),
    db.orderItem.createMany({ data: orderRows.flatMap((row) => row.items) }),
  ]);
}
