/**
 * Baseline: plain Apollo Gateway on Apollo Server's standalone HTTP server, as its documentation
 * sets it up: no plugins of ours, default fetcher and caches. The only addition is forwarding the
 * caller's `authorization` header to the subgraphs (which verify tokens themselves), so it does
 * the same per-request header work as the gateways it is compared with.
 *
 * Environment: SUPERGRAPH_PATH (required), PORT, HOST (127.0.0.1).
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

interface ForwardingContext {
  authorization?: string;
}

const supergraphPath = process.env.SUPERGRAPH_PATH;
if (!supergraphPath) throw new Error('SUPERGRAPH_PATH: the supergraph file to serve');

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(supergraphPath, 'utf8'),
  buildService: ({ url }) =>
    new RemoteGraphQLDataSource<ForwardingContext>({
      url,
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
