import { requireRole } from '@fed/service-kit';
import type { Resolvers } from '../generated/graphql.ts';
import { MANIFEST_SHIPPERS } from '../roles.ts';

export const rateResolvers: Resolvers = {
  Mutation: {
    quoteRates: (_parent, { manifestId }, context) =>
      context.rateBooking.quote(requireRole(context, MANIFEST_SHIPPERS, 'Quoting rates'), manifestId),
    selectRate: (_parent, { manifestId, quoteId }, context) =>
      context.rateBooking.select(requireRole(context, MANIFEST_SHIPPERS, 'Selecting a rate'), manifestId, quoteId),
  },
  RateQuote: {
    carrier: async (quote, _args, context) => {
      const carrier = await context.carriers.byId(quote.carrierId, quote.tenantId);
      if (!carrier) throw new Error(`Carrier ${quote.carrierId} of quote ${quote.id} is missing`);
      return carrier;
    },
  },
};
