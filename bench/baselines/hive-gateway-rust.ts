/**
 * Baseline: Hive Gateway with the Rust query planner — `@graphql-hive/router-runtime`'s
 * `unifiedGraphHandler` (Hive Router's planner as a native addon, and its purpose-built executor)
 * in place of the default stitching runtime, as the Hive documentation sets it up. Otherwise the
 * same as bench/baselines/hive-gateway.ts: programmatic API on node:http in one process, no
 * GraphiQL or landing page, warnings and errors logged only, the caller's `authorization` header
 * forwarded to the subgraphs.
 *
 * Environment: SUPERGRAPH_PATH (required), PORT, HOST (127.0.0.1).
 */
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';

const supergraphPath = process.env.SUPERGRAPH_PATH;
if (!supergraphPath) throw new Error('SUPERGRAPH_PATH: the supergraph file to serve');

const gateway = createGatewayRuntime({
  supergraph: supergraphPath,
  unifiedGraphHandler,
  logging: 'warn',
  graphiql: false,
  landingPage: false,
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
  },
});
const server = createServer(gateway);
// Longer than the load generator's connections stay idle between runs.
server.keepAliveTimeout = 65_000;
const host = process.env.HOST ?? '127.0.0.1';
server.listen(Number(process.env.PORT ?? 4000), host, () => {
  const address = server.address();
  console.log(
    `hive gateway (rust planner) baseline listening at http://${host}:${typeof address === 'object' && address ? address.port : ''}/graphql`,
  );
});
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => {
    void Promise.resolve(gateway.dispose()).finally(() => process.exit(0));
  });
});
