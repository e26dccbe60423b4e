import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, PUBLIC_ERROR_CODES } from './errors.ts';
import type { Logger } from './logger.ts';

/** Codes Apollo itself assigns to request problems; their messages are meant for the client. */
const APOLLO_REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'DOWNSTREAM_SERVICE_ERROR',
]);

/** "Did you mean …?" at the end of a message (graphql-js's wording). */
const SUGGESTION = / ?Did you mean .+\?$/;

/** Codes of requests refused whole because of what the client sent. */
const REQUEST_ERROR_CODES = new Set(['BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']);

const isClientFacing = (code: unknown) => typeof code === 'string' && (PUBLIC_ERROR_CODES.has(code) || APOLLO_REQUEST_CODES.has(code));

/**
 * Internal errors (anything outside the catalog) lose their message in production and always
 * carry the request id, so a user can quote it and an operator can find the logged cause.
 */
/**
 * Request errors Apollo raises without a code of the catalog (Apollo Server then says
 * INTERNAL_SERVER_ERROR; Apollo Gateway says INVALID_GRAPHQL for an unknown operation name). Each
 * is the client's mistake, so it gets the catalog's code for it instead of passing for a failure.
 */
function catalogCodeOf(formatted: GraphQLFormattedError): string | undefined {
  const code = formatted.extensions?.code;
  if (code === ErrorCode.INTERNAL_SERVER_ERROR && formatted.message === 'provided sha does not match query') return 'BAD_REQUEST';
  if (code === 'INVALID_GRAPHQL' && /^(Unknown operation named|Must provide (an )?operation)/.test(formatted.message))
    return 'OPERATION_RESOLUTION_FAILURE';
  return undefined;
}

export function formatErrorFor(production: boolean) {
  return (raw: GraphQLFormattedError): GraphQLFormattedError => {
    const recoded = catalogCodeOf(raw);
    const formatted = recoded ? { ...raw, extensions: { ...raw.extensions, code: recoded } } : raw;
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    // Suggestions also come with variable coercion errors (an enum value), which Apollo's
    // hideSchemaDetailsFromClientErrors leaves as they are.
    if (isClientFacing(extensions.code))
      return production ? { ...formatted, message: formatted.message.replace(SUGGESTION, ''), extensions } : formatted;
    if (!production) return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR } };
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/** Adds the request id to internal errors and logs their real cause with it. */
export function errorReportingPlugin<Context extends BaseContext & { requestId: string; logger: Logger }>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (isClientFacing(code)) continue;
            contextValue.logger.error('unexpected error', {
              requestId: contextValue.requestId,
              operationName,
              path: error.path,
              error: error.originalError ?? error,
            });
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          // A request refused as a whole for the client's mistake is a 400, as Apollo answers its others.
          const result = response.body.singleResult;
          if (result.data === undefined && result.errors?.every((error) => REQUEST_ERROR_CODES.has(String(error.extensions?.code))))
            response.http.status = 400;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) =>
            isClientFacing(error.extensions?.code)
              ? error
              : { ...error, extensions: { ...error.extensions, requestId: contextValue.requestId } },
          );
        },
      };
    },
  };
}
