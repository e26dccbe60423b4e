import { buildOperationContext, executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import { graphqlCjs } from '@fed/service-kit/edge';
import type { DocumentNode, ExecutionResult, GraphQLFormattedError, GraphQLSchema } from 'graphql';

const { GraphQLError } = graphqlCjs;
import type { GatewayContext } from '../context.ts';
import type { SubgraphDataSource } from '../data-source.ts';

/**
 * Subscriptions through the federated graph, on Apollo's own query planner and plan executor.
 *
 * The planner turns a subscription into a SubscriptionNode: `primary`, a fetch of the subscription
 * field from the subgraph that owns it, and `rest`, the ordinary plan for everything other subgraphs
 * add (entity fetches keyed by what the primary fetch returned). The gateway opens the primary fetch
 * as a live stream to that subgraph; for every event it receives, it runs `primary` then `rest` through
 * Apollo's `executeQueryPlan`, exactly as a query runs, with the primary fetch answered by the event:
 * every other fetch goes to the real subgraphs with the subscriber's token, so tenant scoping,
 * visibility, partial results and result shaping are the same as for a query.
 */
export interface PlannedSubscription {
  primary: FetchNode;
  /** primary + rest, as one plan executed per event. */
  perEvent: QueryPlan;
  operationContext: ReturnType<typeof buildOperationContext>;
}

export class LivePlanner {
  private current: { sdl: string; planner: QueryPlanner; supergraphSchema: GraphQLSchema; apiSchema: Schema } | null = null;
  private sdl: string | null = null;

  /** Called on every supergraph load; the planner is rebuilt lazily, by the first subscription after it. */
  supergraphChanged(sdl: string): void {
    this.sdl = sdl;
  }

  private state() {
    if (!this.sdl) throw new GraphQLError('The gateway has no supergraph yet', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    if (this.current?.sdl !== this.sdl) {
      const supergraph = Supergraph.build(this.sdl);
      this.current = {
        sdl: this.sdl,
        planner: new QueryPlanner(supergraph),
        supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
        apiSchema: supergraph.apiSchema(),
      };
    }
    return this.current;
  }

  plan(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): PlannedSubscription {
    const { planner, apiSchema } = this.state();
    const operation = operationFromDocument(apiSchema, document, operationName ? { operationName } : {});
    const plan = planner.buildQueryPlan(operation);
    const node = plan.node;
    if (node?.kind !== 'Subscription') throw new GraphQLError('Only subscription operations are planned here');
    const nodes: PlanNode[] = [node.primary, ...(node.rest ? [node.rest] : [])];
    return {
      primary: node.primary,
      perEvent: { kind: 'QueryPlan', node: { kind: 'Sequence', nodes } },
      operationContext: buildOperationContext({ schema, operationDocument: document, operationName: operationName ?? undefined }),
    };
  }

  /**
   * Resolves one event: `event` is what the owning subgraph sent for the primary fetch; every other
   * fetch of the plan goes to `sources`.
   */
  async resolveEvent(
    planned: PlannedSubscription,
    event: ExecutionResult,
    sources: ReadonlyMap<string, SubgraphDataSource>,
    context: GatewayContext,
    variables: Record<string, unknown>,
  ): Promise<ExecutionResult> {
    const { supergraphSchema, apiSchema } = this.state();
    const serviceMap: ServiceMap = Object.create(null) as ServiceMap;
    for (const [name, source] of sources) serviceMap[name] = source;
    serviceMap[planned.primary.serviceName] = replayPrimary(planned.primary, event, sources.get(planned.primary.serviceName));
    const requestContext = {
      logger: { debug: () => {}, info: () => {}, warn: () => {}, error: (message: unknown) => context.logger.error(String(message)) },
      request: { variables },
      context,
      operation: planned.operationContext.operation,
      metrics: {},
    } as unknown as Parameters<typeof executeQueryPlan>[2];
    const result = await executeQueryPlan(
      planned.perEvent,
      serviceMap,
      requestContext,
      planned.operationContext,
      supergraphSchema,
      apiSchema,
    );
    return result as ExecutionResult;
  }

  /** The subgraph and the operation of the primary fetch: what the live stream to the owner subscribes to. */
  static primaryRequest(planned: PlannedSubscription, variables: Record<string, unknown>) {
    const primaryVariables: Record<string, unknown> = {};
    for (const name of planned.primary.variableUsages ?? []) if (name in variables) primaryVariables[name] = variables[name];
    return {
      serviceName: planned.primary.serviceName,
      query: planned.primary.operation,
      variables: primaryVariables,
      ...(planned.primary.operationName ? { operationName: planned.primary.operationName } : {}),
    };
  }
}

/** The owning subgraph, except that the primary fetch is answered by the event already received. */
function replayPrimary(primary: FetchNode, event: ExecutionResult, real: GraphQLDataSource | undefined): GraphQLDataSource {
  return {
    async process(options) {
      if (options.request.query === primary.operation) {
        const errors = event.errors?.map((error) => ('toJSON' in error ? error.toJSON() : error) as GraphQLFormattedError);
        return { ...(event.data !== undefined ? { data: event.data } : {}), ...(errors ? { errors } : {}) };
      }
      if (!real) throw new Error(`No data source for subgraph "${primary.serviceName}"`);
      return real.process(options);
    },
  };
}
