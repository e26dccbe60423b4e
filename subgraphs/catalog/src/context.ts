import type { ServiceContext } from '@fed/service-kit';
import type { OrderStore } from './orders/store.ts';
import type { ProductStore } from './products/store.ts';

export interface CatalogContext extends ServiceContext {
  products: ProductStore;
  orders: OrderStore;
}
