// The application under test, through its real HTTP server on a test database: in this process, built by
// the same createApp() as production (PostgreSQL), or as the `npm start` binary in a process of its own
// (the embedded database).
import 'reflect-metadata';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { validateEnv } from '../../../apps/api/src/config/env';
import { createApp } from '../../../apps/api/src/create-app';
import { DatabaseService } from '../../../apps/api/src/database/database.service';
import { startServerProcess } from './server-process';
import { type TestDatabase } from './test-database';

export interface TestApp {
  /** The Nest application when it runs in this process. */
  readonly app: NestFastifyApplication | null;
  /** supertest bound to the running server. */
  http(): ReturnType<typeof request>;
  /** The server's base URL (http://127.0.0.1:port), listening on a free port first when in this process. */
  url(): Promise<string>;
  close(): Promise<void>;
}

export async function startTestApp(
  database: TestDatabase,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const settings = {
    LOG_LEVEL: 'silent',
    PODFIT_DATA_DIR: database.dataDir,
    ...(database.url === undefined ? {} : { DATABASE_URL: database.url }),
    ...env,
  };
  if (database.backend === 'embedded') {
    const server = await startServerProcess(settings);
    return {
      app: null,
      http: () => request(server.url),
      url: () => Promise.resolve(server.url),
      close: async () => {
        await server.stop();
      },
    };
  }
  const app = await createApp(validateEnv(settings));
  let listening: Promise<string> | undefined;
  return {
    app,
    http: () => request(app.getHttpServer()),
    url: () => (listening ??= app.listen(0, '127.0.0.1').then(() => app.getUrl())),
    close: () => app.close(),
  };
}

/** Row counts of the analysis tables, to prove a rejected request stored nothing (PostgreSQL only). */
export async function analysisRowCounts(
  app: NestFastifyApplication,
): Promise<{ analyses: number; workloads: number }> {
  const { pool } = app.get(DatabaseService);
  const { rows } = await pool.query<{ analyses: string; workloads: string }>(
    'SELECT (SELECT count(*) FROM analyses) AS analyses, (SELECT count(*) FROM analysis_workloads) AS workloads',
  );
  return { analyses: Number(rows[0]!.analyses), workloads: Number(rows[0]!.workloads) };
}
