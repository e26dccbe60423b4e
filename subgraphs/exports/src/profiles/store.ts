import {
  BadUserInputError,
  columnEntityLoader,
  columnsFor,
  ConflictError,
  InvalidTransitionError,
  prismaSelect,
  type LoaderCache,
} from '@fed/service-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { Caller } from '../caller.ts';
import { auditExports } from '../caller.ts';
import { inTransaction, type ExportsClient } from '../db.ts';
import type { ExporterProfile, ExporterStatus } from '../generated/prisma/client.ts';
import { EXPORTER_PROFILE_COLUMNS } from './columns.ts';
import { boundedDecimal, countryCode, currencyCode, emailAddress, optionalText, requiredText } from '../input.ts';

export interface RegisterProfileInput {
  legalName: string;
  tradeName?: string | null;
  registrationNo: string;
  taxId?: string | null;
  country: string;
  address?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
}

const snapshot = (profile: ExporterProfile) => ({
  status: profile.status,
  capitalVerified: profile.capitalVerified,
  paidUpCapital: profile.paidUpCapital,
  capitalCurrency: profile.capitalCurrency,
  statusReason: profile.statusReason,
});

/** Exporter profiles: one per tenant, PENDING -> ACTIVE | SUSPENDED. */
export class ProfileStore {
  constructor(
    private readonly db: ExportsClient,
    private readonly loaders: LoaderCache,
  ) {}

  /**
   * `info`: the field being resolved, to read only the columns its selection needs (null: every
   * column). The rows keep the model's type: the complete column plan keeps that true for every resolver.
   */
  byId(id: string, tenantId: string, info: GraphQLResolveInfo | null): Promise<ExporterProfile | null> {
    return columnEntityLoader(
      this.loaders,
      `ExporterProfile:${tenantId}`,
      (ids, columns) =>
        this.db.exporterProfile.findMany({ where: { id: { in: ids }, tenantId }, select: prismaSelect(columns) }) as Promise<
          ExporterProfile[]
        >,
    ).load(id, columnsFor(info, EXPORTER_PROFILE_COLUMNS));
  }

  ofTenant(tenantId: string, info: GraphQLResolveInfo | null): Promise<ExporterProfile | null> {
    return this.db.exporterProfile.findUnique({
      where: { tenantId },
      select: prismaSelect(columnsFor(info, EXPORTER_PROFILE_COLUMNS)),
    }) as Promise<ExporterProfile | null>;
  }

  async register(caller: Caller, input: RegisterProfileInput): Promise<ExporterProfile> {
    const data = {
      tenantId: caller.identity.tenantId,
      legalName: requiredText('legalName', input.legalName),
      tradeName: optionalText('tradeName', input.tradeName),
      registrationNo: requiredText('registrationNo', input.registrationNo, 64),
      taxId: optionalText('taxId', input.taxId, 64),
      country: countryCode('country', input.country),
      address: optionalText('address', input.address, 500),
      contactEmail: emailAddress('contactEmail', input.contactEmail),
      contactPhone: optionalText('contactPhone', input.contactPhone, 32),
    };
    return inTransaction(this.db, async (tx) => {
      if (await tx.exporterProfile.findUnique({ where: { tenantId: data.tenantId } })) {
        throw new ConflictError('The tenant already has an exporter profile');
      }
      const profile = await tx.exporterProfile.create({ data });
      await auditExports(tx, caller, {
        action: 'exporter_profile.registered',
        entityType: 'ExporterProfile',
        entityId: profile.id,
        after: { legalName: profile.legalName, registrationNo: profile.registrationNo, ...snapshot(profile) },
      });
      return profile;
    });
  }

  async verifyCapital(caller: Caller, input: { paidUpCapital: string; currency: string }): Promise<ExporterProfile> {
    const paidUpCapital = boundedDecimal('paidUpCapital', input.paidUpCapital, { scale: 2, precision: 16, positive: true });
    const currency = currencyCode('currency', input.currency);
    return inTransaction(this.db, async (tx) => {
      const before = await tx.exporterProfile.findUnique({ where: { tenantId: caller.identity.tenantId } });
      if (!before) throw new ConflictError('The tenant has no exporter profile: register one first');
      const profile = await tx.exporterProfile.update({
        where: { id: before.id },
        data: {
          capitalVerified: true,
          paidUpCapital,
          capitalCurrency: currency,
          capitalVerifiedAt: new Date(),
          capitalVerifiedById: caller.identity.userId,
        },
      });
      await auditExports(tx, caller, {
        action: 'exporter_profile.capital_verified',
        entityType: 'ExporterProfile',
        entityId: profile.id,
        before: snapshot(before),
        after: snapshot(profile),
      });
      return profile;
    });
  }

  async changeStatus(caller: Caller, status: ExporterStatus, rawReason: string | null | undefined): Promise<ExporterProfile> {
    const reason = optionalText('reason', rawReason, 1000);
    return inTransaction(this.db, async (tx) => {
      const before = await tx.exporterProfile.findUnique({ where: { tenantId: caller.identity.tenantId } });
      if (!before) throw new ConflictError('The tenant has no exporter profile: register one first');
      const refuse = (why: string) => new InvalidTransitionError('Exporter profile', before.status, status, why);
      if (before.status === status) throw refuse(`it already is ${status}`);
      if (status === 'PENDING') throw refuse('an exporter never returns to PENDING');
      if (status === 'ACTIVE' && !before.capitalVerified) throw refuse('its capital has not been verified by a bank officer');
      if (status === 'SUSPENDED' && !reason) throw new BadUserInputError('reason', 'is required to suspend an exporter');
      // Conditional on the status read above: a concurrent change makes this one fail instead of overwriting it.
      const changed = await tx.exporterProfile.updateMany({
        where: { id: before.id, status: before.status },
        data: { status, statusReason: reason },
      });
      if (changed.count !== 1) throw new ConflictError('The exporter profile was changed concurrently; read it again and retry');
      const profile = await tx.exporterProfile.findUniqueOrThrow({ where: { id: before.id } });
      await auditExports(tx, caller, {
        action: 'exporter_profile.status_changed',
        entityType: 'ExporterProfile',
        entityId: profile.id,
        before: snapshot(before),
        after: snapshot(profile),
        severity: status === 'SUSPENDED' ? 'WARNING' : 'NOTICE',
      });
      return profile;
    });
  }
}
