/**
 * Baseline: plain Apollo Gateway on Apollo Server's standalone HTTP server, as its documentation
 * sets it up: no plugins of ours, default fetcher and caches. The only addition is forwarding the
 * caller's `authorization` header to the subgraphs (which verify tokens themselves), so it does
 * the same per-request header work as the gateways it is compared with.
 *
 * Like every gateway in front of our production subgraphs, it signs each subgraph request with
 * GATEWAY_SUBGRAPH_SECRET (x-gateway-proof), in its fetcher, where the body is final.
 *
 * Environment: SUPERGRAPH_PATH (required), PORT, HOST (127.0.0.1), GATEWAY_SUBGRAPH_SECRET.
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { GATEWAY_PROOF_HEADER, signGatewayRequest } from '@fed/service-kit/edge';

interface ForwardingContext {
  authorization?: string;
}

const supergraphPath = process.env.SUPERGRAPH_PATH;
if (!supergraphPath) throw new Error('SUPERGRAPH_PATH: the supergraph file to serve');

const proofSecret = process.env.GATEWAY_SUBGRAPH_SECRET?.split(',')[0]?.trim();
const signingFetch: typeof fetch = (input, init) => {
  if (!proofSecret || typeof init?.body !== 'string') return fetch(input, init);
  const headers = new Headers(init.headers);
  headers.set(GATEWAY_PROOF_HEADER, signGatewayRequest(proofSecret, init.body));
  return fetch(input, { ...init, headers });
};

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(supergraphPath, 'utf8'),
  buildService: ({ url }) =>
    new RemoteGraphQLDataSource<ForwardingContext>({
      url,
      fetcher: signingFetch as never,
      willSendRequest({ request, context }) {
        if (context.authorization) request.http?.headers.set('authorization', context.authorization);
      },
    }),
});
// Apollo Server re-raises SIGTERM after stopping, which would end the process before a
// --cpu-prof profile is written; this entry stops it and exits normally instead.
const server = new ApolloServer<ForwardingContext>({ gateway, stopOnTerminationSignals: false });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env.PORT ?? 4000), host: process.env.HOST ?? '127.0.0.1' },
  context: async ({ req }) => ({ authorization: req.headers.authorization }),
});
process.once('SIGTERM', () => {
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
console.log(`apollo gateway baseline listening at ${url}`);
