import { prismaClientFactory, translateDatabaseError } from '@fed/service-kit';
import { PrismaClient, type Prisma } from './generated/prisma/client.ts';

export const createExportsClient = prismaClientFactory(PrismaClient);
export type ExportsClient = PrismaClient;
/** The client inside `db.$transaction(async (tx) => ...)`: every write of a mutation goes through one. */
export type ExportsTransaction = Prisma.TransactionClient;

/** Database constraints a client can trip with input the service did not catch, named by field. */
const FIELD_OF_CONSTRAINT: Record<string, { field: string; rule: string }> = {
  ExportLicense_tenantId_number_key: { field: 'number', rule: 'is already used by another license' },
  ExporterProfile_tenantId_key: { field: 'tenant', rule: 'already has an exporter profile' },
  ExportDocument_exportId_type_sha256_key: { field: 'sha256', rule: 'this document is already attached with this type' },
};

/**
 * Runs a mutation's writes in one transaction: all of them commit, or none. Constraint violations
 * the database reports become catalog errors that name the field.
 */
export async function inTransaction<T>(db: ExportsClient, work: (tx: ExportsTransaction) => Promise<T>): Promise<T> {
  try {
    // Generous waits: on the embedded database transactions queue for its single connection.
    return await db.$transaction(work, { maxWait: 10_000, timeout: 20_000 });
  } catch (error) {
    throw translateDatabaseError(error, FIELD_OF_CONSTRAINT);
  }
}
