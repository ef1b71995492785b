// Errors Node's HTTP parser raises before a request reaches Fastify or Nest: a request not received in full
// within the request timeout (slow clients), headers over Node's limit, a connection that ends before the
// body its Content-Length announced. They are answered on the raw socket, in the same error body as every
// other error, and the connection is closed.
import { STATUS_CODES } from 'node:http';
import { type Socket } from 'node:net';
import { ERROR_MAPPING, type ErrorBody, type ErrorCode } from './error-codes';

interface ConnectionError extends Error {
  readonly code?: string;
}

/** The error body for a connection-level error of Node's HTTP server (its `clientError` event). */
export function clientErrorBody(error: ConnectionError, requestTimeoutMs: number): ErrorBody {
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return body('request-timeout', `the request was not received in full within ${requestTimeoutMs} ms`);
    case 'HPE_HEADER_OVERFLOW':
      return body('headers-too-large', 'the request headers are larger than the server accepts');
    case 'HPE_INVALID_EOF_STATE':
      return body(
        'malformed-input',
        'the connection ended before the whole request body arrived: Content-Length is larger than the body',
      );
    default:
      return body('malformed-input', `malformed HTTP request: ${error.message}`);
  }
}

/** Fastify's `clientErrorHandler`: writes the error body when the socket can still take it, then closes. */
export function sendClientError(error: ConnectionError, socket: Socket, requestTimeoutMs: number): void {
  // A reset connection is already gone; there is nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const errorBody = clientErrorBody(error, requestTimeoutMs);
    const text = JSON.stringify(errorBody);
    socket.write(
      `HTTP/1.1 ${errorBody.statusCode} ${STATUS_CODES[errorBody.statusCode]}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
        `Connection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}

function body(code: ErrorCode, message: string): ErrorBody {
  return { statusCode: ERROR_MAPPING[code].status, code, message, details: [] };
}
