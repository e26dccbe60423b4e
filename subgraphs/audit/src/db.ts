import { prismaClientFactory } from '@fed/service-kit';
import { PrismaClient } from './generated/prisma/client.ts';

export const createAuditClient = prismaClientFactory(PrismaClient);
export type AuditClient = PrismaClient;
