/**
 * Baseline: Hive Gateway (The Guild) over the same supergraph file, through its programmatic API
 * on node:http in one process (its CLI would fork a worker per core in production; the gateways
 * compared here each get one process). Production-ish: no GraphiQL or landing page, warnings and
 * errors logged only. Forwards the caller's `authorization` header to the subgraphs.
 *
 * Environment: SUPERGRAPH_PATH (required), PORT, HOST (127.0.0.1).
 */
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';

const supergraphPath = process.env.SUPERGRAPH_PATH;
if (!supergraphPath) throw new Error('SUPERGRAPH_PATH: the supergraph file to serve');

const gateway = createGatewayRuntime({
  supergraph: supergraphPath,
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
  console.log(`hive gateway baseline listening at http://${host}:${typeof address === 'object' && address ? address.port : ''}/graphql`);
});
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => {
    void Promise.resolve(gateway.dispose()).finally(() => process.exit(0));
  });
});
