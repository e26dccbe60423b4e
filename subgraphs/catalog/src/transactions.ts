import { translateDatabaseError } from '@fed/service-kit';
import type { CatalogClient } from './db.ts';
import type { Prisma } from './generated/prisma/client.ts';

export type CatalogTransaction = Prisma.TransactionClient;

/**
 * Interactive transactions queue for a pooled connection (on PGlite, for its one connection) when
 * many mutations arrive at once, e.g. 50 concurrent orders: give them time to start instead of
 * failing after Prisma's default 2 s.
 */
export const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 30_000 } as const;

/** Database rules by constraint name, and the input field and rule each reports to the client. */
export type ConstraintFields = Record<string, { field: string; rule: string }>;

/** A unique index and the error a violation of it means to the client. */
export interface UniqueRule {
  index: UniqueIndex;
  error: () => Error;
}

export interface UniqueIndex {
  name: string;
  columns: readonly string[];
}

/**
 * Runs one state change in one transaction. Whatever fails (an input check, a CHECK, trigger or
 * UNIQUE rule of the database) rolls all of it back. A violated rule listed in `constraints` or
 * `uniques` becomes the error it names (BAD_USER_INPUT naming the field, CONFLICT, ...).
 */
export async function inTransaction<T>(
  db: CatalogClient,
  work: (tx: CatalogTransaction) => Promise<T>,
  rules: { constraints?: ConstraintFields; uniques?: UniqueRule[] } = {},
): Promise<T> {
  try {
    return await db.$transaction(work, TRANSACTION_OPTIONS);
  } catch (error) {
    const unique = rules.uniques?.find((rule) => isUniqueViolation(error, rule.index));
    if (unique) throw unique.error();
    throw translateDatabaseError(error, rules.constraints ?? {});
  }
}

/**
 * Whether an error is a violation of one unique index. PostgreSQL's driver reports the index name,
 * PGlite's the indexed columns; either identifies it.
 */
export function isUniqueViolation(error: unknown, index: UniqueIndex): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, meta, message } = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: unknown } }; message?: unknown };
  if (code !== 'P2002' && code !== 'P2010') return false;
  if (typeof message === 'string' && message.includes(`"${index.name}"`)) return true;
  const constraint = (meta?.driverAdapterError?.cause as { constraint?: { index?: unknown; fields?: unknown } } | undefined)?.constraint;
  if (constraint?.index === index.name) return true;
  if (Array.isArray(constraint?.fields)) {
    const fields = constraint.fields.map((field) => String(field).replaceAll('"', ''));
    return fields.length === index.columns.length && index.columns.every((column) => fields.includes(column));
  }
  return false;
}
