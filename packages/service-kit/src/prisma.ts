import type { SqlDriverAdapterFactory } from '@prisma/client/runtime/client';

interface ClientOptions {
  adapter: SqlDriverAdapterFactory;
  log?: { emit: 'event'; level: 'query' }[];
}

interface QueryEvents {
  /** Prisma reports the parameters as one JSON text (bigints as strings, bytes as base64). */
  $on(event: 'query', listener: (event: { query: string; params: string }) => void): void;
}

/**
 * Receives each SQL statement Prisma sends and its bound parameters. The parameters are the
 * values as Prisma logs them (JSON: dates as ISO text, bigints as text); sent back untyped with the
 * statement, PostgreSQL infers the same types from the statement as it did for Prisma's query.
 */
export type QueryListener = (sql: string, params: unknown[]) => void;

/**
 * Builds a subgraph's generated PrismaClient on a driver adapter. With `onQuery`, every SQL
 * statement is reported (tests and the benchmark count statements per operation with it, tests
 * EXPLAIN them); without it Prisma does no query logging at all.
 */
export function prismaClientFactory<Client>(PrismaClient: new (options: ClientOptions) => Client) {
  return (adapter: SqlDriverAdapterFactory, onQuery?: QueryListener): Client => {
    if (!onQuery) return new PrismaClient({ adapter });
    const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
    (client as unknown as QueryEvents).$on('query', (event) => onQuery(event.query, parseParams(event.params)));
    return client;
  };
}

function parseParams(params: string): unknown[] {
  if (!params) return [];
  const parsed: unknown = JSON.parse(params);
  return Array.isArray(parsed) ? parsed : [];
}
