import { BadUserInputError, ConflictError } from './errors.ts';

/**
 * Translates constraint violations the database enforces into catalog errors. The database is the
 * last line of integrity (CHECK, UNIQUE); this turns its refusal into a message a client can act on.
 * `fieldOfConstraint` maps constraint names to the GraphQL field they guard.
 */
export function translateDatabaseError(error: unknown, fieldOfConstraint: Record<string, { field: string; rule: string }> = {}): unknown {
  const details = databaseErrorDetails(error);
  if (!details) return error;
  const known = details.constraint ? fieldOfConstraint[details.constraint] : undefined;
  if (known) return new BadUserInputError(known.field, known.rule);
  // Driver adapters report the PostgreSQL SQLSTATE as originalCode: 23505 unique, 23514 check.
  if (details.code === 'P2002' || details.code === '23505') {
    return new ConflictError(`A record with the same ${details.target ?? details.constraint ?? 'unique key'} already exists`);
  }
  return error;
}

interface DatabaseErrorDetails {
  code: string;
  constraint?: string;
  target?: string;
}

function databaseErrorDetails(error: unknown): DatabaseErrorDetails | null {
  if (typeof error !== 'object' || error === null) return null;
  const record = error as { code?: unknown; meta?: Record<string, unknown>; constraint?: unknown; message?: unknown };
  if (typeof record.code !== 'string') return null;
  const meta = record.meta ?? {};
  const driverError = (meta.driverAdapterError as { cause?: Record<string, unknown> } | undefined)?.cause ?? {};
  const constraint =
    typeof record.constraint === 'string'
      ? record.constraint
      : typeof driverError.constraint === 'string'
        ? driverError.constraint
        : typeof meta.constraint === 'string'
          ? meta.constraint
          : constraintFromMessage(String(driverError.originalMessage ?? record.message ?? ''));
  const rawTarget = meta.target ?? (driverError.constraint as { fields?: unknown } | undefined)?.fields;
  const target = Array.isArray(rawTarget)
    ? rawTarget.map((field) => String(field).replaceAll('"', '')).join(', ')
    : typeof rawTarget === 'string'
      ? rawTarget
      : undefined;
  return { code: record.code, ...(constraint ? { constraint } : {}), ...(target ? { target } : {}) };
}

function constraintFromMessage(message: string): string | undefined {
  return /constraint "([^"]+)"/.exec(message)?.[1];
}
