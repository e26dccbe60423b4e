import type { GatewayConfig as ApolloGatewayConfig } from '@apollo/gateway';
import type { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { createLogger, type Logger } from '@fed/service-kit/edge';
import { Kind, parse, parseType, type DocumentNode, type GraphQLSchema, type TypeNode } from 'graphql';
import type { GatewayContext } from './context.ts';
import type { Counter } from './metrics.ts';
import type { SharedStore } from './store.ts';

type QueryPlanCache = NonNullable<NonNullable<ApolloGatewayConfig['queryPlannerConfig']>['cache']>;
type QueryPlan = NonNullable<Awaited<ReturnType<QueryPlanCache['get']>>>;

/**
 * A size-bounded LRU cache that counts its lookups as hits and misses. Apollo Server keeps parsed
 * and validated documents in one (keyed by schema hash + query hash), Apollo Gateway its query plans
 * in another (cleared on every supergraph change); both are in-process, so each replica warms its own.
 */
class CountedLruCache<Value extends object> {
  private readonly cache: InMemoryLRUCache<Value>;

  constructor(
    maxMegabytes: number,
    private readonly lookups: Counter,
  ) {
    // Sizes are measured as JSON, as Apollo's own defaults do (30 MB for either cache).
    this.cache = new InMemoryLRUCache<Value>({ maxSize: maxMegabytes * 1024 * 1024 });
  }

  async get(key: string): Promise<Value | undefined> {
    const value = await this.cache.get(key);
    this.lookups.inc([value === undefined ? 'miss' : 'hit']);
    return value;
  }

  async set(key: string, value: Value): Promise<void> {
    await this.cache.set(key, value);
  }

  async delete(key: string): Promise<boolean> {
    return this.cache.delete(key);
  }

  clear(): void {
    this.cache.clear();
  }
}

export const documentCache = (maxMegabytes: number, lookups: Counter) => new CountedLruCache<DocumentNode>(maxMegabytes, lookups);
export const queryPlanCache = (maxMegabytes: number, lookups: Counter): QueryPlanCache =>
  new CountedLruCache<QueryPlan>(maxMegabytes, lookups);

/** An operation as a client sent it: the plan and document caches are keyed by its exact text. */
export interface RecordedOperation {
  query: string;
  operationName: string | null;
}

/** The list every replica records into and warms from (in the shared store: Redis when configured). */
const RECENT_OPERATIONS_KEY = 'warm-up:recent-operations';
/** Longer documents are not recorded: warm-up is for the operations frontends send, not for outliers. */
const MAX_RECORDED_QUERY_LENGTH = 64 * 1024;

export interface WarmUpOptions {
  store: SharedStore;
  /** How many of the most recently first-seen operations to keep and warm; 0 turns warm-up off. */
  operations: number;
  warmed: Counter;
  logger: Logger;
}

/**
 * Warms the document and query-plan caches with the operations most recently new to any replica,
 * so that a fresh replica (a scale-out, a rollout) or a changed supergraph does not make the first
 * callers of every operation pay for parsing, validation and query planning.
 *
 * Recording costs one store write per operation the first time this process parses it (Apollo
 * calls `parsingDidStart` only on a document cache miss), and only for operations that passed
 * validation and the operation limits (`executionDidStart`). Warming runs each recorded operation
 * through Apollo Server with a warm-up context: parsing, validation, the operation limits and
 * planning happen as for a client, and the subgraph data sources answer without any network call.
 */
export class OperationWarmUp {
  private closed = false;
  private running: Promise<number> = Promise.resolve(0);

  constructor(private readonly options: WarmUpOptions) {}

  plugin(): ApolloServerPlugin<GatewayContext> {
    const { store, operations } = this.options;
    return {
      async requestDidStart({ contextValue }) {
        if (operations === 0 || contextValue.warmUp) return;
        let parsed = false;
        return {
          async parsingDidStart() {
            parsed = true;
          },
          async executionDidStart({ source, request }) {
            if (!parsed || source.length > MAX_RECORDED_QUERY_LENGTH) return;
            const operation: RecordedOperation = { query: source, operationName: request.operationName ?? null };
            // Not awaited: recording must never delay the operation (the store logs its own failures).
            void store.remember(RECENT_OPERATIONS_KEY, JSON.stringify(operation), operations);
          },
        };
      },
    };
  }

  /** Runs one warm-up (on `schema`, the API schema being served) after any still running; resolves to the number warmed. */
  warm(apollo: ApolloServer<GatewayContext>, schema: GraphQLSchema): Promise<number> {
    this.running = this.running.then(() => this.warmNow(apollo, schema));
    return this.running;
  }

  /** Stops warming (between operations) before the server stops. */
  async close(): Promise<void> {
    this.closed = true;
    await this.running;
  }

  private async warmNow(apollo: ApolloServer<GatewayContext>, schema: GraphQLSchema): Promise<number> {
    const { store, operations, warmed, logger } = this.options;
    if (operations === 0 || this.closed) return 0;
    const started = performance.now();
    let count = 0;
    for (const member of await store.recent(RECENT_OPERATIONS_KEY, operations)) {
      if (this.closed) break;
      const operation = parseRecorded(member);
      if (!operation) continue;
      try {
        await apollo.executeOperation(
          {
            query: operation.query,
            ...(operation.operationName ? { operationName: operation.operationName } : {}),
            variables: placeholderVariables(schema, operation),
          },
          { contextValue: warmUpContext() },
        );
        count++;
      } catch (error) {
        logger.debug('an operation could not be warmed', { operationName: operation.operationName, error });
      }
    }
    warmed.inc([], count);
    if (count)
      logger.info('warmed the document and query plan caches', { operations: count, durationMs: Math.round(performance.now() - started) });
    return count;
  }
}

/**
 * Values of the right types for the operation's required variables: the gateway checks variables
 * before it plans (the plan does not depend on their values), and callers' real values are never
 * recorded. Custom scalars pass through the gateway unparsed, so any value does for them.
 *
 * Types are read from type references (AST) and `schema.getType` only: the gateway's schema is built
 * by the CommonJS copy of graphql-js, whose objects fail the instanceof checks of the ESM copy here.
 */
export function placeholderVariables(schema: GraphQLSchema, operation: RecordedOperation): Record<string, unknown> {
  const definition = parse(operation.query).definitions.find(
    (node) => node.kind === Kind.OPERATION_DEFINITION && (!operation.operationName || node.name?.value === operation.operationName),
  );
  if (definition?.kind !== Kind.OPERATION_DEFINITION) return {};
  const variables: Record<string, unknown> = {};
  for (const variable of definition.variableDefinitions ?? []) {
    if (variable.type.kind === Kind.NON_NULL_TYPE && !variable.defaultValue)
      variables[variable.variable.name.value] = placeholder(schema, variable.type, 0);
  }
  return variables;
}

/** Input objects may nest (even recursively through nullable fields, which are left out); the depth is bounded anyway. */
const MAX_PLACEHOLDER_DEPTH = 10;

function placeholder(schema: GraphQLSchema, type: TypeNode, depth: number): unknown {
  if (type.kind === Kind.NON_NULL_TYPE) return placeholder(schema, type.type, depth);
  if (type.kind === Kind.LIST_TYPE) return [];
  const named = schema.getType(type.name.value);
  if (!named || depth > MAX_PLACEHOLDER_DEPTH) return null;
  if ('getValues' in named) return named.getValues()[0]?.value ?? null;
  if ('getFields' in named && 'isOneOf' in named) {
    const fields = Object.values(named.getFields());
    const required = named.isOneOf
      ? fields.slice(0, 1)
      : fields.filter((field) => String(field.type).endsWith('!') && field.defaultValue === undefined);
    return Object.fromEntries(required.map((field) => [field.name, placeholder(schema, parseType(String(field.type)), depth + 1)]));
  }
  switch (named.name) {
    case 'Int':
    case 'Float':
      return 0;
    case 'Boolean':
      return false;
    default:
      return '0';
  }
}

function parseRecorded(member: string): RecordedOperation | null {
  try {
    const value = JSON.parse(member) as Partial<RecordedOperation>;
    return typeof value.query === 'string' ? { query: value.query, operationName: value.operationName ?? null } : null;
  } catch {
    return null;
  }
}

const silent = createLogger({ service: 'gateway', level: 'silent' });

/** No caller, and a silent logger: the errors a warm-up answer carries (nothing was fetched) are expected. */
function warmUpContext(): GatewayContext {
  return { requestId: 'warm-up', identity: null, authorization: null, clientIp: null, userAgent: null, logger: silent, warmUp: true };
}
