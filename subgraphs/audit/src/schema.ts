import { loadSubgraphSdl } from '@fed/service-kit';

/** The audit subgraph's SDL, module by module. */
export const auditSdl = loadSubgraphSdl(import.meta.url, ['./events/events.graphql', './trails/trails.graphql']);
