import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type {
  Country as CountryRow,
  Manifest as ManifestRow,
  ManifestItem as ManifestItemRow,
  RateCard as RateCardRow,
  RateQuote as RateQuoteRow,
} from './prisma/client.ts';
import type { PublicCarrier as PublicCarrierRow } from '../carriers/store.ts';
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

/** A carrier account of your tenant. Its API credentials are stored encrypted and never returned. */
export type Carrier = {
  __typename?: 'Carrier';
  active: Scalars['Boolean']['output'];
  apiEndpoint: Scalars['String']['output'];
  /** Unique within the tenant, e.g. DHL. */
  code: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  credentialsUpdatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Whether API credentials are stored (they are never readable through the graph). */
  hasCredentials: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  rateCards: Array<RateCard>;
  /** Service levels it sells, e.g. EXPRESS, ECONOMY. */
  services: Array<Scalars['String']['output']>;
};

/** Reference data; cache hint 600 s. */
export type Country = {
  __typename?: 'Country';
  /** Only active countries can be a manifest's origin or destination. */
  active: Scalars['Boolean']['output'];
  /** ISO 3166-1 alpha-2 code. */
  code: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** Shipping zone; a manifest's zone is its destination's, and rate cards are per zone. */
  zone: Scalars['String']['output'];
};

export type CreateCarrierInput = {
  /** Stored encrypted; write-only. */
  apiCredentials?: InputMaybe<Scalars['String']['input']>;
  /** An https:// URL. */
  apiEndpoint: Scalars['String']['input'];
  /** 2 to 20 of A-Z, 0-9, _ and -; unique within your tenant. */
  code: Scalars['String']['input'];
  name: Scalars['String']['input'];
  services: Array<Scalars['String']['input']>;
};

export type CreateManifestInput = {
  /** ISO 4217 code, e.g. USD. */
  currency: Scalars['String']['input'];
  /** An active country other than the origin; sets the manifest's zone. */
  destinationCountry: Scalars['String']['input'];
  items?: InputMaybe<Array<ManifestItemInput>>;
  /** Orders (catalog) this manifest ships, by id. */
  orderIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** An active country (see countries). */
  originCountry: Scalars['String']['input'];
};

export type Manifest = {
  __typename?: 'Manifest';
  /** The booked carrier and service. */
  carrier?: Maybe<Carrier>;
  createdAt: Scalars['DateTime']['output'];
  createdBy?: Maybe<User>;
  currency: Scalars['String']['output'];
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  destinationCountry: Country;
  /** Set from the selected rate's transit time when booked, and again when shipped. */
  estimatedDelivery?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  items: Array<ManifestItem>;
  /** Orders shipped under this manifest. */
  orders: Array<Order>;
  originCountry: Country;
  publicId: Scalars['String']['output'];
  /** Rate quotes, cheapest first; superseded ones only when asked for. */
  quotes: Array<RateQuote>;
  rejectionReason?: Maybe<Scalars['String']['output']>;
  reviewedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who approved or rejected it. */
  reviewedBy?: Maybe<User>;
  /** The booked quote. */
  selectedQuote?: Maybe<RateQuote>;
  service?: Maybe<Scalars['String']['output']>;
  shippedAt?: Maybe<Scalars['DateTime']['output']>;
  /** What the booked rate costs. */
  shippingCost?: Maybe<Scalars['Decimal']['output']>;
  status: ManifestStatus;
  submittedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Always the sum of the items' values, maintained by the server. */
  totalValue: Scalars['Decimal']['output'];
  /** Always the sum of the items' volumes, maintained by the server. */
  totalVolumeM3: Scalars['Decimal']['output'];
  /** Always the sum of the items' weights, maintained by the server. */
  totalWeightKg: Scalars['Decimal']['output'];
  /** Assigned when a rate is selected (booked); unique. */
  trackingNumber?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  /** The destination's shipping zone. */
  zone: Scalars['String']['output'];
};

export type ManifestQuotesArgs = {
  includeSuperseded?: InputMaybe<Scalars['Boolean']['input']>;
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
  /** Harmonized System code, e.g. 0901.11. */
  hsCode: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Country where the goods were made (ISO 3166-1 alpha-2). */
  originCountry: Scalars['String']['output'];
  product?: Maybe<Product>;
  quantity: Scalars['Int']['output'];
  /** Declared value of the whole line, in the manifest's currency. */
  value: Scalars['Decimal']['output'];
  /** Volume of the whole line, in cubic metres. */
  volumeM3: Scalars['Decimal']['output'];
  /** Gross weight of the whole line (all units), in kg. */
  weightKg: Scalars['Decimal']['output'];
};

/** Fields left out keep their value. */
export type ManifestItemChanges = {
  description?: InputMaybe<Scalars['String']['input']>;
  hsCode?: InputMaybe<Scalars['String']['input']>;
  originCountry?: InputMaybe<Scalars['String']['input']>;
  quantity?: InputMaybe<Scalars['Int']['input']>;
  value?: InputMaybe<Scalars['Decimal']['input']>;
  volumeM3?: InputMaybe<Scalars['Decimal']['input']>;
  weightKg?: InputMaybe<Scalars['Decimal']['input']>;
};

export type ManifestItemInput = {
  /** Defaults to the product's name. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Harmonized System code (6 to 10 digits, e.g. 0901.11); defaults to the product's. */
  hsCode?: InputMaybe<Scalars['String']['input']>;
  /** Where the goods were made; defaults to the manifest's origin country. */
  originCountry?: InputMaybe<Scalars['String']['input']>;
  /** A product of your tenant (checked against shipping's replica of the catalog). */
  productId: Scalars['ID']['input'];
  /** Units, greater than 0. */
  quantity: Scalars['Int']['input'];
  /** Declared value of the whole line in the manifest's currency, 0 or more. */
  value: Scalars['Decimal']['input'];
  /** Volume of the whole line in cubic metres, 0 or more; defaults to 0. */
  volumeM3?: InputMaybe<Scalars['Decimal']['input']>;
  /** Gross weight of the whole line in kg, greater than 0; defaults to the product's unit weight times quantity. */
  weightKg?: InputMaybe<Scalars['Decimal']['input']>;
};

/** DRAFT -> SUBMITTED -> APPROVED | REJECTED; APPROVED -> SHIPPED -> DELIVERED. Only a DRAFT can be edited. */
export type ManifestStatus = 'APPROVED' | 'DELIVERED' | 'DRAFT' | 'REJECTED' | 'SHIPPED' | 'SUBMITTED';

export type Mutation = {
  __typename?: 'Mutation';
  /** Adds an item to a DRAFT; returns the manifest with its new totals. */
  addManifestItem: Manifest;
  /** SUBMITTED -> APPROVED (ADMIN, SHIPPING_OFFICER). */
  approveManifest: Manifest;
  /** ADMIN only. */
  createCarrier: Carrier;
  /** Creates a DRAFT (ADMIN, MANAGER, EXPORTER). Totals are computed from the items. */
  createManifest: Manifest;
  /** SHIPPED -> DELIVERED (ADMIN, MANAGER, EXPORTER, SHIPPING_OFFICER). */
  deliverManifest: Manifest;
  /**
   * Prices an APPROVED manifest with every active rate card of its zone and currency, stores the
   * quotes (superseding earlier ones) and returns them cheapest first.
   * (ADMIN, MANAGER, EXPORTER, SHIPPING_OFFICER)
   */
  quoteRates: Array<RateQuote>;
  /** SUBMITTED -> REJECTED with a reason (ADMIN, SHIPPING_OFFICER). */
  rejectManifest: Manifest;
  /** Removes an item from a DRAFT; returns the manifest with its new totals. */
  removeManifestItem: Manifest;
  /** Creates or replaces the card for the carrier, service, zone and currency (ADMIN, MANAGER). */
  saveRateCard: RateCard;
  /** Books a quote for its APPROVED manifest and assigns a tracking number (ADMIN, MANAGER, EXPORTER, SHIPPING_OFFICER). */
  selectRate: Manifest;
  /** Replaces the stored API credentials (ADMIN only). They are write-only. */
  setCarrierCredentials: Carrier;
  /** APPROVED -> SHIPPED; needs a selected rate (ADMIN, MANAGER, EXPORTER, SHIPPING_OFFICER). */
  shipManifest: Manifest;
  /** DRAFT -> SUBMITTED; needs at least one item (ADMIN, MANAGER, EXPORTER). */
  submitManifest: Manifest;
  /** ADMIN only. */
  updateCarrier: Carrier;
  /** Edits a DRAFT's header (ADMIN, MANAGER, EXPORTER). */
  updateManifest: Manifest;
  /** Changes an item of a DRAFT; returns the manifest with its new totals. */
  updateManifestItem: Manifest;
};

export type MutationAddManifestItemArgs = {
  input: ManifestItemInput;
  manifestId: Scalars['ID']['input'];
};

export type MutationApproveManifestArgs = {
  id: Scalars['ID']['input'];
};

export type MutationCreateCarrierArgs = {
  input: CreateCarrierInput;
};

export type MutationCreateManifestArgs = {
  input: CreateManifestInput;
};

export type MutationDeliverManifestArgs = {
  id: Scalars['ID']['input'];
};

export type MutationQuoteRatesArgs = {
  manifestId: Scalars['ID']['input'];
};

export type MutationRejectManifestArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};

export type MutationRemoveManifestItemArgs = {
  itemId: Scalars['ID']['input'];
};

export type MutationSaveRateCardArgs = {
  input: RateCardInput;
};

export type MutationSelectRateArgs = {
  manifestId: Scalars['ID']['input'];
  quoteId: Scalars['ID']['input'];
};

export type MutationSetCarrierCredentialsArgs = {
  apiCredentials: Scalars['String']['input'];
  id: Scalars['ID']['input'];
};

export type MutationShipManifestArgs = {
  id: Scalars['ID']['input'];
};

export type MutationSubmitManifestArgs = {
  id: Scalars['ID']['input'];
};

export type MutationUpdateCarrierArgs = {
  id: Scalars['ID']['input'];
  input: UpdateCarrierInput;
};

export type MutationUpdateManifestArgs = {
  id: Scalars['ID']['input'];
  input: UpdateManifestInput;
};

export type MutationUpdateManifestItemArgs = {
  input: ManifestItemChanges;
  itemId: Scalars['ID']['input'];
};

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

/** The catalog owns Product; shipping contributes how much of it has shipped. */
export type Product = {
  __typename?: 'Product';
  id: Scalars['ID']['output'];
  /** Units of this product on your tenant's SHIPPED or DELIVERED manifests. */
  shippedQuantity: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  carrier?: Maybe<Carrier>;
  /** Carriers of your tenant, by code. */
  carriers: Array<Carrier>;
  /** Active countries, by name. */
  countries: Array<Country>;
  manifest?: Maybe<Manifest>;
  manifests: ManifestConnection;
};

export type QueryCarrierArgs = {
  id: Scalars['ID']['input'];
};

export type QueryCarriersArgs = {
  includeInactive?: InputMaybe<Scalars['Boolean']['input']>;
};

export type QueryManifestArgs = {
  id: Scalars['ID']['input'];
};

export type QueryManifestsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<ManifestStatus>;
};

/** What a carrier charges for one service into one destination zone, in one currency. */
export type RateCard = {
  __typename?: 'RateCard';
  active: Scalars['Boolean']['output'];
  baseAmount: Scalars['Decimal']['output'];
  currency: Scalars['String']['output'];
  /** Percent of base + weight + volume charges. */
  fuelSurchargePct: Scalars['Decimal']['output'];
  id: Scalars['ID']['output'];
  /** Percent of the declared value. */
  insurancePct: Scalars['Decimal']['output'];
  perKg: Scalars['Decimal']['output'];
  perM3: Scalars['Decimal']['output'];
  /** How long a quote from this card can be booked. */
  quoteValidityHours: Scalars['Int']['output'];
  service: Scalars['String']['output'];
  transitDays: Scalars['Int']['output'];
  zone: Scalars['String']['output'];
};

export type RateCardInput = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  baseAmount: Scalars['Decimal']['input'];
  carrierId: Scalars['ID']['input'];
  currency: Scalars['String']['input'];
  fuelSurchargePct: Scalars['Decimal']['input'];
  insurancePct: Scalars['Decimal']['input'];
  perKg: Scalars['Decimal']['input'];
  perM3: Scalars['Decimal']['input'];
  quoteValidityHours?: InputMaybe<Scalars['Int']['input']>;
  /** One of the carrier's services. */
  service: Scalars['String']['input'];
  transitDays: Scalars['Int']['input'];
  /** A shipping zone of the countries list. */
  zone: Scalars['String']['input'];
};

/** A price for shipping a manifest with one carrier service, computed from its rate card. Amounts add up to total. */
export type RateQuote = {
  __typename?: 'RateQuote';
  baseAmount: Scalars['Decimal']['output'];
  carrier: Carrier;
  createdAt: Scalars['DateTime']['output'];
  currency: Scalars['String']['output'];
  /** fuelSurchargePct of base + weight + volume charges. */
  fuelSurcharge: Scalars['Decimal']['output'];
  id: Scalars['ID']['output'];
  /** insurancePct of the manifest's total value. */
  insurance: Scalars['Decimal']['output'];
  service: Scalars['String']['output'];
  status: RateQuoteStatus;
  total: Scalars['Decimal']['output'];
  transitDays: Scalars['Int']['output'];
  /** After this, selectRate refuses it; quote again. */
  validUntil: Scalars['DateTime']['output'];
  /** perM3 x the manifest's total volume. */
  volumeCharge: Scalars['Decimal']['output'];
  /** perKg x the manifest's total weight. */
  weightCharge: Scalars['Decimal']['output'];
};

export type RateQuoteStatus =
  | 'QUOTED'
  /** Booked by selectRate. */
  | 'SELECTED'
  /** Replaced by a newer quote, or another quote was booked. */
  | 'SUPERSEDED';

export type Subscription = {
  __typename?: 'Subscription';
  /** The manifest again each time it changes (items, submission, decision, rate, shipping, delivery), fed by the event stream. */
  manifestUpdated: Manifest;
};

export type SubscriptionManifestUpdatedArgs = {
  id: Scalars['ID']['input'];
};

/** Fields left out keep their value. */
export type UpdateCarrierInput = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  apiEndpoint?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  services?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** Fields left out keep their value; orderIds, when given, replaces the linked orders. */
export type UpdateManifestInput = {
  currency?: InputMaybe<Scalars['String']['input']>;
  destinationCountry?: InputMaybe<Scalars['String']['input']>;
  orderIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  originCountry?: InputMaybe<Scalars['String']['input']>;
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
  Product: Product;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Manifest: { __typename: 'Manifest' } & GraphQLRecursivePick<FederationTypes['Manifest'], { id: true }>;
  Order: { __typename: 'Order' } & GraphQLRecursivePick<FederationTypes['Order'], { id: true }>;
  Product: { __typename: 'Product' } & GraphQLRecursivePick<FederationTypes['Product'], { id: true }>;
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  CacheControlScope: CacheControlScope;
  Carrier: ResolverTypeWrapper<PublicCarrierRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Country: ResolverTypeWrapper<CountryRow>;
  CreateCarrierInput: CreateCarrierInput;
  CreateManifestInput: CreateManifestInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Decimal: ResolverTypeWrapper<Scalars['Decimal']['output']>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Manifest: ResolverTypeWrapper<ManifestRow>;
  ManifestConnection: ResolverTypeWrapper<ConnectionRow<ManifestRow>>;
  ManifestEdge: ResolverTypeWrapper<Omit<ManifestEdge, 'node'> & { node: ResolversTypes['Manifest'] }>;
  ManifestItem: ResolverTypeWrapper<ManifestItemRow>;
  ManifestItemChanges: ManifestItemChanges;
  ManifestItemInput: ManifestItemInput;
  ManifestStatus: ManifestStatus;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Order: ResolverTypeWrapper<EntityReferenceRow>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Product: ResolverTypeWrapper<EntityReferenceRow>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RateCard: ResolverTypeWrapper<RateCardRow>;
  RateCardInput: RateCardInput;
  RateQuote: ResolverTypeWrapper<RateQuoteRow>;
  RateQuoteStatus: RateQuoteStatus;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  UpdateCarrierInput: UpdateCarrierInput;
  UpdateManifestInput: UpdateManifestInput;
  User: ResolverTypeWrapper<EntityReferenceRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Carrier: PublicCarrierRow;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Country: CountryRow;
  CreateCarrierInput: CreateCarrierInput;
  CreateManifestInput: CreateManifestInput;
  DateTime: Scalars['DateTime']['output'];
  Decimal: Scalars['Decimal']['output'];
  JSON: Scalars['JSON']['output'];
  Manifest: ManifestRow;
  ManifestConnection: ConnectionRow<ManifestRow>;
  ManifestEdge: Omit<ManifestEdge, 'node'> & { node: ResolversParentTypes['Manifest'] };
  ManifestItem: ManifestItemRow;
  ManifestItemChanges: ManifestItemChanges;
  ManifestItemInput: ManifestItemInput;
  Mutation: Record<PropertyKey, never>;
  Order: EntityReferenceRow;
  PageInfo: PageInfo;
  Product: EntityReferenceRow;
  Query: Record<PropertyKey, never>;
  RateCard: RateCardRow;
  RateCardInput: RateCardInput;
  RateQuote: RateQuoteRow;
  Subscription: Record<PropertyKey, never>;
  UpdateCarrierInput: UpdateCarrierInput;
  UpdateManifestInput: UpdateManifestInput;
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

export type CarrierResolvers<
  ContextType = ShippingContext,
  ParentType extends ResolversParentTypes['Carrier'] = ResolversParentTypes['Carrier'],
> = {
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  apiEndpoint?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  credentialsUpdatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  hasCredentials?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rateCards?: Resolver<Array<ResolversTypes['RateCard']>, ParentType, ContextType>;
  services?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

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
  carrier?: Resolver<Maybe<ResolversTypes['Carrier']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  deliveredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  destinationCountry?: Resolver<ResolversTypes['Country'], ParentType, ContextType>;
  estimatedDelivery?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['ManifestItem']>, ParentType, ContextType>;
  orders?: Resolver<Array<ResolversTypes['Order']>, ParentType, ContextType>;
  originCountry?: Resolver<ResolversTypes['Country'], ParentType, ContextType>;
  publicId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quotes?: Resolver<Array<ResolversTypes['RateQuote']>, ParentType, ContextType, RequireFields<ManifestQuotesArgs, 'includeSuperseded'>>;
  rejectionReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reviewedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  reviewedBy?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  selectedQuote?: Resolver<Maybe<ResolversTypes['RateQuote']>, ParentType, ContextType>;
  service?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  shippedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  shippingCost?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ManifestStatus'], ParentType, ContextType>;
  submittedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  totalValue?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  totalVolumeM3?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  totalWeightKg?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  trackingNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
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

export type MutationResolvers<
  ContextType = ShippingContext,
  ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation'],
> = {
  addManifestItem?: Resolver<
    ResolversTypes['Manifest'],
    ParentType,
    ContextType,
    RequireFields<MutationAddManifestItemArgs, 'input' | 'manifestId'>
  >;
  approveManifest?: Resolver<ResolversTypes['Manifest'], ParentType, ContextType, RequireFields<MutationApproveManifestArgs, 'id'>>;
  createCarrier?: Resolver<ResolversTypes['Carrier'], ParentType, ContextType, RequireFields<MutationCreateCarrierArgs, 'input'>>;
  createManifest?: Resolver<ResolversTypes['Manifest'], ParentType, ContextType, RequireFields<MutationCreateManifestArgs, 'input'>>;
  deliverManifest?: Resolver<ResolversTypes['Manifest'], ParentType, ContextType, RequireFields<MutationDeliverManifestArgs, 'id'>>;
  quoteRates?: Resolver<Array<ResolversTypes['RateQuote']>, ParentType, ContextType, RequireFields<MutationQuoteRatesArgs, 'manifestId'>>;
  rejectManifest?: Resolver<
    ResolversTypes['Manifest'],
    ParentType,
    ContextType,
    RequireFields<MutationRejectManifestArgs, 'id' | 'reason'>
  >;
  removeManifestItem?: Resolver<
    ResolversTypes['Manifest'],
    ParentType,
    ContextType,
    RequireFields<MutationRemoveManifestItemArgs, 'itemId'>
  >;
  saveRateCard?: Resolver<ResolversTypes['RateCard'], ParentType, ContextType, RequireFields<MutationSaveRateCardArgs, 'input'>>;
  selectRate?: Resolver<
    ResolversTypes['Manifest'],
    ParentType,
    ContextType,
    RequireFields<MutationSelectRateArgs, 'manifestId' | 'quoteId'>
  >;
  setCarrierCredentials?: Resolver<
    ResolversTypes['Carrier'],
    ParentType,
    ContextType,
    RequireFields<MutationSetCarrierCredentialsArgs, 'apiCredentials' | 'id'>
  >;
  shipManifest?: Resolver<ResolversTypes['Manifest'], ParentType, ContextType, RequireFields<MutationShipManifestArgs, 'id'>>;
  submitManifest?: Resolver<ResolversTypes['Manifest'], ParentType, ContextType, RequireFields<MutationSubmitManifestArgs, 'id'>>;
  updateCarrier?: Resolver<ResolversTypes['Carrier'], ParentType, ContextType, RequireFields<MutationUpdateCarrierArgs, 'id' | 'input'>>;
  updateManifest?: Resolver<ResolversTypes['Manifest'], ParentType, ContextType, RequireFields<MutationUpdateManifestArgs, 'id' | 'input'>>;
  updateManifestItem?: Resolver<
    ResolversTypes['Manifest'],
    ParentType,
    ContextType,
    RequireFields<MutationUpdateManifestItemArgs, 'input' | 'itemId'>
  >;
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
  FederationReferenceType extends FederationReferenceTypes['Product'] = FederationReferenceTypes['Product'],
> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Product']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  shippedQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QueryResolvers<
  ContextType = ShippingContext,
  ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query'],
> = {
  carrier?: Resolver<Maybe<ResolversTypes['Carrier']>, ParentType, ContextType, RequireFields<QueryCarrierArgs, 'id'>>;
  carriers?: Resolver<Array<ResolversTypes['Carrier']>, ParentType, ContextType, RequireFields<QueryCarriersArgs, 'includeInactive'>>;
  countries?: Resolver<Array<ResolversTypes['Country']>, ParentType, ContextType>;
  manifest?: Resolver<Maybe<ResolversTypes['Manifest']>, ParentType, ContextType, RequireFields<QueryManifestArgs, 'id'>>;
  manifests?: Resolver<ResolversTypes['ManifestConnection'], ParentType, ContextType, RequireFields<QueryManifestsArgs, 'first'>>;
};

export type RateCardResolvers<
  ContextType = ShippingContext,
  ParentType extends ResolversParentTypes['RateCard'] = ResolversParentTypes['RateCard'],
> = {
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  baseAmount?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fuelSurchargePct?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  insurancePct?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  perKg?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  perM3?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  quoteValidityHours?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  service?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  transitDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  zone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RateQuoteResolvers<
  ContextType = ShippingContext,
  ParentType extends ResolversParentTypes['RateQuote'] = ResolversParentTypes['RateQuote'],
> = {
  baseAmount?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  carrier?: Resolver<ResolversTypes['Carrier'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fuelSurcharge?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  insurance?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  service?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['RateQuoteStatus'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  transitDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  validUntil?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  volumeCharge?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  weightCharge?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export type SubscriptionResolvers<
  ContextType = ShippingContext,
  ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription'],
> = {
  manifestUpdated?: SubscriptionResolver<
    ResolversTypes['Manifest'],
    'manifestUpdated',
    ParentType,
    ContextType,
    RequireFields<SubscriptionManifestUpdatedArgs, 'id'>
  >;
};

export type UserResolvers<ContextType = ShippingContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ShippingContext> = {
  Carrier?: CarrierResolvers<ContextType>;
  Country?: CountryResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Decimal?: GraphQLScalarType;
  JSON?: GraphQLScalarType;
  Manifest?: ManifestResolvers<ContextType>;
  ManifestConnection?: ManifestConnectionResolvers<ContextType>;
  ManifestEdge?: ManifestEdgeResolvers<ContextType>;
  ManifestItem?: ManifestItemResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RateCard?: RateCardResolvers<ContextType>;
  RateQuote?: RateQuoteResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = ShippingContext> = {
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
};
