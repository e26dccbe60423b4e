import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './context.ts';
import type { GatewayMetrics } from './metrics.ts';

/**
 * One metrics update and one JSON log line per operation: name, type, tenant, user, duration,
 * error codes, cache and persisted-query outcome (the request id is bound to the request's logger).
 */
export function observabilityPlugin(metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      // Warm-up operations are not traffic: they would skew the operation counts and error rates.
      if (contextValue.warmUp) return;
      const started = performance.now();
      return {
        async willSendResponse({ operation, operationName, response, contextValue, metrics: requestMetrics }) {
          const seconds = (performance.now() - started) / 1000;
          const label = metrics.operationLabel(operationName);
          const type = operation?.operation ?? 'none';
          metrics.operations.inc([type, label]);
          metrics.operationDuration.observe([label], seconds);

          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const errorCodes = errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          for (const code of errorCodes) metrics.errors.inc([code]);
          const persistedQuery = requestMetrics.persistedQueryHit
            ? 'hit'
            : requestMetrics.persistedQueryRegister
              ? 'register'
              : errorCodes.includes('PERSISTED_QUERY_NOT_FOUND')
                ? 'miss'
                : undefined;
          if (persistedQuery) metrics.persistedQueries.inc([persistedQuery]);

          contextValue.logger.info('graphql operation', {
            operationName: operationName ?? null,
            operationType: type,
            tenantId: contextValue.identity?.tenantId ?? null,
            userId: contextValue.identity?.userId ?? null,
            durationMs: Math.round(seconds * 1000 * 10) / 10,
            ...(errorCodes.length ? { errorCodes } : {}),
            ...(requestMetrics.responseCacheHit ? { cache: 'hit' } : {}),
            ...(persistedQuery ? { persistedQuery } : {}),
          });
        },
      };
    },
  };
}
