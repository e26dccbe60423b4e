import { serveSubgraph } from '@fed/service-kit';
import { exportsSubgraph } from './subgraph.ts';

await serveSubgraph(exportsSubgraph);
