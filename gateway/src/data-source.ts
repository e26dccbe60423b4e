import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from './context.ts';

/**
 * Forwards the caller's bearer token and the request id to every subgraph. Subgraphs verify the
 * token themselves; nothing else about the caller is passed on, so nothing can be spoofed.
 */
export class AuthenticatedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers || !('requestId' in context)) return;
    headers.set('x-request-id', context.requestId);
    if (context.authorization) headers.set('authorization', context.authorization);
    if (context.clientIp) headers.set('x-forwarded-for', context.clientIp);
    if (context.userAgent) headers.set('user-agent', context.userAgent);
  }
}
