import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Export as ExportRow, ExporterProfile as ExporterProfileRow } from './prisma/client.ts';
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

/**
 * Who may share a cached response: PUBLIC means every caller of the same tenant (the gateway always
 * keys cached responses by tenant), PRIVATE means only the same user.
 */
export type CacheControlScope = 'PRIVATE' | 'PUBLIC';

export type Export = {
  __typename?: 'Export';
  buyerContact?: Maybe<Scalars['String']['output']>;
  buyerCountry: Scalars['String']['output'];
  buyerName: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  currency: Scalars['String']['output'];
  declaredValue: Scalars['Decimal']['output'];
  destinationCountry: Scalars['String']['output'];
  exporter: ExporterProfile;
  id: Scalars['ID']['output'];
  incoterm: Scalars['String']['output'];
  manifest?: Maybe<Manifest>;
  order?: Maybe<Order>;
  reference: Scalars['String']['output'];
  requestedBy?: Maybe<User>;
  status: ExportStatus;
  submittedAt?: Maybe<Scalars['DateTime']['output']>;
};

export type ExportConnection = {
  __typename?: 'ExportConnection';
  edges: Array<ExportEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ExportEdge = {
  __typename?: 'ExportEdge';
  cursor: Scalars['String']['output'];
  node: Export;
};

export type ExportStatus = 'APPROVED' | 'CANCELLED' | 'COMPLETED' | 'DRAFT' | 'IN_REVIEW' | 'REJECTED' | 'SUBMITTED';

export type ExporterProfile = {
  __typename?: 'ExporterProfile';
  capitalVerified: Scalars['Boolean']['output'];
  country: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  legalName: Scalars['String']['output'];
  registrationNo: Scalars['String']['output'];
  status: ExporterStatus;
};

export type ExporterStatus = 'ACTIVE' | 'PENDING' | 'SUSPENDED';

/** Shipping owns Manifest; exports contributes the export request that uses it. */
export type Manifest = {
  __typename?: 'Manifest';
  export?: Maybe<Export>;
  id: Scalars['ID']['output'];
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
  /** The caller's tenant's exporter profile. */
  exporterProfile?: Maybe<ExporterProfile>;
  exports: ExportConnection;
};

export type QueryExportArgs = {
  id: Scalars['ID']['input'];
};

export type QueryExportsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<ExportStatus>;
};

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
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
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Export: { __typename: 'Export' } & GraphQLRecursivePick<FederationTypes['Export'], { id: true }>;
  Manifest: { __typename: 'Manifest' } & GraphQLRecursivePick<FederationTypes['Manifest'], { id: true }>;
  Order: { __typename: 'Order' } & GraphQLRecursivePick<FederationTypes['Order'], { id: true }>;
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  CacheControlScope: CacheControlScope;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Decimal: ResolverTypeWrapper<Scalars['Decimal']['output']>;
  Export: ResolverTypeWrapper<ExportRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ExportConnection: ResolverTypeWrapper<ConnectionRow<ExportRow>>;
  ExportEdge: ResolverTypeWrapper<Omit<ExportEdge, 'node'> & { node: ResolversTypes['Export'] }>;
  ExportStatus: ExportStatus;
  ExporterProfile: ResolverTypeWrapper<ExporterProfileRow>;
  ExporterStatus: ExporterStatus;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Manifest: ResolverTypeWrapper<EntityReferenceRow>;
  Order: ResolverTypeWrapper<EntityReferenceRow>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  User: ResolverTypeWrapper<EntityReferenceRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  DateTime: Scalars['DateTime']['output'];
  Decimal: Scalars['Decimal']['output'];
  Export: ExportRow;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  ExportConnection: ConnectionRow<ExportRow>;
  ExportEdge: Omit<ExportEdge, 'node'> & { node: ResolversParentTypes['Export'] };
  ExporterProfile: ExporterProfileRow;
  JSON: Scalars['JSON']['output'];
  Manifest: EntityReferenceRow;
  Order: EntityReferenceRow;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
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
  buyerContact?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  buyerCountry?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  buyerName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  declaredValue?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  destinationCountry?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  exporter?: Resolver<ResolversTypes['ExporterProfile'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  incoterm?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  manifest?: Resolver<Maybe<ResolversTypes['Manifest']>, ParentType, ContextType>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType>;
  reference?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requestedBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ExportStatus'], ParentType, ContextType>;
  submittedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type ExportConnectionResolvers<
  ContextType = ExportsContext,
  ParentType extends ResolversParentTypes['ExportConnection'] = ResolversParentTypes['ExportConnection'],
> = {
  edges?: Resolver<Array<ResolversTypes['ExportEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ExportEdgeResolvers<
  ContextType = ExportsContext,
  ParentType extends ResolversParentTypes['ExportEdge'] = ResolversParentTypes['ExportEdge'],
> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Export'], ParentType, ContextType>;
};

export type ExporterProfileResolvers<
  ContextType = ExportsContext,
  ParentType extends ResolversParentTypes['ExporterProfile'] = ResolversParentTypes['ExporterProfile'],
> = {
  capitalVerified?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  country?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  legalName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  registrationNo?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ExporterStatus'], ParentType, ContextType>;
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
  exporterProfile?: Resolver<Maybe<ResolversTypes['ExporterProfile']>, ParentType, ContextType>;
  exports?: Resolver<ResolversTypes['ExportConnection'], ParentType, ContextType, RequireFields<QueryExportsArgs, 'first'>>;
};

export type UserResolvers<ContextType = ExportsContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ExportsContext> = {
  DateTime?: GraphQLScalarType;
  Decimal?: GraphQLScalarType;
  Export?: ExportResolvers<ContextType>;
  ExportConnection?: ExportConnectionResolvers<ContextType>;
  ExportEdge?: ExportEdgeResolvers<ContextType>;
  ExporterProfile?: ExporterProfileResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Manifest?: ManifestResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = ExportsContext> = {
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
};
