import { requireIdentity } from '@fed/service-kit';
import type { Resolvers } from '../generated/graphql.ts';

export const carrierResolvers: Resolvers = {
  Query: {
    carriers: (_parent, args, context) => context.carriers.list(requireIdentity(context).tenantId, args.includeInactive ?? false),
    carrier: (_parent, args, context) => context.carriers.byId(args.id, requireIdentity(context).tenantId),
  },
  Mutation: {
    createCarrier: (_parent, { input }, context) => context.carrierAdmin.create(context.authority.require('carrier.create'), input),
    updateCarrier: (_parent, { id, input }, context) => context.carrierAdmin.update(context.authority.require('carrier.update'), id, input),
    setCarrierCredentials: (_parent, { id, apiCredentials }, context) =>
      context.carrierAdmin.setCredentials(context.authority.require('carrier.setCredentials'), id, apiCredentials),
    saveRateCard: (_parent, { input }, context) => context.carrierAdmin.saveRateCard(context.authority.require('rateCard.save'), input),
  },
  Carrier: {
    // The database keeps the two together (Carrier_credentials_check); the ciphertext is never read here.
    hasCredentials: (carrier) => carrier.credentialsUpdatedAt !== null,
    rateCards: (carrier, _args, context) => context.carriers.rateCardsOf(carrier.id, carrier.tenantId),
  },
  RateCard: {
    perKg: (card) => card.perKg.toFixed(4),
    perM3: (card) => card.perM3.toFixed(4),
    fuelSurchargePct: (card) => card.fuelSurchargePct.toFixed(4),
    insurancePct: (card) => card.insurancePct.toFixed(4),
  },
};
