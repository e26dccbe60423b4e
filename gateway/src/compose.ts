import { composeServices } from '@apollo/composition';
import { DEFAULT_PORTS, SUBGRAPH_NAMES, type SubgraphName } from '@fed/service-kit';
import { Supergraph } from '@apollo/federation-internals';
import { withGatewayEnforcedSecurity } from './auth-directives.ts';
import { lexicographicSortSchema, parse, printSchema, type DocumentNode } from 'graphql';

const sdlModules: Record<SubgraphName, () => Promise<string>> = {
  users: async () => (await import('@fed/subgraph-users/schema')).usersSdl,
  catalog: async () => (await import('@fed/subgraph-catalog/schema')).catalogSdl,
  shipping: async () => (await import('@fed/subgraph-shipping/schema')).shippingSdl,
  exports: async () => (await import('@fed/subgraph-exports/schema')).exportsSdl,
  audit: async () => (await import('@fed/subgraph-audit/schema')).auditSdl,
};

export const subgraphUrlVariable = (name: string) => `${name.toUpperCase()}_SUBGRAPH_URL`;

export type CompositionResult = { ok: true; supergraphSdl: string; subgraphCount: number } | { ok: false; errors: string[] };

/** Composes this repository's subgraphs (their SDL files) into a Federation 2 supergraph. */
export async function composeSubgraphs(env: Record<string, string | undefined> = {}): Promise<CompositionResult> {
  const services = await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => ({
      name,
      url: env[subgraphUrlVariable(name)] ?? `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`,
      typeDefs: parse(await sdlModules[name]()),
    })),
  );
  return composeSupergraph(services);
}

/** Composes any Federation 2 subgraphs (name, URL, SDL) into a supergraph (the benchmark's scenarios use it too). */
export function composeSupergraph(services: { name: string; url: string; typeDefs: DocumentNode }[]): CompositionResult {
  const result = composeServices(services);
  if (result.errors) return { ok: false, errors: result.errors.map((error) => error.message) };
  return { ok: true, supergraphSdl: result.supergraphSdl, subgraphCount: services.length };
}

/**
 * The public API schema of a supergraph: what clients can query (federation internals and
 * `@inaccessible` elements removed), sorted so that diffs show real changes only.
 */
export function apiSchemaSdl(supergraphSdl: string): string {
  const apiSchema = Supergraph.build(withGatewayEnforcedSecurity(supergraphSdl)).apiSchema().toGraphQLJSSchema();
  return printSchema(lexicographicSortSchema(apiSchema));
}
