import { loadSubgraphSdl } from '@fed/service-kit';

/** The exports subgraph's SDL, module by module. */
export const exportsSdl = loadSubgraphSdl(import.meta.url, [
  './exports/exports.graphql',
  './profiles/profiles.graphql',
  './licenses/licenses.graphql',
  './approvals/approvals.graphql',
  './documents/documents.graphql',
  './references/references.graphql',
]);
