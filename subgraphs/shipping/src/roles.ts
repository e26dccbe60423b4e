import type { Role } from '@fed/service-kit';

/** Who may do what in shipping; VIEWER and CUSTOMER only read. */
export const MANIFEST_EDITORS: readonly Role[] = ['ADMIN', 'MANAGER', 'EXPORTER'];
export const MANIFEST_REVIEWERS: readonly Role[] = ['ADMIN', 'SHIPPING_OFFICER'];
/** Quote, book, ship and deliver an approved manifest. */
export const MANIFEST_SHIPPERS: readonly Role[] = ['ADMIN', 'MANAGER', 'EXPORTER', 'SHIPPING_OFFICER'];
export const CARRIER_ADMINS: readonly Role[] = ['ADMIN'];
export const RATE_CARD_EDITORS: readonly Role[] = ['ADMIN', 'MANAGER'];
