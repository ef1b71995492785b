// Security headers on every response (@fastify/helmet): helmet's defaults, with a Content-Security-Policy
// that lets the Swagger UI at /docs run (its scripts and stylesheets come from this server; its page has
// inline styles) and nothing else. A route needing more (GraphQL's sandbox page, when enabled) can extend
// CONTENT_SECURITY_POLICY in its own helmet route options.
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import { type FastifyInstance } from 'fastify';

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

export const SECURITY_HEADERS: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    // No upgrade-insecure-requests: podfit serves plain HTTP behind whatever terminates TLS, and the
    // directive would send the docs page's own assets to an https:// that may not exist.
    directives: CONTENT_SECURITY_POLICY,
  },
};

export async function registerSecurityHeaders(fastify: FastifyInstance): Promise<void> {
  await fastify.register(fastifyHelmet, SECURITY_HEADERS);
}
