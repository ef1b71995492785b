// RELIABILITY.md section 8, rows 1, 2 and 20-28: bad requests over real HTTP on PostgreSQL. Every rejection
// is checked as a whole error body, none is a 500, and a rejected analysis leaves the analyses and
// analysis_workloads tables exactly as they were.
import { type Client } from 'pg';
import { fixtureText, podYaml } from './support/fixtures';
import { openRaw, rawRequest, requestHead } from './support/raw-http';
import { startServerProcess } from './support/server-process';
import { analysisRowCounts, startTestApp, type TestApp } from './support/test-app';
import { connectTo, createTestDatabase, type TestDatabase } from './support/test-database';

jest.setTimeout(30_000);

const DEFAULT_BODY_LIMIT = 3 * 1024 * 1024;
const ACCEPTED_MEDIA_TYPES = [
  'application/json',
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'text/x-yaml',
];
// Row 23's documented bound: 20,000 tiny documents are answered within 10 s on a 2-core machine.
const MANY_DOCUMENTS_BOUND_MS = 10_000;

function unsupportedMediaType(what: string) {
  return {
    statusCode: 415,
    code: 'unsupported-media-type',
    message: `unsupported media type: ${what}; send one of ${ACCEPTED_MEDIA_TYPES.join(', ')}`,
    details: ACCEPTED_MEDIA_TYPES.map((type) => ({ message: `accepted: ${type}`, mediaType: type })),
  };
}

function payloadTooLarge(limit: number) {
  return {
    statusCode: 413,
    code: 'payload-too-large',
    message: `request body is larger than the limit of ${limit} bytes`,
    details: [{ message: 'request body is too large', limit }],
  };
}

/** `text` padded at its end with `pad` characters to exactly `bytes` bytes. */
function padTo(text: string, bytes: number, pad: string): string {
  return text + pad.repeat(bytes - Buffer.byteLength(text));
}

describe('bad input over REST (RELIABILITY.md section 8)', () => {
  let database: TestDatabase;
  let server: TestApp;
  let admin: Client;

  /** Runs `send` and checks that it stored no analysis and no workload row. */
  async function storesNothing<T>(send: () => PromiseLike<T>): Promise<T> {
    const before = await analysisRowCounts(server.app!);
    const result = await send();
    expect(await analysisRowCounts(server.app!)).toEqual(before);
    return result;
  }

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

  describe('row 1 and 2: request bodies that are not an analysis request', () => {
    it('row 1: truncated JSON is 400 malformed-input with the line and column', async () => {
      const res = await storesNothing(() =>
        server.http().post('/v1/analyses').set('content-type', 'application/json').send('{\n  "manifest":'),
      );
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        statusCode: 400,
        code: 'malformed-input',
        message: 'invalid JSON: Unexpected end of JSON input (line 2, column 14)',
        details: [{ path: '', line: 2, column: 14, message: 'invalid JSON: Unexpected end of JSON input' }],
      });
    });

    it('row 1: an unexpected token is placed at its own line and column, not at the end', async () => {
      const text = '{"manifest": "kind: Pod",\n "labels": {"a": }}';
      const res = await storesNothing(() =>
        server.http().post('/v1/analyses').set('content-type', 'application/json').send(text),
      );
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        statusCode: 400,
        code: 'malformed-input',
        message: expect.stringMatching(/^invalid JSON: Unexpected token '}', .* \(line 2, column 18\)$/),
        details: [{ path: '', line: 2, column: 18, message: expect.stringMatching(/^invalid JSON: /) }],
      });
    });

    it.each([
      ['an empty body', ''],
      ['{}', '{}'],
      ['manifest: 42', '{"manifest": 42}'],
      ['manifest: null', '{"manifest": null}'],
    ])('row 2: %s is 400 malformed-input with path "manifest"', async (_what, body) => {
      const res = await storesNothing(() =>
        server.http().post('/v1/analyses').set('content-type', 'application/json').send(body),
      );
      expect(res.status).toBe(400);
      const message =
        body === ''
          ? 'the body must be a JSON object with a manifest'
          : 'must be YAML or JSON text, or a JSON object';
      expect(res.body).toEqual({
        statusCode: 400,
        code: 'malformed-input',
        message: body === '' ? message : `manifest: ${message}`,
        details: [{ path: 'manifest', message }],
      });
    });
  });

  describe('row 20: body size', () => {
    const SMALL_LIMIT = 2048;
    let small: TestApp;
    beforeAll(async () => {
      small = await startTestApp(database, { PODFIT_BODY_LIMIT: String(SMALL_LIMIT) });
    });
    afterAll(() => small?.close());

    it('row 20: a JSON body of exactly the limit is accepted, one byte more is 413 payload-too-large', async () => {
      const atLimit = padTo(JSON.stringify({ manifest: podYaml('at-limit') }), SMALL_LIMIT, ' ');
      expect(Buffer.byteLength(atLimit)).toBe(SMALL_LIMIT);
      await small
        .http()
        .post('/v1/analyses')
        .set('content-type', 'application/json')
        .send(atLimit)
        .expect(201);
      const res = await storesNothing(() =>
        small
          .http()
          .post('/v1/analyses')
          .set('content-type', 'application/json')
          .send(atLimit + ' '),
      );
      expect(res.status).toBe(413);
      expect(res.body).toEqual(payloadTooLarge(SMALL_LIMIT));
    });

    it('row 20: a YAML body of exactly the limit is accepted, one byte more is 413 payload-too-large', async () => {
      const atLimit = padTo(`${podYaml('yaml-at-limit')}# `, SMALL_LIMIT - 1, 'x') + '\n';
      expect(Buffer.byteLength(atLimit)).toBe(SMALL_LIMIT);
      await small
        .http()
        .post('/v1/analyses')
        .set('content-type', 'application/yaml')
        .send(atLimit)
        .expect(201);
      const res = await storesNothing(() =>
        small
          .http()
          .post('/v1/analyses')
          .set('content-type', 'application/yaml')
          .send(atLimit + '\n'),
      );
      expect(res.status).toBe(413);
      expect(res.body).toEqual(payloadTooLarge(SMALL_LIMIT));
    });

    it('row 20: at the default limit (3 MiB, kube-apiserver’s) plus one byte, JSON and YAML are 413', async () => {
      const json = padTo(JSON.stringify({ manifest: podYaml('over') }), DEFAULT_BODY_LIMIT + 1, ' ');
      const res = await storesNothing(() =>
        server.http().post('/v1/analyses').set('content-type', 'application/json').send(json),
      );
      expect(res.status).toBe(413);
      expect(res.body).toEqual(payloadTooLarge(DEFAULT_BODY_LIMIT));
      expect(res.body.details[0].limit).toBe(3145728);
      const yaml = padTo(podYaml('over'), DEFAULT_BODY_LIMIT + 1, '\n');
      const fromYaml = await storesNothing(() =>
        server.http().post('/v1/analyses').set('content-type', 'application/yaml').send(yaml),
      );
      expect(fromYaml.status).toBe(413);
      expect(fromYaml.body).toEqual(payloadTooLarge(DEFAULT_BODY_LIMIT));
    });

    it('row 20: a Content-Length larger than the body that arrives is 400', async () => {
      const body = JSON.stringify({ manifest: podYaml('short') });
      const head = requestHead('POST', '/v1/analyses', {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body) + 10,
      });
      const res = await storesNothing(async () =>
        rawRequest(await server.url(), head, body, { halfClose: true }),
      );
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toEqual({
        statusCode: 400,
        code: 'malformed-input',
        message:
          'the connection ended before the whole request body arrived: Content-Length is larger than the body',
        details: [],
      });
    });
  });

  describe('row 20: header size', () => {
    it('row 20: headers over Node’s 16 KiB limit are 431 headers-too-large', async () => {
      const head = requestHead('GET', '/healthz', { 'X-Padding': 'a'.repeat(20 * 1024) });
      const res = await rawRequest(await server.url(), head);
      expect(res.status).toBe(431);
      expect(JSON.parse(res.body)).toEqual({
        statusCode: 431,
        code: 'headers-too-large',
        message: 'the request headers are larger than the server accepts',
        details: [],
      });
    });
  });

  describe('row 21: media types', () => {
    it.each([
      ['text/plain', 'text/plain'],
      ['form-encoded', 'application/x-www-form-urlencoded'],
      ['multipart', 'multipart/form-data; boundary=x'],
    ])('row 21: %s is 415 unsupported-media-type listing the accepted types', async (_what, type) => {
      const res = await storesNothing(() =>
        server.http().post('/v1/analyses').set('content-type', type).send(podYaml('plain')),
      );
      expect(res.status).toBe(415);
      expect(res.body).toEqual(unsupportedMediaType(`Content-Type ${JSON.stringify(type)}`));
    });

    it('row 21: a body without Content-Type is 415 unsupported-media-type listing the accepted types', async () => {
      const body = podYaml('untyped');
      const head = requestHead('POST', '/v1/analyses', { 'Content-Length': Buffer.byteLength(body) });
      const res = await storesNothing(async () => rawRequest(await server.url(), head, body));
      expect(res.status).toBe(415);
      expect(JSON.parse(res.body)).toEqual(unsupportedMediaType('a body without Content-Type'));
    });

    it('row 21: application/yaml; charset=utf-8 and application/json; charset=utf-8 are accepted', async () => {
      const yaml = await server
        .http()
        .post('/v1/analyses')
        .set('content-type', 'application/yaml; charset=utf-8')
        .send(podYaml('charset-yaml'))
        .expect(201);
      expect(yaml.body.workloads.map((workload: { name: string }) => workload.name)).toEqual([
        'charset-yaml',
      ]);
      const json = await server
        .http()
        .post('/v1/analyses')
        .set('content-type', 'application/json; charset=utf-8')
        .send(JSON.stringify({ manifest: podYaml('charset-json') }))
        .expect(201);
      expect(json.body.workloads.map((workload: { name: string }) => workload.name)).toEqual([
        'charset-json',
      ]);
    });
  });

  describe('row 22: slow clients (PODFIT_REQUEST_TIMEOUT_MS=1000)', () => {
    let slow: TestApp;
    beforeAll(async () => {
      slow = await startTestApp(database, { PODFIT_REQUEST_TIMEOUT_MS: '1000' });
    });
    afterAll(() => slow?.close());

    it('row 22: a body sent one byte per second is cut off at the request timeout; other clients are served', async () => {
      const body = JSON.stringify({ manifest: podYaml('trickled') });
      const before = await analysisRowCounts(server.app!);
      const { socket, response } = await openRaw(await slow.url(), 10_000);
      socket.write(
        requestHead('POST', '/v1/analyses', {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
        }),
      );
      let sent = 0;
      const trickle = setInterval(() => {
        if (!socket.destroyed && sent < body.length) socket.write(body[sent++]!);
      }, 1_000);
      try {
        const other = await slow
          .http()
          .post('/v1/analyses')
          .send({ manifest: podYaml('meanwhile') });
        expect(other.status).toBe(201);
        const cut = await response;
        expect(cut.ending).not.toBe('gave-up');
        // One second of timeout, plus at most one second until Node's next deadline check.
        expect(cut.elapsedMs).toBeLessThan(3_500);
        expect(sent).toBeLessThan(5);
        if (cut.status !== null) {
          expect(cut.status).toBe(408);
          expect(JSON.parse(cut.body)).toEqual({
            statusCode: 408,
            code: 'request-timeout',
            message: 'the request was not received in full within 1000 ms',
            details: [],
          });
        }
      } finally {
        clearInterval(trickle);
      }
      expect(await analysisRowCounts(server.app!)).toEqual({
        analyses: before.analyses + 1,
        workloads: before.workloads + 1,
      });
    });

    it('row 22: a handler slower than the request timeout still answers (only slow clients are cut off)', async () => {
      await admin.query('BEGIN');
      await admin.query('LOCK TABLE analysis_workloads IN EXCLUSIVE MODE');
      const released = new Promise((resolve) => setTimeout(resolve, 2_000)).then(() => admin.query('COMMIT'));
      const startedAt = Date.now();
      const res = await slow
        .http()
        .post('/v1/analyses')
        .send({ manifest: podYaml('patient') });
      await released;
      expect(res.status).toBe(201);
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1_900);
    });
  });

  describe('row 23: many tiny documents', () => {
    it(`row 23: 20,000 skipped documents (ConfigMaps) are answered within ${MANY_DOCUMENTS_BOUND_MS} ms`, async () => {
      const documents = Array.from(
        { length: 20_000 },
        (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n`,
      ).join('---\n');
      expect(Buffer.byteLength(documents)).toBeLessThan(DEFAULT_BODY_LIMIT);
      const startedAt = Date.now();
      const res = await server
        .http()
        .post('/v1/analyses')
        .set('content-type', 'application/yaml')
        .send(documents);
      const elapsedMs = Date.now() - startedAt;
      expect(res.status).toBe(201);
      expect(res.body.workloads).toEqual([]);
      expect(elapsedMs).toBeLessThan(MANY_DOCUMENTS_BOUND_MS);
    });

    // In a server process of its own, killed at the end, so a slow answer cannot hold up the other tests.
    it(`row 23: 20,000 tiny Pods are answered within ${MANY_DOCUMENTS_BOUND_MS} ms, or refused as too many objects`, async () => {
      const documents = Array.from(
        { length: 20_000 },
        (_, i) =>
          `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}}\nspec: {containers: [{name: c, image: x}]}\n`,
      ).join('---\n');
      expect(Buffer.byteLength(documents)).toBeLessThan(DEFAULT_BODY_LIMIT);
      const own = await startServerProcess({ DATABASE_URL: database.url!, LOG_LEVEL: 'silent' });
      const before = await analysisRowCounts(server.app!);
      try {
        const startedAt = Date.now();
        const outcome: { status: number | string; body: { message?: string } } = await fetch(
          `${own.url}/v1/analyses`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/yaml' },
            body: documents,
            signal: AbortSignal.timeout(MANY_DOCUMENTS_BOUND_MS),
          },
        ).then(
          async (response) => ({
            status: response.status,
            body: (await response.json()) as { message?: string },
          }),
          () => ({ status: `no answer within ${MANY_DOCUMENTS_BOUND_MS} ms`, body: {} }),
        );
        const elapsedMs = Date.now() - startedAt;
        if (outcome.status === 413 || outcome.status === 422) {
          expect(outcome.body.message).toMatch(/too many objects/);
          expect(await analysisRowCounts(server.app!)).toEqual(before);
        } else {
          expect(outcome.status).toBe(201);
        }
        expect(elapsedMs).toBeLessThan(MANY_DOCUMENTS_BOUND_MS);
      } finally {
        await own.stop('SIGKILL');
      }
    });
  });

  describe('row 24: `kubectl get nodes -o json` with odd allocatable', () => {
    it('row 24: nodes without allocatable count with their capacity', async () => {
      await server
        .http()
        .post('/v1/inventories')
        .send({
          name: 'capacity-only',
          nodes: JSON.parse(fixtureText('bad/row-24-nodes-without-allocatable.json')),
        })
        .expect(201);
      const res = await server.http().get('/v1/inventories/capacity-only/nodes').expect(200);
      const cpuAndMemory = res.body.items.map(
        (node: { name: string; resources: Array<{ allocatable: string }> }) => [
          node.name,
          node.resources[0]!.allocatable,
          node.resources[1]!.allocatable,
        ],
      );
      // node-a lists capacity only (4, 16Gi); node-b has allocatable 3920m, 15Gi.
      expect(cpuAndMemory).toEqual([
        ['node-a', '4', '16Gi'],
        ['node-b', '3920m', '15Gi'],
      ]);
      const analysis = await server
        .http()
        .post('/v1/analyses')
        .send({ manifest: podYaml('wide', '3950m', '1Gi'), inventory: 'capacity-only' })
        .expect(201);
      expect(analysis.body.workloads[0].fit).toMatchObject({ feasibleNodes: 1, totalNodes: 2 });
    });

    it('row 24: a node with cpu "abc" is 422 at items[3].status.allocatable.cpu of file `nodes`', async () => {
      const text = fixtureText('bad/row-24-nodes-bad-quantity.json');
      const problem =
        'invalid quantity "abc": quantities must match the regular expression ' +
        "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
      const expected = {
        statusCode: 422,
        code: 'invalid-manifest',
        message: `the manifest is invalid (1 problem): nodes: document 0: items[3].status.allocatable.cpu: ${problem}`,
        details: [{ file: 'nodes', document: 0, path: 'items[3].status.allocatable.cpu', message: problem }],
      };
      const created = await server
        .http()
        .post('/v1/inventories')
        .send({ name: 'bad-quantity', nodes: JSON.parse(text) })
        .expect(422);
      expect(created.body).toEqual(expected);
      await server.http().get('/v1/inventories/bad-quantity').expect(404);
      const imported = await server
        .http()
        .put('/v1/inventories/capacity-only/nodes')
        .set('content-type', 'application/json')
        .send(text)
        .expect(422);
      expect(imported.body).toEqual(expected);
      expect((await server.http().get('/v1/inventories/capacity-only').expect(200)).body.version).toBe(1);
    });
  });

  describe('row 25: unknown names and ids', () => {
    it('row 25: an unknown inventory in POST /v1/analyses is 404 inventory-not-found, JSON or YAML', async () => {
      const notFound = {
        statusCode: 404,
        code: 'inventory-not-found',
        message: 'inventory "nowhere" not found',
        details: [],
      };
      const json = await storesNothing(() =>
        server
          .http()
          .post('/v1/analyses')
          .send({ manifest: podYaml('lost'), inventory: 'nowhere' }),
      );
      expect(json.status).toBe(404);
      expect(json.body).toEqual(notFound);
      const yaml = await storesNothing(() =>
        server
          .http()
          .post('/v1/analyses?inventory=nowhere')
          .set('content-type', 'application/yaml')
          .send(podYaml('lost')),
      );
      expect(yaml.status).toBe(404);
      expect(yaml.body).toEqual(notFound);
    });

    it('row 25: an unknown analysis id is 404 analysis-not-found', async () => {
      const id = '6f1c2a9e-3d4b-4c8a-9e2f-1a7b5c3d9e01';
      const res = await server.http().get(`/v1/analyses/${id}`).expect(404);
      expect(res.body).toEqual({
        statusCode: 404,
        code: 'analysis-not-found',
        message: `analysis ${id} not found`,
        details: [],
      });
    });

    it.each(['not-a-uuid', '6f1c2a9e-3d4b-4c8a-9e2f', "1'; DROP TABLE analyses;--"])(
      'row 25: the malformed id %j is 400 malformed-input',
      async (id) => {
        const res = await server
          .http()
          .get(`/v1/analyses/${encodeURIComponent(id)}`)
          .expect(400);
        expect(res.body).toEqual({
          statusCode: 400,
          code: 'malformed-input',
          message: 'id: not a UUID',
          details: [{ path: 'id', message: 'must be a UUID' }],
        });
      },
    );
  });

  describe('row 26: labels under Kubernetes label rules, SQL stored as text', () => {
    const valueRule =
      "must be 63 characters or less, empty or start and end with an alphanumeric character, and contain only alphanumerics, '-', '_' or '.'";
    const keyRule =
      "must be a name of at most 63 characters (alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric), with an optional DNS subdomain prefix and '/'";

    it('row 26: a 10 KB label value is 400, in the JSON body and in the query of a YAML body', async () => {
      const value = 'a'.repeat(10 * 1024);
      const json = await storesNothing(() =>
        server
          .http()
          .post('/v1/analyses')
          .send({ manifest: podYaml('labelled'), labels: { note: value } }),
      );
      expect(json.status).toBe(400);
      expect(json.body).toEqual({
        statusCode: 400,
        code: 'malformed-input',
        message: `labels: "note": value ${valueRule}`,
        details: [{ path: 'labels', message: `"note": value ${valueRule}` }],
      });
      const yaml = await storesNothing(() =>
        server
          .http()
          .post(`/v1/analyses?label=note=${value}`)
          .set('content-type', 'application/yaml')
          .send(podYaml('labelled')),
      );
      expect(yaml.status).toBe(400);
      expect(yaml.body).toEqual({
        statusCode: 400,
        code: 'malformed-input',
        message: `label "note": value ${valueRule}`,
        details: [{ path: 'label', message: `"note": value ${valueRule}` }],
      });
    });

    it('row 26: the label key "a b" is 400', async () => {
      const res = await storesNothing(() =>
        server
          .http()
          .post('/v1/analyses')
          .send({ manifest: podYaml('labelled'), labels: { 'a b': 'x' } }),
      );
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        statusCode: 400,
        code: 'malformed-input',
        message: `labels: key "a b": ${keyRule}`,
        details: [{ path: 'labels', message: `key "a b": ${keyRule}` }],
      });
    });

    it('row 26: SQL in a label value and in the manifest is stored and read back verbatim', async () => {
      // `x'; DROP TABLE analyses;--` breaks the label rules, so the label carries SQL words in label syntax.
      const labels = { note: 'DROP_TABLE.analyses--OR-1-1', commit: 'x1' };
      const manifest =
        "# '); DELETE FROM analysis_workloads; --\n" +
        podYaml('sql').replace(
          '  namespace: e2e\n',
          `  namespace: e2e\n  annotations:\n    note: "x'; DROP TABLE analyses;--"\n`,
        );
      const created = await server.http().post('/v1/analyses').send({ manifest, labels }).expect(201);
      expect(created.body.labels).toEqual(labels);
      const read = await server.http().get(`/v1/analyses/${created.body.id}`).expect(200);
      expect(read.body.labels).toEqual(labels);
      const found = await server
        .http()
        .get('/v1/analyses')
        .query({ label: 'note=DROP_TABLE.analyses--OR-1-1' });
      expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([created.body.id]);
      const { rows } = await admin.query<{ content: string; labels: object }>(
        "SELECT manifest -> 'files' -> 0 ->> 'content' AS content, labels FROM analyses WHERE id = $1",
        [created.body.id],
      );
      expect(rows).toEqual([{ content: manifest, labels }]);
      expect((await analysisRowCounts(server.app!)).analyses).toBeGreaterThan(0);
    });
  });

  describe('row 27: Idempotency-Key', () => {
    const countByKey = async (key: string) =>
      Number(
        (await admin.query('SELECT count(*) AS n FROM analyses WHERE idempotency_key = $1', [key])).rows[0].n,
      );

    it('row 27: the same key twice returns the first analysis, replayed, and stores one row', async () => {
      const body = { manifest: podYaml('once'), labels: { run: '1' } };
      const first = await server
        .http()
        .post('/v1/analyses')
        .set('idempotency-key', 'key-once')
        .send(body)
        .expect(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const before = await analysisRowCounts(server.app!);
      const again = await server
        .http()
        .post('/v1/analyses')
        .set('idempotency-key', 'key-once')
        .send(body)
        .expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.headers.location).toBe(`/v1/analyses/${first.body.id}`);
      expect(again.body).toEqual(first.body);
      expect(await analysisRowCounts(server.app!)).toEqual(before);
      expect(await countByKey('key-once')).toBe(1);
    });

    it('row 27: the same key with a different body is 422 idempotency-key-reused', async () => {
      const first = await server
        .http()
        .post('/v1/analyses')
        .set('idempotency-key', 'key-reused')
        .send({ manifest: podYaml('first') })
        .expect(201);
      const res = await storesNothing(() =>
        server
          .http()
          .post('/v1/analyses')
          .set('idempotency-key', 'key-reused')
          .send({ manifest: podYaml('second') }),
      );
      expect(res.status).toBe(422);
      expect(res.body).toEqual({
        statusCode: 422,
        code: 'idempotency-key-reused',
        message: 'this Idempotency-Key was used for a different request; use a new key for a new request',
        details: [
          { path: 'Idempotency-Key', message: 'reused with a different body', analysisId: first.body.id },
        ],
      });
    });

    it('row 27: two concurrent requests with one key store one row; both get it (or one gets 409)', async () => {
      const body = { manifest: podYaml('concurrent') };
      const before = await analysisRowCounts(server.app!);
      const answers = await Promise.all(
        [0, 1].map(() =>
          server.http().post('/v1/analyses').set('idempotency-key', 'key-concurrent').send(body),
        ),
      );
      expect(await countByKey('key-concurrent')).toBe(1);
      expect(await analysisRowCounts(server.app!)).toEqual({
        analyses: before.analyses + 1,
        workloads: before.workloads + 1,
      });
      const statuses = answers.map((answer) => answer.status).sort();
      const created = answers.filter((answer) => answer.status === 201);
      if (statuses[1] === 409) {
        expect(statuses).toEqual([201, 409]);
        expect(answers.find((answer) => answer.status === 409)!.body).toEqual({
          statusCode: 409,
          code: 'idempotency-key-in-use',
          message: 'a request with this Idempotency-Key is in progress; retry',
          details: [],
        });
      } else {
        expect(statuses).toEqual([201, 201]);
        expect(created[1]!.body.id).toBe(created[0]!.body.id);
      }
    });
  });

  describe('row 28: If-Match', () => {
    it('row 28: two concurrent PUTs with the same If-Match: one 200, one 412 version-conflict, version + 1', async () => {
      await server.http().post('/v1/inventories').send({ name: 'contended' }).expect(201);
      const answers = await Promise.all(
        ['blue', 'green'].map((description) =>
          server.http().put('/v1/inventories/contended').set('if-match', '"1"').send({ description }),
        ),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 412]);
      const winner = answers.find((answer) => answer.status === 200)!;
      const loser = answers.find((answer) => answer.status === 412)!;
      expect(winner.headers.etag).toBe('"2"');
      expect(loser.body).toEqual({
        statusCode: 412,
        code: 'version-conflict',
        message: 'inventory "contended" is at version 2, not 1: it changed since you read it',
        details: [{ message: 'current version', version: 2 }],
      });
      const now = await server.http().get('/v1/inventories/contended').expect(200);
      expect(now.headers.etag).toBe('"2"');
      expect(now.body).toMatchObject({ version: 2, description: winner.body.description });
    });
  });
});
