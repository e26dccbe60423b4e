import {
  BadUserInputError,
  ConflictError,
  columnEntityLoader,
  columnsFor,
  DataLoader,
  columnGroupLoader,
  InvalidTransitionError,
  NotFoundError,
  prismaSelect,
  uuidInput,
  type Columns,
  type LoaderCache,
} from '@fed/service-kit';
import type { GraphQLResolveInfo } from 'graphql';
import { auditExports, type Caller } from '../caller.ts';
import { QUOTA_HOLDING_STATUSES } from '../approvals/stages.ts';
import { inTransaction, type ExportsClient, type ExportsTransaction } from '../db.ts';
import { Prisma, type ExportLicense, type LicenseStatus, type QuotaUnit } from '../generated/prisma/client.ts';
import { EXPORT_LICENSE_COLUMNS } from './columns.ts';
import { boundedDecimal, countryCode, currencyCode, distinctList, hsCodePrefix, optionalText, requiredText } from '../input.ts';

export interface IssueLicenseInput {
  number: string;
  issuingAuthority: string;
  hsCodePrefixes: string[];
  destinationCountries: string[];
  quotaUnit: QuotaUnit;
  annualQuota: string;
  quotaCurrency?: string | null;
  validFrom: Date;
  validUntil: Date;
}

/** Exports whose quota a license's year is spent on. */
const quotaTakenWhere = (licenseIds: string[], year: number): Prisma.ExportWhereInput => ({
  licenseId: { in: licenseIds },
  quotaYear: year,
  status: { in: QUOTA_HOLDING_STATUSES },
});

/**
 * Quota a license has given out in `year`, read inside the submitting transaction. The caller
 * holds the license's row lock (lockLicense), so concurrent submissions count one after another.
 */
export async function quotaTakenInTransaction(tx: ExportsTransaction, licenseId: string, year: number): Promise<Prisma.Decimal> {
  const taken = await tx.export.aggregate({ where: quotaTakenWhere([licenseId], year), _sum: { quotaAmount: true } });
  return new Prisma.Decimal(taken._sum.quotaAmount ?? 0);
}

/** Locks the license row until the transaction ends: submissions against one license are serialised. */
export async function lockLicense(tx: ExportsTransaction, licenseId: string, tenantId: string): Promise<ExportLicense | null> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "ExportLicense" WHERE "id" = ${licenseId}::uuid AND "tenantId" = ${tenantId}::uuid FOR UPDATE`;
  return locked.length > 0 ? tx.exportLicense.findUnique({ where: { id: licenseId } }) : null;
}

const newestFirst: Prisma.ExportLicenseOrderByWithRelationInput[] = [{ createdAt: 'desc' }, { id: 'desc' }];

const snapshot = (license: ExportLicense) => ({
  number: license.number,
  status: license.status,
  statusReason: license.statusReason,
  quotaUnit: license.quotaUnit,
  annualQuota: license.annualQuota,
  quotaCurrency: license.quotaCurrency,
  hsCodePrefixes: license.hsCodePrefixes,
  destinationCountries: license.destinationCountries,
  validFrom: license.validFrom,
  validUntil: license.validUntil,
});

/** Export licenses of the caller's tenant and the quota they have given out. */
export class LicenseStore {
  constructor(
    private readonly db: ExportsClient,
    private readonly loaders: LoaderCache,
  ) {}

  /** `info`: the field being resolved, to read only the columns its selection needs (null: every column). */
  byId(id: string, tenantId: string, info: GraphQLResolveInfo | null): Promise<ExportLicense | null> {
    return columnEntityLoader(this.loaders, `ExportLicense:${tenantId}`, (ids, columns) =>
      this.rows({ where: { id: { in: ids }, tenantId } }, columns),
    ).load(id, columnsFor(info, EXPORT_LICENSE_COLUMNS));
  }

  list(tenantId: string, status: LicenseStatus | null | undefined, info: GraphQLResolveInfo | null): Promise<ExportLicense[]> {
    return this.rows(
      { where: { tenantId, ...(status ? { status } : {}) }, orderBy: newestFirst },
      columnsFor(info, EXPORT_LICENSE_COLUMNS),
    );
  }

  /** `ExporterProfile.licenses`, batched over every profile in the operation. */
  ofProfile(profileId: string, tenantId: string, info: GraphQLResolveInfo | null): Promise<ExportLicense[]> {
    return columnGroupLoader(this.loaders, `LicensesOfProfile:${tenantId}`, 'exporterProfileId', (profileIds, columns) =>
      this.rows({ where: { exporterProfileId: { in: profileIds }, tenantId }, orderBy: newestFirst }, columns),
    ).load(profileId, columnsFor(info, EXPORT_LICENSE_COLUMNS));
  }

  /**
   * License rows with only `columns`. The rows keep the model's type: the complete column plan,
   * checked field by field in tests, keeps that true.
   */
  private rows(query: Omit<Prisma.ExportLicenseFindManyArgs, 'select' | 'include' | 'omit'>, columns: Columns): Promise<ExportLicense[]> {
    return this.db.exportLicense.findMany({ ...query, select: prismaSelect(columns) }) as Promise<ExportLicense[]>;
  }

  /** Quota taken in `year` per license: one grouped query for every license in the operation. */
  quotaUsed(license: ExportLicense, year: number): Promise<Prisma.Decimal> {
    return this.loaders
      .get(
        `QuotaUsed:${license.tenantId}:${year}`,
        () =>
          new DataLoader<string, Prisma.Decimal>(async (licenseIds) => {
            const sums = await this.db.export.groupBy({
              by: ['licenseId'],
              where: { ...quotaTakenWhere([...licenseIds], year), tenantId: license.tenantId },
              _sum: { quotaAmount: true },
            });
            const byLicense = new Map(sums.map((sum) => [sum.licenseId, sum._sum.quotaAmount]));
            return licenseIds.map((id) => new Prisma.Decimal(byLicense.get(id) ?? 0));
          }),
      )
      .load(license.id);
  }

  async issue(caller: Caller, input: IssueLicenseInput): Promise<ExportLicense> {
    const quotaUnit = input.quotaUnit;
    const quotaCurrency = input.quotaCurrency?.trim() ? currencyCode('quotaCurrency', input.quotaCurrency) : null;
    if (quotaUnit === 'VALUE' && !quotaCurrency) throw new BadUserInputError('quotaCurrency', 'is required for a VALUE quota');
    if (quotaUnit === 'WEIGHT' && quotaCurrency) throw new BadUserInputError('quotaCurrency', 'must be empty for a WEIGHT quota (kg)');
    if (!(input.validUntil > input.validFrom)) throw new BadUserInputError('validUntil', 'must be after validFrom');
    const data = {
      tenantId: caller.identity.tenantId,
      number: requiredText('number', input.number, 64),
      issuingAuthority: requiredText('issuingAuthority', input.issuingAuthority),
      hsCodePrefixes: distinctList('hsCodePrefixes', input.hsCodePrefixes, hsCodePrefix, 50),
      destinationCountries: distinctList('destinationCountries', input.destinationCountries, countryCode, 250),
      quotaUnit,
      annualQuota: boundedDecimal('annualQuota', input.annualQuota, {
        scale: quotaUnit === 'VALUE' ? 2 : 3,
        precision: 16,
        positive: true,
      }),
      quotaCurrency,
      validFrom: input.validFrom,
      validUntil: input.validUntil,
    };
    return inTransaction(this.db, async (tx) => {
      const profile = await tx.exporterProfile.findUnique({ where: { tenantId: data.tenantId } });
      if (!profile) throw new ConflictError('The tenant has no exporter profile: register one before recording licenses');
      if (
        await tx.exportLicense.findUnique({
          where: { tenantId_number: { tenantId: data.tenantId, number: data.number } },
          select: { id: true },
        })
      ) {
        throw new BadUserInputError('number', 'is already used by another license');
      }
      const license = await tx.exportLicense.create({ data: { ...data, exporterProfileId: profile.id } });
      await auditExports(tx, caller, {
        action: 'export_license.issued',
        entityType: 'ExportLicense',
        entityId: license.id,
        after: snapshot(license),
      });
      return license;
    });
  }

  async changeStatus(caller: Caller, rawId: string, status: LicenseStatus, rawReason: string | null | undefined): Promise<ExportLicense> {
    const id = uuidInput('id', rawId);
    const reason = optionalText('reason', rawReason, 1000);
    return inTransaction(this.db, async (tx) => {
      const before = await lockLicense(tx, id, caller.identity.tenantId);
      if (!before) throw new NotFoundError('ExportLicense', rawId);
      const refuse = (why: string) => new InvalidTransitionError(`License ${before.number}`, before.status, status, why);
      if (before.status === status) throw refuse(`it already is ${status}`);
      if (before.status === 'REVOKED') throw refuse('a revoked license stays revoked');
      if (status !== 'ACTIVE' && !reason) throw new BadUserInputError('reason', `is required to make a license ${status}`);
      const license = await tx.exportLicense.update({ where: { id }, data: { status, statusReason: reason } });
      await auditExports(tx, caller, {
        action: 'export_license.status_changed',
        entityType: 'ExportLicense',
        entityId: license.id,
        before: snapshot(before),
        after: snapshot(license),
        severity: status === 'ACTIVE' ? 'NOTICE' : 'WARNING',
      });
      return license;
    });
  }
}
