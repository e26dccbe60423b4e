import { requireIdentity } from '@fed/service-kit';
import type { Resolvers } from '../generated/graphql.ts';

/** User is owned by the users subgraph; here it is only a key to hang orders and reviews on. */
export const customerResolvers: Resolvers = {
  User: {
    __resolveReference: (reference) => ({ id: reference.id }),
    orders: (user, args, context, info) => context.orders.ofCustomer(user.id, requireIdentity(context), args, info),
    reviews: (user, args, context) => context.reviews.ofAuthor(user.id, requireIdentity(context).tenantId, args),
  },
};
