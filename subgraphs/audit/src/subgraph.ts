import { fileURLToPath } from 'node:url';
import { AUDIT_GROUP, Counter, scalarResolvers, type SubgraphDefinition } from '@fed/service-kit';
import { loadAuditConfig } from './config.ts';
import { AuditIngestor } from './events/ingest.ts';
import { verifyChain } from './events/verify.ts';
import { purgeExpiredEvents } from './events/purge.ts';
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
  async build({ client, backgroundClient, env, events, live, metrics }) {
    const config = loadAuditConfig(env);
    // A broken chain is an incident (tampering, a bad restore): alerted on from this counter.
    const verifications = metrics.registry.add(
      new Counter('audit_chain_verifications_total', 'Audit hash-chain verifications, by result (valid, broken).', ['result']),
    );
    const ingestor = new AuditIngestor(backgroundClient, config.AUDIT_RETENTION_DAYS);
    // Consumes every producer's outbox events; acknowledged only after they are stored.
    const subscription = await events.subscribe(AUDIT_GROUP, async (batch) => {
      await ingestor.ingest(batch);
    });
    return {
      typeDefs: parse(auditSdl),
      resolvers: [scalarResolvers, eventResolvers, trailResolvers],
      extendContext: (base) => ({
        ...base,
        live,
        audit: new AuditStore(client, base.loaders),
        verifyChain: async (tenantId) => {
          const verification = await verifyChain(client, tenantId);
          verifications.inc([verification.valid ? 'valid' : 'broken']);
          return verification;
        },
      }),
      stop: () => subscription.stop(),
      // The retention purge, on the kit's schedule (one replica at a time).
      housekeeping: [{ name: 'audit-retention', run: () => purgeExpiredEvents(backgroundClient) }],
    };
  },
};
