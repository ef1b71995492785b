// Capacity reports over REST, through the real HTTP server on a fresh PostgreSQL database: each of the four
// kinds posted, stored, read back, listed, and served as HTML and CSV, its report exactly what `podfit
// capacity … -o json` prints offline for the same files; dry runs store nothing; every rejection is a whole
// error body, never a 500, and stores nothing; a read token cannot post; a plan of 100,000 replicas answers
// within one request.
//
// Inventory `shop` is test/fixtures/ok/capacity: nodes.json (node-1, node-2 in zone-a, node-3 in zone-b; 4
// cpu, 8Gi, 110 pods each) with pods.json (one pod of 2 cpu and 1Gi on node-1). Counts worked out by hand:
// - max replicas of capacity/app.yaml, each workload alone: deployment/web (1500m) fits once on node-1 (2 cpu
//   left) and twice on node-2 and node-3: 5, limited by cpu; deployment/cache (required anti-affinity on
//   hostname) once per node: 3; daemonset/log-agent (200m) on all 3 nodes. Every workload places what it
//   must: fits.
// - plan of capacity-api/grow.yaml (deployment/api, 8 replicas of 1500m): the same 1 + 2 + 2 = 5 fit, then
//   "0/3 nodes are available: 3 Insufficient cpu.": does not fit. Cluster cpu requested 2 -> 9500m of 12.
// - scale-out of grow.yaml with capacity-api/templates.yaml: 3 replicas are missing; `small` (4 cpu, 0.19/h)
//   takes 2 each, so 2 nodes (0.38/h); `large` (8 cpu, 0.40/h) takes 5, so 1 node (0.40/h). Both priced:
//   the cheaper, `small`, is recommended; the plan then places 3 on 5 nodes.
// - headroom grouped by topology.kubernetes.io/zone, reference pod cpu 1 and 1Gi: node-1 has 2 cpu free (2
//   pods), node-2 and node-3 4 each: zone-a 2 + 4 = 6, zone-b 4, total 10.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Client } from 'pg';
import { renderCsv } from '@podfit/reports';
import { type CapacityReport } from '@podfit/scheduling';
import { createToken } from '../../apps/api/src/tokens/api-tokens';
import { OK_FIXTURES, runPodfit } from '../cli/podfit-binary';
import { nodeList, podYaml } from './support/fixtures';
import { countQueries } from './support/query-counter';
import { startTestApp, type TestApp } from './support/test-app';
import { connectTo, createTestDatabase, type TestDatabase } from './support/test-database';

jest.setTimeout(120_000);

const CAPACITY = join(OK_FIXTURES, 'capacity');
const CAPACITY_API = join(OK_FIXTURES, 'capacity-api');
const appYaml = readFileSync(join(CAPACITY, 'app.yaml'), 'utf8');
const growYaml = readFileSync(join(CAPACITY_API, 'grow.yaml'), 'utf8');
const templatesYaml = readFileSync(join(CAPACITY_API, 'templates.yaml'), 'utf8');
const nodesJson = JSON.parse(readFileSync(join(CAPACITY, 'nodes.json'), 'utf8')) as object;
const podsJson = JSON.parse(readFileSync(join(CAPACITY, 'pods.json'), 'utf8')) as object;

const REPORT_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
const CPU_STOP = '0/3 nodes are available: 3 Insufficient cpu.';
const ZONE = 'topology.kubernetes.io/zone';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ON_SHOP = ['--nodes', '../capacity/nodes.json', '--pods', '../capacity/pods.json'];

type Kind = CapacityReport['kind'];

interface KindCase {
  readonly kind: Kind;
  readonly path: string;
  readonly body: object;
  /** `podfit capacity …` arguments in test/fixtures/ok/capacity-api, before `-o json`. */
  readonly cli: readonly string[];
  /** The summary's fits and workloads, worked out by hand (header). */
  readonly fits: boolean | null;
  readonly workloads: number;
  /** The numbers of the header, checked on the report. */
  readonly check: (report: never) => void;
  /** The CSV header row, as libs/reports/src/csv.ts documents it. */
  readonly csvHeader: RegExp;
}

interface MaxReport {
  workloads: Array<{
    name: string;
    maxReplicas: number;
    perNode: object;
    limitedBy: string[];
    stopMessage: string | null;
  }>;
}
interface PlanReport {
  fits: boolean;
  workloads: Array<{
    name: string;
    wanted: number;
    placed: number;
    fits: boolean;
    perNode: object;
    limitedBy: string[];
    stopMessage: string | null;
  }>;
  nodes: Array<{ name: string; template: string | null }>;
  cluster: {
    before: Array<{ resource: string; requested: string; allocatable: string }>;
    after: Array<{ resource: string; requested: string; allocatable: string }>;
  };
}
interface ScaleOutReport {
  fitsAsIs: boolean;
  recommended: string | null;
  options: Array<{ template: string; nodesToAdd: number | null }>;
  plan: PlanReport;
}
interface HeadroomReport {
  groupBy: string | null;
  groups: Array<{ group: string | null; nodes: number; referencePods: number | null }>;
  total: { nodes: number; referencePods: number | null };
  nodes: Array<{ name: string; group: string | null; referencePods: number | null }>;
}

const cpuOf = (rows: PlanReport['cluster']['before']) => rows.find((row) => row.resource === 'cpu');

const CASES: readonly KindCase[] = [
  {
    kind: 'MaxReplicas',
    path: '/v1/capacity/max-replicas',
    body: { manifest: appYaml, inventory: 'shop', filename: '../capacity/app.yaml' },
    cli: ['max', '-f', '../capacity/app.yaml', ...ON_SHOP],
    fits: true,
    workloads: 3,
    check: (report: MaxReport) => {
      expect(
        report.workloads.map(({ name, maxReplicas, perNode, limitedBy, stopMessage }) => ({
          name,
          maxReplicas,
          perNode,
          limitedBy,
          stopMessage,
        })),
      ).toEqual([
        {
          name: 'web',
          maxReplicas: 5,
          perNode: { 'node-1': 1, 'node-2': 2, 'node-3': 2 },
          limitedBy: ['cpu'],
          stopMessage: CPU_STOP,
        },
        expect.objectContaining({ name: 'cache', maxReplicas: 3 }),
        expect.objectContaining({ name: 'log-agent', maxReplicas: 3, stopMessage: null }),
      ]);
    },
    csvHeader: /^namespace,kind,name,node,replicas\r\n/,
  },
  {
    kind: 'CapacityPlan',
    path: '/v1/capacity/plans',
    body: { manifest: growYaml, inventory: 'shop', filename: 'grow.yaml' },
    cli: ['plan', '-f', 'grow.yaml', ...ON_SHOP],
    fits: false,
    workloads: 1,
    check: (report: PlanReport) => {
      expect(report.fits).toBe(false);
      expect(report.workloads).toEqual([
        expect.objectContaining({
          name: 'api',
          wanted: 8,
          placed: 5,
          fits: false,
          perNode: { 'node-1': 1, 'node-2': 2, 'node-3': 2 },
          limitedBy: ['cpu'],
          stopMessage: CPU_STOP,
        }),
      ]);
      expect(cpuOf(report.cluster.before)).toMatchObject({ allocatable: '12', requested: '2' });
      expect(cpuOf(report.cluster.after)).toMatchObject({ allocatable: '12', requested: '9500m' });
    },
    csvHeader:
      /^node,template,placed,cpu allocatable,cpu requested before,cpu requested after,cpu percent after,/,
  },
  {
    kind: 'ScaleOut',
    path: '/v1/capacity/scale-outs',
    body: { manifest: growYaml, templates: templatesYaml, inventory: 'shop', filename: 'grow.yaml' },
    cli: ['scale-out', '-f', 'grow.yaml', '--templates', 'templates.yaml', ...ON_SHOP],
    fits: true,
    workloads: 1,
    check: (report: ScaleOutReport) => {
      expect(report.fitsAsIs).toBe(false);
      expect(report.options.map(({ template, nodesToAdd }) => [template, nodesToAdd])).toEqual([
        ['small', 2],
        ['large', 1],
      ]);
      expect(report.recommended).toBe('small');
      expect(report.plan.fits).toBe(true);
      expect(report.plan.nodes.map((node) => node.template)).toEqual([null, null, null, 'small', 'small']);
    },
    csvHeader: /^node,template,placed,cpu allocatable,/,
  },
  {
    kind: 'Headroom',
    path: '/v1/capacity/headroom',
    body: { inventory: 'shop', groupBy: ZONE, requests: { cpu: '1', memory: '1Gi' } },
    cli: ['headroom', ...ON_SHOP, '--group-by', ZONE, '--requests', 'cpu=1,memory=1Gi'],
    fits: null,
    workloads: 0,
    check: (report: HeadroomReport) => {
      expect(report.groupBy).toBe(ZONE);
      expect(report.nodes.map(({ name, group, referencePods }) => [name, group, referencePods])).toEqual([
        ['node-1', 'zone-a', 2],
        ['node-2', 'zone-a', 4],
        ['node-3', 'zone-b', 4],
      ]);
      expect(report.groups.map(({ group, nodes, referencePods }) => [group, nodes, referencePods])).toEqual([
        ['zone-a', 2, 6],
        ['zone-b', 1, 4],
      ]);
      expect(report.total).toMatchObject({ nodes: 3, referencePods: 10 });
    },
    csvHeader: /^node,group,unschedulable,referencePods,cpu allocatable,cpu requested,cpu free,cpu percent,/,
  },
];

/** What `podfit capacity … -o json` prints offline, as its text. */
function offline(args: readonly string[]): string {
  const run = runPodfit(['capacity', ...args, '-o', 'json'], { cwd: CAPACITY_API });
  // Exit code 1 reports findings (a workload that does not fit), and the report is still printed.
  if (run.code !== 0 && run.code !== 1) {
    throw new Error(`podfit capacity ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  }
  return run.stdout;
}

describe('capacity reports over REST on PostgreSQL', () => {
  let database: TestDatabase;
  let server: TestApp;
  let client: Client;
  /** The stored report of each kind, as its POST answered it. */
  const posted = new Map<Kind, { id: string; body: Record<string, unknown> }>();

  const reportCount = async () =>
    Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM capacity_reports')).rows[0]!.n);

  /** Runs `send` and checks that it stored no report. */
  async function storesNothing<T>(send: () => PromiseLike<T>): Promise<T> {
    const before = await reportCount();
    const result = await send();
    expect(await reportCount()).toBe(before);
    return result;
  }

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    server = await startTestApp(database);
    client = await connectTo(database);
    await server
      .http()
      .post('/v1/inventories')
      .send({ name: 'shop', nodes: nodesJson, pods: podsJson })
      .expect(201);
  });
  afterAll(async () => {
    await client?.end();
    await server?.close();
    await database?.drop();
  });

  describe.each(CASES)('$kind', (c) => {
    it('stores the report (201, Location) with the numbers worked out by hand', async () => {
      const before = await reportCount();
      const res = await server.http().post(c.path).send(c.body);
      expect(res.status).toBe(201);
      expect(await reportCount()).toBe(before + 1);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        kind: c.kind,
        createdAt: expect.any(String),
        createdBy: null,
        inventory: { name: 'shop', version: 1 },
        report: expect.objectContaining({ apiVersion: 'podfit.dev/v1', kind: c.kind }),
      });
      expect(Math.abs(Date.parse(res.body.createdAt) - Date.now())).toBeLessThan(60_000);
      expect(res.headers.location).toBe(`/v1/capacity/reports/${res.body.id}`);
      posted.set(c.kind, { id: res.body.id, body: res.body });
      (c.check as (report: unknown) => void)(res.body.report);
    });

    it('reads it back by id as it was answered', async () => {
      const { id, body } = posted.get(c.kind)!;
      const res = await server.http().get(`/v1/capacity/reports/${id}`).expect(200);
      expect(res.body).toEqual(body);
    });

    it('stores exactly what `podfit capacity … -o json` prints offline, keys in the same order', async () => {
      const { id, body } = posted.get(c.kind)!;
      const cli = offline(c.cli);
      expect(body.report).toEqual(JSON.parse(cli));
      // The report column keeps the text as written: `perNode` and every object read back in the CLI's order.
      const stored = await server.http().get(`/v1/capacity/reports/${id}`).expect(200);
      expect(JSON.stringify(stored.body.report)).toBe(JSON.stringify(JSON.parse(cli)));
    });

    it('serves it as one HTML page with SVG charts, under the report page CSP', async () => {
      const { id } = posted.get(c.kind)!;
      const res = await server.http().get(`/v1/capacity/reports/${id}.html`).expect(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(REPORT_PAGE_CSP);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.text).toMatch(/^<!DOCTYPE html>/i);
      expect(res.text).toContain('<svg');
      expect(res.text).toContain(`${c.kind} ${id}`);
      expect(res.text).not.toMatch(/<script/i);
    });

    it('serves it as CSV to download, per-node rows under a header row', async () => {
      const { id, body } = posted.get(c.kind)!;
      const res = await server.http().get(`/v1/capacity/reports/${id}.csv`).buffer(true).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${c.kind}-${id}.csv"`);
      expect(res.text).toMatch(c.csvHeader);
      expect(res.text).toBe(renderCsv(body.report as CapacityReport));
    });

    it('computes without storing on ?dryRun=true (200, no id, no Location)', async () => {
      const res = await storesNothing(() => server.http().post(`${c.path}?dryRun=true`).send(c.body));
      expect(res.status).toBe(200);
      expect(res.headers.location).toBeUndefined();
      expect(res.body).toEqual({
        ...posted.get(c.kind)!.body,
        id: null,
        createdAt: expect.any(String),
      });
    });
  });

  it('writes the max-replicas CSV one row per workload and node', async () => {
    const { id } = posted.get('MaxReplicas')!;
    const res = await server.http().get(`/v1/capacity/reports/${id}.csv`).buffer(true).expect(200);
    expect(res.text).toBe(
      [
        'namespace,kind,name,node,replicas',
        'shop,Deployment,web,node-1,1',
        'shop,Deployment,web,node-2,2',
        'shop,Deployment,web,node-3,2',
        'shop,Deployment,cache,node-1,1',
        'shop,Deployment,cache,node-2,1',
        'shop,Deployment,cache,node-3,1',
        'kube-system,DaemonSet,log-agent,node-1,1',
        'kube-system,DaemonSet,log-agent,node-2,1',
        'kube-system,DaemonSet,log-agent,node-3,1',
        '',
      ].join('\r\n'),
    );
  });

  it('takes the manifest itself as application/yaml, options in the query', async () => {
    const res = await server
      .http()
      .post('/v1/capacity/plans?inventory=shop&filename=grow.yaml&dryRun=true')
      .set('content-type', 'application/yaml')
      .send(growYaml)
      .expect(200);
    expect(res.body.report).toEqual(posted.get('CapacityPlan')!.body.report);
    const max = await server
      .http()
      .post('/v1/capacity/max-replicas?inventory=shop&filename=grow.yaml&maxReplicas=2&dryRun=true')
      .set('content-type', 'application/yaml')
      .send(growYaml)
      .expect(200);
    expect(max.body.report.workloads).toEqual([
      expect.objectContaining({ name: 'api', maxReplicas: 2, hitReplicaCap: true, stopMessage: null }),
    ]);
  });

  it('takes a headroom reference pod as a one-workload manifest, or from the query with no body', async () => {
    const reference = podYaml('reference', '1', '1Gi');
    const fromManifest = await server
      .http()
      .post('/v1/capacity/headroom?dryRun=true')
      .send({ inventory: 'shop', groupBy: ZONE, manifest: reference })
      .expect(200);
    const fromQuery = await server
      .http()
      .post(`/v1/capacity/headroom?dryRun=true&inventory=shop&groupBy=${ZONE}&requests=cpu=1,memory=1Gi`)
      .expect(200);
    const stored = posted.get('Headroom')!.body.report;
    expect(fromManifest.body.report).toEqual(stored);
    expect(fromQuery.body.report).toEqual(stored);
    // An extended resource needs a limit equal to its request in a pod spec; a reference pod sets it.
    const gpu = await server
      .http()
      .post('/v1/capacity/headroom?dryRun=true')
      .send({ inventory: 'shop', requests: { cpu: '1', 'nvidia.com/gpu': '1' } })
      .expect(200);
    expect(gpu.body.report.referencePod).toEqual({ requests: { cpu: '1', 'nvidia.com/gpu': '1' } });
    expect(gpu.body.report.total.referencePods).toBe(0);
    const bare = await server.http().post('/v1/capacity/headroom?dryRun=true&inventory=shop').expect(200);
    expect(bare.body.report).toMatchObject({ groupBy: null, referencePod: null, groups: [] });
  });

  describe('GET /v1/capacity/reports', () => {
    const summaryOf = (kind: Kind) => {
      const { id, body } = posted.get(kind)!;
      const c = CASES.find((k) => k.kind === kind)!;
      return {
        id,
        kind,
        createdAt: body.createdAt,
        createdBy: null,
        inventory: { name: 'shop', version: 1 },
        fits: c.fits,
        workloads: c.workloads,
      };
    };
    const NEWEST_FIRST: Kind[] = ['Headroom', 'ScaleOut', 'CapacityPlan', 'MaxReplicas'];

    it('lists summaries newest first, without the reports', async () => {
      const res = await server.http().get('/v1/capacity/reports').expect(200);
      expect(res.body).toEqual({ items: NEWEST_FIRST.map(summaryOf), nextCursor: null });
    });

    it('pages with limit and cursor through every report once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor === null ? '' : `&cursor=${cursor}`;
        const res = await server.http().get(`/v1/capacity/reports?limit=3${query}`).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(3);
        seen.push(...res.body.items.map((item: { kind: Kind }) => item.kind));
        cursor = res.body.nextCursor;
      } while (cursor !== null);
      expect(seen).toEqual(NEWEST_FIRST);
    });

    it('filters by kind and by inventory', async () => {
      for (const kind of NEWEST_FIRST) {
        const res = await server.http().get(`/v1/capacity/reports?kind=${kind}`).expect(200);
        expect(res.body).toEqual({ items: [summaryOf(kind)], nextCursor: null });
      }
      const shop = await server.http().get('/v1/capacity/reports?inventory=shop&limit=100').expect(200);
      expect(shop.body.items).toHaveLength(4);
      const other = await server.http().get('/v1/capacity/reports?inventory=other').expect(200);
      expect(other.body).toEqual({ items: [], nextCursor: null });
    });
  });

  it('counts the reports it stored, by kind, in /metrics', async () => {
    const exposition = (await server.http().get('/metrics').expect(200)).text;
    for (const kind of ['MaxReplicas', 'CapacityPlan', 'ScaleOut', 'Headroom']) {
      expect(exposition).toContain(`podfit_capacity_reports_total{kind="${kind}",outcome="stored"} 1\n`);
    }
  });

  describe('rejected requests: whole error bodies, no 500, nothing stored', () => {
    const malformed = (message: string, details: object[]) => ({
      statusCode: 400,
      code: 'malformed-input',
      message,
      details,
    });
    const BAD_QUANTITY =
      'invalid quantity "12x": quantities must match the regular expression ' +
      "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    const badCpu = growYaml.replace('cpu: 1500m', 'cpu: 12x');
    const idNotUuid = malformed('id: not a UUID', [{ path: 'id', message: 'must be a UUID' }]);
    const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

    // Each POST with what its body needs besides the manifest and the inventory.
    const MANIFEST_POSTS: Array<[string, object]> = [
      ['/v1/capacity/max-replicas', {}],
      ['/v1/capacity/plans', {}],
      ['/v1/capacity/scale-outs', { templates: templatesYaml }],
    ];

    it.each([...MANIFEST_POSTS, ['/v1/capacity/headroom', { manifest: undefined }]])(
      '%s: an unknown inventory is 404 inventory-not-found',
      async (path, extra) => {
        const res = await storesNothing(() =>
          server
            .http()
            .post(path)
            .send({ manifest: growYaml, inventory: 'nowhere', ...extra }),
        );
        expect({ status: res.status, body: res.body }).toEqual({
          status: 404,
          body: {
            statusCode: 404,
            code: 'inventory-not-found',
            message: 'inventory "nowhere" not found',
            details: [],
          },
        });
      },
    );

    it.each(MANIFEST_POSTS)(
      '%s: an invalid manifest is 422 invalid-manifest naming file, document and path',
      async (path, extra) => {
        const res = await storesNothing(() =>
          server
            .http()
            .post(path)
            .send({ manifest: badCpu, inventory: 'shop', filename: 'grow.yaml', ...extra }),
        );
        const at = 'spec.template.spec.containers[0].resources.requests.cpu';
        expect({ status: res.status, body: res.body }).toEqual({
          status: 422,
          body: {
            statusCode: 422,
            code: 'invalid-manifest',
            message: `the manifest is invalid (1 problem): grow.yaml: document 0: ${at}: ${BAD_QUANTITY}`,
            details: [{ file: 'grow.yaml', document: 0, path: at, message: BAD_QUANTITY }],
          },
        });
      },
    );

    it('scale-out: invalid templates are 422 with problems in file `templates`', async () => {
      const badTemplates = templatesYaml.replace('cpu: "4"', 'cpu: "12x"');
      expect(badTemplates).not.toBe(templatesYaml);
      const res = await storesNothing(() =>
        server
          .http()
          .post('/v1/capacity/scale-outs')
          .send({ manifest: growYaml, templates: badTemplates, inventory: 'shop' }),
      );
      // `small`, the first document, has its allocatable cpu where the template's fields are.
      const at = 'spec.allocatable.cpu';
      expect({ status: res.status, body: res.body }).toEqual({
        status: 422,
        body: {
          statusCode: 422,
          code: 'invalid-manifest',
          message: `the manifest is invalid (1 problem): templates: document 0: ${at}: ${BAD_QUANTITY}`,
          details: [{ file: 'templates', document: 0, path: at, message: BAD_QUANTITY }],
        },
      });
    });

    it('scale-out: templates missing are 400, as is a YAML body (which has no room for them)', async () => {
      const missing = await storesNothing(() =>
        server.http().post('/v1/capacity/scale-outs').send({ manifest: growYaml, inventory: 'shop' }),
      );
      expect({ status: missing.status, body: missing.body }).toEqual({
        status: 400,
        body: malformed('templates: must be YAML or JSON text, or a JSON object', [
          { path: 'templates', message: 'must be YAML or JSON text, or a JSON object' },
        ]),
      });
      const yaml = await storesNothing(() =>
        server
          .http()
          .post('/v1/capacity/scale-outs?inventory=shop')
          .set('content-type', 'application/yaml')
          .send(growYaml),
      );
      expect(yaml.body).toEqual(
        malformed('templates: required: send a JSON body with manifest, templates and inventory', [
          { path: 'templates', message: 'required: send a JSON body with manifest, templates and inventory' },
        ]),
      );
    });

    it('malformed JSON is 400 with its line and column', async () => {
      const res = await storesNothing(() =>
        server
          .http()
          .post('/v1/capacity/plans')
          .set('content-type', 'application/json')
          .send('{"manifest":\n  "x"'),
      );
      expect(res.body).toEqual(
        malformed("invalid JSON: Expected ',' or '}' after property value (line 2, column 6)", [
          { path: '', line: 2, column: 6, message: "invalid JSON: Expected ',' or '}' after property value" },
        ]),
      );
    });

    it('a YAML syntax error is 400 with its line', async () => {
      const res = await storesNothing(() =>
        server
          .http()
          .post('/v1/capacity/plans?inventory=shop&filename=broken.yaml')
          .set('content-type', 'application/yaml')
          .send('kind: Deployment\nmetadata: {name: [\n'),
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'malformed-input',
        details: [expect.objectContaining({ file: 'broken.yaml', document: 0, line: expect.any(Number) })],
      });
    });

    it('another media type is 415, a body over the limit 413', async () => {
      const plain = await storesNothing(() =>
        server.http().post('/v1/capacity/max-replicas').set('content-type', 'text/plain').send(growYaml),
      );
      const accepted = [
        'application/json',
        'application/yaml',
        'application/x-yaml',
        'text/yaml',
        'text/x-yaml',
      ];
      expect({ status: plain.status, body: plain.body }).toEqual({
        status: 415,
        body: {
          statusCode: 415,
          code: 'unsupported-media-type',
          message: `unsupported media type: Content-Type "text/plain"; send one of ${accepted.join(', ')}`,
          details: accepted.map((type) => ({ message: `accepted: ${type}`, mediaType: type })),
        },
      });
      const limit = 3 * 1024 * 1024;
      const big = await storesNothing(() =>
        server
          .http()
          .post('/v1/capacity/plans?inventory=shop')
          .set('content-type', 'application/yaml')
          .send(`${growYaml}#${'x'.repeat(limit)}`),
      );
      expect({ status: big.status, body: big.body }).toEqual({
        status: 413,
        body: {
          statusCode: 413,
          code: 'payload-too-large',
          message: `request body is larger than the limit of ${limit} bytes`,
          details: [{ message: 'request body is too large', limit }],
        },
      });
    });

    it.each<[string, string, object, object]>([
      [
        'no body',
        '/v1/capacity/plans',
        {},
        malformed('the body must be a JSON object with a manifest', [
          { path: 'manifest', message: 'the body must be a JSON object with a manifest' },
        ]),
      ],
      [
        'an unknown field',
        '/v1/capacity/plans',
        { manifest: growYaml, inventory: 'shop', replicas: 3 },
        malformed('replicas: should not exist', [{ path: 'replicas', message: 'should not exist' }]),
      ],
      [
        'no inventory',
        '/v1/capacity/plans',
        { manifest: growYaml },
        malformed('inventory: required: the name of a stored inventory', [
          { path: 'inventory', message: 'required' },
        ]),
      ],
      [
        'a manifest of no objects',
        '/v1/capacity/plans',
        { manifest: '# nothing\n', inventory: 'shop' },
        malformed('no objects passed to capacity plan', [{ path: 'manifest', message: 'no objects' }]),
      ],
      [
        'maxReplicas 0',
        '/v1/capacity/max-replicas',
        { manifest: growYaml, inventory: 'shop', maxReplicas: 0 },
        malformed('maxReplicas: must be a whole number from 1 to 100000', [
          { path: 'maxReplicas', message: 'must be a whole number from 1 to 100000' },
        ]),
      ],
      [
        'maxReplicas not a number',
        '/v1/capacity/max-replicas',
        { manifest: growYaml, inventory: 'shop', maxReplicas: 'many' },
        malformed('maxReplicas: must be an integer number', [
          { path: 'maxReplicas', message: 'must be an integer number' },
        ]),
      ],
      [
        'a groupBy that is not a label key',
        '/v1/capacity/headroom',
        { inventory: 'shop', groupBy: 'not a key' },
        malformed(
          "groupBy: must be a label key: a name of at most 63 characters (alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric), with an optional DNS subdomain prefix and '/'",
          [
            {
              path: 'groupBy',
              message:
                "must be a label key: a name of at most 63 characters (alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric), with an optional DNS subdomain prefix and '/'",
            },
          ],
        ),
      ],
      [
        'a reference pod with a bad quantity',
        '/v1/capacity/headroom',
        { inventory: 'shop', requests: { cpu: '12x' } },
        malformed(`requests.cpu: ${BAD_QUANTITY}`, [{ path: 'requests.cpu', message: BAD_QUANTITY }]),
      ],
      [
        'an extended resource that is not a whole number',
        '/v1/capacity/headroom',
        { inventory: 'shop', requests: { 'nvidia.com/gpu': '0.5' } },
        malformed('requests[nvidia.com/gpu]: Invalid value: 500m: must be an integer', [
          { path: 'requests[nvidia.com/gpu]', message: 'Invalid value: 500m: must be an integer' },
        ]),
      ],
      [
        'requests that are not strings',
        '/v1/capacity/headroom',
        { inventory: 'shop', requests: { cpu: 1 } },
        malformed('requests: must be an object of at most 32 resource names to quantity strings', [
          { path: 'requests', message: 'must be an object of at most 32 resource names to quantity strings' },
        ]),
      ],
      [
        'a reference pod given twice',
        '/v1/capacity/headroom',
        { inventory: 'shop', requests: { cpu: '1' }, manifest: podYaml('reference') },
        malformed('give the reference pod as requests or as a manifest, not both', [
          { path: 'requests', message: 'not allowed with manifest' },
        ]),
      ],
      [
        'a reference manifest of two workloads',
        '/v1/capacity/headroom',
        { inventory: 'shop', manifest: `${podYaml('a')}---\n${podYaml('b')}` },
        malformed('manifest: must hold exactly one workload (the reference pod), not 2', [
          { path: 'manifest', message: 'must hold exactly one workload, not 2' },
        ]),
      ],
    ])('%s is 400 malformed-input naming the field', async (_what, path, body, expected) => {
      const res = await storesNothing(() =>
        Object.keys(body).length === 0
          ? server.http().post(path).set('content-type', 'application/json').send('')
          : server.http().post(path).send(body),
      );
      expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: expected });
    });

    it.each([
      ['not-a-uuid'],
      ['not-a-uuid.html'],
      ['not-a-uuid.csv'],
      [`${UNKNOWN_ID}.pdf`],
      [`${UNKNOWN_ID.slice(0, -1)}.csv`],
    ])('GET /v1/capacity/reports/%s is 400: not a UUID', async (path) => {
      const res = await server.http().get(`/v1/capacity/reports/${path}`);
      expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: idNotUuid });
    });

    it.each([['..html'], ['x.y.html'], [`${UNKNOWN_ID}.html.csv`], [`${UNKNOWN_ID}.`], ['%00'], ['.']])(
      'GET /v1/capacity/reports/%s (an odd id or suffix) is 400: not a UUID',
      async (path) => {
        const res = await server.http().get(`/v1/capacity/reports/${path}`);
        expect({ status: res.status, body: res.body }).toEqual({ status: 400, body: idNotUuid });
      },
    );

    it('GET /v1/capacity/reports/.csv (no id before the suffix) matches no route either: 404 not-found', async () => {
      const res = await server.http().get('/v1/capacity/reports/.csv');
      expect({ status: res.status, body: res.body }).toEqual({
        status: 404,
        body: {
          statusCode: 404,
          code: 'not-found',
          message: 'Cannot GET /v1/capacity/reports/.csv',
          details: [],
        },
      });
    });

    it.each<[string, string, string]>([
      ['a resource named twice', 'cpu=1,cpu=2', '"cpu" is given twice'],
      [
        'more than 32 resources',
        Array.from({ length: 33 }, (_, i) => `example.com/r${i}=1`).join(','),
        'must name at most 32 resources',
      ],
      ['a pair without a name', 'cpu=1,=2', '"=2" is not name=quantity'],
    ])('headroom ?requests= with %s is 400 naming requests', async (_what, requests, message) => {
      const res = await storesNothing(() =>
        server.http().post(`/v1/capacity/headroom?inventory=shop&requests=${encodeURIComponent(requests)}`),
      );
      expect({ status: res.status, body: res.body }).toEqual({
        status: 400,
        body: malformed(`requests: ${message}`, [{ path: 'requests', message }]),
      });
    });

    it('GET /v1/capacity/reports/.html (no id before the suffix) matches no route: 404 not-found', async () => {
      const res = await server.http().get('/v1/capacity/reports/.html');
      expect({ status: res.status, body: res.body }).toEqual({
        status: 404,
        body: {
          statusCode: 404,
          code: 'not-found',
          message: 'Cannot GET /v1/capacity/reports/.html',
          details: [],
        },
      });
    });

    it.each([[''], ['.html'], ['.csv']])(
      'GET an unknown report%s is 404 capacity-report-not-found',
      async (suffix) => {
        const res = await server.http().get(`/v1/capacity/reports/${UNKNOWN_ID}${suffix}`);
        expect({ status: res.status, type: res.headers['content-type'], body: res.body }).toEqual({
          status: 404,
          type: 'application/json; charset=utf-8',
          body: {
            statusCode: 404,
            code: 'capacity-report-not-found',
            message: `capacity report ${UNKNOWN_ID} not found`,
            details: [],
          },
        });
      },
    );

    it.each<[string, object]>([
      [
        'kind=Analysis',
        {
          path: 'kind',
          message: expect.stringMatching(
            /^must be one of the following values: MaxReplicas, CapacityPlan, ScaleOut, Headroom$/,
          ),
        },
      ],
      ['limit=0', { path: 'limit', message: 'must not be less than 1' }],
      ['limit=101', { path: 'limit', message: 'must not be greater than 100' }],
      ['cursor=bm90IGEgY3Vyc29y', { path: 'cursor', message: 'invalid cursor' }],
    ])('GET /v1/capacity/reports?%s is 400', async (query, detail) => {
      const res = await server.http().get(`/v1/capacity/reports?${query}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'malformed-input', details: [detail] });
    });
  });
});

describe('capacity reports and API tokens (PODFIT_AUTH=required)', () => {
  let database: TestDatabase;
  let server: TestApp;
  let client: Client;
  let reader: string;
  let analyzer: { id: string; secret: string };

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    server = await startTestApp(database, { PODFIT_AUTH: 'required', PODFIT_RATE_LIMIT_PER_MINUTE: '0' });
    client = await connectTo(database);
    const admin = await createToken(client, { name: 'admin', scopes: ['admin'], expiresAt: null });
    reader = (await createToken(client, { name: 'reader', scopes: ['read'], expiresAt: null })).secret;
    const issued = await createToken(client, { name: 'analyzer', scopes: ['analyze'], expiresAt: null });
    analyzer = { id: issued.token.id, secret: issued.secret };
    await server
      .http()
      .post('/v1/inventories')
      .set('authorization', `Bearer ${admin.secret}`)
      .send({ name: 'shop', nodes: nodesJson, pods: podsJson })
      .expect(201);
  });
  afterAll(async () => {
    await client?.end();
    await server?.close();
    await database?.drop();
  });

  it('refuses every POST to a read token (403), storing nothing', async () => {
    for (const c of CASES) {
      const res = await server.http().post(c.path).set('authorization', `Bearer ${reader}`).send(c.body);
      expect({ path: c.path, status: res.status, body: res.body }).toEqual({
        path: c.path,
        status: 403,
        body: {
          statusCode: 403,
          code: 'forbidden',
          message: 'this needs the "analyze" scope (or "admin"); token "reader" has read',
          details: [{ message: 'missing scope "analyze"', requiredScope: 'analyze' }],
        },
      });
    }
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM capacity_reports');
    expect(rows[0]!.n).toBe(0);
  });

  it('records the token that stored a report; a read token reads it, an analyze token does not', async () => {
    const plan = CASES.find((c) => c.kind === 'CapacityPlan')!;
    const res = await server
      .http()
      .post(plan.path)
      .set('authorization', `Bearer ${analyzer.secret}`)
      .send(plan.body)
      .expect(201);
    const createdBy = { tokenId: analyzer.id, tokenName: 'analyzer' };
    expect(res.body.createdBy).toEqual(createdBy);
    const id = res.body.id as string;
    for (const suffix of ['', '.html', '.csv']) {
      await server
        .http()
        .get(`/v1/capacity/reports/${id}${suffix}`)
        .set('authorization', `Bearer ${reader}`)
        .expect(200);
      const refused = await server
        .http()
        .get(`/v1/capacity/reports/${id}${suffix}`)
        .set('authorization', `Bearer ${analyzer.secret}`);
      expect(refused.status).toBe(403);
      const anonymous = await server.http().get(`/v1/capacity/reports/${id}${suffix}`);
      expect(anonymous.status).toBe(401);
    }
    const stored = await server
      .http()
      .get(`/v1/capacity/reports/${id}`)
      .set('authorization', `Bearer ${reader}`);
    expect(stored.body.createdBy).toEqual(createdBy);
    const list = await server
      .http()
      .get('/v1/capacity/reports')
      .set('authorization', `Bearer ${reader}`)
      .expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id, createdBy, fits: false, workloads: 1 })]);
  });
});

// DESIGN.md's largest request, within one HTTP request: 100,000 replicas placed on a few thousand nodes.
// The request timeout is at its lowest (1 s): it bounds receiving a request, never the handler, which blocks
// the event loop for about a second here.
describe('statements per report', () => {
  let database: TestDatabase;
  let server: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    server = await startTestApp(database);
    await server
      .http()
      .post('/v1/inventories')
      .send({ name: 'shop', nodes: nodesJson, pods: podsJson })
      .expect(201);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  // The inventory's current version is one statement; its cluster state comes from the snapshot cache
  // (filled by the first request), never rebuilt; the report is stored in one more.
  it.each(CASES)('$kind: one statement for a dry run, two to store, one to read back', async (c) => {
    await server.http().post(`${c.path}?dryRun=true`).send(c.body).expect(200);
    const dry = await countQueries(() => server.http().post(`${c.path}?dryRun=true`).send(c.body));
    const stored = await countQueries(() => server.http().post(c.path).send(c.body));
    const id = (stored.result.body as { id: string }).id;
    const read = await countQueries(() => server.http().get(`/v1/capacity/reports/${id}`));
    expect({
      dryRun: [dry.result.status, dry.queries],
      stored: [stored.result.status, stored.queries],
      read: [read.result.status, read.queries],
    }).toEqual({ dryRun: [200, 1], stored: [201, 2], read: [200, 1] });
  });
});

describe('a plan of 100,000 replicas', () => {
  const NODES = 5_000;
  let database: TestDatabase;
  let server: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    server = await startTestApp(database, { PODFIT_REQUEST_TIMEOUT_MS: '1000' });
    const nodes = Array.from({ length: NODES }, (_, i) => ({
      name: `node-${String(i).padStart(4, '0')}`,
      cpu: '4',
      memory: '16Gi',
    }));
    await server
      .http()
      .post('/v1/inventories')
      .send({ name: 'big', nodes: nodeList(nodes) })
      .expect(201);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('answers 201 with every replica placed, 20 per node', async () => {
    // 100m cpu and 256Mi each: a 4-cpu, 16Gi node takes 40 (cpu) and 64 (memory), room for all 100,000.
    const manifest = growYaml
      .replace('replicas: 8', 'replicas: 100000')
      .replace(/cpu: 1500m/g, 'cpu: 100m')
      .replace(/memory: 512Mi/g, 'memory: 256Mi');
    const res = await server.http().post('/v1/capacity/plans').send({ manifest, inventory: 'big' });
    expect(res.status).toBe(201);
    const [workload] = res.body.report.workloads;
    expect({ wanted: workload.wanted, placed: workload.placed, fits: res.body.report.fits }).toEqual({
      wanted: 100_000,
      placed: 100_000,
      fits: true,
    });
    expect(Object.keys(workload.perNode)).toHaveLength(NODES);
    expect(new Set(Object.values(workload.perNode))).toEqual(new Set([20]));
    const stored = await server.http().get(`/v1/capacity/reports/${res.body.id}`).expect(200);
    expect(stored.body.report.workloads[0].placed).toBe(100_000);
  });
});
