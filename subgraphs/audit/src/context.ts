import type { ServiceContext } from '@fed/service-kit';
import type { AuditStore } from './events/store.ts';

export interface AuditContext extends ServiceContext {
  audit: AuditStore;
}
