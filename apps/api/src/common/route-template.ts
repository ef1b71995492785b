import { type FastifyRequest } from 'fastify';

/** The route of a request no route matched: one value, so that probing URLs cannot grow a label's values. */
export const UNMATCHED_ROUTE = '(unmatched)';

/** The template of the route that served `request` (`/v1/analyses/:id`), never its URL. */
export function routeTemplate(request: FastifyRequest): string {
  return request.is404 ? UNMATCHED_ROUTE : (request.routeOptions.url ?? UNMATCHED_ROUTE);
}
