// The one way to PostgreSQL: a `pg` pool (bounded waits and statement timeouts) under Prisma's pg
// adapter, against DATABASE_URL or, without it, the embedded PGlite. Migrations run before the pool opens.
import { join } from 'node:path';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool, type PoolConfig } from 'pg';
import { type Env } from '../config/env';
import { PrismaClient } from '../generated/prisma/client';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { migrate, pendingMigrations, readMigrations } from './migrator';

export const MIGRATIONS_DIR = join(process.cwd(), 'prisma', 'migrations');

export class DatabaseService implements OnApplicationShutdown {
  private static readonly logger = new Logger('Database');
  private isClosed = false;

  private constructor(
    readonly prisma: PrismaClient,
    readonly pool: Pool,
    private readonly embedded: EmbeddedPostgres | null,
  ) {}

  /** Connects (starting the embedded database when DATABASE_URL is unset) and migrates. */
  static async open(env: Env): Promise<DatabaseService> {
    const log = DatabaseService.logger;
    let embedded: EmbeddedPostgres | null = null;
    let connectionString = env.DATABASE_URL;
    if (connectionString === undefined) {
      embedded = await startEmbeddedPostgres(env.PODFIT_DATA_DIR, env.PODFIT_DB_POOL_MAX + 2);
      connectionString = embedded.connectionString;
      log.log(`no DATABASE_URL: using the embedded PostgreSQL (PGlite) with its data in ${embedded.dataDir}`);
    }
    try {
      if (env.PODFIT_MIGRATE_ON_START) {
        const result = await migrate({ connectionString }, await readMigrations(MIGRATIONS_DIR), (line) =>
          log.log(line),
        );
        log.log(`database schema up to date (${result.applied.length} migration(s) applied now)`);
      }
      const pool = new Pool(poolConfig(connectionString, env, embedded !== null));
      // Without a listener, an idle client that fails (the server restarts) crashes the process.
      pool.on('error', (error) => log.warn(`idle database connection failed: ${error.message}`));
      const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
      return new DatabaseService(prisma, pool, embedded);
    } catch (error) {
      await embedded?.stop();
      throw error;
    }
  }

  /** Names of migrations the database lacks; empty when it is ready. */
  async pendingMigrations(): Promise<string[]> {
    return pendingMigrations((sql) => this.pool.query(sql), await readMigrations(MIGRATIONS_DIR));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    await this.prisma.$disconnect();
    await this.pool.end();
    await this.embedded?.stop();
  }
}

function poolConfig(connectionString: string, env: Env, isEmbedded: boolean): PoolConfig {
  const timeout = env.PODFIT_DB_STATEMENT_TIMEOUT_MS;
  return {
    connectionString,
    max: env.PODFIT_DB_POOL_MAX,
    connectionTimeoutMillis: env.PODFIT_DB_CONNECTION_TIMEOUT_MS,
    idleTimeoutMillis: 10_000,
    application_name: 'podfit',
    // PGlite runs one statement at a time for every connection, so server-side timeouts would only
    // cancel queued work there; the client-side query timeout still bounds each call.
    ...(isEmbedded
      ? {}
      : {
          statement_timeout: timeout,
          lock_timeout: timeout,
          idle_in_transaction_session_timeout: timeout * 3,
        }),
    query_timeout: timeout + 1_000,
  };
}
