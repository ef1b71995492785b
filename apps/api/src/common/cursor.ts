// Opaque page cursors: the (createdAt, id) of the last row of a page, newest-first order. Analyses are
// keyed by UUID, workload history rows by a bigint: a cursor of the one list is refused by the other.
import { AppError } from '../errors/error-codes';

export interface CursorPosition {
  readonly createdAt: Date;
  readonly id: string;
}

const INT64_MAX = 2n ** 63n - 1n;
const ID_CHECKS = {
  uuid: (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id),
  int64: (id: string) => /^\d{1,19}$/.test(id) && BigInt(id) <= INT64_MAX,
} as const;
export type CursorIdKind = keyof typeof ID_CHECKS;

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(`${position.createdAt.toISOString()}|${position.id}`).toString('base64url');
}

export function decodeCursor(cursor: string, idKind: CursorIdKind): CursorPosition {
  const [time, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(time ?? '');
  if (id === undefined || !ID_CHECKS[idKind](id) || Number.isNaN(createdAt.getTime())) {
    throw new AppError('malformed-input', 'cursor: not a cursor this API returned', [
      { path: 'cursor', message: 'invalid cursor' },
    ]);
  }
  return { createdAt, id };
}

/** A GraphQL Relay connection over one page of a newest-first list. */
export interface PageConnection<Node> {
  readonly edges: Array<{ cursor: string; node: Node }>;
  readonly pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/** A page of a REST list as a Relay connection; each edge's cursor reads the rows after it. */
export function pageConnection<Item extends { readonly createdAt: Date | string; readonly id: string }, Node>(
  page: { readonly items: readonly Item[]; readonly nextCursor: string | null },
  isAfterCursor: boolean,
  node: (item: Item) => Node,
): PageConnection<Node> {
  const edges = page.items.map((item) => ({
    cursor: encodeCursor({ createdAt: new Date(item.createdAt), id: item.id }),
    node: node(item),
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.nextCursor !== null,
      hasPreviousPage: isAfterCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
