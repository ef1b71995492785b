// Input at the edges the review found answered with 500: concurrent `If-Match: *`, names the create path did
// not check, long path segments, forged cursors, dates the validator took but Date could not read, and values
// a column cannot hold. Each is a 4xx with the error body now, and nothing partial is stored.
import { randomUUID } from 'node:crypto';
import { nodeList, podYaml } from './support/fixtures';
import { analysisRowCounts, startTestApp, type TestApp } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-database';

jest.setTimeout(60_000);

describe('edge input', () => {
  let database: TestDatabase;
  let server: TestApp;
  const nodes = nodeList([{ name: 'node-a', cpu: '4', memory: '8Gi' }]);

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    server = await startTestApp(database);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('six concurrent PUTs with If-Match: * : each is 200 or 412, and the version counts the 200s', async () => {
    await server.http().post('/v1/inventories').send({ name: 'star', nodes }).expect(201);
    const answers = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((i) =>
        server
          .http()
          .put('/v1/inventories/star')
          .set('if-match', '*')
          .send({ description: `d${i}`, nodes }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status !== 200 && status !== 412)).toEqual([]);
    const ok = statuses.filter((status) => status === 200).length;
    expect(ok).toBeGreaterThan(0);
    for (const answer of answers.filter((a) => a.status === 412))
      expect(answer.body.code).toBe('version-conflict');
    const now = await server.http().get('/v1/inventories/star').expect(200);
    expect(now.body.version).toBe(1 + ok);
  });

  it('PUT does not create an inventory whose name is not a DNS subdomain', async () => {
    const res = await server.http().put('/v1/inventories/Not_A_DNS_Name').send({ nodes }).expect(400);
    expect(res.body).toMatchObject({ code: 'malformed-input', details: [{ path: 'name' }] });
    await server.http().get('/v1/inventories/Not_A_DNS_Name').expect(404);
  });

  it('serves an inventory whose name is longer than 100 characters (Fastify limits path segments)', async () => {
    const name = `long-${'a'.repeat(150)}`;
    await server.http().post('/v1/inventories').send({ name, nodes }).expect(201);
    const res = await server.http().get(`/v1/inventories/${name}`).expect(200);
    expect(res.body.name).toBe(name);
  });

  it.each([
    ['analyses', '/v1/analyses?cursor=', 'not-an-id'],
    ['workload history', '/v1/workloads/pod/e2e/web/history?cursor=', 'not-an-id'],
    ['analyses, a history row id', '/v1/analyses?cursor=', '123'],
    ['workload history, an analysis id', '/v1/workloads/pod/e2e/web/history?cursor=', randomUUID()],
    ['workload history, past int64', '/v1/workloads/pod/e2e/web/history?cursor=', '9223372036854775808'],
  ])('answers a forged cursor (%s) with 400', async (_what, path, id) => {
    const forged = Buffer.from(`2026-01-01T00:00:00.000Z|${id}`).toString('base64url');
    const res = await server.http().get(`${path}${forged}`).expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      code: 'malformed-input',
      message: 'cursor: not a cursor this API returned',
      details: [{ path: 'cursor', message: 'invalid cursor' }],
    });
  });

  it('answers a GraphQL workloadHistory given an analyses cursor with malformed-input, not internal', async () => {
    await server
      .http()
      .post('/v1/analyses')
      .send({ manifest: podYaml('cursor-mix') })
      .expect(201);
    const page = await server
      .http()
      .post('/graphql')
      .send({ query: '{ analyses(first: 1) { edges { cursor } } }' })
      .expect(200);
    const after = page.body.data.analyses.edges[0].cursor as string;
    const res = await server
      .http()
      .post('/graphql')
      .send({
        query:
          'query($after: String) { workloadHistory(kind: "pod", namespace: "e2e", name: "cursor-mix", after: $after) { nextCursor } }',
        variables: { after },
      })
      .expect(200);
    expect(res.body.errors.map((error: { extensions: object }) => error.extensions)).toEqual([
      { code: 'malformed-input', details: [{ path: 'cursor', message: 'invalid cursor' }] },
    ]);
  });

  it('answers ISO 8601 forms that are not RFC 3339 dates with 400', async () => {
    for (const since of ['2020-W01-1', '2020-123']) {
      const res = await server.http().get(`/v1/analyses?since=${since}`).expect(400);
      expect(res.body.code).toBe('malformed-input');
    }
    await server.http().get('/v1/analyses?since=2026-11-24T00:00:00Z').expect(200);
  });

  it('answers values a column cannot hold with 400, storing nothing', async () => {
    const before = await analysisRowCounts(server.app!);
    const nul = await server
      .http()
      .post('/v1/analyses')
      .send({ files: [{ name: 'a\u0000b.yaml', content: podYaml('web') }] });
    expect(nul.status).toBe(400);
    expect(nul.body.code).toBe('malformed-input');
    expect(await analysisRowCounts(server.app!)).toEqual(before);

    const longNode = nodeList([{ name: `n${'x'.repeat(299)}`, cpu: '1', memory: '1Gi' }]);
    const res = await server.http().post('/v1/inventories').send({ name: 'too-long-node', nodes: longNode });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('malformed-input');
    await server.http().get('/v1/inventories/too-long-node').expect(404);
  });
});
