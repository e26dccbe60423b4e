import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { closeHttpServer, listen, readBody, sendJson } from '@fed/service-kit/edge';
import type * as GraphQLModule from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import {
  AUTHOR_OF_ANY_REVIEW,
  IN_STOCK,
  PRODUCTS,
  REVIEWS,
  REVIEWS_OF_ANY_USER,
  USERS,
  shippingEstimate,
  type Product,
  type Review,
} from './data.ts';

// graphql-js refuses a schema built by another copy of itself. @apollo/subgraph builds the schema
// with the CommonJS build of graphql, while an ESM import may load the .mjs build (as under
// vitest); so execution takes graphql from the same CommonJS build.
const { execute, parse, validate } = createRequire(import.meta.url)('graphql') as typeof GraphQLModule;

/**
 * The four Federation 2 subgraphs of the public benchmark scenario, with the original's schema
 * (accounts owns users; products owns products and `topProducts`; inventory adds stock and a
 * shipping estimate that `@requires` price and weight; reviews adds reviews to users and
 * products and `@provides` the author's username) over the fixed data in data.ts.
 */

const FEDERATION =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires", "@provides", "@shareable"])';

export const PUBLIC_SUBGRAPH_NAMES = ['accounts', 'inventory', 'products', 'reviews'] as const;
export type PublicSubgraphName = (typeof PUBLIC_SUBGRAPH_NAMES)[number];

export const PUBLIC_SUBGRAPH_SDL: Record<PublicSubgraphName, string> = {
  accounts: `${FEDERATION}
    type Query {
      me: User
      user(id: ID!): User
      users: [User]
    }
    type User @key(fields: "id") {
      id: ID!
      name: String
      # Federation 2 wants a field that another subgraph @provides to be declared shareable.
      username: String @shareable
      birthday: Int
    }`,
  inventory: `${FEDERATION}
    type Product @key(fields: "upc") {
      upc: String!
      weight: Int @external
      price: Int @external
      inStock: Boolean
      shippingEstimate: Int @requires(fields: "price weight")
    }`,
  products: `${FEDERATION}
    type Query {
      topProducts(first: Int = 5): [Product]
    }
    type Product @key(fields: "upc") {
      upc: String!
      name: String
      price: Int
      weight: Int
    }`,
  reviews: `${FEDERATION}
    type Review @key(fields: "id") {
      id: ID!
      body: String
      product: Product
      author: User @provides(fields: "username")
    }
    type User @key(fields: "id") {
      id: ID!
      username: String @external
      reviews: [Review]
    }
    type Product @key(fields: "upc") {
      upc: String!
      reviews: [Review]
    }`,
};

type Reference<Key extends string> = Record<Key, string>;

const resolvers: Record<PublicSubgraphName, GraphQLResolverMap<unknown>> = {
  accounts: {
    Query: {
      me: () => USERS[0],
      user: (_: unknown, { id }: { id: string }) => USERS.find((user) => user.id === id) ?? null,
      users: () => USERS,
    },
    User: {
      __resolveReference: ({ id }: Reference<'id'>) => USERS.find((user) => user.id === id) ?? null,
    },
  },
  inventory: {
    Product: {
      // The representation carries price and weight (the @requires fields) beside the key.
      __resolveReference: (reference: { upc: string; price?: number | null; weight?: number | null }) => ({
        ...reference,
        inStock: IN_STOCK[reference.upc] ?? null,
      }),
      shippingEstimate: (product: { price?: number | null; weight?: number | null }) => shippingEstimate(product.price, product.weight),
    },
  },
  products: {
    Query: {
      topProducts: (_: unknown, { first }: { first: number }) => PRODUCTS.slice(0, Math.max(0, first)),
    },
    Product: {
      __resolveReference: ({ upc }: Reference<'upc'>) => PRODUCTS.find((product) => product.upc === upc) ?? null,
    },
  },
  reviews: {
    Review: {
      __resolveReference: ({ id }: Reference<'id'>) => REVIEWS.find((review) => review.id === id) ?? null,
      product: (review: Review) => ({ upc: review.productUpc }),
      author: () => ({ id: AUTHOR_OF_ANY_REVIEW.id, username: AUTHOR_OF_ANY_REVIEW.username }),
    },
    User: {
      __resolveReference: ({ id }: Reference<'id'>) => ({ id }),
      reviews: () => REVIEWS_OF_ANY_USER,
    },
    Product: {
      __resolveReference: ({ upc }: Reference<'upc'>) => ({ upc }),
      reviews: (product: Pick<Product, 'upc'>) => REVIEWS.filter((review) => review.productUpc === product.upc),
    },
  },
};

export function publicSubgraphSchema(name: PublicSubgraphName): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: parse(PUBLIC_SUBGRAPH_SDL[name]), resolvers: resolvers[name] });
}

/**
 * A minimal GraphQL-over-HTTP server for one subgraph: POST JSON only, documents parsed and
 * validated once per query text, keep-alive. Kept small so that the subgraphs take as little of
 * the machine as possible: the benchmark is about the gateway in front of them.
 */
export function createSubgraphServer(schema: GraphQLSchema): Server {
  const documents = new Map<string, DocumentNode | { errors: { message: string }[] }>();
  const documentOf = (query: string) => {
    let document = documents.get(query);
    if (!document) {
      try {
        const parsed = parse(query);
        const errors = validate(schema, parsed);
        document = errors.length ? { errors: errors.map((error) => ({ message: error.message })) } : parsed;
      } catch (error) {
        document = { errors: [{ message: (error as Error).message }] };
      }
      documents.set(query, document);
    }
    return document;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'POST') return sendJson(response, 200, { status: 'ok' });
    let payload: { query?: string; variables?: Record<string, unknown>; operationName?: string };
    try {
      payload = JSON.parse(await readBody(request, 10_000_000)) as typeof payload;
    } catch {
      return sendJson(response, 400, { errors: [{ message: 'The request body is not valid JSON' }] });
    }
    const document = documentOf(payload.query ?? '');
    if ('errors' in document) return sendJson(response, 400, { errors: document.errors });
    const result = await execute({ schema, document, variableValues: payload.variables, operationName: payload.operationName });
    sendJson(response, 200, result);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => sendJson(response, 500, { errors: [{ message: String(error) }] }));
  });
  // Longer than the gateways' idle keep-alive, so a pooled connection is not cut under them.
  server.keepAliveTimeout = 65_000;
  return server;
}

export interface RunningPublicSubgraphs {
  urls: Record<PublicSubgraphName, string>;
  close(): Promise<void>;
}

/** Starts the four subgraphs in this process, each on its own port (0: any free port). */
export async function servePublicSubgraphs(
  ports: Partial<Record<PublicSubgraphName, number>> = {},
  host = '127.0.0.1',
): Promise<RunningPublicSubgraphs> {
  const servers: Server[] = [];
  const urls = {} as Record<PublicSubgraphName, string>;
  for (const name of PUBLIC_SUBGRAPH_NAMES) {
    const server = createSubgraphServer(publicSubgraphSchema(name));
    servers.push(server);
    urls[name] = `http://${host}:${await listen(server, ports[name] ?? 0, host)}/graphql`;
  }
  return { urls, close: async () => void (await Promise.all(servers.map((server) => closeHttpServer(server, 1_000)))) };
}
