import { BadUserInputError, ConflictError, groupLoader, integerInput, NotFoundError, uuidInput, type LoaderCache } from '@fed/service-kit';
import { CLOSED_STATUSES, stageRule } from '../approvals/stages.ts';
import { auditExports, type Caller } from '../caller.ts';
import { inTransaction, type ExportsClient } from '../db.ts';
import type { DocumentType, Export, ExportDocument } from '../generated/prisma/client.ts';
import { optionalText, requiredText } from '../input.ts';

export interface AttachDocumentInput {
  exportId: string;
  type: DocumentType;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageUri: string;
  description?: string | null;
}

/** Largest document the graph accepts a record of (the GraphQL Int range). */
const MAX_DOCUMENT_BYTES = 2_147_483_647;

/** Documents attached to exports: metadata and content hash; the bytes live in object storage. */
export class DocumentStore {
  constructor(
    private readonly db: ExportsClient,
    private readonly loaders: LoaderCache,
  ) {}

  /** `Export.documents`, oldest first, one query for every export in the operation. */
  documentsOf(exportId: string, tenantId: string): Promise<ExportDocument[]> {
    return groupLoader(
      this.loaders,
      `ExportDocuments:${tenantId}`,
      (exportIds) =>
        this.db.exportDocument.findMany({
          where: { exportId: { in: exportIds }, tenantId },
          orderBy: [{ uploadedAt: 'asc' }, { id: 'asc' }],
        }),
      (row) => row.exportId,
    ).load(exportId);
  }

  /** What the export's pending stage still needs before it can be approved. */
  async missingFor(request: Export): Promise<DocumentType[]> {
    if (!request.currentStage) return [];
    const attached = new Set((await this.documentsOf(request.id, request.tenantId)).map((document) => document.type));
    return stageRule(request.currentStage).requiredDocuments.filter((type) => !attached.has(type));
  }

  async attach(caller: Caller, input: AttachDocumentInput): Promise<ExportDocument> {
    const tenantId = caller.identity.tenantId;
    const data = {
      exportId: uuidInput('exportId', input.exportId),
      type: input.type,
      fileName: requiredText('fileName', input.fileName, 255),
      mediaType: mediaType(input.mediaType),
      sizeBytes: integerInput('sizeBytes', input.sizeBytes, { min: 1, max: MAX_DOCUMENT_BYTES }),
      sha256: sha256(input.sha256),
      storageUri: storageUri(input.storageUri),
      description: optionalText('description', input.description, 1000),
    };
    return inTransaction(this.db, async (tx) => {
      const request = await tx.export.findFirst({ where: { id: data.exportId, tenantId } });
      if (!request) throw new NotFoundError('Export', input.exportId);
      if (CLOSED_STATUSES.includes(request.status)) {
        throw new ConflictError(`Export ${request.reference} is ${request.status}: documents can no longer be attached`);
      }
      const duplicate = await tx.exportDocument.findFirst({
        where: { exportId: data.exportId, type: data.type, sha256: data.sha256 },
        select: { fileName: true },
      });
      if (duplicate)
        throw new ConflictError(
          `This ${data.type} (same SHA-256) is already attached to export ${request.reference} as ${duplicate.fileName}`,
        );
      const document = await tx.exportDocument.create({ data: { ...data, tenantId, uploadedById: caller.identity.userId } });
      await auditExports(tx, caller, {
        action: 'export.document_attached',
        entityType: 'Export',
        entityId: request.id,
        after: {
          documentId: document.id,
          type: document.type,
          fileName: document.fileName,
          sha256: document.sha256,
          sizeBytes: document.sizeBytes,
        },
      });
      return document;
    });
  }
}

function mediaType(value: string): string {
  const type = value.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/.test(type))
    throw new BadUserInputError('mediaType', 'must be a media type such as "application/pdf"');
  return type;
}

function sha256(value: string): string {
  const hash = value.trim().toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new BadUserInputError('sha256', 'must be a SHA-256 digest: 64 hexadecimal characters');
  return hash;
}

function storageUri(value: string): string {
  const uri = value.trim();
  if (!/^(s3|gs|az|https):\/\/\S+$/.test(uri) || uri.length > 2048) {
    throw new BadUserInputError('storageUri', 'must be an s3://, gs://, az:// or https:// location of at most 2048 characters');
  }
  return uri;
}
