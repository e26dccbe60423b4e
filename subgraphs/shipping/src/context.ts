import type { LiveContext } from '@fed/service-kit';
import type { CarrierAdmin } from './carriers/service.ts';
import type { CarrierStore } from './carriers/store.ts';
import type { ManifestLifecycle } from './manifests/service.ts';
import type { ManifestStore } from './manifests/store.ts';
import type { RateBooking } from './rates/service.ts';
import type { RateQuoteStore } from './rates/store.ts';

export interface ShippingContext extends LiveContext {
  manifests: ManifestStore;
  manifestLifecycle: ManifestLifecycle;
  carriers: CarrierStore;
  carrierAdmin: CarrierAdmin;
  rateQuotes: RateQuoteStore;
  rateBooking: RateBooking;
}
