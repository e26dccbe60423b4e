import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scalarResolvers, type SubgraphDefinition } from '@fed/service-kit';
import { parse } from 'graphql';
import { PRODUCT_REPLICA_GROUP, catalogEventHandler } from './replicas/product-replica.ts';
import { seedShipping } from '../../../prisma/shipping/seed.ts';
import { CredentialsCipher, loadOrCreateKeyFile } from './carriers/credentials.ts';
import { carrierResolvers } from './carriers/resolvers.ts';
import { CarrierAdmin } from './carriers/service.ts';
import { CarrierStore } from './carriers/store.ts';
import { loadShippingConfig } from './config.ts';
import type { ShippingContext } from './context.ts';
import { createShippingClient, type ShippingClient } from './db.ts';
import type { Resolvers } from './generated/graphql.ts';
import { manifestResolvers } from './manifests/resolvers.ts';
import { ManifestLifecycle } from './manifests/service.ts';
import { ManifestStore } from './manifests/store.ts';
import { rateResolvers } from './rates/resolvers.ts';
import { RateBooking } from './rates/service.ts';
import { RateQuoteStore } from './rates/store.ts';
import { referenceResolvers } from './references/resolvers.ts';
import { shippingSdl } from './schema.ts';

export { shippingSdl } from './schema.ts';
export type { ShippingClient } from './db.ts';
/** Catalog product events keep shipping's product replica (see replicas/product-replica.ts). */
export { PRODUCT_REPLICA_GROUP, applyCatalogEvent, catalogEventHandler, type ReplicaOutcome } from './replicas/product-replica.ts';
/** For operators' tooling (key rotation) and tests: the at-rest format of carrier credentials. */
export { CredentialsCipher, parseCredentialsKeys } from './carriers/credentials.ts';

const resolvers: Resolvers[] = [manifestResolvers, carrierResolvers, rateResolvers, referenceResolvers];

export const shippingSubgraph: SubgraphDefinition<ShippingClient, ShippingContext> = {
  name: 'shipping',
  migrationsDir: fileURLToPath(new URL('../../../prisma/shipping/migrations', import.meta.url)),
  publishesEvents: true,
  createClient: createShippingClient,
  seed: seedShipping,
  async build({ client, backgroundClient, config, env, events, logger, live }) {
    const own = loadShippingConfig(config, env);
    // The product replica follows the catalog's product events (its own consumer group on the stream).
    const replica = await events.subscribe(PRODUCT_REPLICA_GROUP, catalogEventHandler(backgroundClient, logger));
    const cipher = new CredentialsCipher(
      own.credentialsKeys ?? (await loadOrCreateKeyFile(join(config.DATA_DIR, 'shipping', 'carrier-credentials.key'))),
    );
    return {
      typeDefs: parse(shippingSdl),
      resolvers: [scalarResolvers, ...resolvers],
      extendContext: (base) => ({
        ...base,
        live,
        manifests: new ManifestStore(client, base.loaders),
        manifestLifecycle: new ManifestLifecycle(client, base),
        carriers: new CarrierStore(client, base.loaders, cipher),
        carrierAdmin: new CarrierAdmin(client, base, cipher),
        rateQuotes: new RateQuoteStore(client, base.loaders),
        rateBooking: new RateBooking(client, base),
      }),
      stop: () => replica.stop(),
    };
  },
};
