// Structured logs: one JSON line per event on stdout, through pino, as the application's logger (Nest's
// `Logger` included). Every line written while a request is handled carries its `reqId`: nestjs-pino binds
// pino-http's per-request child logger to the request's async context. Nothing secret is logged: no body,
// no query string, and credentials are redacted wherever request headers are logged.
import { type IncomingMessage } from 'node:http';
import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { pino, stdTimeFunctions, type Logger } from 'pino';
import { type LogLevel } from '../config/env';

/** The injection token of the root pino logger, which writes the access lines (logRequests). */
export const ROOT_LOGGER = 'podfit:root-logger';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/** The root logger: JSON lines on stdout with ISO times and level names. */
export function createRootLogger(level: LogLevel): Logger {
  return pino({
    level,
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { req: requestWithoutQuery },
  });
}

/** A request as logged when someone logs one: its path without the query string, which can carry secrets. */
function requestWithoutQuery(request: IncomingMessage): object {
  return {
    method: request.method,
    path: (request.url ?? '').split('?', 1)[0],
    headers: request.headers,
  };
}

@Module({})
export class LoggingModule {
  static forRoot(level: LogLevel): DynamicModule {
    const logger = createRootLogger(level);
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: { logger },
          // No pino-http middleware: logRequests (request-logging.ts) enters the per-request store in a
          // Fastify hook and writes the access line, which knows the route template.
          forRoutes: [],
        }),
      ],
      providers: [{ provide: ROOT_LOGGER, useValue: logger }],
      exports: [ROOT_LOGGER],
    };
  }
}
