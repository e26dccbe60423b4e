import { recordAuditEvent, type ServiceContext } from '@fed/service-kit';
import type { CatalogClient } from '../db.ts';
import { inTransaction } from '../transactions.ts';
import { boundedDecimal, currencyInput, moneyInput } from '../validation.ts';
import { pricingFor, type PricingSettings } from './store.ts';

export interface PricingInput {
  currency?: string | null;
  taxRate?: string | null;
  shippingBase?: string | null;
  shippingPerKg?: string | null;
}

/** Changes a tenant's pricing rules; orders already placed keep the totals they were given. */
export class SettingsService {
  constructor(private readonly db: CatalogClient) {}

  read(tenantId: string): Promise<PricingSettings> {
    return pricingFor(this.db, tenantId);
  }

  async update(context: ServiceContext, tenantId: string, input: PricingInput): Promise<PricingSettings> {
    const changes = {
      ...(input.currency ? { currency: currencyInput('currency', input.currency) } : {}),
      ...(input.taxRate ? { taxRate: boundedDecimal('taxRate', input.taxRate, { precision: 5, scale: 4 }) } : {}),
      ...(input.shippingBase ? { shippingBase: moneyInput('shippingBase', input.shippingBase) } : {}),
      ...(input.shippingPerKg ? { shippingPerKg: moneyInput('shippingPerKg', input.shippingPerKg) } : {}),
    };
    return inTransaction(
      this.db,
      async (tx) => {
        const before = await pricingFor(tx, tenantId);
        const row = await tx.catalogSettings.upsert({
          where: { tenantId },
          create: { tenantId, ...before, ...changes },
          update: changes,
        });
        const after: PricingSettings = {
          currency: row.currency,
          taxRate: row.taxRate,
          shippingBase: row.shippingBase,
          shippingPerKg: row.shippingPerKg,
        };
        await recordAuditEvent(tx, context, 'catalog', {
          action: 'catalog_settings.updated',
          entityType: 'Tenant',
          entityId: tenantId,
          before,
          after,
          tags: ['financial'],
        });
        return after;
      },
      { constraints: { CatalogSettings_taxRate_check: { field: 'taxRate', rule: 'must be less than 1 (a fraction: 0.1 is 10%)' } } },
    );
  }
}
