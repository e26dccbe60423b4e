import { randomBytes } from 'node:crypto';
import { ConflictError, NotFoundError, isUuid, recordAuditEvent, type Identity, type ServiceContext } from '@fed/service-kit';
import type { ShippingClient } from '../db.ts';
import type { Manifest, RateQuote } from '../generated/prisma/client.ts';
import { addDays } from '../manifests/service.ts';
import { inTransaction, lockManifest, type Transaction } from '../transactions.ts';
import { QUOTE_ORDER, insertQuotes } from './pricing.ts';

/** Quoting and booking: an APPROVED manifest is priced with the rate cards, then one quote is booked. */
export class RateBooking {
  constructor(
    private readonly db: ShippingClient,
    private readonly context: ServiceContext,
  ) {}

  /** Supersedes the manifest's open quotes, stores a fresh one per matching rate card, cheapest first. */
  quote(identity: Identity, manifestId: string): Promise<RateQuote[]> {
    return inTransaction(this.db, async (tx) => {
      const manifest = await this.lockBookable(tx, identity, manifestId, 'Rates can be quoted');
      await tx.rateQuote.updateMany({ where: { manifestId: manifest.id, status: 'QUOTED' }, data: { status: 'SUPERSEDED' } });
      const ids = await insertQuotes(tx, manifest.id, identity.tenantId, new Date());
      const quotes = ids.length > 0 ? await tx.rateQuote.findMany({ where: { id: { in: ids } }, orderBy: QUOTE_ORDER }) : [];
      await recordAuditEvent(tx, this.context, 'shipping', {
        action: 'manifest.rates_quoted',
        entityType: 'Manifest',
        entityId: manifest.id,
        after: {
          quotes: quotes.map((quote) => ({
            id: quote.id,
            carrierId: quote.carrierId,
            service: quote.service,
            total: quote.total,
            transitDays: quote.transitDays,
          })),
        },
        tags: ['shipping'],
      });
      return quotes;
    });
  }

  /** Books one of the manifest's current quotes: carrier, service, price, tracking number, estimated delivery. */
  select(identity: Identity, manifestId: string, quoteId: string): Promise<Manifest> {
    return inTransaction(this.db, async (tx) => {
      const before = await this.lockBookable(tx, identity, manifestId, 'A rate can be selected');
      const quote = isUuid(quoteId)
        ? await tx.rateQuote.findFirst({ where: { id: quoteId, manifestId: before.id, tenantId: identity.tenantId } })
        : null;
      if (!quote) throw new NotFoundError('RateQuote', quoteId);
      if (quote.status !== 'QUOTED') {
        throw new ConflictError(`Quote ${quote.id} was superseded by newer quotes; select one of the manifest's current quotes`);
      }
      const now = new Date();
      if (quote.validUntil <= now) {
        throw new ConflictError(`Quote ${quote.id} expired at ${quote.validUntil.toISOString()}; quote rates again`);
      }
      const carrier = await tx.carrier.findFirst({
        where: { id: quote.carrierId, tenantId: identity.tenantId },
        select: { code: true, active: true, services: true },
      });
      if (!carrier?.active || !carrier.services.includes(quote.service)) {
        throw new ConflictError(`The carrier of quote ${quote.id} no longer offers ${quote.service}; quote rates again`);
      }
      await tx.rateQuote.update({ where: { id: quote.id }, data: { status: 'SELECTED' } });
      await tx.rateQuote.updateMany({ where: { manifestId: before.id, status: 'QUOTED' }, data: { status: 'SUPERSEDED' } });
      const after = await tx.manifest.update({
        where: { id: before.id },
        data: {
          selectedQuoteId: quote.id,
          carrierId: quote.carrierId,
          service: quote.service,
          shippingCost: quote.total,
          trackingNumber: trackingNumberFor(carrier.code),
          estimatedDelivery: addDays(now, quote.transitDays),
        },
      });
      await recordAuditEvent(tx, this.context, 'shipping', {
        action: 'manifest.rate_selected',
        entityType: 'Manifest',
        entityId: before.id,
        before,
        after,
        tags: ['shipping'],
      });
      return after;
    });
  }

  /** Locks a manifest that can still be priced or booked: APPROVED and not booked yet. */
  private async lockBookable(tx: Transaction, identity: Identity, manifestId: string, what: string): Promise<Manifest> {
    const manifest = await lockManifest(tx, identity.tenantId, manifestId);
    if (manifest.selectedQuoteId) {
      throw new ConflictError(`Manifest ${manifest.publicId} is already booked (tracking number ${manifest.trackingNumber})`, {
        status: manifest.status,
      });
    }
    if (manifest.status !== 'APPROVED') {
      throw new ConflictError(`${what} only for an APPROVED manifest; ${manifest.publicId} is ${manifest.status}`, {
        status: manifest.status,
      });
    }
    return manifest;
  }
}

/** <carrier code>-<12 random base32 characters>; the unique index on trackingNumber backs it. */
export function trackingNumberFor(carrierCode: string): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return `${carrierCode}-${[...randomBytes(12)].map((byte) => alphabet[byte % 32]).join('')}`;
}
