// Scratch databases for `npm run bench:http`, created fresh on the PostgreSQL server and dropped after, even on
// failure. The server: BENCH_DATABASE_URL, else DATABASE_URL, else the local trust-auth postgres.
import pg from 'pg';

export const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.DATABASE_URL ??
  'postgresql://postgres@127.0.0.1:5432/postgres';

const created = new Set();

/** The URL of `database` on the same server as ADMIN_URL. */
export function databaseUrl(database) {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin(sql) {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

function quoted(name) {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
  return `"${name}"`;
}

export async function createDatabase(name) {
  await admin(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${quoted(name)}`);
  created.add(name);
  return databaseUrl(name);
}

/** Drops every database created here; connections still open are cut (WITH (FORCE)). */
export async function dropDatabases() {
  const failures = [];
  for (const name of created) {
    try {
      await admin(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`);
      created.delete(name);
    } catch (error) {
      failures.push(`${name}: ${error.message}`);
    }
  }
  if (failures.length > 0) throw new Error(`could not drop bench database(s): ${failures.join('; ')}`);
}

/** One query against `url`, on a short-lived client. */
export async function query(url, sql, params = []) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}
