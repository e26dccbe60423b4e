import { requireIdentity } from '@fed/service-kit';
import type { Resolvers } from '../generated/graphql.ts';

export const productResolvers: Resolvers = {
  Query: {
    products: (_parent, args, context, info) => context.products.list(requireIdentity(context).tenantId, args, info),
    product: (_parent, args, context, info) => context.products.byId(args.id, requireIdentity(context).tenantId, info),
    productBySku: (_parent, args, context) => context.products.bySku(args.sku, requireIdentity(context).tenantId),
  },
  Mutation: {
    createProduct: (_parent, args, context) =>
      context.productService.create(context, context.authority.require('product.create').tenantId, args.input),
    updateProduct: (_parent, args, context) =>
      context.productService.update(context, context.authority.require('product.update').tenantId, args.id, args.input),
    deleteProduct: (_parent, args, context) =>
      context.productService.delete(context, context.authority.require('product.delete').tenantId, args.id),
  },
  Product: {
    __resolveReference: (reference, context, info) => context.products.byId(reference.id, context.identity?.tenantId ?? null, info),
    dimensions: (product) =>
      product.lengthCm && product.widthCm && product.heightCm
        ? { lengthCm: product.lengthCm, widthCm: product.widthCm, heightCm: product.heightCm }
        : null,
    category: (product, _args, context) => (product.categoryId ? context.categories.byId(product.categoryId, product.tenantId) : null),
  },
};
