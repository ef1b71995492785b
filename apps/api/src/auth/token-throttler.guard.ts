// Rate limiting per API token (@nestjs/throttler): each token has PODFIT_RATE_LIMIT_PER_MINUTE requests in
// any sliding minute, across every REST route and GraphQL operation, in each replica (the count is kept in
// memory). A GraphQL operation counts once, however many fields it resolves. Public routes are not limited,
// and neither is the open principal: open mode serves only this machine's loopback, where a limit would
// protect nothing and would throttle the benchmarks and load tests that run there. Over the limit: 429
// `too-many-requests` with Retry-After.
import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { type FastifyRequest } from 'fastify';
import { AppError } from '../errors/error-codes';
import { requestOf } from './request-of';
import { declaredAccess, isFieldResolver } from './scope.guard';

/** Where a GraphQL resolver's rate-limit headers go: nowhere (its response is Apollo's). */
const NO_HEADERS = { header: () => undefined };

@Injectable()
export class TokenThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (isFieldResolver(this.reflector, context.getHandler())) return true;
    if (declaredAccess(this.reflector, context.getHandler(), context.getClass()) === 'public') return true;
    return (requestOf(context).principal?.tokenId ?? null) === null;
  }

  protected override getRequestResponse(context: ExecutionContext): {
    req: Record<string, unknown>;
    res: Record<string, unknown>;
  } {
    const req = requestOf(context) as unknown as Record<string, unknown>;
    const res =
      context.getType() === 'http'
        ? context.switchToHttp().getResponse<Record<string, unknown>>()
        : NO_HEADERS;
    return { req, res };
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return (req as unknown as FastifyRequest).principal!.tokenId!;
  }

  // One budget per token, shared by every route (the library's default counts each route apart).
  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfterSeconds = Math.max(1, detail.timeToBlockExpire);
    throw new AppError(
      'too-many-requests',
      `rate limit exceeded: this token may send ${detail.limit} requests a minute; retry in ${retryAfterSeconds} s`,
      [{ message: 'rate limit exceeded', limit: detail.limit, retryAfterSeconds }],
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
}
