// RELIABILITY.md section 8, rows 29-32: PostgreSQL faults under a running server (in this process, so the
// test can reach its pool), caused through a separate admin connection to the same database. A fault is
// answered 503 with Retry-After (or 500 `internal` for a bug), never stores half an analysis, and the
// server recovers on its own once the fault is gone.
import { Client } from 'pg';
import { DatabaseService } from '../../apps/api/src/database/database.service';
import { fixtureText, podYaml } from './support/fixtures';
import { analysisRowCounts, startTestApp, type TestApp } from './support/test-app';
import { connectTo, createTestDatabase, SERVER_URL, type TestDatabase } from './support/test-database';

jest.setTimeout(30_000);

const appYaml = fixtureText('ok/app.yaml');

/** The 503 every database fault is answered with, for `reason`. */
function unavailable(reason: string | RegExp) {
  return {
    statusCode: 503,
    code: 'database-unavailable',
    message:
      typeof reason === 'string'
        ? `the database is unavailable (${reason}); retry later`
        : expect.stringMatching(
            new RegExp(`^the database is unavailable \\((${reason.source})\\); retry later$`),
          ),
    details: [],
  };
}

async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('database faults on PostgreSQL (RELIABILITY.md section 8)', () => {
  let database: TestDatabase;
  let server: TestApp;
  /** On the test database, as `podfit-test`: locks, triggers and counts. */
  let admin: Client;
  /** On the server's maintenance database: ALTER DATABASE of the test database. */
  let serverAdmin: Client;

  const counts = () => analysisRowCounts(server.app!);
  // pg_stat_activity is read through serverAdmin: a session in a transaction (admin, holding a lock) sees
  // the same snapshot of it until the transaction ends.
  /** Terminates the server's own connections (application_name `podfit`); returns how many. */
  async function terminateServerConnections(): Promise<number> {
    const { rows } = await serverAdmin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'podfit'`,
      [database.name],
    );
    return rows.length;
  }
  /** The statements of the server's connections that wait for a lock. */
  async function waitingOnLocks(): Promise<string[]> {
    const { rows } = await serverAdmin.query<{ query: string }>(
      `SELECT query FROM pg_stat_activity
        WHERE datname = $1 AND application_name = 'podfit' AND wait_event_type = 'Lock'`,
      [database.name],
    );
    return rows.map((row) => row.query);
  }

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    server = await startTestApp(database);
    admin = await connectTo(database);
    serverAdmin = new Client({ connectionString: SERVER_URL, application_name: 'podfit-test' });
    await serverAdmin.connect();
  });
  afterAll(async () => {
    await serverAdmin?.query(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS true`);
    await serverAdmin?.end();
    await admin?.end();
    await server?.close();
    await database?.drop();
  });

  describe('row 29: connections lost, database unreachable', () => {
    it('row 29: pg_terminate_backend during a POST is 503 with Retry-After, stores nothing, and the next POST succeeds', async () => {
      const before = await counts();
      // EXCLUSIVE lets the request read and insert its analysis row, then holds its workload insert.
      await admin.query('BEGIN');
      await admin.query('LOCK TABLE analysis_workloads IN EXCLUSIVE MODE');
      const answer = server
        .http()
        .post('/v1/analyses')
        .send({ manifest: appYaml })
        .then((res) => res);
      try {
        await waitFor(async () => (await waitingOnLocks()).length > 0);
        // The request waits to insert its workload rows, in the transaction that writes its analysis row.
        expect(await waitingOnLocks()).toEqual([
          expect.stringMatching(/INSERT INTO ("public"\.)?"?analysis_workloads"?/),
        ]);
        expect(await terminateServerConnections()).toBeGreaterThan(0);
      } finally {
        await admin.query('ROLLBACK');
      }
      const res = await answer;
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.body).toEqual(unavailable('server shut down the connection'));
      expect(await counts()).toEqual(before);
      await server
        .http()
        .post('/v1/analyses')
        .send({ manifest: podYaml('after-terminate') })
        .expect(201);
    });

    it('row 29: idle connections terminated before a POST are replaced without an error', async () => {
      await server.http().get('/readyz').expect(200);
      expect(await terminateServerConnections()).toBeGreaterThan(0);
      const { pool } = server.app!.get(DatabaseService);
      // pg drops an idle client once it reads the server's notice (pool.on('error') logs it).
      await waitFor(() => pool.totalCount === 0);
      const res = await server
        .http()
        .post('/v1/analyses')
        .send({ manifest: podYaml('fresh-connection') });
      expect(res.status).toBe(201);
    });

    it('row 29: while the database refuses connections, /readyz is 503 and /healthz 200; then it recovers', async () => {
      const before = await counts();
      await serverAdmin.query(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS false`);
      try {
        await terminateServerConnections();
        const { pool } = server.app!.get(DatabaseService);
        await waitFor(() => pool.totalCount === 0);

        expect((await server.http().get('/healthz').expect(200)).body).toEqual({
          status: 'ok',
          info: {},
          error: {},
          details: {},
        });
        const ready = await server.http().get('/readyz').expect(503);
        expect(ready.headers['retry-after']).toBe('2');
        // The reason (host, user, database name) goes to the log, not to an unauthenticated probe.
        const down = {
          database: {
            status: 'down',
            message: 'the database did not answer (the reason is in the server log)',
          },
          migrations: { status: 'down', message: 'not checked: the database did not answer' },
        };
        expect(ready.body).toEqual({ status: 'error', info: {}, error: down, details: down });
        const res = await server.http().post('/v1/analyses').send({ manifest: appYaml });
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('2');
        expect(res.body).toEqual(unavailable('the database does not accept connections'));
      } finally {
        await serverAdmin.query(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS true`);
      }
      expect(await counts()).toEqual(before);
      await server.http().get('/readyz').expect(200);
      await server
        .http()
        .post('/v1/analyses')
        .send({ manifest: podYaml('recovered') })
        .expect(201);
    });

    it('row 29: while its database is renamed away, the server answers 503; renamed back, it recovers', async () => {
      const other = await createTestDatabase('postgres');
      const moved = await startTestApp(other);
      try {
        await moved
          .http()
          .post('/v1/analyses')
          .send({ manifest: podYaml('before-rename') })
          .expect(201);
        await serverAdmin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [other.name],
        );
        await waitFor(() => moved.app!.get(DatabaseService).pool.totalCount === 0);
        await serverAdmin.query(`ALTER DATABASE ${other.name} RENAME TO ${other.name}_moved`);
        try {
          const res = await moved
            .http()
            .post('/v1/analyses')
            .send({ manifest: podYaml('renamed') });
          expect(res.status).toBe(503);
          expect(res.headers['retry-after']).toBe('2');
          expect(res.body).toEqual(unavailable('the database does not exist'));
          await moved.http().get('/readyz').expect(503);
          await moved.http().get('/healthz').expect(200);
        } finally {
          await serverAdmin.query(`ALTER DATABASE ${other.name}_moved RENAME TO ${other.name}`);
        }
        await moved
          .http()
          .post('/v1/analyses')
          .send({ manifest: podYaml('after-rename') })
          .expect(201);
      } finally {
        await moved.close();
        await other.drop();
      }
    });
  });

  describe('row 30: a failure inside the transaction', () => {
    afterEach(async () => {
      await admin.query('DROP TRIGGER IF EXISTS fail_third_workload ON analysis_workloads');
      await admin.query('DROP FUNCTION IF EXISTS fail_third_workload()');
      await admin.query('DROP SEQUENCE IF EXISTS workload_inserts');
    });

    it('row 30: a trigger raising on the 3rd workload insert is 500 internal without a stack, and stores nothing', async () => {
      await admin.query('TRUNCATE analyses, analysis_workloads');
      await admin.query('CREATE SEQUENCE workload_inserts');
      await admin.query(`
        CREATE FUNCTION fail_third_workload() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF nextval('workload_inserts') = 3 THEN
            RAISE EXCEPTION 'injected fault: third analysis_workloads insert';
          END IF;
          RETURN NEW;
        END $$`);
      await admin.query(
        'CREATE TRIGGER fail_third_workload BEFORE INSERT ON analysis_workloads FOR EACH ROW EXECUTE FUNCTION fail_third_workload()',
      );

      const res = await server.http().post('/v1/analyses').send({ manifest: appYaml });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        statusCode: 500,
        code: 'internal',
        message: expect.stringMatching(
          /^internal error \(id [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)$/,
        ),
        details: [],
      });
      expect(res.text).not.toMatch(/injected|stack|\bat \w|\.ts\b|\.js\b/);
      const { rows } = await admin.query('SELECT last_value::int AS n FROM workload_inserts');
      expect(rows[0].n).toBe(3);
      expect(await counts()).toEqual({ analyses: 0, workloads: 0 });

      await admin.query('DROP TRIGGER fail_third_workload ON analysis_workloads');
      const next = await server.http().post('/v1/analyses').send({ manifest: appYaml }).expect(201);
      expect(await counts()).toEqual({ analyses: 1, workloads: next.body.workloads.length });
      expect(next.body.workloads.length).toBeGreaterThanOrEqual(3);
    });
  });

  describe('row 31: every pool connection held (PODFIT_DB_POOL_MAX=2, PODFIT_DB_CONNECTION_TIMEOUT_MS=500)', () => {
    let crowded: TestApp;
    beforeAll(async () => {
      crowded = await startTestApp(database, {
        PODFIT_DB_POOL_MAX: '2',
        PODFIT_DB_CONNECTION_TIMEOUT_MS: '500',
      });
    });
    afterAll(() => crowded?.close());

    it('row 31: 20 POSTs while both connections sleep are each 503 after the connection timeout, not a hang', async () => {
      const before = await counts();
      const { pool } = crowded.app!.get(DatabaseService);
      const held = [pool.query('SELECT pg_sleep(3)'), pool.query('SELECT pg_sleep(3)')];
      await waitFor(() => pool.totalCount === 2 && pool.idleCount === 0);

      const startedAt = Date.now();
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          crowded
            .http()
            .post('/v1/analyses')
            .send({ manifest: podYaml(`crowd-${i}`) }),
        ),
      );
      const elapsedMs = Date.now() - startedAt;
      expect(answers.map((res) => res.status)).toEqual(Array(20).fill(503));
      for (const res of answers) {
        expect(res.headers['retry-after']).toBe('2');
        expect(res.body).toEqual(unavailable('no connection free in the pool'));
      }
      // All 20 waited side by side for 500 ms; the sleeps still had over a second to run.
      expect(elapsedMs).toBeLessThan(2_000);

      await Promise.all(held);
      expect(await counts()).toEqual(before);
      await crowded
        .http()
        .post('/v1/analyses')
        .send({ manifest: podYaml('uncrowded') })
        .expect(201);
    });
  });

  describe('row 32: a table lock held past the timeouts (PODFIT_DB_STATEMENT_TIMEOUT_MS=500)', () => {
    let impatient: TestApp;
    beforeAll(async () => {
      impatient = await startTestApp(database, { PODFIT_DB_STATEMENT_TIMEOUT_MS: '500' });
    });
    afterAll(() => impatient?.close());

    it.each([
      // The analysis row is inserted, then its workload rows wait: the rollback must take the analysis too.
      ['EXCLUSIVE on analysis_workloads', 'LOCK TABLE analysis_workloads IN EXCLUSIVE MODE'],
      // Even reading the previous analyses waits.
      ['ACCESS EXCLUSIVE on analyses', 'LOCK TABLE analyses IN ACCESS EXCLUSIVE MODE'],
    ])('row 32: %s is 503 after the lock timeout, and nothing partial is stored', async (_what, lock) => {
      const before = await counts();
      await admin.query('BEGIN');
      await admin.query(lock);
      let elapsedMs: number;
      let res;
      try {
        const startedAt = Date.now();
        res = await impatient.http().post('/v1/analyses').send({ manifest: appYaml });
        elapsedMs = Date.now() - startedAt;
      } finally {
        await admin.query('ROLLBACK');
      }
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.body).toEqual(unavailable(/lock timed out|statement timed out/));
      expect(elapsedMs).toBeLessThan(3_000);
      expect(await counts()).toEqual(before);
      await impatient.http().post('/v1/analyses').send({ manifest: appYaml }).expect(201);
    });
  });
});
