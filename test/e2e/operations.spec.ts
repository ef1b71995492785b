// Running podfit in production: liveness and readiness for Kubernetes' probes (terminus' body), Prometheus
// metrics, request ids, security headers, JSON logs that never hold a secret or a manifest, and the
// shutdown delay that lets a Service take a replica out before it stops accepting connections.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Client } from 'pg';
import { TokensService } from '../../apps/api/src/tokens/tokens.service';
import { podYaml } from './support/fixtures';
import { logLines, waitForLogLine, type LogLine } from './support/log-lines';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { startTestApp, type TestApp } from './support/test-app';
import { connectTo, createTestDatabase, type TestDatabase } from './support/test-database';

jest.setTimeout(60_000);

const MIGRATIONS = readdirSync(resolve(__dirname, '../../prisma/migrations'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A Deployment of 3 replicas, a DaemonSet (replicas unknown without nodes) and a Pod: 5 pods. */
const FIVE_PODS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: metrics-web-7f3, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: registry.example.com/web:1, resources: {requests: {cpu: 100m}}}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: metrics-agent-7f3, namespace: shop}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: registry.example.com/agent:1}]
---
${podYaml('metrics-pod-7f3')}`;

/** The samples of a Prometheus text exposition, by `name{labels}` as printed. */
function samples(exposition: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const line of exposition.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const cut = line.lastIndexOf(' ');
    result.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return result;
}

/** How much each sample whose key starts with `prefix` grew from `before` to `after`, where it did. */
function growth(
  before: Map<string, number>,
  after: Map<string, number>,
  prefix: string,
): Record<string, number> {
  const grown: Record<string, number> = {};
  for (const [key, value] of after) {
    const delta = value - (before.get(key) ?? 0);
    if (key.startsWith(prefix) && delta !== 0) grown[key] = delta;
  }
  return grown;
}

describe('health, metrics, request ids and security headers (in process, PostgreSQL)', () => {
  let database: TestDatabase;
  let server: TestApp;
  let admin: Client;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    server = await startTestApp(database);
    admin = await connectTo(database);
  });
  afterAll(async () => {
    await admin?.end();
    await server?.close();
    await database?.drop();
  });

  it('/healthz is alive without looking outside the process, in terminus body, never cached', async () => {
    const res = await server.http().get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
    expect(res.headers['cache-control']).toBe('no-cache, no-store, must-revalidate');
  });

  it('/readyz checks that the database answers and holds every migration', async () => {
    const res = await server.http().get('/readyz').expect(200);
    const up = { database: { status: 'up' }, migrations: { status: 'up' } };
    expect(res.body).toEqual({ status: 'ok', info: up, error: {}, details: up });
    expect(res.headers['cache-control']).toBe('no-cache, no-store, must-revalidate');
  });

  it('/readyz is 503 with Retry-After and names the migrations the database lacks', async () => {
    const latest = MIGRATIONS.at(-1)!;
    await admin.query('UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1', [
      latest,
    ]);
    try {
      const res = await server.http().get('/readyz').expect(503);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.body).toEqual({
        status: 'error',
        info: { database: { status: 'up' } },
        error: { migrations: { status: 'down', pending: [latest] } },
        details: { database: { status: 'up' }, migrations: { status: 'down', pending: [latest] } },
      });
    } finally {
      await admin.query('UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE migration_name = $1', [
        latest,
      ]);
    }
    await server.http().get('/readyz').expect(200);
  });

  it('/metrics counts requests by route template and status, analyses, pods, and shows the pool', async () => {
    const scrape = async () => {
      const res = await server.http().get('/metrics').expect(200);
      expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      return res.text;
    };
    const before = samples(await scrape());

    const stored = await server.http().post('/v1/analyses').send({ manifest: FIVE_PODS }).expect(201);
    expect(stored.body.workloads.map((w: { replicas: number | null }) => w.replicas)).toEqual([3, null, 1]);
    await server.http().post('/v1/analyses').send({ manifest: FIVE_PODS }).expect(201);
    await server.http().post('/v1/analyses?dryRun=true').send({ manifest: FIVE_PODS }).expect(200);
    await server.http().get(`/v1/analyses/${stored.body.id}`).expect(200);
    await server.http().get('/v1/analyses/00000000-0000-4000-8000-000000000000').expect(404);
    await server.http().post('/v1/analyses').set('content-type', 'text/plain').send('x').expect(415);
    await server
      .http()
      .post('/v1/analyses')
      .set('content-type', 'application/json')
      .send('{"manifest":')
      .expect(400);
    await server.http().get('/v2/analyses/metrics-web-7f3').expect(404);

    const exposition = await scrape();
    const after = samples(exposition);
    const count = (method: string, route: string, status: number) =>
      `http_request_duration_seconds_count{method="${method}",route="${route}",status_code="${status}"}`;
    expect(growth(before, after, 'http_request_duration_seconds_count')).toEqual({
      [count('POST', '/v1/analyses', 201)]: 2,
      [count('POST', '/v1/analyses', 200)]: 1,
      [count('POST', '/v1/analyses', 415)]: 1,
      [count('POST', '/v1/analyses', 400)]: 1,
      [count('GET', '/v1/analyses/:id', 200)]: 1,
      [count('GET', '/v1/analyses/:id', 404)]: 1,
      [count('GET', '(unmatched)', 404)]: 1,
      // the first scrape, recorded once it was answered
      [count('GET', '/metrics', 200)]: 1,
    });
    expect(exposition).toContain('# TYPE http_request_duration_seconds histogram');
    expect({
      ...growth(before, after, 'podfit_analyses_'),
      ...growth(before, after, 'podfit_pods_'),
    }).toEqual({
      podfit_analyses_stored_total: 2,
      podfit_analyses_dry_run_total: 1,
      podfit_pods_analysed_total: 15,
    });
    expect(after.get('podfit_db_pool_max_connections')).toBe(10);
    expect(after.get('podfit_db_pool_connections')).toBeGreaterThanOrEqual(1);
    expect(after.get('podfit_db_pool_idle_connections')).toBeGreaterThanOrEqual(0);
    expect(after.get('podfit_db_pool_waiting_requests')).toBe(0);
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(after.has(name)).toBe(true);
    }
    // Bounded labels: neither workload names nor raw URLs.
    expect(exposition).not.toMatch(/7f3|\/v2\/|00000000-0000/);
  });

  it('echoes a sane X-Request-Id and replaces an absent or unsafe one with a UUID, error responses included', async () => {
    const given = await server
      .http()
      .get('/healthz')
      .set('x-request-id', 'trace-4bf92f3577b34da6')
      .expect(200);
    expect(given.headers['x-request-id']).toBe('trace-4bf92f3577b34da6');
    const absent = await server.http().get('/healthz').expect(200);
    expect(absent.headers['x-request-id']).toMatch(UUID);
    for (const unsafe of ['two words', 'a'.repeat(129), 'line\tbreak']) {
      const res = await server.http().get('/healthz').set('x-request-id', unsafe).expect(200);
      expect(res.headers['x-request-id']).toMatch(UUID);
    }
    const notFound = await server.http().get('/v2/nothing').set('x-request-id', 'trace-404').expect(404);
    expect(notFound.headers['x-request-id']).toBe('trace-404');
  });

  it('sends security headers on every response, with a Content-Security-Policy the docs page runs under', async () => {
    const expected = {
      'content-security-policy':
        "default-src 'self';base-uri 'self';connect-src 'self';font-src 'self' data:;form-action 'self';" +
        "frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';" +
        "style-src 'self' 'unsafe-inline'",
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };
    for (const path of ['/v1/analyses', '/v2/nothing', '/metrics', '/docs']) {
      const res = await server.http().get(path);
      expect(res.status).toBeLessThan(500);
      expect(res.headers).toMatchObject(expected);
    }
    // script-src 'self': every script of the page is a file of this server, none inline.
    const page = (await server.http().get('/docs').expect(200)).text;
    const scripts = [...page.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toMatch(/\bsrc=["'](?!https?:|\/\/)[^"']+["']/);
  });
});

describe('health and metrics when tokens are required and rate limited (in process)', () => {
  let database: TestDatabase;
  let server: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    server = await startTestApp(database, { PODFIT_AUTH: 'required', PODFIT_RATE_LIMIT_PER_MINUTE: '1' });
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('answers /healthz, /readyz and /metrics without a token and without a limit; /v1 needs a token, and counts as such', async () => {
    const before = samples((await server.http().get('/metrics').expect(200)).text);
    for (const path of ['/healthz', '/readyz', '/metrics']) await server.http().get(path).expect(200);
    await server.http().get('/v1/analyses').expect(401);

    const { token } = await server.app!.get(TokensService).create({ name: 'limited', scopes: ['read'] });
    const authorized = (path: string) => server.http().get(path).set('authorization', `Bearer ${token}`);
    await authorized('/v1/analyses').expect(200);
    await authorized('/v1/analyses').expect(429);
    for (let i = 0; i < 3; i++) {
      for (const path of ['/healthz', '/readyz', '/metrics']) await authorized(path).expect(200);
    }

    const after = samples((await server.http().get('/metrics').expect(200)).text);
    const count = (route: string, status: number) =>
      `http_request_duration_seconds_count{method="GET",route="${route}",status_code="${status}"}`;
    expect(growth(before, after, 'http_request_duration_seconds_count')).toEqual({
      [count('/healthz', 200)]: 4,
      [count('/readyz', 200)]: 4,
      [count('/metrics', 200)]: 5,
      [count('/v1/analyses', 200)]: 1,
      [count('/v1/analyses', 401)]: 1,
      [count('/v1/analyses', 429)]: 1,
    });
  });
});

describe('JSON logs (a server process at LOG_LEVEL=debug)', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let admin: Client;
  /** An admin token: the server ends open mode once it exists, so every request below carries it. */
  let token: string;
  const authorized = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    server = await startServerProcess({ DATABASE_URL: database.url!, LOG_LEVEL: 'debug' });
    admin = await connectTo(database);
    const created = await fetch(`${server.url}/v1/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'log-test', scopes: ['admin'] }),
    });
    expect(created.status).toBe(201);
    token = ((await created.json()) as { token: string }).token;
  });
  afterAll(async () => {
    await admin?.end();
    await server?.stop();
    await database?.drop();
  });

  /** The lines logged while handling the request with this id. */
  const linesOf = (reqId: string): LogLine[] =>
    logLines(server.stdout()).filter((line) => line.reqId === reqId);

  it('writes every event as one JSON line, start-up messages included', () => {
    const lines = logLines(server.stdout());
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        context: 'Database',
        msg: `database schema up to date (${MIGRATIONS.length} migration(s) applied now)`,
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        context: 'podfit',
        msg: `listening on ${server.url} (API under /v1, docs at /docs)`,
      }),
    );
    for (const line of lines) expect(Number.isNaN(Date.parse(line.time))).toBe(false);
  });

  it('ends each request with an access line carrying its id, method, route template, status and duration', async () => {
    const res = await fetch(`${server.url}/v1/analyses`, {
      method: 'POST',
      headers: { ...authorized(), 'x-request-id': 'access-line-1' },
      body: JSON.stringify({ manifest: podYaml('access-line') }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toBe('access-line-1');
    const access = await waitForLogLine(server, (line) => line.reqId === 'access-line-1');
    expect(access).toEqual({
      level: 'info',
      time: expect.any(String),
      pid: server.child.pid,
      hostname: expect.any(String),
      reqId: 'access-line-1',
      method: 'POST',
      route: '/v1/analyses',
      statusCode: 201,
      durationMs: expect.any(Number),
      tokenName: 'log-test',
      msg: 'request completed',
    });
    expect(linesOf('access-line-1')).toEqual([access]);

    const probe = await fetch(`${server.url}/readyz`);
    const probeId = probe.headers.get('x-request-id')!;
    expect(probeId).toMatch(UUID);
    // Probes come every few seconds: their access lines are debug.
    expect(await waitForLogLine(server, (line) => line.reqId === probeId)).toMatchObject({
      level: 'debug',
      route: '/readyz',
      statusCode: 200,
    });
  });

  it('logs an internal error with its id on a line that carries the request id', async () => {
    await admin.query(`
      CREATE FUNCTION fail_for_log_test() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected fault for the log test'; END $$`);
    await admin.query(
      'CREATE TRIGGER fail_for_log_test BEFORE INSERT ON analyses FOR EACH ROW EXECUTE FUNCTION fail_for_log_test()',
    );
    let res: Response;
    try {
      res = await fetch(`${server.url}/v1/analyses`, {
        method: 'POST',
        headers: { ...authorized(), 'x-request-id': 'internal-error-1' },
        body: JSON.stringify({ manifest: podYaml('internal-error') }),
      });
    } finally {
      await admin.query('DROP TRIGGER fail_for_log_test ON analyses');
      await admin.query('DROP FUNCTION fail_for_log_test()');
    }
    expect(res.status).toBe(500);
    const errorId = /^internal error \(id (.+)\)$/.exec(
      ((await res.json()) as { message: string }).message,
    )![1]!;
    await waitForLogLine(
      server,
      (line) => line.reqId === 'internal-error-1' && line.msg === 'request completed',
    );
    expect(linesOf('internal-error-1')).toEqual([
      expect.objectContaining({
        level: 'error',
        context: 'Errors',
        msg: expect.stringMatching(
          new RegExp(`^internal error ${errorId}: .*injected fault for the log test`, 's'),
        ),
      }),
      expect.objectContaining({
        level: 'warn',
        route: '/v1/analyses',
        statusCode: 500,
        msg: 'request completed',
      }),
    ]);
  });

  it('never logs a token, a cookie, a query string or a manifest, whatever the request became', async () => {
    const marker = `marker${randomBytes(8).toString('hex')}`;
    const manifest = podYaml(`${marker}-pod`).replace(
      '  namespace: e2e\n',
      `  namespace: e2e\n  annotations: {note: ${marker}}\n`,
    );
    const cookie = `session=${marker}cookie`;
    const bearer = `Bearer ${token}`;
    const send = (path: string, init: { headers?: Record<string, string>; body: string }) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, ...init.headers },
        body: init.body,
      }).then(async (response) => ({ status: response.status, id: response.headers.get('x-request-id')! }));

    const outcomes = [
      // stored, with its token
      await send(`/v1/analyses?label=note=${marker}q`, {
        headers: { authorization: bearer },
        body: JSON.stringify({ manifest }),
      }),
      // a dry run
      await send(`/v1/analyses?dryRun=true&filename=${marker}.yaml`, {
        headers: { authorization: bearer },
        body: JSON.stringify({ manifest }),
      }),
      // an invalid manifest
      await send('/v1/analyses', {
        headers: { authorization: bearer },
        body: JSON.stringify({ manifest: manifest.replace('cpu: 100m', `cpu: ${marker}`) }),
      }),
      // malformed JSON
      await send('/v1/analyses', { headers: { authorization: bearer }, body: `{"manifest": "${marker}` }),
      // a token that is not one
      await send('/v1/analyses', { headers: { authorization: `Bearer ${marker}token` }, body: '{}' }),
    ];
    expect(outcomes.map((outcome) => outcome.status)).toEqual([201, 200, 422, 400, 401]);
    for (const { id } of outcomes) {
      await waitForLogLine(server, (line) => line.reqId === id && line.msg === 'request completed');
    }
    const log = server.output();
    expect(log).not.toContain(marker);
    expect(log).not.toContain(token);
  });
});

describe('shutdown with PODFIT_SHUTDOWN_DELAY_MS (a server process at LOG_LEVEL=silent)', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  const shutdownDelayMs = 1_500;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    server = await startServerProcess({
      DATABASE_URL: database.url!,
      LOG_LEVEL: 'silent',
      PODFIT_SHUTDOWN_DELAY_MS: String(shutdownDelayMs),
    });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await database?.drop();
  });

  it('on SIGTERM: not ready at once, still serving for the delay (asking clients to reconnect), then exits 0; silent stays silent', async () => {
    const sentAt = Date.now();
    server.child.kill('SIGTERM');
    let ready = await fetch(`${server.url}/readyz`);
    // The signal reaches the process in its own time: readiness fails as soon as it has.
    while (ready.status === 200 && Date.now() - sentAt < 500) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      ready = await fetch(`${server.url}/readyz`);
    }
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toBe('2');
    expect(await ready.json()).toEqual({ status: 'shutting_down', info: {}, error: {}, details: {} });
    const alive = await fetch(`${server.url}/healthz`);
    expect(alive.status).toBe(200);

    const stored = await fetch(`${server.url}/v1/analyses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ manifest: podYaml('during-the-delay') }),
    });
    expect(stored.status).toBe(201);
    expect(stored.headers.get('connection')).toBe('close');
    const { id } = (await stored.json()) as { id: string };
    expect(Date.now() - sentAt).toBeLessThan(shutdownDelayMs);

    // A second signal changes nothing; the process exits once the delay is over.
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(shutdownDelayMs);
    expect(server.output()).toBe('');

    const client = await connectTo(database);
    try {
      const { rows } = await client.query('SELECT id FROM analyses');
      expect(rows).toEqual([{ id }]);
    } finally {
      await client.end();
    }
  });
});
