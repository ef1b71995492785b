import { type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { type FastifyRequest } from 'fastify';

/** The Fastify request behind a REST handler or a GraphQL resolver (whose context holds it as `req`). */
export function requestOf(context: ExecutionContext): FastifyRequest {
  if (context.getType<GqlContextType>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: FastifyRequest }>().req;
  }
  return context.switchToHttp().getRequest<FastifyRequest>();
}
