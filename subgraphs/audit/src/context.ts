import type { ServiceContext } from '@fed/service-kit';
import type { AuditStore } from './events/store.ts';
import type { ChainVerification } from './events/verify.ts';

export interface AuditContext extends ServiceContext {
  audit: AuditStore;
  verifyChain(tenantId: string): Promise<ChainVerification>;
}
