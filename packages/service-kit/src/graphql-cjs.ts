import { createRequire } from 'node:module';
import type * as GraphQL from 'graphql';

/**
 * graphql-js as Apollo's packages load it. graphql 16 ships CommonJS (`index.js`) and ES modules
 * (`index.mjs`) side by side, without an exports map: Node resolves every `require` and `import` of it
 * to the CommonJS copy, but Vite (vitest) gives our ES modules the other one, and a schema built by one
 * copy is refused by the other's execute/validate ("from another module or realm"). Code that
 * executes, validates or creates GraphQLErrors for Apollo's schemas, graphql-ws or graphql-sse uses
 * this copy, so it behaves the same under tests as in production.
 */
export const graphqlCjs = createRequire(import.meta.url)('graphql') as typeof GraphQL;
