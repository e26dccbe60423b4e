import { entityLoader, groupLoader, type LoaderCache } from '@fed/service-kit';
import type { ShippingClient } from '../db.ts';
import type { Carrier, RateCard } from '../generated/prisma/client.ts';
import type { CredentialsCipher } from './credentials.ts';

/** A carrier as the graph sees it: without the encrypted credentials. */
export type PublicCarrier = Omit<Carrier, 'apiCredentialsEncrypted'>;

/** Every carrier read leaves the credentials column out, so no resolver ever holds them. */
export const WITHOUT_CREDENTIALS = { apiCredentialsEncrypted: true } as const;

/** Reads of carriers and rate cards, batched per request and scoped to one tenant. */
export class CarrierStore {
  constructor(
    private readonly db: ShippingClient,
    private readonly loaders: LoaderCache,
    private readonly cipher: CredentialsCipher,
  ) {}

  byId(id: string, tenantId: string): Promise<PublicCarrier | null> {
    return entityLoader(this.loaders, `Carrier:${tenantId}`, (ids) =>
      this.db.carrier.findMany({ where: { id: { in: ids }, tenantId }, omit: WITHOUT_CREDENTIALS }),
    ).load(id);
  }

  list(tenantId: string, includeInactive: boolean): Promise<PublicCarrier[]> {
    return this.db.carrier.findMany({
      where: { tenantId, ...(includeInactive ? {} : { active: true }) },
      omit: WITHOUT_CREDENTIALS,
      orderBy: [{ code: 'asc' }],
    });
  }

  rateCardsOf(carrierId: string, tenantId: string): Promise<RateCard[]> {
    return groupLoader(
      this.loaders,
      `RateCards:${tenantId}`,
      (carrierIds) =>
        this.db.rateCard.findMany({
          where: { carrierId: { in: carrierIds }, tenantId },
          orderBy: [{ service: 'asc' }, { zone: 'asc' }, { currency: 'asc' }],
        }),
      (row) => row.carrierId,
    ).load(carrierId);
  }

  /**
   * The decrypted API credentials, for a carrier API adapter inside this service. Never called by a
   * resolver: the graph has no field that returns them.
   */
  async apiCredentialsOf(carrierId: string, tenantId: string): Promise<string | null> {
    const row = await this.db.carrier.findFirst({ where: { id: carrierId, tenantId }, select: { apiCredentialsEncrypted: true } });
    if (!row?.apiCredentialsEncrypted) return null;
    return this.cipher.decrypt(row.apiCredentialsEncrypted, { tenantId, carrierId });
  }
}
