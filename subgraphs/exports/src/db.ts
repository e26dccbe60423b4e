import { prismaClientFactory } from '@fed/service-kit';
import { PrismaClient } from './generated/prisma/client.ts';

export const createExportsClient = prismaClientFactory(PrismaClient);
export type ExportsClient = PrismaClient;
