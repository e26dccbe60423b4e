import type { Resolvers } from '../generated/graphql.ts';

export const tenantResolvers: Resolvers = {
  Query: {
    tenant: (_parent, _args, context) =>
      context.identity ? context.tenants.byId(context.identity.tenantId, context.identity.tenantId) : null,
  },
  Tenant: {
    __resolveReference: (reference, context) => context.tenants.byId(reference.id, context.identity?.tenantId ?? null),
    settings: (tenant) => tenant.settings ?? {},
    features: (tenant) => tenant.features ?? {},
  },
};
