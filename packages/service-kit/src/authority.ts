import type { Identity, Role } from './auth.ts';
import { ForbiddenError, UnauthenticatedError } from './errors.ts';
import { listReachOf, reachOf, readRefusal, seesField, type Reach, type VisibleType } from './visibility.ts';

/**
 * Who may do what, in one table for the whole platform: each action a caller can attempt, the roles
 * that may attempt it, and how a refusal describes it. Resolvers and services ask
 * `context.authority.require(action)` (or `may(action)` for what a caller may see) instead of
 * carrying role lists of their own; the README's "Who may do what" table is this table, and
 * tests/authority-table.test.ts checks the two agree both ways.
 *
 * Rules that depend on the row, not only on the role (a customer cancels only their own PENDING
 * order, nobody decides their own export), stay in the services that own the rows; this table is
 * the role half of every decision. What a caller may *read* is the sibling table VISIBILITY
 * (visibility.ts), enforced by the kit on every subgraph's schema.
 */
const STAFF = ['ADMIN', 'MANAGER'] as const satisfies readonly Role[];
const BUYERS = ['CUSTOMER', 'ADMIN', 'MANAGER'] as const satisfies readonly Role[];
const EXPORT_WRITERS = ['EXPORTER', 'MANAGER', 'ADMIN'] as const satisfies readonly Role[];
const AGENCY_OFFICERS = [
  'FX_OFFICER',
  'QUALITY_OFFICER',
  'SHIPPING_OFFICER',
  'CUSTOMS_OFFICER',
  'BANK_OFFICER',
] as const satisfies readonly Role[];
const MANIFEST_EDITORS = ['ADMIN', 'MANAGER', 'EXPORTER'] as const satisfies readonly Role[];
const MANIFEST_REVIEWERS = ['ADMIN', 'SHIPPING_OFFICER'] as const satisfies readonly Role[];
const MANIFEST_SHIPPERS = ['ADMIN', 'MANAGER', 'EXPORTER', 'SHIPPING_OFFICER'] as const satisfies readonly Role[];
const AUDIT_READERS = ['ADMIN', 'MANAGER'] as const satisfies readonly Role[];

interface ActionRule {
  readonly roles: readonly Role[];
  /** The action as a refusal names it: "<description> requires one of the roles …". */
  readonly description: string;
}

export const ACTIONS = {
  // users
  'user.create': { roles: ['ADMIN'], description: 'Creating a user' },
  'user.updateOther': { roles: ['ADMIN'], description: "Changing another user's details" },
  'user.changeRoles': { roles: ['ADMIN'], description: "Changing a user's roles" },
  'user.deactivate': { roles: ['ADMIN'], description: 'Deactivating a user' },
  'user.reactivate': { roles: ['ADMIN'], description: 'Reactivating a user' },
  'user.forget': { roles: ['ADMIN'], description: 'Forgetting a user' },
  'session.administer': { roles: ['ADMIN'], description: "Listing or ending another user's sessions" },
  // catalog
  'order.place': { roles: BUYERS, description: 'Placing an order' },
  'order.cancel': { roles: BUYERS, description: 'Cancelling an order' },
  'order.changeStatus': { roles: STAFF, description: 'Changing the status of an order' },
  'payment.capture': { roles: BUYERS, description: 'Capturing a payment' },
  'payment.readAll': { roles: STAFF, description: "Reading other customers' payments and gateway responses" },
  'review.write': { roles: BUYERS, description: 'Writing a review' },
  'review.change': { roles: BUYERS, description: 'Changing a review' },
  'review.delete': { roles: BUYERS, description: 'Deleting a review' },
  'review.moderate': { roles: STAFF, description: "Changing or deleting another author's review" },
  'category.create': { roles: STAFF, description: 'Creating a category' },
  'category.update': { roles: STAFF, description: 'Changing a category' },
  'product.create': { roles: STAFF, description: 'Creating a product' },
  'product.update': { roles: STAFF, description: 'Changing a product' },
  'product.delete': { roles: STAFF, description: 'Deleting a product' },
  'stock.receive': { roles: STAFF, description: 'Receiving stock' },
  'stock.adjust': { roles: STAFF, description: 'Adjusting stock' },
  'stock.setLimits': { roles: STAFF, description: 'Setting stock limits' },
  'catalogSettings.update': { roles: ['ADMIN'], description: 'Changing catalog settings' },
  // shipping
  'manifest.create': { roles: MANIFEST_EDITORS, description: 'Creating a manifest' },
  'manifest.edit': { roles: MANIFEST_EDITORS, description: 'Editing or submitting a manifest' },
  'manifest.approve': { roles: MANIFEST_REVIEWERS, description: 'Approving a manifest' },
  'manifest.reject': { roles: MANIFEST_REVIEWERS, description: 'Rejecting a manifest' },
  'rates.quote': { roles: MANIFEST_SHIPPERS, description: 'Quoting rates' },
  'rates.select': { roles: MANIFEST_SHIPPERS, description: 'Selecting a rate' },
  'manifest.ship': { roles: MANIFEST_SHIPPERS, description: 'Shipping a manifest' },
  'manifest.deliver': { roles: MANIFEST_SHIPPERS, description: 'Marking a manifest delivered' },
  'carrier.create': { roles: ['ADMIN'], description: 'Creating a carrier' },
  'carrier.update': { roles: ['ADMIN'], description: 'Editing a carrier' },
  'carrier.setCredentials': { roles: ['ADMIN'], description: 'Setting carrier credentials' },
  'rateCard.save': { roles: STAFF, description: 'Saving a rate card' },
  // exports
  'exporterProfile.register': { roles: EXPORT_WRITERS, description: 'Registering an exporter profile' },
  'exporterProfile.verifyCapital': { roles: ['BANK_OFFICER'], description: "Verifying an exporter's capital" },
  'exporterProfile.changeStatus': { roles: ['ADMIN'], description: "Changing an exporter's status" },
  'exportLicense.administer': { roles: ['ADMIN'], description: 'Recording an export license or changing its status' },
  'export.prepare': { roles: EXPORT_WRITERS, description: 'Creating, submitting or cancelling an export request' },
  'exportDocument.attach': { roles: [...EXPORT_WRITERS, ...AGENCY_OFFICERS], description: 'Attaching an export document' },
  'approval.decide.FX_APPROVAL': { roles: ['FX_OFFICER'], description: 'Deciding FX_APPROVAL' },
  'approval.decide.QUALITY_CERTIFICATION': { roles: ['QUALITY_OFFICER'], description: 'Deciding QUALITY_CERTIFICATION' },
  'approval.decide.SHIPMENT_SCHEDULING': { roles: ['SHIPPING_OFFICER'], description: 'Deciding SHIPMENT_SCHEDULING' },
  'approval.decide.CUSTOMS_CLEARANCE': { roles: ['CUSTOMS_OFFICER'], description: 'Deciding CUSTOMS_CLEARANCE' },
  'approval.decide.EXPORT_COMPLETION': { roles: ['BANK_OFFICER'], description: 'Deciding EXPORT_COMPLETION' },
  'approval.listQueue.FX_APPROVAL': { roles: ['FX_OFFICER', 'ADMIN'], description: 'Listing exports waiting at FX_APPROVAL' },
  'approval.listQueue.QUALITY_CERTIFICATION': {
    roles: ['QUALITY_OFFICER', 'ADMIN'],
    description: 'Listing exports waiting at QUALITY_CERTIFICATION',
  },
  'approval.listQueue.SHIPMENT_SCHEDULING': {
    roles: ['SHIPPING_OFFICER', 'ADMIN'],
    description: 'Listing exports waiting at SHIPMENT_SCHEDULING',
  },
  'approval.listQueue.CUSTOMS_CLEARANCE': {
    roles: ['CUSTOMS_OFFICER', 'ADMIN'],
    description: 'Listing exports waiting at CUSTOMS_CLEARANCE',
  },
  'approval.listQueue.EXPORT_COMPLETION': { roles: ['BANK_OFFICER', 'ADMIN'], description: 'Listing exports waiting at EXPORT_COMPLETION' },
  // audit
  'audit.read': { roles: AUDIT_READERS, description: 'Reading the audit log, an audit trail or the audit summary' },
  'audit.verifyChain': { roles: ['ADMIN'], description: 'Verifying the audit chain' },
  'audit.watch': { roles: ['ADMIN'], description: 'Watching audit events as they are appended' },
} as const satisfies Record<string, ActionRule>;

export type Action = keyof typeof ACTIONS;

/** What a caller may do, decided from the one table. */
export interface Authority {
  /** The verified caller, or null when anonymous. */
  readonly identity: Identity | null;
  /** The caller must be signed in (any role); returns who they are. */
  requireIdentity(): Identity;
  /** The caller must hold one of the action's roles; the refusal names the action and the roles. */
  require(action: Action): Identity;
  /** Whether the caller holds one of the action's roles (for what a caller may see). */
  may(action: Action): boolean;
  /** How much of a type the caller reads (VISIBILITY, the sibling table of who may read what). */
  reach(type: VisibleType): Reach;
  /** How much of a type the caller sees in lists (a directory may list fewer rows than reach). */
  listReach(type: VisibleType): Reach;
  /** Whether the caller reads `field` of a row of `type` they can read (`ownRow`: the row is theirs). */
  sees(type: VisibleType, field: string, ownRow?: boolean): boolean;
  /** The caller must read `field` of the row (`ownRow`: it is theirs); the refusal names type and field. */
  requireField(type: VisibleType, field: string, ownRow?: boolean): void;
  /** The FORBIDDEN error for a row (or a field) the caller may not read, to throw where it is refused. */
  readRefusal(type: VisibleType, field?: string): ForbiddenError;
}

export const rolesFor = (action: Action): readonly Role[] => ACTIONS[action].roles;

export function authorityOf(identity: Identity | null): Authority {
  const may = (action: Action) => identity !== null && identity.roles.some((role) => rolesFor(action).includes(role));
  const requireIdentity = () => {
    if (!identity) throw new UnauthenticatedError();
    return identity;
  };
  return {
    identity,
    requireIdentity,
    may,
    reach: (type) => reachOf(identity, type),
    listReach: (type) => listReachOf(identity, type),
    sees: (type, field, ownRow = false) => seesField(identity, type, field, ownRow),
    requireField(type, field, ownRow = false) {
      requireIdentity();
      if (!seesField(identity, type, field, ownRow)) throw readRefusal(type, field);
    },
    readRefusal,
    require(action) {
      const caller = requireIdentity();
      if (!may(action)) {
        throw new ForbiddenError(`${ACTIONS[action].description} requires one of the roles ${rolesFor(action).join(', ')}`, { action });
      }
      return caller;
    },
  };
}
