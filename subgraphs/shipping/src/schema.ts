import { loadSubgraphSdl } from '@fed/service-kit';

/** The shipping subgraph's SDL, module by module. */
export const shippingSdl = loadSubgraphSdl(import.meta.url, ['./manifests/manifests.graphql', './references/references.graphql']);
