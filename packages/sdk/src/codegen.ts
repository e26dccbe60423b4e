import { scalarTypes } from './scalars.ts';

/**
 * A fragment of a GraphQL Code Generator config for teams that generate their own typed documents
 * against the graph with the client preset (`@graphql-codegen/client-preset`):
 *
 * ```ts
 * // codegen.ts
 * import { clientPresetOutput } from '@fed/sdk/codegen';
 * export default {
 *   schema: 'http://127.0.0.1:4000/graphql',
 *   documents: ['src/**\/*.tsx'],
 *   generates: { './src/gql/': clientPresetOutput },
 * };
 * ```
 *
 * It maps the graph's scalars (`Decimal`, `DateTime` as strings instead of `unknown`), makes the
 * generated files import with `.js` extensions so they type-check under `moduleResolution:
 * NodeNext` as well as `bundler`, and writes a persisted-documents manifest (sha256, the format
 * the gateway's trusted documents take).
 */
export const codegenConfig = {
  scalars: scalarTypes,
  strictScalars: true,
  enumsAsTypes: true,
  useTypeImports: true,
  // Without this the client preset writes `from './graphql'`, which NodeNext refuses.
  emitLegacyCommonJSImports: false,
} as const;

export const clientPresetOutput = {
  preset: 'client',
  config: codegenConfig,
  presetConfig: {
    // Documents carry their sha256 so a client can send `documentId` instead of the text.
    persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
  },
} as const;
