import type { ColumnPlan, ColumnsByField } from '@fed/service-kit';
import type { ExportLicenseResolvers } from '../generated/graphql.ts';
import type { ExportLicense } from '../generated/prisma/client.ts';

/**
 * The ExportLicense columns each field reads. The quota taken is summed from exports by the
 * license's id and tenant (always read); what remains also needs the annual quota.
 */
const fields = {
  id: [],
  number: ['number'],
  issuingAuthority: ['issuingAuthority'],
  exporter: ['exporterProfileId'],
  hsCodePrefixes: ['hsCodePrefixes'],
  destinationCountries: ['destinationCountries'],
  quotaUnit: ['quotaUnit'],
  annualQuota: ['annualQuota'],
  quotaCurrency: ['quotaCurrency'],
  validFrom: ['validFrom'],
  validUntil: ['validUntil'],
  status: ['status'],
  statusReason: ['statusReason'],
  quotaUsed: [],
  quotaRemaining: ['annualQuota'],
  createdAt: ['createdAt'],
} satisfies ColumnsByField<Required<ExportLicenseResolvers>, ExportLicense>;

export const EXPORT_LICENSE_COLUMNS: ColumnPlan<ExportLicense> = { typeName: 'ExportLicense', always: ['id', 'tenantId'], fields };
