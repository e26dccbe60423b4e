import type { LiveContext } from '@fed/service-kit';
import type { AuditStore } from './events/store.ts';
import type { ChainVerification } from './events/verify.ts';

export interface AuditContext extends LiveContext {
  audit: AuditStore;
  verifyChain(tenantId: string): Promise<ChainVerification>;
}
