import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health';
import { GracefulShutdown } from './graceful-shutdown';

/** How long each readiness check may take before it counts as failed. */
export const READINESS_TIMEOUT_MS = 2_000;

export interface Readiness {
  readonly isReady: boolean;
  /** terminus' body: `{status, info, error, details}`. */
  readonly result: HealthCheckResult;
}

@Injectable()
export class HealthService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly shutdown: GracefulShutdown,
  ) {}

  /** Alive: the process answers. Nothing outside it is checked, so a database outage restarts no pod. */
  liveness(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** Ready: not shutting down, the database answers and holds every migration. */
  async readiness(): Promise<Readiness> {
    if (this.shutdown.isShuttingDown) {
      return { isReady: false, result: { status: 'shutting_down', info: {}, error: {}, details: {} } };
    }
    try {
      const result = await this.health.check([
        () => this.database.pingCheck('database', READINESS_TIMEOUT_MS),
        () => this.database.migrationsCheck('migrations', READINESS_TIMEOUT_MS),
      ]);
      return { isReady: true, result };
    } catch (error) {
      // terminus reports a failed check as a 503 exception holding its body.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      return { isReady: false, result: error.getResponse() as HealthCheckResult };
    }
  }
}
