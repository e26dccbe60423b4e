import { fileURLToPath } from 'node:url';
import { scalarResolvers, type SubgraphDefinition } from '@fed/service-kit';
import { parse } from 'graphql';
import { seedExports } from '../../../prisma/exports/seed.ts';
import type { ExportsContext } from './context.ts';
import { createExportsClient, type ExportsClient } from './db.ts';
import { exportResolvers } from './exports/resolvers.ts';
import { ExportStore } from './exports/store.ts';
import { referenceResolvers } from './references/resolvers.ts';
import { exportsSdl } from './schema.ts';

export { exportsSdl } from './schema.ts';

export const exportsSubgraph: SubgraphDefinition<ExportsClient, ExportsContext> = {
  name: 'exports',
  migrationsDir: fileURLToPath(new URL('../../../prisma/exports/migrations', import.meta.url)),
  publishesEvents: true,
  createClient: createExportsClient,
  seed: seedExports,
  build: ({ client }) => ({
    typeDefs: parse(exportsSdl),
    resolvers: [scalarResolvers, exportResolvers, referenceResolvers],
    extendContext: (base) => ({ ...base, exports: new ExportStore(client, base.loaders) }),
  }),
};
