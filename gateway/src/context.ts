import type { Identity, Logger } from '@fed/service-kit/edge';

/** Per request; Apollo Server gives each operation of a batch a shallow copy. */
export interface GatewayContext {
  requestId: string;
  /** Verified at the edge; subgraphs verify the forwarded token again. */
  identity: Identity | null;
  authorization: string | null;
  /** The caller's address (the first X-Forwarded-For entry when TRUST_PROXY is on). */
  clientIp: string | null;
  userAgent: string | null;
  /** Bound to the request id. */
  logger: Logger;
  /** Set only by the cache warm-up: parse, validate and plan, but fetch nothing and record nothing. */
  warmUp?: true;
}
