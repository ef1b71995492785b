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
