import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import type { GraphQLErrorShape } from './client.ts';

/**
 * Live updates from the gateway, typed by this SDK's documents: subscriptions over graphql-ws (the
 * /graphql WebSocket) or Server-Sent Events (graphql-sse), and @defer over multipart/mixed.
 *
 * A subscription is an async iterator of results; `return()` (or `break` in `for await`) ends it.
 * It ends with a LiveConnectionClosed when the gateway closes the connection: `code` 4401 means the
 * token expired (sign in again, then resubscribe), 4403 the session was revoked, 4499 the client read
 * too slowly, 1001 the gateway is shutting down (resubscribe: another replica takes over).
 */
export interface LiveResult<Data> {
  data?: Data | null;
  errors?: GraphQLErrorShape[];
}

export class LiveConnectionClosed extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`The live connection closed with ${code}: ${reason}`);
    this.name = 'LiveConnectionClosed';
  }
}

type VariablesArgument<Variables> = Record<string, never> extends Variables ? [variables?: Variables] : [variables: Variables];

export interface LiveClient {
  subscribe<Data, Variables>(
    document: TypedDocumentNode<Data, Variables>,
    ...variables: VariablesArgument<Variables>
  ): AsyncIterableIterator<LiveResult<Data>>;
  close(): Promise<void>;
}

export interface LiveClientOptions {
  /** The gateway's /graphql URL (http(s):// for SSE; ws(s):// or http(s):// for WebSocket). */
  url: string;
  token: string | (() => string);
}

const texts = new WeakMap<DocumentNode, string>();
const textOf = (document: DocumentNode) => {
  let text = texts.get(document);
  if (!text) texts.set(document, (text = print(document)));
  return text;
};
const tokenOf = (token: LiveClientOptions['token']) => (typeof token === 'function' ? token() : token);

/** A push-to-pull queue between a client's sink and an async iterator (unbounded on the client: the gateway bounds it). */
function sinkIterator<Data>(
  start: (sink: { next(value: LiveResult<Data>): void; error(error: unknown): void; complete(): void }) => () => void,
): AsyncIterableIterator<LiveResult<Data>> {
  const queue: LiveResult<Data>[] = [];
  const waiting: { resolve(result: IteratorResult<LiveResult<Data>>): void; reject(error: unknown): void }[] = [];
  let failure: unknown = null;
  let done = false;
  const flush = () => {
    while (waiting.length > 0 && (queue.length > 0 || done)) {
      const waiter = waiting.shift()!;
      const value = queue.shift();
      if (value) waiter.resolve({ value, done: false });
      else if (failure) waiter.reject(failure);
      else waiter.resolve({ value: undefined, done: true });
    }
  };
  const stop = start({
    next: (value) => {
      queue.push(value);
      flush();
    },
    error: (error) => {
      failure = error;
      done = true;
      flush();
    },
    complete: () => {
      done = true;
      flush();
    },
  });
  const iterator: AsyncIterableIterator<LiveResult<Data>> = {
    next: () =>
      new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        flush();
      }),
    return: async () => {
      done = true;
      stop();
      flush();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/**
 * Subscriptions over graphql-ws. In browsers the global WebSocket is used; in Node 20 pass
 * `webSocketImpl` (the `ws` package).
 */
export function createWebSocketLiveClient(options: LiveClientOptions & { webSocketImpl?: unknown }): LiveClient {
  let closedWith: LiveConnectionClosed | null = null;
  const client: WsClient = createWsClient({
    url: options.url.replace(/^http/, 'ws'),
    connectionParams: () => ({ authorization: `Bearer ${tokenOf(options.token)}` }),
    ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
    // A closed connection is reported to the caller (who decides: new token, resubscribe); no silent retry loop.
    retryAttempts: 0,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        if (code !== 1000) closedWith = new LiveConnectionClosed(code, reason);
      },
    },
  });
  return {
    subscribe: (document, ...[variables]) =>
      sinkIterator((sink) =>
        client.subscribe(
          { query: textOf(document), variables: (variables ?? {}) as Record<string, unknown> },
          {
            next: (value) => sink.next(value as LiveResult<never>),
            error: (error) => sink.error(closedWith ?? error),
            complete: () => sink.complete(),
          },
        ),
      ),
    close: () => client.dispose() as Promise<void>,
  };
}

/** Subscriptions over Server-Sent Events (graphql-sse, one stream per subscription). */
export function createSseLiveClient(options: LiveClientOptions & { fetchFn?: typeof fetch }): LiveClient {
  const client = createSseClient({
    url: options.url,
    headers: () => ({ authorization: `Bearer ${tokenOf(options.token)}` }),
    retryAttempts: 0,
    ...(options.fetchFn ? { fetchFn: options.fetchFn } : {}),
  });
  return {
    subscribe: (document, ...[variables]) =>
      sinkIterator((sink) =>
        client.subscribe(
          { query: textOf(document), variables: (variables ?? {}) as Record<string, unknown> },
          { next: (value) => sink.next(value as LiveResult<never>), error: (error) => sink.error(error), complete: () => sink.complete() },
        ),
      ),
    close: async () => client.dispose(),
  };
}

/**
 * A query with @defer over multipart/mixed (deferSpec=20220824): yields the data as it grows, first
 * the initial part, then after each deferred part the data merged so far (the last equals the
 * non-deferred answer). A gateway that answers in one piece yields once.
 */
export async function* requestIncrementally<Data, Variables>(
  options: { url: string; token?: string | null; fetch?: typeof fetch },
  document: TypedDocumentNode<Data, Variables>,
  ...[variables]: VariablesArgument<Variables>
): AsyncGenerator<LiveResult<Data> & { hasNext: boolean }> {
  const response = await (options.fetch ?? fetch)(options.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'multipart/mixed;deferSpec=20220824, application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify({ query: textOf(document), variables: variables ?? {} }),
  });
  if (!(response.headers.get('content-type') ?? '').startsWith('multipart/mixed')) {
    const body = (await response.json()) as LiveResult<Data>;
    yield { ...body, hasNext: false };
    return;
  }
  let data: Record<string, unknown> | null = null;
  const errors: GraphQLErrorShape[] = [];
  for await (const part of multipartParts(response)) {
    if ('data' in part) data = (part.data as Record<string, unknown> | null) ?? null;
    for (const item of (part.incremental as {
      data?: Record<string, unknown>;
      path: (string | number)[];
      errors?: GraphQLErrorShape[];
    }[]) ?? []) {
      const target = data && objectAt(data, item.path);
      if (target && item.data) Object.assign(target, item.data);
      if (item.errors) errors.push(...item.errors);
    }
    if (Array.isArray(part.errors)) errors.push(...(part.errors as GraphQLErrorShape[]));
    yield { data: structuredClone(data) as Data | null, ...(errors.length ? { errors: [...errors] } : {}), hasNext: part.hasNext === true };
  }
}

async function* multipartParts(response: Response): AsyncGenerator<Record<string, unknown>> {
  if (!response.body) return;
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = response.body.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += decoder.decode(value, { stream: true });
    // Each part is "\r\n---\r\n<headers>\r\n\r\n<json>", the body ends with "\r\n-----".
    for (;;) {
      const start = buffer.indexOf('\r\n---\r\n');
      if (start === -1) break;
      const next = buffer.indexOf('\r\n---', start + 7);
      if (next === -1 && !done) break;
      const part = buffer.slice(start + 7, next === -1 ? undefined : next);
      buffer = next === -1 ? '' : buffer.slice(next);
      const json = part.slice(part.indexOf('\r\n\r\n') + 4).trim();
      if (json) yield JSON.parse(json) as Record<string, unknown>;
    }
    if (done) return;
  }
}

function objectAt(data: Record<string, unknown>, path: (string | number)[]): Record<string, unknown> | null {
  let value: unknown = data;
  for (const step of path) value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[step] : undefined;
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
}
