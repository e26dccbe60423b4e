import { fileURLToPath } from 'node:url';
import { scalarResolvers, type SubgraphDefinition } from '@fed/service-kit';
import { parse } from 'graphql';
import { seedCatalog } from '../../../prisma/catalog/seed.ts';
import { categoryResolvers } from './categories/resolvers.ts';
import { CategoryService } from './categories/service.ts';
import { CategoryStore } from './categories/store.ts';
import type { CatalogContext } from './context.ts';
import { customerResolvers } from './customers/resolvers.ts';
import { createCatalogClient, type CatalogClient } from './db.ts';
import { inventoryResolvers } from './inventory/resolvers.ts';
import { InventoryService } from './inventory/service.ts';
import { InventoryStore } from './inventory/store.ts';
import { orderResolvers } from './orders/resolvers.ts';
import { OrderService } from './orders/service.ts';
import { OrderStore } from './orders/store.ts';
import { paymentResolvers } from './payments/resolvers.ts';
import { PaymentService } from './payments/service.ts';
import { PaymentStore } from './payments/store.ts';
import { productResolvers } from './products/resolvers.ts';
import { ProductService } from './products/service.ts';
import { ProductStore } from './products/store.ts';
import { reviewResolvers } from './reviews/resolvers.ts';
import { ReviewService } from './reviews/service.ts';
import { ReviewStore } from './reviews/store.ts';
import { catalogSdl } from './schema.ts';
import { settingsResolvers } from './settings/resolvers.ts';
import { SettingsService } from './settings/service.ts';

export { catalogSdl } from './schema.ts';

export const catalogSubgraph: SubgraphDefinition<CatalogClient, CatalogContext> = {
  name: 'catalog',
  migrationsDir: fileURLToPath(new URL('../../../prisma/catalog/migrations', import.meta.url)),
  publishesEvents: true,
  createClient: createCatalogClient,
  seed: seedCatalog,
  build: ({ client, live }) => ({
    typeDefs: parse(catalogSdl),
    resolvers: [
      scalarResolvers,
      categoryResolvers,
      productResolvers,
      inventoryResolvers,
      reviewResolvers,
      orderResolvers,
      paymentResolvers,
      settingsResolvers,
      customerResolvers,
    ],
    extendContext: (base) => ({
      ...base,
      live,
      categories: new CategoryStore(client, base.loaders),
      categoryService: new CategoryService(client),
      products: new ProductStore(client, base.loaders),
      productService: new ProductService(client),
      inventory: new InventoryStore(client, base.loaders),
      inventoryService: new InventoryService(client),
      reviews: new ReviewStore(client, base.loaders),
      reviewService: new ReviewService(client),
      orders: new OrderStore(client, base.loaders),
      orderService: new OrderService(client),
      payments: new PaymentStore(client, base.loaders),
      paymentService: new PaymentService(client),
      settingsService: new SettingsService(client),
    }),
  }),
};
