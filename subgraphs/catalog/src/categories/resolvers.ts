import { requireIdentity } from '@fed/service-kit';
import type { Resolvers } from '../generated/graphql.ts';

export const categoryResolvers: Resolvers = {
  Query: {
    categories: (_parent, _args, context) => context.categories.list(requireIdentity(context).tenantId),
    category: (_parent, args, context) => context.categories.byId(args.id, requireIdentity(context).tenantId),
  },
  Mutation: {
    createCategory: (_parent, args, context) =>
      context.categoryService.create(context, context.authority.require('category.create').tenantId, args.input),
    updateCategory: (_parent, args, context) =>
      context.categoryService.update(context, context.authority.require('category.update').tenantId, args.id, args.input),
  },
  Category: {
    __resolveReference: (reference, context) => context.categories.byId(reference.id, context.identity?.tenantId ?? null),
    parent: (category, _args, context) => (category.parentId ? context.categories.byId(category.parentId, category.tenantId) : null),
    children: (category, _args, context) => context.categories.childrenOf(category.id, category.tenantId),
  },
};
