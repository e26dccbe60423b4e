import { loadSubgraphSdl } from '@fed/service-kit';

/** The users subgraph's SDL, module by module. */
export const usersSdl = loadSubgraphSdl(import.meta.url, [
  './tenants/tenants.graphql',
  './users/users.graphql',
  './sessions/sessions.graphql',
]);
