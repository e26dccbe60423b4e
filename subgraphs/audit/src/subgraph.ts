import { fileURLToPath } from 'node:url';
import { scalarResolvers, type SubgraphDefinition } from '@fed/service-kit';
import { parse } from 'graphql';
import { seedAudit } from '../../../prisma/audit/seed.ts';
import type { AuditContext } from './context.ts';
import { createAuditClient, type AuditClient } from './db.ts';
import { eventResolvers } from './events/resolvers.ts';
import { AuditStore } from './events/store.ts';
import { auditSdl } from './schema.ts';
import { trailResolvers } from './trails/resolvers.ts';

export { auditSdl } from './schema.ts';

export const auditSubgraph: SubgraphDefinition<AuditClient, AuditContext> = {
  name: 'audit',
  migrationsDir: fileURLToPath(new URL('../../../prisma/audit/migrations', import.meta.url)),
  createClient: createAuditClient,
  seed: seedAudit,
  build: ({ client }) => ({
    typeDefs: parse(auditSdl),
    resolvers: [scalarResolvers, eventResolvers, trailResolvers],
    extendContext: (base) => ({ ...base, audit: new AuditStore(client, base.loaders) }),
  }),
};
