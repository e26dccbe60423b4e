import {
  defaultFieldResolver,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import type { ServiceContext } from './context.ts';
import { VISIBILITY, type VisibleType } from './visibility.ts';

/**
 * Enforces VISIBILITY on a subgraph's executable schema, in one place for every subgraph, so no
 * resolver carries its own read rules and a new field of a listed type is covered the day it is
 * added:
 *
 * - a field that VISIBILITY holds back (User.email, Order.auditTrail, …) resolves to null with a
 *   FORBIDDEN error at its path for a caller who may not read it; building the schema fails if such a
 *   field is non-null, since a refusal there would null its parent;
 * - a field returning a single row the caller may not read (another customer's order, a manifest
 *   for a customer) resolves to null with a FORBIDDEN error (such fields must be nullable too);
 * - a list of rows leaves out the ones the caller may not read, and a connection of a type the
 *   caller reads none of is empty (the same as rows of another tenant: not there, no error);
 * - `_entities` refuses a representation of a type the caller reads none of, or a row that is not
 *   theirs where they read only their own, with a FORBIDDEN error for that representation.
 *
 * Rows are judged by VISIBILITY's `ownerField` where the row carries it (the owning subgraph's row);
 * a bare key `{ id }` handed to another subgraph is judged there, by that subgraph's `_entities`.
 */
export function applyVisibility(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    if (isVisibleType(type.name)) guardReference(type, type.name);
    for (const field of Object.values(type.getFields())) {
      const original = field.resolve ?? defaultFieldResolver;
      const parentRule = isVisibleType(type.name) ? VISIBILITY[type.name] : null;
      const heldBack = parentRule && 'fields' in parentRule && field.name in parentRule.fields;
      // An edge's node is a row its connection's resolver already chose; a refusal there would null the page.
      const target = type.name.endsWith('Edge') ? null : rowTypeOf(field.type);
      // Root fields (subscriptions too) have no parent row a refusal could null: the answer's data is theirs.
      const isRoot = type === schema.getQueryType() || type === schema.getMutationType() || type === schema.getSubscriptionType();
      if (!heldBack && !target) continue;
      if (heldBack && isNonNullType(field.type)) {
        throw new Error(
          `${type.name}.${field.name} is held back from some roles (VISIBILITY) and must be nullable: a refusal of a non-null field would null its parent`,
        );
      }
      if (target?.shape === 'single' && !isRoot && isNonNullType(field.type) && !everyoneWhoReads(type.name, target.type)) {
        throw new Error(
          `${type.name}.${field.name} returns ${target.type}, which some roles reading ${type.name} may not read (VISIBILITY); it must be nullable`,
        );
      }
      const parentType = type.name;
      const resolve: GraphQLFieldResolver<unknown, ServiceContext> = (source, args, context, info) => {
        // Anonymous callers are not judged here: every read needs a token (the resolvers ask for one),
        // and what a sign-in answers (its user) is the caller's own.
        if (context.identity === null) return original(source, args, context, info);
        if (heldBack && isVisibleType(parentType)) {
          context.authority.requireField(parentType, field.name, ownedByCaller(parentType, source, context));
        }
        const result = original(source, args, context, info);
        return target ? then(result, (value) => filterRows(value, target, context)) : result;
      };
      field.resolve = resolve;
    }
  }
  return schema;
}

type Shape = 'single' | 'list' | 'connection';
interface RowTarget {
  type: VisibleType;
  shape: Shape;
}

const isVisibleType = (name: string): name is VisibleType => Object.hasOwn(VISIBILITY, name);

/** The visible row type a field returns, and how: one row, a list of rows, or a connection of them. */
function rowTypeOf(outputType: GraphQLOutputType): RowTarget | null {
  const named = getNamedType(outputType);
  if (!isObjectType(named)) return null;
  if (isVisibleType(named.name)) return { type: named.name, shape: isListType(getNullableType(outputType)) ? 'list' : 'single' };
  const node = connectionNodeOf(named);
  return node && !isListType(getNullableType(outputType)) ? { type: node, shape: 'connection' } : null;
}

function connectionNodeOf(type: GraphQLObjectType): VisibleType | null {
  if (!type.name.endsWith('Connection')) return null;
  const edges = type.getFields().edges;
  const edgeType = edges ? getNamedType(edges.type) : null;
  const node = edgeType && isObjectType(edgeType) ? edgeType.getFields().node : undefined;
  const nodeName = node ? getNamedType(node.type).name : null;
  return nodeName && isVisibleType(nodeName) ? nodeName : null;
}

/** Whether every role that reads some `parent` reads every `child` (then a non-null reference is safe). */
function everyoneWhoReads(parent: string, child: VisibleType): boolean {
  const childRule = VISIBILITY[child];
  if (childRule.every.length === 0 && !('own' in childRule)) return false;
  if (!isVisibleType(parent)) return false;
  const parentRule = VISIBILITY[parent];
  const parentReaders = [...parentRule.every, ...('own' in parentRule ? parentRule.own.roles : [])];
  return parentReaders.every((role) => (childRule.every as readonly string[]).includes(role));
}

function ownerOf(type: VisibleType, row: unknown): string | undefined {
  const rule = VISIBILITY[type];
  if (!('ownerField' in rule) || typeof row !== 'object' || row === null) return undefined;
  const owner = (row as Record<string, unknown>)[rule.ownerField];
  return typeof owner === 'string' ? owner : undefined;
}

const ownedByCaller = (type: VisibleType, row: unknown, context: ServiceContext) =>
  context.identity !== null && ownerOf(type, row) === context.identity.userId;

/** Whether the caller reads this row: every row, or their own where the row says whose it is. */
export function readsRow(type: VisibleType, row: unknown, context: ServiceContext): boolean {
  const reach = context.authority.reach(type);
  if (reach === 'every') return true;
  if (reach === 'none') return false;
  const owner = ownerOf(type, row);
  return owner === undefined || owner === context.identity?.userId;
}

function filterRows(value: unknown, target: RowTarget, context: ServiceContext): unknown {
  if (value === null || value === undefined) return value;
  if (target.shape === 'single') {
    if (!readsRow(target.type, value, context)) throw context.authority.readRefusal(target.type);
    return value;
  }
  if (target.shape === 'list') {
    return Array.isArray(value) ? value.filter((row) => readsRow(target.type, row, context)) : value;
  }
  if (context.authority.reach(target.type) === 'none') {
    return { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
  }
  return value;
}

type ReferenceResolver = (reference: unknown, context: ServiceContext, info: unknown) => unknown;

function guardReference(type: GraphQLObjectType, name: VisibleType): void {
  const subgraph = (type.extensions as { apollo?: { subgraph?: { resolveReference?: ReferenceResolver } } }).apollo?.subgraph;
  const original: ReferenceResolver = subgraph?.resolveReference ?? ((reference) => reference);
  const resolveReference: ReferenceResolver = (reference, context, info) => {
    if (context.identity === null) return original(reference, context, info);
    // Rejected, not thrown: a throw here would fail every representation of the batch, not this one.
    if (context.authority.reach(name) === 'none') return Promise.reject(context.authority.readRefusal(name));
    return Promise.resolve(original(reference, context, info)).then((row) => {
      if (row !== null && row !== undefined && !readsRow(name, row, context)) throw context.authority.readRefusal(name);
      return row;
    });
  };
  const extensions = type.extensions as { apollo?: { subgraph?: Record<string, unknown> } };
  // Only entities (types with a key) are resolved by reference; others never reach _entities.
  const definitions = [type.astNode, ...type.extensionASTNodes];
  if (!definitions.some((node) => node?.directives?.some((directive) => directive.name.value === 'key'))) return;
  const apollo = (extensions.apollo ??= {});
  (apollo.subgraph ??= {}).resolveReference = resolveReference;
}

// The schema comes from @apollo/subgraph, which may load graphql's CommonJS build while the kit loads
// its ES module build: graphql's instanceof-based predicates would refuse the other realm's types, so
// these go by the class names.
const kindOf = (type: unknown) => (type as { constructor: { name: string } }).constructor.name;
const isObjectType = (type: unknown): type is GraphQLObjectType => kindOf(type) === 'GraphQLObjectType';
const isNonNullType = (type: GraphQLOutputType) => kindOf(type) === 'GraphQLNonNull';
const getNullableType = (type: GraphQLOutputType): GraphQLOutputType =>
  isNonNullType(type) ? (type as { ofType: GraphQLOutputType }).ofType : type;
const isListType = (type: GraphQLOutputType) => kindOf(type) === 'GraphQLList';
function getNamedType(type: GraphQLOutputType): GraphQLNamedType {
  let named: unknown = type;
  while (typeof named === 'object' && named !== null && 'ofType' in named) named = (named as { ofType: unknown }).ofType;
  return named as GraphQLNamedType;
}

/** Continues after a resolver's value; Prisma's lazy promises are thenables, not Promises. */
function then<T>(value: unknown, next: (value: unknown) => T): T | Promise<T> {
  const thenable = typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
  return thenable ? Promise.resolve(value as PromiseLike<unknown>).then(next) : next(value);
}
