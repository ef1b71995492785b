// Authorization for every REST handler and GraphQL resolver (a global guard): what the handler declares,
// @Public() or @RequireScope(scope), on itself or else on its class, against the principal authentication
// set. It fails closed: a handler that declares neither is refused, and a test walks every route and
// resolver to prove none does. A GraphQL field resolver (@ResolveField) runs only inside an operation this
// guard let through, so one that declares nothing has that operation's scope; one that declares a scope
// (a field that reads more than its operation gives) is held to it, whichever operation reached it.
import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RESOLVER_PROPERTY_METADATA } from '@nestjs/graphql';
import { AppError } from '../errors/error-codes';
import { insufficientScope, missingToken } from './auth-errors';
import { IS_PUBLIC, REQUIRED_SCOPE } from './auth.decorators';
import { requestOf } from './request-of';
import { grants, type Scope } from './scopes';

export type DeclaredAccess = Scope | 'public' | null;

/** What a handler declares (its own decorator first, then its class's); null when nothing. */
export function declaredAccess(
  reflector: Reflector,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  handler: Function,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  type: Function,
): DeclaredAccess {
  for (const target of [handler, type]) {
    if (reflector.get<boolean | undefined>(IS_PUBLIC, target) === true) return 'public';
    const scope = reflector.get<Scope | undefined>(REQUIRED_SCOPE, target);
    if (scope !== undefined) return scope;
  }
  return null;
}

/** Whether the handler resolves a field of an object type (@ResolveField) rather than an operation. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function isFieldResolver(reflector: Reflector, handler: Function): boolean {
  return reflector.get<boolean | undefined>(RESOLVER_PROPERTY_METADATA, handler) === true;
}

@Injectable()
export class ScopeGuard implements CanActivate {
  private static readonly logger = new Logger('Auth');

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const access = declaredAccess(this.reflector, context.getHandler(), context.getClass());
    if (access === 'public') return true;
    if (access === null) {
      if (isFieldResolver(this.reflector, context.getHandler())) return true;
      const name = `${context.getClass().name}.${context.getHandler().name}`;
      ScopeGuard.logger.error(`${name} declares neither @RequireScope nor @Public: refused`);
      throw new AppError('forbidden', 'this endpoint declares no scope, so it is refused to everyone');
    }
    const principal = requestOf(context).principal;
    if (principal === undefined) throw missingToken();
    if (!grants(principal.scopes, access)) throw insufficientScope(access, principal);
    return true;
  }
}
