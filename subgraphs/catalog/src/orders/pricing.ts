import { BadUserInputError } from '@fed/service-kit';
import { Prisma } from '../generated/prisma/client.ts';
import type { PricingSettings } from '../settings/store.ts';

/**
 * Order totals, computed only here and only from the prices captured at purchase: a client never
 * sends a price or a total. Exact decimal arithmetic (no floats); tax and shipping are rounded half
 * up to cents. The database checks the same sums (OrderItem_lineTotal_check, Order_total_check).
 */
export interface PricedLine {
  field: string;
  unitPrice: Prisma.Decimal;
  quantity: number;
  weightKg: Prisma.Decimal;
}

export interface OrderTotals {
  lineTotals: Prisma.Decimal[];
  subtotal: Prisma.Decimal;
  tax: Prisma.Decimal;
  shipping: Prisma.Decimal;
  discount: Prisma.Decimal;
  total: Prisma.Decimal;
}

/** The largest amount a DECIMAL(12,2) column holds. */
const MAX_AMOUNT = new Prisma.Decimal('9999999999.99');
const cents = (amount: Prisma.Decimal) => amount.toDecimalPlaces(2, Prisma.Decimal.ROUND_HALF_UP);

export function priceOrder(lines: PricedLine[], settings: PricingSettings): OrderTotals {
  const lineTotals = lines.map((line) => {
    const lineTotal = line.unitPrice.mul(line.quantity);
    if (lineTotal.gt(MAX_AMOUNT))
      throw new BadUserInputError(`${line.field}.quantity`, `makes the line total exceed ${MAX_AMOUNT.toFixed(2)}`);
    return lineTotal;
  });
  const subtotal = lineTotals.reduce((sum, amount) => sum.add(amount), new Prisma.Decimal(0));
  const weightKg = lines.reduce((sum, line) => sum.add(line.weightKg.mul(line.quantity)), new Prisma.Decimal(0));
  const tax = cents(subtotal.mul(settings.taxRate));
  const shipping = cents(settings.shippingBase.add(settings.shippingPerKg.mul(weightKg)));
  // No promotions yet: the column is there for them.
  const discount = new Prisma.Decimal(0);
  const total = subtotal.add(tax).add(shipping).sub(discount);
  if (total.gt(MAX_AMOUNT)) throw new BadUserInputError('items', `make the order total exceed ${MAX_AMOUNT.toFixed(2)}`);
  return { lineTotals, subtotal, tax, shipping, discount, total };
}
