import type { Identity, Logger } from '@fed/service-kit';

export interface GatewayContext {
  requestId: string;
  /** Verified at the edge; subgraphs verify the forwarded token again. */
  identity: Identity | null;
  authorization: string | null;
  clientIp: string | null;
  userAgent: string | null;
  logger: Logger;
}
