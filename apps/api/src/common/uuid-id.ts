import { ParseUUIDPipe } from '@nestjs/common';
import { AppError } from '../errors/error-codes';

/** An id in a REST path or a GraphQL argument: a UUID, or 400 naming `id`. */
export const UUID_ID = new ParseUUIDPipe({
  exceptionFactory: () =>
    new AppError('malformed-input', 'id: not a UUID', [{ path: 'id', message: 'must be a UUID' }]),
});
