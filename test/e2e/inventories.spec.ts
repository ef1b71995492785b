// Inventories over REST on PostgreSQL: create, read, replace, patch and delete with versions as ETags;
// nodes and pods imported from `kubectl get -o json|yaml` exactly as kubectl prints them; each node's
// "Allocated resources" as `kubectl describe node` shows them; and analyses that keep the inventory version
// they ran against.
import { dump } from 'js-yaml';
import { fixtureText, nodeList, podYaml } from './support/fixtures';
import { startTestApp, type TestApp } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-database';

jest.setTimeout(30_000);

const nodesText = fixtureText('ok/nodes.json');
const podsText = fixtureText('ok/pods.json');
const nodes = JSON.parse(nodesText) as { items: Array<{ metadata: { labels: Record<string, string> } }> };
const pods = JSON.parse(podsText) as object;
const ISO_TIME = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

// ok/pods.json holds 12 pods: one is not bound (search-reindex-manual), one is bound to a node the
// inventory lacks (web-old on gone-1) and one has Succeeded (report): 9 count.
const FIXTURE_POD_COUNT = 9;

/** An inventory as the API returns it. */
function inventory(name: string, version: number, nodeCount: number, podCount: number, description = '') {
  return { name, description, version, nodeCount, podCount, createdAt: ISO_TIME, updatedAt: ISO_TIME };
}

function resource(
  name: string,
  allocatable: string,
  requests: string,
  limits: string,
  free: string,
  [requestsPercent, limitsPercent]: [number, number],
) {
  return { resource: name, allocatable, requests, limits, free, requestsPercent, limitsPercent };
}

describe('inventories over REST', () => {
  let database: TestDatabase;
  let server: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    server = await startTestApp(database);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  describe('create, read, replace, patch, delete', () => {
    it('creates an inventory: 201 with ETag "1" and Location', async () => {
      const res = await server
        .http()
        .post('/v1/inventories')
        .send({ name: 'prod', description: 'production', nodes, pods })
        .expect(201);
      expect(res.headers.etag).toBe('"1"');
      expect(res.headers.location).toBe('/v1/inventories/prod');
      expect(res.body).toEqual(inventory('prod', 1, 6, FIXTURE_POD_COUNT, 'production'));
    });

    it('refuses a second inventory of the same name: 409 inventory-exists', async () => {
      const res = await server.http().post('/v1/inventories').send({ name: 'prod' }).expect(409);
      expect(res.body).toEqual({
        statusCode: 409,
        code: 'inventory-exists',
        message: 'inventory "prod" already exists',
        details: [{ path: 'name', message: 'already exists' }],
      });
    });

    it.each([
      ['upper case and underscore', 'Prod_1'],
      ['a space', 'a b'],
      ['a trailing dash', 'prod-'],
    ])('refuses a name with %s: 400 naming `name`', async (_what, name) => {
      const res = await server.http().post('/v1/inventories').send({ name }).expect(400);
      const message = 'must be a lowercase DNS subdomain of at most 253 characters (a-z, 0-9, "-", ".")';
      expect(res.body).toEqual({
        statusCode: 400,
        code: 'malformed-input',
        message: `name ${message}`,
        details: [{ path: 'name', message }],
      });
    });

    it('refuses a body without a name: 400 naming `name`', async () => {
      const res = await server.http().post('/v1/inventories').send({ description: 'x' }).expect(400);
      const messages = [
        'must be a lowercase DNS subdomain of at most 253 characters (a-z, 0-9, "-", ".")',
        'must be a string',
      ];
      expect(res.body).toEqual({
        statusCode: 400,
        code: 'malformed-input',
        message: messages.map((message) => `name ${message}`).join('; '),
        details: messages.map((message) => ({ path: 'name', message })),
      });
    });

    it('reads one inventory with its ETag, and lists them by name', async () => {
      await server.http().post('/v1/inventories').send({ name: 'edge' }).expect(201);
      const one = await server.http().get('/v1/inventories/prod').expect(200);
      expect(one.headers.etag).toBe('"1"');
      expect(one.body).toEqual(inventory('prod', 1, 6, FIXTURE_POD_COUNT, 'production'));
      const list = await server.http().get('/v1/inventories').expect(200);
      expect(list.body).toEqual({
        items: [inventory('edge', 1, 0, 0), inventory('prod', 1, 6, FIXTURE_POD_COUNT, 'production')],
      });
      const missing = await server.http().get('/v1/inventories/nowhere').expect(404);
      expect(missing.body).toEqual({
        statusCode: 404,
        code: 'inventory-not-found',
        message: 'inventory "nowhere" not found',
        details: [],
      });
    });

    it('PUT replaces an existing inventory (200) and bumps its version; what it leaves out becomes empty', async () => {
      const res = await server
        .http()
        .put('/v1/inventories/edge')
        .send({ description: 'edge sites', nodes })
        .expect(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toEqual(inventory('edge', 2, 6, 0, 'edge sites'));
      const again = await server
        .http()
        .put('/v1/inventories/edge')
        .send({ description: 'empty' })
        .expect(200);
      expect(again.headers.etag).toBe('"3"');
      expect(again.body).toEqual(inventory('edge', 3, 0, 0, 'empty'));
    });

    it('PUT creates a missing inventory: 201 with ETag "1" and Location', async () => {
      const res = await server.http().put('/v1/inventories/lab').send({ description: 'lab', nodes, pods });
      expect({ status: res.status, etag: res.headers.etag, location: res.headers.location }).toEqual({
        status: 201,
        etag: '"1"',
        location: '/v1/inventories/lab',
      });
      expect(res.body).toEqual(inventory('lab', 1, 6, FIXTURE_POD_COUNT, 'lab'));
    });

    it('PATCH of the description alone bumps the version and keeps nodes and pods', async () => {
      const before = await server.http().get('/v1/inventories/prod/nodes').expect(200);
      const res = await server
        .http()
        .patch('/v1/inventories/prod')
        .send({ description: 'production, eu-west-1' })
        .expect(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toEqual(inventory('prod', 2, 6, FIXTURE_POD_COUNT, 'production, eu-west-1'));
      const after = await server.http().get('/v1/inventories/prod/nodes').expect(200);
      expect(after.body).toEqual(before.body);
    });

    it('PUT /nodes and /pods take the exact text of `kubectl get nodes -o json` and `kubectl get pods -A -o json`', async () => {
      await server.http().post('/v1/inventories').send({ name: 'imported' }).expect(201);
      const withNodes = await server
        .http()
        .put('/v1/inventories/imported/nodes')
        .set('content-type', 'application/json')
        .send(nodesText)
        .expect(200);
      expect(withNodes.headers.etag).toBe('"2"');
      expect(withNodes.body).toEqual(inventory('imported', 2, 6, 0));
      const withPods = await server
        .http()
        .put('/v1/inventories/imported/pods')
        .set('content-type', 'application/json')
        .send(podsText)
        .expect(200);
      expect(withPods.headers.etag).toBe('"3"');
      expect(withPods.body).toEqual(inventory('imported', 3, 6, FIXTURE_POD_COUNT));
      const imported = await server.http().get('/v1/inventories/imported/nodes').expect(200);
      const created = await server.http().get('/v1/inventories/prod/nodes').expect(200);
      expect(imported.body).toEqual(created.body);
    });

    it('PUT /nodes and /pods take the same lists as application/yaml (`kubectl get -o yaml`)', async () => {
      await server.http().post('/v1/inventories').send({ name: 'from-yaml' }).expect(201);
      await server
        .http()
        .put('/v1/inventories/from-yaml/nodes')
        .set('content-type', 'application/yaml')
        .send(dump(nodes))
        .expect(200);
      const res = await server
        .http()
        .put('/v1/inventories/from-yaml/pods')
        .set('content-type', 'application/yaml')
        .send(dump(pods))
        .expect(200);
      expect(res.body).toEqual(inventory('from-yaml', 3, 6, FIXTURE_POD_COUNT));
      const fromYaml = await server.http().get('/v1/inventories/from-yaml/nodes').expect(200);
      const fromJson = await server.http().get('/v1/inventories/prod/nodes').expect(200);
      expect(fromYaml.body).toEqual(fromJson.body);
    });

    it('PUT /nodes on an unknown inventory is 404 inventory-not-found', async () => {
      const res = await server
        .http()
        .put('/v1/inventories/nowhere/nodes')
        .set('content-type', 'application/json')
        .send(nodesText)
        .expect(404);
      expect(res.body).toEqual({
        statusCode: 404,
        code: 'inventory-not-found',
        message: 'inventory "nowhere" not found',
        details: [],
      });
    });

    it('DELETE answers 204, then the inventory is gone (404), and a second DELETE is 404 too', async () => {
      const res = await server.http().delete('/v1/inventories/imported').expect(204);
      expect(res.text).toBe('');
      const gone = {
        statusCode: 404,
        code: 'inventory-not-found',
        message: 'inventory "imported" not found',
        details: [],
      };
      expect((await server.http().get('/v1/inventories/imported').expect(404)).body).toEqual(gone);
      expect((await server.http().delete('/v1/inventories/imported').expect(404)).body).toEqual(gone);
    });
  });

  describe('GET /v1/inventories/{name}/nodes, as `kubectl describe node` shows "Allocated resources"', () => {
    const labelsOf = (index: number) => nodes.items[index]!.metadata.labels;

    it('sums the requests and limits of each node’s non-terminated pods, percentages truncated', async () => {
      const res = await server.http().get('/v1/inventories/prod/nodes').expect(200);
      expect(res.body.items.map((node: { name: string }) => node.name)).toEqual([
        'cp-1',
        'worker-a',
        'worker-b',
        'worker-c',
        'worker-d',
        'gpu-1',
      ]);
      // etcd 100m/100Mi, kube-apiserver 250m, kube-controller-manager 200m, kube-scheduler 100m:
      // 650m of 2 is 32.5% -> 32; 100Mi (102400Ki) of 7923024Ki is 1.29% -> 1.
      expect(res.body.items[0]).toEqual({
        name: 'cp-1',
        unschedulable: false,
        labels: labelsOf(0),
        podCount: 4,
        allocatablePods: '110',
        resources: [
          resource('cpu', '2', '650m', '0', '1350m', [32, 0]),
          resource('memory', '7923024Ki', '100Mi', '0', '7820624Ki', [1, 0]),
          resource('ephemeral-storage', '74747430945', '0', '0', '74747430945', [0, 0]),
          resource('hugepages-1Gi', '0', '0', '0', '0', [0, 0]),
          resource('hugepages-2Mi', '0', '0', '0', '0', [0, 0]),
        ],
      });
      // coredns 100m/70Mi (limit 170Mi) + payments-api 3/8Gi (limit 8Gi): cpu 3100m of 3920m is 79.08%;
      // memory 8262Mi = 8460288Ki of 15242268Ki is 55.5%, limits 8362Mi = 8562688Ki is 56.2%.
      expect(res.body.items[1]).toEqual({
        name: 'worker-a',
        unschedulable: false,
        labels: labelsOf(1),
        podCount: 2,
        allocatablePods: '110',
        resources: [
          resource('cpu', '3920m', '3100m', '0', '820m', [79, 0]),
          resource('memory', '15242268Ki', '8262Mi', '8362Mi', '6781980Ki', [55, 56]),
          resource('ephemeral-storage', '93478772582', '0', '0', '93478772582', [0, 0]),
          resource('hugepages-1Gi', '0', '0', '0', '0', [0, 0]),
          resource('hugepages-2Mi', '0', '0', '0', '0', [0, 0]),
        ],
      });
      // The Succeeded `report` pod (2 cpu, 4Gi) does not count: coredns + search = 1600m of 3920m is 40.8%;
      // 70Mi + 2Gi = 2118Mi = 2168832Ki of 15242268Ki is 14.2%, limits 2218Mi = 2271232Ki is 14.9%.
      expect(res.body.items[2]).toMatchObject({ name: 'worker-b', podCount: 2 });
      expect(res.body.items[2].resources.slice(0, 2)).toEqual([
        resource('cpu', '3920m', '1600m', '0', '2320m', [40, 0]),
        resource('memory', '15242268Ki', '2118Mi', '2218Mi', '13073436Ki', [14, 14]),
      ]);
      // worker-c reports no allocatable: its capacity counts. node-exporter 50m of 2 is 2.5% -> 2; 30Mi
      // (30720Ki) of 4032892Ki is 0.76% -> 0.
      expect(res.body.items[3]).toEqual({
        name: 'worker-c',
        unschedulable: false,
        labels: labelsOf(3),
        podCount: 1,
        allocatablePods: '110',
        resources: [
          resource('cpu', '2', '50m', '0', '1950m', [2, 0]),
          resource('memory', '4032892Ki', '30Mi', '0', '4002172Ki', [0, 0]),
          resource('ephemeral-storage', '40581564Ki', '0', '0', '40581564Ki', [0, 0]),
          resource('hugepages-1Gi', '0', '0', '0', '0', [0, 0]),
          resource('hugepages-2Mi', '0', '0', '0', '0', [0, 0]),
        ],
      });
      expect(res.body.items[4]).toMatchObject({ name: 'worker-d', unschedulable: true, podCount: 0 });
    });

    it.each([
      ['topology.kubernetes.io/zone=eu-west-1c', ['worker-c', 'worker-d']],
      ['topology.kubernetes.io/zone in (eu-west-1a,eu-west-1b)', ['cp-1', 'worker-a', 'worker-b', 'gpu-1']],
      ['node-role.kubernetes.io/control-plane', ['cp-1']],
      [
        '!node-role.kubernetes.io/control-plane,topology.kubernetes.io/zone=eu-west-1a',
        ['worker-a', 'gpu-1'],
      ],
      ['nvidia.com/gpu.present=true,node.kubernetes.io/instance-type!=m6i.xlarge', ['gpu-1']],
      ['kubernetes.io/hostname=nowhere', []],
    ])('filters with ?labelSelector=%s', async (selector, names) => {
      const res = await server
        .http()
        .get('/v1/inventories/prod/nodes')
        .query({ labelSelector: selector })
        .expect(200);
      expect(res.body.items.map((node: { name: string }) => node.name)).toEqual(names);
    });

    it.each([
      ['a b=c', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
      ['x===y', "unable to parse requirement: found '=', expected: identifier"],
    ])('refuses the bad selector %j: 400 naming labelSelector', async (selector, message) => {
      const res = await server
        .http()
        .get('/v1/inventories/prod/nodes')
        .query({ labelSelector: selector })
        .expect(400);
      expect(res.body).toEqual({
        statusCode: 400,
        code: 'malformed-input',
        message: `labelSelector: ${message}`,
        details: [{ path: 'labelSelector', message }],
      });
    });
  });

  describe('analyses keep the inventory version they ran against', () => {
    const version1 = nodeList([
      { name: 'small', cpu: '500m', memory: '4Gi' },
      { name: 'big-a', cpu: '4', memory: '8Gi' },
      { name: 'big-b', cpu: '4', memory: '8Gi' },
    ]);
    const version2 = nodeList([{ name: 'other', cpu: '8', memory: '32Gi' }]);
    const manifest = podYaml('api', '1', '1Gi');
    const verdicts = (body: {
      workloads: Array<{ fit: { nodes: Array<{ name: string; fits: boolean }> } }>;
    }) => body.workloads[0]!.fit.nodes.map((node) => [node.name, node.fits]).sort();

    it('recomputes per-node verdicts from version 1 after the inventory moved to version 2', async () => {
      await server.http().post('/v1/inventories').send({ name: 'moving', nodes: version1 }).expect(201);
      const analysis = await server
        .http()
        .post('/v1/analyses?include=nodes')
        .send({ manifest, inventory: 'moving' })
        .expect(201);
      expect(analysis.body.inventory).toEqual({ name: 'moving', version: 1 });
      const expected = [
        ['big-a', true],
        ['big-b', true],
        ['small', false],
      ];
      expect(verdicts(analysis.body)).toEqual(expected);

      await server
        .http()
        .put('/v1/inventories/moving/nodes')
        .set('if-match', '"1"')
        .send(version2)
        .expect(200);
      const later = await server.http().get(`/v1/analyses/${analysis.body.id}?include=nodes`).expect(200);
      expect(later.body.inventory).toEqual({ name: 'moving', version: 1 });
      expect(later.body.workloads[0].fit).toMatchObject({ feasibleNodes: 2, totalNodes: 3 });
      expect(verdicts(later.body)).toEqual(expected);

      const now = await server
        .http()
        .post('/v1/analyses?include=nodes')
        .send({ manifest, inventory: 'moving' })
        .expect(201);
      expect(now.body.inventory).toEqual({ name: 'moving', version: 2 });
      expect(verdicts(now.body)).toEqual([['other', true]]);
    });
  });
});
