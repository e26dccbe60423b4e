import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type {
  Category as CategoryRow,
  Product as ProductRow,
  Inventory as InventoryRow,
  StockMovement as StockMovementRow,
  Order as OrderRow,
  OrderItem as OrderItemRow,
  Payment as PaymentRow,
  Review as ReviewRow,
} from './prisma/client.ts';
import type { PricingSettings as PricingSettingsRow } from '../settings/store.ts';
import type { EntityReference as EntityReferenceRow, Connection as ConnectionRow } from '@fed/service-kit';
import type { CatalogContext } from '../context.ts';
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

export type AdjustStockInput = {
  location: Scalars['String']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
  productId: Scalars['ID']['input'];
  /** Units to add (positive) or remove (negative), e.g. after a stock count. */
  quantityChange: Scalars['Int']['input'];
  /** Why, e.g. a stock count reference. */
  reference: Scalars['String']['input'];
};

/**
 * Who may share a cached response: PUBLIC means every caller of the same tenant (the gateway always
 * keys cached responses by tenant), PRIVATE means only the same user.
 */
export type CacheControlScope = 'PRIVATE' | 'PUBLIC';

export type CapturePaymentInput = {
  /** More than 0, at most 2 decimal places, at most the order's balance due. */
  amount: Scalars['Decimal']['input'];
  /** Must be the order's currency. */
  currency: Scalars['String']['input'];
  externalTransactionId: Scalars['String']['input'];
  gatewayResponse?: InputMaybe<Scalars['JSON']['input']>;
  /**
   * Chosen by the client, 8 to 128 characters. Sending the same key again returns the payment it
   * created instead of capturing twice; the same key with a different request is a CONFLICT.
   */
  idempotencyKey: Scalars['String']['input'];
  method: PaymentMethod;
  orderId: Scalars['ID']['input'];
};

/** How placeOrder prices orders for the caller's tenant. */
export type CatalogSettings = {
  __typename?: 'CatalogSettings';
  /** ISO 4217 currency of new orders. */
  currency: Scalars['String']['output'];
  shippingBase: Scalars['Decimal']['output'];
  shippingPerKg: Scalars['Decimal']['output'];
  /** A fraction of the subtotal: 0.1 is 10%. */
  taxRate: Scalars['Decimal']['output'];
};

/** A node of the tenant's category tree. Cache hint: 300 s (categories change rarely, and only by mutations, which clear the tenant's cache). */
export type Category = {
  __typename?: 'Category';
  /** Direct subcategories, by sort order then name. */
  children: Array<Category>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  parent?: Maybe<Category>;
  /** Unique within the tenant. */
  slug: Scalars['String']['output'];
  sortOrder: Scalars['Int']['output'];
  status: CategoryStatus;
};

export type CategoryStatus = 'ACTIVE' | 'HIDDEN';

export type CreateCategoryInput = {
  name: Scalars['String']['input'];
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** Lower-case letters, digits and '-'; unique within the tenant. */
  slug: Scalars['String']['input'];
  sortOrder?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<CategoryStatus>;
};

export type CreateProductInput = {
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  /** At most 2 decimal places. */
  cost: Scalars['Decimal']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  dimensions?: InputMaybe<DimensionsInput>;
  hsCode?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  /** At most 2 decimal places. */
  price: Scalars['Decimal']['input'];
  sku: Scalars['String']['input'];
  /** ACTIVE unless given. */
  status?: InputMaybe<ProductStatus>;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  /** At most 3 decimal places. */
  weightKg: Scalars['Decimal']['input'];
};

export type CreateReviewInput = {
  comment?: InputMaybe<Scalars['String']['input']>;
  /** One of the author's orders that contains the product. */
  orderId?: InputMaybe<Scalars['ID']['input']>;
  productId: Scalars['ID']['input'];
  rating: Scalars['Int']['input'];
  title: Scalars['String']['input'];
};

export type Dimensions = {
  __typename?: 'Dimensions';
  heightCm: Scalars['Decimal']['output'];
  lengthCm: Scalars['Decimal']['output'];
  widthCm: Scalars['Decimal']['output'];
};

export type DimensionsInput = {
  heightCm: Scalars['Decimal']['input'];
  lengthCm: Scalars['Decimal']['input'];
  widthCm: Scalars['Decimal']['input'];
};

/** Stock of one product at one location. */
export type InventoryLevel = {
  __typename?: 'InventoryLevel';
  /** quantity - reserved: what can still be ordered. */
  available: Scalars['Int']['output'];
  batchNumber?: Maybe<Scalars['String']['output']>;
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  location: Scalars['String']['output'];
  maxStock?: Maybe<Scalars['Int']['output']>;
  minStock: Scalars['Int']['output'];
  /** On hand: always the sum of this level's stock movements. */
  quantity: Scalars['Int']['output'];
  /** Held for orders that are placed but not yet confirmed. */
  reserved: Scalars['Int']['output'];
  stockStatus: StockStatus;
  updatedAt: Scalars['DateTime']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** ADMIN or MANAGER: an ADJUSTMENT movement; stock never goes below zero or below what is reserved. */
  adjustStock: InventoryLevel;
  /**
   * A customer may cancel their own PENDING order; ADMIN or MANAGER may cancel PENDING, CONFIRMED or
   * PROCESSING orders. Reservations are released; stock already taken out is returned (IN movements).
   */
  cancelOrder: Order;
  /** Records a captured payment. ADMIN or MANAGER, or the customer for their own order. */
  capturePayment: Payment;
  /** ADMIN or MANAGER. */
  createCategory: Category;
  /** ADMIN or MANAGER. */
  createProduct: Product;
  /** CUSTOMER, ADMIN or MANAGER; one review per user per product. */
  createReview: Review;
  /**
   * ADMIN or MANAGER. A soft delete: the product leaves the catalog and can no longer be ordered;
   * orders keep the name and price they captured. Returns the id.
   */
  deleteProduct: Scalars['ID']['output'];
  /** The author, or ADMIN or MANAGER (moderation). Returns the id. */
  deleteReview: Scalars['ID']['output'];
  /**
   * CUSTOMER, ADMIN or MANAGER, for themselves. Reserves the stock of every line atomically (all
   * lines or none; CONFLICT when a product has too little available) and computes the totals.
   */
  placeOrder: Order;
  /** ADMIN or MANAGER: an IN movement. */
  receiveStock: InventoryLevel;
  /** ADMIN or MANAGER: the levels stockStatus compares against. */
  setStockLimits: InventoryLevel;
  /** ADMIN only. Applies to orders placed from now on. */
  updateCatalogSettings: CatalogSettings;
  /** ADMIN or MANAGER. A category cannot move under itself or one of its descendants. */
  updateCategory: Category;
  /**
   * ADMIN or MANAGER: moves an order along the status machine. CONFIRMED turns its reservations into
   * OUT stock movements; CANCELLED is the same as cancelOrder.
   */
  updateOrderStatus: Order;
  /** ADMIN or MANAGER. */
  updateProduct: Product;
  /** The author only. */
  updateReview: Review;
};

export type MutationAdjustStockArgs = {
  input: AdjustStockInput;
};

export type MutationCancelOrderArgs = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};

export type MutationCapturePaymentArgs = {
  input: CapturePaymentInput;
};

export type MutationCreateCategoryArgs = {
  input: CreateCategoryInput;
};

export type MutationCreateProductArgs = {
  input: CreateProductInput;
};

export type MutationCreateReviewArgs = {
  input: CreateReviewInput;
};

export type MutationDeleteProductArgs = {
  id: Scalars['ID']['input'];
};

export type MutationDeleteReviewArgs = {
  id: Scalars['ID']['input'];
};

export type MutationPlaceOrderArgs = {
  input: PlaceOrderInput;
};

export type MutationReceiveStockArgs = {
  input: ReceiveStockInput;
};

export type MutationSetStockLimitsArgs = {
  input: SetStockLimitsInput;
};

export type MutationUpdateCatalogSettingsArgs = {
  input: UpdateCatalogSettingsInput;
};

export type MutationUpdateCategoryArgs = {
  id: Scalars['ID']['input'];
  input: UpdateCategoryInput;
};

export type MutationUpdateOrderStatusArgs = {
  id: Scalars['ID']['input'];
  status: OrderStatus;
};

export type MutationUpdateProductArgs = {
  id: Scalars['ID']['input'];
  input: UpdateProductInput;
};

export type MutationUpdateReviewArgs = {
  id: Scalars['ID']['input'];
  input: UpdateReviewInput;
};

export type Order = {
  __typename?: 'Order';
  /** Sum of the CAPTURED payments. */
  amountPaid: Scalars['Decimal']['output'];
  /** total - amountPaid, never below 0. */
  balanceDue: Scalars['Decimal']['output'];
  cancelReason?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  currency: Scalars['String']['output'];
  /** The buyer, resolved by the users subgraph. */
  customer?: Maybe<User>;
  discount: Scalars['Decimal']['output'];
  id: Scalars['ID']['output'];
  items: Array<OrderItem>;
  /** The states this order may move to next. */
  nextStatuses: Array<OrderStatus>;
  number: Scalars['String']['output'];
  /** When captured payments first covered the total. */
  paidAt?: Maybe<Scalars['DateTime']['output']>;
  paymentStatus: OrderPaymentStatus;
  /** Oldest first. */
  payments: Array<Payment>;
  /** The tenant's base charge plus its rate per kg of the order's weight. */
  shipping: Scalars['Decimal']['output'];
  status: OrderStatus;
  /** Sum of the line totals, computed by the service from the prices captured at purchase. */
  subtotal: Scalars['Decimal']['output'];
  /** subtotal x the tenant's tax rate, rounded half up to cents. */
  tax: Scalars['Decimal']['output'];
  /** subtotal + tax + shipping - discount (also checked by the database). */
  total: Scalars['Decimal']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type OrderConnection = {
  __typename?: 'OrderConnection';
  edges: Array<OrderEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type OrderEdge = {
  __typename?: 'OrderEdge';
  cursor: Scalars['String']['output'];
  node: Order;
};

export type OrderItem = {
  __typename?: 'OrderItem';
  id: Scalars['ID']['output'];
  lineTotal: Scalars['Decimal']['output'];
  product?: Maybe<Product>;
  /** Captured at purchase. */
  productName: Scalars['String']['output'];
  quantity: Scalars['Int']['output'];
  /** Captured at purchase. */
  unitPrice: Scalars['Decimal']['output'];
};

export type OrderLineInput = {
  productId: Scalars['ID']['input'];
  /** At least 1. */
  quantity: Scalars['Int']['input'];
};

export type OrderPaymentStatus =
  /** Captured payments cover the total. */
  'PAID' | 'PARTIALLY_PAID' | 'UNPAID';

/**
 * PENDING -> CONFIRMED -> PROCESSING -> SHIPPED -> IN_TRANSIT -> DELIVERED; CANCELLED from PENDING,
 * CONFIRMED or PROCESSING.
 */
export type OrderStatus =
  /** Reservations released (or, after confirmation, stock returned). */
  | 'CANCELLED'
  /** Reserved stock has left the inventory (OUT movements). */
  | 'CONFIRMED'
  | 'DELIVERED'
  | 'IN_TRANSIT'
  /** Placed: stock is reserved. */
  | 'PENDING'
  | 'PROCESSING'
  | 'SHIPPED';

/** Relay-style pagination state. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Pass as `after` to fetch the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Payment = {
  __typename?: 'Payment';
  amount: Scalars['Decimal']['output'];
  capturedAt?: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  currency: Scalars['String']['output'];
  /** The payment provider's transaction id; unique. */
  externalTransactionId: Scalars['String']['output'];
  /** What the payment provider answered. ADMIN and MANAGER only; null with a FORBIDDEN error for others. */
  gatewayResponse?: Maybe<Scalars['JSON']['output']>;
  id: Scalars['ID']['output'];
  method: PaymentMethod;
  order?: Maybe<Order>;
  status: PaymentStatus;
};

export type PaymentMethod = 'BANK_TRANSFER' | 'CARD' | 'CASH' | 'LETTER_OF_CREDIT' | 'WALLET';

export type PaymentStatus = 'AUTHORIZED' | 'CAPTURED' | 'FAILED' | 'PENDING' | 'REFUNDED';

/** Prices, totals and the customer are never taken from the client: the service computes them. */
export type PlaceOrderInput = {
  /** 1 to 50 lines, each product at most once. */
  items: Array<OrderLineInput>;
};

/**
 * Cache hint: 60 s, shared by the tenant's callers (the gateway's response cache; any mutation of the
 * tenant clears it sooner). Stock fields say 10 s, the role-dependent cost makes an answer per user.
 */
export type Product = {
  __typename?: 'Product';
  /** Units that can still be ordered across all locations. Cache hint: 10 s (stock moves with every order). */
  availableQuantity: Scalars['Int']['output'];
  /** Mean rating rounded to 2 decimals; null without reviews. */
  averageRating?: Maybe<Scalars['Float']['output']>;
  category?: Maybe<Category>;
  /** What the product costs the tenant. Only ADMIN and MANAGER read it; null with a FORBIDDEN error for everyone else. */
  cost?: Maybe<Scalars['Decimal']['output']>;
  createdAt: Scalars['DateTime']['output'];
  description: Scalars['String']['output'];
  /** Package dimensions, when known. */
  dimensions?: Maybe<Dimensions>;
  /** Harmonized System code, e.g. 0901.11. */
  hsCode?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Stock per location. */
  inventory: Array<InventoryLevel>;
  name: Scalars['String']['output'];
  price: Scalars['Decimal']['output'];
  reviewCount: Scalars['Int']['output'];
  /** Newest first. */
  reviews: ReviewConnection;
  /** Unique within the tenant: upper-case letters, digits, '.', '_' and '-'. */
  sku: Scalars['String']['output'];
  status: ProductStatus;
  /** The stock ledger of this product, newest first. ADMIN or MANAGER only; null with a FORBIDDEN error for others. */
  stockMovements?: Maybe<StockMovementConnection>;
  stockStatus: StockStatus;
  tags: Array<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  weightKg: Scalars['Decimal']['output'];
};

/**
 * Cache hint: 60 s, shared by the tenant's callers (the gateway's response cache; any mutation of the
 * tenant clears it sooner). Stock fields say 10 s, the role-dependent cost makes an answer per user.
 */
export type ProductReviewsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * Cache hint: 60 s, shared by the tenant's callers (the gateway's response cache; any mutation of the
 * tenant clears it sooner). Stock fields say 10 s, the role-dependent cost makes an answer per user.
 */
export type ProductStockMovementsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type ProductConnection = {
  __typename?: 'ProductConnection';
  edges: Array<ProductEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ProductEdge = {
  __typename?: 'ProductEdge';
  cursor: Scalars['String']['output'];
  node: Product;
};

export type ProductFilter = {
  /** true: only ACTIVE products (the ones that can be ordered); false: only the others. */
  active?: InputMaybe<Scalars['Boolean']['input']>;
  /** The category and all of its subcategories. */
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  maxPrice?: InputMaybe<Scalars['Decimal']['input']>;
  minPrice?: InputMaybe<Scalars['Decimal']['input']>;
  /**
   * Full-text search over name, SKU and description (PostgreSQL web-search syntax: words, "a phrase",
   * or, -excluded). Words are stemmed: "coffees" finds "coffee".
   */
  search?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<ProductStatus>;
  tag?: InputMaybe<Scalars['String']['input']>;
};

export type ProductSort =
  | 'NAME_ASC'
  /** Newest first (the default without a search). */
  | 'NEWEST'
  | 'OLDEST'
  | 'PRICE_ASC'
  | 'PRICE_DESC'
  /** Best match first (the default with a search); needs filter.search. */
  | 'RELEVANCE';

export type ProductStatus = 'ACTIVE' | 'DISCONTINUED' | 'DRAFT';

export type Query = {
  __typename?: 'Query';
  catalogSettings: CatalogSettings;
  /** Every ACTIVE category of the caller's tenant, by sort order then name. */
  categories: Array<Category>;
  category?: Maybe<Category>;
  order?: Maybe<Order>;
  /** Orders of the caller's tenant, newest first; a customer sees only their own. */
  orders: OrderConnection;
  product?: Maybe<Product>;
  productBySku?: Maybe<Product>;
  /** Products of the caller's tenant: filtered, sorted, paged (newest first by default). */
  products: ProductConnection;
};

export type QueryCategoryArgs = {
  id: Scalars['ID']['input'];
};

export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};

export type QueryOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<OrderStatus>;
};

export type QueryProductArgs = {
  id: Scalars['ID']['input'];
};

export type QueryProductBySkuArgs = {
  sku: Scalars['String']['input'];
};

export type QueryProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProductFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<ProductSort>;
};

export type ReceiveStockInput = {
  batchNumber?: InputMaybe<Scalars['String']['input']>;
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The location receiving the goods; its stock level is created on first receipt. */
  location: Scalars['String']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
  productId: Scalars['ID']['input'];
  /** Units received, at least 1. */
  quantity: Scalars['Int']['input'];
  /** E.g. a goods receipt or purchase order number. */
  reference: Scalars['String']['input'];
};

export type Review = {
  __typename?: 'Review';
  /** Resolved by the users subgraph. */
  author?: Maybe<User>;
  comment: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** The order the review refers to, when the author named one (visible to whoever may see that order). */
  order?: Maybe<Order>;
  product?: Maybe<Product>;
  /** 1 to 5. */
  rating: Scalars['Int']['output'];
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** The author has a DELIVERED order containing the product. */
  verifiedPurchase: Scalars['Boolean']['output'];
};

export type ReviewConnection = {
  __typename?: 'ReviewConnection';
  edges: Array<ReviewEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ReviewEdge = {
  __typename?: 'ReviewEdge';
  cursor: Scalars['String']['output'];
  node: Review;
};

export type SetStockLimitsInput = {
  location: Scalars['String']['input'];
  /** null: no maximum. */
  maxStock?: InputMaybe<Scalars['Int']['input']>;
  minStock: Scalars['Int']['input'];
  productId: Scalars['ID']['input'];
};

/** One entry of the append-only stock ledger. */
export type StockMovement = {
  __typename?: 'StockMovement';
  /** Who caused it. */
  actor?: Maybe<User>;
  /** The level's quantity right after this movement. */
  balanceAfter: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  location: Scalars['String']['output'];
  note: Scalars['String']['output'];
  order?: Maybe<Order>;
  /** Signed: IN adds, OUT removes, ADJUSTMENT corrects either way. */
  quantity: Scalars['Int']['output'];
  /** What caused it: an order number, a goods receipt, a stock count. */
  reference: Scalars['String']['output'];
  type: StockMovementType;
};

export type StockMovementConnection = {
  __typename?: 'StockMovementConnection';
  edges: Array<StockMovementEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type StockMovementEdge = {
  __typename?: 'StockMovementEdge';
  cursor: Scalars['String']['output'];
  node: StockMovement;
};

export type StockMovementType = 'ADJUSTMENT' | 'IN' | 'OUT';

export type StockStatus = 'IN_STOCK' | 'LOW_STOCK' | 'OUT_OF_STOCK';

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * The order again each time it changes (placed, status changed, paid, cancelled), fed by the event
   * stream. Only an order the caller may read (a customer, their own): another one is NOT_FOUND.
   */
  orderUpdated: Order;
  /** The product again each time its stock is received, adjusted or its limits change. Any signed-in caller of the tenant. */
  stockChanged: Product;
};

export type SubscriptionOrderUpdatedArgs = {
  id: Scalars['ID']['input'];
};

export type SubscriptionStockChangedArgs = {
  productId: Scalars['ID']['input'];
};

export type UpdateCatalogSettingsInput = {
  currency?: InputMaybe<Scalars['String']['input']>;
  shippingBase?: InputMaybe<Scalars['Decimal']['input']>;
  shippingPerKg?: InputMaybe<Scalars['Decimal']['input']>;
  taxRate?: InputMaybe<Scalars['Decimal']['input']>;
};

/** Only the fields given change; parentId null makes the category a root. */
export type UpdateCategoryInput = {
  name?: InputMaybe<Scalars['String']['input']>;
  parentId?: InputMaybe<Scalars['ID']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
  sortOrder?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<CategoryStatus>;
};

/** Only the fields given change; null clears dimensions, hsCode and categoryId. */
export type UpdateProductInput = {
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  cost?: InputMaybe<Scalars['Decimal']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  dimensions?: InputMaybe<DimensionsInput>;
  hsCode?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  price?: InputMaybe<Scalars['Decimal']['input']>;
  sku?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<ProductStatus>;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  weightKg?: InputMaybe<Scalars['Decimal']['input']>;
};

export type UpdateReviewInput = {
  comment?: InputMaybe<Scalars['String']['input']>;
  rating?: InputMaybe<Scalars['Int']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
};

/** The users subgraph owns User; the catalog contributes the user's orders and reviews. */
export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
  /** Orders placed by this user, newest first. */
  orders: OrderConnection;
  /** Reviews written by this user, newest first. */
  reviews: ReviewConnection;
};

/** The users subgraph owns User; the catalog contributes the user's orders and reviews. */
export type UserOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** The users subgraph owns User; the catalog contributes the user's orders and reviews. */
export type UserReviewsArgs = {
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
  Category: Category;
  Order: Order;
  Product: Product;
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Category: { __typename: 'Category' } & GraphQLRecursivePick<FederationTypes['Category'], { id: true }>;
  Order: { __typename: 'Order' } & GraphQLRecursivePick<FederationTypes['Order'], { id: true }>;
  Product: { __typename: 'Product' } & GraphQLRecursivePick<FederationTypes['Product'], { id: true }>;
  User: { __typename: 'User' } & GraphQLRecursivePick<FederationTypes['User'], { id: true }>;
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AdjustStockInput: AdjustStockInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CacheControlScope: CacheControlScope;
  CapturePaymentInput: CapturePaymentInput;
  CatalogSettings: ResolverTypeWrapper<PricingSettingsRow>;
  Category: ResolverTypeWrapper<CategoryRow>;
  CategoryStatus: CategoryStatus;
  CreateCategoryInput: CreateCategoryInput;
  CreateProductInput: CreateProductInput;
  CreateReviewInput: CreateReviewInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Decimal: ResolverTypeWrapper<Scalars['Decimal']['output']>;
  Dimensions: ResolverTypeWrapper<Dimensions>;
  DimensionsInput: DimensionsInput;
  InventoryLevel: ResolverTypeWrapper<InventoryRow>;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Order: ResolverTypeWrapper<OrderRow>;
  OrderConnection: ResolverTypeWrapper<ConnectionRow<OrderRow>>;
  OrderEdge: ResolverTypeWrapper<Omit<OrderEdge, 'node'> & { node: ResolversTypes['Order'] }>;
  OrderItem: ResolverTypeWrapper<OrderItemRow>;
  OrderLineInput: OrderLineInput;
  OrderPaymentStatus: OrderPaymentStatus;
  OrderStatus: OrderStatus;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Payment: ResolverTypeWrapper<PaymentRow>;
  PaymentMethod: PaymentMethod;
  PaymentStatus: PaymentStatus;
  PlaceOrderInput: PlaceOrderInput;
  Product: ResolverTypeWrapper<ProductRow>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  ProductConnection: ResolverTypeWrapper<ConnectionRow<ProductRow>>;
  ProductEdge: ResolverTypeWrapper<Omit<ProductEdge, 'node'> & { node: ResolversTypes['Product'] }>;
  ProductFilter: ProductFilter;
  ProductSort: ProductSort;
  ProductStatus: ProductStatus;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReceiveStockInput: ReceiveStockInput;
  Review: ResolverTypeWrapper<ReviewRow>;
  ReviewConnection: ResolverTypeWrapper<ConnectionRow<ReviewRow>>;
  ReviewEdge: ResolverTypeWrapper<Omit<ReviewEdge, 'node'> & { node: ResolversTypes['Review'] }>;
  SetStockLimitsInput: SetStockLimitsInput;
  StockMovement: ResolverTypeWrapper<StockMovementRow>;
  StockMovementConnection: ResolverTypeWrapper<ConnectionRow<StockMovementRow>>;
  StockMovementEdge: ResolverTypeWrapper<Omit<StockMovementEdge, 'node'> & { node: ResolversTypes['StockMovement'] }>;
  StockMovementType: StockMovementType;
  StockStatus: StockStatus;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  UpdateCatalogSettingsInput: UpdateCatalogSettingsInput;
  UpdateCategoryInput: UpdateCategoryInput;
  UpdateProductInput: UpdateProductInput;
  UpdateReviewInput: UpdateReviewInput;
  User: ResolverTypeWrapper<EntityReferenceRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AdjustStockInput: AdjustStockInput;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  CapturePaymentInput: CapturePaymentInput;
  CatalogSettings: PricingSettingsRow;
  Category: CategoryRow;
  CreateCategoryInput: CreateCategoryInput;
  CreateProductInput: CreateProductInput;
  CreateReviewInput: CreateReviewInput;
  DateTime: Scalars['DateTime']['output'];
  Decimal: Scalars['Decimal']['output'];
  Dimensions: Dimensions;
  DimensionsInput: DimensionsInput;
  InventoryLevel: InventoryRow;
  JSON: Scalars['JSON']['output'];
  Mutation: Record<PropertyKey, never>;
  Order: OrderRow;
  OrderConnection: ConnectionRow<OrderRow>;
  OrderEdge: Omit<OrderEdge, 'node'> & { node: ResolversParentTypes['Order'] };
  OrderItem: OrderItemRow;
  OrderLineInput: OrderLineInput;
  PageInfo: PageInfo;
  Payment: PaymentRow;
  PlaceOrderInput: PlaceOrderInput;
  Product: ProductRow;
  Float: Scalars['Float']['output'];
  ProductConnection: ConnectionRow<ProductRow>;
  ProductEdge: Omit<ProductEdge, 'node'> & { node: ResolversParentTypes['Product'] };
  ProductFilter: ProductFilter;
  Query: Record<PropertyKey, never>;
  ReceiveStockInput: ReceiveStockInput;
  Review: ReviewRow;
  ReviewConnection: ConnectionRow<ReviewRow>;
  ReviewEdge: Omit<ReviewEdge, 'node'> & { node: ResolversParentTypes['Review'] };
  SetStockLimitsInput: SetStockLimitsInput;
  StockMovement: StockMovementRow;
  StockMovementConnection: ConnectionRow<StockMovementRow>;
  StockMovementEdge: Omit<StockMovementEdge, 'node'> & { node: ResolversParentTypes['StockMovement'] };
  Subscription: Record<PropertyKey, never>;
  UpdateCatalogSettingsInput: UpdateCatalogSettingsInput;
  UpdateCategoryInput: UpdateCategoryInput;
  UpdateProductInput: UpdateProductInput;
  UpdateReviewInput: UpdateReviewInput;
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
  ContextType = CatalogContext,
  Args = CacheControlDirectiveArgs,
> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CatalogSettingsResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['CatalogSettings'] = ResolversParentTypes['CatalogSettings'],
> = {
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  shippingBase?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  shippingPerKg?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  taxRate?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export type CategoryResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['Category'] = ResolversParentTypes['Category'],
  FederationReferenceType extends FederationReferenceTypes['Category'] = FederationReferenceTypes['Category'],
> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Category']> | FederationReferenceType, FederationReferenceType, ContextType>;
  children?: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['Category']>, ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sortOrder?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CategoryStatus'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export interface DecimalScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Decimal'], any> {
  name: 'Decimal';
}

export type DimensionsResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['Dimensions'] = ResolversParentTypes['Dimensions'],
> = {
  heightCm?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  lengthCm?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  widthCm?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export type InventoryLevelResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['InventoryLevel'] = ResolversParentTypes['InventoryLevel'],
> = {
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  batchNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  maxStock?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  minStock?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reserved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stockStatus?: Resolver<ResolversTypes['StockStatus'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MutationResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation'],
> = {
  adjustStock?: Resolver<ResolversTypes['InventoryLevel'], ParentType, ContextType, RequireFields<MutationAdjustStockArgs, 'input'>>;
  cancelOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationCancelOrderArgs, 'id'>>;
  capturePayment?: Resolver<ResolversTypes['Payment'], ParentType, ContextType, RequireFields<MutationCapturePaymentArgs, 'input'>>;
  createCategory?: Resolver<ResolversTypes['Category'], ParentType, ContextType, RequireFields<MutationCreateCategoryArgs, 'input'>>;
  createProduct?: Resolver<ResolversTypes['Product'], ParentType, ContextType, RequireFields<MutationCreateProductArgs, 'input'>>;
  createReview?: Resolver<ResolversTypes['Review'], ParentType, ContextType, RequireFields<MutationCreateReviewArgs, 'input'>>;
  deleteProduct?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteProductArgs, 'id'>>;
  deleteReview?: Resolver<ResolversTypes['ID'], ParentType, ContextType, RequireFields<MutationDeleteReviewArgs, 'id'>>;
  placeOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationPlaceOrderArgs, 'input'>>;
  receiveStock?: Resolver<ResolversTypes['InventoryLevel'], ParentType, ContextType, RequireFields<MutationReceiveStockArgs, 'input'>>;
  setStockLimits?: Resolver<ResolversTypes['InventoryLevel'], ParentType, ContextType, RequireFields<MutationSetStockLimitsArgs, 'input'>>;
  updateCatalogSettings?: Resolver<
    ResolversTypes['CatalogSettings'],
    ParentType,
    ContextType,
    RequireFields<MutationUpdateCatalogSettingsArgs, 'input'>
  >;
  updateCategory?: Resolver<ResolversTypes['Category'], ParentType, ContextType, RequireFields<MutationUpdateCategoryArgs, 'id' | 'input'>>;
  updateOrderStatus?: Resolver<
    ResolversTypes['Order'],
    ParentType,
    ContextType,
    RequireFields<MutationUpdateOrderStatusArgs, 'id' | 'status'>
  >;
  updateProduct?: Resolver<ResolversTypes['Product'], ParentType, ContextType, RequireFields<MutationUpdateProductArgs, 'id' | 'input'>>;
  updateReview?: Resolver<ResolversTypes['Review'], ParentType, ContextType, RequireFields<MutationUpdateReviewArgs, 'id' | 'input'>>;
};

export type OrderResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'],
  FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order'],
> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  amountPaid?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  balanceDue?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  cancelReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  customer?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  discount?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['OrderItem']>, ParentType, ContextType>;
  nextStatuses?: Resolver<Array<ResolversTypes['OrderStatus']>, ParentType, ContextType>;
  number?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  paidAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  paymentStatus?: Resolver<ResolversTypes['OrderPaymentStatus'], ParentType, ContextType>;
  payments?: Resolver<Array<ResolversTypes['Payment']>, ParentType, ContextType>;
  shipping?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
  subtotal?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  tax?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type OrderConnectionResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['OrderConnection'] = ResolversParentTypes['OrderConnection'],
> = {
  edges?: Resolver<Array<ResolversTypes['OrderEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type OrderEdgeResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['OrderEdge'] = ResolversParentTypes['OrderEdge'],
> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
};

export type OrderItemResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['OrderItem'] = ResolversParentTypes['OrderItem'],
> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lineTotal?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  productName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unitPrice?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export type PageInfoResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo'],
> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PaymentResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['Payment'] = ResolversParentTypes['Payment'],
> = {
  amount?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  capturedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  externalTransactionId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  gatewayResponse?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['PaymentMethod'], ParentType, ContextType>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PaymentStatus'], ParentType, ContextType>;
};

export type ProductResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product'],
  FederationReferenceType extends FederationReferenceTypes['Product'] = FederationReferenceTypes['Product'],
> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Product']> | FederationReferenceType, FederationReferenceType, ContextType>;
  availableQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  averageRating?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  category?: Resolver<Maybe<ResolversTypes['Category']>, ParentType, ContextType>;
  cost?: Resolver<Maybe<ResolversTypes['Decimal']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dimensions?: Resolver<Maybe<ResolversTypes['Dimensions']>, ParentType, ContextType>;
  hsCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  inventory?: Resolver<Array<ResolversTypes['InventoryLevel']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  price?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
  reviewCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reviews?: Resolver<ResolversTypes['ReviewConnection'], ParentType, ContextType, RequireFields<ProductReviewsArgs, 'first'>>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ProductStatus'], ParentType, ContextType>;
  stockMovements?: Resolver<
    Maybe<ResolversTypes['StockMovementConnection']>,
    ParentType,
    ContextType,
    RequireFields<ProductStockMovementsArgs, 'first'>
  >;
  stockStatus?: Resolver<ResolversTypes['StockStatus'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  weightKg?: Resolver<ResolversTypes['Decimal'], ParentType, ContextType>;
};

export type ProductConnectionResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['ProductConnection'] = ResolversParentTypes['ProductConnection'],
> = {
  edges?: Resolver<Array<ResolversTypes['ProductEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ProductEdgeResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['ProductEdge'] = ResolversParentTypes['ProductEdge'],
> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
};

export type QueryResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query'],
> = {
  catalogSettings?: Resolver<ResolversTypes['CatalogSettings'], ParentType, ContextType>;
  categories?: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType>;
  category?: Resolver<Maybe<ResolversTypes['Category']>, ParentType, ContextType, RequireFields<QueryCategoryArgs, 'id'>>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, RequireFields<QueryOrderArgs, 'id'>>;
  orders?: Resolver<ResolversTypes['OrderConnection'], ParentType, ContextType, RequireFields<QueryOrdersArgs, 'first'>>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType, RequireFields<QueryProductArgs, 'id'>>;
  productBySku?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType, RequireFields<QueryProductBySkuArgs, 'sku'>>;
  products?: Resolver<ResolversTypes['ProductConnection'], ParentType, ContextType, RequireFields<QueryProductsArgs, 'first'>>;
};

export type ReviewResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['Review'] = ResolversParentTypes['Review'],
> = {
  author?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  comment?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  rating?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  verifiedPurchase?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ReviewConnectionResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['ReviewConnection'] = ResolversParentTypes['ReviewConnection'],
> = {
  edges?: Resolver<Array<ResolversTypes['ReviewEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ReviewEdgeResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['ReviewEdge'] = ResolversParentTypes['ReviewEdge'],
> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Review'], ParentType, ContextType>;
};

export type StockMovementResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['StockMovement'] = ResolversParentTypes['StockMovement'],
> = {
  actor?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  balanceAfter?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  location?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  note?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reference?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['StockMovementType'], ParentType, ContextType>;
};

export type StockMovementConnectionResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['StockMovementConnection'] = ResolversParentTypes['StockMovementConnection'],
> = {
  edges?: Resolver<Array<ResolversTypes['StockMovementEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type StockMovementEdgeResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['StockMovementEdge'] = ResolversParentTypes['StockMovementEdge'],
> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['StockMovement'], ParentType, ContextType>;
};

export type SubscriptionResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription'],
> = {
  orderUpdated?: SubscriptionResolver<
    ResolversTypes['Order'],
    'orderUpdated',
    ParentType,
    ContextType,
    RequireFields<SubscriptionOrderUpdatedArgs, 'id'>
  >;
  stockChanged?: SubscriptionResolver<
    ResolversTypes['Product'],
    'stockChanged',
    ParentType,
    ContextType,
    RequireFields<SubscriptionStockChangedArgs, 'productId'>
  >;
};

export type UserResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'],
  FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User'],
> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  orders?: Resolver<ResolversTypes['OrderConnection'], ParentType, ContextType, RequireFields<UserOrdersArgs, 'first'>>;
  reviews?: Resolver<ResolversTypes['ReviewConnection'], ParentType, ContextType, RequireFields<UserReviewsArgs, 'first'>>;
};

export type Resolvers<ContextType = CatalogContext> = {
  CatalogSettings?: CatalogSettingsResolvers<ContextType>;
  Category?: CategoryResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Decimal?: GraphQLScalarType;
  Dimensions?: DimensionsResolvers<ContextType>;
  InventoryLevel?: InventoryLevelResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  OrderConnection?: OrderConnectionResolvers<ContextType>;
  OrderEdge?: OrderEdgeResolvers<ContextType>;
  OrderItem?: OrderItemResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Payment?: PaymentResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  ProductConnection?: ProductConnectionResolvers<ContextType>;
  ProductEdge?: ProductEdgeResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Review?: ReviewResolvers<ContextType>;
  ReviewConnection?: ReviewConnectionResolvers<ContextType>;
  ReviewEdge?: ReviewEdgeResolvers<ContextType>;
  StockMovement?: StockMovementResolvers<ContextType>;
  StockMovementConnection?: StockMovementConnectionResolvers<ContextType>;
  StockMovementEdge?: StockMovementEdgeResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = CatalogContext> = {
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
};
