import { prismaClientFactory } from '@fed/service-kit';
import { PrismaClient } from './generated/prisma/client.ts';

export const createShippingClient = prismaClientFactory(PrismaClient);
export type ShippingClient = PrismaClient;
