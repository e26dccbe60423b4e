import { randomUUID } from 'node:crypto';
import {
  BadUserInputError,
  ConflictError,
  NotFoundError,
  decimalInput,
  integerInput,
  isUuid,
  recordAuditEvent,
  type Identity,
  type ServiceContext,
} from '@fed/service-kit';
import type { ShippingClient } from '../db.ts';
import type { RateCard } from '../generated/prisma/client.ts';
import { currencyInput, textInput } from '../manifests/rules.ts';
import { inTransaction, type Transaction } from '../transactions.ts';
import type { CredentialsCipher } from './credentials.ts';
import { WITHOUT_CREDENTIALS, type PublicCarrier } from './store.ts';

export interface CarrierInput {
  code: string;
  name: string;
  services: readonly string[];
  apiEndpoint: string;
  apiCredentials?: string | null;
}

export interface CarrierChanges {
  name?: string | null;
  services?: readonly string[] | null;
  apiEndpoint?: string | null;
  active?: boolean | null;
}

export interface RateCardInput {
  carrierId: string;
  service: string;
  zone: string;
  currency: string;
  baseAmount: string;
  perKg: string;
  perM3: string;
  fuelSurchargePct: string;
  insurancePct: string;
  transitDays: number;
  quoteValidityHours?: number | null;
  active?: boolean | null;
}

const MAX_CREDENTIALS_LENGTH = 4096;

/**
 * Carrier accounts and their rate cards. API credentials are encrypted before they reach the
 * database and never appear in a result, an audit event, a log line or an error message.
 */
export class CarrierAdmin {
  constructor(
    private readonly db: ShippingClient,
    private readonly context: ServiceContext,
    private readonly cipher: CredentialsCipher,
  ) {}

  async create(identity: Identity, input: CarrierInput): Promise<PublicCarrier> {
    const code = carrierCodeInput(input.code);
    const data = {
      code,
      name: textInput('name', input.name, 200),
      services: servicesInput(input.services),
      apiEndpoint: endpointInput(input.apiEndpoint),
    };
    const credentials = input.apiCredentials != null ? credentialsInput(input.apiCredentials) : null;
    return inTransaction(this.db, async (tx) => {
      if (await tx.carrier.findFirst({ where: { tenantId: identity.tenantId, code }, select: { id: true } })) {
        throw new ConflictError(`A carrier with the code ${code} already exists`);
      }
      const id = randomUUID();
      const now = new Date();
      const carrier = await tx.carrier.create({
        data: {
          ...data,
          id,
          tenantId: identity.tenantId,
          apiCredentialsEncrypted: credentials ? this.cipher.encrypt(credentials, { tenantId: identity.tenantId, carrierId: id }) : null,
          credentialsUpdatedAt: credentials ? now : null,
        },
        omit: WITHOUT_CREDENTIALS,
      });
      await this.audit(tx, 'carrier.created', carrier.id, null, carrier);
      if (credentials) this.logStored(identity, carrier.id);
      return carrier;
    });
  }

  async update(identity: Identity, id: string, changes: CarrierChanges): Promise<PublicCarrier> {
    const data = {
      ...(changes.name != null ? { name: textInput('name', changes.name, 200) } : {}),
      ...(changes.services != null ? { services: servicesInput(changes.services) } : {}),
      ...(changes.apiEndpoint != null ? { apiEndpoint: endpointInput(changes.apiEndpoint) } : {}),
      ...(changes.active != null ? { active: changes.active } : {}),
    };
    return inTransaction(this.db, async (tx) => {
      const before = await this.find(tx, identity, id);
      const after = await tx.carrier.update({ where: { id: before.id }, data, omit: WITHOUT_CREDENTIALS });
      await this.audit(tx, 'carrier.updated', before.id, before, after);
      return after;
    });
  }

  async setCredentials(identity: Identity, id: string, apiCredentials: string): Promise<PublicCarrier> {
    const credentials = credentialsInput(apiCredentials);
    return inTransaction(this.db, async (tx) => {
      const before = await this.find(tx, identity, id);
      const after = await tx.carrier.update({
        where: { id: before.id },
        data: {
          apiCredentialsEncrypted: this.cipher.encrypt(credentials, { tenantId: identity.tenantId, carrierId: before.id }),
          credentialsUpdatedAt: new Date(),
        },
        omit: WITHOUT_CREDENTIALS,
      });
      // The event says that they changed and when, never what they are.
      await this.audit(
        tx,
        'carrier.credentials_replaced',
        before.id,
        null,
        { code: after.code, replacedAt: after.credentialsUpdatedAt },
        true,
      );
      this.logStored(identity, before.id);
      return after;
    });
  }

  async saveRateCard(identity: Identity, input: RateCardInput): Promise<RateCard> {
    const service = serviceInput('service', input.service);
    const zone = input.zone.trim().toUpperCase();
    const currency = currencyInput('currency', input.currency);
    const values = {
      baseAmount: decimalInput('baseAmount', input.baseAmount, { scale: 2, min: 0 }),
      perKg: decimalInput('perKg', input.perKg, { scale: 4, min: 0 }),
      perM3: decimalInput('perM3', input.perM3, { scale: 4, min: 0 }),
      fuelSurchargePct: percentInput('fuelSurchargePct', input.fuelSurchargePct),
      insurancePct: percentInput('insurancePct', input.insurancePct),
      transitDays: integerInput('transitDays', input.transitDays, { min: 1, max: 365 }),
      quoteValidityHours: integerInput('quoteValidityHours', input.quoteValidityHours ?? 72, { min: 1, max: 8760 }),
      active: input.active ?? true,
    };
    return inTransaction(this.db, async (tx) => {
      const carrier = await this.find(tx, identity, input.carrierId, 'carrierId');
      if (!carrier.services.includes(service)) {
        throw new BadUserInputError('service', `must be one of the carrier's services (${carrier.services.join(', ')})`);
      }
      if (!(await tx.country.findFirst({ where: { zone }, select: { code: true } }))) {
        throw new BadUserInputError('zone', 'must be the shipping zone of a country (see the countries query)');
      }
      const key = { carrierId: carrier.id, service, zone, currency };
      const before = await tx.rateCard.findUnique({ where: { carrierId_service_zone_currency: key } });
      const card = await tx.rateCard.upsert({
        where: { carrierId_service_zone_currency: key },
        create: { ...key, ...values, tenantId: identity.tenantId },
        update: values,
      });
      await recordAuditEvent(tx, this.context, 'shipping', {
        action: 'rate_card.saved',
        entityType: 'RateCard',
        entityId: card.id,
        before,
        after: card,
        tags: ['shipping', 'financial'],
      });
      return card;
    });
  }

  /** A security trail for operators: who stored credentials for which carrier, never what they are. */
  private logStored(identity: Identity, carrierId: string): void {
    this.context.logger.info('carrier credentials stored', { tenantId: identity.tenantId, carrierId, actorId: identity.userId });
  }

  private async find(tx: Transaction, identity: Identity, id: string, field?: string): Promise<PublicCarrier> {
    const carrier = isUuid(id)
      ? await tx.carrier.findFirst({ where: { id, tenantId: identity.tenantId }, omit: WITHOUT_CREDENTIALS })
      : null;
    if (!carrier) {
      if (field) throw new BadUserInputError(field, 'must be a carrier of your tenant');
      throw new NotFoundError('Carrier', id);
    }
    return carrier;
  }

  private async audit(tx: Transaction, action: string, id: string, before: unknown, after: unknown, security = false): Promise<void> {
    await recordAuditEvent(tx, this.context, 'shipping', {
      action,
      entityType: 'Carrier',
      entityId: id,
      before,
      after,
      severity: security ? 'NOTICE' : 'INFO',
      tags: security ? ['shipping', 'security'] : ['shipping'],
    });
  }
}

function carrierCodeInput(value: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9_-]{1,19}$/.test(code)) throw new BadUserInputError('code', 'must be 2 to 20 characters of A-Z, 0-9, _ and -');
  return code;
}

function serviceInput(field: string, value: string): string {
  const service = value.trim().toUpperCase();
  if (!/^[A-Z][A-Z0-9_]{1,29}$/.test(service)) throw new BadUserInputError(field, 'must be 2 to 30 characters of A-Z, 0-9 and _');
  return service;
}

function servicesInput(values: readonly string[]): string[] {
  const services = [...new Set(values.map((value, index) => serviceInput(`services[${index}]`, value)))];
  if (services.length === 0 || services.length > 20) throw new BadUserInputError('services', 'must list 1 to 20 services');
  return services;
}

function endpointInput(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new BadUserInputError('apiEndpoint', 'must be an https:// URL');
  }
  if (url.protocol !== 'https:' || url.username || url.password) {
    throw new BadUserInputError('apiEndpoint', 'must be an https:// URL without user or password');
  }
  return url.toString();
}

/** Checked by length only; the message never repeats the value. */
function credentialsInput(value: string): string {
  if (value.length === 0 || value.length > MAX_CREDENTIALS_LENGTH) {
    throw new BadUserInputError('apiCredentials', `must be 1 to ${MAX_CREDENTIALS_LENGTH} characters`);
  }
  return value;
}

function percentInput(field: string, value: string): string {
  const percent = decimalInput(field, value, { scale: 4, min: 0 });
  if (Number(percent) > 100) throw new BadUserInputError(field, 'must be at most 100');
  return percent;
}
