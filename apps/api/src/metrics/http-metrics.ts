import { type FastifyInstance } from 'fastify';
import { routeTemplate } from '../common/route-template';
import { type MetricsService } from './metrics.service';

/**
 * Records every response's duration once it is sent. A Fastify hook rather than a Nest interceptor, so that
 * responses no handler produced count too: body-parser errors (400, 413, 415), authentication (401), 404s.
 */
export function observeRequests(fastify: FastifyInstance, metrics: MetricsService): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(
      request.method,
      routeTemplate(request),
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
}
