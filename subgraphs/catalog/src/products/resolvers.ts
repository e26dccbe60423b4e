import { requireIdentity, requireRole } from '@fed/service-kit';
import { isStaff, STAFF_ROLES } from '../access.ts';
import type { Resolvers } from '../generated/graphql.ts';

export const productResolvers: Resolvers = {
  Query: {
    products: (_parent, args, context, info) => context.products.list(requireIdentity(context).tenantId, args, info),
    product: (_parent, args, context, info) => context.products.byId(args.id, requireIdentity(context).tenantId, info),
    productBySku: (_parent, args, context) => context.products.bySku(args.sku, requireIdentity(context).tenantId),
  },
  Mutation: {
    createProduct: (_parent, args, context) =>
      context.productService.create(context, requireRole(context, STAFF_ROLES, 'Creating a product').tenantId, args.input),
    updateProduct: (_parent, args, context) =>
      context.productService.update(context, requireRole(context, STAFF_ROLES, 'Changing a product').tenantId, args.id, args.input),
    deleteProduct: (_parent, args, context) =>
      context.productService.delete(context, requireRole(context, STAFF_ROLES, 'Deleting a product').tenantId, args.id),
  },
  Product: {
    __resolveReference: (reference, context, info) => context.products.byId(reference.id, context.identity?.tenantId ?? null, info),
    cost: (product, _args, context) => (isStaff(context.identity) ? product.cost : null),
    dimensions: (product) =>
      product.lengthCm && product.widthCm && product.heightCm
        ? { lengthCm: product.lengthCm, widthCm: product.widthCm, heightCm: product.heightCm }
        : null,
    category: (product, _args, context) => (product.categoryId ? context.categories.byId(product.categoryId, product.tenantId) : null),
  },
};
