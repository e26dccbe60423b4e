import type { ServiceContext } from '@fed/service-kit';
import type { ManifestStore } from './manifests/store.ts';

export interface ShippingContext extends ServiceContext {
  manifests: ManifestStore;
}
