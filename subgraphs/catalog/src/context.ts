import type { LiveContext } from '@fed/service-kit';
import type { CategoryService } from './categories/service.ts';
import type { CategoryStore } from './categories/store.ts';
import type { InventoryService } from './inventory/service.ts';
import type { InventoryStore } from './inventory/store.ts';
import type { OrderService } from './orders/service.ts';
import type { OrderStore } from './orders/store.ts';
import type { PaymentService } from './payments/service.ts';
import type { PaymentStore } from './payments/store.ts';
import type { ProductService } from './products/service.ts';
import type { ProductStore } from './products/store.ts';
import type { ReviewService } from './reviews/service.ts';
import type { ReviewStore } from './reviews/store.ts';
import type { SettingsService } from './settings/service.ts';

/** Per request: stores read (batched through the request's loaders), services change state. */
export interface CatalogContext extends LiveContext {
  categories: CategoryStore;
  categoryService: CategoryService;
  products: ProductStore;
  productService: ProductService;
  inventory: InventoryStore;
  inventoryService: InventoryService;
  reviews: ReviewStore;
  reviewService: ReviewService;
  orders: OrderStore;
  orderService: OrderService;
  payments: PaymentStore;
  paymentService: PaymentService;
  settingsService: SettingsService;
}
