import type { Resolvers } from '../generated/graphql.ts';

export const rateResolvers: Resolvers = {
  Mutation: {
    quoteRates: (_parent, { manifestId }, context) => context.rateBooking.quote(context.authority.require('rates.quote'), manifestId),
    selectRate: (_parent, { manifestId, quoteId }, context) =>
      context.rateBooking.select(context.authority.require('rates.select'), manifestId, quoteId),
  },
  RateQuote: {
    carrier: async (quote, _args, context) => {
      const carrier = await context.carriers.byId(quote.carrierId, quote.tenantId);
      if (!carrier) throw new Error(`Carrier ${quote.carrierId} of quote ${quote.id} is missing`);
      return carrier;
    },
  },
};
