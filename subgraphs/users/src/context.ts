import type { ServiceContext } from '@fed/service-kit';
import type { SessionService } from './sessions/service.ts';
import type { TenantStore } from './tenants/store.ts';
import type { UserAdminService } from './users/admin.ts';
import type { UserStore } from './users/store.ts';

export interface UsersContext extends ServiceContext {
  tenants: TenantStore;
  users: UserStore;
  userAdmin: UserAdminService;
  sessions: SessionService;
}
