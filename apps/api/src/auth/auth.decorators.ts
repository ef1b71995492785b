import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { type Principal } from './principal';
import { requestOf } from './request-of';
import { type Scope } from './scopes';

export const REQUIRED_SCOPE = 'podfit:required-scope';
export const IS_PUBLIC = 'podfit:public';

/** The scope a REST handler or GraphQL resolver needs (on a class: every handler in it). */
export const RequireScope = (scope: Scope) => SetMetadata(REQUIRED_SCOPE, scope);

/** Served without a token: health, readiness, metrics, the API documents. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The caller, in a REST handler or a GraphQL resolver. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal | null => requestOf(context).principal ?? null,
);
