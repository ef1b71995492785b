// `npm run db:migrate`: apply prisma/migrations to DATABASE_URL (or the embedded database) and exit.
import { EnvError, validateEnv } from '../config/env';
import { startEmbeddedPostgres } from './embedded-postgres';
import { MIGRATIONS_DIR } from './database.service';
import { migrate, readMigrations } from './migrator';

async function main(): Promise<void> {
  const env = validateEnv(process.env);
  const embedded =
    env.DATABASE_URL === undefined ? await startEmbeddedPostgres(env.PODFIT_DATA_DIR, 2) : null;
  try {
    const connectionString = env.DATABASE_URL ?? embedded!.connectionString;
    const result = await migrate({ connectionString }, await readMigrations(MIGRATIONS_DIR), (line) =>
      process.stdout.write(`${line}\n`),
    );
    process.stdout.write(
      `database schema up to date: ${result.applied.length} applied now, ${result.alreadyApplied} before\n`,
    );
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof EnvError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`podfit: migration failed: ${message}\n`);
  process.exit(1);
});
