import { serveSubgraph } from '@fed/service-kit';
import { catalogSubgraph } from './subgraph.ts';

await serveSubgraph(catalogSubgraph);
