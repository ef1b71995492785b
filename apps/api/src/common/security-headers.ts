// Security headers on every response, as helmet sets them: its defaults, with a Content-Security-Policy that
// lets the Swagger UI at /docs run (its scripts and stylesheets come from this server; its page has inline
// styles) and nothing else. Only the GraphiQL page (GET /graphql, when PODFIT_GRAPHQL_SANDBOX is on) may also
// load GraphiQL from unpkg.com and run its inline script, as @nestjs/apollo's page does. The configuration never changes, so helmet runs once, at start-up, and each
// response gets the headers it set. (@fastify/helmet builds a new helmet middleware on every request: a
// sixth of a small request's CPU, bench/README.md.)
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
} satisfies Record<string, readonly string[]>;

export const SECURITY_HEADER_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    // No upgrade-insecure-requests: podfit serves plain HTTP behind whatever terminates TLS, and the
    // directive would send the docs page's own assets to an https:// that may not exist.
    directives: CONTENT_SECURITY_POLICY,
  },
};

const GRAPHIQL_ORIGIN = 'https://unpkg.com';

export const GRAPHIQL_CONTENT_SECURITY_POLICY = {
  ...CONTENT_SECURITY_POLICY,
  scriptSrc: ["'self'", "'unsafe-inline'", GRAPHIQL_ORIGIN],
  styleSrc: ["'self'", "'unsafe-inline'", GRAPHIQL_ORIGIN],
} satisfies Record<string, readonly string[]>;

/** The headers helmet sets with `options`, lower-cased names to values. */
export function securityHeaders(options: HelmetOptions = SECURITY_HEADER_OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  } as unknown as ServerResponse;
  let failure: unknown;
  helmet(options)({} as IncomingMessage, response, (error?: unknown) => (failure = error));
  if (failure !== undefined) throw failure;
  return headers;
}

/** Sends helmet's headers on every response, 4xx from body parsers and authentication included. */
export function registerSecurityHeaders(fastify: FastifyInstance, options: { graphiql: boolean }): void {
  const headers = securityHeaders();
  const graphiqlHeaders = securityHeaders({
    contentSecurityPolicy: { useDefaults: false, directives: GRAPHIQL_CONTENT_SECURITY_POLICY },
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    const isGraphiqlPage =
      options.graphiql && request.method === 'GET' && request.routeOptions.url === '/graphql';
    void reply.headers(isGraphiqlPage ? graphiqlHeaders : headers);
    done();
  });
}
