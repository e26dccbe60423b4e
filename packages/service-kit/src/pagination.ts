import { BadUserInputError } from './errors.ts';

/**
 * Relay-style cursor pagination. A cursor is an opaque, url-safe encoding of the sort value and
 * the id of the last row seen (keyset pagination: stable under inserts, no OFFSET scans).
 */
export interface PageCursor {
  /** The sort column's value of the row, as a string (ISO time, number, text). */
  value: string;
  id: string;
}

export interface PageRequest {
  take: number;
  after: PageCursor | null;
}

export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.value, cursor.id])).toString('base64url');
}

export function decodeCursor(raw: string, field = 'after'): PageCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new BadUserInputError(field, 'must be a cursor returned by this field (endCursor)');
}

export function pageRequest(
  args: { first?: number | null; after?: string | null },
  limits: { defaultSize?: number; maxSize?: number } = {},
): PageRequest {
  const maxSize = limits.maxSize ?? 100;
  const take = args.first ?? limits.defaultSize ?? 20;
  if (!Number.isInteger(take) || take < 0 || take > maxSize) {
    throw new BadUserInputError('first', `must be an integer between 0 and ${maxSize}`);
  }
  return { take, after: args.after ? decodeCursor(args.after) : null };
}

export interface Connection<Node> {
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** Counted only when a client selects it (GraphQL calls function-valued fields lazily). */
  totalCount: () => Promise<number>;
}

/** Builds a connection from `take + 1` fetched rows: the extra row only says there is a next page. */
export function toConnection<Row, Node = Row>(
  rows: Row[],
  take: number,
  cursorOf: (row: Row) => PageCursor,
  totalCount: () => Promise<number>,
  toNode: (row: Row) => Node = (row) => row as unknown as Node,
): Connection<Node> {
  const page = rows.slice(0, take);
  const edges = page.map((row) => ({ cursor: encodeCursor(cursorOf(row)), node: toNode(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > take, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

type KeysetCondition<Field extends string> = {
  OR: [{ [K in Field]: { lt: Date } }, { [K in Field]: Date } & { id: { lt: string } }];
};

/**
 * `where`, narrowed to the rows after the cursor (when there is one) in `(field DESC, id DESC)`
 * order, the order every newest-first connection uses; the id breaks ties between equal times.
 */
export function whereAfter<Where extends object, Field extends string>(
  where: Where,
  field: Field,
  after: PageCursor | null,
): Where | { AND: [Where, KeysetCondition<Field>] } {
  if (!after) return where;
  const at = new Date(after.value);
  return { AND: [where, { OR: [{ [field]: { lt: at } }, { [field]: at, id: { lt: after.id } }] } as KeysetCondition<Field>] };
}
