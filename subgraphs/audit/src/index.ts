import { serveSubgraph } from '@fed/service-kit';
import { auditSubgraph } from './subgraph.ts';

await serveSubgraph(auditSubgraph);
