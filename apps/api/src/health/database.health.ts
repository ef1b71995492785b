// Readiness indicators for terminus: the database answers, and holds every migration. A failure's reason
// goes to the log only: it can name the database host and user, and /readyz answers anyone.
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { DatabaseService } from '../database/database.service';

export const DATABASE_DID_NOT_ANSWER = 'the database did not answer (the reason is in the server log)';
export const MIGRATIONS_NOT_CHECKED = 'not checked: the database did not answer';

@Injectable()
export class DatabaseHealthIndicator {
  private static readonly logger = new Logger('Health');

  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly database: DatabaseService,
  ) {}

  /** Up when the pool gets an answer to `SELECT 1` within `timeoutMs`. */
  async pingCheck<const Key extends string>(
    key: Key,
    timeoutMs: number,
  ): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.indicators.check(key);
    try {
      await within(timeoutMs, this.database.pool.query('SELECT 1'));
      return indicator.up();
    } catch (error) {
      DatabaseHealthIndicator.logger.warn(
        `readiness: database check failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return indicator.down({ message: DATABASE_DID_NOT_ANSWER });
    }
  }

  /** Up when every migration of prisma/migrations is applied; down names the others. */
  async migrationsCheck<const Key extends string>(
    key: Key,
    timeoutMs: number,
  ): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.indicators.check(key);
    let pending: string[];
    try {
      pending = await within(timeoutMs, this.database.pendingMigrations());
    } catch {
      // pingCheck, run beside this one, logs why.
      return indicator.down({ message: MIGRATIONS_NOT_CHECKED });
    }
    if (pending.length === 0) return indicator.up();
    DatabaseHealthIndicator.logger.warn(`readiness: migrations not applied: ${pending.join(', ')}`);
    return indicator.down({ pending });
  }
}

/** `work`, or a rejection once `timeoutMs` have passed (the work goes on, bounded by query_timeout). */
async function within<T>(timeoutMs: number, work: Promise<T>): Promise<T> {
  const timeout = new AbortController();
  try {
    return await Promise.race([
      work,
      sleep(timeoutMs, undefined, { signal: timeout.signal }).then(() => {
        throw new Error(`no answer within ${timeoutMs} ms`);
      }),
    ]);
  } finally {
    timeout.abort();
  }
}
