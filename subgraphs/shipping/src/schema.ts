import { loadSubgraphSdl } from '@fed/service-kit';

/** The shipping subgraph's SDL, module by module. */
export const shippingSdl = loadSubgraphSdl(import.meta.url, [
  './manifests/manifests.graphql',
  './carriers/carriers.graphql',
  './rates/rates.graphql',
  './references/references.graphql',
]);
