import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode } from 'graphql';

/**
 * A tiny typed GraphQL client for Node and browsers: give it a typed document from this SDK and
 * it gives back typed data. Works with any `fetch`.
 */
export interface GraphQLClientOptions {
  url: string;
  /** A bearer token, or a function returning the current one (for refreshing tokens). */
  token?: string | null | (() => string | null | undefined);
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /**
   * How operations travel. `text` (the default) sends the document. `documentId` sends only its
   * id, `sha256:<hex>` (the GraphQL-over-HTTP persisted documents form): the gateway must know the
   * document from a registered manifest (`persisted-documents.json` of this package), which is
   * what a gateway with `TRUSTED_DOCUMENTS=enforce` requires. `apq` sends the hash first and the
   * text only when the gateway asks for it (automatic persisted queries).
   */
  documents?: 'text' | 'documentId' | 'apq';
  /** Sent as `apollographql-client-name` / `-version`, which the gateway's trusted documents key on. */
  clientName?: string;
  clientVersion?: string;
}

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLResult<Data> {
  status: number;
  data: Data | null | undefined;
  errors: GraphQLErrorShape[] | undefined;
  headers: Headers;
}

/** Thrown by `request` when the response carries errors; keeps the partial data and every error. */
export class GraphQLRequestError<Data = unknown> extends Error {
  constructor(
    readonly errors: GraphQLErrorShape[],
    readonly status: number,
    readonly data: Data | null | undefined,
  ) {
    super(errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; '));
    this.name = 'GraphQLRequestError';
  }

  get codes(): string[] {
    return this.errors.map((error) => error.extensions?.code ?? 'ERROR');
  }
}

type VariablesArgument<Variables> = Record<string, never> extends Variables ? [variables?: Variables] : [variables: Variables];

const printed = new WeakMap<DocumentNode, string>();
const textOf = (document: DocumentNode) => {
  let text = printed.get(document);
  if (!text) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
};

const hashes = new Map<string, Promise<string>>();
/** The sha256 (hex) of a document's text, as in `persisted-documents.json`; WebCrypto, so Node and browsers alike. */
export function documentHash(text: string): Promise<string> {
  let hash = hashes.get(text);
  if (!hash) {
    hash = crypto.subtle
      .digest('SHA-256', new TextEncoder().encode(text))
      .then((digest) => Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join(''));
    hashes.set(text, hash);
  }
  return hash;
}

/** The exact text this SDK sends for a document (and hashes for its id). */
export const documentText = (document: DocumentNode): string => textOf(document);

export function createClient(options: GraphQLClientOptions) {
  const fetchImpl = options.fetch ?? fetch;
  const mode = options.documents ?? 'text';
  const post = async <Data>(payload: Record<string, unknown>): Promise<GraphQLResult<Data>> => {
    const token = typeof options.token === 'function' ? options.token() : options.token;
    const response = await fetchImpl(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(options.clientName ? { 'apollographql-client-name': options.clientName } : {}),
        ...(options.clientVersion ? { 'apollographql-client-version': options.clientVersion } : {}),
        ...options.headers,
      },
      body: JSON.stringify(payload),
    });
    const body = (await response.json()) as { data?: Data | null; errors?: GraphQLErrorShape[] };
    return { status: response.status, data: body.data, errors: body.errors, headers: response.headers };
  };
  const execute = async <Data, Variables>(
    document: TypedDocumentNode<Data, Variables>,
    ...[variables]: VariablesArgument<Variables>
  ): Promise<GraphQLResult<Data>> => {
    const query = textOf(document);
    const vars = variables ?? {};
    if (mode === 'text') return post<Data>({ query, variables: vars });
    const hash = await documentHash(query);
    if (mode === 'documentId') return post<Data>({ documentId: `sha256:${hash}`, variables: vars });
    const persistedQuery = { version: 1, sha256Hash: hash };
    const first = await post<Data>({ variables: vars, extensions: { persistedQuery } });
    if (!first.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) return first;
    return post<Data>({ query, variables: vars, extensions: { persistedQuery } });
  };
  return {
    /** The raw result: data and errors side by side (partial data is normal in federation). */
    execute,
    /** The data, or a GraphQLRequestError when the response has any error. */
    async request<Data, Variables>(
      document: TypedDocumentNode<Data, Variables>,
      ...variables: VariablesArgument<Variables>
    ): Promise<Data> {
      const result = await execute(document, ...variables);
      if (result.errors?.length || !result.data)
        throw new GraphQLRequestError(result.errors ?? [{ message: 'No data' }], result.status, result.data);
      return result.data;
    },
  };
}

export type GraphQLClient = ReturnType<typeof createClient>;
