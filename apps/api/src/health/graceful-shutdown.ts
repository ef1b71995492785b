// Shutdown as Kubernetes expects it. On SIGTERM, /readyz answers 503 at once while the server goes on
// serving for PODFIT_SHUTDOWN_DELAY_MS, long enough for the endpoints controller to take the pod out of its
// Services; responses meanwhile ask for `Connection: close`, so keep-alive clients reconnect to another
// replica. Then the app closes: it stops accepting, finishes the requests in flight (create-app.ts), closes
// the pool, and the process exits 0. The delay comes before Nest's shutdown hooks, all of which (GraphQL's
// onModuleDestroy included) run only once nothing new is routed here.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  Injectable,
  Logger,
  ShutdownSignal,
  type INestApplication,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type FastifyInstance } from 'fastify';
import { Env } from '../config/env';

const SIGNALS: readonly NodeJS.Signals[] = Object.values(ShutdownSignal) as NodeJS.Signals[];

@Injectable()
export class GracefulShutdown implements OnApplicationShutdown {
  private static readonly logger = new Logger('Shutdown');
  private signal: NodeJS.Signals | null = null;
  private readonly onSignal = (signal: NodeJS.Signals) => void this.shutDown(signal);
  private app: INestApplication | null = null;

  constructor(private readonly env: Env) {}

  /** True from the first termination signal on: the app is no longer ready for new work. */
  get isShuttingDown(): boolean {
    return this.signal !== null;
  }

  /** Handles the termination signals for `app` (Nest's own handler would skip the delay). */
  listen(app: INestApplication, fastify: FastifyInstance): void {
    this.app = app;
    fastify.addHook('onSend', (_request, reply, payload, done) => {
      if (this.isShuttingDown) void reply.header('connection', 'close');
      done(null, payload);
    });
    for (const signal of SIGNALS) process.on(signal, this.onSignal);
  }

  /** An app closed otherwise (the tests close theirs) no longer handles signals. */
  onApplicationShutdown(): void {
    for (const signal of SIGNALS) process.off(signal, this.onSignal);
  }

  private async shutDown(signal: NodeJS.Signals): Promise<void> {
    // A second signal while shutting down changes nothing.
    if (this.signal !== null || this.app === null) return;
    this.signal = signal;
    const log = GracefulShutdown.logger;
    // Only SIGTERM comes from Kubernetes; an interactive Ctrl-C (SIGINT) closes at once.
    const delayMs = signal === 'SIGTERM' ? this.env.PODFIT_SHUTDOWN_DELAY_MS : 0;
    try {
      if (delayMs > 0) {
        log.log(`${signal}: not ready from now on; still serving for ${delayMs} ms`);
        await sleep(delayMs);
      }
      log.log(`${signal}: closing: no new connections, finishing the requests in flight`);
      await this.app.close();
      log.log('closed');
    } catch (error) {
      log.error(
        `shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      process.exit(1);
    }
    // process.exit rather than re-raising the signal: the process ends with 0, not as killed.
    process.exit(0);
  }
}
