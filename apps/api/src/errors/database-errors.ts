// Recognises "the database cannot serve this now" through the layers that wrap it (Prisma's errors, the
// driver adapter's, pg's own), so it is answered 503 with Retry-After rather than 500.
const SQLSTATE_UNAVAILABLE: Record<string, string> = {
  '57P01': 'server shut down the connection',
  '57P02': 'server crashed',
  '57P03': 'server is starting up or shutting down',
  '57014': 'statement timed out',
  '55P03': 'lock timed out',
  '53300': 'too many connections',
  '3D000': 'the database does not exist',
  '25P03': 'idle transaction timed out',
  '40001': 'serialization failure',
  '40P01': 'deadlock detected',
};
const PRISMA_UNAVAILABLE: Record<string, string> = {
  P1001: 'cannot reach the server',
  P1002: 'server timed out',
  P1008: 'operation timed out',
  P1017: 'server closed the connection',
  P2024: 'no connection free in the pool',
  P2028: 'transaction timed out',
};
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
const MESSAGES: Array<[RegExp, string]> = [
  [/timeout exceeded when trying to connect/i, 'no connection free in the pool'],
  [/Connection terminated/i, 'connection lost'],
  [/Client has encountered a connection error/i, 'connection lost'],
  [/connection (is )?(closed|ended)/i, 'connection lost'],
  [/ECONNREFUSED/, 'cannot reach the server'],
  [/is not currently accepting connections/i, 'the database does not accept connections'],
  [/canceling statement due to (statement|lock) timeout/i, 'statement timed out'],
  [/terminating connection due to administrator command/i, 'server shut down the connection'],
  [/Transaction (already closed|API error)/i, 'transaction timed out'],
];

/** `error` and every error it wraps (Prisma's meta, the driver adapter's, pg's own), each once. */
function* errorChain(error: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    yield record;
    queue.push(record.cause, record.meta, record.driverAdapterError, record.originalError);
  }
}

/** A short reason when `error` means the database is unavailable or timed out; null otherwise. */
export function databaseUnavailableReason(error: unknown): string | null {
  for (const record of errorChain(error)) {
    for (const code of [record.code, record.originalCode]) {
      if (typeof code !== 'string') continue;
      const reason = SQLSTATE_UNAVAILABLE[code] ?? PRISMA_UNAVAILABLE[code];
      if (reason !== undefined) return reason;
      if (NETWORK_CODES.has(code)) return 'cannot reach the server';
    }
    if (record.kind === 'DatabaseNotReachable' || record.kind === 'ConnectionClosed')
      return 'connection lost';
    if (record.kind === 'SocketTimeout' || record.kind === 'TransactionAlreadyClosed') return 'timed out';
    if (typeof record.message === 'string') {
      for (const [pattern, reason] of MESSAGES) if (pattern.test(record.message)) return reason;
    }
  }
  return null;
}

/** The SQLSTATE PostgreSQL answered with, wherever Prisma and the driver adapter put it; null if none. */
export function sqlState(error: unknown): string | null {
  for (const record of errorChain(error)) {
    for (const candidate of [record.originalCode, record.code]) {
      if (typeof candidate === 'string' && /^[0-9A-Z]{5}$/.test(candidate) && !candidate.startsWith('P')) {
        return candidate;
      }
    }
  }
  return null;
}

/**
 * Class 22 (data exception): a value the request carried that a column cannot hold (too long, a NUL
 * character, bad encoding). Bad input, so 400, never 500.
 */
export function isDataException(error: unknown): boolean {
  return sqlState(error)?.startsWith('22') ?? false;
}

/** A unique index refused the row (SQLSTATE 23505), as Prisma reports it for its own and raw statements. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'P2002' || sqlState(error) === '23505';
}
