// Every error the API answers with: a stable code, its HTTP status, and one mapping for REST and GraphQL.
export const ERROR_MAPPING = {
  'malformed-input': { status: 400 },
  unauthorized: { status: 401 },
  forbidden: { status: 403 },
  'invalid-manifest': { status: 422 },
  'inventory-not-found': { status: 404 },
  'analysis-not-found': { status: 404 },
  'capacity-report-not-found': { status: 404 },
  'snapshot-not-found': { status: 404 },
  'token-not-found': { status: 404 },
  'not-found': { status: 404 },
  'method-not-allowed': { status: 405 },
  'request-timeout': { status: 408 },
  'inventory-exists': { status: 409 },
  'idempotency-key-in-use': { status: 409 },
  'token-exists': { status: 409 },
  'version-conflict': { status: 412 },
  'payload-too-large': { status: 413 },
  'uri-too-long': { status: 414 },
  'unsupported-media-type': { status: 415 },
  'headers-too-large': { status: 431 },
  'idempotency-key-reused': { status: 422 },
  'too-many-requests': { status: 429 },
  'database-unavailable': { status: 503 },
  internal: { status: 500 },
} as const satisfies Record<string, { status: number }>;

export type ErrorCode = keyof typeof ERROR_MAPPING;

/** Where in the input a problem is: file, document (0-based), JSON path, line and column. */
export interface ErrorDetail {
  readonly file?: string;
  readonly document?: number;
  readonly path?: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
  readonly [extra: string]: unknown;
}

/** The body of every error response. */
export interface ErrorBody {
  readonly statusCode: number;
  readonly code: ErrorCode;
  readonly message: string;
  readonly details: readonly ErrorDetail[];
}

/** A failure the services raise on purpose; the exception filter turns it into an ErrorBody. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
    /** Response headers that belong to this error (`Retry-After`, `Allow`). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}
