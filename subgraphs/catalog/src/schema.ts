import { loadSubgraphSdl } from '@fed/service-kit';

/** The catalog subgraph's SDL, module by module. */
export const catalogSdl = loadSubgraphSdl(import.meta.url, [
  './categories/categories.graphql',
  './products/products.graphql',
  './inventory/inventory.graphql',
  './reviews/reviews.graphql',
  './orders/orders.graphql',
  './payments/payments.graphql',
  './settings/settings.graphql',
  './customers/customers.graphql',
]);
