// Applies prisma/migrations/*/migration.sql in name order, recording each in `_prisma_migrations`
// exactly as Prisma's schema engine does, so `prisma migrate deploy` stays interchangeable where its
// engine can run. Replicas starting together migrate once: the engine's own advisory lock (key 72707369)
// is taken on a dedicated connection, never a pooled one (a session lock).
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client, type ClientConfig } from 'pg';

export const MIGRATION_LOCK_KEY = 72707369;
const LOCK_WAIT_MS = 10_000;

// The table as the schema engine creates it (migration-connector sql_migration_persistence).
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export interface MigrateResult {
  readonly applied: string[];
  readonly alreadyApplied: number;
}

export class MigrationError extends Error {}

/** Reads the migration folders under `dir`, in the order Prisma applies them. */
export async function readMigrations(dir: string): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

/** Brings the database up to date; safe to call from several processes at once. */
export async function migrate(
  connection: ClientConfig,
  migrations: readonly MigrationFile[],
  log: (message: string) => void = () => undefined,
): Promise<MigrateResult> {
  const client = new Client({ ...connection, application_name: 'podfit-migrate' });
  await client.connect();
  try {
    await acquireLock(client);
    try {
      return await applyPending(client, migrations, log);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

/** Names of migrations the database lacks or holds unfinished; empty when it is up to date. */
export async function pendingMigrations(
  query: (sql: string) => Promise<{ rows: Array<Record<string, unknown>> }>,
  migrations: readonly MigrationFile[],
): Promise<string[]> {
  const exists = await query(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`);
  if (exists.rows[0]?.exists !== true) return migrations.map((migration) => migration.name);
  const done = await query(
    'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  const names = new Set(done.rows.map((row) => row.migration_name));
  return migrations.filter((migration) => !names.has(migration.name)).map((migration) => migration.name);
}

async function acquireLock(client: Client): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
      MIGRATION_LOCK_KEY,
    ]);
    if (rows[0]?.locked === true) return;
    if (Date.now() > deadline) {
      throw new MigrationError(
        `timed out after ${LOCK_WAIT_MS / 1000}s waiting for the migration lock (pg_advisory_lock(${MIGRATION_LOCK_KEY}))`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function applyPending(
  client: Client,
  migrations: readonly MigrationFile[],
  log: (message: string) => void,
): Promise<MigrateResult> {
  await client.query(MIGRATIONS_TABLE);
  const { rows } = await client.query<{
    migration_name: string;
    checksum: string;
    finished_at: Date | null;
    rolled_back_at: Date | null;
  }>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
  );
  const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed !== undefined) {
    // Prisma's P3009: a failed migration must be resolved by hand before any other is applied.
    throw new MigrationError(
      `migration ${failed.migration_name} failed earlier and was not rolled back; fix the database, then mark it with \`prisma migrate resolve\``,
    );
  }
  const applied = new Map(
    rows.filter((row) => row.finished_at !== null).map((row) => [row.migration_name, row]),
  );
  for (const migration of migrations) {
    const row = applied.get(migration.name);
    if (row !== undefined && row.checksum !== migration.checksum) {
      log(`migration ${migration.name} was modified after it was applied (checksum differs)`);
    }
  }
  const pending = migrations.filter((migration) => !applied.has(migration.name));
  for (const migration of pending) {
    const id = randomUUID();
    await client.query('BEGIN');
    try {
      await client.query(
        'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
        [id, migration.checksum, migration.name],
      );
      await client.query(migration.sql);
      await client.query(
        'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = applied_steps_count + 1 WHERE id = $1',
        [id],
      );
      await client.query('COMMIT');
      log(`applied migration ${migration.name}`);
    } catch (error) {
      // Each migration runs in one transaction, so a failure leaves nothing behind to resolve by hand.
      await client.query('ROLLBACK');
      const message = error instanceof Error ? error.message : String(error);
      throw new MigrationError(`migration ${migration.name} failed: ${message}`);
    }
  }
  return { applied: pending.map((migration) => migration.name), alreadyApplied: applied.size };
}
