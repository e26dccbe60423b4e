import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  AppError,
  bearerToken,
  formatErrorFor,
  graphqlCjs,
  requestIdOf,
  sendJson,
  UnauthenticatedError,
  type Identity,
  type Logger,
  type TokenVerifier,
} from '@fed/service-kit/edge';
import type { DocumentNode, ExecutionArgs, ExecutionResult, GraphQLSchema } from 'graphql';
import { createHandler as createSseHandler } from 'graphql-sse/lib/use/http';
import { useServer } from 'graphql-ws/use/ws';
import { decodeJwt } from 'jose';
import { WebSocketServer, type WebSocket } from 'ws';

// Apollo's copy of graphql-js: the schema is Apollo's (see graphql-cjs.ts in the kit).
const { getOperationAST, GraphQLError, parse, validate } = graphqlCjs;
type GraphQLError = InstanceType<typeof GraphQLError>;
import type { GatewayContext } from '../context.ts';
import type { SubgraphDataSource } from '../data-source.ts';
import { exceededLimit, LimitExceededError, measureOperation, type OperationLimits } from '../operation-limits.ts';
import { LivePlanner, type PlannedSubscription } from './plan.ts';
import { CLOSE, LiveSession, PerUserCount, tokenExpiryCheck, type AuthorityCheck, type CloseReason } from './session.ts';
import { openUpstream, SlowSubscriberError, type UpstreamStream } from './upstream.ts';

export const GRAPHQL_TRANSPORT_WS_PROTOCOL = 'graphql-transport-ws';

export interface LiveLimits {
  maxSubscriptionsPerConnection: number;
  maxSubscriptionsPerUser: number;
  /** Events waiting at the gateway per subscription before the subscriber is dropped. */
  maxQueuedEvents: number;
  /** Bytes waiting in a WebSocket's send buffer before the client is dropped as a slow consumer. */
  maxBufferedBytes: number;
  authorityRecheckMs: number;
  connectionInitTimeoutMs: number;
}

export interface LiveGraphOptions {
  verifier: TokenVerifier;
  /** The schema Apollo currently serves (null before the first supergraph load). */
  schema: () => GraphQLSchema | null;
  planner: LivePlanner;
  sources: ReadonlyMap<string, SubgraphDataSource>;
  operationLimits: OperationLimits;
  limits: LiveLimits;
  production: boolean;
  logger: Logger;
  /** Replaces the token-expiry check (the gateway passes the kit's current-authority check). */
  authorityCheck?: AuthorityCheck;
  /** Signs the stream requests to subgraphs (GATEWAY_SUBGRAPH_SECRET), as every fetch is signed. */
  proofSecret?: string | undefined;
}

/** What graphql-ws and graphql-sse hand back to `subscribe` for one operation. */
interface LiveOperation extends GatewayContext {
  live: { session: LiveSession; planned: PlannedSubscription; variables: Record<string, unknown> };
}

/**
 * Subscriptions at the gateway's edge: graphql-ws (subprotocol graphql-transport-ws) on the /graphql
 * WebSocket and graphql-sse on /graphql (POST with Accept: text/event-stream), both on the same
 * pipeline: the caller's token (connection_init for WebSocket, the Authorization header for SSE),
 * parse and validate against the served schema, the operation limits of queries (depth, aliases, cost),
 * caps per connection and per user, then the federated plan (plan.ts) resolved per event.
 */
export function createLiveGraph(options: LiveGraphOptions) {
  const { verifier, planner, sources, limits, logger } = options;
  const check = options.authorityCheck ?? tokenExpiryCheck;
  const formatError = formatErrorFor(options.production);
  const perUser = new PerUserCount();
  const sessions = new Set<LiveSession>();
  const sseSessions = new WeakMap<IncomingMessage, LiveSession>();
  const openResponses = new Set<ServerResponse>();

  const openSession = async (authorization: string | null, closeTransport: (reason: CloseReason) => void): Promise<LiveSession> => {
    const token = bearerToken(authorization ?? undefined);
    if (!token) throw new UnauthenticatedError('Subscriptions need a signed-in caller: send a bearer token');
    const identity: Identity = await verifier.verify(token);
    const exp = decodeJwt(token).exp;
    const session = new LiveSession(
      identity,
      `Bearer ${token}`,
      typeof exp === 'number' ? exp * 1000 : null,
      check,
      (reason) => {
        sessions.delete(session);
        closeTransport(reason);
      },
      limits.authorityRecheckMs,
    );
    sessions.add(session);
    return session;
  };

  /** Parse, validate, limits, caps, plan: errors for the client, or the operation to run. */
  const prepare = (
    session: LiveSession,
    requestId: string,
    payload: { query?: unknown; variables?: unknown; operationName?: unknown },
  ): ExecutionArgs | GraphQLError[] => {
    const schema = options.schema();
    if (!schema) return [new GraphQLError('The gateway is not ready', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })];
    if (typeof payload.query !== 'string') return [badRequest('query: must be a GraphQL document string')];
    let document: DocumentNode;
    try {
      document = parse(payload.query);
    } catch (error) {
      return [badRequest((error as GraphQLError).message)];
    }
    const invalid = validate(schema, document);
    if (invalid.length > 0) return invalid.map((error) => badRequest(error.message));
    const operationName = typeof payload.operationName === 'string' ? payload.operationName : null;
    const operation = getOperationAST(document, operationName);
    if (!operation) return [badRequest('operationName: must name one operation of the document')];
    if (operation.operation !== 'subscription')
      return [badRequest(`Only subscriptions are served over this connection; send a ${operation.operation} over HTTP POST`)];
    const variables = (payload.variables && typeof payload.variables === 'object' ? payload.variables : {}) as Record<string, unknown>;
    const limitsRefusal = exceededLimit(
      options.operationLimits,
      measureOperation(schema, document, operation, variables, options.operationLimits.listSize),
    );
    if (limitsRefusal) return [limitsRefusal];
    if (limits.maxSubscriptionsPerConnection > 0 && session.activeSubscriptions >= limits.maxSubscriptionsPerConnection) {
      return [
        new LimitExceededError(
          'LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION',
          limits.maxSubscriptionsPerConnection,
          session.activeSubscriptions + 1,
          'Subscriptions on this connection',
        ),
      ];
    }
    const ofUser = perUser.get(session.identity.userId);
    if (limits.maxSubscriptionsPerUser > 0 && ofUser >= limits.maxSubscriptionsPerUser) {
      return [
        new LimitExceededError('LIVE_MAX_SUBSCRIPTIONS_PER_USER', limits.maxSubscriptionsPerUser, ofUser + 1, 'Subscriptions of this user'),
      ];
    }
    let planned: PlannedSubscription;
    try {
      planned = planner.plan(schema, document, operationName);
    } catch (error) {
      return [error instanceof GraphQLError ? error : badRequest((error as Error).message)];
    }
    const contextValue: LiveOperation = {
      requestId,
      identity: session.identity,
      authorization: session.authorization,
      clientIp: null,
      userAgent: null,
      logger: logger.child({ requestId, userId: session.identity.userId }),
      live: { session, planned, variables },
    };
    return { schema, document, operationName, variableValues: variables, contextValue };
  };

  /**
   * The stream of one subscription: the owner's events, each resolved through the whole plan. A
   * client's "complete" must end the upstream stream at once, but an async generator's return() waits
   * until the generator next yields (here: until the next event), so the upstream is closed first.
   */
  function run(context: LiveOperation, isBackedUp: () => boolean): AsyncGenerator<ExecutionResult> {
    const { primary, owner } = ownerOf(context);
    const subgraph = primary.serviceName;
    if (!owner) {
      const missing = new GraphQLError(`No subgraph "${subgraph}"`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      return (async function* () {
        yield { errors: [missing] };
      })();
    }
    const upstream = openUpstream({
      url: owner.endpoint,
      query: primary.query,
      variables: primary.variables,
      ...(primary.operationName ? { operationName: primary.operationName } : {}),
      headers: { authorization: context.live.session.authorization, 'x-request-id': context.requestId },
      maxQueued: limits.maxQueuedEvents,
      proofSecret: options.proofSecret,
    });
    const { session } = context.live;
    const untrack = session.track(() => void upstream.return());
    const releaseUser = perUser.acquire(session.identity.userId);
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      untrack();
      releaseUser();
      await upstream.return();
      context.logger.info('subscription ended', { subgraph });
    };
    context.logger.info('subscription started', { subgraph });
    const results = resolveEvents(context, upstream, subgraph, isBackedUp, release);
    // Generator-shaped: graphql-ws and graphql-sse end only those when the client completes or leaves.
    const stream: AsyncGenerator<ExecutionResult> = {
      next: () => results.next(),
      async return() {
        await release();
        return results.return(undefined);
      },
      async throw(error: unknown) {
        await release();
        return results.throw(error);
      },
      [Symbol.asyncIterator]() {
        return stream;
      },
    };
    return stream;
  }

  const ownerOf = (context: LiveOperation) => {
    const primary = LivePlanner.primaryRequest(context.live.planned, context.live.variables);
    return { primary, owner: sources.get(primary.serviceName) };
  };

  async function* resolveEvents(
    context: LiveOperation,
    upstream: UpstreamStream,
    subgraph: string,
    isBackedUp: () => boolean,
    release: () => Promise<void>,
  ): AsyncGenerator<ExecutionResult> {
    const { session, planned, variables } = context.live;
    try {
      for (;;) {
        let event: IteratorResult<ExecutionResult>;
        try {
          event = await upstream.next();
        } catch (error) {
          if (error instanceof SlowSubscriberError) {
            session.end(CLOSE.SLOW_CONSUMER);
          } else {
            context.logger.warn('subscription stream from the subgraph failed', { subgraph, error });
            yield {
              errors: [
                new GraphQLError(`Subgraph "${subgraph}" ended the event stream`, {
                  extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: subgraph },
                }),
              ],
            };
          }
          break;
        }
        if (event.done) break;
        // Before anything of this event is fetched or sent: is the caller still allowed, still reading?
        if (!(await session.recheck())) break;
        if (isBackedUp()) {
          session.end(CLOSE.SLOW_CONSUMER);
          break;
        }
        const result = await planner.resolveEvent(planned, event.value, sources, context, variables);
        yield formatResult(result);
      }
      // An SSE stream has no close code: it ends with the reason as an error (a WebSocket got its code).
      const ended = session.endReason;
      if (ended && ended !== CLOSE.GOING_AWAY) yield { errors: [closeError(ended)] };
    } finally {
      await release();
    }
  }

  const formatResult = (result: ExecutionResult): ExecutionResult => {
    if (!result.errors) return result;
    const errors = result.errors.map((error) => {
      const formatted = formatError(error instanceof GraphQLError ? error.toJSON() : (error as never));
      return new GraphQLError(formatted.message, {
        ...(formatted.path ? { path: formatted.path } : {}),
        ...(formatted.extensions ? { extensions: formatted.extensions } : {}),
      });
    });
    return { ...result, errors };
  };

  // --- graphql-ws on the /graphql WebSocket ---------------------------------------------------------
  const wss = new WebSocketServer({ noServer: true });
  const wsSessions = new WeakMap<object, LiveSession>();
  const socketBySession = new WeakMap<LiveSession, WebSocket>();
  const wsSocketOf = (context: LiveOperation): WebSocket | undefined => socketBySession.get(context.live.session);
  const sockets = new Set<WebSocket>();
  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  useServer<Record<string, unknown>, { socket: WebSocket; request: IncomingMessage }>(
    {
      connectionInitWaitTimeout: limits.connectionInitTimeoutMs,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const given = params.authorization ?? params.Authorization ?? (params.token ? `Bearer ${String(params.token)}` : undefined);
        try {
          const session = await openSession(typeof given === 'string' ? given : null, (reason) =>
            ctx.extra.socket.close(reason.code, reason.reason),
          );
          wsSessions.set(ctx, session);
          socketBySession.set(session, ctx.extra.socket);
          return true;
        } catch (error) {
          const message = error instanceof AppError ? error.message : 'The access token is invalid';
          // A clear code and reason instead of graphql-ws's generic 4403 "Forbidden".
          ctx.extra.socket.close(CLOSE.UNAUTHORIZED.code, message.slice(0, 120));
          return false;
        }
      },
      onSubscribe: (ctx, id, payload) => {
        const session = wsSessions.get(ctx);
        if (!session) return [new GraphQLError('Not connected', { extensions: { code: 'UNAUTHENTICATED' } })];
        const prepared = prepare(session, `${requestIdOf(ctx.extra.request)}:${id}`, payload);
        return Array.isArray(prepared) ? prepared.map(sameRealm) : prepared;
      },
      subscribe: (args) => {
        const context = args.contextValue as LiveOperation;
        const socket = wsSocketOf(context);
        return run(context, () => (socket ? socket.bufferedAmount > limits.maxBufferedBytes : false));
      },
      onClose: (ctx) => {
        const session = wsSessions.get(ctx);
        if (session) {
          sessions.delete(session);
          session.dispose();
        }
      },
    },
    wss,
  );

  // --- graphql-sse on POST /graphql with Accept: text/event-stream ---------------------------------
  const responseBySession = new WeakMap<LiveSession, ServerResponse>();
  const sse = createSseHandler({
    onSubscribe: (request, params) => {
      const session = sseSessions.get(request.raw);
      if (!session) return { errors: [new GraphQLError('Not authenticated', { extensions: { code: 'UNAUTHENTICATED' } })] };
      const prepared = prepare(session, requestIdOf(request.raw), params);
      if (Array.isArray(prepared)) return { errors: prepared.map(sameRealm) };
      return { ...prepared, contextValue: prepared.contextValue as Record<PropertyKey, unknown> };
    },
    subscribe: (args) => {
      const context = args.contextValue as unknown as LiveOperation;
      const response = responseBySession.get(context.live.session);
      return run(context, () => (response ? response.writableLength > limits.maxBufferedBytes : false));
    },
  });

  return {
    /** GraphQL over SSE: a POST to /graphql that accepts text/event-stream. */
    isEventStreamRequest(request: IncomingMessage): boolean {
      return request.method === 'POST' && (request.headers.accept ?? '').includes('text/event-stream');
    },

    async handleEventStream(request: IncomingMessage, response: ServerResponse, headers: Record<string, string>): Promise<void> {
      let session: LiveSession;
      try {
        session = await openSession(request.headers.authorization ?? null, () => {
          // The stream ends itself (run() yields the reason); if the client stopped reading, cut it.
          setTimeout(() => response.destroy(), 1000).unref();
        });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return sendJson(response, 401, { errors: [{ message: error.message, extensions: error.extensions }] }, headers);
      }
      sseSessions.set(request, session);
      responseBySession.set(session, response);
      openResponses.add(response);
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
      response.once('close', () => {
        openResponses.delete(response);
        sessions.delete(session);
        session.dispose();
      });
      await sse(request, response);
    },

    /** Upgrades WebSocket requests to /graphql; anything else is refused. */
    attach(http: Server): void {
      http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
        const path = (request.url ?? '/').split('?')[0];
        if (path !== '/graphql' && path !== '/') {
          socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
          return;
        }
        wss.handleUpgrade(request, socket, head, (ws) => {
          wss.emit('connection', ws, request);
        });
      });
    },

    get sessionCount(): number {
      return sessions.size;
    },

    /**
     * Re-checks every live session now (each closes if its caller is no longer authorised): for a
     * push, e.g. a revocation event on the stream, besides the per-event and periodic checks.
     */
    async recheckAll(): Promise<void> {
      await Promise.all([...sessions].map((session) => session.recheck()));
    },

    /** SIGTERM: every live connection ends with "going away" so clients reconnect elsewhere. */
    async close(): Promise<void> {
      for (const session of [...sessions]) session.end(CLOSE.GOING_AWAY);
      for (const socket of sockets) socket.close(CLOSE.GOING_AWAY.code, CLOSE.GOING_AWAY.reason);
      // SSE streams end themselves once their upstreams stop (graphql-sse writes the end); one that
      // does not within a second is cut.
      for (const response of openResponses) setTimeout(() => response.destroy(), 1000).unref();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/**
 * graphql-ws tells refusals from operation arguments with `instanceof GraphQLError` of the copy of
 * graphql-js it loads (the CommonJS one, like Apollo); LimitExceededError may come from the other.
 */
function sameRealm(error: { message: string; extensions?: Record<string, unknown> }): GraphQLError {
  return error instanceof GraphQLError ? error : new GraphQLError(error.message, error.extensions ? { extensions: error.extensions } : {});
}

function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' } });
}

function closeError(reason: CloseReason): GraphQLError {
  const code = reason === CLOSE.UNAUTHORIZED ? 'UNAUTHENTICATED' : reason === CLOSE.FORBIDDEN ? 'FORBIDDEN' : 'RATE_LIMITED';
  return new GraphQLError(reason.reason, { extensions: { code, closeCode: reason.code } });
}
