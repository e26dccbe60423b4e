import { BadUserInputError, ConflictError, integerInput, InvalidTransitionError, NotFoundError, uuidInput } from '@fed/service-kit';
import { FIRST_STAGE } from '../approvals/stages.ts';
import { auditExports, type Caller } from '../caller.ts';
import { inTransaction, type ExportsClient, type ExportsTransaction } from '../db.ts';
import { Prisma, type Export, type ExportStatus } from '../generated/prisma/client.ts';
import { boundedDecimal, countryCode, currencyCode, hsCode, incoterm, optionalText, requiredText } from '../input.ts';
import { lockLicense, quotaTakenInTransaction } from '../licenses/store.ts';
import { allocateReference, appendStatusChange } from './history.ts';
import { checkSubmission } from './rules.ts';
import { lockExport } from './store.ts';

export interface CreateExportInput {
  orderId?: string | null;
  manifestId?: string | null;
  licenseId: string;
  buyer: { name: string; country: string; contact?: string | null };
  destinationCountry: string;
  declaredValue: string;
  currency: string;
  incoterm: string;
  goods: { description: string; hsCode: string; quantity: number; weightKg: string; value: string }[];
}

const MAX_GOODS_LINES = 100;
/** Statuses from which the exporter may still cancel: not once customs have cleared the export. */
const CANCELLABLE: ExportStatus[] = ['DRAFT', 'SUBMITTED', 'IN_REVIEW'];

export const exportSnapshot = (request: Export) => ({
  reference: request.reference,
  status: request.status,
  currentStage: request.currentStage,
  licenseId: request.licenseId,
  declaredValue: request.declaredValue,
  currency: request.currency,
  destinationCountry: request.destinationCountry,
  quotaAmount: request.quotaAmount,
  quotaYear: request.quotaYear,
});

/** Creating, submitting and cancelling export requests: each one transaction with its history and audit event. */
export class ExportWorkflow {
  constructor(private readonly db: ExportsClient) {}

  async create(caller: Caller, input: CreateExportInput): Promise<Export> {
    const tenantId = caller.identity.tenantId;
    const goods = this.parseGoods(input.goods);
    const declaredValue = boundedDecimal('declaredValue', input.declaredValue, { scale: 2, precision: 14, positive: true });
    const goodsValue = goods.reduce((sum, line) => sum.plus(line.value), new Prisma.Decimal(0));
    if (!goodsValue.equals(declaredValue)) {
      throw new BadUserInputError('declaredValue', `must equal the sum of the goods lines' values (${goodsValue.toFixed(2)})`);
    }
    const fields = {
      orderId: input.orderId ? uuidInput('orderId', input.orderId) : null,
      manifestId: input.manifestId ? uuidInput('manifestId', input.manifestId) : null,
      licenseId: uuidInput('licenseId', input.licenseId),
      buyerName: requiredText('buyer.name', input.buyer.name),
      buyerCountry: countryCode('buyer.country', input.buyer.country),
      buyerContact: optionalText('buyer.contact', input.buyer.contact),
      destinationCountry: countryCode('destinationCountry', input.destinationCountry),
      declaredValue,
      currency: currencyCode('currency', input.currency),
      incoterm: incoterm('incoterm', input.incoterm),
    };
    return inTransaction(this.db, async (tx) => {
      const profile = await tx.exporterProfile.findUnique({ where: { tenantId } });
      if (!profile) throw new ConflictError('The tenant has no exporter profile: register one before creating export requests');
      const license = await tx.exportLicense.findFirst({ where: { id: fields.licenseId, tenantId }, select: { id: true } });
      if (!license) throw new BadUserInputError('licenseId', "must be one of the exporter's licenses");
      if (fields.orderId) await this.refuseSecondExport(tx, tenantId, 'orderId', fields.orderId);
      if (fields.manifestId) await this.refuseSecondExport(tx, tenantId, 'manifestId', fields.manifestId);
      const now = new Date();
      const created = await tx.export.create({
        data: {
          ...fields,
          tenantId,
          reference: await allocateReference(tx, tenantId, now),
          exporterProfileId: profile.id,
          requestedById: caller.identity.userId,
          status: 'DRAFT',
          goods: { create: goods.map((line, index) => ({ ...line, tenantId, lineNo: index + 1 })) },
        },
      });
      await appendStatusChange(tx, { tenantId, exportId: created.id, from: null, to: 'DRAFT', actorId: caller.identity.userId });
      await auditExports(tx, caller, {
        action: 'export.created',
        entityType: 'Export',
        entityId: created.id,
        after: { ...exportSnapshot(created), goodsLines: goods.length },
      });
      return created;
    });
  }

  /** DRAFT -> SUBMITTED under the export's and the license's row locks; the first failing rule is named. */
  async submit(caller: Caller, rawId: string): Promise<Export> {
    const tenantId = caller.identity.tenantId;
    const id = uuidInput('id', rawId);
    return inTransaction(this.db, async (tx) => {
      const request = await lockExport(tx, id, tenantId);
      if (!request) throw new NotFoundError('Export', rawId);
      if (request.status !== 'DRAFT') {
        throw new InvalidTransitionError(`Export ${request.reference}`, request.status, 'SUBMITTED', 'only a DRAFT can be submitted');
      }
      const now = new Date();
      const exporter = await tx.exporterProfile.findUniqueOrThrow({ where: { id: request.exporterProfileId } });
      // The license row stays locked until commit: the quota read below cannot be spent twice.
      const license = request.licenseId ? await lockLicense(tx, request.licenseId, tenantId) : null;
      const goods = await tx.exportGoodsLine.findMany({ where: { exportId: id }, orderBy: { lineNo: 'asc' } });
      const quotaUsed = license ? await quotaTakenInTransaction(tx, license.id, now.getUTCFullYear()) : new Prisma.Decimal(0);
      const claim = checkSubmission({ request, goods, exporter, license, quotaUsed, now });
      const submitted = await tx.export.update({
        where: { id },
        data: {
          status: 'SUBMITTED',
          submittedAt: now,
          currentStage: FIRST_STAGE.stage,
          stageEnteredAt: now,
          quotaAmount: claim.quotaAmount,
          quotaYear: claim.quotaYear,
        },
      });
      await appendStatusChange(tx, { tenantId, exportId: id, from: 'DRAFT', to: 'SUBMITTED', actorId: caller.identity.userId });
      await auditExports(tx, caller, {
        action: 'export.submitted',
        entityType: 'Export',
        entityId: id,
        before: exportSnapshot(request),
        after: exportSnapshot(submitted),
      });
      return submitted;
    });
  }

  async cancel(caller: Caller, rawId: string, rawReason: string): Promise<Export> {
    const tenantId = caller.identity.tenantId;
    const id = uuidInput('id', rawId);
    const reason = requiredText('reason', rawReason, 1000);
    return inTransaction(this.db, async (tx) => {
      const request = await lockExport(tx, id, tenantId);
      if (!request) throw new NotFoundError('Export', rawId);
      if (!CANCELLABLE.includes(request.status)) {
        const why = request.status === 'APPROVED' ? 'customs have cleared it; only its completion remains' : 'it is closed';
        throw new InvalidTransitionError(`Export ${request.reference}`, request.status, 'CANCELLED', why);
      }
      const cancelled = await tx.export.update({
        where: { id },
        data: { status: 'CANCELLED', currentStage: null, stageEnteredAt: null },
      });
      await appendStatusChange(tx, {
        tenantId,
        exportId: id,
        from: request.status,
        to: 'CANCELLED',
        actorId: caller.identity.userId,
        reason,
      });
      await auditExports(tx, caller, {
        action: 'export.cancelled',
        entityType: 'Export',
        entityId: id,
        before: exportSnapshot(request),
        after: { ...exportSnapshot(cancelled), reason },
        severity: 'NOTICE',
      });
      return cancelled;
    });
  }

  private parseGoods(lines: CreateExportInput['goods']) {
    if (lines.length === 0) throw new BadUserInputError('goods', 'must have at least one line');
    if (lines.length > MAX_GOODS_LINES) throw new BadUserInputError('goods', `must have at most ${MAX_GOODS_LINES} lines`);
    return lines.map((line, index) => {
      const field = `goods[${index}]`;
      return {
        description: requiredText(`${field}.description`, line.description, 500),
        hsCode: hsCode(`${field}.hsCode`, line.hsCode),
        quantity: integerInput(`${field}.quantity`, line.quantity, { min: 1 }),
        weightKg: boundedDecimal(`${field}.weightKg`, line.weightKg, { scale: 3, precision: 12, positive: true }),
        value: boundedDecimal(`${field}.value`, line.value, { scale: 2, precision: 14, min: 0 }),
      };
    });
  }

  /**
   * An order or a manifest has at most one live export (one not cancelled or rejected). A
   * transaction-scoped advisory lock on the key makes the check and the insert atomic.
   */
  private async refuseSecondExport(tx: ExportsTransaction, tenantId: string, field: 'orderId' | 'manifestId', key: string) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`export:${field}:${key}`}, 0))`;
    const existing = await tx.export.findFirst({
      where: { tenantId, [field]: key, status: { notIn: ['CANCELLED', 'REJECTED'] } },
      select: { reference: true, status: true },
    });
    if (existing) {
      throw new ConflictError(
        `${field === 'orderId' ? 'Order' : 'Manifest'} ${key} already has export ${existing.reference} (${existing.status})`,
        {
          field,
        },
      );
    }
  }
}
