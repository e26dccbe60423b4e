import type { Resolvers } from '../generated/graphql.ts';
import { availableOf, stockStatusOf } from './stock.ts';

export const inventoryResolvers: Resolvers = {
  Mutation: {
    receiveStock: (_parent, args, context) =>
      context.inventoryService.receive(context, context.authority.require('stock.receive').tenantId, args.input),
    adjustStock: (_parent, args, context) =>
      context.inventoryService.adjust(context, context.authority.require('stock.adjust').tenantId, args.input),
    setStockLimits: (_parent, args, context) =>
      context.inventoryService.setLimits(context, context.authority.require('stock.setLimits').tenantId, args.input),
  },
  Product: {
    inventory: (product, _args, context) => context.inventory.levelsOf(product.id, product.tenantId),
    availableQuantity: async (product, _args, context) =>
      (await context.inventory.levelsOf(product.id, product.tenantId)).reduce((sum, level) => sum + availableOf(level), 0),
    stockStatus: async (product, _args, context) => stockStatusOf(await context.inventory.levelsOf(product.id, product.tenantId)),
    // Who reads the ledger is VISIBILITY's (Product.stockMovements), enforced by the kit.
    stockMovements: (product, args, context) => context.inventory.movementsOf(product.id, product.tenantId, args),
  },
  InventoryLevel: {
    available: (level) => availableOf(level),
    stockStatus: (level) => stockStatusOf([level]),
  },
  StockMovement: {
    location: async (movement, _args, context) =>
      (await context.inventory.levelById(movement.inventoryId, movement.tenantId))?.location ?? '',
    order: (movement, _args, context, info) => (movement.orderId ? context.orders.byId(movement.orderId, context.identity, info) : null),
    actor: (movement) => (movement.actorId ? { id: movement.actorId } : null),
  },
};
