// The single exception filter: every error, from any layer, leaves as `{statusCode, code, message,
// details}`. Internal errors are logged with an id and answered without their message or stack. In a
// GraphQL resolver the error is handed on to Apollo, whose formatError (graphql/graphql-errors.ts) maps it
// with the same publicError.
import { randomUUID } from 'node:crypto';
import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { type GqlContextType } from '@nestjs/graphql';
import { type FastifyReply } from 'fastify';
import { toErrorBody, type ErrorContext, type MappedError } from './to-error-body';

const logger = new Logger('Errors');

/** The error as the client sees it: an internal one is logged with an id, which its message names. */
export function publicError(error: unknown, context: ErrorContext): MappedError {
  const mapped = toErrorBody(error, context);
  if (!mapped.isInternal) return mapped;
  const id = randomUUID();
  logger.error(
    `internal error ${id}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  return { ...mapped, body: { ...mapped.body, message: `internal error (id ${id})` } };
}

/** Sends `error` on `reply` as podfit's error body. */
export function sendError(error: unknown, reply: FastifyReply, context: ErrorContext): void {
  const { body, headers } = publicError(error, context);
  void reply.status(body.statusCode).headers(headers).send(body);
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly bodyLimit: number) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType<GqlContextType>() === 'graphql') throw error;
    sendError(error, host.switchToHttp().getResponse<FastifyReply>(), { bodyLimit: this.bodyLimit });
  }
}
