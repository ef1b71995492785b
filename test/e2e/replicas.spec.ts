// RELIABILITY.md section 8, rows 33 and 34: several server processes (`npm start`, the built binary) on
// one fresh PostgreSQL database. They migrate once between them, serve each other's analyses, and a
// process stopped with SIGTERM finishes what it has started: every 201 it sent is stored, nothing else is.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { type Client } from 'pg';
import { podYaml } from './support/fixtures';
import { startRoundRobinProxy, type RoundRobinProxy } from './support/round-robin-proxy';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { connectTo, createTestDatabase, type TestDatabase } from './support/test-database';

jest.setTimeout(60_000);

const MIGRATIONS_DIR = resolve(__dirname, '../../prisma/migrations');
const migrations = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

async function post(url: string, body: object): Promise<{ status: number; body: { id?: string } }> {
  const response = await fetch(`${url}/v1/analyses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { id?: string } };
}

/** The ids of every analysis labelled `batch=<batch>`, through `url`, following nextCursor. */
async function storedIds(url: string, batch: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ label: `batch=${batch}`, limit: '100' });
    if (cursor !== null) query.set('cursor', cursor);
    const response = await fetch(`${url}/v1/analyses?${query}`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: Array<{ id: string }>; nextCursor: string | null };
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return ids.sort();
}

/** Reads each analysis through `url`, ten at a time; returns the statuses that were not 200. */
async function unreadable(
  url: string,
  ids: readonly string[],
): Promise<Array<{ id: string; status: number }>> {
  const failed: Array<{ id: string; status: number }> = [];
  let nextIndex = 0;
  const reader = async () => {
    while (nextIndex < ids.length) {
      const id = ids[nextIndex++]!;
      const response = await fetch(`${url}/v1/analyses/${id}`);
      await response.arrayBuffer();
      if (response.status !== 200) failed.push({ id, status: response.status });
    }
  };
  await Promise.all(Array.from({ length: 10 }, reader));
  return failed;
}

/**
 * `amount` stored analyses labelled `batch=<batch>`, POSTed through `url` by autocannon on 10 connections at
 * `requestsPerSecond` at most (so the load lasts at least amount / requestsPerSecond seconds, however fast
 * the machine). autocannon ends once every request it sent is answered: none is left in flight.
 */
function postLoad(
  url: string,
  { amount, requestsPerSecond, batch }: { amount: number; requestsPerSecond: number; batch: string },
  onCreated: (id: string) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: 10,
        amount,
        overallRate: requestsPerSecond,
        timeout: 10,
        requests: [
          {
            method: 'POST',
            path: '/v1/analyses',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ manifest: podYaml(`load-${batch}`), labels: { batch } }),
            onResponse: (status, body) => {
              if (status === 201) onCreated((JSON.parse(body) as { id: string }).id);
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

describe('replicas on one PostgreSQL database', () => {
  let database: TestDatabase;
  let admin: Client;
  const processes: ServerProcess[] = [];
  let env: Record<string, string>;

  async function start(extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
    const server = await startServerProcess({ ...env, ...extraEnv });
    processes.push(server);
    return server;
  }

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    env = { DATABASE_URL: database.url!, LOG_LEVEL: 'warn' };
  });
  afterAll(async () => {
    await Promise.all(processes.map((server) => server.stop('SIGKILL')));
    await admin?.end();
    await database?.drop();
  });

  let first: ServerProcess;
  let second: ServerProcess;

  it('row 33: two processes started together on an empty database migrate once, and both serve', async () => {
    [first, second] = await Promise.all([start(), start()]);
    admin = await connectTo(database);
    const { rows } = await admin.query(
      `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count
         FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows).toEqual(
      migrations.map((name) => ({
        migration_name: name,
        checksum: createHash('sha256')
          .update(readFileSync(join(MIGRATIONS_DIR, name, 'migration.sql')))
          .digest('hex'),
        finished_at: expect.any(Date),
        rolled_back_at: null,
        applied_steps_count: 1,
      })),
    );

    const fromFirst = await post(first.url, { manifest: podYaml('from-first'), labels: { batch: 'row33' } });
    const fromSecond = await post(second.url, {
      manifest: podYaml('from-second'),
      labels: { batch: 'row33' },
    });
    expect([fromFirst.status, fromSecond.status]).toEqual([201, 201]);
    const both = [fromFirst.body.id!, fromSecond.body.id!].sort();
    expect(await storedIds(first.url, 'row33')).toEqual(both);
    expect(await storedIds(second.url, 'row33')).toEqual(both);
    // Each process reads in full the analysis the other stored.
    for (const [reader, id, name] of [
      [second, fromFirst.body.id!, 'from-first'],
      [first, fromSecond.body.id!, 'from-second'],
    ] as const) {
      const read = await fetch(`${reader.url}/v1/analyses/${id}`);
      expect(read.status).toBe(200);
      expect(((await read.json()) as { workloads: Array<{ name: string }> }).workloads[0]!.name).toBe(name);
    }
  });

  it('row 34: SIGTERM while a request is in flight: the request is answered 201, then the process exits 0', async () => {
    // The lock holds the request in the database. pg_stat_activity is read on the other connection: a
    // session inside a transaction keeps seeing its first snapshot of it.
    const locker = await connectTo(database);
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE analysis_workloads IN EXCLUSIVE MODE');
    let answer: Promise<{ status: number; body: { id?: string } }>;
    let exited: Promise<number | null>;
    try {
      answer = post(first.url, { manifest: podYaml('in-flight'), labels: { batch: 'in-flight' } });
      for (let waited = 0; ; waited += 25) {
        const { rows } = await admin.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        if (rows[0].n > 0) break;
        if (waited > 5_000) throw new Error('the request never reached the database');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      exited = first.stop('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(first.child.exitCode).toBeNull();
    } finally {
      await locker.query('COMMIT');
      await locker.end();
    }
    const res = await answer;
    expect(res.status).toBe(201);
    expect(await exited).toBe(0);
    expect(await storedIds(second.url, 'in-flight')).toEqual([res.body.id]);
  });

  it('row 34: SIGTERM in a stream of 200 POSTs: the 201s equal the stored analyses, all readable after a restart', async () => {
    const total = 200;
    const concurrency = 10;
    const stopAfter = 60;
    const target = await start();
    const created: string[] = [];
    const refused: Array<number | string> = [];
    let started = 0;
    let answered = 0;
    let exited: Promise<number | null> | undefined;
    const worker = async () => {
      while (started < total) {
        const i = started++;
        try {
          const res = await post(target.url, { manifest: podYaml(`load-${i}`), labels: { batch: 'row34' } });
          if (res.status === 201) created.push(res.body.id!);
          else refused.push(res.status);
        } catch {
          refused.push('connection closed or refused');
        }
        if (++answered === stopAfter) exited = target.stop('SIGTERM');
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    expect(await exited).toBe(0);

    // SIGTERM came in the middle: some were answered, the rest found the server closing or gone.
    expect(created.length).toBeGreaterThanOrEqual(stopAfter - concurrency);
    expect(created.length).toBeLessThan(total);
    expect(created.length + refused.length).toBe(total);
    // What a client may see once shutdown begins: 503 (Fastify's return503OnClosing) or no connection.
    expect(new Set(refused)).toEqual(new Set(refused.filter((r) => r === 503 || typeof r === 'string')));
    expect(await storedIds(second.url, 'row34')).toEqual([...created].sort());

    const restarted = await start();
    expect(await storedIds(restarted.url, 'row34')).toEqual([...created].sort());
    for (const id of created) {
      expect((await fetch(`${restarted.url}/v1/analyses/${id}`)).status).toBe(200);
    }
  });
  // The load test. The proxy stands in for a Kubernetes Service: it sends each request to the next
  // ready process. SIGTERM makes a process unready at once while it serves on for the shutdown delay; the
  // proxy stops sending it work within a probe or two, then the process closes, finishes what it has, exits.
  it('row 34 under autocannon: two processes behind a Service, one sent SIGTERM mid-load: no request fails, and every 201 is stored and readable, after a restart too', async () => {
    const shutdownDelayMs = 1_500;
    const sigtermAfterMs = 1_000;
    // At least 5 s of load: SIGTERM at 1 s, the close at 2.5 s, then the survivor serves alone.
    const load = { amount: 750, requestsPerSecond: 150, batch: 'under-load' };
    const [leaving, staying] = await Promise.all([
      start({ PODFIT_SHUTDOWN_DELAY_MS: String(shutdownDelayMs) }),
      start({ PODFIT_SHUTDOWN_DELAY_MS: String(shutdownDelayMs) }),
    ]);
    let proxy: RoundRobinProxy | undefined;
    let sigterm: NodeJS.Timeout | undefined;
    try {
      proxy = await startRoundRobinProxy([leaving.url, staying.url]);
      const created: string[] = [];
      let exit: Promise<{ code: number | null; at: number }> | undefined;
      sigterm = setTimeout(() => {
        exit = leaving.stop('SIGTERM').then((code) => ({ code, at: Date.now() }));
      }, sigtermAfterMs);
      const result = await postLoad(proxy.url, load, (id) => created.push(id));
      const loadEndedAt = Date.now();

      expect(exit).toBeDefined();
      const { code, at: exitedAt } = await exit!;
      expect(code).toBe(0);
      // The process closed while the load went on: the survivor alone served the rest.
      expect(exitedAt).toBeLessThan(loadEndedAt);
      expect({
        errors: result.errors,
        timeouts: result.timeouts,
        resets: result.resets,
        non2xx: result.non2xx,
        proxyFailures: proxy.failures,
        statusCodes: result.statusCodeStats,
      }).toEqual({
        errors: 0,
        timeouts: 0,
        resets: 0,
        non2xx: 0,
        proxyFailures: [],
        statusCodes: { 201: { count: load.amount } },
      });
      expect(proxy.answered(leaving.url)).toBeGreaterThan(0);

      const stored = [...created].sort();
      expect(new Set(stored).size).toBe(load.amount);
      expect(await storedIds(staying.url, 'under-load')).toEqual(stored);
      expect(await unreadable(staying.url, stored)).toEqual([]);

      expect(await staying.stop('SIGTERM')).toBe(0);
      const restarted = await start();
      expect(await storedIds(restarted.url, 'under-load')).toEqual(stored);
      expect(await unreadable(restarted.url, stored)).toEqual([]);
    } finally {
      clearTimeout(sigterm);
      await proxy?.close();
    }
  });
});
