import { serveSubgraph } from '@fed/service-kit';
import { usersSubgraph } from './subgraph.ts';

await serveSubgraph(usersSubgraph);
