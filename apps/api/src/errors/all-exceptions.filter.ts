// The single exception filter: every error, from any layer, leaves as `{statusCode, code, message,
// details}`. Internal errors are logged with an id and answered without their message or stack.
import { randomUUID } from 'node:crypto';
import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { toErrorBody, type ErrorContext } from './to-error-body';

const logger = new Logger('Errors');

/** Sends `error` on `reply` as podfit's error body. */
export function sendError(error: unknown, reply: FastifyReply, context: ErrorContext): void {
  const { body, headers, isInternal } = toErrorBody(error, context);
  if (isInternal) {
    const id = randomUUID();
    logger.error(
      `internal error ${id}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    void reply
      .status(body.statusCode)
      .headers(headers)
      .send({ ...body, message: `internal error (id ${id})` });
    return;
  }
  void reply.status(body.statusCode).headers(headers).send(body);
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly bodyLimit: number) {}

  catch(error: unknown, host: ArgumentsHost): void {
    sendError(error, host.switchToHttp().getResponse<FastifyReply>(), { bodyLimit: this.bodyLimit });
  }
}
