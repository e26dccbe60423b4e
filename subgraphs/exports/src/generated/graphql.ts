import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type {
  Export as ExportRow,
  ExporterProfile as ExporterProfileRow,
  ExportLicense as ExportLicenseRow,
  ExportGoodsLine as ExportGoodsLineRow,
  ExportApproval as ExportApprovalRow,
  ExportStatusChange as ExportStatusChangeRow,
  ExportDocument as ExportDocumentRow,
} from './prisma/client.ts';
import type { StageRule as StageRuleRow } from '../approvals/stages.ts';
import type { EntityReference as EntityReferenceRow, Connection as ConnectionRow } from '@fed/service-kit';
import type { ExportsContext } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string };
  String: { input: string; output: string };
  Boolean: { input: boolean; output: boolean };
  Int: { input: number; output: number };
  Float: { input: number; output: number };
  /** An ISO-8601 instant in UTC, e.g. 2026-01-31T12:00:00.000Z. */
  DateTime: { input: Date; output: Date | string };
  /** An exact decimal number serialised as a string, e.g. "12.50". */
  Decimal: { input: string; output: string | { toFixed(): string } };
  /** Arbitrary JSON. */
  JSON: { input: unknown; output: unknown };
  _FieldSet: { input: unknown; output: unknown };
};

export type AttachExportDocumentInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  exportId: Scalars['ID']['input'];
  fileName: Scalars['String']['input'];
  /** e.g. application/pdf */
  mediaType: Scalars['String']['input'];
  /** 64 hex characters. */
  sha256: Scalars['String']['input'];
  sizeBytes: Scalars['Int']['input'];
  /** s3://, gs://, az:// or https:// location of the content. */
  storageUri: Scalars['String']['input'];
  type: ExportDocumentType;
};

/**
 * Who may share a cached response: PUBLIC means every caller of the same tenant (the gateway always
 * keys cached responses by tenant), PRIVATE means only the same user.
 */
export type CacheControlScope = 'PRIVATE' | 'PUBLIC';

export type CreateExportInput = {
  buyer: ExportBuyerInput;
  currency: Scalars['String']['input'];
  /** Must equal the sum of the goods lines' values. */
  declaredValue: Scalars['Decimal']['input'];
  destinationCountry: Scalars['String']['input'];
  /** 1 to 100 lines. */
  goods: Array<ExportGoodsLineInput>;
  /** Incoterms 2020: EXW, FCA, CPT, CIP, DAP, DPU, DDP, FAS, FOB, CFR, CIF. */
  incoterm: Scalars['String']['input'];
  /** One of the exporter's licenses. */
  licenseId: Scalars['ID']['input'];
  /** The Manifest (shipping) they travel under. */
  manifestId?: InputMaybe<Scalars['ID']['input']>;
  /** The Order (catalog) the goods come from. */
  orderId?: InputMaybe<Scalars['ID']['input']>;
};

export type DecideExportStageInput = {
  conditions?: InputMaybe<Array<Scalars['String']['input']>>;
  decision: ExportDecision;
  exportId: Scalars['ID']['input'];
  /** Required to reject. */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Must be the export's pending stage. */
  stage: ExportApprovalStage;
};

/**
 * An export request: goods of an order, shipped under a manifest, sold to a foreign buyer, under an
 * export license. DRAFT -> SUBMITTED -> IN_REVIEW -> APPROVED -> COMPLETED through five agency
 * stages, or REJECTED by a stage, or CANCELLED by the exporter.
 */
export type Export = {
  __typename?: 'Export';
  /** Decisions so far, in stage order. */
  approvals: Array<ExportApproval>;
  buyerContact?: Maybe<Scalars['String']['output']>;
  /** ISO 3166-1 alpha-2. */
  buyerCountry: Scalars['String']['output'];
  buyerName: Scalars['String']['output'];
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** ISO 4217. */
  currency: Scalars['String']['output'];
  /** The stage waiting for a decision; null unless SUBMITTED, IN_REVIEW or APPROVED. */
  currentStage?: Maybe<ExportApprovalStage>;
  declaredValue: Scalars['Decimal']['output'];
  /** ISO 3166-1 alpha-2. */
  destinationCountry: Scalars['String']['output'];
  /** Attached documents, oldest first; optionally of one type. */
  documents: Array<ExportDocument>;
  exporter: ExporterProfile;
  /** Declared goods, in line order; the license's HS-code prefixes and quota are checked against them. */
  goods: Array<ExportGoodsLine>;
  /** Every status change, oldest first. Never changed or deleted. */
  history: Array<ExportStatusChange>;
  id: Scalars['ID']['output'];
  /** Incoterms 2020 rule, e.g. FOB. */
  incoterm: Scalars['String']['output'];
  /** The license the export is made under. */
  license?: Maybe<ExportLicense>;
  manifest?: Maybe<Manifest>;
  /** Documents the pending stage still needs before it can be approved. */
  missingDocuments: Array<ExportDocumentType>;
  order?: Maybe<Order>;
  /** What submission counted against the license's annual quota (value or kg). */
  quotaAmount?: Maybe<Scalars['Decimal']['output']>;
  /** The calendar year whose quota the export uses. */
  quotaYear?: Maybe<Scalars['Int']['output']>;
  reference: Scalars['String']['output'];
  requestedBy?: Maybe<User>;
  /** When the current stage started waiting. */
  stageEnteredAt?: Maybe<Scalars['DateTime']['output']>;
  status: ExportStatus;
  submittedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Sum of the goods lines' weights, in kg. */
  totalWeightKg: Scalars['Decimal']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

/**
 * An export request: goods of an order, shipped under a manifest, sold to a foreign buyer, under an
 * export license. DRAFT -> SUBMITTED -> IN_REVIEW -> APPROVED -> COMPLETED through five agency
 * stages, or REJECTED by a stage, or CANCELLED by the exporter.
 */
export type ExportDocumentsArgs = {
  type?: InputMaybe<ExportDocumentType>;
};

/** One agency decision on one stage of an export. Decisions are never changed or deleted. */
export type ExportApproval = {
  __typename?: 'ExportApproval';
  /** Conditions attached to an approval, e.g. 'ship before 2026-12-31'. */
  conditions: Array<Scalars['String']['output']>;
  decidedAt: Scalars['DateTime']['output'];
  decidedBy?: Maybe<User>;
  decision: ExportDecision;
  export: Export;
  id: Scalars['ID']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  stage: ExportApprovalStage;
};

/** The agency stages every export passes, in this order. */
export type ExportApprovalStage =
  /** Customs clearance, by a CUSTOMS_OFFICER. */
  | 'CUSTOMS_CLEARANCE'
  /** Completion (proceeds repatriated), by a BANK_OFFICER. */
  | 'EXPORT_COMPLETION'
  /** Foreign-exchange approval, by an FX_OFFICER. */
  | 'FX_APPROVAL'
  /** Quality certification, by a QUALITY_OFFICER. */
  | 'QUALITY_CERTIFICATION'
  /** Shipment scheduling, by a SHIPPING_OFFICER. */
  | 'SHIPMENT_SCHEDULING';

/**
 * How a stage is decided: its place in the chain, who decides it, what it needs. The chain is fixed in
 * code (it changes only with a release); cache hint 3600 s.
 */
export type ExportApprovalStageRule = {
  __typename?: 'ExportApprovalStageRule';
  /** 1 to 5. */
  position: Scalars['Int']['output'];
  /** Documents that must be attached before the stage can be approved. */
  requiredDocuments: Array<ExportDocumentType>;
  /** The role that decides this stage. */
  role: Scalars['String']['output'];
  stage: ExportApprovalStage;
  /** The export's status once this stage is approved. */
  statusOnApproval: ExportStatus;
  /** The export's status while this stage is pending. */
  statusWhilePending: ExportStatus;
};

export type ExportBuyerInput = {
  contact?: InputMaybe<Scalars['String']['input']>;
  /** ISO 3166-1 alpha-2. */
  country: Scalars['String']['input'];
  name: Scalars['String']['input'];
};

export type ExportConnection = {
  __typename?: 'ExportConnection';
  edges: Array<ExportEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ExportDecision =
  | 'APPROVED'
  /** Ends the export (status REJECTED); needs a reason. */
  | 'REJECTED';

/**
 * A document attached to an export. The content lives in object storage; the graph keeps its
 * SHA-256, size and media type so anyone can check a download against it. Never changed or deleted:
 * a correction is a new document.
 */
export type ExportDocument = {
  __typename?: 'ExportDocument';
  description?: Maybe<Scalars['String']['output']>;
  fileName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  mediaType: Scalars['String']['output'];
  /** Hex-encoded SHA-256 of the content. */
  sha256: Scalars['String']['output'];
  sizeBytes: Scalars['Int']['output'];
  storageUri: Scalars['String']['output'];
  type: ExportDocumentType;
  uploadedAt: Scalars['DateTime']['output'];
  uploadedBy?: Maybe<User>;
};

export type ExportDocumentType =
  | 'BILL_OF_LADING'
  | 'CERTIFICATE_OF_ORIGIN'
  | 'CUSTOMS_DECLARATION'
  | 'EXPORT_LICENSE'
  | 'INVOICE'
  | 'OTHER'
  | 'PACKING_LIST'
  | 'QUALITY_CERTIFICATE'
  | 'SALES_CONTRACT';

export type ExportEdge = {
  __typename?: 'ExportEdge';
  cursor: Scalars['String']['output'];
  node: Export;
};

export type ExportGoodsLine = {
  __typename?: 'ExportGoodsLine';
  description: Scalars['String']['output'];
  /** e.g. 0901.11 */
  hsCode: Scalars['String']['output'];
  lineNo: Scalars['Int']['output'];
  quantity: Scalars['Int']['output'];
  value: Scalars['Decimal']['output'];
  weightKg: Scalars['Decimal']['output'];
};

export type ExportGoodsLineInput = {
  description: Scalars['String']['input'];
  /** 6 to 10 digits, optionally dotted: 0901.11, 0901.11.00. */
  hsCode: Scalars['String']['input'];
  quantity: Scalars['Int']['input'];
  value: Scalars['Decimal']['input'];
  weightKg: Scalars['Decimal']['input'];
};

/**
 * An export license: which goods (HS-code prefixes) may go to which countries, how much per calendar
 * year (UTC), and when. Submitting an export checks it against its license.
 */
export type ExportLicense = {
  __typename?: 'ExportLicense';
  annualQuota: Scalars['Decimal']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** ISO 3166-1 alpha-2 codes. */
  destinationCountries: Array<Scalars['String']['output']>;
  exporter: ExporterProfile;
  /** Digits only; a goods line is covered when its HS code (without dots) starts with one of them. */
  hsCodePrefixes: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  issuingAuthority: Scalars['String']['output'];
  number: Scalars['String']['output'];
  /** Set for VALUE quotas: exports in another currency cannot use this license. */
  quotaCurrency?: Maybe<Scalars['String']['output']>;
  /** annualQuota minus quotaUsed for `year`. */
  quotaRemaining: Scalars['Decimal']['output'];
  quotaUnit: ExportQuotaUnit;
  /** Quota taken in `year` (default: the current year) by submitted, in-review, approved and completed exports. */
  quotaUsed: Scalars['Decimal']['output'];
  status: ExportLicenseStatus;
  statusReason?: Maybe<Scalars['String']['output']>;
  validFrom: Scalars['DateTime']['output'];
  validUntil: Scalars['DateTime']['output'];
};

/**
 * An export license: which goods (HS-code prefixes) may go to which countries, how much per calendar
 * year (UTC), and when. Submitting an export checks it against its license.
 */
export type ExportLicenseQuotaRemainingArgs = {
  year?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * An export license: which goods (HS-code prefixes) may go to which countries, how much per calendar
 * year (UTC), and when. Submitting an export checks it against its license.
 */
export type ExportLicenseQuotaUsedArgs = {
  year?: InputMaybe<Scalars['Int']['input']>;
};

export type ExportLicenseStatus = 'ACTIVE' | 'REVOKED' | 'SUSPENDED';

/** What a license's annual quota counts. */
export type ExportQuotaUnit =
  /** Declared value, in the license's quota currency. */
  | 'VALUE'
  /** Declared goods weight, in kilograms. */
  | 'WEIGHT';

export type ExportStatus =
  /** Cleared by customs; waiting for EXPORT_COMPLETION. */
  | 'APPROVED'
  | 'CANCELLED'
  | 'COMPLETED'
  | 'DRAFT'
  /** Between quality certification and customs clearance. */
  | 'IN_REVIEW'
  | 'REJECTED'
  /** Waiting for FX_APPROVAL. */
  | 'SUBMITTED';

/** One status change of an export. */
export type ExportStatusChange = {
  __typename?: 'ExportStatusChange';
  actor?: Maybe<User>;
  at: Scalars['DateTime']['output'];
  /** Null for the change that created the export. */
  from?: Maybe<ExportStatus>;
  reason?: Maybe<Scalars['String']['output']>;
  /** 1 for the change that created the export, then 2, 3, ... */
  sequence: Scalars['Int']['output'];
  to: ExportStatus;
};

/** A tenant's registration as an exporter. Only an ACTIVE exporter can submit export requests. */
export type ExporterProfile = {
  __typename?: 'ExporterProfile';
  address?: Maybe<Scalars['String']['output']>;
  capitalCurrency?: Maybe<Scalars['String']['output']>;
  /** True once a bank officer has verified the paid-up capital. */
  capitalVerified: Scalars['Boolean']['output'];
  capitalVerifiedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The bank officer who verified the capital. */
  capitalVerifiedBy?: Maybe<User>;
  contactEmail?: Maybe<Scalars['String']['output']>;
  contactPhone?: Maybe<Scalars['String']['output']>;
  /** ISO 3166-1 alpha-2 country of registration. */
  country: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  legalName: Scalars['String']['output'];
  /** Licenses issued to this exporter, newest first. */
  licenses: Array<ExportLicense>;
  paidUpCapital?: Maybe<Scalars['Decimal']['output']>;
  registrationNo: Scalars['String']['output'];
  status: ExporterStatus;
  /** Why the profile was last suspended or reactivated. */
  statusReason?: Maybe<Scalars['String']['output']>;
  taxId?: Maybe<Scalars['String']['output']>;
  tradeName?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};

export type ExporterStatus = 'ACTIVE' | 'PENDING' | 'SUSPENDED';

export type IssueExportLicenseInput = {
  annualQuota: Scalars['Decimal']['input'];
  destinationCountries: Array<Scalars['String']['input']>;
  /** HS-code prefixes of 2 to 10 digits; dots are ignored (09.01 = 0901). */
  hsCodePrefixes: Array<Scalars['String']['input']>;
  issuingAuthority: Scalars['String']['input'];
  number: Scalars['String']['input'];
  /** Required for VALUE quotas, not allowed for WEIGHT quotas. */
  quotaCurrency?: InputMaybe<Scalars['String']['input']>;
  quotaUnit: ExportQuotaUnit;
  validFrom: Scalars['DateTime']['input'];
  validUntil: Scalars['DateTime']['input'];
};

/** Shipping owns Manifest; exports contributes the export request that uses it. */
export type Manifest = {
  __typename?: 'Manifest';
  export?: Maybe<Export>;
  id: Scalars['ID']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Attaches a document to an export that is still open. Exporter staff (EXPORTER, MANAGER, ADMIN) and agency officers. */
  attachExportDocument: ExportDocument;
  /** Cancels an export that is not yet approved; frees its quota. EXPORTER, MANAGER or ADMIN. */
  cancelExport: Export;
  /** Suspends, revokes or reactivates a license; a reason is required except to reactivate. ADMIN. REVOKED is final. */
  changeExportLicenseStatus: ExportLicense;
  /**
   * ADMIN. PENDING -> ACTIVE needs verified capital; PENDING or ACTIVE -> SUSPENDED needs a reason;
   * SUSPENDED -> ACTIVE reactivates. Nothing returns to PENDING.
   */
  changeExporterStatus: ExporterProfile;
  /** Creates a DRAFT export request for the caller's tenant's exporter. EXPORTER, MANAGER or ADMIN. */
  createExport: Export;
  /**
   * Approves or rejects the export's pending stage. Only the stage's role may decide it, only once,
   * and only after the previous stage was approved; approving needs the stage's documents; rejecting
   * needs a reason and ends the export.
   */
  decideExportStage: ExportApproval;
  /** Records a license issued to the caller's tenant's exporter. ADMIN. */
  issueExportLicense: ExportLicense;
  /** Registers the caller's tenant as an exporter, PENDING until activated. ADMIN, MANAGER or EXPORTER; one profile per tenant. */
  registerExporterProfile: ExporterProfile;
  /**
   * DRAFT -> SUBMITTED, after checking that the exporter is ACTIVE, that the license is active and
   * valid today, covers the destination and every goods line, and that its remaining annual quota
   * covers the export. The error names the rule that failed (extensions.rule). Starts FX_APPROVAL.
   */
  submitExport: Export;
  /** Records the verified paid-up capital of the caller's tenant's exporter. BANK_OFFICER. */
  verifyExporterCapital: ExporterProfile;
};

export type MutationAttachExportDocumentArgs = {
  input: AttachExportDocumentInput;
};

export type MutationCancelExportArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};

export type MutationChangeExportLicenseStatusArgs = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
  status: ExportLicenseStatus;
};

export type MutationChangeExporterStatusArgs = {
  reason?: InputMaybe<Scalars['String']['input']>;
  status: ExporterStatus;
};

export type MutationCreateExportArgs = {
  input: CreateExportInput;
};

export type MutationDecideExportStageArgs = {
  input: DecideExportStageInput;
};

export type MutationIssueExportLicenseArgs = {
  input: IssueExportLicenseInput;
};

export type MutationRegisterExporterProfileArgs = {
  input: RegisterExporterProfileInput;
};

export type MutationSubmitExportArgs = {
  id: Scalars['ID']['input'];
};

export type MutationVerifyExporterCapitalArgs = {
  input: VerifyExporterCapitalInput;
};

/** The catalog owns Order; exports contributes the export request made for it. */
export type Order = {
  __typename?: 'Order';
  export?: Maybe<Export>;
  id: Scalars['ID']['output'];
};

/** Relay-style pagination state. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as `after` to fetch the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  export?: Maybe<Export>;
  /** The approval chain: the five stages in order, with the role and documents each needs. */
  exportApprovalStages: Array<ExportApprovalStageRule>;
  exportLicense?: Maybe<ExportLicense>;
  /** The caller's tenant's export licenses, newest first. */
  exportLicenses: Array<ExportLicense>;
  /** The caller's tenant's exporter profile. */
  exporterProfile?: Maybe<ExporterProfile>;
  exports: ExportConnection;
  /** Exports waiting at `stage`, longest waiting first. Requires the stage's role (or ADMIN, to look); anyone else: null and FORBIDDEN. */
  pendingApprovals?: Maybe<ExportConnection>;
};

export type QueryExportArgs = {
  id: Scalars['ID']['input'];
};

export type QueryExportLicenseArgs = {
  id: Scalars['ID']['input'];
};

export type QueryExportLicensesArgs = {
  status?: InputMaybe<ExportLicenseStatus>;
};

export type QueryExportsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<ExportStatus>;
};

export type QueryPendingApprovalsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  stage: ExportApprovalStage;
};

export type RegisterExporterProfileInput = {
  address?: InputMaybe<Scalars['String']['input']>;
  contactEmail?: InputMaybe<Scalars['String']['input']>;
  contactPhone?: InputMaybe<Scalars['String']['input']>;
  /** ISO 3166-1 alpha-2, e.g. ET. */
  country: Scalars['String']['input'];
  legalName: Scalars['String']['input'];
  registrationNo: Scalars['String']['input'];
  taxId?: InputMaybe<Scalars['String']['input']>;
  tradeName?: InputMaybe<Scalars['String']['input']>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * An officer's queue at one stage, longest waiting first, again each time an export enters or leaves
   * it. Needs the stage's officer role (or ADMIN), like pendingApprovals(stage:).
   */
  approvalQueueChanged: ExportConnection;
  /** The export request again each time it changes (submitted, a stage decided, cancelled, a document attached), fed by the event stream. */
  exportUpdated: Export;
};

export type SubscriptionApprovalQueueChangedArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  stage: ExportApprovalStage;
};

export type SubscriptionExportUpdatedArgs = {
  id: Scalars['ID']['input'];
};

/** Users are owned by the users subgraph; exports adds what an agency officer has to decide. */
export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
  /**
   * For an agency officer asking about themself: exports waiting at a stage one of their roles
   * decides, longest waiting first. Empty for anyone else.
   */
  pendingApprovals: ExportConnection;
};

/** Users are owned by the users subgraph; exports adds what an agency officer has to decide. */
export type UserPendingApprovalsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type VerifyExporterCapitalInput = {
  /** ISO 4217, e.g. USD. */
  currency: Scalars['String']['input'];
  paidUpCapital: Scalars['Decimal']['input'];
};

export type ResolverTypeWrapper<T> = Promise<T> | T | (() => Promise<T>);

export type ReferenceResolver<TResult, TReference, TContext> = (
  reference: TReference,
  context: TContext,
  info: GraphQLResolveInfo,
) => Promise<TResult> | TResult;

type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<
  TResult,
  TParent = Record<PropertyKey, never>,
  TContext = Record<PropertyKey, never>,
  TArgs = Record<PropertyKey, never>,
> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs> | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<
  TResult,
  TKey extends string,
  TParent = Record<PropertyKey, never>,
  TContext = Record<PropertyKey, never>,
  TArgs = Record<PropertyKey, never>,
> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo,
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  obj: T,
  context: TContext,
  info: GraphQLResolveInfo,
) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<
  TResult = Record<PropertyKey, never>,
  TParent = Record<PropertyKey, never>,
  TContext = Record<PropertyKey, never>,
  TArgs = Record<PropertyKey, never>,
> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Export: Export;
  Manifest: Manifest;
  Order: Order;
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Export: { __typename: 'Export' } & GraphQLRecursivePick<FederationTypes['Export'], { id: true }>;
  Manifest: { __typename: 'Manifest' } & GraphQLRecursivePick<FederationTypes['Manifest'], { id: true }>;
  Order: { __typename: 'Order' } & GraphQLRecursivePick<FederationTypes['Order'], { id: true }>;
  User: { __typename: 'User' } & GraphQLRecursivePick<FederationTypes['User'], { id: true }>;
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AttachExportDocumentInput: AttachExportDocumentInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CacheControlScope: CacheControlScope;
  CreateExportInput: CreateExportInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DecideExportStageInput: DecideExportStageInput;
  Decimal: ResolverTypeWrapper<Scalars['Decimal']['output']>;
  Export: ResolverTypeWrapper<ExportRow>;
  ExportApproval: ResolverTypeWrapper<ExportApprovalRow>;
  ExportApprovalStage: ExportApprovalStage;
  ExportApprovalStageRule: ResolverTypeWrapper<StageRuleRow>;
  ExportBuyerInput: ExportBuyerInput;
  ExportConnection: ResolverTypeWrapper<ConnectionRow<ExportRow>>;
  ExportDecision: ExportDecision;
  ExportDocument: ResolverTypeWrapper<ExportDocumentRow>;
  ExportDocumentType: ExportDocumentType;
  ExportEdge: ResolverTypeWrapper<Omit<ExportEdge, 'node'> & { node: ResolversTypes['Export'] }>;
  ExportGoodsLine: ResolverTypeWrapper<ExportGoodsLineRow>;
  ExportGoodsLineInput: ExportGoodsLineInput;
  ExportLicense: ResolverTypeWrapper<ExportLicenseRow>;
  ExportLicenseStatus: ExportLicenseStatus;
  ExportQuotaUnit: ExportQuotaUnit;
  ExportStatus: ExportStatus;
  ExportStatusChange: ResolverTypeWrapper<ExportStatusChangeRow>;
  ExporterProfile: ResolverTypeWrapper<ExporterProfileRow>;
  ExporterStatus: ExporterStatus;
  IssueExportLicenseInput: IssueExportLicenseInput;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Manifest: ResolverTypeWrapper<EntityReferenceRow>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Order: ResolverTypeWrapper<EntityReferenceRow>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RegisterExporterProfileInput: RegisterExporterProfileInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  User: ResolverTypeWrapper<EntityReferenceRow>;
  VerifyExporterCapitalInput: VerifyExporterCapitalInput;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AttachExportDocumentInput: AttachExportDocumentInput;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  CreateExportInput: CreateExportInput;
  DateTime: Scalars['DateTime']['output'];
  DecideExportStageInput: DecideExportStageInput;
  Decimal: Scalars['Decimal']['output'];
  Export: ExportRow;
  ExportApproval: ExportApprovalRow;
  ExportApprovalStageRule: StageRuleRow;
  ExportBuyerInput: ExportBuyerInput;
  ExportConnection: ConnectionRow<ExportRow>;
  ExportDocument: ExportDocumentRow;
  ExportEdge: Omit<ExportEdge, 'node'> & { node: ResolversParentTypes['Export'] };
  ExportGoodsLine: ExportGoodsLineRow;
  ExportGoodsLineInput: ExportGoodsLineInput;
  ExportLicense: ExportLicenseRow;
  ExportStatusChange: ExportStatusChangeRow;
  ExporterProfile: ExporterProfileRow;
  IssueExportLicenseInput: IssueExportLicenseInput;
  JSON: Scalars['JSON']['output'];
  Manifest: EntityReferenceRow;
  Mutation: Record<PropertyKey, never>;
  Order: EntityReferenceRow;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  RegisterExporterProfileInput: RegisterExporterProfileInput;
  Subscription: Record<PropertyKey, never>;
  User: EntityReferenceRow;
  VerifyExporterCapitalInput: VerifyExporterCapitalInput;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
};

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<
  Result,
  Parent,
  ContextType = ExportsContext,
  Args = CacheControlDirectiveArgs,
> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface DecimalScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Decimal'], any> {
  name: 'Decimal';
}

export type ExportResolvers<
  ContextType = ExportsContext,
  ParentType extends ResolversParentTypes['Export'] = ResolversParentTypes['Export'],
  FederationReferenceType extends FederationReferenceTypes['Export'] = FederationReferenceTypes['Export'],
> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Export']> | FederationReferenceType, FederationReferenceType, ContextType>;
  approvals?: Resolver<Array<ResolversTypes['ExportApproval']>, ParentType, ContextType>;
  buyerContact?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  buyerCountry?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  buyerName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  completedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  currentStage?: Resolver<Maybe<ResolversTypes['ExportApprovalStage']>, ParentType, ContextType>;
  declaredValue?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  destinationCountry?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  documents?: Resolver<Array<ResolversTypes['ExportDocument']>, ParentType, ContextType, Partial<ExportDocumentsArgs>>;
  exporter?: Resolver<ResolversTypes['ExporterProfile'], ParentType, ContextType>;
  goods?: Resolver<Array<ResolversTypes['ExportGoodsLine']>, ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['ExportStatusChange']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  incoterm?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  license?: Resolver<Maybe<ResolversTypes['ExportLicense']>, ParentType, ContextType>;
  manifest?: Resolver<Maybe<ResolversTypes['Manifest']>, ParentType, ContextType>;
  missingDocuments?: Resolver<Array<ResolversTypes['ExportDocumentType']>, ParentType, ContextType>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType>;
  quotaAmount?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  quotaYear?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  reference?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requestedBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  stageEnteredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ExportStatus'], ParentType, ContextType>;
  submittedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  totalWeightKg?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ExportApprovalResolvers<
  ContextType = ExportsContext,
  ParentType extends ResolversParentTypes['ExportApproval'] = ResolversParentTypes['ExportApproval'],
> = {
  conditions?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  decidedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  decidedBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  decision?: Resolver<ResolversTypes['ExportDecision'], ParentType, ContextType>;
  export?: Resolver<ResolversTypes['Export'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  stage?: Resolver<ResolversTypes['ExportApprovalStage'], ParentType, ContextType>;
};

export type ExportApprovalStageRuleResolvers<
  ContextType = ExportsContext,
  ParentType extends ResolversParentTypes['ExportApprovalStageRule'] = ResolversParentTypes['ExportApprovalStageRule'],
> = {
  position?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  requiredDocuments?: Resolver<Array<ResolversTypes['ExportDocumentType']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stage?: Resolver<ResolversTypes['ExportApprovalStage'], ParentType, ContextType>;
  statusOnApproval?: Resolver<ResolversTypes['ExportStatus'], ParentType, ContextType>;
  statusWhilePending?: Resolver<ResolversTypes['ExportStatus'], ParentType, ContextType>;
};

export type ExportConnectionResolvers<
  ContextType = ExportsContext,
  ParentType extends ResolversParentTypes['ExportConnection'] = ResolversParentTypes['ExportConnection'],
> = {
  edges?: Resolver<Array<ResolversTypes['ExportEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ExportDocumentResolvers<
  ContextType = ExportsContext,
  ParentType extends ResolversParentTypes['ExportDocument'] = ResolversParentTypes['ExportDocument'],
> = {
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fileName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  mediaType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sizeBytes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  storageUri?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['ExportDocumentType'], ParentType, ContextType>;
  uploadedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  uploadedBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
};

export type ExportEdgeResolvers<
  ContextType = ExportsContext,
  ParentType extends ResolversParentTypes['ExportEdge'] = ResolversParentTypes['ExportEdge'],
> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Export'], ParentType, ContextType>;
};

export type ExportGoodsLineResolvers<
  ContextType = ExportsContext,
  ParentType extends ResolversParentTypes['ExportGoodsLine'] = ResolversParentTypes['ExportGoodsLine'],
> = {
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  hsCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lineNo?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  weightKg?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export type ExportLicenseResolvers<
  ContextType = ExportsContext,
  ParentType extends ResolversParentTypes['ExportLicense'] = ResolversParentTypes['ExportLicense'],
> = {
  annualQuota?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  destinationCountries?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  exporter?: Resolver<ResolversTypes['ExporterProfile'], ParentType, ContextType>;
  hsCodePrefixes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  issuingAuthority?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  number?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quotaCurrency?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  quotaRemaining?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType, Partial<ExportLicenseQuotaRemainingArgs>>;
  quotaUnit?: Resolver<ResolversTypes['ExportQuotaUnit'], ParentType, ContextType>;
  quotaUsed?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType, Partial<ExportLicenseQuotaUsedArgs>>;
  status?: Resolver<ResolversTypes['ExportLicenseStatus'], ParentType, ContextType>;
  statusReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  validFrom?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  validUntil?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ExportStatusChangeResolvers<
  ContextType = ExportsContext,
  ParentType extends ResolversParentTypes['ExportStatusChange'] = ResolversParentTypes['ExportStatusChange'],
> = {
  actor?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['ExportStatus']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['ExportStatus'], ParentType, ContextType>;
};

export type ExporterProfileResolvers<
  ContextType = ExportsContext,
  ParentType extends ResolversParentTypes['ExporterProfile'] = ResolversParentTypes['ExporterProfile'],
> = {
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  capitalCurrency?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  capitalVerified?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  capitalVerifiedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  capitalVerifiedBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  contactEmail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  contactPhone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  country?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  legalName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  licenses?: Resolver<Array<ResolversTypes['ExportLicense']>, ParentType, ContextType>;
  paidUpCapital?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  registrationNo?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ExporterStatus'], ParentType, ContextType>;
  statusReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  taxId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  tradeName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type ManifestResolvers<
  ContextType = ExportsContext,
  ParentType extends ResolversParentTypes['Manifest'] = ResolversParentTypes['Manifest'],
  FederationReferenceType extends FederationReferenceTypes['Manifest'] = FederationReferenceTypes['Manifest'],
> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Manifest']> | FederationReferenceType, FederationReferenceType, ContextType>;
  export?: Resolver<Maybe<ResolversTypes['Export']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type MutationResolvers<
  ContextType = ExportsContext,
  ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation'],
> = {
  attachExportDocument?: Resolver<
    ResolversTypes['ExportDocument'],
    ParentType,
    ContextType,
    RequireFields<MutationAttachExportDocumentArgs, 'input'>
  >;
  cancelExport?: Resolver<ResolversTypes['Export'], ParentType, ContextType, RequireFields<MutationCancelExportArgs, 'id' | 'reason'>>;
  changeExportLicenseStatus?: Resolver<
    ResolversTypes['ExportLicense'],
    ParentType,
    ContextType,
    RequireFields<MutationChangeExportLicenseStatusArgs, 'id' | 'status'>
  >;
  changeExporterStatus?: Resolver<
    ResolversTypes['ExporterProfile'],
    ParentType,
    ContextType,
    RequireFields<MutationChangeExporterStatusArgs, 'status'>
  >;
  createExport?: Resolver<ResolversTypes['Export'], ParentType, ContextType, RequireFields<MutationCreateExportArgs, 'input'>>;
  decideExportStage?: Resolver<
    ResolversTypes['ExportApproval'],
    ParentType,
    ContextType,
    RequireFields<MutationDecideExportStageArgs, 'input'>
  >;
  issueExportLicense?: Resolver<
    ResolversTypes['ExportLicense'],
    ParentType,
    ContextType,
    RequireFields<MutationIssueExportLicenseArgs, 'input'>
  >;
  registerExporterProfile?: Resolver<
    ResolversTypes['ExporterProfile'],
    ParentType,
    ContextType,
    RequireFields<MutationRegisterExporterProfileArgs, 'input'>
  >;
  submitExport?: Resolver<ResolversTypes['Export'], ParentType, ContextType, RequireFields<MutationSubmitExportArgs, 'id'>>;
  verifyExporterCapital?: Resolver<
    ResolversTypes['ExporterProfile'],
    ParentType,
    ContextType,
    RequireFields<MutationVerifyExporterCapitalArgs, 'input'>
  >;
};

export type OrderResolvers<
  ContextType = ExportsContext,
  ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'],
  FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order'],
> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  export?: Resolver<Maybe<ResolversTypes['Export']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type PageInfoResolvers<
  ContextType = ExportsContext,
  ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo'],
> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<
  ContextType = ExportsContext,
  ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query'],
> = {
  export?: Resolver<Maybe<ResolversTypes['Export']>, ParentType, ContextType, RequireFields<QueryExportArgs, 'id'>>;
  exportApprovalStages?: Resolver<Array<ResolversTypes['ExportApprovalStageRule']>, ParentType, ContextType>;
  exportLicense?: Resolver<Maybe<ResolversTypes['ExportLicense']>, ParentType, ContextType, RequireFields<QueryExportLicenseArgs, 'id'>>;
  exportLicenses?: Resolver<Array<ResolversTypes['ExportLicense']>, ParentType, ContextType, Partial<QueryExportLicensesArgs>>;
  exporterProfile?: Resolver<Maybe<ResolversTypes['ExporterProfile']>, ParentType, ContextType>;
  exports?: Resolver<ResolversTypes['ExportConnection'], ParentType, ContextType, RequireFields<QueryExportsArgs, 'first'>>;
  pendingApprovals?: Resolver<
    Maybe<ResolversTypes['ExportConnection']>,
    ParentType,
    ContextType,
    RequireFields<QueryPendingApprovalsArgs, 'first' | 'stage'>
  >;
};

export type SubscriptionResolvers<
  ContextType = ExportsContext,
  ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription'],
> = {
  approvalQueueChanged?: SubscriptionResolver<
    ResolversTypes['ExportConnection'],
    'approvalQueueChanged',
    ParentType,
    ContextType,
    RequireFields<SubscriptionApprovalQueueChangedArgs, 'first' | 'stage'>
  >;
  exportUpdated?: SubscriptionResolver<
    ResolversTypes['Export'],
    'exportUpdated',
    ParentType,
    ContextType,
    RequireFields<SubscriptionExportUpdatedArgs, 'id'>
  >;
};

export type UserResolvers<
  ContextType = ExportsContext,
  ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'],
  FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User'],
> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  pendingApprovals?: Resolver<
    ResolversTypes['ExportConnection'],
    ParentType,
    ContextType,
    RequireFields<UserPendingApprovalsArgs, 'first'>
  >;
};

export type Resolvers<ContextType = ExportsContext> = {
  DateTime?: GraphQLScalarType;
  Decimal?: GraphQLScalarType;
  Export?: ExportResolvers<ContextType>;
  ExportApproval?: ExportApprovalResolvers<ContextType>;
  ExportApprovalStageRule?: ExportApprovalStageRuleResolvers<ContextType>;
  ExportConnection?: ExportConnectionResolvers<ContextType>;
  ExportDocument?: ExportDocumentResolvers<ContextType>;
  ExportEdge?: ExportEdgeResolvers<ContextType>;
  ExportGoodsLine?: ExportGoodsLineResolvers<ContextType>;
  ExportLicense?: ExportLicenseResolvers<ContextType>;
  ExportStatusChange?: ExportStatusChangeResolvers<ContextType>;
  ExporterProfile?: ExporterProfileResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Manifest?: ManifestResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = ExportsContext> = {
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
};
