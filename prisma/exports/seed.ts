import { createHash } from 'node:crypto';
import { APPROVAL_CHAIN } from '../../subgraphs/exports/src/approvals/stages.ts';
import type { ExportsClient, ExportsTransaction } from '../../subgraphs/exports/src/db.ts';
import { Prisma, type DocumentType, type ExportStatus } from '../../subgraphs/exports/src/generated/prisma/client.ts';
import {
  approvalOfficers,
  exporterProfiles,
  exportLicenses,
  exports,
  exportsUnderReview,
  manifests,
  orders,
  products,
  users,
} from '../demo-world.ts';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

/** Demo exporter profile, license and export requests at several points of the approval chain (embedded mode only). */
export async function seedExports(db: ExportsClient): Promise<void> {
  if ((await db.exporterProfile.count()) === 0) {
    await db.$transaction([
      db.exporterProfile.createMany({ data: Object.values(exporterProfiles) }),
      db.export.createMany({
        data: Object.values(exports).map((request) => ({
          ...request,
          submittedAt: request.status === 'DRAFT' ? null : new Date(),
          completedAt: request.status === 'COMPLETED' ? new Date() : null,
        })),
      }),
    ]);
  }
  // Databases seeded before licenses and approvals existed get them on their next start.
  if ((await db.exportLicense.count()) === 0) await db.$transaction((tx) => seedApprovalChain(tx), { timeout: 30_000 });
}

interface GoodsLine {
  description: string;
  hsCode: string;
  quantity: number;
  weightKg: string;
  value: string;
}

/** When each step of a demo export happened, and how far along the chain it is. */
interface Journey {
  exportId: string;
  reference: string;
  createdAt: Date;
  submittedAt: Date | null;
  approvedStages: number;
  documents: DocumentType[];
}

async function seedApprovalChain(tx: ExportsTransaction): Promise<void> {
  const acme = exporterProfiles.acme;
  const license = exportLicenses.acmeGeneral;
  await tx.exportLicense.create({ data: { ...license, validFrom: new Date(license.validFrom), validUntil: new Date(license.validUntil) } });
  await tx.exporterProfile.update({
    where: { id: acme.id },
    data: {
      tradeName: 'Acme Coffee & Textiles',
      taxId: 'ET-TIN-0012345678',
      address: 'Bole Road 12, Addis Ababa',
      contactEmail: 'exports@acme.test',
      paidUpCapital: '500000.00',
      capitalCurrency: 'USD',
      capitalVerifiedAt: daysAgo(120),
      capitalVerifiedById: users.bankOfficer.id,
    },
  });

  const journeys: Journey[] = [];
  // The two original demo exports: completed coffee to Germany, a textile draft to the US.
  const coffee = exports.coffeeExport;
  const coffeeGoods = manifests.coffeeToGermany.items.map(manifestLine);
  const coffeeJourney: Journey = {
    exportId: coffee.id,
    reference: coffee.reference,
    createdAt: daysAgo(38),
    submittedAt: daysAgo(37),
    approvedStages: APPROVAL_CHAIN.length,
    documents: [...new Set(APPROVAL_CHAIN.flatMap((rule) => rule.requiredDocuments))],
  };
  await tx.export.update({
    where: { id: coffee.id },
    data: {
      licenseId: license.id,
      createdAt: coffeeJourney.createdAt,
      submittedAt: coffeeJourney.submittedAt,
      completedAt: stepTime(coffeeJourney, APPROVAL_CHAIN.length),
      quotaAmount: coffee.declaredValue,
      quotaYear: coffeeJourney.submittedAt!.getUTCFullYear(),
    },
  });
  journeys.push(coffeeJourney);
  await createGoods(tx, coffee.id, coffeeGoods);

  const textile = exports.textileExport;
  await tx.export.update({ where: { id: textile.id }, data: { licenseId: license.id, createdAt: daysAgo(18) } });
  journeys.push({
    exportId: textile.id,
    reference: textile.reference,
    createdAt: daysAgo(18),
    submittedAt: null,
    approvedStages: 0,
    documents: ['INVOICE'],
  });
  await createGoods(tx, textile.id, manifests.textilesToUs.items.map(manifestLine));

  // Exports waiting at a stage: FX approval, and quality certification (whose certificate is still missing).
  for (const request of Object.values(exportsUnderReview)) {
    const { submittedDaysAgo, approvedStages, ...fields } = request;
    const goods = orderGoods(Object.values(orders).find((order) => order.id === request.orderId)!);
    const declaredValue = goods.reduce((sum, line) => sum.plus(line.value), new Prisma.Decimal(0));
    const journey: Journey = {
      exportId: request.id,
      reference: request.reference,
      createdAt: daysAgo(submittedDaysAgo + 1),
      submittedAt: daysAgo(submittedDaysAgo),
      approvedStages,
      documents: ['INVOICE', 'SALES_CONTRACT'],
    };
    const pending = APPROVAL_CHAIN[approvedStages]!;
    await tx.export.create({
      data: {
        ...fields,
        licenseId: license.id,
        declaredValue,
        createdAt: journey.createdAt,
        submittedAt: journey.submittedAt,
        currentStage: pending.stage,
        stageEnteredAt: stepTime(journey, approvedStages),
        quotaAmount: declaredValue,
        quotaYear: journey.submittedAt!.getUTCFullYear(),
      },
    });
    journeys.push(journey);
    await createGoods(tx, request.id, goods);
  }

  for (const journey of journeys) await recordJourney(tx, journey);
  // Each tenant's reference counters continue after the references it was seeded with.
  await tx.$executeRaw`
    INSERT INTO "ExportReferenceCounter" ("tenantId", "year", "lastNumber")
    SELECT "tenantId", substring("reference" FROM '^EXP-([0-9]{4})-[0-9]+$')::int, max(substring("reference" FROM '^EXP-[0-9]{4}-([0-9]+)$')::int)
    FROM "Export" WHERE "reference" ~ '^EXP-[0-9]{4}-[0-9]+$' GROUP BY 1, 2
    ON CONFLICT ("tenantId", "year") DO UPDATE SET "lastNumber" = GREATEST("ExportReferenceCounter"."lastNumber", EXCLUDED."lastNumber")`;
}

/** Step 0 is the submission; step n the decision of the n-th stage, a day apart. */
const stepTime = (journey: Journey, step: number) => new Date(journey.submittedAt!.getTime() + step * DAY);

/** The history, decisions and documents of a demo export, as the service would have written them. */
async function recordJourney(tx: ExportsTransaction, journey: Journey): Promise<void> {
  const tenantId = exporterProfiles.acme.tenantId;
  const requester = users.acmeManager.id;
  const changes: { from: ExportStatus | null; to: ExportStatus; actorId: string; reason: string | null; at: Date }[] = [
    { from: null, to: 'DRAFT', actorId: requester, reason: null, at: journey.createdAt },
  ];
  if (journey.submittedAt) changes.push({ from: 'DRAFT', to: 'SUBMITTED', actorId: requester, reason: null, at: journey.submittedAt });
  for (const [index, rule] of APPROVAL_CHAIN.slice(0, journey.approvedStages).entries()) {
    const officer = approvalOfficers[index]!;
    const decidedAt = stepTime(journey, index + 1);
    await tx.exportApproval.create({
      data: {
        tenantId,
        exportId: journey.exportId,
        stage: rule.stage,
        decision: 'APPROVED',
        deciderId: officer.id,
        conditions: rule.stage === 'SHIPMENT_SCHEDULING' ? ['Load at Djibouti port within 14 days'] : [],
        decidedAt,
      },
    });
    if (rule.statusOnApproval !== rule.statusWhilePending) {
      changes.push({
        from: rule.statusWhilePending,
        to: rule.statusOnApproval,
        actorId: officer.id,
        reason: `${rule.stage} approved`,
        at: decidedAt,
      });
    }
  }
  await tx.exportStatusChange.createMany({
    data: changes.map((change, index) => ({
      tenantId,
      exportId: journey.exportId,
      sequence: index + 1,
      fromStatus: change.from,
      toStatus: change.to,
      actorId: change.actorId,
      reason: change.reason,
      occurredAt: change.at,
    })),
  });
  await tx.exportDocument.createMany({
    data: journey.documents.map((type, index) => {
      const content = `${journey.reference} ${type}`;
      return {
        tenantId,
        exportId: journey.exportId,
        type,
        fileName: `${journey.reference}-${type.toLowerCase().replace(/_/g, '-')}.pdf`,
        mediaType: 'application/pdf',
        sizeBytes: 24_000 + index * 1_337,
        sha256: createHash('sha256').update(content).digest('hex'),
        storageUri: `s3://acme-export-documents/${journey.reference}/${type.toLowerCase()}.pdf`,
        uploadedById: type === 'QUALITY_CERTIFICATE' ? users.qualityOfficer.id : requester,
        uploadedAt: journey.submittedAt ?? journey.createdAt,
      };
    }),
  });
}

function manifestLine(item: (typeof manifests)['coffeeToGermany']['items'][number]): GoodsLine {
  return { description: item.description, hsCode: item.hsCode, quantity: item.quantity, weightKg: item.weightKg, value: item.value };
}

/** Goods lines of an order: product name, HS code, quantity, weight and value at list price. */
function orderGoods(order: (typeof orders)[keyof typeof orders]): GoodsLine[] {
  return order.lines.map((line) => {
    const product = Object.values(products).find((candidate) => candidate.id === line.productId)!;
    return {
      description: product.name,
      hsCode: product.hsCode,
      quantity: line.quantity,
      weightKg: new Prisma.Decimal(product.weightKg).times(line.quantity).toFixed(3),
      value: new Prisma.Decimal(product.price).times(line.quantity).toFixed(2),
    };
  });
}

async function createGoods(tx: ExportsTransaction, exportId: string, goods: GoodsLine[]): Promise<void> {
  await tx.exportGoodsLine.createMany({
    data: goods.map((line, index) => ({ ...line, tenantId: exporterProfiles.acme.tenantId, exportId, lineNo: index + 1 })),
  });
}
