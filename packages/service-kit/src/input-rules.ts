import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { createRequire } from 'node:module';
import type * as GraphQLModule from 'graphql';
import type {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLInputType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { BadUserInputError } from './errors.ts';

/*
 * The subgraph schema is built by @apollo/subgraph, a CommonJS package, so its types are instances
 * of graphql's CommonJS build; graphql's type checks are `instanceof` checks, which the ES module
 * build (what `import 'graphql'` loads here) fails on them. So these helpers come from the same build.
 */
const graphql = createRequire(import.meta.url)('graphql') as typeof GraphQLModule;
const {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  isCompositeType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
} = graphql;

/**
 * The input rules every subgraph applies to every argument and input field, driven by the schema's
 * types, before any resolver runs (so a refused operation writes nothing). A new field is covered
 * by its type alone:
 *
 * - `String` (and strings anywhere in `JSON`): no NUL character and no lone UTF-16 surrogate (neither
 *   can be stored as UTF-8 text in PostgreSQL), at most `maxStringLength` characters;
 * - `ID`: a UUID (every entity of the graph is keyed by one);
 * - `DateTime`: from `minDateTime` to `maxDateTime` (what PostgreSQL's `timestamp(3)` and the domain
 *   both accept: JavaScript reaches year ±275760, PostgreSQL refuses or shifts such instants);
 * - `JSON`: at most `maxJsonDepth` levels of nesting and `maxJsonBytes` bytes once serialized;
 * - `Decimal`: at most `maxDecimalDigits` digits (the widest numeric column has fewer).
 *
 * A refusal is `BAD_USER_INPUT` naming the path (`createUser.input.name`) and the rule.
 */
export const INPUT_LIMITS = {
  maxStringLength: 10_000,
  minDateTime: new Date('1900-01-01T00:00:00.000Z'),
  maxDateTime: new Date('9999-12-31T23:59:59.999Z'),
  maxJsonDepth: 20,
  maxJsonBytes: 65_536,
  maxDecimalDigits: 30,
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The rule a string breaks, or null. */
export function stringRuleBroken(value: string, maxLength: number = INPUT_LIMITS.maxStringLength): string | null {
  if (value.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it contains a lone UTF-16 surrogate)';
  if (value.length > maxLength) return `must be at most ${maxLength} characters long`;
  return null;
}

function checkString(path: string, value: string): void {
  const broken = stringRuleBroken(value);
  if (broken) throw new BadUserInputError(path, broken);
}

/** Walks a JSON value without recursion (a hostile one may be nested far deeper than the stack). */
function checkJson(path: string, value: unknown): void {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (next.depth > INPUT_LIMITS.maxJsonDepth)
      throw new BadUserInputError(path, `must be nested at most ${INPUT_LIMITS.maxJsonDepth} levels deep`);
    const item = next.value;
    if (typeof item === 'string') {
      checkString(path, item);
    } else if (typeof item === 'number') {
      if (!Number.isFinite(item)) throw new BadUserInputError(path, 'must contain only finite numbers');
    } else if (Array.isArray(item)) {
      for (const element of item) pending.push({ value: element, depth: next.depth + 1 });
    } else if (item !== null && typeof item === 'object') {
      for (const [key, element] of Object.entries(item)) {
        checkString(path, key);
        pending.push({ value: element, depth: next.depth + 1 });
      }
    }
  }
  // Safe to serialize now that the depth is bounded.
  if (Buffer.byteLength(JSON.stringify(value) ?? '') > INPUT_LIMITS.maxJsonBytes)
    throw new BadUserInputError(path, `must be at most ${INPUT_LIMITS.maxJsonBytes} bytes as JSON`);
}

function checkScalar(path: string, typeName: string, value: unknown): void {
  switch (typeName) {
    case 'String':
      if (typeof value === 'string') checkString(path, value);
      return;
    case 'ID':
      if (typeof value !== 'string' || !UUID.test(value)) throw new BadUserInputError(path, 'must be a UUID');
      return;
    case 'DateTime': {
      const time = value instanceof Date ? value.getTime() : Number.NaN;
      if (!(time >= INPUT_LIMITS.minDateTime.getTime() && time <= INPUT_LIMITS.maxDateTime.getTime()))
        throw new BadUserInputError(
          path,
          `must be between ${INPUT_LIMITS.minDateTime.toISOString()} and ${INPUT_LIMITS.maxDateTime.toISOString()}`,
        );
      return;
    }
    case 'JSON':
      checkJson(path, value);
      return;
    case 'Decimal':
      if (typeof value === 'string' && value.replace(/\D/g, '').length > INPUT_LIMITS.maxDecimalDigits)
        throw new BadUserInputError(path, `must have at most ${INPUT_LIMITS.maxDecimalDigits} digits`);
      return;
    default:
      if (typeof value === 'string') checkString(path, value);
  }
}

/** Checks one coerced argument or input-field value against the rules of its type, throwing the first refusal. */
export function checkInputValue(path: string, type: GraphQLInputType, value: unknown): void {
  if (value === null || value === undefined) return;
  const nullable = isNonNullType(type) ? getNullableType(type) : type;
  if (isListType(nullable)) {
    const items: unknown[] = Array.isArray(value) ? value : [value];
    items.forEach((item, index) => checkInputValue(`${path}[${index}]`, nullable.ofType as GraphQLInputType, item));
    return;
  }
  if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    for (const [name, field] of Object.entries(fields)) {
      checkInputValue(`${path}.${name}`, field.type, (value as Record<string, unknown>)[name]);
    }
    return;
  }
  if (isScalarType(nullable)) checkScalar(path, nullable.name, value);
}

/**
 * Checks every argument of every field an operation selects (through fragments too), with the
 * variables as GraphQL coerced them. Returns without a verdict when the variables or arguments do
 * not coerce at all: execution reports that itself, as GraphQL does.
 */
export function checkOperationInput(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown>,
): void {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  if (coerced.errors) return;
  const variables = coerced.coerced;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root = schema.getRootType(operation.operation);
  if (!root) return;
  // Arguments depend only on the variables, so each fragment is checked once however often it is spread.
  const seenFragments = new Set<string>();

  const walk = (parent: GraphQLCompositeType, selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (condition && isCompositeType(condition)) walk(condition, selection.selectionSet);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seenFragments.has(name)) continue;
        seenFragments.add(name);
        const condition = schema.getType(fragment.typeCondition.name.value);
        if (condition && isCompositeType(condition)) walk(condition, fragment.selectionSet);
        continue;
      }
      if (!('getFields' in parent)) continue; // a union selects only __typename and fragments
      const field = parent.getFields()[selection.name.value];
      if (!field) continue; // __typename and introspection
      let args: Record<string, unknown>;
      try {
        args = getArgumentValues(field, selection, variables);
      } catch {
        continue; // execution reports arguments that do not coerce
      }
      for (const argument of field.args) {
        checkInputValue(`${selection.name.value}.${argument.name}`, argument.type, args[argument.name]);
      }
      const returned = getNamedType(field.type);
      if (selection.selectionSet && isCompositeType(returned)) walk(returned, selection.selectionSet);
    }
  };
  walk(root, operation.selectionSet);
}

/** The rules as an Apollo Server plugin: a refused operation never reaches a resolver. */
export function inputRulesPlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          if (!operation) return;
          try {
            checkOperationInput(schema, document, operation, request.variables ?? {});
          } catch (error) {
            if (error instanceof BadUserInputError) {
              // Apollo answers errors thrown here with 500 unless told otherwise.
              error.extensions.http = { status: 400 };
            }
            throw error;
          }
        },
      };
    },
  };
}
