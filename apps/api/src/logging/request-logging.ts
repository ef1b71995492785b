// Request ids and access lines. Fastify names each request (genReqId: requestIdOf); every line a request
// logs through Nest's Logger carries that id as `reqId` (nestjs-pino reads its logger from an async-local
// store, entered here per request; the child logger is made only if the request logs something), the
// response echoes it as X-Request-Id, and one access line per request gives its method, route template,
// status and duration.
import { randomUUID } from 'node:crypto';
import { type IncomingMessage } from 'node:http';
import { type FastifyInstance } from 'fastify';
import { Store, storage } from 'nestjs-pino/storage';
import { type Logger } from 'pino';
import { routeTemplate } from '../common/route-template';

export const REQUEST_ID_HEADER = 'x-request-id';

// What tracing proxies send (UUIDs, hex, base64): a bounded token without spaces or control characters.
const SANE_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/** Routes probed every few seconds (kubelet, Prometheus): their access lines are debug, not info. */
const PROBE_ROUTES: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

/** Fastify's `genReqId`: the caller's X-Request-Id when it is a sane token, otherwise a new UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Echoes each request's id on its response, and writes its access line once the response is sent. */
export function logRequests(fastify: FastifyInstance, rootLogger: Logger): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    storage.run(requestStore(rootLogger, request.id), done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = routeTemplate(request);
    const statusCode = reply.statusCode;
    const level = PROBE_ROUTES.has(route) ? 'debug' : statusCode >= 500 ? 'warn' : 'info';
    rootLogger[level](
      {
        reqId: request.id,
        method: request.method,
        route,
        statusCode,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        ...(request.principal?.tokenName ? { tokenName: request.principal.tokenName } : {}),
      },
      'request completed',
    );
    done();
  });
}

/** nestjs-pino's per-request store, whose child logger (bound to `reqId`) is made on first use. */
function requestStore(rootLogger: Logger, reqId: string): Store {
  let child: Logger | undefined;
  const store = new Store(rootLogger);
  Object.defineProperty(store, 'logger', { get: () => (child ??= rootLogger.child({ reqId })) });
  return store;
}
