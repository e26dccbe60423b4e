import { GraphQLError } from 'graphql';

/**
 * The codes the platform's own code raises. With the request codes Apollo gives (parse, validation,
 * persisted queries, limits, downstream failures: see error-policy.ts) they make the error catalog
 * in the README, which tests/error-catalog.test.ts checks both ways; anything else is masked as
 * INTERNAL_SERVER_ERROR.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  /** A dependency needed to decide safely is unreachable (HTTP 503); retrying later can succeed. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes whose messages are safe to show a client as they are. */
export const PUBLIC_ERROR_CODES: ReadonlySet<string> = new Set(
  Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
);

/** The HTTP status of a refusal at the door (token verification): 503 when authority could not be confirmed. */
export function doorRefusalStatus(error: AppError): number {
  return error.extensions.code === ErrorCode.SERVICE_UNAVAILABLE ? 503 : 401;
}

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Authentication required: send a valid bearer token') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ForbiddenError extends AppError {
  /** `extensions` name the rule where one refused (e.g. `{ rule: 'SEPARATION_OF_DUTIES' }`). */
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(ErrorCode.FORBIDDEN, message, extensions);
  }
}

/** Bad input always names the field and the rule it broke. */
export class BadUserInputError extends AppError {
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(ErrorCode.BAD_USER_INPUT, `${field}: ${rule}`, { field, rule });
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: string) {
    super(ErrorCode.NOT_FOUND, `${entity} ${id} was not found`, { entity, id });
  }
}

export class ConflictError extends AppError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(ErrorCode.CONFLICT, message, extensions);
  }
}

/** An invalid state transition names both states and why. */
export class InvalidTransitionError extends ConflictError {
  constructor(entity: string, from: string, to: string, reason: string) {
    super(`${entity} cannot go from ${from} to ${to}: ${reason}`, { from, to });
  }
}
