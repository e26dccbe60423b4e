/**
 * Baseline: Hive Gateway (The Guild) over the same supergraph file, through its programmatic API
 * on node:http in one process (its CLI would fork a worker per core in production; the gateways
 * compared here each get one process). Production-ish: no GraphiQL or landing page, warnings and
 * errors logged only. Forwards the caller's `authorization` header to the subgraphs.
 *
 * Like every gateway in front of our production subgraphs, it signs each subgraph request with
 * GATEWAY_SUBGRAPH_SECRET (x-gateway-proof), in an onFetch hook, where the body is final.
 *
 * Environment: SUPERGRAPH_PATH (required), PORT, HOST (127.0.0.1), GATEWAY_SUBGRAPH_SECRET.
 */
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { GATEWAY_PROOF_HEADER, signGatewayRequest } from '@fed/service-kit/edge';

const proofSecret = process.env.GATEWAY_SUBGRAPH_SECRET?.split(',')[0]?.trim();

const supergraphPath = process.env.SUPERGRAPH_PATH;
if (!supergraphPath) throw new Error('SUPERGRAPH_PATH: the supergraph file to serve');

const gateway = createGatewayRuntime({
  supergraph: supergraphPath,
  logging: 'warn',
  graphiql: false,
  landingPage: false,
  plugins: () => [
    {
      onFetch({ options, setOptions }) {
        if (!proofSecret || typeof options.body !== 'string') return;
        const headers = new Headers(options.headers as HeadersInit);
        headers.set(GATEWAY_PROOF_HEADER, signGatewayRequest(proofSecret, options.body));
        setOptions({ ...options, headers: Object.fromEntries(headers) });
      },
    },
  ],
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
