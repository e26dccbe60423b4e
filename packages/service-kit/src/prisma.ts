import type { SqlDriverAdapterFactory } from '@prisma/client/runtime/client';

interface ClientOptions {
  adapter: SqlDriverAdapterFactory;
  log?: { emit: 'event'; level: 'query' }[];
}

interface QueryEvents {
  $on(event: 'query', listener: (event: { query: string }) => void): void;
}

/**
 * Builds a subgraph's generated PrismaClient on a driver adapter. With `onQuery`, every SQL
 * statement is reported (tests and the benchmark count statements per operation with it);
 * without it Prisma does no query logging at all.
 */
export function prismaClientFactory<Client>(PrismaClient: new (options: ClientOptions) => Client) {
  return (adapter: SqlDriverAdapterFactory, onQuery?: (sql: string) => void): Client => {
    if (!onQuery) return new PrismaClient({ adapter });
    const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
    (client as unknown as QueryEvents).$on('query', (event) => onQuery(event.query));
    return client;
  };
}
