// Each end-to-end run gets its own database: created fresh on the PostgreSQL server named by
// PODFIT_TEST_DATABASE_URL or DATABASE_URL (default: the local server, database postgres), dropped at the end. With
// `embedded`, a fresh PGlite folder instead, removed at the end.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export type Backend = 'postgres' | 'embedded';

export interface TestDatabase {
  readonly backend: Backend;
  /** The DATABASE_URL to give the app; undefined for the embedded database. */
  readonly url: string | undefined;
  /** The embedded database's folder. */
  readonly dataDir: string;
  /** The admin connection string of the server (postgres backend only). */
  readonly serverUrl: string;
  readonly name: string;
  drop(): Promise<void>;
}

export const SERVER_URL =
  process.env.PODFIT_TEST_DATABASE_URL ??
  process.env.DATABASE_URL ??
  'postgresql://postgres@127.0.0.1:5432/postgres';

export async function createTestDatabase(backend: Backend = 'postgres'): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'podfit-e2e-'));
  const name = `podfit_e2e_${randomBytes(6).toString('hex')}`;
  if (backend === 'embedded') {
    return {
      backend,
      url: undefined,
      dataDir,
      serverUrl: '',
      name,
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    backend,
    url: url.toString(),
    dataDir,
    serverUrl: SERVER_URL,
    name,
    async drop() {
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A client of its own on the test database (postgres backend only), for the test's own SQL. */
export async function connectTo(database: TestDatabase): Promise<Client> {
  const client = new Client({ connectionString: database.url, application_name: 'podfit-test' });
  await client.connect();
  return client;
}
