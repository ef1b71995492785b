// The capacity side of GraphQL through the real HTTP server on PostgreSQL: each of the four mutations gives
// the numbers POST /v1/capacity/* gives for the same input, field by field, and `capacityReport(id)` what
// GET /v1/capacity/reports/{id} gives; `capacityReports` pages and filters as GET /v1/capacity/reports;
// bad input is refused with REST's code, message and details; a read token runs no mutation; and a
// dashboard's query of a whole plan stays within the armor's depth and cost limits.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BAD_FIXTURES, OK_FIXTURES } from '../cli/podfit-binary';
import { startTestApp, type TestApp } from './support/test-app';
import { connectTo, createTestDatabase, type TestDatabase } from './support/test-database';

jest.setTimeout(60_000);

const CAPACITY = join(OK_FIXTURES, 'capacity');
const appYaml = readFileSync(join(CAPACITY, 'app.yaml'), 'utf8');
const growYaml = readFileSync(join(OK_FIXTURES, 'capacity-api', 'grow.yaml'), 'utf8');
const nodesJson = JSON.parse(readFileSync(join(CAPACITY, 'nodes.json'), 'utf8')) as object;
const podsJson = JSON.parse(readFileSync(join(CAPACITY, 'pods.json'), 'utf8')) as object;
const badQuantities = readFileSync(join(BAD_FIXTURES, 'row-10-bad-quantities.yaml'), 'utf8');

const ZONE = 'topology.kubernetes.io/zone';

// Two nodes of this template take the 3 replicas of grow.yaml's api (1500m cpu each) that the inventory
// cannot: 2 per 4-cpu node.
const templatesYaml = `apiVersion: podfit.dev/v1
kind: NodeTemplate
metadata:
  name: m5.xlarge
  labels: { node.kubernetes.io/instance-type: m5.xlarge, ${ZONE}: zone-c }
spec:
  allocatable: { cpu: "4", memory: 16Gi, pods: "110" }
  hourlyPrice: "0.192"
`;

// Every field of every report, so that a field REST has and GraphQL lacks fails the comparison.
const FRAGMENTS = `
  fragment Usage on ResourceUsage {
    resource allocatable allocatableValue requested requestedValue free freeValue percent }
  fragment Plan on CapacityPlan {
    fits
    workloads { kind namespace name source document requests { resource quantity value } wanted placed fits
                perNode { node replicas } limitedBy stopMessage warnings { code path message } }
    nodes { name template unschedulable placed before { ...Usage } after { ...Usage } }
    cluster { before { ...Usage } after { ...Usage } } }
  fragment Group on HeadroomGroup { group nodes resources { ...Usage } referencePods }
  fragment Report on CapacityReport {
    id kind createdAt createdBy { tokenId tokenName } inventory { name version } htmlUrl
    maxReplicas { workloads { kind namespace name source document maxReplicas perNode { node replicas }
                              limitedBy stopMessage hitReplicaCap warnings { code path message } } }
    plan { ...Plan }
    scaleOut { fitsAsIs options { template nodesToAdd hourlyPrice hourlyCost reason } recommended
               plan { ...Plan } }
    headroom { groupBy referencePod { requests { resource quantity value } }
               nodes { name group unschedulable resources { ...Usage } referencePods }
               groups { ...Group } total { ...Group } } }`;

const MUTATIONS = {
  MaxReplicas: { field: 'maxReplicas', input: 'MaxReplicasInput', path: '/v1/capacity/max-replicas' },
  CapacityPlan: { field: 'capacityPlan', input: 'CapacityPlanInput', path: '/v1/capacity/plans' },
  ScaleOut: { field: 'scaleOut', input: 'ScaleOutInput', path: '/v1/capacity/scale-outs' },
  Headroom: { field: 'headroom', input: 'HeadroomInput', path: '/v1/capacity/headroom' },
} as const;
type Kind = keyof typeof MUTATIONS;

/** The same request to both APIs: REST's JSON body, and the GraphQL input (which has no maps). */
const REQUESTS: Record<Kind, { rest: Record<string, unknown>; graphql: Record<string, unknown> }> = {
  MaxReplicas: {
    rest: { manifest: appYaml, inventory: 'shop', filename: 'app.yaml' },
    graphql: { manifest: appYaml, inventory: 'shop', filename: 'app.yaml' },
  },
  CapacityPlan: {
    rest: { manifest: appYaml, inventory: 'shop', filename: 'app.yaml' },
    graphql: { manifest: appYaml, inventory: 'shop', filename: 'app.yaml' },
  },
  ScaleOut: {
    rest: { manifest: growYaml, inventory: 'shop', templates: templatesYaml },
    graphql: { manifest: growYaml, inventory: 'shop', templates: templatesYaml },
  },
  Headroom: {
    rest: { inventory: 'shop', groupBy: ZONE, requests: { cpu: '1', memory: '1Gi' } },
    graphql: {
      inventory: 'shop',
      groupBy: ZONE,
      requests: [
        { resource: 'cpu', quantity: '1' },
        { resource: 'memory', quantity: '1Gi' },
      ],
    },
  },
};

interface GraphQLResponse {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: unknown[] };
}

interface RestUsage {
  resource: string;
  allocatable: string;
  requested: string;
  free: string;
  percent: number;
}
type RestPlan = {
  fits: boolean;
  workloads: Array<{ requests: Record<string, string>; perNode: Record<string, number> }>;
  nodes: Array<{ before: RestUsage[]; after: RestUsage[] }>;
  cluster: { before: RestUsage[]; after: RestUsage[] };
};
type RestGroup = { resources: RestUsage[] };
type RestMaxReplicas = { workloads: Array<{ perNode: Record<string, number> }> };
type RestHeadroom = {
  referencePod: { requests: Record<string, string> } | null;
  nodes: Array<{ resources: RestUsage[] }>;
  groups: RestGroup[];
  total: RestGroup;
};
/** A capacity report as REST's JSON has it (GET /v1/capacity/reports/{id}, or a POST's answer). */
interface RestView {
  id: string | null;
  kind: Kind;
  createdAt: string;
  createdBy: { tokenId: string; tokenName: string } | null;
  inventory: { name: string; version: number };
  report: Record<string, unknown> & { apiVersion: string; kind: string };
}

/**
 * REST's view in the shape GraphQL gives it, worked out from REST's JSON alone: maps as entry lists, each
 * quantity of a usage row and of a resource list with its value in base units (millicores for cpu), the
 * report under the field of its kind.
 */
function asGraphQL(view: RestView): object {
  const entries = (map: Record<string, number>) =>
    Object.entries(map).map(([node, replicas]) => ({ node, replicas }));
  const quantities = (map: Record<string, string>) =>
    Object.entries(map).map(([resource, quantity]) => ({
      resource,
      quantity,
      value: baseUnits(resource, quantity),
    }));
  const usage = (rows: RestUsage[]) =>
    rows.map((row) => ({
      ...row,
      allocatableValue: baseUnits(row.resource, row.allocatable),
      requestedValue: baseUnits(row.resource, row.requested),
      freeValue: baseUnits(row.resource, row.free),
    }));
  const plan = (report: RestPlan) => ({
    fits: report.fits,
    workloads: report.workloads.map((w) => ({
      ...w,
      requests: quantities(w.requests),
      perNode: entries(w.perNode),
    })),
    nodes: report.nodes.map((n) => ({ ...n, before: usage(n.before), after: usage(n.after) })),
    cluster: { before: usage(report.cluster.before), after: usage(report.cluster.after) },
  });
  const group = (g: RestGroup) => ({ ...g, resources: usage(g.resources) });
  const { apiVersion, kind, ...report } = view.report;
  expect([apiVersion, kind]).toEqual(['podfit.dev/v1', view.kind]);
  const byKind: Record<Kind, () => object> = {
    MaxReplicas: () => ({
      workloads: (report as unknown as RestMaxReplicas).workloads.map((w) => ({
        ...w,
        perNode: entries(w.perNode),
      })),
    }),
    CapacityPlan: () => plan(report as unknown as RestPlan),
    ScaleOut: () => ({ ...report, plan: plan(report.plan as RestPlan) }),
    Headroom: () => {
      const headroom = report as unknown as RestHeadroom;
      return {
        ...headroom,
        referencePod:
          headroom.referencePod === null ? null : { requests: quantities(headroom.referencePod.requests) },
        nodes: headroom.nodes.map((n) => ({ ...n, resources: usage(n.resources) })),
        groups: headroom.groups.map(group),
        total: group(headroom.total),
      };
    },
  };
  return {
    id: view.id,
    kind: view.kind,
    createdAt: view.createdAt,
    createdBy: view.createdBy,
    inventory: view.inventory,
    htmlUrl: view.id === null ? null : `/v1/capacity/reports/${view.id}.html`,
    maxReplicas: view.kind === 'MaxReplicas' ? byKind.MaxReplicas() : null,
    plan: view.kind === 'CapacityPlan' ? byKind.CapacityPlan() : null,
    scaleOut: view.kind === 'ScaleOut' ? byKind.ScaleOut() : null,
    headroom: view.kind === 'Headroom' ? byKind.Headroom() : null,
  };
}

/** What differs between two stored copies of one computation: where and when each was stored. */
function withoutIdentity(report: object): object {
  const { id: _id, createdAt: _createdAt, htmlUrl: _htmlUrl, ...rest } = report as Record<string, unknown>;
  return rest;
}

const mutation = (kind: Kind, selection = '...Report') =>
  `mutation($input: ${MUTATIONS[kind].input}!) { ${MUTATIONS[kind].field}(input: $input) { ${selection} } }
   ${selection === '...Report' ? FRAGMENTS : ''}`;

describe('GraphQL capacity reports on PostgreSQL', () => {
  let database: TestDatabase;
  let server: TestApp;
  const gql = async (query: string, variables: object = {}): Promise<GraphQLResponse> => {
    const res = await server.http().post('/graphql').send({ query, variables });
    return { status: res.status, body: res.body };
  };
  const storedCount = async (): Promise<number> => {
    const client = await connectTo(database);
    try {
      const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM capacity_reports');
      return Number(rows[0]!.count);
    } finally {
      await client.end();
    }
  };

  /** The report each mutation stored, by kind, as GraphQL gave it. */
  const stored = new Map<Kind, Record<string, unknown> & { id: string }>();

  beforeAll(async () => {
    database = await createTestDatabase();
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

  it.each(Object.keys(MUTATIONS) as Kind[])(
    '%s: the mutation gives the numbers of the REST POST for the same input, field by field',
    async (kind) => {
      const rest = await server.http().post(MUTATIONS[kind].path).send(REQUESTS[kind].rest).expect(201);
      const res = await gql(mutation(kind), { input: REQUESTS[kind].graphql });
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      const report = res.body.data![MUTATIONS[kind].field] as Record<string, unknown> & { id: string };
      expect(report.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(report.id).not.toBe(rest.body.id);
      expect(report.htmlUrl).toBe(`/v1/capacity/reports/${report.id}.html`);
      expect(withoutIdentity(report)).toEqual(withoutIdentity(asGraphQL(rest.body as RestView)));
      stored.set(kind, report);
    },
  );

  // Hand-worked anchors, so that both APIs agreeing on a wrong number fails too. The inventory: 3 nodes
  // of 4 cpu, 8Gi and 110 pods (node-1, node-2 in zone-a; node-3 in zone-b); a bound pod of 2 cpu, 1Gi on
  // node-1.
  it('MaxReplicas: web (1500m) fits once beside the bound pod on node-1 and twice on each other node', () => {
    const workloads = (stored.get('MaxReplicas')!.maxReplicas as { workloads: Array<{ name: string }> })
      .workloads;
    expect(workloads.find((w) => w.name === 'web')).toEqual(
      expect.objectContaining({
        maxReplicas: 5,
        perNode: [
          { node: 'node-1', replicas: 1 },
          { node: 'node-2', replicas: 2 },
          { node: 'node-3', replicas: 2 },
        ],
        limitedBy: ['cpu'],
        stopMessage: '0/3 nodes are available: 3 Insufficient cpu.',
      }),
    );
  });

  it('CapacityPlan: everything fits, and the cluster after holds the bound pod plus every replica', () => {
    const plan = stored.get('CapacityPlan')!.plan as {
      fits: boolean;
      workloads: Array<{ name: string; wanted: number; placed: number }>;
      cluster: { before: object[]; after: object[] };
    };
    expect(plan.fits).toBe(true);
    expect(plan.workloads.map((w) => [w.name, w.wanted, w.placed])).toEqual([
      ['web', 2, 2],
      ['cache', 2, 2],
      ['log-agent', 3, 3],
    ]);
    const row = (resource: string, allocatable: string, requested: string, free: string, percent: number) =>
      expect.objectContaining({ resource, allocatable, requested, free, percent });
    // cpu: 2 + 2 x 1500m + 2 x 100m + 3 x 200m = 5800m of 12; memory: 1Gi + 2 x 512Mi + 2 x 256Mi +
    // 3 x 128Mi = 2944Mi of 24Gi (11%); pods: 1 + 7 of 330; no node lists ephemeral-storage.
    expect(plan.cluster.before).toEqual([
      row('cpu', '12', '2', '10', 16),
      row('memory', '24Gi', '1Gi', '23Gi', 4),
      row('ephemeral-storage', '0', '0', '0', 0),
      row('pods', '330', '1', '329', 0),
    ]);
    expect(plan.cluster.after).toEqual([
      expect.objectContaining({ resource: 'cpu', requested: '5800m', requestedValue: 5800, percent: 48 }),
      expect.objectContaining({
        resource: 'memory',
        requested: '2944Mi',
        requestedValue: 2944 * 1024 ** 2,
        percent: 11,
      }),
      row('ephemeral-storage', '0', '0', '0', 0),
      row('pods', '330', '8', '322', 2),
    ]);
  });

  it('ScaleOut: two m5.xlarge nodes take the 3 replicas of api the inventory cannot, at 2 x 0.192 an hour', () => {
    const scaleOut = stored.get('ScaleOut')!.scaleOut as {
      fitsAsIs: boolean;
      options: object[];
      recommended: string | null;
      plan: { fits: boolean; nodes: Array<{ name: string; template: string | null; placed: number }> };
    };
    expect(scaleOut.fitsAsIs).toBe(false);
    expect(scaleOut.options).toEqual([
      { template: 'm5.xlarge', nodesToAdd: 2, hourlyPrice: '0.192', hourlyCost: '0.384', reason: null },
    ]);
    expect(scaleOut.recommended).toBe('m5.xlarge');
    expect(scaleOut.plan.fits).toBe(true);
    const added = scaleOut.plan.nodes.filter((node) => node.template !== null);
    expect(added.map((node) => [node.template, node.placed])).toEqual([
      ['m5.xlarge', expect.any(Number)],
      ['m5.xlarge', expect.any(Number)],
    ]);
    expect(scaleOut.plan.nodes.reduce((sum, node) => sum + node.placed, 0)).toBe(8);
  });

  it('Headroom: pods of 1 cpu and 1Gi: 2 more on node-1, 4 on each other node, by zone', () => {
    const headroom = stored.get('Headroom')!.headroom as {
      nodes: Array<{ name: string; group: string | null; referencePods: number | null }>;
      groups: Array<{ group: string | null; nodes: number; referencePods: number | null }>;
      total: { group: string | null; nodes: number; referencePods: number | null };
      referencePod: object;
    };
    expect(headroom.referencePod).toEqual({
      requests: [
        { resource: 'cpu', quantity: '1', value: 1000 },
        { resource: 'memory', quantity: '1Gi', value: 1024 ** 3 },
      ],
    });
    expect(headroom.nodes.map((n) => [n.name, n.group, n.referencePods])).toEqual([
      ['node-1', 'zone-a', 2],
      ['node-2', 'zone-a', 4],
      ['node-3', 'zone-b', 4],
    ]);
    expect(headroom.groups.map((g) => [g.group, g.nodes, g.referencePods])).toEqual([
      ['zone-a', 2, 6],
      ['zone-b', 1, 4],
    ]);
    expect([headroom.total.group, headroom.total.nodes, headroom.total.referencePods]).toEqual([null, 3, 10]);
  });

  it('capacityReport(id) gives what GET /v1/capacity/reports/{id} gives, for every kind', async () => {
    for (const [kind, report] of stored) {
      const rest = await server.http().get(`/v1/capacity/reports/${report.id}`).expect(200);
      const res = await gql(`query($id: ID!) { capacityReport(id: $id) { ...Report } } ${FRAGMENTS}`, {
        id: report.id,
      });
      expect([kind, res.status, res.body]).toEqual([
        kind,
        200,
        { data: { capacityReport: asGraphQL(rest.body as RestView) } },
      ]);
      // What the mutation answered is what was stored.
      expect(res.body.data!.capacityReport).toEqual(report);
    }
  });

  it('htmlUrl is where REST serves the report as a page', async () => {
    const htmlUrl = stored.get('CapacityPlan')!.htmlUrl as string;
    const page = await server.http().get(htmlUrl).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
  });

  it('dryRun computes the same report without storing it; its id and htmlUrl are null', async () => {
    const before = await storedCount();
    const res = await gql(mutation('CapacityPlan'), {
      input: { ...REQUESTS.CapacityPlan.graphql, dryRun: true },
    });
    const report = res.body.data!.capacityPlan as Record<string, unknown>;
    expect([report.id, report.htmlUrl, report.createdBy]).toEqual([null, null, null]);
    expect(withoutIdentity(report)).toEqual(withoutIdentity(stored.get('CapacityPlan')!));
    const rest = await server
      .http()
      .post('/v1/capacity/plans?dryRun=true')
      .send(REQUESTS.CapacityPlan.rest)
      .expect(200);
    expect(withoutIdentity(report)).toEqual(withoutIdentity(asGraphQL(rest.body as RestView)));
    expect(await storedCount()).toBe(before);
  });

  it('capacityReports pages and filters by kind as GET /v1/capacity/reports, with Relay page info', async () => {
    const query = `query($kind: CapacityReportKind, $first: Int!, $after: String) {
      capacityReports(kind: $kind, first: $first, after: $after) {
        edges { cursor node { id kind createdAt createdBy { tokenId tokenName } inventory { name version }
                              fits workloads htmlUrl } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    type Item = { id: string };
    const asNode = (item: Item) => ({ ...item, htmlUrl: `/v1/capacity/reports/${item.id}.html` });
    const restPage1 = await server.http().get('/v1/capacity/reports?kind=CapacityPlan&limit=1').expect(200);
    const restPage2 = await server
      .http()
      .get(`/v1/capacity/reports?kind=CapacityPlan&limit=1&cursor=${restPage1.body.nextCursor}`)
      .expect(200);
    // Two plans are stored (REST's, then GraphQL's), newest first.
    expect((restPage1.body.items as Item[]).map((item) => item.id)).toEqual([stored.get('CapacityPlan')!.id]);
    expect(restPage2.body.nextCursor).toBeNull();

    const page1 = await gql(query, { kind: 'CapacityPlan', first: 1 });
    const cursor1 = restPage1.body.nextCursor as string;
    expect(page1).toEqual({
      status: 200,
      body: {
        data: {
          capacityReports: {
            edges: [{ cursor: cursor1, node: asNode(restPage1.body.items[0]) }],
            pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: cursor1, endCursor: cursor1 },
          },
        },
      },
    });
    const page2 = await gql(query, { kind: 'CapacityPlan', first: 1, after: cursor1 });
    const edges = (page2.body.data!.capacityReports as { edges: Array<{ cursor: string }> }).edges;
    const cursor2 = edges[0]!.cursor;
    expect(page2.body.data).toEqual({
      capacityReports: {
        edges: [{ cursor: cursor2, node: asNode(restPage2.body.items[0]) }],
        pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: cursor2, endCursor: cursor2 },
      },
    });

    // Without a filter: every stored report, two of each kind, as REST lists them.
    const all = await gql('{ capacityReports(first: 100) { edges { node { id kind } } } }');
    const restAll = await server.http().get('/v1/capacity/reports?limit=100').expect(200);
    expect(all.body.data).toEqual({
      capacityReports: {
        edges: restAll.body.items.map((item: { id: string; kind: string }) => ({
          node: { id: item.id, kind: item.kind },
        })),
      },
    });
    const kinds = (restAll.body.items as Array<{ kind: string }>).map((item) => item.kind).sort();
    expect(kinds).toEqual([
      'CapacityPlan',
      'CapacityPlan',
      'Headroom',
      'Headroom',
      'MaxReplicas',
      'MaxReplicas',
      'ScaleOut',
      'ScaleOut',
    ]);
  });

  it.each(Object.keys(MUTATIONS) as Kind[])(
    '%s: an invalid manifest gives REST 422’s code, message and details, HTTP 200, nothing stored',
    async (kind) => {
      const before = await storedCount();
      const rest = await server
        .http()
        .post(MUTATIONS[kind].path)
        .send({ ...REQUESTS[kind].rest, manifest: badQuantities, requests: undefined })
        .expect(422);
      expect(rest.body.code).toBe('invalid-manifest');
      const { requests: _requests, ...input } = REQUESTS[kind].graphql;
      const res = await gql(mutation(kind, 'id'), { input: { ...input, manifest: badQuantities } });
      expect(res).toEqual({
        status: 200,
        body: {
          data: null,
          errors: [
            {
              message: rest.body.message,
              locations: [{ line: 1, column: expect.any(Number) }],
              path: [MUTATIONS[kind].field],
              extensions: { code: 'invalid-manifest', details: rest.body.details },
            },
          ],
        },
      });
      expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|\.ts:\d+/);
      expect(await storedCount()).toBe(before);
    },
  );

  it('refuses bad input with REST’s code, message and details', async () => {
    const cases: Array<[Kind, Record<string, unknown>]> = [
      ['MaxReplicas', { inventory: 'missing' }],
      ['MaxReplicas', { fieldValidation: 'Sometimes' }],
      ['MaxReplicas', { maxReplicas: 0 }],
      ['CapacityPlan', { manifest: '' }],
      ['ScaleOut', { templates: '' }],
      ['Headroom', { groupBy: 'not a label key!' }],
    ];
    for (const [kind, change] of cases) {
      const rest = await server
        .http()
        .post(MUTATIONS[kind].path)
        .send({ ...REQUESTS[kind].rest, ...change });
      expect([kind, change, rest.status]).toEqual([kind, change, expect.any(Number)]);
      expect(rest.status).toBeGreaterThanOrEqual(400);
      expect(rest.status).toBeLessThan(500);
      const res = await gql(mutation(kind, 'id'), { input: { ...REQUESTS[kind].graphql, ...change } });
      expect([kind, change, res.status, res.body.errors]).toEqual([
        kind,
        change,
        200,
        [
          {
            message: rest.body.message,
            locations: [{ line: 1, column: expect.any(Number) }],
            path: [MUTATIONS[kind].field],
            extensions: { code: rest.body.code, details: rest.body.details },
          },
        ],
      ]);
    }
    // A map has each key once; a GraphQL list can name a resource twice.
    const twice = await gql(mutation('Headroom', 'id'), {
      input: {
        inventory: 'shop',
        requests: [
          { resource: 'cpu', quantity: '1' },
          { resource: 'cpu', quantity: '2' },
        ],
      },
    });
    expect(twice.body.errors).toEqual([
      expect.objectContaining({
        message: 'requests: "cpu" is given twice',
        extensions: {
          code: 'malformed-input',
          details: [{ path: 'requests', message: '"cpu" is given twice' }],
        },
      }),
    ]);
  });

  it('refuses a list of requests as REST refuses its `requests` query: each resource once, at most 32', async () => {
    const lists: Array<Array<[string, string]>> = [
      [
        ['cpu', '1'],
        ['memory', '1Gi'],
        ['cpu', '2'],
      ],
      Array.from({ length: 33 }, (_, i): [string, string] => [`example.com/r${i}`, '1']),
    ];
    for (const pairs of lists) {
      const query = pairs.map(([resource, quantity]) => `${resource}=${quantity}`).join(',');
      const rest = await server
        .http()
        .post(`/v1/capacity/headroom?inventory=shop&requests=${encodeURIComponent(query)}`);
      expect(rest.status).toBe(400);
      const requests = pairs.map(([resource, quantity]) => ({ resource, quantity }));
      const res = await gql(mutation('Headroom', 'id'), { input: { inventory: 'shop', requests } });
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          message: rest.body.message,
          extensions: { code: 'malformed-input', details: rest.body.details },
        }),
      ]);
    }
  });

  it('answers an unknown report and a malformed id with REST’s code and message', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const id of [missing, 'nope']) {
      const rest = await server.http().get(`/v1/capacity/reports/${id}`);
      expect(rest.status).toBe(id === missing ? 404 : 400);
      const res = await gql('query($id: ID!) { capacityReport(id: $id) { id } }', { id });
      expect(res).toEqual({
        status: 200,
        body: {
          data: null,
          errors: [
            {
              message: rest.body.message,
              locations: [{ line: 1, column: 19 }],
              path: ['capacityReport'],
              extensions: { code: rest.body.code, details: rest.body.details },
            },
          ],
        },
      });
    }
  });

  it('serves a dashboard’s query of a whole plan, under a scale-out too, within the depth and cost limits', async () => {
    // Depth 6 at the deepest (capacityReport scaleOut plan nodes before resource), fragments flattened.
    const usage = 'resource allocatable allocatableValue requested requestedValue free freeValue percent';
    const plan = `fits workloads { name wanted placed fits perNode { node replicas } limitedBy stopMessage }
                  nodes { name template placed before { ${usage} } after { ${usage} } }
                  cluster { before { ${usage} } after { ${usage} } }`;
    const query = `query($plan: ID!, $scaleOut: ID!) {
      p: capacityReport(id: $plan) { kind createdAt inventory { name version } htmlUrl plan { ${plan} } }
      s: capacityReport(id: $scaleOut) { kind scaleOut { recommended options { template nodesToAdd hourlyCost }
                                                         plan { ${plan} } } } }`;
    const res = await gql(query, {
      plan: stored.get('CapacityPlan')!.id,
      scaleOut: stored.get('ScaleOut')!.id,
    });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data as {
      p: { plan: { nodes: unknown[] } };
      s: { scaleOut: { plan: { nodes: unknown[] } } };
    };
    expect(data.p.plan.nodes).toHaveLength(3);
    expect(data.s.scaleOut.plan.nodes).toHaveLength(5);
  });
});

describe('GraphQL capacity reports with API tokens', () => {
  let database: TestDatabase;
  let server: TestApp;
  const bearerFor = async (name: string, scopes: string[], admin?: string) => {
    const post = server.http().post('/v1/tokens');
    const created = await (admin === undefined ? post : post.set('authorization', admin))
      .send({ name, scopes })
      .expect(201);
    return { id: created.body.id as string, header: `Bearer ${created.body.token as string}` };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startTestApp(database);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('a read token runs no mutation (forbidden, as REST’s 403) but reads what an analyze token stored', async () => {
    // The first token ends open mode: from here on every request needs one.
    const admin = await bearerFor('admin', ['admin']);
    await server
      .http()
      .post('/v1/inventories')
      .set('authorization', admin.header)
      .send({ name: 'shop', nodes: nodesJson, pods: podsJson })
      .expect(201);
    const pipeline = await bearerFor('pipeline', ['analyze'], admin.header);
    const dashboard = await bearerFor('dashboard', ['read'], admin.header);
    const as = (bearer: string, query: string, variables: object = {}) =>
      server.http().post('/graphql').set('authorization', bearer).send({ query, variables });
    const plan = mutation('CapacityPlan', 'id createdBy { tokenId tokenName }');

    const rest = await server
      .http()
      .post('/v1/capacity/plans')
      .set('authorization', dashboard.header)
      .send(REQUESTS.CapacityPlan.rest)
      .expect(403);
    for (const kind of Object.keys(MUTATIONS) as Kind[]) {
      const refused = await as(dashboard.header, mutation(kind, 'id'), { input: REQUESTS[kind].graphql });
      expect([kind, refused.status, refused.body]).toEqual([
        kind,
        200,
        {
          data: null,
          errors: [
            {
              message: rest.body.message,
              locations: [{ line: 1, column: expect.any(Number) }],
              path: [MUTATIONS[kind].field],
              extensions: { code: 'forbidden', details: rest.body.details },
            },
          ],
        },
      ]);
    }
    const none = await as(dashboard.header, '{ capacityReports { edges { cursor } } }');
    expect(none.body).toEqual({ data: { capacityReports: { edges: [] } } });

    const stored = await as(pipeline.header, plan, { input: REQUESTS.CapacityPlan.graphql });
    const id = (stored.body.data.capacityPlan as { id: string }).id;
    expect(stored.body).toEqual({
      data: { capacityPlan: { id, createdBy: { tokenId: pipeline.id, tokenName: 'pipeline' } } },
    });
    const read = await as(
      dashboard.header,
      'query($id: ID!) { capacityReport(id: $id) { id createdBy { tokenName } plan { fits } } }',
      { id },
    );
    expect(read.body).toEqual({
      data: { capacityReport: { id, createdBy: { tokenName: 'pipeline' }, plan: { fits: true } } },
    });
    // The analyze token may compute but not read.
    const unread = await as(pipeline.header, '{ capacityReports { edges { cursor } } }');
    expect(unread.body.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'forbidden' }) }),
    ]);
  });
});

/** A quantity in base units (millicores for cpu), worked out independently of the server's parser. */
function baseUnits(resource: string, quantity: string): number {
  const match = /^(-?)(\d+(?:\.\d+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(quantity);
  if (match === null) throw new Error(`test helper cannot read ${quantity}`);
  const factors: Record<string, number> = {
    '': 1,
    m: 0.001,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    Ti: 1024 ** 4,
  };
  const magnitude = Number(match[2]) * factors[match[3] ?? '']! * (resource === 'cpu' ? 1000 : 1);
  if (match[1] === '-' && !Number.isInteger(magnitude))
    throw new Error(`test helper does not round ${quantity}`);
  return match[1] === '-' ? -magnitude : Math.ceil(magnitude);
}
