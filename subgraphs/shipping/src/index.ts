import { serveSubgraph } from '@fed/service-kit';
import { shippingSubgraph } from './subgraph.ts';

await serveSubgraph(shippingSubgraph);
