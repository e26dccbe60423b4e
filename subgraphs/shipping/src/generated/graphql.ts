import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Country as CountryRow, Manifest as ManifestRow, ManifestItem as ManifestItemRow } from './prisma/client.ts';
import type { EntityReference as EntityReferenceRow, Connection as ConnectionRow } from '@fed/service-kit';
import type { ShippingContext } from '../context.ts';
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

export type Country = {
  __typename?: 'Country';
  active: Scalars['Boolean']['output'];
  /** ISO 3166-1 alpha-2 code. */
  code: Scalars['String']['output'];
  name: Scalars['String']['output'];
  zone: Scalars['String']['output'];
};

export type Manifest = {
  __typename?: 'Manifest';
  createdAt: Scalars['DateTime']['output'];
  createdBy?: Maybe<User>;
  currency: Scalars['String']['output'];
  destinationCountry: Country;
  estimatedDelivery?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  items: Array<ManifestItem>;
  /** Orders shipped under this manifest. */
  orders: Array<Order>;
  originCountry: Country;
  publicId: Scalars['String']['output'];
  rejectionReason?: Maybe<Scalars['String']['output']>;
  status: ManifestStatus;
  totalValue: Scalars['Decimal']['output'];
  totalVolumeM3: Scalars['Decimal']['output'];
  /** Always the sum of the items' weights. */
  totalWeightKg: Scalars['Decimal']['output'];
  trackingNumber?: Maybe<Scalars['String']['output']>;
  zone: Scalars['String']['output'];
};

export type ManifestConnection = {
  __typename?: 'ManifestConnection';
  edges: Array<ManifestEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ManifestEdge = {
  __typename?: 'ManifestEdge';
  cursor: Scalars['String']['output'];
  node: Manifest;
};

export type ManifestItem = {
  __typename?: 'ManifestItem';
  description: Scalars['String']['output'];
  hsCode: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  originCountry: Scalars['String']['output'];
  product?: Maybe<Product>;
  quantity: Scalars['Int']['output'];
  value: Scalars['Decimal']['output'];
  volumeM3: Scalars['Decimal']['output'];
  weightKg: Scalars['Decimal']['output'];
};

export type ManifestStatus = 'APPROVED' | 'DELIVERED' | 'DRAFT' | 'REJECTED' | 'SHIPPED' | 'SUBMITTED';

/** The catalog owns Order; shipping contributes the manifests that ship it. */
export type Order = {
  __typename?: 'Order';
  id: Scalars['ID']['output'];
  manifests: Array<Manifest>;
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
  id: Scalars['ID']['output'];
};

export type Query = {
  __typename?: 'Query';
  countries: Array<Country>;
  manifest?: Maybe<Manifest>;
  manifests: ManifestConnection;
};

export type QueryManifestArgs = {
  id: Scalars['ID']['input'];
};

export type QueryManifestsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<ManifestStatus>;
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
  Manifest: Manifest;
  Order: Order;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Manifest: { __typename: 'Manifest' } & GraphQLRecursivePick<FederationTypes['Manifest'], { id: true }>;
  Order: { __typename: 'Order' } & GraphQLRecursivePick<FederationTypes['Order'], { id: true }>;
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  CacheControlScope: CacheControlScope;
  Country: ResolverTypeWrapper<CountryRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Decimal: ResolverTypeWrapper<Scalars['Decimal']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Manifest: ResolverTypeWrapper<ManifestRow>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ManifestConnection: ResolverTypeWrapper<ConnectionRow<ManifestRow>>;
  ManifestEdge: ResolverTypeWrapper<Omit<ManifestEdge, 'node'> & { node: ResolversTypes['Manifest'] }>;
  ManifestItem: ResolverTypeWrapper<ManifestItemRow>;
  ManifestStatus: ManifestStatus;
  Order: ResolverTypeWrapper<EntityReferenceRow>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Product: ResolverTypeWrapper<EntityReferenceRow>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  User: ResolverTypeWrapper<EntityReferenceRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Country: CountryRow;
  String: Scalars['String']['output'];
  DateTime: Scalars['DateTime']['output'];
  Decimal: Scalars['Decimal']['output'];
  JSON: Scalars['JSON']['output'];
  Manifest: ManifestRow;
  ID: Scalars['ID']['output'];
  ManifestConnection: ConnectionRow<ManifestRow>;
  ManifestEdge: Omit<ManifestEdge, 'node'> & { node: ResolversParentTypes['Manifest'] };
  ManifestItem: ManifestItemRow;
  Order: EntityReferenceRow;
  PageInfo: PageInfo;
  Product: EntityReferenceRow;
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
  ContextType = ShippingContext,
  Args = CacheControlDirectiveArgs,
> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CountryResolvers<
  ContextType = ShippingContext,
  ParentType extends ResolversParentTypes['Country'] = ResolversParentTypes['Country'],
> = {
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  zone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface DecimalScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Decimal'], any> {
  name: 'Decimal';
}

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type ManifestResolvers<
  ContextType = ShippingContext,
  ParentType extends ResolversParentTypes['Manifest'] = ResolversParentTypes['Manifest'],
  FederationReferenceType extends FederationReferenceTypes['Manifest'] = FederationReferenceTypes['Manifest'],
> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Manifest']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  destinationCountry?: Resolver<ResolversTypes['Country'], ParentType, ContextType>;
  estimatedDelivery?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['ManifestItem']>, ParentType, ContextType>;
  orders?: Resolver<Array<ResolversTypes['Order']>, ParentType, ContextType>;
  originCountry?: Resolver<ResolversTypes['Country'], ParentType, ContextType>;
  publicId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rejectionReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ManifestStatus'], ParentType, ContextType>;
  totalValue?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  totalVolumeM3?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  totalWeightKg?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  trackingNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  zone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ManifestConnectionResolvers<
  ContextType = ShippingContext,
  ParentType extends ResolversParentTypes['ManifestConnection'] = ResolversParentTypes['ManifestConnection'],
> = {
  edges?: Resolver<Array<ResolversTypes['ManifestEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ManifestEdgeResolvers<
  ContextType = ShippingContext,
  ParentType extends ResolversParentTypes['ManifestEdge'] = ResolversParentTypes['ManifestEdge'],
> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Manifest'], ParentType, ContextType>;
};

export type ManifestItemResolvers<
  ContextType = ShippingContext,
  ParentType extends ResolversParentTypes['ManifestItem'] = ResolversParentTypes['ManifestItem'],
> = {
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  hsCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  originCountry?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  volumeM3?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  weightKg?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export type OrderResolvers<
  ContextType = ShippingContext,
  ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'],
  FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order'],
> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  manifests?: Resolver<Array<ResolversTypes['Manifest']>, ParentType, ContextType>;
};

export type PageInfoResolvers<
  ContextType = ShippingContext,
  ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo'],
> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ProductResolvers<
  ContextType = ShippingContext,
  ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product'],
> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type QueryResolvers<
  ContextType = ShippingContext,
  ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query'],
> = {
  countries?: Resolver<Array<ResolversTypes['Country']>, ParentType, ContextType>;
  manifest?: Resolver<Maybe<ResolversTypes['Manifest']>, ParentType, ContextType, RequireFields<QueryManifestArgs, 'id'>>;
  manifests?: Resolver<ResolversTypes['ManifestConnection'], ParentType, ContextType, RequireFields<QueryManifestsArgs, 'first'>>;
};

export type UserResolvers<ContextType = ShippingContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ShippingContext> = {
  Country?: CountryResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Decimal?: GraphQLScalarType;
  JSON?: GraphQLScalarType;
  Manifest?: ManifestResolvers<ContextType>;
  ManifestConnection?: ManifestConnectionResolvers<ContextType>;
  ManifestEdge?: ManifestEdgeResolvers<ContextType>;
  ManifestItem?: ManifestItemResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = ShippingContext> = {
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
};
