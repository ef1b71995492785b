// Builds the application exactly as production runs it; main.ts and the end-to-end tests both call this.
import { ValidationPipe, type LogLevel as NestLogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { type FastifyInstance } from 'fastify';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { installAuthentication } from './auth/authentication';
import { buildOpenApiDocument } from './openapi';
import { VERSION } from './version';
import { type Env, type LogLevel } from './config/env';
import { AllExceptionsFilter } from './errors/all-exceptions.filter';
import { sendClientError } from './errors/client-error';
import { GracefulShutdown } from './health/graceful-shutdown';
import { ROOT_LOGGER } from './logging/logging.module';
import { logRequests, requestIdOf } from './logging/request-logging';
import { observeRequests } from './metrics/http-metrics';
import { MetricsService } from './metrics/metrics.service';
import { registerSecurityHeaders } from './common/security-headers';
import {
  JSON_MEDIA_TYPES,
  parseJsonBody,
  unsupportedMediaType,
  YAML_MEDIA_TYPES,
} from './common/body-parsers';

export async function createApp(env: Env): Promise<NestFastifyApplication> {
  const requestTimeoutMs = env.PODFIT_REQUEST_TIMEOUT_MS;
  const adapter = new FastifyAdapter({
    bodyLimit: env.PODFIT_BODY_LIMIT,
    // Path segments carry Kubernetes names (up to 253 characters); Fastify's default is 100.
    routerOptions: { maxParamLength: 1024 },
    // A client that has not sent its whole request in time is cut off with 408 (slow loris); a slow
    // handler is not (no socket idle timeout, which would drop a response after its rows were stored).
    // Node checks these deadlines every connectionsCheckingInterval, 30 s by default: check every second.
    requestTimeout: requestTimeoutMs,
    http: {
      requestTimeout: requestTimeoutMs,
      headersTimeout: requestTimeoutMs,
      connectionsCheckingInterval: 1_000,
    },
    clientErrorHandler: (error, socket) => sendClientError(error, socket, requestTimeoutMs),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // The caller's X-Request-Id when sane, else a UUID: `reqId` on every log line of the request.
    genReqId: requestIdOf,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(env), adapter, {
    logger: nestLogLevels(env.LOG_LEVEL),
    // Held until pino takes over (useLogger below), then written as JSON lines like every other.
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  app.useLogger(app.get(PinoNestLogger));
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  registerSecurityHeaders(fastify, { graphiql: env.PODFIT_GRAPHQL_SANDBOX });
  logRequests(fastify, app.get(ROOT_LOGGER));
  observeRequests(fastify, app.get(MetricsService));
  registerBodyParsers(fastify, env.PODFIT_BODY_LIMIT);
  closeConnectionsOnShutdown(fastify);
  installAuthentication(app, { bodyLimit: env.PODFIT_BODY_LIMIT });

  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );
  app.useGlobalFilters(new AllExceptionsFilter(env.PODFIT_BODY_LIMIT));
  // On SIGTERM: readiness fails at once; after PODFIT_SHUTDOWN_DELAY_MS, stop accepting, finish the requests
  // in flight, close the pool, then exit 0 (Nest would re-raise the signal: the process would end as killed).
  app.get(GracefulShutdown).listen(app, fastify);

  const document = buildOpenApiDocument(app, VERSION);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
  });
  await app.init();
  await fastify.ready();
  return app;
}

// JSON (with prototype-poisoning checks, and a line and column on syntax errors) and YAML (as text, for the
// manifest reader), both held to the body limit before parsing; any other media type is refused with 415.
function registerBodyParsers(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(JSON_MEDIA_TYPES, { parseAs: 'string', bodyLimit }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  // YAML stays bytes: the manifest reader's own UTF-8 and binary checks then report bad input as the CLI does.
  fastify.addContentTypeParser(YAML_MEDIA_TYPES, { parseAs: 'buffer', bodyLimit }, (_request, body, done) =>
    done(null, { rawYaml: body as Buffer }),
  );
  fastify.addContentTypeParser('*', { bodyLimit }, (request, _payload, done) =>
    done(unsupportedMediaType(request.headers['content-type']), undefined),
  );
}

// Fastify closes idle connections when shutdown begins and finishes the requests in flight, but their
// keep-alive connections then stay open, holding the process up for keepAliveTimeout (72 s) after SIGTERM.
// Responses sent while closing ask for `Connection: close`, so each connection ends with its last response.
// A keep-alive connection that was busy when closing began, and goes idle later, would otherwise hold the
// server open until its keep-alive timeout (72 s): idle connections are closed every 100 ms until it ends.
function closeConnectionsOnShutdown(fastify: FastifyInstance): void {
  let isClosing = false;
  fastify.addHook('preClose', (done) => {
    isClosing = true;
    const sweeper = setInterval(() => fastify.server.closeIdleConnections(), 100);
    sweeper.unref();
    fastify.server.once('close', () => clearInterval(sweeper));
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (isClosing) void reply.header('connection', 'close');
    done(null, payload);
  });
}

const NEST_LEVELS: readonly NestLogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

function nestLogLevels(level: LogLevel): NestLogLevel[] | false {
  if (level === 'silent') return false;
  const nest: NestLogLevel = level === 'info' ? 'log' : level === 'trace' ? 'verbose' : level;
  return NEST_LEVELS.slice(0, NEST_LEVELS.indexOf(nest) + 1);
}
