import type { ColumnPlan, ColumnsByField } from '@fed/service-kit';
import type { ExporterProfileResolvers } from '../generated/graphql.ts';
import type { ExporterProfile } from '../generated/prisma/client.ts';

/**
 * The ExporterProfile columns each field reads (19 columns; an export's `exporter { legalName }`
 * wants one). Licenses come from their own table: the profile's id and tenant, always read, suffice.
 */
const fields = {
  id: [],
  legalName: ['legalName'],
  tradeName: ['tradeName'],
  registrationNo: ['registrationNo'],
  taxId: ['taxId'],
  country: ['country'],
  address: ['address'],
  contactEmail: ['contactEmail'],
  contactPhone: ['contactPhone'],
  capitalVerified: ['capitalVerified'],
  paidUpCapital: ['paidUpCapital'],
  capitalCurrency: ['capitalCurrency'],
  capitalVerifiedAt: ['capitalVerifiedAt'],
  capitalVerifiedBy: ['capitalVerifiedById'],
  status: ['status'],
  statusReason: ['statusReason'],
  createdAt: ['createdAt'],
  updatedAt: ['updatedAt'],
  licenses: [],
} satisfies ColumnsByField<Required<ExporterProfileResolvers>, ExporterProfile>;

export const EXPORTER_PROFILE_COLUMNS: ColumnPlan<ExporterProfile> = { typeName: 'ExporterProfile', always: ['id', 'tenantId'], fields };
