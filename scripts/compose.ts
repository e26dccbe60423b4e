/**
 * `npm run compose`: composes the subgraphs' SDL into the supergraph the gateway loads, using
 * Apollo's composition library. Any composition error fails the build. Subgraph URLs default to
 * the embedded ports and can be set per subgraph with <NAME>_SUBGRAPH_URL. Also writes the public
 * API schema to schema.graphql.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { apiSchemaSdl, composeSubgraphs } from '../gateway/src/compose.ts';

const output = fileURLToPath(new URL('../gateway/supergraph.graphql', import.meta.url));
const result = await composeSubgraphs(process.env);
if (!result.ok) {
  process.stderr.write(`Composition failed:\n${result.errors.map((error) => `  - ${error}`).join('\n')}\n`);
  process.exit(1);
}
writeFileSync(output, result.supergraphSdl);
// The public API schema, committed for reviewers and for the SDK and the breaking-change check.
writeFileSync(fileURLToPath(new URL('../schema.graphql', import.meta.url)), apiSchemaSdl(result.supergraphSdl));
console.log(`supergraph composed from ${result.subgraphCount} subgraphs -> gateway/supergraph.graphql, API schema -> schema.graphql`);
