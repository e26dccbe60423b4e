import { BadUserInputError, ConflictError, ForbiddenError, InvalidTransitionError, NotFoundError, uuidInput } from '@fed/service-kit';
import { auditExports, type Caller } from '../caller.ts';
import { inTransaction, type ExportsClient, type ExportsTransaction } from '../db.ts';
import { appendStatusChange } from '../exports/history.ts';
import { lockExport } from '../exports/store.ts';
import { exportSnapshot } from '../exports/workflow.ts';
import type { ApprovalDecision, ApprovalStage, Export, ExportApproval } from '../generated/prisma/client.ts';
import { optionalText, requiredText } from '../input.ts';
import { nextStage, stageRule, type StageRule } from './stages.ts';

export interface DecideStageInput {
  exportId: string;
  stage: ApprovalStage;
  decision: ApprovalDecision;
  reason?: string | null;
  conditions?: string[] | null;
}

const MAX_CONDITIONS = 20;

/**
 * Decides an export's pending stage. The caller's role was checked against the stage by the
 * resolver. In one transaction, under the export's row lock: the stage must be the pending one,
 * approving needs the stage's documents, the decision is appended (unique per export and stage),
 * the export moves on, the history and the audit event are written. Two officers deciding the same
 * stage at once queue on the lock; the second finds the stage decided and gets a CONFLICT.
 */
export class ApprovalService {
  constructor(private readonly db: ExportsClient) {}

  async decide(caller: Caller, input: DecideStageInput): Promise<ExportApproval> {
    const { identity } = caller;
    const rule = stageRule(input.stage);
    const exportId = uuidInput('exportId', input.exportId);
    const reason = optionalText('reason', input.reason, 2000);
    if (input.decision === 'REJECTED' && !reason) throw new BadUserInputError('reason', 'is required to reject a stage');
    const conditions = input.conditions ?? [];
    if (conditions.length > MAX_CONDITIONS) throw new BadUserInputError('conditions', `must have at most ${MAX_CONDITIONS} entries`);
    const parsedConditions = conditions.map((condition, index) => requiredText(`conditions[${index}]`, condition, 500));
    return inTransaction(this.db, async (tx) => {
      const request = await lockExport(tx, exportId, identity.tenantId);
      if (!request) throw new NotFoundError('Export', input.exportId);
      if (request.currentStage !== rule.stage) throw outOfTurn(request, rule);
      await requireSeparationOfDuties(tx, request, rule, identity.userId);
      if (input.decision === 'APPROVED') {
        const attached = await tx.exportDocument.findMany({
          where: { exportId, type: { in: rule.requiredDocuments } },
          select: { type: true },
          distinct: ['type'],
        });
        const missing = rule.requiredDocuments.filter((type) => !attached.some((document) => document.type === type));
        if (missing.length > 0) {
          throw new ConflictError(
            `Stage ${rule.stage} of export ${request.reference} cannot be approved: attach ${missing.join(', ')} first`,
            { stage: rule.stage, missingDocuments: missing },
          );
        }
      }
      const now = new Date();
      // The unique key (exportId, stage) and the in-order trigger back up the checks above.
      const approval = await tx.exportApproval.create({
        data: {
          tenantId: identity.tenantId,
          exportId,
          stage: rule.stage,
          decision: input.decision,
          deciderId: identity.userId,
          reason,
          conditions: parsedConditions,
          decidedAt: now,
        },
      });
      const next = input.decision === 'APPROVED' ? nextStage(rule.stage) : null;
      const status = input.decision === 'APPROVED' ? rule.statusOnApproval : 'REJECTED';
      const decided = await tx.export.update({
        where: { id: exportId },
        data: {
          status,
          currentStage: next?.stage ?? null,
          stageEnteredAt: next ? now : null,
          ...(status === 'COMPLETED' ? { completedAt: now } : {}),
        },
      });
      if (status !== request.status) {
        await appendStatusChange(tx, {
          tenantId: identity.tenantId,
          exportId,
          from: request.status,
          to: status,
          actorId: identity.userId,
          reason: `${rule.stage} ${input.decision.toLowerCase()}${reason ? `: ${reason}` : ''}`,
        });
      }
      await auditExports(tx, caller, {
        action: input.decision === 'APPROVED' ? 'export.stage_approved' : 'export.stage_rejected',
        entityType: 'Export',
        entityId: exportId,
        before: exportSnapshot(request),
        after: { ...exportSnapshot(decided), stage: rule.stage, decision: input.decision, reason, conditions: parsedConditions },
        severity: input.decision === 'APPROVED' ? 'INFO' : 'NOTICE',
      });
      return approval;
    });
  }
}

/**
 * Separation of duties, whatever roles the caller holds: nobody decides a stage of an export they
 * requested or submitted, and no person decides more than one stage of the same export. Checked
 * under the export's row lock, so two stages decided at once by one person cannot both pass.
 */
async function requireSeparationOfDuties(tx: ExportsTransaction, request: Export, rule: StageRule, userId: string): Promise<void> {
  const deciding = `Deciding ${rule.stage} of export ${request.reference}`;
  const submission = await tx.exportStatusChange.findFirst({
    where: { exportId: request.id, toStatus: 'SUBMITTED', actorId: userId },
    select: { id: true },
  });
  if (request.requestedById === userId || submission) {
    throw new ForbiddenError(`${deciding}: nobody decides a stage of an export they requested or submitted`, {
      rule: SEPARATION_OF_DUTIES.OWN_CASE,
    });
  }
  const earlier = await tx.exportApproval.findFirst({ where: { exportId: request.id, deciderId: userId }, select: { stage: true } });
  if (earlier) {
    throw new ForbiddenError(
      `${deciding}: the caller already decided ${earlier.stage} of it, and one person decides one stage of an export`,
      {
        rule: SEPARATION_OF_DUTIES.ONE_DECISION_PER_CASE,
        decidedStage: earlier.stage,
      },
    );
  }
}

/** The rules a separation-of-duties refusal names in `extensions.rule`. */
export const SEPARATION_OF_DUTIES = {
  OWN_CASE: 'SEPARATION_OF_DUTIES_OWN_CASE',
  ONE_DECISION_PER_CASE: 'SEPARATION_OF_DUTIES_ONE_DECISION_PER_CASE',
} as const;

/** Why a stage that is not the pending one cannot be decided: closed, already decided, or not yet due. */
function outOfTurn(request: Export, rule: StageRule): Error {
  const entity = `Export ${request.reference}`;
  if (!request.currentStage) {
    return new InvalidTransitionError(
      entity,
      request.status,
      rule.statusOnApproval,
      `${rule.stage} can be decided only while it is pending, and a ${request.status} export has no pending stage`,
    );
  }
  const pending = stageRule(request.currentStage);
  if (rule.position < pending.position) {
    return new ConflictError(`Stage ${rule.stage} of export ${request.reference} has already been decided; it waits at ${pending.stage}`, {
      stage: rule.stage,
      currentStage: pending.stage,
    });
  }
  return new ConflictError(
    `Stage ${rule.stage} of export ${request.reference} cannot be decided yet: ${pending.stage} must be approved first`,
    { stage: rule.stage, currentStage: pending.stage },
  );
}
