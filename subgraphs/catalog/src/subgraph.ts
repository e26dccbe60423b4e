import { fileURLToPath } from 'node:url';
import { scalarResolvers, type SubgraphDefinition } from '@fed/service-kit';
import { parse } from 'graphql';
import { seedCatalog } from '../../../prisma/catalog/seed.ts';
import type { CatalogContext } from './context.ts';
import { customerResolvers } from './customers/resolvers.ts';
import { createCatalogClient, type CatalogClient } from './db.ts';
import { orderResolvers } from './orders/resolvers.ts';
import { OrderStore } from './orders/store.ts';
import { productResolvers } from './products/resolvers.ts';
import { ProductStore } from './products/store.ts';
import { catalogSdl } from './schema.ts';

export { catalogSdl } from './schema.ts';

export const catalogSubgraph: SubgraphDefinition<CatalogClient, CatalogContext> = {
  name: 'catalog',
  migrationsDir: fileURLToPath(new URL('../../../prisma/catalog/migrations', import.meta.url)),
  publishesEvents: true,
  createClient: createCatalogClient,
  seed: seedCatalog,
  build: ({ client }) => ({
    typeDefs: parse(catalogSdl),
    resolvers: [scalarResolvers, productResolvers, orderResolvers, customerResolvers],
    extendContext: (base) => ({
      ...base,
      products: new ProductStore(client, base.loaders),
      orders: new OrderStore(client, base.loaders),
    }),
  }),
};
