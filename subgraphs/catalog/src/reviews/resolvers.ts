import type { Resolvers } from '../generated/graphql.ts';

export const reviewResolvers: Resolvers = {
  Mutation: {
    createReview: (_parent, args, context) => context.reviewService.create(context, context.authority.require('review.write'), args.input),
    updateReview: (_parent, args, context) =>
      context.reviewService.update(context, context.authority.require('review.change'), args.id, args.input),
    deleteReview: (_parent, args, context) => context.reviewService.delete(context, context.authority.require('review.delete'), args.id),
  },
  Product: {
    reviews: (product, args, context) => context.reviews.ofProduct(product.id, product.tenantId, args),
    averageRating: async (product, _args, context) => (await context.reviews.ratingOf(product.id, product.tenantId)).average,
    reviewCount: async (product, _args, context) => (await context.reviews.ratingOf(product.id, product.tenantId)).count,
  },
  Review: {
    product: (review, _args, context, info) => context.products.byId(review.productId, review.tenantId, info),
    author: (review) => ({ id: review.authorId }),
    order: (review, _args, context, info) => (review.orderId ? context.orders.byId(review.orderId, context.identity, info) : null),
  },
};
