import { prismaClientFactory } from '@fed/service-kit';
import { PrismaClient } from './generated/prisma/client.ts';

export const createCatalogClient = prismaClientFactory(PrismaClient);
export type CatalogClient = PrismaClient;
