// Turns anything thrown anywhere (services, the ValidationPipe, Fastify's body reading as Nest hands it on,
// the database) into one ErrorBody. Unknown errors become `internal`, answered without their detail.
import { HttpException } from '@nestjs/common';
import { ManifestError } from '@podfit/manifests';
import { AppError, ERROR_MAPPING, type ErrorBody, type ErrorCode, type ErrorDetail } from './error-codes';
import { databaseUnavailableReason, isDataException } from './database-errors';

export interface MappedError {
  readonly body: ErrorBody;
  readonly headers: Readonly<Record<string, string>>;
  /** True when the error is ours to fix: log it with its stack. */
  readonly isInternal: boolean;
}

export interface ErrorContext {
  /** The body limit in bytes, named in a 413's details. */
  readonly bodyLimit: number;
}

const RETRY_AFTER_SECONDS = '2';

export function toErrorBody(error: unknown, context: ErrorContext): MappedError {
  if (error instanceof AppError) return mapped(error.code, error.message, error.details, error.headers);
  if (error instanceof ManifestError) return fromManifestError(error);
  const databaseReason = databaseUnavailableReason(error);
  if (databaseReason !== null) {
    return mapped(
      'database-unavailable',
      `the database is unavailable (${databaseReason}); retry later`,
      [],
      {
        'retry-after': RETRY_AFTER_SECONDS,
      },
    );
  }
  if (isDataException(error)) {
    return mapped(
      'malformed-input',
      'a value in the request cannot be stored (too long, or a NUL character)',
    );
  }
  if (error instanceof HttpException) return fromHttpException(error, context);
  return mapped('internal', 'internal error', [], {}, true);
}

function mapped(
  code: ErrorCode,
  message: string,
  details: readonly ErrorDetail[] = [],
  headers: Readonly<Record<string, string>> = {},
  isInternal = false,
): MappedError {
  return { body: { statusCode: ERROR_MAPPING[code].status, code, message, details }, headers, isInternal };
}

function fromManifestError(error: ManifestError): MappedError {
  const details = error.problems.map((problem) => ({
    file: problem.file,
    document: problem.document,
    path: problem.path,
    ...(problem.line === undefined ? {} : { line: problem.line, column: problem.column }),
    message: problem.message,
  }));
  const count = error.problems.length;
  const message =
    error.code === 'invalid-manifest'
      ? `the manifest is invalid (${count} problem${count === 1 ? '' : 's'}): ${error.message}`
      : error.message;
  return mapped(error.code, message, details);
}

// Nest hands on Fastify's own errors (body too large, bad Content-Length) and its ValidationPipe's as
// HttpExceptions; only the status survives, so it picks the code.
function fromHttpException(error: HttpException, context: ErrorContext): MappedError {
  const status = error.getStatus();
  const response = error.getResponse();
  const messages =
    typeof response === 'object' && response !== null && 'message' in response
      ? (response as { message: unknown }).message
      : error.message;
  const list = Array.isArray(messages) ? messages.map(String) : [String(messages)];
  switch (status) {
    case 400:
      return mapped('malformed-input', list.join('; '), list.map(validationDetail));
    case 404:
      return mapped('not-found', list.join('; '));
    case 405:
      return mapped('method-not-allowed', list.join('; '));
    case 408:
      return mapped('request-timeout', 'request timed out');
    case 414:
      return mapped('uri-too-long', 'the request URL, or one of its path segments, is too long');
    case 413:
      return mapped(
        'payload-too-large',
        `request body is larger than the limit of ${context.bodyLimit} bytes`,
        [{ message: 'request body is too large', limit: context.bodyLimit }],
      );
    case 415:
      return mapped('unsupported-media-type', list.join('; '));
    default:
      return mapped('internal', 'internal error', [], {}, true);
  }
}

// class-validator messages start with the property path (`manifest must be a string or an object`), save
// two: `each value in scopes must be a string` for an array's items, and `property extra should not exist`
// for an unknown property. The ValidationPipe puts a nested property's parents before either (`filter.`).
const EACH_VALUE_RE = /^((?:[\w[\]-]+\.)*)each value in ([\w.[\]-]+) (.*)$/;
const UNKNOWN_PROPERTY_RE = /^((?:[\w[\]-]+\.)*)property (\S+) (should not exist)$/;
const PROPERTY_RE = /^([\w.[\]-]+) (.*)$/;

function validationDetail(message: string): ErrorDetail {
  const each = EACH_VALUE_RE.exec(message);
  if (each !== null) return { path: `${each[1]!}${each[2]!}`, message: `each value ${each[3]!}` };
  const unknown = UNKNOWN_PROPERTY_RE.exec(message);
  if (unknown !== null) return { path: `${unknown[1]!}${unknown[2]!}`, message: unknown[3]! };
  const match = PROPERTY_RE.exec(message);
  return match === null ? { path: '', message } : { path: match[1]!, message: match[2]! };
}
