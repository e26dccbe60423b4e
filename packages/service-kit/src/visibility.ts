import { ROLES, type Identity, type Role } from './auth.ts';
import { ForbiddenError } from './errors.ts';

/**
 * Who may read what, in one table for the whole platform: the sibling of ACTIONS (who may do what).
 * For every type of the public schema: the roles that read every row of it in their tenant, the
 * roles that read only their own rows (and what "own" means), and the fields of a readable row
 * that need more than reading the row. README "### Who may read what" is this table
 * (renderVisibilityTable), and tests/visibility-table.test.ts checks the two agree both ways.
 *
 * It judges signed-in callers: an anonymous caller reads nothing but what signing in answers (the
 * resolvers ask for a token everywhere else).
 *
 * How a refusal shows (README, "Refusals never destroy their parent"): a row the caller may not read
 * is left out of every list (as another tenant's rows are); a single reference to it, and a field the
 * caller may not read, resolve to null with a FORBIDDEN error at that path, so the parent still
 * resolves. Fields a caller may be refused are therefore nullable in the schema.
 */
const ALL = ROLES;
const STAFF = ['ADMIN', 'MANAGER'] as const satisfies readonly Role[];
/** Every role that works for the tenant: everyone but its customers. */
const WORKFORCE = ROLES.filter((role) => role !== 'CUSTOMER');
const AUDIT_READERS = STAFF;
/** Everyone who works with orders reads all of them; a customer reads only the ones they placed. */
const ORDER_READERS = WORKFORCE;

export interface FieldVisibility {
  /** Roles that read the field on every readable row. */
  readonly roles: readonly Role[];
  /** Whether the row's owner reads it on their own row whatever their roles. */
  readonly owner: boolean;
}

export interface TypeVisibility {
  /** Roles that read every row of the type in their tenant (everyone else: only their own, or none). */
  readonly every: readonly Role[];
  /** Roles that read only their own rows, and which rows are theirs. */
  readonly own?: { readonly roles: readonly Role[]; readonly means: string };
  /** The row property holding the user the row belongs to (who "their own" is), where rows carry it. */
  readonly ownerField?: string;
  /** Roles that see every row in lists (the directory) when fewer than `every`; the rest list their own. */
  readonly lists?: readonly Role[];
  /** Fields of a readable row that need more than reading the row. */
  readonly fields?: Readonly<Record<string, FieldVisibility>>;
  /** The rows as a refusal names them: "Reading <noun> requires one of the roles …". */
  readonly noun: string;
}

const contact: FieldVisibility = { roles: STAFF, owner: true };
const standing: FieldVisibility = { roles: WORKFORCE, owner: true };
const audit: FieldVisibility = { roles: AUDIT_READERS, owner: false };

export const VISIBILITY = {
  // users
  Tenant: { every: ALL, fields: { auditTrail: audit }, noun: 'the tenant' },
  User: {
    every: ALL,
    ownerField: 'id',
    // Everyone sees every user by display name (a review's author, an audit actor); only the
    // workforce lists the directory: a customer's `users` holds only themself.
    lists: WORKFORCE,
    fields: {
      email: contact,
      phone: contact,
      lastLoginAt: contact,
      roles: standing,
      active: standing,
      verified: standing,
      auditTrail: audit,
      // A user's sessions: their own, and the tenant's admins (who can end them).
      sessions: { roles: ['ADMIN'], owner: true },
    },
    noun: 'users',
  },
  AuthPayload: { every: ALL, noun: 'sign-ins' },
  // Reached only through User.sessions, which decides who reads them.
  Session: { every: ALL, noun: 'sessions' },
  // catalog
  Category: { every: ALL, noun: 'categories' },
  Product: {
    every: ALL,
    fields: { cost: { roles: STAFF, owner: false }, stockMovements: { roles: STAFF, owner: false }, auditTrail: audit },
    noun: 'products',
  },
  Dimensions: { every: ALL, noun: 'product dimensions' },
  InventoryLevel: { every: ALL, noun: 'stock levels' },
  StockMovement: { every: STAFF, noun: 'the stock ledger' },
  Review: { every: ALL, noun: 'reviews' },
  CatalogSettings: { every: ALL, noun: 'catalog settings' },
  Order: {
    every: ORDER_READERS,
    ownerField: 'customerId',
    own: { roles: ['CUSTOMER'], means: 'the orders they placed' },
    fields: { auditTrail: audit },
    noun: "other customers' orders",
  },
  OrderItem: { every: ORDER_READERS, own: { roles: ['CUSTOMER'], means: 'lines of their own orders' }, noun: 'order lines' },
  Payment: {
    every: ORDER_READERS,
    own: { roles: ['CUSTOMER'], means: 'payments of their own orders' },
    fields: { gatewayResponse: { roles: STAFF, owner: false } },
    noun: "other customers' payments",
  },
  // shipping
  Country: { every: ALL, noun: 'countries' },
  Manifest: { every: WORKFORCE, fields: { auditTrail: audit }, noun: 'manifests' },
  ManifestItem: { every: WORKFORCE, noun: 'manifest items' },
  RateQuote: { every: WORKFORCE, noun: 'rate quotes' },
  Carrier: { every: WORKFORCE, noun: 'carriers' },
  RateCard: { every: WORKFORCE, noun: 'rate cards' },
  // exports
  ExporterProfile: { every: WORKFORCE, noun: 'the exporter profile' },
  ExportLicense: { every: WORKFORCE, noun: 'export licenses' },
  Export: { every: WORKFORCE, fields: { auditTrail: audit }, noun: 'exports' },
  ExportGoodsLine: { every: WORKFORCE, noun: 'export goods' },
  ExportApproval: { every: WORKFORCE, noun: 'export approvals' },
  ExportStatusChange: { every: WORKFORCE, noun: 'export history' },
  ExportDocument: { every: WORKFORCE, noun: 'export documents' },
  ExportApprovalStageRule: { every: ALL, noun: 'the approval chain' },
  // audit
  AuditEvent: { every: AUDIT_READERS, noun: 'the audit log' },
  AuditDailyCount: { every: AUDIT_READERS, noun: 'the audit summary' },
  AuditChainVerification: { every: ['ADMIN'], noun: 'the audit chain verification' },
  BrokenAuditLink: { every: ['ADMIN'], noun: 'the audit chain verification' },
} as const satisfies Record<string, TypeVisibility>;

export type VisibleType = keyof typeof VISIBILITY;

/** How much of a type a caller reads: every row of their tenant, only their own rows, or none. */
export type Reach = 'every' | 'own' | 'none';

const ruleOf = (type: VisibleType): TypeVisibility => VISIBILITY[type];
const holds = (identity: Identity | null, roles: readonly Role[]) =>
  identity !== null && identity.roles.some((role) => roles.includes(role));

export function reachOf(identity: Identity | null, type: VisibleType): Reach {
  const rule = ruleOf(type);
  if (holds(identity, rule.every)) return 'every';
  if (rule.own && holds(identity, rule.own.roles)) return 'own';
  return 'none';
}

/** How much of a type a caller sees in lists: like reachOf, but a directory may list fewer rows. */
export function listReachOf(identity: Identity | null, type: VisibleType): Reach {
  const reach = reachOf(identity, type);
  const lists = ruleOf(type).lists;
  if (reach === 'every' && lists && !holds(identity, lists)) return 'own';
  return reach;
}

/** Whether the caller reads `field` of a row they can read (`ownRow`: the row is theirs). */
export function seesField(identity: Identity | null, type: VisibleType, field: string, ownRow: boolean): boolean {
  const rule = ruleOf(type).fields?.[field];
  if (!rule) return identity !== null;
  return holds(identity, rule.roles) || (rule.owner && ownRow && identity !== null);
}

/** Who reads what the caller may not: named in every refusal. */
function rolesThatRead(type: VisibleType, field?: string): string {
  const rule = ruleOf(type);
  const fieldRule = field ? rule.fields?.[field] : undefined;
  if (fieldRule) return [fieldRule.roles.join(', '), fieldRule.owner ? 'the owner' : null].filter(Boolean).join(', or ');
  return [rule.every.join(', '), rule.own ? `${rule.own.roles.join(', ')} for ${rule.own.means}` : null].filter(Boolean).join('; ');
}

/** The refusal of a row (or of one field of it): FORBIDDEN, naming the type, the field and who may. */
export function readRefusal(type: VisibleType, field?: string): ForbiddenError {
  const what = field ? `Reading ${type}.${field}` : `Reading ${ruleOf(type).noun}`;
  return new ForbiddenError(`${what} requires one of the roles ${rolesThatRead(type, field)}`, {
    type,
    ...(field ? { field } : {}),
  });
}

/** What a README cell says a role reads: every row (field), only their own, or nothing. */
export const CELL = { every: 'all', own: 'own', none: '—' } as const;

/**
 * The README's "Who may read what" table, from VISIBILITY: one row per type and one per held-back
 * field (`Type.field`), one column per role; then what "own" means per type.
 */
export function renderVisibilityTable(): string {
  const identityOf = (role: Role): Identity => ({ userId: 'u', tenantId: 't', roles: [role], sessionId: null });
  const rows: string[][] = [];
  for (const [type, rule] of Object.entries(VISIBILITY) as [VisibleType, TypeVisibility][]) {
    rows.push([
      `\`${type}\``,
      ...ROLES.map((role) => {
        const reach = reachOf(identityOf(role), type);
        const listed = listReachOf(identityOf(role), type);
        return listed === reach ? CELL[reach] : `${CELL[reach]}, lists ${CELL[listed]}`;
      }),
    ]);
    for (const [field, fieldRule] of Object.entries(rule.fields ?? {})) {
      rows.push([
        `\`${type}.${field}\``,
        ...ROLES.map((role) => (fieldRule.roles.includes(role) ? CELL.every : fieldRule.owner ? CELL.own : CELL.none)),
      ]);
    }
  }
  const header = ['type or field', ...ROLES];
  const widths = header.map((title, column) => Math.max(title.length, 3, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  const owns = (Object.entries(VISIBILITY) as [VisibleType, TypeVisibility][])
    .filter(([, rule]) => rule.own)
    .map(([type, rule]) => `- \`${type}\`, own: ${rule.own!.means}.`)
    .concat(
      (Object.entries(VISIBILITY) as [VisibleType, TypeVisibility][])
        .filter(([, rule]) => rule.lists)
        .map(([type]) => `- \`${type}\`, lists own: the role's lists of ${VISIBILITY[type].noun} hold only their own row.`),
    );
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line), '', ...owns].join('\n');
}
