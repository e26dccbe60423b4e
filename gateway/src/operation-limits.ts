import type { ApolloServerPlugin } from '@apollo/server';
import { exceededLimit, measureOperation, type OperationLimits } from '@fed/service-kit/edge';
import type { GatewayContext } from './context.ts';
import type { GatewayMetrics } from './metrics.ts';

/** The measure and the limits live in the kit, where the subgraphs apply them as a second line. */
export { exceededLimit, LimitExceededError, measureOperation, type OperationLimits, type OperationMeasure } from '@fed/service-kit/edge';

/** Checks depth, aliases and cost once the operation is known, before planning. */
export function operationLimitsPlugin(limits: OperationLimits, metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  const active = limits.maxDepth > 0 || limits.maxAliases > 0 || limits.maxCost > 0;
  return {
    async requestDidStart() {
      if (!active) return;
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const measure = measureOperation(schema, document, operation, request.variables ?? {}, limits.listSize);
          const exceeded = exceededLimit(limits, measure);
          if (exceeded) {
            metrics.operationLimits.inc([exceeded.limit]);
            throw exceeded;
          }
        },
      };
    },
  };
}
