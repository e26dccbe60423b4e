import { fileURLToPath } from 'node:url';
import { scalarResolvers, type SubgraphDefinition } from '@fed/service-kit';
import { parse } from 'graphql';
import { seedExports } from '../../../prisma/exports/seed.ts';
import { approvalResolvers } from './approvals/resolvers.ts';
import { ApprovalService } from './approvals/service.ts';
import { ApprovalStore } from './approvals/store.ts';
import type { ExportsContext } from './context.ts';
import { createExportsClient, type ExportsClient } from './db.ts';
import { documentResolvers } from './documents/resolvers.ts';
import { DocumentStore } from './documents/store.ts';
import { exportResolvers } from './exports/resolvers.ts';
import { ExportStore } from './exports/store.ts';
import { ExportWorkflow } from './exports/workflow.ts';
import { licenseResolvers } from './licenses/resolvers.ts';
import { LicenseStore } from './licenses/store.ts';
import { profileResolvers } from './profiles/resolvers.ts';
import { ProfileStore } from './profiles/store.ts';
import { referenceResolvers } from './references/resolvers.ts';
import { exportsSdl } from './schema.ts';

export { exportsSdl } from './schema.ts';

export const exportsSubgraph: SubgraphDefinition<ExportsClient, ExportsContext> = {
  name: 'exports',
  migrationsDir: fileURLToPath(new URL('../../../prisma/exports/migrations', import.meta.url)),
  publishesEvents: true,
  createClient: createExportsClient,
  seed: seedExports,
  build: ({ client, live }) => {
    // Stateless services are shared; stores hold the request's loaders and are made per request.
    const workflow = new ExportWorkflow(client);
    const decisions = new ApprovalService(client);
    return {
      typeDefs: parse(exportsSdl),
      resolvers: [
        scalarResolvers,
        exportResolvers,
        profileResolvers,
        licenseResolvers,
        approvalResolvers,
        documentResolvers,
        referenceResolvers,
      ],
      extendContext: (base) => ({
        ...base,
        live,
        exports: new ExportStore(client, base.loaders),
        workflow,
        profiles: new ProfileStore(client, base.loaders),
        licenses: new LicenseStore(client, base.loaders),
        approvals: new ApprovalStore(client, base.loaders),
        decisions,
        documents: new DocumentStore(client, base.loaders),
      }),
    };
  },
};
