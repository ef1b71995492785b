// The answers authentication and authorization give, with the WWW-Authenticate header of RFC 6750
// (section 3): a request without a token gets the bare challenge, a bad token `error="invalid_token"`, and
// a token without the scope `error="insufficient_scope"` with the scope it needs.
import { AppError } from '../errors/error-codes';
import { type Principal } from './principal';
import { type Scope } from './scopes';

const REALM = 'Bearer realm="podfit"';

/** 401 for a request that carries no token where one is needed. */
export function missingToken(): AppError {
  return new AppError(
    'unauthorized',
    'this request needs an API token: send `Authorization: Bearer <token>` (an admin creates tokens with `podfit token create NAME --scope SCOPE`)',
    [],
    { 'www-authenticate': REALM },
  );
}

/** 401 for an Authorization header that is not a bearer token. */
export function notBearer(): AppError {
  return new AppError(
    'unauthorized',
    'the Authorization header must be `Bearer <token>`: podfit accepts API tokens only',
    [],
    { 'www-authenticate': REALM },
  );
}

/** 401 for a bearer token podfit refuses (malformed, unknown, expired or revoked), saying which. */
export function invalidToken(message: string): AppError {
  return new AppError('unauthorized', message, [], {
    'www-authenticate': `${REALM}, error="invalid_token", error_description="${message.replace(/["\\]/g, '')}"`,
  });
}

/** 403 for a token that lacks the scope a handler needs. */
export function insufficientScope(required: Scope, principal: Principal): AppError {
  const held = [...principal.scopes].join(', ');
  return new AppError(
    'forbidden',
    `this needs the "${required}" scope${required === 'admin' ? '' : ' (or "admin")'}; token "${principal.tokenName}" has ${held}`,
    [{ message: `missing scope "${required}"`, requiredScope: required }],
    { 'www-authenticate': `${REALM}, error="insufficient_scope", scope="${required}"` },
  );
}
