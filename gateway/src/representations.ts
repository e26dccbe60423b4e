import type { GraphQLFormattedError } from 'graphql';

/**
 * Apollo's executor builds one entity representation per place an entity occurs in the result so
 * far, so a nested query sends the same entity many times in one fetch (the public benchmark
 * query: 465 representations in 16 fetches, 27 of them distinct within their fetch). The subgraph
 * resolves, serialises and the gateway parses every copy. This sends each distinct representation
 * once and fans the answer back out to every original position, so Apollo merges exactly what an
 * undeduplicated subgraph would have answered: same length, an independent copy per position (the
 * executor writes `__typename` and rewrites into the objects it merges, and merges by reference,
 * so a shared object would alias parts of the result), errors repeated for each position they
 * belong to.
 *
 * Representations are compared by their JSON text: the executor builds each from the same
 * `requires` selection, so equal entities serialise identically (key order included).
 */
export interface DeduplicatedRepresentations {
  /** The fetch's variables with only the distinct representations. */
  variables: Record<string, unknown>;
  /** For each original position, the position of its representation among the distinct ones. */
  distinctIndexOf: Int32Array;
  distinctCount: number;
}

/** Null when the variables carry no representations or none of them repeats (nothing to gain). */
export function deduplicateRepresentations(variables: Record<string, unknown> | undefined): DeduplicatedRepresentations | null {
  const representations = variables?.representations;
  if (!Array.isArray(representations) || representations.length < 2) return null;
  const indexByText = new Map<string, number>();
  const distinct: unknown[] = [];
  const distinctIndexOf = new Int32Array(representations.length);
  for (let position = 0; position < representations.length; position++) {
    const text = JSON.stringify(representations[position]);
    let index = indexByText.get(text);
    if (index === undefined) {
      index = distinct.length;
      indexByText.set(text, index);
      distinct.push(representations[position]);
    }
    distinctIndexOf[position] = index;
  }
  if (distinct.length === representations.length) return null;
  return { variables: { ...variables, representations: distinct }, distinctIndexOf, distinctCount: distinct.length };
}

interface EntitiesResult {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
  extensions?: Record<string, unknown>;
}

/**
 * The subgraph's answer to the distinct representations, as the answer to all of them. An answer
 * whose `_entities` is not one per distinct representation is passed on unchanged, for Apollo to
 * reject as it would any malformed answer.
 */
export function fanOutEntities<Result extends EntitiesResult>(result: Result, deduplicated: DeduplicatedRepresentations): Result {
  const { distinctIndexOf, distinctCount } = deduplicated;
  const entities = result.data?._entities;
  const fannedOut: Result = { ...result };
  if (Array.isArray(entities)) {
    if (entities.length !== distinctCount) return result;
    const seen = new Uint8Array(distinctCount);
    const all = new Array<unknown>(distinctIndexOf.length);
    for (let position = 0; position < distinctIndexOf.length; position++) {
      const index = distinctIndexOf[position]!;
      // The first position takes the parsed object itself, later ones a copy.
      all[position] = seen[index] ? copyJson(entities[index]) : entities[index];
      seen[index] = 1;
    }
    fannedOut.data = { ...result.data, _entities: all };
  }
  if (result.errors?.length) fannedOut.errors = fanOutErrors(result.errors, distinctIndexOf, distinctCount);
  return fannedOut;
}

/** An error at `_entities.<distinct index>…` once for every original position of that representation. */
function fanOutErrors(
  errors: readonly GraphQLFormattedError[],
  distinctIndexOf: Int32Array,
  distinctCount: number,
): GraphQLFormattedError[] {
  const positionsOf: number[][] = Array.from({ length: distinctCount }, () => []);
  for (let position = 0; position < distinctIndexOf.length; position++) positionsOf[distinctIndexOf[position]!]!.push(position);
  return errors.flatMap((error) => {
    const path = error.path;
    if (!path || path[0] !== '_entities' || typeof path[1] !== 'number' || !positionsOf[path[1]]) return [error];
    return positionsOf[path[1]]!.map((position) => ({ ...error, path: ['_entities', position, ...path.slice(2)] }));
  });
}

/** A deep copy of a value parsed from JSON (objects, arrays, scalars only). */
function copyJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJson);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const inner = copyJson((value as Record<string, unknown>)[key]);
    // A `__proto__` key (JSON.parse makes it an own property) must stay data, not become the prototype.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: inner, enumerable: true, writable: true, configurable: true });
    else copy[key] = inner;
  }
  return copy;
}
