import { loadSubgraphSdl } from '@fed/service-kit';

/** The catalog subgraph's SDL, module by module. */
export const catalogSdl = loadSubgraphSdl(import.meta.url, [
  './products/products.graphql',
  './orders/orders.graphql',
  './customers/customers.graphql',
]);
