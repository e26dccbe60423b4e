import { hasRole, type Identity, type Role } from '@fed/service-kit';

/** Who runs the catalog: manage products, categories and stock, and move orders along. */
export const STAFF_ROLES = ['ADMIN', 'MANAGER'] as const satisfies readonly Role[];
/** Who may place orders (for themselves) and write reviews. VIEWER and the agency roles may not. */
export const BUYER_ROLES = ['CUSTOMER', 'ADMIN', 'MANAGER'] as const satisfies readonly Role[];

export const isStaff = (identity: Identity | null): boolean => identity !== null && hasRole(identity, ...STAFF_ROLES);
