import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Identity } from '@fed/service-kit/edge';
import {
  Kind,
  parse,
  GraphQLError,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { GatewayContext } from './context.ts';

/**
 * `@authenticated`, `@requiresScopes(scopes:)` and `@policy(policies:)` from the subgraphs' SDL,
 * composed into the supergraph and enforced here, before the query is planned (as Apollo Router
 * does): a field the caller may not see is removed from the operation, so no subgraph is ever asked
 * for it, and answered `null` with an error at its path (`UNAUTHENTICATED` or `FORBIDDEN`), the rest
 * of the answer intact. A refused non-null field nulls its nearest nullable parent, as GraphQL does.
 *
 * - A field's requirements are its own directives and those of the type it returns.
 * - Scopes are the caller's roles from the verified token (`roles` claim): `scopes: [["ADMIN"],
 *   ["MANAGER"]]` means ADMIN or MANAGER (outer list: any of; inner list: all of).
 * - Policies are named rules in POLICIES below; an unknown policy refuses (fails closed).
 * - Subgraphs keep their own checks: this spares them the call and makes the refusal uniform.
 */
const POLICIES: Record<string, (identity: Identity) => boolean> = {
  /** A signed-in caller in a session that has not been ended. */
  session: (identity) => identity.sessionId !== null,
};

interface Requirement {
  authenticated: boolean;
  /** Any one of these sets, each complete. */
  scopes: string[][] | null;
  policies: string[][] | null;
}

const DIRECTIVES = ['authenticated', 'requiresScopes', 'policy'] as const;
const SECURITY_LINK = /(@link\(url: "https:\/\/specs\.apollo\.dev\/(?:authenticated|requiresScopes|policy)\/v[\d.]+"), for: SECURITY\)/g;

/**
 * Apollo Gateway refuses a supergraph with security features it does not enforce itself; this
 * gateway enforces them (below), so their links lose the `for: SECURITY` purpose before the SDL
 * reaches Apollo. Everything else stays as composed.
 */
export const withGatewayEnforcedSecurity = (supergraphSdl: string) => supergraphSdl.replace(SECURITY_LINK, '$1)');

export interface AuthRules {
  /** Field coordinate (`Type.field`) → what it requires. */
  requirements: Map<string, Requirement>;
  /** Field coordinate → its named return type and whether it is non-null (walked without graphql-js type objects). */
  fields: Map<string, { type: string; nonNull: boolean }>;
}

export const NO_AUTH_RULES: AuthRules = { requirements: new Map(), fields: new Map() };

/** What each field requires, from the supergraph's directives, and the field types to walk operations by. */
export function authRequirements(supergraphSdl: string): AuthRules {
  const document = parse(supergraphSdl);
  const typeRequirements = new Map<string, Requirement>();
  const fieldRequirements = new Map<string, Requirement>();
  const fieldTypes = new Map<string, string>();
  const fields = new Map<string, { type: string; nonNull: boolean }>();
  const requirementOf = (
    directives: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: ValueNode }[] }[] | undefined,
  ) => {
    const requirement: Requirement = { authenticated: false, scopes: null, policies: null };
    let found = false;
    for (const directive of directives ?? []) {
      const name = directive.name.value;
      if (!(DIRECTIVES as readonly string[]).includes(name)) continue;
      found = true;
      if (name === 'authenticated') requirement.authenticated = true;
      const argument = directive.arguments?.[0]?.value;
      const lists =
        argument?.kind === Kind.LIST
          ? argument.values.map((inner) =>
              inner.kind === Kind.LIST ? inner.values.flatMap((value) => (value.kind === Kind.STRING ? [value.value] : [])) : [],
            )
          : [];
      if (name === 'requiresScopes') requirement.scopes = lists;
      if (name === 'policy') requirement.policies = lists;
    }
    return found ? requirement : null;
  };
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name) continue;
    if ('directives' in definition) {
      const own = requirementOf(definition.directives);
      if (own) typeRequirements.set(definition.name.value, own);
    }
    if ((definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION) && definition.fields) {
      for (const field of definition.fields) {
        const coordinate = `${definition.name.value}.${field.name.value}`;
        let type = field.type;
        while (type.kind !== Kind.NAMED_TYPE) type = type.type;
        fieldTypes.set(coordinate, type.name.value);
        fields.set(coordinate, { type: type.name.value, nonNull: field.type.kind === Kind.NON_NULL_TYPE });
        const own = requirementOf(field.directives);
        if (own) fieldRequirements.set(coordinate, own);
      }
    }
  }
  const combined = new Map<string, Requirement>();
  for (const [coordinate, returnType] of fieldTypes) {
    const parts = [fieldRequirements.get(coordinate), typeRequirements.get(returnType)].filter((part): part is Requirement => !!part);
    if (parts.length === 0) continue;
    combined.set(coordinate, {
      authenticated: parts.some((part) => part.authenticated),
      scopes: mergeAlternatives(parts.map((part) => part.scopes)),
      policies: mergeAlternatives(parts.map((part) => part.policies)),
    });
  }
  return { requirements: combined, fields };
}

/** Both requirements must hold: every pair of alternatives, joined. */
function mergeAlternatives(lists: (string[][] | null)[]): string[][] | null {
  const present = lists.filter((list): list is string[][] => list !== null);
  if (present.length === 0) return null;
  return present.reduce((left, right) => left.flatMap((a) => right.map((b) => [...new Set([...a, ...b])])));
}

function refusalOf(requirement: Requirement, identity: Identity | null): { code: 'UNAUTHENTICATED' | 'FORBIDDEN'; message: string } | null {
  const needsIdentity = requirement.authenticated || requirement.scopes !== null || requirement.policies !== null;
  if (needsIdentity && !identity) return { code: 'UNAUTHENTICATED', message: 'Sign in to see this field (@authenticated)' };
  if (!identity) return null;
  const roles = new Set<string>(identity.roles);
  if (requirement.scopes && !requirement.scopes.some((all) => all.every((scope) => roles.has(scope))))
    return {
      code: 'FORBIDDEN',
      message: `Needs the scopes ${requirement.scopes.map((all) => all.join(' and ')).join(' or ')} (@requiresScopes)`,
    };
  if (requirement.policies && !requirement.policies.some((all) => all.every((policy) => POLICIES[policy]?.(identity) ?? false)))
    return {
      code: 'FORBIDDEN',
      message: `Needs the policies ${requirement.policies.map((all) => all.join(' and ')).join(' or ')} (@policy)`,
    };
  return null;
}

interface Removed {
  /** Response keys from the operation root to the refused field (fragments flattened). */
  path: string[];
  /** Whether each step along `path` may be null (its field type is nullable). */
  nullable: boolean[];
  code: 'UNAUTHENTICATED' | 'FORBIDDEN';
  message: string;
}

const FILLER = '__authRemoved';

/**
 * The operation without the fields the caller may not see (a selection set left empty keeps a
 * `__typename` under a reserved alias, removed from the answer), and where each one was.
 * Fragments are inlined first, so a field's path is its place in the answer. Walked on the AST
 * with the supergraph's field types (not graphql-js type objects), so no type identity matters.
 */
export function removeRefusedFields(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rules: AuthRules,
  identity: Identity | null,
): { document: DocumentNode; removed: Removed[] } | null {
  if (rules.requirements.size === 0) return null;
  const inlined = inlineFragments(document, operation);
  const root = inlined.definitions[0] as OperationDefinitionNode;
  const removed: Removed[] = [];
  const trim = (selectionSet: SelectionSetNode, typeName: string, path: string[], nullable: boolean[]): SelectionSetNode => {
    const selections: SelectionSetNode['selections'][number][] = [];
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const coordinate = `${typeName}.${selection.name.value}`;
        const key = selection.alias?.value ?? selection.name.value;
        const field = rules.fields.get(coordinate);
        const requirement = rules.requirements.get(coordinate);
        const refused = requirement ? refusalOf(requirement, identity) : null;
        if (refused) {
          removed.push({ path: [...path, key], nullable: [...nullable, !field?.nonNull], ...refused });
          continue;
        }
        if (selection.selectionSet && field) {
          const inner = trim(selection.selectionSet, field.type, [...path, key], [...nullable, !field.nonNull]);
          selections.push({ ...selection, selectionSet: inner.selections.length > 0 ? inner : filler(inner) });
        } else selections.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = trim(selection.selectionSet, selection.typeCondition?.name.value ?? typeName, path, nullable);
        selections.push({ ...selection, selectionSet: inner.selections.length > 0 ? inner : filler(inner) });
      } else selections.push(selection);
    }
    return { ...selectionSet, selections };
  };
  const rootType = root.operation === 'query' ? 'Query' : root.operation === 'mutation' ? 'Mutation' : 'Subscription';
  const trimmed = trim(root.selectionSet, rootType, [], []);
  if (removed.length === 0) return null;
  const selectionSet = trimmed.selections.length > 0 ? trimmed : filler(trimmed);
  return { document: { kind: Kind.DOCUMENT, definitions: [{ ...root, selectionSet }] }, removed };
}

const filler = (selectionSet: SelectionSetNode): SelectionSetNode => ({
  ...selectionSet,
  selections: [{ kind: Kind.FIELD, alias: { kind: Kind.NAME, value: FILLER }, name: { kind: Kind.NAME, value: '__typename' } }],
});

/** The operation alone, with every fragment spread replaced by an inline fragment of its selections. */
function inlineFragments(document: DocumentNode, operation: OperationDefinitionNode): DocumentNode {
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
    ),
  );
  const inline = (selectionSet: SelectionSetNode, seen: Set<string>): SelectionSetNode => ({
    ...selectionSet,
    selections: selectionSet.selections.map((selection) => {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) return selection;
        return {
          kind: Kind.INLINE_FRAGMENT,
          typeCondition: fragment.typeCondition,
          directives: selection.directives ?? [],
          selectionSet: inline(fragment.selectionSet, new Set([...seen, fragment.name.value])),
        };
      }
      if (selection.selectionSet) return { ...selection, selectionSet: inline(selection.selectionSet, seen) } as typeof selection;
      return selection;
    }),
  });
  return { kind: Kind.DOCUMENT, definitions: [{ ...operation, selectionSet: inline(operation.selectionSet, new Set()) }] };
}

/** Puts null (and an error) where each removed field was; drops the fillers. */
export function restoreRefusedFields(data: Record<string, unknown> | null | undefined, removed: Removed[]): GraphQLError[] {
  const errors: GraphQLError[] = [];
  if (!data) return errors;
  for (const field of removed) {
    // The nearest step, from the field upwards, that may be null.
    let nullAt = field.path.length - 1;
    while (nullAt >= 0 && !field.nullable[nullAt]) nullAt -= 1;
    const walk = (value: unknown, depth: number, concrete: (string | number)[]): void => {
      if (Array.isArray(value)) return value.forEach((item, index) => walk(item, depth, [...concrete, index]));
      if (!value || typeof value !== 'object') return;
      const object = value as Record<string, unknown>;
      const key = field.path[depth]!;
      if (depth === field.path.length - 1) {
        errors.push(new GraphQLError(field.message, { path: [...concrete, key], extensions: { code: field.code } }));
        if (nullAt === depth) object[key] = null;
        return;
      }
      if (!(key in object)) return; // A type condition that did not apply here.
      if (nullAt === depth) {
        object[key] = null; // A refused non-null field below: its nearest nullable parent is null.
        errors.push(new GraphQLError(field.message, { path: [...concrete, ...field.path.slice(depth)], extensions: { code: field.code } }));
        return;
      }
      walk(object[key], depth + 1, [...concrete, key]);
    };
    if (nullAt < 0) {
      errors.push(new GraphQLError(field.message, { path: field.path, extensions: { code: field.code } }));
      for (const key of Object.keys(data)) delete data[key];
      continue;
    }
    walk(data, 0, []);
  }
  dropFillers(data);
  return errors;
}

function dropFillers(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(dropFillers);
  if (!value || typeof value !== 'object') return;
  const object = value as Record<string, unknown>;
  delete object[FILLER];
  for (const child of Object.values(object)) dropFillers(child);
}

/** The plugin: rewrites the operation in didResolveOperation (before the gateway plans it) and restores the answer. */
export function authDirectivesPlugin(rulesOf: (schema: GraphQLSchema) => AuthRules): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let removed: Removed[] = [];
      return {
        async didResolveOperation(requestContext) {
          const { document, operation, schema } = requestContext;
          if (!operation) return;
          const result = removeRefusedFields(document, operation, rulesOf(schema), requestContext.contextValue.identity);
          if (!result) return;
          removed = result.removed;
          const newOperation = result.document.definitions[0] as OperationDefinitionNode;
          // The plan cache keys on queryHash: a trimmed operation gets its own key.
          const trimmedHash = createHash('sha256')
            .update(`${requestContext.queryHash}\u0000${removed.map((field) => field.path.join('.')).join('\u0000')}`)
            .digest('hex');
          Object.assign(requestContext, { document: result.document, operation: newOperation, queryHash: trimmedHash });
        },
        async willSendResponse(requestContext) {
          if (removed.length === 0 || requestContext.response.body.kind !== 'single') return;
          const single = requestContext.response.body.singleResult;
          const errors = restoreRefusedFields(single.data, removed);
          if (single.data && Object.keys(single.data).length === 0) single.data = null;
          single.errors = [...(single.errors ?? []), ...errors.map((error) => error.toJSON())];
        },
      };
    },
  };
}

export type { Requirement };
