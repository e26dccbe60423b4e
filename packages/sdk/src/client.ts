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

export function createClient(options: GraphQLClientOptions) {
  const fetchImpl = options.fetch ?? fetch;
  const execute = async <Data, Variables>(
    document: TypedDocumentNode<Data, Variables>,
    ...[variables]: VariablesArgument<Variables>
  ): Promise<GraphQLResult<Data>> => {
    const token = typeof options.token === 'function' ? options.token() : options.token;
    const response = await fetchImpl(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...options.headers,
      },
      body: JSON.stringify({ query: textOf(document), variables: variables ?? {} }),
    });
    const body = (await response.json()) as { data?: Data | null; errors?: GraphQLErrorShape[] };
    return { status: response.status, data: body.data, errors: body.errors, headers: response.headers };
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
