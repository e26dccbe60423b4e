import { requireIdentity } from '@fed/service-kit';
import type { Resolvers } from '../generated/graphql.ts';
import { availableOf, stockStatusOf } from './stock.ts';

export const productResolvers: Resolvers = {
  Query: {
    products: (_parent, args, context) => context.products.list(requireIdentity(context).tenantId, args),
    product: (_parent, args, context) => context.products.byId(args.id, requireIdentity(context).tenantId),
    categories: (_parent, _args, context) => context.products.categories(requireIdentity(context).tenantId),
  },
  Product: {
    __resolveReference: (reference, context) => context.products.byId(reference.id, context.identity?.tenantId ?? null),
    category: (product, _args, context) =>
      product.categoryId ? context.products.categoryById(product.categoryId, product.tenantId) : null,
    inventory: (product, _args, context) => context.products.inventoryOf(product.id, product.tenantId),
    availableQuantity: async (product, _args, context) =>
      (await context.products.inventoryOf(product.id, product.tenantId)).reduce((sum, level) => sum + availableOf(level), 0),
    stockStatus: async (product, _args, context) => stockStatusOf(await context.products.inventoryOf(product.id, product.tenantId)),
  },
  InventoryLevel: {
    available: (level) => availableOf(level),
    stockStatus: (level) => stockStatusOf([level]),
  },
  Category: {
    __resolveReference: (reference, context) =>
      context.identity ? context.products.categoryById(reference.id, context.identity.tenantId) : null,
    parent: (category, _args, context) => (category.parentId ? context.products.categoryById(category.parentId, category.tenantId) : null),
    children: (category, _args, context) => context.products.childrenOf(category.id, category.tenantId),
  },
};
