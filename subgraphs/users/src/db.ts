import { prismaClientFactory } from '@fed/service-kit';
import { PrismaClient } from './generated/prisma/client.ts';

export const createUsersClient = prismaClientFactory(PrismaClient);
export type UsersClient = PrismaClient;
