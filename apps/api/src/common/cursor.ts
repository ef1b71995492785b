// Opaque page cursors: the (createdAt, id) of the last row of a page, newest-first order.
import { AppError } from '../errors/error-codes';

export interface CursorPosition {
  readonly createdAt: Date;
  readonly id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(`${position.createdAt.toISOString()}|${position.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  const [time, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(time ?? '');
  if (id === undefined || !/^([0-9a-f-]{36}|\d{1,19})$/.test(id) || Number.isNaN(createdAt.getTime())) {
    throw new AppError('malformed-input', 'cursor: not a cursor this API returned', [
      { path: 'cursor', message: 'invalid cursor' },
    ]);
  }
  return { createdAt, id };
}
