import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, type DocumentNode } from 'graphql';

/** The SDL every subgraph shares (federation link, scalars, PageInfo). */
export const COMMON_SDL_PATH = fileURLToPath(new URL('../schema/common.graphql', import.meta.url));

/**
 * A subgraph's SDL: the shared declarations plus its modules' `.graphql` files (paths relative to
 * `moduleUrl`). The same files feed codegen, composition and the running server.
 */
export function loadSubgraphSdl(moduleUrl: string, files: readonly string[]): string {
  const parts = [COMMON_SDL_PATH, ...files.map((file) => fileURLToPath(new URL(file, moduleUrl)))];
  return parts.map((path) => readFileSync(path, 'utf8')).join('\n');
}

export function loadSubgraphTypeDefs(moduleUrl: string, files: readonly string[]): DocumentNode {
  return parse(loadSubgraphSdl(moduleUrl, files));
}
