import { AGENCY_ROLES, callerWithRole, EXPORT_WRITERS } from '../caller.ts';
import type { Resolvers } from '../generated/graphql.ts';

export const documentResolvers: Resolvers = {
  Mutation: {
    attachExportDocument: (_parent, { input }, context) =>
      context.documents.attach(callerWithRole(context, [...EXPORT_WRITERS, ...AGENCY_ROLES], 'Attaching an export document'), input),
  },
  Export: {
    documents: async (request, { type }, context) => {
      const documents = await context.documents.documentsOf(request.id, request.tenantId);
      return type ? documents.filter((document) => document.type === type) : documents;
    },
    missingDocuments: (request, _args, context) => context.documents.missingFor(request),
  },
  ExportDocument: {
    uploadedBy: (document) => ({ id: document.uploadedById }),
  },
};
