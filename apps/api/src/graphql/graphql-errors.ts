// GraphQL errors in the same terms as REST: a resolver's error (AppError, a Nest HttpException, the
// ValidationPipe's, the database being unavailable, anything unknown) goes through the same toErrorBody and
// leaves as `{message, extensions: {code, details}}`, HTTP 200. Request-level failures Apollo raises before
// any resolver (parse, validation, the armor's limits, variable coercion) keep Apollo's code and status.
// Nothing ever carries a stack trace.
import { type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { publicError } from '../errors/all-exceptions.filter';
import { type ErrorContext } from '../errors/to-error-body';

/** Apollo's `formatError`: maps resolver errors as REST does, and drops anything but code and details. */
export function formatGraphQLError(context: ErrorContext) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const fromResolver = original !== error;
    if (!fromResolver && formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') {
      return { ...formatted, extensions: { code: formatted.extensions?.code } };
    }
    const { body } = publicError(fromResolver ? original : error, context);
    return {
      message: body.message,
      ...(formatted.locations === undefined ? {} : { locations: formatted.locations }),
      ...(formatted.path === undefined ? {} : { path: formatted.path }),
      extensions: { code: body.code, details: body.details },
    };
  };
}
