import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { AuditEvent as AuditEventRow } from './prisma/client.ts';
import type { Connection as ConnectionRow, EntityReference as EntityReferenceRow } from '@fed/service-kit';
import type { AuditContext } from '../context.ts';
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

export type AuditChainVerification = {
  __typename?: 'AuditChainVerification';
  /** Events checked before the first broken link (all of them when the chain is valid). */
  checkedCount: Scalars['Int']['output'];
  firstBroken?: Maybe<BrokenAuditLink>;
  valid: Scalars['Boolean']['output'];
};

export type AuditDailyCount = {
  __typename?: 'AuditDailyCount';
  action: Scalars['String']['output'];
  count: Scalars['Int']['output'];
  /** UTC day, YYYY-MM-DD. */
  day: Scalars['String']['output'];
  severity: AuditSeverity;
};

/** One recorded change. Events of a tenant form a hash chain; none can be altered or removed. */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  action: Scalars['String']['output'];
  actor?: Maybe<User>;
  actorRole?: Maybe<Scalars['String']['output']>;
  after?: Maybe<Scalars['JSON']['output']>;
  before?: Maybe<Scalars['JSON']['output']>;
  entityId: Scalars['String']['output'];
  entityType: Scalars['String']['output'];
  eventId: Scalars['ID']['output'];
  hash: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  occurredAt: Scalars['DateTime']['output'];
  previousHash: Scalars['String']['output'];
  recordedAt: Scalars['DateTime']['output'];
  requestId?: Maybe<Scalars['String']['output']>;
  /** Position in the tenant's hash chain. */
  sequence: Scalars['Int']['output'];
  service: Scalars['String']['output'];
  severity: AuditSeverity;
  tags: Array<Scalars['String']['output']>;
};

export type AuditEventConnection = {
  __typename?: 'AuditEventConnection';
  edges: Array<AuditEventEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type AuditEventEdge = {
  __typename?: 'AuditEventEdge';
  cursor: Scalars['String']['output'];
  node: AuditEvent;
};

export type AuditEventFilter = {
  action?: InputMaybe<Scalars['String']['input']>;
  actorId?: InputMaybe<Scalars['ID']['input']>;
  entityId?: InputMaybe<Scalars['String']['input']>;
  entityType?: InputMaybe<Scalars['String']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  severity?: InputMaybe<AuditSeverity>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

export type AuditSeverity = 'CRITICAL' | 'INFO' | 'NOTICE' | 'WARNING';

export type BrokenAuditLink = {
  __typename?: 'BrokenAuditLink';
  eventId: Scalars['ID']['output'];
  /** What does not match, e.g. that the content was altered after it was recorded. */
  reason: Scalars['String']['output'];
  sequence: Scalars['Int']['output'];
};

/**
 * Who may share a cached response: PUBLIC means every caller of the same tenant (the gateway always
 * keys cached responses by tenant), PRIVATE means only the same user.
 */
export type CacheControlScope = 'PRIVATE' | 'PUBLIC';

export type Export = {
  __typename?: 'Export';
  auditTrail?: Maybe<AuditEventConnection>;
  id: Scalars['ID']['output'];
};

export type ExportAuditTrailArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Manifest = {
  __typename?: 'Manifest';
  auditTrail?: Maybe<AuditEventConnection>;
  id: Scalars['ID']['output'];
};

export type ManifestAuditTrailArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Order = {
  __typename?: 'Order';
  auditTrail?: Maybe<AuditEventConnection>;
  id: Scalars['ID']['output'];
};

export type OrderAuditTrailArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** Relay-style pagination state. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as `after` to fetch the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Product = {
  __typename?: 'Product';
  auditTrail?: Maybe<AuditEventConnection>;
  id: Scalars['ID']['output'];
};

export type ProductAuditTrailArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** The caller's tenant's audit log, newest first (tenant admins and managers; anyone else: null and FORBIDDEN, the rest of the answer intact). */
  auditEvents?: Maybe<AuditEventConnection>;
  /** Events per UTC day, action and severity in [from, to) (tenant admins and managers; anyone else: null and FORBIDDEN). */
  auditSummary?: Maybe<Array<AuditDailyCount>>;
  /** Recomputes the caller's tenant's hash chain and reports the first broken link (tenant admins; anyone else: null and FORBIDDEN). */
  verifyAuditChain?: Maybe<AuditChainVerification>;
};

export type QueryAuditEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryAuditSummaryArgs = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Each audit event of the caller's tenant once it is stored in the hash chain, optionally only those of
   * one entity type or entity. ADMIN only.
   */
  auditEventAppended: AuditEvent;
};

export type SubscriptionAuditEventAppendedArgs = {
  entityId?: InputMaybe<Scalars['ID']['input']>;
  entityType?: InputMaybe<Scalars['String']['input']>;
};

export type Tenant = {
  __typename?: 'Tenant';
  auditTrail?: Maybe<AuditEventConnection>;
  id: Scalars['ID']['output'];
};

export type TenantAuditTrailArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type User = {
  __typename?: 'User';
  auditTrail?: Maybe<AuditEventConnection>;
  id: Scalars['ID']['output'];
};

export type UserAuditTrailArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
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
  Product: Product;
  Tenant: Tenant;
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Export: { __typename: 'Export' } & GraphQLRecursivePick<FederationTypes['Export'], { id: true }>;
  Manifest: { __typename: 'Manifest' } & GraphQLRecursivePick<FederationTypes['Manifest'], { id: true }>;
  Order: { __typename: 'Order' } & GraphQLRecursivePick<FederationTypes['Order'], { id: true }>;
  Product: { __typename: 'Product' } & GraphQLRecursivePick<FederationTypes['Product'], { id: true }>;
  Tenant: { __typename: 'Tenant' } & GraphQLRecursivePick<FederationTypes['Tenant'], { id: true }>;
  User: { __typename: 'User' } & GraphQLRecursivePick<FederationTypes['User'], { id: true }>;
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AuditChainVerification: ResolverTypeWrapper<AuditChainVerification>;
  AuditDailyCount: ResolverTypeWrapper<AuditDailyCount>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AuditEvent: ResolverTypeWrapper<AuditEventRow>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AuditEventConnection: ResolverTypeWrapper<ConnectionRow<AuditEventRow>>;
  AuditEventEdge: ResolverTypeWrapper<Omit<AuditEventEdge, 'node'> & { node: ResolversTypes['AuditEvent'] }>;
  AuditEventFilter: AuditEventFilter;
  AuditSeverity: AuditSeverity;
  BrokenAuditLink: ResolverTypeWrapper<BrokenAuditLink>;
  CacheControlScope: CacheControlScope;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Decimal: ResolverTypeWrapper<Scalars['Decimal']['output']>;
  Export: ResolverTypeWrapper<EntityReferenceRow>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Manifest: ResolverTypeWrapper<EntityReferenceRow>;
  Order: ResolverTypeWrapper<EntityReferenceRow>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Product: ResolverTypeWrapper<EntityReferenceRow>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Tenant: ResolverTypeWrapper<EntityReferenceRow>;
  User: ResolverTypeWrapper<EntityReferenceRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AuditChainVerification: AuditChainVerification;
  AuditDailyCount: AuditDailyCount;
  String: Scalars['String']['output'];
  AuditEvent: AuditEventRow;
  ID: Scalars['ID']['output'];
  AuditEventConnection: ConnectionRow<AuditEventRow>;
  AuditEventEdge: Omit<AuditEventEdge, 'node'> & { node: ResolversParentTypes['AuditEvent'] };
  AuditEventFilter: AuditEventFilter;
  BrokenAuditLink: BrokenAuditLink;
  DateTime: Scalars['DateTime']['output'];
  Decimal: Scalars['Decimal']['output'];
  Export: EntityReferenceRow;
  JSON: Scalars['JSON']['output'];
  Manifest: EntityReferenceRow;
  Order: EntityReferenceRow;
  PageInfo: PageInfo;
  Product: EntityReferenceRow;
  Query: Record<PropertyKey, never>;
  Subscription: Record<PropertyKey, never>;
  Tenant: EntityReferenceRow;
  User: EntityReferenceRow;
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
  ContextType = AuditContext,
  Args = CacheControlDirectiveArgs,
> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AuditChainVerificationResolvers<
  ContextType = AuditContext,
  ParentType extends ResolversParentTypes['AuditChainVerification'] = ResolversParentTypes['AuditChainVerification'],
> = {
  checkedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  firstBroken?: Resolver<Maybe<ResolversTypes['BrokenAuditLink']>, ParentType, ContextType>;
  valid?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type AuditDailyCountResolvers<
  ContextType = AuditContext,
  ParentType extends ResolversParentTypes['AuditDailyCount'] = ResolversParentTypes['AuditDailyCount'],
> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  day?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  severity?: Resolver<ResolversTypes['AuditSeverity'], ParentType, ContextType>;
};

export type AuditEventResolvers<
  ContextType = AuditContext,
  ParentType extends ResolversParentTypes['AuditEvent'] = ResolversParentTypes['AuditEvent'],
> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actor?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  actorRole?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  after?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  before?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  entityId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  entityType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  previousHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  recordedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  requestId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  service?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  severity?: Resolver<ResolversTypes['AuditSeverity'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AuditEventConnectionResolvers<
  ContextType = AuditContext,
  ParentType extends ResolversParentTypes['AuditEventConnection'] = ResolversParentTypes['AuditEventConnection'],
> = {
  edges?: Resolver<Array<ResolversTypes['AuditEventEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuditEventEdgeResolvers<
  ContextType = AuditContext,
  ParentType extends ResolversParentTypes['AuditEventEdge'] = ResolversParentTypes['AuditEventEdge'],
> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditEvent'], ParentType, ContextType>;
};

export type BrokenAuditLinkResolvers<
  ContextType = AuditContext,
  ParentType extends ResolversParentTypes['BrokenAuditLink'] = ResolversParentTypes['BrokenAuditLink'],
> = {
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sequence?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface DecimalScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Decimal'], any> {
  name: 'Decimal';
}

export type ExportResolvers<
  ContextType = AuditContext,
  ParentType extends ResolversParentTypes['Export'] = ResolversParentTypes['Export'],
  FederationReferenceType extends FederationReferenceTypes['Export'] = FederationReferenceTypes['Export'],
> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Export']> | FederationReferenceType, FederationReferenceType, ContextType>;
  auditTrail?: Resolver<
    Maybe<ResolversTypes['AuditEventConnection']>,
    ParentType,
    ContextType,
    RequireFields<ExportAuditTrailArgs, 'first'>
  >;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type ManifestResolvers<
  ContextType = AuditContext,
  ParentType extends ResolversParentTypes['Manifest'] = ResolversParentTypes['Manifest'],
  FederationReferenceType extends FederationReferenceTypes['Manifest'] = FederationReferenceTypes['Manifest'],
> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Manifest']> | FederationReferenceType, FederationReferenceType, ContextType>;
  auditTrail?: Resolver<
    Maybe<ResolversTypes['AuditEventConnection']>,
    ParentType,
    ContextType,
    RequireFields<ManifestAuditTrailArgs, 'first'>
  >;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type OrderResolvers<
  ContextType = AuditContext,
  ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'],
  FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order'],
> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  auditTrail?: Resolver<
    Maybe<ResolversTypes['AuditEventConnection']>,
    ParentType,
    ContextType,
    RequireFields<OrderAuditTrailArgs, 'first'>
  >;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type PageInfoResolvers<
  ContextType = AuditContext,
  ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo'],
> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ProductResolvers<
  ContextType = AuditContext,
  ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product'],
  FederationReferenceType extends FederationReferenceTypes['Product'] = FederationReferenceTypes['Product'],
> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Product']> | FederationReferenceType, FederationReferenceType, ContextType>;
  auditTrail?: Resolver<
    Maybe<ResolversTypes['AuditEventConnection']>,
    ParentType,
    ContextType,
    RequireFields<ProductAuditTrailArgs, 'first'>
  >;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = AuditContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  auditEvents?: Resolver<
    Maybe<ResolversTypes['AuditEventConnection']>,
    ParentType,
    ContextType,
    RequireFields<QueryAuditEventsArgs, 'first'>
  >;
  auditSummary?: Resolver<
    Maybe<Array<ResolversTypes['AuditDailyCount']>>,
    ParentType,
    ContextType,
    RequireFields<QueryAuditSummaryArgs, 'from' | 'to'>
  >;
  verifyAuditChain?: Resolver<Maybe<ResolversTypes['AuditChainVerification']>, ParentType, ContextType>;
};

export type SubscriptionResolvers<
  ContextType = AuditContext,
  ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription'],
> = {
  auditEventAppended?: SubscriptionResolver<
    ResolversTypes['AuditEvent'],
    'auditEventAppended',
    ParentType,
    ContextType,
    Partial<SubscriptionAuditEventAppendedArgs>
  >;
};

export type TenantResolvers<
  ContextType = AuditContext,
  ParentType extends ResolversParentTypes['Tenant'] = ResolversParentTypes['Tenant'],
  FederationReferenceType extends FederationReferenceTypes['Tenant'] = FederationReferenceTypes['Tenant'],
> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Tenant']> | FederationReferenceType, FederationReferenceType, ContextType>;
  auditTrail?: Resolver<
    Maybe<ResolversTypes['AuditEventConnection']>,
    ParentType,
    ContextType,
    RequireFields<TenantAuditTrailArgs, 'first'>
  >;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type UserResolvers<
  ContextType = AuditContext,
  ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'],
  FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User'],
> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  auditTrail?: Resolver<Maybe<ResolversTypes['AuditEventConnection']>, ParentType, ContextType, RequireFields<UserAuditTrailArgs, 'first'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type Resolvers<ContextType = AuditContext> = {
  AuditChainVerification?: AuditChainVerificationResolvers<ContextType>;
  AuditDailyCount?: AuditDailyCountResolvers<ContextType>;
  AuditEvent?: AuditEventResolvers<ContextType>;
  AuditEventConnection?: AuditEventConnectionResolvers<ContextType>;
  AuditEventEdge?: AuditEventEdgeResolvers<ContextType>;
  BrokenAuditLink?: BrokenAuditLinkResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Decimal?: GraphQLScalarType;
  Export?: ExportResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Manifest?: ManifestResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Tenant?: TenantResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = AuditContext> = {
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
};
