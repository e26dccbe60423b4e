import { integerInput, requireIdentity } from '@fed/service-kit';
import { callerFor } from '../caller.ts';
import type { Resolvers } from '../generated/graphql.ts';
import { Prisma } from '../generated/prisma/client.ts';

const quotaYear = (year: number | null | undefined) =>
  year === null || year === undefined ? new Date().getUTCFullYear() : integerInput('year', year, { min: 2000, max: 2100 });

export const licenseResolvers: Resolvers = {
  Query: {
    exportLicenses: (_parent, { status }, context, info) => context.licenses.list(requireIdentity(context).tenantId, status, info),
    exportLicense: (_parent, { id }, context, info) => context.licenses.byId(id, requireIdentity(context).tenantId, info),
  },
  Mutation: {
    issueExportLicense: (_parent, { input }, context) => context.licenses.issue(callerFor(context, 'exportLicense.administer'), input),
    changeExportLicenseStatus: (_parent, { id, status, reason }, context) =>
      context.licenses.changeStatus(callerFor(context, 'exportLicense.administer'), id, status, reason),
  },
  ExportLicense: {
    exporter: async (license, _args, context, info) => {
      const profile = await context.profiles.byId(license.exporterProfileId, license.tenantId, info);
      if (!profile) throw new Error(`Exporter profile ${license.exporterProfileId} of license ${license.id} is missing`);
      return profile;
    },
    quotaUsed: (license, { year }, context) => context.licenses.quotaUsed(license, quotaYear(year)),
    quotaRemaining: async (license, { year }, context) =>
      new Prisma.Decimal(license.annualQuota).minus(await context.licenses.quotaUsed(license, quotaYear(year))),
  },
  ExporterProfile: {
    licenses: (profile, _args, context, info) => context.licenses.ofProfile(profile.id, profile.tenantId, info),
  },
};
