import { ParseUUIDPipe } from '@nestjs/common';
import { AppError } from '../../errors/error-codes';

/** A token id in a path or argument: a UUID, or 400 naming `id`. */
export const TOKEN_ID = new ParseUUIDPipe({
  exceptionFactory: () =>
    new AppError('malformed-input', 'id: not a UUID', [{ path: 'id', message: 'must be a UUID' }]),
});
