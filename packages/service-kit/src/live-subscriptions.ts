import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExecutionArgs, ExecutionResult, GraphQLSchema } from 'graphql';
import { createHandler } from 'graphql-sse';
import type { ServiceContext } from './context.ts';
import { graphqlCjs } from './graphql-cjs.ts';
import { NotFoundError } from './errors.ts';
import { VISIBILITY, type VisibleType } from './visibility.ts';
import { readsRow } from './visibility-schema.ts';
import type { AuditEventPayload } from './outbox.ts';
import type { LiveEventFeed } from './subscriptions-feed.ts';

/**
 * How a subgraph serves its Subscription fields: GraphQL over Server-Sent Events (the graphql-sse
 * protocol, "distinct connections" mode) on its own /graphql URL, chosen by `Accept: text/event-stream`.
 * The gateway is the client: one stream per subscription, the subscriber's token in the
 * Authorization header, verified here exactly like a query's (see subgraph-server.ts).
 *
 * Every event is resolved with a fresh request context (fresh DataLoaders), so a subscription that
 * lives for hours never serves a row cached at its first event.
 */
export function isEventStreamRequest(request: IncomingMessage): boolean {
  return request.method === 'POST' && (request.headers.accept ?? '').includes('text/event-stream');
}

/** A fresh context for each event of one subscription: same caller, new loaders. */
const renewals = new WeakMap<object, () => ServiceContext>();

/**
 * graphql-sse's protocol handler behind an adapter of our own that takes the body already read:
 * the subgraph reads it first to check the gateway's proof, which signs the exact body.
 */
export function createEventStreamHandler<Context extends ServiceContext>(
  schema: GraphQLSchema,
  contextFor: (request: IncomingMessage) => () => Context,
): (request: IncomingMessage, response: ServerResponse, body: string) => Promise<void> {
  // graphql-sse types its context as a plain record; ours is the service context, fresh per event.
  const handler = createHandler<IncomingMessage, { res: ServerResponse }, Record<PropertyKey, unknown>>({
    schema,
    context: (request) => {
      const renew = contextFor(request.raw);
      const context = renew();
      renewals.set(context, renew);
      return context as unknown as Record<PropertyKey, unknown>;
    },
    subscribe: (args) => subscribeWithFreshContexts(args as unknown as ExecutionArgs & { contextValue: ServiceContext }),
  });
  return async (request, response, body) => {
    const [answer, init] = await handler({
      method: request.method ?? 'POST',
      url: request.url ?? '/graphql',
      headers: {
        get: (key: string) => {
          const header = request.headers[key];
          return Array.isArray(header) ? header.join('\n') : header;
        },
      },
      body,
      raw: request,
      context: { res: response },
    });
    response.writeHead(init.status, init.statusText, init.headers);
    if (!answer || typeof answer === 'string') return void response.end(answer);
    const stop = () => void answer.return(undefined);
    response.once('close', stop);
    for await (const chunk of answer) {
      if (!response.writable) break;
      const closed = await new Promise<boolean>((resolve, reject) =>
        response.write(chunk, (error) => (error ? reject(error) : resolve(false))),
      );
      if (closed) break;
    }
    response.off('close', stop);
    response.end();
  };
}

async function subscribeWithFreshContexts(
  args: ExecutionArgs & { contextValue: ServiceContext },
): Promise<AsyncIterable<ExecutionResult> | ExecutionResult> {
  const source = await graphqlCjs.createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source;
  const renew = renewals.get(args.contextValue) ?? (() => args.contextValue);
  const events = source[Symbol.asyncIterator]();
  // Generator-shaped (next, return, throw): graphql-sse ends only such streams when the client leaves,
  // and return() reaches the event feed at once, detaching its listener.
  const stream: AsyncGenerator<ExecutionResult> = {
    async next(): Promise<IteratorResult<ExecutionResult>> {
      const event = await events.next();
      if (event.done) return { done: true, value: undefined };
      const result = await graphqlCjs.execute({ ...args, rootValue: event.value, contextValue: renew() });
      return { done: false, value: result };
    },
    async return(): Promise<IteratorResult<ExecutionResult>> {
      await events.return?.();
      return { done: true, value: undefined };
    },
    async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
      await events.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}

/** What a Subscription field of a subgraph needs from the request context. */
export interface LiveContext extends ServiceContext {
  live: LiveEventFeed;
}

/**
 * A Subscription field fed by the event stream: `authorise` runs first (an action of the authority
 * table, and that the watched row exists and is visible to the caller, so another tenant's id is
 * NOT_FOUND rather than a silent stream), then every event of the caller's tenant that `matches`
 * resolves the field again through `load` (the caller's own, tenant-scoped read), never from the
 * event's snapshot, so what a subscriber sees is exactly what a query would show them.
 */
export function liveField<Args, Result, Context extends LiveContext>(options: {
  /** The caller's own read of the watched row (return it, so its visibility is checked too). */
  authorise: (args: Args, context: Context) => Promise<unknown> | unknown;
  matches: (event: AuditEventPayload, args: Args) => boolean;
  load: (event: AuditEventPayload, args: Args, context: Context) => Promise<Result | null | undefined>;
  /** What the field watches, for the NOT_FOUND when the row vanished between event and read. */
  entity: string;
  idOf: (args: Args) => string;
}) {
  return {
    subscribe: async (_parent: unknown, args: Args, context: Context) => {
      const caller = context.authority.requireIdentity();
      const row = await options.authorise(args, context);
      // The same read rules as a query (VISIBILITY): a row the caller may not read is not watched either,
      // and answers as absent, never confirming that it exists.
      if (options.entity in VISIBILITY) {
        const type = options.entity as VisibleType;
        if (context.authority.reach(type) === 'none') throw context.authority.readRefusal(type);
        if (row && !readsRow(type, row, context)) throw new NotFoundError(options.entity, options.idOf(args));
      }
      return context.live.listen({ tenantId: caller.tenantId, matches: (event) => options.matches(event, args) });
    },
    resolve: async (event: AuditEventPayload, args: Args, context: Context): Promise<Result> => {
      const value = await options.load(event, args, context);
      if (value === null || value === undefined) throw new NotFoundError(options.entity, options.idOf(args));
      return value;
    },
  };
}
