// `npm start` and `npm run db:migrate` as a user runs them: configuration checked before anything listens,
// the embedded database by default, migrations applied, OpenAPI and its docs served without internet.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { logLines } from './support/log-lines';
import { SERVER_BIN, startServerProcess, type ServerProcess } from './support/server-process';
import { createTestDatabase, type TestDatabase } from './support/test-database';

jest.setTimeout(60_000);

const REPO_ROOT = resolve(__dirname, '../..');
const MIGRATE_BIN = resolve(REPO_ROOT, 'dist/api/migrate.js');

function run(bin: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, [bin], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('start-up configuration', () => {
  it('names every bad variable on its own line and exits 1 before listening', () => {
    const result = run(SERVER_BIN, {
      PORT: 'http',
      HOST: '',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://db/podfit',
      PODFIT_BODY_LIMIT: '12',
      PODFIT_MIGRATE_ON_START: 'maybe',
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([
      'podfit: invalid configuration:',
      'PORT="http": must be an integer between 0 and 65535',
      'DATABASE_URL="mysql://db/podfit": must be a postgres:// or postgresql:// URL',
      'LOG_LEVEL="loud": must be one of fatal, error, warn, info, debug, trace, silent',
      'PODFIT_BODY_LIMIT="12": must be an integer between 1024 and 67108864',
      'PODFIT_MIGRATE_ON_START="maybe": must be true or false',
      '',
    ]);
  });

  it('says in one line when the database cannot be reached, and exits 1', () => {
    const result = run(SERVER_BIN, {
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/podfit',
      PORT: '0',
      LOG_LEVEL: 'silent',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^podfit: cannot start: .*ECONNREFUSED.*\n$/);
  });
});

describe('npm run db:migrate', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(() => database?.drop());

  it('applies the migrations once, then finds nothing to do', async () => {
    const first = run(MIGRATE_BIN, { DATABASE_URL: database.url! });
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toBe(
      'applied migration 20261124000000_init\napplied migration 20261125000000_api_tokens\n' +
        'applied migration 20261126000000_capacity_reports\n' +
        'database schema up to date: 3 applied now, 0 before\n',
    );
    const second = run(MIGRATE_BIN, { DATABASE_URL: database.url! });
    expect(second.stdout).toBe('database schema up to date: 0 applied now, 3 before\n');
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query('SELECT count(*)::int AS n FROM "_prisma_migrations"');
    await client.end();
    expect(rows[0].n).toBe(3);
  });
});

describe('the server on the embedded database', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  beforeAll(async () => {
    database = await createTestDatabase('embedded');
    server = await startServerProcess({ PODFIT_DATA_DIR: database.dataDir, LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('says in its JSON log that it runs on the embedded PostgreSQL, where its data is, and where it listens', () => {
    const lines = logLines(server.stdout());
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        context: 'Database',
        msg: `no DATABASE_URL: using the embedded PostgreSQL (PGlite) with its data in ${database.dataDir}`,
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        context: 'podfit',
        msg: `listening on ${server.url} (API under /v1, docs at /docs)`,
      }),
    );
  });

  it('serves its OpenAPI document, generated from the code', async () => {
    const response = await fetch(`${server.url}/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, object> };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths).sort()).toEqual([
      '/v1/analyses',
      '/v1/analyses/{id}',
      '/v1/capacity/headroom',
      '/v1/capacity/max-replicas',
      '/v1/capacity/plans',
      '/v1/capacity/reports',
      '/v1/capacity/reports/{id}',
      '/v1/capacity/reports/{id}.csv',
      '/v1/capacity/reports/{id}.html',
      '/v1/capacity/scale-outs',
      '/v1/inventories',
      '/v1/inventories/{name}',
      '/v1/inventories/{name}/nodes',
      '/v1/inventories/{name}/pods',
      '/v1/tokens',
      '/v1/tokens/{id}',
      '/v1/workloads/{kind}/{namespace}/{name}/history',
    ]);
  });

  it('resolves every $ref of the document, the analysis contract included', async () => {
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      components: { schemas: Record<string, unknown> };
    };
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(refs).toContain('AnalysisView');
    expect(refs).toContain('Workload');
    for (const ref of refs) expect(Object.keys(document.components.schemas)).toContain(ref);
  });

  it('serves the docs page and its assets from the package, not a CDN', async () => {
    const page = await (await fetch(`${server.url}/docs`)).text();
    const scripts = [...page.matchAll(/src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(script).not.toMatch(/^https?:/);
      const asset = await fetch(new URL(script, `${server.url}/docs`));
      expect(asset.status).toBe(200);
    }
  });

  it('answers an unknown route with the error body', async () => {
    const response = await fetch(`${server.url}/v2/nothing`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      statusCode: 404,
      code: 'not-found',
      message: 'Cannot GET /v2/nothing',
      details: [],
    });
  });
});
