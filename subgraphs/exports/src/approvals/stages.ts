import { rolesFor, type Role } from '@fed/service-kit';
import type { ApprovalStage, DocumentType, ExportStatus } from '../generated/prisma/client.ts';

/** How one stage of the approval chain is decided. */
export interface StageRule {
  stage: ApprovalStage;
  /** 1..5: the order in which stages are decided. */
  position: number;
  /** The only role that may decide the stage (from the platform's table of actions). */
  role: Role;
  /** Documents that must be attached before the stage can be approved. */
  requiredDocuments: DocumentType[];
  /** The export's status while the stage is pending. */
  statusWhilePending: ExportStatus;
  /** The export's status once the stage is approved. */
  statusOnApproval: ExportStatus;
}

const rule = (
  position: number,
  stage: ApprovalStage,
  requiredDocuments: DocumentType[],
  statusWhilePending: ExportStatus,
  statusOnApproval: ExportStatus,
): StageRule => {
  const [role] = rolesFor(`approval.decide.${stage}`);
  if (!role) throw new Error(`No role decides ${stage}`);
  return { stage, position, role, requiredDocuments, statusWhilePending, statusOnApproval };
};

/**
 * The approval chain, in order. The database keeps the same order (the `ApprovalStage` enum, a
 * trigger that needs the previous stage approved, and `Export_stage_check` tying stage to status).
 */
export const APPROVAL_CHAIN: readonly StageRule[] = [
  rule(1, 'FX_APPROVAL', ['INVOICE', 'SALES_CONTRACT'], 'SUBMITTED', 'IN_REVIEW'),
  rule(2, 'QUALITY_CERTIFICATION', ['QUALITY_CERTIFICATE'], 'IN_REVIEW', 'IN_REVIEW'),
  rule(3, 'SHIPMENT_SCHEDULING', ['PACKING_LIST'], 'IN_REVIEW', 'IN_REVIEW'),
  rule(4, 'CUSTOMS_CLEARANCE', ['CUSTOMS_DECLARATION', 'CERTIFICATE_OF_ORIGIN', 'EXPORT_LICENSE'], 'IN_REVIEW', 'APPROVED'),
  rule(5, 'EXPORT_COMPLETION', ['BILL_OF_LADING'], 'APPROVED', 'COMPLETED'),
];

export const FIRST_STAGE = APPROVAL_CHAIN[0]!;

export function stageRule(stage: ApprovalStage): StageRule {
  const found = APPROVAL_CHAIN.find((candidate) => candidate.stage === stage);
  if (!found) throw new Error(`Unknown approval stage ${stage}`);
  return found;
}

/** The stage after `stage`, or null when it is the last. */
export function nextStage(stage: ApprovalStage): StageRule | null {
  return APPROVAL_CHAIN[stageRule(stage).position] ?? null;
}

/** The stages whose role the caller holds: what they may decide. */
export const stagesDecidedBy = (roles: readonly Role[]): ApprovalStage[] =>
  APPROVAL_CHAIN.filter((candidate) => roles.includes(candidate.role)).map((candidate) => candidate.stage);

/** Statuses in which an export waits at some stage. */
export const PENDING_STATUSES: ExportStatus[] = ['SUBMITTED', 'IN_REVIEW', 'APPROVED'];

/** Statuses whose quota counts against the license (a rejected or cancelled export frees it). */
export const QUOTA_HOLDING_STATUSES: ExportStatus[] = ['SUBMITTED', 'IN_REVIEW', 'APPROVED', 'COMPLETED'];

/** Statuses after which nothing about the export changes any more. */
export const CLOSED_STATUSES: ExportStatus[] = ['COMPLETED', 'REJECTED', 'CANCELLED'];
