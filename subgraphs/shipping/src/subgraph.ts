import { fileURLToPath } from 'node:url';
import { scalarResolvers, type SubgraphDefinition } from '@fed/service-kit';
import { parse } from 'graphql';
import { seedShipping } from '../../../prisma/shipping/seed.ts';
import type { ShippingContext } from './context.ts';
import { createShippingClient, type ShippingClient } from './db.ts';
import { manifestResolvers } from './manifests/resolvers.ts';
import { ManifestStore } from './manifests/store.ts';
import { referenceResolvers } from './references/resolvers.ts';
import { shippingSdl } from './schema.ts';

export { shippingSdl } from './schema.ts';

export const shippingSubgraph: SubgraphDefinition<ShippingClient, ShippingContext> = {
  name: 'shipping',
  migrationsDir: fileURLToPath(new URL('../../../prisma/shipping/migrations', import.meta.url)),
  publishesEvents: true,
  createClient: createShippingClient,
  seed: seedShipping,
  build: ({ client }) => ({
    typeDefs: parse(shippingSdl),
    resolvers: [scalarResolvers, manifestResolvers, referenceResolvers],
    extendContext: (base) => ({ ...base, manifests: new ManifestStore(client, base.loaders) }),
  }),
};
