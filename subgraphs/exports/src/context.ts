import type { LiveContext } from '@fed/service-kit';
import type { ApprovalService } from './approvals/service.ts';
import type { ApprovalStore } from './approvals/store.ts';
import type { DocumentStore } from './documents/store.ts';
import type { ExportStore } from './exports/store.ts';
import type { ExportWorkflow } from './exports/workflow.ts';
import type { LicenseStore } from './licenses/store.ts';
import type { ProfileStore } from './profiles/store.ts';

export interface ExportsContext extends LiveContext {
  exports: ExportStore;
  workflow: ExportWorkflow;
  profiles: ProfileStore;
  licenses: LicenseStore;
  approvals: ApprovalStore;
  decisions: ApprovalService;
  documents: DocumentStore;
}
