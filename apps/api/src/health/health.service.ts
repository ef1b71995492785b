import { Injectable, Logger } from '@nestjs/common';
import { DatabaseService } from '../database/database.service';

export interface Readiness {
  status: 'ok' | 'error';
  checks: { database: string; migrations: string };
}

@Injectable()
export class HealthService {
  private static readonly logger = new Logger('Health');

  constructor(private readonly database: DatabaseService) {}

  /** Ready when the database answers and holds every migration. */
  async readiness(): Promise<Readiness> {
    try {
      const pending = await this.database.pendingMigrations();
      const migrations = pending.length === 0 ? 'ok' : `pending: ${pending.join(', ')}`;
      return { status: pending.length === 0 ? 'ok' : 'error', checks: { database: 'ok', migrations } };
    } catch (error) {
      // The reason goes to the log only: it can name the database host and user.
      HealthService.logger.warn(
        `readiness: database check failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return { status: 'error', checks: { database: 'failed', migrations: 'unknown' } };
    }
  }
}
