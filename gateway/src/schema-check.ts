import { buildSchema, findBreakingChanges, findDangerousChanges, parse, validate, type GraphQLSchema } from 'graphql';

/** An accepted breaking change: the exact message the check prints, and why it is acceptable. */
export interface AllowedChange {
  change: string;
  reason: string;
}

export interface SchemaCheck {
  /** Breaking changes not in the allow-list: these fail the check. */
  breaking: string[];
  /** Breaking changes the allow-list accepts. */
  allowed: string[];
  /** Changes that can break some clients (e.g. a new enum value): reported, never failing. */
  dangerous: string[];
}

/** Compares two versions of the public API schema the way a client would feel the difference. */
export function checkSchemaChange(previousSdl: string, nextSdl: string, allowList: AllowedChange[] = []): SchemaCheck {
  const previous = buildSchema(previousSdl);
  const next = buildSchema(nextSdl);
  const accepted = new Set(allowList.map((entry) => entry.change));
  const breaking = findBreakingChanges(previous, next).map((change) => `${change.type}: ${change.description}`);
  return {
    breaking: breaking.filter((message) => !accepted.has(message)),
    allowed: breaking.filter((message) => accepted.has(message)),
    dangerous: findDangerousChanges(previous, next).map((change) => `${change.type}: ${change.description}`),
  };
}

/** Directives the gateway itself answers (README "@defer"), valid in client operations. */
const GATEWAY_DIRECTIVES = 'directive @defer(if: Boolean! = true, label: String) on FRAGMENT_SPREAD | INLINE_FRAGMENT';

/**
 * The operations of registered clients (trusted-document manifests) that would no longer validate
 * against the next schema: each message names the client build, the operation and the rule.
 */
export function checkClientOperations(
  nextSdl: string | GraphQLSchema,
  clients: { client: string; documents: Map<string, string> }[],
): string[] {
  // Clients may send the directives the gateway executes itself (@defer), which no subgraph declares.
  const schema = typeof nextSdl === 'string' ? buildSchema(`${nextSdl}\n${GATEWAY_DIRECTIVES}`) : nextSdl;
  const broken: string[] = [];
  for (const { client, documents } of clients) {
    for (const [hash, text] of documents) {
      const document = parse(text);
      const names = document.definitions.flatMap((definition) =>
        definition.kind === 'OperationDefinition' ? [definition.name?.value ?? 'anonymous'] : [],
      );
      for (const error of validate(schema, document))
        broken.push(`client ${client}: operation ${names.join(', ')} (sha256:${hash.slice(0, 12)}…): ${error.message}`);
    }
  }
  return broken;
}
