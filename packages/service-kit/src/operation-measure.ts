import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * Operation limits, measured on the validated document before the gateway plans the query:
 * depth (nesting of fields), aliases (aliased fields, counted per use of a fragment) and cost.
 *
 * Cost: every field costs 1; the selections under a field count as many times as the field's
 * `first`/`last`/`limit` argument (its schema default when the argument is left out). A list field
 * without such an argument counts its selections `listSize` times, unless it sits directly under a
 * sized field (the `edges` of a connection fetched with `first`). Introspection fields are free.
 */
export interface OperationMeasure {
  depth: number;
  aliases: number;
  cost: number;
}

export interface OperationLimits {
  /** 0 turns a limit off. */
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  listSize: number;
}

const SIZE_ARGUMENTS = new Set(['first', 'last', 'limit']);
const FREE: OperationMeasure = { depth: 0, aliases: 0, cost: 0 };

export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  listSize: number,
): OperationMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const variableDefaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) variableDefaults.set(definition.variable.name.value, definition.defaultValue);
  }
  // A fragment measures the same wherever it is spread (given whether its parent is sized), so
  // each is walked once: a document that spreads fragments exponentially is still measured fast.
  const memo = new Map<string, OperationMeasure>();

  const sizeOf = (node: FieldNode, field: GraphQLField<unknown, unknown> | undefined): number | undefined => {
    for (const argument of node.arguments ?? []) {
      if (SIZE_ARGUMENTS.has(argument.name.value)) return numberOf(argument.value);
    }
    const fallback = field?.args.find((argument) => SIZE_ARGUMENTS.has(argument.name))?.defaultValue;
    return typeof fallback === 'number' ? Math.max(0, fallback) : undefined;
  };
  const numberOf = (value: ValueNode): number | undefined => {
    if (value.kind === Kind.INT) return Math.max(0, Number(value.value));
    if (value.kind === Kind.VARIABLE) {
      const given = variables[value.name.value];
      if (typeof given === 'number') return Math.max(0, given);
      const fallback = variableDefaults.get(value.name.value);
      return fallback && fallback.kind !== Kind.VARIABLE ? numberOf(fallback) : undefined;
    }
    return undefined;
  };

  const measureField = (node: FieldNode, parent: GraphQLNamedType | undefined, parentSized: boolean): OperationMeasure => {
    const name = node.name.value;
    if (name.startsWith('__')) return FREE;
    const aliases = node.alias && node.alias.value !== name ? 1 : 0;
    if (!node.selectionSet) return { depth: 1, aliases, cost: 1 };
    const field = parent && 'getInterfaces' in parent ? parent.getFields()[name] : undefined;
    const size = sizeOf(node, field);
    const multiplier = size ?? (field && isList(field.type) && !parentSized ? listSize : 1);
    const child = measureSet(node.selectionSet, field ? compositeNamed(schema, field.type) : undefined, size !== undefined);
    return { depth: child.depth + 1, aliases: aliases + child.aliases, cost: 1 + multiplier * child.cost };
  };

  const measureSet = (set: SelectionSetNode, parent: GraphQLNamedType | undefined, parentSized: boolean): OperationMeasure => {
    let depth = 0;
    let aliases = 0;
    let cost = 0;
    for (const selection of set.selections) {
      let measure: OperationMeasure;
      if (selection.kind === Kind.FIELD) {
        measure = measureField(selection, parent, parentSized);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        measure = measureSet(selection.selectionSet, typeNamed(schema, selection.typeCondition?.name.value) ?? parent, parentSized);
      } else {
        const key = `${selection.name.value}\u0001${parentSized}`;
        const known = memo.get(key);
        if (known) {
          measure = known;
        } else {
          const fragment = fragments.get(selection.name.value);
          measure = fragment ? measureSet(fragment.selectionSet, typeNamed(schema, fragment.typeCondition.name.value), parentSized) : FREE;
          memo.set(key, measure);
        }
      }
      depth = Math.max(depth, measure.depth);
      aliases += measure.aliases;
      cost += measure.cost;
    }
    return { depth, aliases, cost };
  };

  return measureSet(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, false);
}

/*
 * Types are inspected by shape, not with graphql-js's `isListType` & co: those check the class,
 * and the schema comes from the gateway's copy of graphql-js, which need not be this module's.
 */
const isList = (type: GraphQLType): boolean => String(type).startsWith('[');

function compositeNamed(schema: GraphQLSchema, type: GraphQLType): GraphQLNamedType | undefined {
  let named: GraphQLType = type;
  while ('ofType' in named) named = named.ofType;
  return typeNamed(schema, named.name);
}

function typeNamed(schema: GraphQLSchema, name: string | undefined): GraphQLNamedType | undefined {
  const type = name ? schema.getType(name) : undefined;
  return type && ('getFields' in type || 'getTypes' in type) ? type : undefined;
}

/**
 * A request refused by a limit: HTTP 400, `BAD_REQUEST`, and the limit's variable, its value and
 * what was measured, in the message and in `extensions`.
 */
export class LimitExceededError extends GraphQLError {
  constructor(
    readonly limit: string,
    readonly max: number,
    readonly measured: number | string,
    what: string,
  ) {
    super(`${what} ${measured} exceeds the limit ${limit}=${max}`, {
      extensions: { code: 'BAD_REQUEST', limit, max, measured, http: { status: 400 } },
    });
  }

  /** The error as a response body, for limits checked before GraphQL runs (body size, batch length). */
  toBody(): { errors: { message: string; extensions: Record<string, unknown> }[] } {
    const { http: _http, ...extensions } = this.extensions;
    return { errors: [{ message: this.message, extensions }] };
  }
}

/** The first limit a measured operation exceeds (depth, then aliases, then cost), or undefined. */
export function exceededLimit(limits: OperationLimits, measure: OperationMeasure): LimitExceededError | undefined {
  if (limits.maxDepth > 0 && measure.depth > limits.maxDepth)
    return new LimitExceededError('MAX_DEPTH', limits.maxDepth, measure.depth, 'Operation depth');
  if (limits.maxAliases > 0 && measure.aliases > limits.maxAliases)
    return new LimitExceededError('MAX_ALIASES', limits.maxAliases, measure.aliases, 'Number of aliases');
  if (limits.maxCost > 0 && measure.cost > limits.maxCost)
    return new LimitExceededError('MAX_COST', limits.maxCost, measure.cost, 'Operation cost');
  return undefined;
}
