// What is served without a token. Nest's handlers say so with @Public(); the OpenAPI document and its UI
// are routes SwaggerModule registers on Fastify directly, outside any controller, so authentication (which
// runs before Nest) knows them all by their route here. A test checks that every @Public() handler's route
// is in this list, so the two cannot drift.

export const PUBLIC_ROUTES: readonly string[] = [
  '/healthz',
  '/readyz',
  '/metrics',
  '/openapi.json',
  '/openapi.yaml',
];
const DOCS_ROUTE = '/docs';

/** Whether the matched route (Fastify's `routeOptions.url`, undefined when none matched) is public. */
export function isPublicRoute(route: string | undefined): boolean {
  if (route === undefined) return false;
  return PUBLIC_ROUTES.includes(route) || route === DOCS_ROUTE || route.startsWith(`${DOCS_ROUTE}/`);
}
