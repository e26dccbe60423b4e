import {
  Kind,
  parse,
  print,
  visit,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * `@defer` at the gateway (incremental delivery, deferSpec=20220824, the format Apollo Client and
 * graphql-codegen read). Apollo Gateway refuses @defer (its executor asserts on the planner's Defer
 * nodes), so the gateway answers a deferred operation with two ordinary operations through its whole
 * pipeline (limits, response cache, partial results, the subscriber's token):
 *
 * - the **initial** operation, the document without its deferred fragments: it calls only the
 *   subgraphs the non-deferred fields need, so it answers before a slow subgraph that only deferred
 *   fields need;
 * - the **complete** operation, the document with @defer removed: its data is exactly the
 *   non-deferred answer, and each deferred fragment's part is cut from it at the fragment's paths.
 *
 * Both start at once; the initial part is sent when it is ready, the deferred parts when the complete
 * answer is. The price is that non-deferred fields are resolved twice (the complete operation's
 * fetches of them are usually answered from the response cache or share in-flight fetches), in
 * exchange for merged results that always equal the non-deferred answer. A client that does not
 * accept multipart/mixed gets the complete operation's answer alone.
 */
export interface DeferredFragment {
  label: string | undefined;
  /** Response keys from the root to the object the fragment selects on. */
  path: string[];
  /** The response keys the fragment selects (at that object). */
  keys: string[];
}

export interface DeferSplit {
  complete: string;
  initial: string;
  deferred: DeferredFragment[];
}

/** Response key of a field the initial operation needs where a selection set lost all its fields. */
export const PLACEHOLDER = '__deferPlaceholder';

const isDefer = (directive: DirectiveNode) => directive.name.value === 'defer';

/** Cheap test before parsing: most requests have no @defer. */
export function mayDefer(query: string): boolean {
  return query.includes('@defer');
}

/** Null when the document defers nothing (an `if: false` is honoured as "not deferred"). */
export function splitDeferred(query: string): DeferSplit | null {
  const document = parse(query);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const deferred: DeferredFragment[] = [];
  const deferredHere = (directives: readonly DirectiveNode[] | undefined) => {
    const directive = directives?.find(isDefer);
    if (!directive) return null;
    const condition = directive.arguments?.find((argument) => argument.name.value === 'if');
    if (condition?.value.kind === Kind.BOOLEAN && !condition.value.value) return null;
    const label = directive.arguments?.find((argument) => argument.name.value === 'label');
    return { label: label?.value.kind === Kind.STRING ? label.value.value : undefined };
  };
  const keysOf = (set: SelectionSetNode): string[] =>
    set.selections.flatMap((selection) => {
      if (selection.kind === Kind.FIELD) return [selection.alias?.value ?? selection.name.value];
      if (selection.kind === Kind.INLINE_FRAGMENT) return keysOf(selection.selectionSet);
      const fragment = fragments.get(selection.name.value);
      return fragment ? keysOf(fragment.selectionSet) : [];
    });
  const collect = (set: SelectionSetNode, path: string[]) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.selectionSet) collect(selection.selectionSet, [...path, selection.alias?.value ?? selection.name.value]);
        continue;
      }
      const inner = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value)?.selectionSet;
      if (!inner) continue;
      const defer = deferredHere(selection.directives);
      if (defer) deferred.push({ label: defer.label, path, keys: keysOf(inner) });
      collect(inner, path);
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) collect(definition.selectionSet, []);
  }
  if (deferred.length === 0) return null;

  const withoutDefer = visit(document, {
    Directive: (node) => (isDefer(node) ? null : undefined),
  });
  const initial = visit(document, {
    InlineFragment: (node) => (deferredHere(node.directives) ? null : undefined),
    FragmentSpread: (node) => (deferredHere(node.directives) ? null : undefined),
    Directive: (node) => (isDefer(node) ? null : undefined),
    SelectionSet: {
      leave: (node): SelectionSetNode | undefined =>
        node.selections.length > 0 ? undefined : { ...node, selections: [placeholderField()] },
    },
  });
  return { complete: print(withoutDefer), initial: print(dropUnusedFragments(initial)), deferred };
}

function placeholderField(): SelectionNode {
  return { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: PLACEHOLDER }, name: { kind: Kind.NAME, value: '__typename' } };
}

/** Fragments only deferred spreads used are gone from the initial document, which must not define unused ones. */
function dropUnusedFragments(document: DocumentNode): DocumentNode {
  const used = new Set<string>();
  visit(document, { FragmentSpread: (node) => void used.add(node.name.value) });
  return {
    ...document,
    definitions: document.definitions.filter(
      (definition) => definition.kind !== Kind.FRAGMENT_DEFINITION || used.has(definition.name.value),
    ),
  };
}

/** The initial data without the placeholders that kept emptied selection sets valid. */
export function withoutPlaceholders(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPlaceholders);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => key !== PLACEHOLDER)
      .map(([key, member]) => [key, withoutPlaceholders(member)]),
  );
}

export interface IncrementalItem {
  data: Record<string, unknown> | null;
  path: (string | number)[];
  label?: string;
  errors?: unknown[];
}

/**
 * The deferred parts, cut from the complete answer: one item per deferred fragment and per object it
 * applies to (a fragment under a list applies to each element), with the errors under its path.
 */
export function incrementalItems(
  deferred: DeferredFragment[],
  data: Record<string, unknown> | null | undefined,
  errors: { path?: readonly (string | number)[] }[] | undefined,
): IncrementalItem[] {
  const items: IncrementalItem[] = [];
  for (const fragment of deferred) {
    for (const { path, value } of objectsAt(data ?? null, fragment.path)) {
      const picked: Record<string, unknown> = {};
      for (const key of fragment.keys) if (key in value) picked[key] = value[key];
      const under = (errors ?? []).filter(
        (error) =>
          error.path &&
          error.path.length > path.length &&
          path.every((step, index) => error.path![index] === step) &&
          fragment.keys.includes(String(error.path[path.length])),
      );
      items.push({
        data: picked,
        path,
        ...(fragment.label !== undefined ? { label: fragment.label } : {}),
        ...(under.length > 0 ? { errors: under } : {}),
      });
    }
  }
  return items;
}

function objectsAt(
  value: unknown,
  keys: string[],
  path: (string | number)[] = [],
): { path: (string | number)[]; value: Record<string, unknown> }[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((element, index) => objectsAt(element, keys, [...path, index]));
  if (typeof value !== 'object') return [];
  const [first, ...rest] = keys;
  if (first === undefined) return [{ path, value: value as Record<string, unknown> }];
  return objectsAt((value as Record<string, unknown>)[first], rest, [...path, first]);
}

/** The multipart framing Apollo Server and Apollo Router write for deferSpec=20220824. */
export const MULTIPART_CONTENT_TYPE = 'multipart/mixed; boundary="-"; deferSpec=20220824';
export const multipartPart = (payload: unknown) =>
  `\r\n---\r\ncontent-type: application/json; charset=utf-8\r\n\r\n${JSON.stringify(payload)}`;
export const MULTIPART_END = '\r\n-----\r\n';

/** Whether the client accepts incremental delivery (Apollo Client sends `multipart/mixed;deferSpec=20220824`). */
export function acceptsMultipart(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => part.trim().toLowerCase().startsWith('multipart/mixed'));
}
