import type { ColumnPlan, ColumnsByField } from '@fed/service-kit';
import type { ExportResolvers } from '../generated/graphql.ts';
import type { Export } from '../generated/prisma/client.ts';

/**
 * The Export columns each field reads, so that a page, a batch of references or the export of an
 * order reads only what the operation selected (24 columns; `orders { export { reference status } }`
 * wants 2 of them). Fields answered from other tables (goods, history, approvals, documents) need
 * only the export's id and tenant, which are always read; a field that follows a key reads the key.
 */
const fields = {
  id: [],
  reference: ['reference'],
  status: ['status'],
  exporter: ['exporterProfileId'],
  requestedBy: ['requestedById'],
  order: ['orderId'],
  manifest: ['manifestId'],
  buyerName: ['buyerName'],
  buyerCountry: ['buyerCountry'],
  buyerContact: ['buyerContact'],
  destinationCountry: ['destinationCountry'],
  declaredValue: ['declaredValue'],
  currency: ['currency'],
  incoterm: ['incoterm'],
  submittedAt: ['submittedAt'],
  createdAt: ['createdAt'],
  license: ['licenseId'],
  goods: [],
  totalWeightKg: [],
  currentStage: ['currentStage'],
  stageEnteredAt: ['stageEnteredAt'],
  quotaAmount: ['quotaAmount'],
  quotaYear: ['quotaYear'],
  completedAt: ['completedAt'],
  history: [],
  updatedAt: ['updatedAt'],
  approvals: [],
  documents: [],
  // What the pending stage still needs: nothing when there is no current stage.
  missingDocuments: ['currentStage'],
} satisfies ColumnsByField<Required<ExportResolvers>, Export>;

export const EXPORT_COLUMNS: ColumnPlan<Export> = { typeName: 'Export', always: ['id', 'tenantId'], fields };
