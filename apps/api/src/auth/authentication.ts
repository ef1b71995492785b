// Authentication runs in Fastify's onRequest hook: after routing, before the body is read or parsed, and
// before Nest, GraphQL or any handler. A request that needs a token and has no valid one is answered 401
// there, in podfit's error body; every other request carries its principal on `request.principal`, where
// the scope guard and the handlers read it.
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type FastifyInstance } from 'fastify';
import { sendError } from '../errors/all-exceptions.filter';
import { type ErrorContext } from '../errors/to-error-body';
import { missingToken } from './auth-errors';
import { Authenticator } from './authenticator';
import { isPublicRoute } from './public-routes';

/** Installs authentication on the app's Fastify instance; call before `app.init()`. */
export function installAuthentication(app: NestFastifyApplication, errors: ErrorContext): void {
  const authenticator = app.get(Authenticator);
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.decorateRequest('principal', undefined);
  fastify.addHook('onRequest', async (request, reply) => {
    if (isPublicRoute(request.routeOptions.url)) return;
    try {
      const principal = await authenticator.authenticate(request.headers.authorization);
      if (principal === null) throw missingToken();
      request.principal = principal;
    } catch (error) {
      sendError(error, reply, errors);
      return reply;
    }
  });
}
