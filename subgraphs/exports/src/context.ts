import type { ServiceContext } from '@fed/service-kit';
import type { ExportStore } from './exports/store.ts';

export interface ExportsContext extends ServiceContext {
  exports: ExportStore;
}
