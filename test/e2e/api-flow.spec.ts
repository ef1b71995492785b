// The pipeline's whole path through the real HTTP server on a fresh database, on PostgreSQL and on the
// embedded PGlite: create an inventory from `kubectl get -o json` output, POST a multi-document manifest,
// read the same numbers `podfit analyze` prints offline, see what changed, list history, restart, and
// find everything that got a 201 still there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { OK_FIXTURES, REPO_ROOT, runPodfit } from '../cli/podfit-binary';
import { analysisRowCounts, startTestApp, type TestApp } from './support/test-app';
import { createTestDatabase, type Backend, type TestDatabase } from './support/test-database';

jest.setTimeout(60_000);

const analysisSchema = JSON.parse(
  readFileSync(join(REPO_ROOT, 'schema/analysis.schema.json'), 'utf8'),
) as object;
const serverWorkloadsOf = (body: { workloads: Array<{ change: unknown }> }) =>
  body.workloads.map(({ change: _change, ...workload }) => workload);
const appYaml = readFileSync(join(OK_FIXTURES, 'app.yaml'), 'utf8');
const nodesJson = JSON.parse(readFileSync(join(OK_FIXTURES, 'nodes.json'), 'utf8')) as object;
const podsJson = JSON.parse(readFileSync(join(OK_FIXTURES, 'pods.json'), 'utf8')) as object;

describe.each<Backend>(['postgres', 'embedded'])('REST on %s', (backend) => {
  let database: TestDatabase;
  let server: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    server = await startTestApp(database);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('creates an inventory from kubectl output, with an ETag', async () => {
    const res = await server
      .http()
      .post('/v1/inventories')
      .send({ name: 'prod', description: 'production', nodes: nodesJson, pods: podsJson })
      .expect(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe('/v1/inventories/prod');
    expect(res.body).toMatchObject({ name: 'prod', description: 'production', version: 1, nodeCount: 6 });
    expect(res.body.podCount).toBeGreaterThan(0);
  });

  it('analyses a multi-document YAML manifest posted raw, as the CLI does offline', async () => {
    const res = await server
      .http()
      .post(
        '/v1/analyses?inventory=prod&label=pipeline=ci&label=commit=abc123&filename=app.yaml&include=nodes',
      )
      .set('content-type', 'application/yaml')
      .send(appYaml)
      .expect(201);
    expect(res.body).toMatchObject({
      apiVersion: 'podfit.dev/v1',
      kind: 'Analysis',
      inventory: { name: 'prod', version: 1 },
      labels: { pipeline: 'ci', commit: 'abc123' },
    });
    expect(res.body.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(res.headers.location).toBe(`/v1/analyses/${res.body.id}`);
    const web = res.body.workloads.find((w: { name: string }) => w.name === 'web');
    // Worked out by hand in test/cli/README.md.
    expect(web.pod.requests).toEqual({ cpu: '600m', memory: '704Mi' });
    expect(web.pod.qosClass).toBe('Burstable');
    expect(web.fit.feasibleNodes).toBe(3);
    expect(web.fit.totalNodes).toBe(6);
    expect(web.change).toBeNull();
    const reindex = res.body.workloads.find((w: { name: string }) => w.name === 'search-reindex');
    expect(reindex.fit.message).toBe(
      '0/6 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu, 2 node(s) had untolerated taint(s), 3 Insufficient memory.',
    );

    const validate = new Ajv({ allErrors: true }).compile(analysisSchema);
    const contract = {
      apiVersion: res.body.apiVersion,
      kind: res.body.kind,
      workloads: serverWorkloadsOf(res.body),
    };
    expect(validate(contract) ? [] : validate.errors).toEqual([]);

    const offline = runPodfit([
      'analyze',
      '-f',
      'app.yaml',
      '--nodes',
      'nodes.json',
      '--pods',
      'pods.json',
      '-o',
      'json',
      '--validate=warn',
    ]);
    const cliWorkloads = (JSON.parse(offline.stdout) as { workloads: object[] }).workloads;
    const serverWorkloads = res.body.workloads.map(
      ({ change: _change, ...workload }: { change: unknown }) => workload,
    );
    expect(serverWorkloads).toEqual(cliWorkloads);
  });

  it('stores a summary without per-node verdicts, and recomputes them on demand', async () => {
    const list = await server.http().get('/v1/analyses').expect(200);
    const id = list.body.items[0].id as string;
    const stored = await server.http().get(`/v1/analyses/${id}`).expect(200);
    const web = stored.body.workloads.find((w: { name: string }) => w.name === 'web');
    expect(web.fit.nodes).toBeUndefined();
    expect(web.fit.bestNodes.length).toBe(3);
    const full = await server.http().get(`/v1/analyses/${id}?include=nodes`).expect(200);
    const fullWeb = full.body.workloads.find((w: { name: string }) => w.name === 'web');
    expect(fullWeb.fit.nodes).toHaveLength(6);
    expect(
      fullWeb.fit.nodes
        .filter((n: { fits: boolean }) => n.fits)
        .map((n: { name: string }) => n.name)
        .sort(),
    ).toEqual(['worker-a', 'worker-b', 'worker-c']);
  });

  it('reports what changed since the previous analysis of the same workload', async () => {
    const changed = appYaml.replace('replicas: 3', 'replicas: 5');
    const res = await server
      .http()
      .post('/v1/analyses')
      .send({ manifest: changed, inventory: 'prod', labels: { pipeline: 'ci' } })
      .expect(201);
    const web = res.body.workloads.find((w: { name: string }) => w.name === 'web');
    expect(web.change).toMatchObject({ replicas: { from: 3, to: 5 }, summary: 'replicas 3 -> 5' });
    const validate = new Ajv({ allErrors: true }).compile(analysisSchema);
    const contract = { apiVersion: res.body.apiVersion, kind: res.body.kind, workloads: res.body.workloads };
    expect(validate(contract) ? [] : validate.errors).toEqual([]);
    const postgres = res.body.workloads.find((w: { name: string }) => w.name === 'postgres');
    expect(postgres.change).toMatchObject({ summary: 'no change', requests: {}, limits: {} });
  });

  it('lists analyses newest first, filtered and paginated', async () => {
    const page1 = await server.http().get('/v1/analyses?limit=1').expect(200);
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await server.http().get(`/v1/analyses?limit=1&cursor=${page1.body.nextCursor}`).expect(200);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
    expect(page2.body.items[0].createdAt <= page1.body.items[0].createdAt).toBe(true);
    expect(page2.body.nextCursor).toBeNull();
    const labelled = await server.http().get('/v1/analyses?label=commit=abc123').expect(200);
    expect(labelled.body.items).toHaveLength(1);
    const unschedulable = await server.http().get('/v1/analyses?schedulable=false&kind=Job').expect(200);
    expect(unschedulable.body.items).toHaveLength(2);
    expect(unschedulable.body.items[0].unschedulableCount).toBeGreaterThan(0);
    const byKind = await server.http().get('/v1/analyses?kind=deployments&namespace=storefront').expect(200);
    expect(byKind.body.items).toHaveLength(2);
    expect(byKind.body.items[0].workloadCount).toBe(7);
    const allFit = await server.http().get('/v1/analyses?schedulable=true').expect(200);
    expect(allFit.body.items).toEqual([]);
    const none = await server.http().get('/v1/analyses?namespace=nowhere').expect(200);
    expect(none.body).toEqual({ items: [], nextCursor: null });
  });

  it('shows a workload history for trend charts', async () => {
    const res = await server.http().get('/v1/workloads/deployment/storefront/web/history').expect(200);
    expect(res.body.kind).toBe('Deployment');
    expect(res.body.items.map((i: { replicas: number }) => i.replicas)).toEqual([5, 3]);
    expect(res.body.items[0]).toMatchObject({
      qosClass: 'Burstable',
      cpuMillis: 600,
      memoryBytes: 704 * 1024 * 1024,
      requests: { cpu: '600m', memory: '704Mi' },
      feasibleNodes: 3,
      totalNodes: 6,
      isSchedulable: true,
      inventory: { name: 'prod', version: 1 },
    });
    expect(res.body.items[0].change.summary).toBe('replicas 3 -> 5');
    expect(res.body.items[1].change).toBeNull();
  });

  it('keeps everything that got a 201 across a restart', async () => {
    const before = await server.http().get('/v1/analyses').expect(200);
    const rowsBefore = server.app === null ? null : await analysisRowCounts(server.app);
    await server.close();
    server = await startTestApp(database);
    const after = await server.http().get('/v1/analyses').expect(200);
    expect(after.body.items).toHaveLength(2);
    expect(after.body).toEqual(before.body);
    if (rowsBefore !== null) expect(await analysisRowCounts(server.app!)).toEqual(rowsBefore);
    const inventory = await server.http().get('/v1/inventories/prod').expect(200);
    expect(inventory.body.version).toBe(1);
  });
});
