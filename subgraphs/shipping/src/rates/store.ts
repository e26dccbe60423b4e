import { entityLoader, groupLoader, type LoaderCache } from '@fed/service-kit';
import type { ShippingClient } from '../db.ts';
import type { RateQuote } from '../generated/prisma/client.ts';
import { QUOTE_ORDER } from './pricing.ts';

/** Reads of rate quotes, batched per request and scoped to one tenant. */
export class RateQuoteStore {
  constructor(
    private readonly db: ShippingClient,
    private readonly loaders: LoaderCache,
  ) {}

  /** `Manifest.quotes` for every manifest of the operation in one query, cheapest first. */
  quotesOf(manifestId: string, tenantId: string, includeSuperseded: boolean): Promise<RateQuote[]> {
    return groupLoader(
      this.loaders,
      `RateQuotes:${tenantId}:${includeSuperseded}`,
      (manifestIds) =>
        this.db.rateQuote.findMany({
          where: { manifestId: { in: manifestIds }, tenantId, ...(includeSuperseded ? {} : { status: { not: 'SUPERSEDED' } }) },
          orderBy: QUOTE_ORDER,
        }),
      (row) => row.manifestId,
    ).load(manifestId);
  }

  byId(id: string, tenantId: string): Promise<RateQuote | null> {
    return entityLoader(this.loaders, `RateQuote:${tenantId}`, (ids) =>
      this.db.rateQuote.findMany({ where: { id: { in: ids }, tenantId } }),
    ).load(id);
  }
}
