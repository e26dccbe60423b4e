import { Prisma } from '../generated/prisma/client.ts';
import type { CatalogTransaction } from '../transactions.ts';

/** How placeOrder prices an order for one tenant. */
export interface PricingSettings {
  currency: string;
  /** A fraction of the subtotal: 0.1 is 10%. */
  taxRate: Prisma.Decimal;
  shippingBase: Prisma.Decimal;
  shippingPerKg: Prisma.Decimal;
}

/**
 * What a tenant without a CatalogSettings row gets: orders in US dollars, 10% tax on the subtotal
 * (the demo's rate), and no shipping charge. An ADMIN changes them with updateCatalogSettings.
 */
export const DEFAULT_PRICING: PricingSettings = {
  currency: 'USD',
  taxRate: new Prisma.Decimal('0.10'),
  shippingBase: new Prisma.Decimal('0.00'),
  shippingPerKg: new Prisma.Decimal('0.00'),
};

type SettingsReader = Pick<CatalogTransaction, 'catalogSettings'>;

export async function pricingFor(db: SettingsReader, tenantId: string): Promise<PricingSettings> {
  const row = await db.catalogSettings.findUnique({ where: { tenantId } });
  return row
    ? { currency: row.currency, taxRate: row.taxRate, shippingBase: row.shippingBase, shippingPerKg: row.shippingPerKg }
    : DEFAULT_PRICING;
}
