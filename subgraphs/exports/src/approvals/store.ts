import {
  columnsKey,
  DataLoader,
  groupLoader,
  pageRequest,
  toConnection,
  type Columns,
  type Connection,
  type Identity,
  type LoaderCache,
  type PageRequest,
} from '@fed/service-kit';
import type { ExportsClient } from '../db.ts';
import { exportRows } from '../exports/store.ts';
import type { ApprovalStage, Export, ExportApproval, Prisma } from '../generated/prisma/client.ts';
import { PENDING_STATUSES, stagesDecidedBy } from './stages.ts';

const waitingCursor = (row: Export) => ({ value: (row.stageEnteredAt ?? row.createdAt).toISOString(), id: row.id });
const longestWaitingFirst: Prisma.ExportOrderByWithRelationInput[] = [{ stageEnteredAt: 'asc' }, { id: 'asc' }];

/** Reads of the approval chain: decisions per export and what waits at which stage. */
export class ApprovalStore {
  constructor(
    private readonly db: ExportsClient,
    private readonly loaders: LoaderCache,
  ) {}

  /** `Export.approvals` in stage order (the enum's order), one query for every export in the operation. */
  approvalsOf(exportId: string, tenantId: string): Promise<ExportApproval[]> {
    return groupLoader(
      this.loaders,
      `ExportApprovals:${tenantId}`,
      (exportIds) =>
        this.db.exportApproval.findMany({
          where: { exportId: { in: exportIds }, tenantId },
          orderBy: [{ stage: 'asc' }, { decidedAt: 'asc' }],
        }),
      (row) => row.exportId,
    ).load(exportId);
  }

  /** Exports of the tenant waiting at any of `stages`, longest waiting first, with `columns` (null: every column). */
  async waitingAt(
    tenantId: string,
    stages: ApprovalStage[],
    args: { first?: number | null; after?: string | null },
    columns: Columns,
  ): Promise<Connection<Export>> {
    const page = pageRequest(args);
    const where: Prisma.ExportWhereInput = { tenantId, status: { in: PENDING_STATUSES }, currentStage: { in: stages } };
    if (stages.length === 0) return toConnection([], page.take, waitingCursor, async () => 0);
    const rows = await exportRows(
      this.db,
      { where: this.afterCursor(where, page), orderBy: longestWaitingFirst, take: page.take + 1 },
      columns,
      // What waitingCursor reads.
      ['stageEnteredAt', 'createdAt'],
    );
    return toConnection(rows, page.take, waitingCursor, () => this.db.export.count({ where }));
  }

  /**
   * `User.pendingApprovals`: for the caller asking about themself, what waits at the stages their
   * agency roles decide; for anyone else nothing (no query). Batched by user, so a user appearing
   * many times in one operation costs one query.
   */
  pendingFor(
    userId: string,
    identity: Identity,
    args: { first?: number | null; after?: string | null },
    columns: Columns,
  ): Promise<Connection<Export>> {
    // The columns are part of the name: a selection that needs more columns must not get the rows of one that needed fewer.
    const loader = this.loaders.get(
      `PendingApprovalsOfUser:${identity.tenantId}:${identity.userId}:${args.first ?? ''}:${args.after ?? ''}:${columnsKey(columns)}`,
      () =>
        new DataLoader<string, Connection<Export>>(async (userIds) =>
          Promise.all(
            userIds.map((id) =>
              this.waitingAt(identity.tenantId, id === identity.userId ? stagesDecidedBy(identity.roles) : [], args, columns),
            ),
          ),
        ),
    );
    return loader.load(userId);
  }

  private afterCursor(where: Prisma.ExportWhereInput, page: PageRequest): Prisma.ExportWhereInput {
    const after = page.after;
    if (!after) return where;
    const at = new Date(after.value);
    return { AND: [where, { OR: [{ stageEnteredAt: { gt: at } }, { stageEnteredAt: at, id: { gt: after.id } }] }] };
  }
}
