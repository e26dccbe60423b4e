import { liveField, NotFoundError, type AuditEventPayload } from '@fed/service-kit';
import type { CatalogContext } from '../context.ts';
import type { Resolvers } from '../generated/graphql.ts';
import type { Product } from '../generated/prisma/client.ts';
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
  Subscription: {
    stockChanged: liveField<{ productId: string }, Product, CatalogContext>({
      entity: 'Product',
      idOf: (args) => args.productId,
      authorise: async (args, context) => {
        const { tenantId } = context.authority.requireIdentity();
        if (!(await context.products.byId(args.productId, tenantId, null))) throw new NotFoundError('Product', args.productId);
      },
      matches: (event, args) => changesStockOf(event, args.productId),
      load: (_event, args, context) => context.products.byId(args.productId, context.authority.requireIdentity().tenantId, null),
    }),
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

/**
 * Stock moves through the inventory mutations (events on the product) and through orders: placing
 * reserves it, confirming ships it out, cancelling releases it. Order events carry their lines in the
 * snapshot, so an order event changes this product's stock when one of its lines names the product.
 */
function changesStockOf(event: AuditEventPayload, productId: string): boolean {
  if (event.entityType === 'Product') return event.entityId === productId && event.action.startsWith('inventory.');
  if (event.entityType !== 'Order') return false;
  return JSON.stringify([event.before, event.after]).includes(`"${productId}"`);
}
