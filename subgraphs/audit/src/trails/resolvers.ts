import { type EntityReference } from '@fed/service-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { AuditContext } from '../context.ts';
import type { Resolvers } from '../generated/graphql.ts';

type TrailArgs = { first?: number | null; after?: string | null };

/** The same two resolvers for every audited entity type: the trail is keyed by type and id. */
function trailOf(entityType: string) {
  return {
    __resolveReference: (reference: EntityReference) => ({ id: reference.id }),
    auditTrail: (entity: EntityReference, args: TrailArgs, context: AuditContext, info: GraphQLResolveInfo) => {
      const identity = context.authority.require('audit.read');
      return context.audit.trailOf(entityType, entity.id, identity.tenantId, args, info);
    },
  };
}

export const trailResolvers: Resolvers = {
  User: trailOf('User'),
  Tenant: trailOf('Tenant'),
  Product: trailOf('Product'),
  Order: trailOf('Order'),
  Manifest: trailOf('Manifest'),
  Export: trailOf('Export'),
};
