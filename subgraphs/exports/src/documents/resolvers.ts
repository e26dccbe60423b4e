import { callerFor } from '../caller.ts';
import type { Resolvers } from '../generated/graphql.ts';

export const documentResolvers: Resolvers = {
  Mutation: {
    attachExportDocument: (_parent, { input }, context) => context.documents.attach(callerFor(context, 'exportDocument.attach'), input),
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
