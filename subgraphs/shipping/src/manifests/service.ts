import { randomBytes, randomUUID } from 'node:crypto';
import {
  BadUserInputError,
  ConflictError,
  InvalidTransitionError,
  NotFoundError,
  isUuid,
  recordAuditEvent,
  type AuditSeverity,
  type Identity,
  type ServiceContext,
} from '@fed/service-kit';
import type { ShippingClient } from '../db.ts';
import type { Country, Manifest, ManifestItem, ManifestStatus, Prisma } from '../generated/prisma/client.ts';
import { replicaProducts } from '../replicas/product-replica.ts';
import { inTransaction, lockManifest, recomputeTotals, type Transaction } from '../transactions.ts';
import {
  HS_CODE,
  LIMITS,
  TRANSITIONS,
  countryCodeInput,
  currencyInput,
  hsCodeInput,
  itemDraft,
  orderIdsInput,
  quantityInput,
  textInput,
  valueInput,
  volumeInput,
  weightInput,
  type ItemDraft,
  type ItemInput,
} from './rules.ts';

export interface CreateManifestInput {
  originCountry: string;
  destinationCountry: string;
  currency: string;
  orderIds?: readonly string[] | null;
  items?: readonly ItemInput[] | null;
}

export interface UpdateManifestInput {
  originCountry?: string | null;
  destinationCountry?: string | null;
  currency?: string | null;
  orderIds?: readonly string[] | null;
}

export interface ItemChanges {
  quantity?: number | null;
  description?: string | null;
  weightKg?: string | null;
  volumeM3?: string | null;
  value?: string | null;
  hsCode?: string | null;
  originCountry?: string | null;
}

type ItemData = Omit<Prisma.ManifestItemCreateManyInput, 'manifestId' | 'tenantId'>;

/**
 * The manifest lifecycle: drafts and their items, and the status machine
 * DRAFT -> SUBMITTED -> APPROVED | REJECTED, APPROVED -> SHIPPED -> DELIVERED. Every change runs in
 * one transaction that locks the manifest, keeps its totals equal to the sums of its items (the
 * database checks this at commit), and records an audit event.
 */
export class ManifestLifecycle {
  constructor(
    private readonly db: ShippingClient,
    private readonly context: ServiceContext,
  ) {}

  async create(identity: Identity, input: CreateManifestInput): Promise<Manifest> {
    const originCountry = countryCodeInput('originCountry', input.originCountry);
    const destinationCountry = countryCodeInput('destinationCountry', input.destinationCountry);
    if (originCountry === destinationCountry) throw new BadUserInputError('destinationCountry', 'must differ from originCountry');
    const currency = currencyInput('currency', input.currency);
    const orderIds = orderIdsInput('orderIds', input.orderIds ?? []);
    const inputs = input.items ?? [];
    if (inputs.length > LIMITS.itemsPerManifest) {
      throw new BadUserInputError('items', `must list at most ${LIMITS.itemsPerManifest} items`);
    }
    const drafts = inputs.map((item, index) => itemDraft(`items[${index}].`, item));
    return inTransaction(this.db, async (tx) => {
      const countries = await this.countries(tx, [originCountry, destinationCountry, ...drafts.map((draft) => draft.originCountry)]);
      activeCountry(countries, 'originCountry', originCountry);
      const destination = activeCountry(countries, 'destinationCountry', destinationCountry);
      const items = await this.completeItems(tx, identity.tenantId, drafts, originCountry, countries);
      const id = randomUUID();
      await tx.manifest.create({
        data: {
          id,
          tenantId: identity.tenantId,
          publicId: newPublicId(),
          originCountry,
          destinationCountry,
          zone: destination.zone,
          currency,
          createdById: identity.userId,
        },
      });
      if (items.length > 0) {
        await tx.manifestItem.createMany({ data: items.map((item) => ({ ...item, manifestId: id, tenantId: identity.tenantId })) });
      }
      if (orderIds.length > 0) {
        await tx.manifestOrder.createMany({ data: orderIds.map((orderId) => ({ manifestId: id, orderId, tenantId: identity.tenantId })) });
      }
      const manifest = await recomputeTotals(tx, id);
      await this.audit(tx, 'manifest.created', manifest, null, { ...manifest, items, orderIds });
      return manifest;
    });
  }

  async update(identity: Identity, id: string, input: UpdateManifestInput): Promise<Manifest> {
    const origin = input.originCountry != null ? countryCodeInput('originCountry', input.originCountry) : null;
    const destination = input.destinationCountry != null ? countryCodeInput('destinationCountry', input.destinationCountry) : null;
    const currency = input.currency != null ? currencyInput('currency', input.currency) : null;
    const orderIds = input.orderIds != null ? orderIdsInput('orderIds', input.orderIds) : null;
    return inTransaction(this.db, async (tx) => {
      const before = await this.lockDraft(tx, identity, id);
      const originCountry = origin ?? before.originCountry;
      const destinationCountry = destination ?? before.destinationCountry;
      if (originCountry === destinationCountry) throw new BadUserInputError('destinationCountry', 'must differ from originCountry');
      const countries = await this.countries(tx, [originCountry, destinationCountry]);
      if (origin) activeCountry(countries, 'originCountry', origin);
      const zone = destination ? activeCountry(countries, 'destinationCountry', destination).zone : before.zone;
      const previousOrders = await tx.manifestOrder.findMany({ where: { manifestId: id }, select: { orderId: true } });
      if (orderIds) {
        await tx.manifestOrder.deleteMany({ where: { manifestId: id } });
        await tx.manifestOrder.createMany({ data: orderIds.map((orderId) => ({ manifestId: id, orderId, tenantId: identity.tenantId })) });
      }
      const after = await tx.manifest.update({
        where: { id },
        data: { originCountry, destinationCountry, zone, currency: currency ?? before.currency },
      });
      await this.audit(
        tx,
        'manifest.updated',
        after,
        { ...before, orderIds: previousOrders.map((link) => link.orderId) },
        { ...after, orderIds: orderIds ?? previousOrders.map((link) => link.orderId) },
      );
      return after;
    });
  }

  async addItem(identity: Identity, manifestId: string, input: ItemInput): Promise<Manifest> {
    const draft = itemDraft('', input);
    return inTransaction(this.db, async (tx) => {
      const before = await this.lockDraft(tx, identity, manifestId);
      const count = await tx.manifestItem.count({ where: { manifestId } });
      if (count >= LIMITS.itemsPerManifest) {
        throw new ConflictError(`Manifest ${before.publicId} already has the maximum of ${LIMITS.itemsPerManifest} items`);
      }
      const countries = await this.countries(tx, [draft.originCountry]);
      const [data] = await this.completeItems(tx, identity.tenantId, [draft], before.originCountry, countries);
      const item = await tx.manifestItem.create({ data: { ...data!, manifestId, tenantId: identity.tenantId } });
      const after = await recomputeTotals(tx, manifestId);
      await this.audit(tx, 'manifest.item_added', after, totalsOf(before), { ...totalsOf(after), item });
      return after;
    });
  }

  async updateItem(identity: Identity, itemId: string, changes: ItemChanges): Promise<Manifest> {
    const data: Prisma.ManifestItemUncheckedUpdateInput & { originCountry?: string } = {};
    if (changes.quantity != null) data.quantity = quantityInput('quantity', changes.quantity);
    if (changes.description != null) data.description = textInput('description', changes.description);
    if (changes.weightKg != null) data.weightKg = weightInput('weightKg', changes.weightKg);
    if (changes.volumeM3 != null) data.volumeM3 = volumeInput('volumeM3', changes.volumeM3);
    if (changes.value != null) data.value = valueInput('value', changes.value);
    if (changes.hsCode != null) data.hsCode = hsCodeInput('hsCode', changes.hsCode);
    if (changes.originCountry != null) data.originCountry = countryCodeInput('originCountry', changes.originCountry);
    return inTransaction(this.db, async (tx) => {
      const { manifest: before, item } = await this.lockItem(tx, identity, itemId);
      if (data.originCountry) knownCountry(await this.countries(tx, [data.originCountry]), 'originCountry', data.originCountry);
      const updated = await tx.manifestItem.update({ where: { id: item.id }, data });
      const after = await recomputeTotals(tx, before.id);
      await this.audit(tx, 'manifest.item_updated', after, { ...totalsOf(before), item }, { ...totalsOf(after), item: updated });
      return after;
    });
  }

  async removeItem(identity: Identity, itemId: string): Promise<Manifest> {
    return inTransaction(this.db, async (tx) => {
      const { manifest: before, item } = await this.lockItem(tx, identity, itemId);
      await tx.manifestItem.delete({ where: { id: item.id } });
      const after = await recomputeTotals(tx, before.id);
      await this.audit(tx, 'manifest.item_removed', after, { ...totalsOf(before), item }, totalsOf(after));
      return after;
    });
  }

  submit(identity: Identity, id: string): Promise<Manifest> {
    return this.transition(identity, id, 'SUBMITTED', async (manifest, tx) => {
      if ((await tx.manifestItem.count({ where: { manifestId: id } })) === 0) {
        throw new InvalidTransitionError(`Manifest ${manifest.publicId}`, manifest.status, 'SUBMITTED', 'it has no items');
      }
      return { submittedAt: new Date() };
    });
  }

  approve(identity: Identity, id: string): Promise<Manifest> {
    return this.transition(identity, id, 'APPROVED', () => ({ reviewedById: identity.userId, reviewedAt: new Date() }));
  }

  reject(identity: Identity, id: string, reason: string): Promise<Manifest> {
    const rejectionReason = textInput('reason', reason, 1000);
    return this.transition(identity, id, 'REJECTED', () => ({ reviewedById: identity.userId, reviewedAt: new Date(), rejectionReason }), {
      severity: 'NOTICE',
    });
  }

  ship(identity: Identity, id: string): Promise<Manifest> {
    return this.transition(identity, id, 'SHIPPED', async (manifest, tx) => {
      if (!manifest.selectedQuoteId) {
        throw new InvalidTransitionError(
          `Manifest ${manifest.publicId}`,
          manifest.status,
          'SHIPPED',
          'no rate has been selected (quoteRates, then selectRate)',
        );
      }
      const quote = await tx.rateQuote.findUniqueOrThrow({ where: { id: manifest.selectedQuoteId } });
      const shippedAt = new Date();
      return { shippedAt, estimatedDelivery: addDays(shippedAt, quote.transitDays) };
    });
  }

  deliver(identity: Identity, id: string): Promise<Manifest> {
    return this.transition(identity, id, 'DELIVERED', () => ({ deliveredAt: new Date() }));
  }

  private transition(
    identity: Identity,
    id: string,
    to: Exclude<ManifestStatus, 'DRAFT'>,
    prepare: (manifest: Manifest, tx: Transaction) => Prisma.ManifestUpdateInput | Promise<Prisma.ManifestUpdateInput>,
    options: { severity?: AuditSeverity } = {},
  ): Promise<Manifest> {
    const { from, verb } = TRANSITIONS[to];
    return inTransaction(this.db, async (tx) => {
      const before = await lockManifest(tx, identity.tenantId, id);
      if (before.status !== from) {
        const reason = before.status === to ? `it is already ${to}` : `only a ${from} manifest can be ${verb}`;
        throw new InvalidTransitionError(`Manifest ${before.publicId}`, before.status, to, reason);
      }
      const data = await prepare(before, tx);
      const after = await tx.manifest.update({ where: { id: before.id }, data: { ...data, status: to } });
      await this.audit(tx, `manifest.${verb}`, after, before, after, options.severity);
      return after;
    });
  }

  /** Locks a manifest that must still be a draft: only a draft can be edited. */
  private async lockDraft(tx: Transaction, identity: Identity, id: string): Promise<Manifest> {
    const manifest = await lockManifest(tx, identity.tenantId, id);
    if (manifest.status !== 'DRAFT') {
      throw new ConflictError(`Manifest ${manifest.publicId} is ${manifest.status}; only a DRAFT manifest can be edited`, {
        status: manifest.status,
      });
    }
    return manifest;
  }

  /** Finds an item of the tenant, locks its draft manifest, and reads the item again under the lock. */
  private async lockItem(tx: Transaction, identity: Identity, itemId: string): Promise<{ manifest: Manifest; item: ManifestItem }> {
    const where = { id: itemId, tenantId: identity.tenantId };
    const found = isUuid(itemId) ? await tx.manifestItem.findFirst({ where, select: { manifestId: true } }) : null;
    if (!found) throw new NotFoundError('ManifestItem', itemId);
    const manifest = await this.lockDraft(tx, identity, found.manifestId);
    const item = await tx.manifestItem.findFirst({ where });
    if (!item) throw new NotFoundError('ManifestItem', itemId);
    return { manifest, item };
  }

  private async countries(tx: Transaction, codes: (string | null)[]): Promise<Map<string, Country>> {
    const wanted = [...new Set(codes.filter((code): code is string => code !== null))];
    const rows = wanted.length > 0 ? await tx.country.findMany({ where: { code: { in: wanted } } }) : [];
    return new Map(rows.map((country) => [country.code, country]));
  }

  /**
   * Checks each item's product against the replica of the caller's tenant (another tenant's
   * product is indistinguishable from an unknown one) and fills the defaults from it.
   */
  private async completeItems(
    tx: Transaction,
    tenantId: string,
    drafts: ItemDraft[],
    manifestOrigin: string,
    countries: Map<string, Country>,
  ): Promise<ItemData[]> {
    const products = new Map(
      (await replicaProducts(tx, tenantId, [...new Set(drafts.map((draft) => draft.productId))])).map((product) => [product.id, product]),
    );
    return drafts.map((draft) => {
      const product = products.get(draft.productId);
      if (!product) throw new BadUserInputError(`${draft.path}productId`, 'must be a product of your tenant');
      if (!product.active)
        throw new BadUserInputError(`${draft.path}productId`, 'must be an active product (it is deleted or not on sale)');
      const hsCode = draft.hsCode ?? (product.hsCode && HS_CODE.test(product.hsCode) ? product.hsCode : null);
      if (!hsCode) throw new BadUserInputError(`${draft.path}hsCode`, 'is required: the product has no valid Harmonized System code');
      const weightKg = draft.weightKg ?? product.weightKg.mul(draft.quantity);
      if (!weightKg.greaterThan(0)) throw new BadUserInputError(`${draft.path}weightKg`, 'is required: the product has no weight');
      if (weightKg.greaterThan(LIMITS.weightKg)) {
        throw new BadUserInputError(`${draft.path}weightKg`, `must be at most ${LIMITS.weightKg.toFixed()}`);
      }
      const originCountry = draft.originCountry ?? manifestOrigin;
      if (draft.originCountry) knownCountry(countries, `${draft.path}originCountry`, draft.originCountry);
      return {
        productId: product.id,
        description: draft.description ?? product.name,
        quantity: draft.quantity,
        weightKg,
        volumeM3: draft.volumeM3,
        value: draft.value,
        hsCode,
        originCountry,
      };
    });
  }

  private async audit(
    tx: Transaction,
    action: string,
    manifest: Manifest,
    before: unknown,
    after: unknown,
    severity: AuditSeverity = 'INFO',
  ): Promise<void> {
    await recordAuditEvent(tx, this.context, 'shipping', {
      action,
      entityType: 'Manifest',
      entityId: manifest.id,
      before,
      after,
      severity,
      tags: ['shipping'],
    });
  }
}

function activeCountry(countries: Map<string, Country>, field: string, code: string): Country {
  const country = countries.get(code);
  if (!country?.active) throw new BadUserInputError(field, 'must be an active shipping country (see the countries query)');
  return country;
}

function knownCountry(countries: Map<string, Country>, field: string, code: string): Country {
  const country = countries.get(code);
  if (!country) throw new BadUserInputError(field, 'must be a known ISO 3166-1 alpha-2 country code');
  return country;
}

const totalsOf = (manifest: Manifest) => ({
  totalWeightKg: manifest.totalWeightKg,
  totalVolumeM3: manifest.totalVolumeM3,
  totalValue: manifest.totalValue,
});

/** MAN-<year>-<8 random base32 characters>: unguessable, and unique in the database. */
function newPublicId(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const random = [...randomBytes(8)].map((byte) => alphabet[byte % 32]).join('');
  return `MAN-${new Date().getUTCFullYear()}-${random}`;
}

export const addDays = (from: Date, days: number) => new Date(from.getTime() + days * 24 * 3600 * 1000);
