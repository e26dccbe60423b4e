import type { Identity } from './auth.ts';
import { authorityOf, type Authority } from './authority.ts';
import { LoaderCache } from './loaders.ts';
import type { Logger } from './logger.ts';

/** What every resolver of every subgraph gets; subgraphs extend it with their stores. */
export interface ServiceContext {
  requestId: string;
  /** Set only from a verified bearer token. */
  identity: Identity | null;
  /** What the caller may do, from the platform's one table of actions and roles. */
  authority: Authority;
  /** Per-request DataLoaders: batching within one operation, nothing shared across requests. */
  loaders: LoaderCache;
  logger: Logger;
  /** Who the caller is on the network, for audit records. */
  client: { ip: string | null; userAgent: string | null };
}

export function createServiceContext(fields: Omit<ServiceContext, 'loaders' | 'authority'>): ServiceContext {
  return { ...fields, authority: authorityOf(fields.identity), loaders: new LoaderCache() };
}
