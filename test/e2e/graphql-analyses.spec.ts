// The analyses side of GraphQL through the real HTTP server on PostgreSQL: `analyze`, `analysis(id)`,
// the `analyses` connection and `workloadHistory` give what REST gives for the same analyses, number for
// number; nested workloads load in a number of statements that does not grow with the page; resolver
// errors carry REST's code, message and details, never a stack trace.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BAD_FIXTURES, OK_FIXTURES } from '../cli/podfit-binary';
import { podYaml } from './support/fixtures';
import { countQueries } from './support/query-counter';
import { analysisRowCounts, startTestApp, type TestApp } from './support/test-app';
import { connectTo, createTestDatabase, type TestDatabase } from './support/test-database';

jest.setTimeout(60_000);

const appYaml = readFileSync(join(OK_FIXTURES, 'app.yaml'), 'utf8');
const nodesJson = JSON.parse(readFileSync(join(OK_FIXTURES, 'nodes.json'), 'utf8')) as object;
const podsJson = JSON.parse(readFileSync(join(OK_FIXTURES, 'pods.json'), 'utf8')) as object;
const badQuantities = readFileSync(join(BAD_FIXTURES, 'row-10-bad-quantities.yaml'), 'utf8');

const QUANTITIES = 'resource quantity value';
const CHANGE = `previousAnalysisId previousCreatedAt requests { resource from to delta }
  limits { resource from to delta } qosClass { from to } replicas { from to } feasibleNodes { from to } summary`;
const WORKLOAD = `kind apiVersion namespace name replicas document source line isValid qosClass
  requests { ${QUANTITIES} } limits { ${QUANTITIES} }
  containers { name type requests { ${QUANTITIES} } limits { ${QUANTITIES} } }
  breakdown { resource from container overhead detail } sharedVolumes { volume containers }
  fit { feasibleNodes totalNodes message reasonCounts { reason count } bestNodes
        nodes { name fits plugin reasons score } }
  warnings { code path message } errors { path message } change { ${CHANGE} }`;
const ANALYSIS = `id createdAt inventory { name version } labels { key value } manifestSha256
  createdBy { tokenId tokenName } workloadCount unschedulableCount workloads { ${WORKLOAD} }`;

interface GraphQLResponse {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: unknown[] };
}

type Quantities = Array<{ resource: string; quantity: string; value: number }>;
type Entries<K extends string> = Array<Record<K, string> & object>;

/** An analysis as ANALYSIS selects it. */
interface GqlAnalysis {
  id: string;
  createdAt: string;
  inventory: { name: string; version: number } | null;
  labels: Array<{ key: string; value: string }>;
  manifestSha256: string;
  createdBy: { tokenId: string; tokenName: string } | null;
  workloadCount: number;
  unschedulableCount: number;
  workloads: GqlWorkload[];
}

interface GqlWorkload {
  [field: string]: unknown;
  name: string;
  line: number | null;
  isValid: boolean;
  requests: Quantities | null;
  limits: Quantities | null;
  containers: Array<{ name: string; type: string; requests: Quantities; limits: Quantities }> | null;
  breakdown: Entries<'resource'>;
  fit: {
    feasibleNodes: number;
    totalNodes: number;
    message: string | null;
    reasonCounts: Array<{ reason: string; count: number }>;
    bestNodes: string[];
    nodes: Array<{ name: string; fits: boolean }> | null;
  } | null;
  errors: object[];
  change: (Record<string, unknown> & { requests: Entries<'resource'>; limits: Entries<'resource'> }) | null;
}

/** A GraphQL analysis reshaped as REST's AnalysisView, to compare the two whole. */
function asRestView(analysis: GqlAnalysis): object {
  const map = (list: Quantities | null) => Object.fromEntries(list!.map((q) => [q.resource, q.quantity]));
  const withoutNulls = (entry: object) =>
    Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== null));
  const keyed = <K extends string>(list: Entries<K>, key: K) =>
    Object.fromEntries(list.map(({ [key]: name, ...rest }) => [name, withoutNulls(rest)]));
  return {
    apiVersion: 'podfit.dev/v1',
    kind: 'Analysis',
    id: analysis.id,
    createdAt: analysis.createdAt,
    inventory: analysis.inventory,
    labels: Object.fromEntries(analysis.labels.map((l) => [l.key, l.value])),
    manifestSha256: analysis.manifestSha256,
    createdBy: analysis.createdBy,
    workloads: analysis.workloads.map((w) => ({
      kind: w.kind,
      apiVersion: w.apiVersion,
      namespace: w.namespace,
      name: w.name,
      replicas: w.replicas,
      document: w.document,
      source: w.source,
      ...(w.line === null ? {} : { line: w.line }),
      pod: !w.isValid
        ? null
        : {
            requests: map(w.requests),
            limits: map(w.limits),
            qosClass: w.qosClass,
            breakdown: keyed(w.breakdown, 'resource'),
            containers: w.containers!.map((c) => ({
              name: c.name,
              type: c.type,
              requests: map(c.requests),
              limits: map(c.limits),
            })),
            sharedVolumes: w.sharedVolumes,
          },
      ...(w.fit === null
        ? {}
        : {
            fit: {
              feasibleNodes: w.fit.feasibleNodes,
              totalNodes: w.fit.totalNodes,
              message: w.fit.message,
              reasonCounts: Object.fromEntries(w.fit.reasonCounts.map((r) => [r.reason, r.count])),
              bestNodes: w.fit.bestNodes,
              ...(w.fit.nodes === null ? {} : { nodes: w.fit.nodes }),
            },
          }),
      warnings: w.warnings,
      ...(w.errors.length === 0 ? {} : { errors: w.errors }),
      change:
        w.change === null
          ? null
          : {
              ...withoutNulls(w.change),
              requests: keyed(w.change.requests, 'resource'),
              limits: keyed(w.change.limits, 'resource'),
            },
    })),
  };
}

describe('GraphQL analyses on PostgreSQL', () => {
  let database: TestDatabase;
  let server: TestApp;
  const gql = async (query: string, variables: object = {}): Promise<GraphQLResponse> => {
    const res = await server.http().post('/graphql').send({ query, variables });
    return { status: res.status, body: res.body };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startTestApp(database);
    await server
      .http()
      .post('/v1/inventories')
      .send({ name: 'prod', nodes: nodesJson, pods: podsJson })
      .expect(201);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  let firstId: string;
  let secondId: string;

  it('analyze stores an analysis and returns it as REST would, with the resource values in base units', async () => {
    const res = await gql(
      `mutation($manifest: String!) {
         analyze(manifest: $manifest, inventory: "prod", labels: [{key: "pipeline", value: "ci"}]) {
           id inventory { name version } labels { key value } workloadCount unschedulableCount
           workloads { kind name qosClass requests { ${QUANTITIES} } limits { ${QUANTITIES} }
                       fit { feasibleNodes totalNodes bestNodes } change { summary } }
         }
       }`,
      { manifest: appYaml },
    );
    expect(res.status).toBe(200);
    const analysis = res.body.data!.analyze as { id: string; workloads: Array<{ name: string }> };
    firstId = analysis.id;
    expect(firstId).toMatch(/^[0-9a-f-]{36}$/);
    const rest = await server.http().get(`/v1/analyses/${firstId}`).expect(200);
    const restWeb = rest.body.workloads.find((w: { name: string }) => w.name === 'web');
    // Worked out by hand in test/cli/README.md.
    expect(analysis.workloads.find((w) => w.name === 'web')).toEqual({
      kind: 'Deployment',
      name: 'web',
      qosClass: 'Burstable',
      requests: [
        { resource: 'cpu', quantity: '600m', value: 600 },
        { resource: 'memory', quantity: '704Mi', value: 704 * 1024 * 1024 },
      ],
      limits: Object.entries(restWeb.pod.limits as Record<string, string>).map(([resource, quantity]) => ({
        resource,
        quantity,
        value: baseUnits(resource, quantity),
      })),
      fit: { feasibleNodes: 3, totalNodes: 6, bestNodes: restWeb.fit.bestNodes },
      change: null,
    });
    expect(res.body).toEqual({
      data: {
        analyze: {
          id: firstId,
          inventory: { name: 'prod', version: 1 },
          labels: [{ key: 'pipeline', value: 'ci' }],
          workloadCount: rest.body.workloads.length,
          unschedulableCount: 2,
          workloads: expect.any(Array),
        },
      },
    });
    expect(await analysisRowCounts(server.app!)).toEqual({
      analyses: 1,
      workloads: rest.body.workloads.length,
    });
  });

  it('analyze with dryRun computes without storing, and its id is null', async () => {
    const before = await analysisRowCounts(server.app!);
    const res = await gql(
      `mutation($manifest: String!) { analyze(manifest: $manifest, dryRun: true) { id workloadCount
         workloads { name requests { ${QUANTITIES} } fit { feasibleNodes } } } }`,
      { manifest: podYaml('dry', '250m', '1536Mi') },
    );
    expect(res).toEqual({
      status: 200,
      body: {
        data: {
          analyze: {
            id: null,
            workloadCount: 1,
            workloads: [
              {
                name: 'dry',
                requests: [
                  { resource: 'cpu', quantity: '250m', value: 250 },
                  { resource: 'memory', quantity: '1536Mi', value: 1610612736 },
                ],
                fit: null,
              },
            ],
          },
        },
      },
    });
    expect(await analysisRowCounts(server.app!)).toEqual(before);
  });

  it('analysis(id) gives what GET /v1/analyses/:id?include=nodes gives, field by field', async () => {
    const changed = await server
      .http()
      .post('/v1/analyses')
      .send({ manifest: appYaml.replace('replicas: 3', 'replicas: 5'), inventory: 'prod' })
      .expect(201);
    secondId = changed.body.id;
    const res = await gql(`query($id: ID!) { analysis(id: $id) { ${ANALYSIS} } }`, { id: secondId });
    expect(res.status).toBe(200);
    const analysis = res.body.data!.analysis as GqlAnalysis;
    const rest = await server.http().get(`/v1/analyses/${secondId}?include=nodes`).expect(200);
    expect(asRestView(analysis)).toEqual(rest.body);
    // Every value is the quantity in base units, millicores for cpu, for every resource list.
    for (const workload of analysis.workloads) {
      for (const list of [workload.requests, workload.limits].filter((l) => l !== null)) {
        for (const { resource, quantity, value } of list as Quantities) {
          expect(value).toBe(baseUnits(resource, quantity));
        }
      }
    }
    const web = analysis.workloads.find((w) => w.name === 'web')!;
    expect(web.change).toEqual({
      previousAnalysisId: firstId,
      previousCreatedAt: expect.any(String),
      requests: [],
      limits: [],
      qosClass: null,
      replicas: { from: 3, to: 5 },
      feasibleNodes: null,
      summary: 'replicas 3 -> 5',
    });
    const fitting = web.fit!.nodes!.filter((node) => node.fits).map((node) => node.name);
    expect(fitting.sort()).toEqual(['worker-a', 'worker-b', 'worker-c']);
    expect(analysis.workloadCount).toBe(rest.body.workloads.length);
  });

  it('analysis(id) without fit.nodes reads the stored summary, as GET without include=nodes', async () => {
    const res = await gql(
      `query($id: ID!) { analysis(id: $id) { ${ANALYSIS.replace(/nodes \{[^}]*\}/, '')} } }`,
      {
        id: firstId,
      },
    );
    const rest = await server.http().get(`/v1/analyses/${firstId}`).expect(200);
    const analysis = res.body.data!.analysis as GqlAnalysis;
    expect(analysis.workloads.some((w) => w.fit !== null && 'nodes' in w.fit)).toBe(false);
    expect(asRestView(analysis)).toEqual(rest.body);
  });

  it('analyses pages like GET /v1/analyses, with opaque cursors and Relay page info', async () => {
    const query = `query($first: Int!, $after: String, $filter: AnalysisFilter) {
      analyses(first: $first, after: $after, filter: $filter) {
        edges { cursor node { id createdAt inventory { name version } labels { key value } manifestSha256
                              createdBy { tokenId tokenName } workloadCount unschedulableCount } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    const restPage1 = await server.http().get('/v1/analyses?limit=1').expect(200);
    const restPage2 = await server
      .http()
      .get(`/v1/analyses?limit=1&cursor=${restPage1.body.nextCursor}`)
      .expect(200);
    const page1 = await gql(query, { first: 1 });
    const asNode = (item: { labels: Record<string, string> }) => ({
      ...item,
      labels: Object.entries(item.labels).map(([key, value]) => ({ key, value })),
    });
    expect(page1).toEqual({
      status: 200,
      body: {
        data: {
          analyses: {
            edges: [{ cursor: restPage1.body.nextCursor, node: asNode(restPage1.body.items[0]) }],
            pageInfo: {
              hasNextPage: true,
              hasPreviousPage: false,
              startCursor: restPage1.body.nextCursor,
              endCursor: restPage1.body.nextCursor,
            },
          },
        },
      },
    });
    const page2 = await gql(query, { first: 1, after: restPage1.body.nextCursor });
    const lastCursor = (page2.body.data!.analyses as { edges: Array<{ cursor: string }> }).edges[0]!.cursor;
    expect(page2.body.data).toEqual({
      analyses: {
        edges: [{ cursor: lastCursor, node: asNode(restPage2.body.items[0]) }],
        pageInfo: {
          hasNextPage: false,
          hasPreviousPage: true,
          startCursor: lastCursor,
          endCursor: lastCursor,
        },
      },
    });
    expect(restPage2.body.nextCursor).toBeNull();
    expect(page2.body.data).not.toEqual(page1.body.data);
  });

  it('filters analyses as REST filters them', async () => {
    const ids = async (filter: object) => {
      const res = await gql('query($f: AnalysisFilter) { analyses(filter: $f) { edges { node { id } } } }', {
        f: filter,
      });
      expect(res.status).toBe(200);
      return (res.body.data!.analyses as { edges: Array<{ node: { id: string } }> }).edges.map(
        (e) => e.node.id,
      );
    };
    const restIds = async (query: string) =>
      (
        (await server.http().get(`/v1/analyses?${query}`).expect(200)).body.items as Array<{ id: string }>
      ).map((item) => item.id);
    const cases: Array<[object, string]> = [
      [{ labels: ['pipeline=ci'] }, 'label=pipeline=ci'],
      [{ kind: 'deployments', namespace: 'storefront' }, 'kind=deployments&namespace=storefront'],
      [{ schedulable: false, kind: 'Job' }, 'schedulable=false&kind=Job'],
      [{ schedulable: true }, 'schedulable=true'],
      [{ inventory: 'prod', name: 'web' }, 'inventory=prod&name=web'],
      [
        { since: '2000-01-01T00:00:00Z', until: '2999-01-01T00:00:00Z' },
        'since=2000-01-01T00:00:00Z&until=2999-01-01T00:00:00Z',
      ],
      [{ namespace: 'nowhere' }, 'namespace=nowhere'],
    ];
    for (const [filter, query] of cases)
      expect([filter, await ids(filter)]).toEqual([filter, await restIds(query)]);
    expect(await ids({ labels: ['pipeline=ci'] })).toEqual([firstId]);
    expect(await ids({ kind: 'deployments', namespace: 'storefront' })).toEqual([secondId, firstId]);
  });

  it('workloadHistory gives what GET /v1/workloads/:kind/:namespace/:name/history gives', async () => {
    const res = await gql(
      `{ workloadHistory(kind: "deployment", namespace: "storefront", name: "web", first: 1) {
           kind namespace name nextCursor
           items { analysisId createdAt inventory { name version } labels { key value } replicas isValid qosClass
                   requests { ${QUANTITIES} } limits { ${QUANTITIES} } cpuMillis memoryBytes
                   feasibleNodes totalNodes isSchedulable change { summary replicas { from to } } } } }`,
    );
    const rest = await server
      .http()
      .get('/v1/workloads/deployment/storefront/web/history?limit=1')
      .expect(200);
    const item = rest.body.items[0];
    expect(res).toEqual({
      status: 200,
      body: {
        data: {
          workloadHistory: {
            kind: 'Deployment',
            namespace: 'storefront',
            name: 'web',
            nextCursor: rest.body.nextCursor,
            items: [
              {
                analysisId: secondId,
                createdAt: item.createdAt,
                inventory: { name: 'prod', version: 1 },
                labels: [],
                replicas: 5,
                isValid: true,
                qosClass: 'Burstable',
                requests: [
                  { resource: 'cpu', quantity: '600m', value: 600 },
                  { resource: 'memory', quantity: '704Mi', value: 738197504 },
                ],
                limits: Object.entries(item.limits as Record<string, string>).map(([resource, quantity]) => ({
                  resource,
                  quantity,
                  value: baseUnits(resource, quantity),
                })),
                cpuMillis: 600,
                memoryBytes: 738197504,
                feasibleNodes: 3,
                totalNodes: 6,
                isSchedulable: true,
                change: { summary: 'replicas 3 -> 5', replicas: { from: 3, to: 5 } },
              },
            ],
          },
        },
      },
    });
    expect(rest.body.nextCursor).toEqual(expect.any(String));
    const older = await gql(
      `query($after: String) { workloadHistory(kind: "Deployment", namespace: "storefront", name: "web", after: $after) {
         nextCursor items { analysisId replicas change { summary } } } }`,
      { after: rest.body.nextCursor },
    );
    expect(older.body).toEqual({
      data: {
        workloadHistory: { nextCursor: null, items: [{ analysisId: firstId, replicas: 3, change: null }] },
      },
    });
  });

  it('loads the workloads of a page of analyses in as many statements for 20 analyses as for 2', async () => {
    const query = `{ analyses(first: 20) { edges { node { id workloads { name qosClass
                       requests { ${QUANTITIES} } fit { feasibleNodes } change { summary } } } } } }`;
    const measure = async () => {
      const { result, queries } = await countQueries(() => server.http().post('/graphql').send({ query }));
      expect(result.status).toBe(200);
      expect(result.body.errors).toBeUndefined();
      return { analyses: result.body.data.analyses.edges.length as number, queries };
    };
    const few = await measure();
    expect(few.analyses).toBe(2);
    for (let i = 0; i < 18; i += 1) {
      await server
        .http()
        .post('/v1/analyses')
        .send({ manifest: podYaml(`pod-${i}`), inventory: 'prod' })
        .expect(201);
    }
    const many = await measure();
    expect(many).toEqual({ analyses: 20, queries: few.queries });
    // The page (with its creators and unschedulable counts), then one batch of every analysis with its
    // workloads and creator: Prisma reads each relation in a statement of its own.
    expect(few.queries).toBeLessThanOrEqual(6);
  });

  it('answers an unknown analysis and a malformed id with REST code and message, HTTP 200', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const rest = await server.http().get(`/v1/analyses/${missing}`).expect(404);
    expect(await gql(`{ analysis(id: "${missing}") { id } }`)).toEqual({
      status: 200,
      body: {
        data: null,
        errors: [
          {
            message: rest.body.message,
            locations: [{ line: 1, column: 3 }],
            path: ['analysis'],
            extensions: { code: 'analysis-not-found', details: [] },
          },
        ],
      },
    });
    const malformed = await server.http().get('/v1/analyses/nope').expect(400);
    expect((await gql('{ analysis(id: "nope") { id } }')).body.errors).toEqual([
      {
        message: malformed.body.message,
        locations: [{ line: 1, column: 3 }],
        path: ['analysis'],
        extensions: { code: 'malformed-input', details: malformed.body.details },
      },
    ]);
  });

  it('answers bad arguments as the ValidationPipe does for REST: malformed-input naming each field', async () => {
    const res = await gql(
      '{ analyses(first: 0, filter: { since: "yesterday", labels: ["nolabel"] }) { edges { cursor } } }',
    );
    expect(res).toEqual({
      status: 200,
      body: {
        data: null,
        errors: [
          {
            message:
              'filter.labels must be key=value; filter.since must be RFC 3339 date; first must not be less than 1',
            locations: [{ line: 1, column: 3 }],
            path: ['analyses'],
            extensions: {
              code: 'malformed-input',
              details: [
                { path: 'filter.labels', message: 'must be key=value' },
                { path: 'filter.since', message: 'must be RFC 3339 date' },
                { path: 'first', message: 'must not be less than 1' },
              ],
            },
          },
        ],
      },
    });
    const kind = await gql('{ workloadHistory(kind: "Widget", namespace: "a", name: "b") { kind } }');
    const rest = await server.http().get('/v1/workloads/Widget/a/b/history').expect(400);
    expect(kind.body.errors).toEqual([
      {
        message: rest.body.message,
        locations: [{ line: 1, column: 3 }],
        path: ['workloadHistory'],
        extensions: { code: 'malformed-input', details: rest.body.details },
      },
    ]);
  });

  it('refuses the same bad labels and unknown inventory as REST, with the same words', async () => {
    const cases: Array<[string, object]> = [
      ['labels: [{key: "bad key!", value: "x"}]', { labels: { 'bad key!': 'x' } }],
      ['inventory: "missing"', { inventory: 'missing' }],
      ['fieldValidation: "Sometimes"', { fieldValidation: 'Sometimes' }],
    ];
    for (const [argument, body] of cases) {
      const rest = await server
        .http()
        .post('/v1/analyses')
        .send({ manifest: podYaml('x'), ...body });
      expect(rest.status).toBeGreaterThanOrEqual(400);
      const res = await gql(`mutation($m: String!) { analyze(manifest: $m, ${argument}) { id } }`, {
        m: podYaml('x'),
      });
      expect([argument, res.status, res.body.errors]).toEqual([
        argument,
        200,
        [
          {
            message: rest.body.message,
            locations: [{ line: 1, column: 25 }],
            path: ['analyze'],
            extensions: { code: rest.body.code, details: rest.body.details },
          },
        ],
      ]);
    }
  });

  it('answers an error nobody planned for as internal, with an id and no stack trace, and stores nothing', async () => {
    const client = await connectTo(database);
    try {
      await client.query(`CREATE FUNCTION podfit_test_fail() RETURNS trigger LANGUAGE plpgsql AS
                          $$ BEGIN RAISE EXCEPTION 'boom in a trigger'; END $$`);
      await client.query(`CREATE TRIGGER podfit_test_fail BEFORE INSERT ON analysis_workloads
                          FOR EACH ROW EXECUTE FUNCTION podfit_test_fail()`);
      const before = await analysisRowCounts(server.app!);
      const res = await gql('mutation($m: String!) { analyze(manifest: $m) { id } }', { m: podYaml('x') });
      expect(res).toEqual({
        status: 200,
        body: {
          data: null,
          errors: [
            {
              message: expect.stringMatching(/^internal error \(id [0-9a-f-]{36}\)$/),
              locations: [{ line: 1, column: 25 }],
              path: ['analyze'],
              extensions: { code: 'internal', details: [] },
            },
          ],
        },
      });
      expect(await analysisRowCounts(server.app!)).toEqual(before);
    } finally {
      await client.query('DROP TRIGGER IF EXISTS podfit_test_fail ON analysis_workloads');
      await client.query('DROP FUNCTION IF EXISTS podfit_test_fail()');
      await client.end();
    }
  });
});

describe('GraphQL analyses with API tokens', () => {
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

  it('analyze needs the analyze scope, records the token, and a read token reads what it stored', async () => {
    // The first token ends open mode: from here on every request needs one.
    const admin = await bearerFor('admin', ['admin']);
    const pipeline = await bearerFor('pipeline', ['analyze'], admin.header);
    const dashboard = await bearerFor('dashboard', ['read'], admin.header);
    const analyze = 'mutation($m: String!) { analyze(manifest: $m) { id createdBy { tokenId tokenName } } }';
    const as = (bearer: string, query: string, variables: object = {}) =>
      server.http().post('/graphql').set('authorization', bearer).send({ query, variables });

    const refused = await as(dashboard.header, analyze, { m: podYaml('x') });
    const rest = await server
      .http()
      .post('/v1/analyses')
      .set('authorization', dashboard.header)
      .send({ manifest: podYaml('x') })
      .expect(403);
    expect(refused.status).toBe(200);
    expect(refused.body).toEqual({
      data: null,
      errors: [
        {
          message: rest.body.message,
          locations: [{ line: 1, column: 25 }],
          path: ['analyze'],
          extensions: { code: 'forbidden', details: rest.body.details },
        },
      ],
    });
    expect(await analysisRowCounts(server.app!)).toEqual({ analyses: 0, workloads: 0 });

    const stored = await as(pipeline.header, analyze, { m: podYaml('x') });
    const id = (stored.body.data.analyze as { id: string }).id;
    expect(stored.body).toEqual({
      data: { analyze: { id, createdBy: { tokenId: pipeline.id, tokenName: 'pipeline' } } },
    });
    const read = await as(dashboard.header, '{ analyses { edges { node { id createdBy { tokenName } } } } }');
    expect(read.body).toEqual({
      data: { analyses: { edges: [{ node: { id, createdBy: { tokenName: 'pipeline' } } }] } },
    });
    const restView = await server
      .http()
      .get(`/v1/analyses/${id}`)
      .set('authorization', admin.header)
      .expect(200);
    expect(restView.body.createdBy).toEqual({ tokenId: pipeline.id, tokenName: 'pipeline' });

    const anonymous = await server
      .http()
      .post('/graphql')
      .send({ query: '{ analyses { edges { cursor } } }' });
    expect(anonymous.status).toBe(401);
  });
});

describe('GraphQL while the database cannot serve', () => {
  let database: TestDatabase;
  let server: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startTestApp(database, { PODFIT_DB_STATEMENT_TIMEOUT_MS: '200' });
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('answers database-unavailable with REST message, HTTP 200, while a lock outlasts its timeouts', async () => {
    const locker = await connectTo(database);
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE analyses IN ACCESS EXCLUSIVE MODE');
      const rest = await server.http().get('/v1/analyses').expect(503);
      const res = await server.http().post('/graphql').send({ query: '{ analyses { edges { cursor } } }' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        data: null,
        errors: [
          {
            message: rest.body.message,
            locations: [{ line: 1, column: 3 }],
            path: ['analyses'],
            extensions: { code: 'database-unavailable', details: [] },
          },
        ],
      });
      expect(rest.body.message).toMatch(
        /^the database is unavailable \((lock|statement) timed out\); retry later$/,
      );
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    const after = await server.http().post('/graphql').send({ query: '{ analyses { edges { cursor } } }' });
    expect(after.body).toEqual({ data: { analyses: { edges: [] } } });
  });
});

describe('GraphQL analyze with the bad quantities of row 10 (row 37), NODE_ENV unset', () => {
  let database: TestDatabase;
  let server: TestApp;
  const nodeEnv = process.env.NODE_ENV;

  beforeAll(async () => {
    delete process.env.NODE_ENV;
    database = await createTestDatabase();
    server = await startTestApp(database);
  });
  afterAll(async () => {
    process.env.NODE_ENV = nodeEnv;
    await server?.close();
    await database?.drop();
  });

  it('gives the same code, message and detail paths as REST, HTTP 200, no stack trace, nothing stored', async () => {
    const rest = await server.http().post('/v1/analyses').send({ manifest: badQuantities }).expect(422);
    expect(rest.body.code).toBe('invalid-manifest');
    expect(rest.body.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining([expect.stringMatching(/requests\.cpu$/)]),
    );
    const res = await server
      .http()
      .post('/graphql')
      .send({
        query: 'mutation($m: String!) { analyze(manifest: $m) { id } }',
        variables: { m: badQuantities },
      });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: null,
      errors: [
        {
          message: rest.body.message,
          locations: [{ line: 1, column: 25 }],
          path: ['analyze'],
          extensions: { code: 'invalid-manifest', details: rest.body.details },
        },
      ],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|\.ts:\d+|at [A-Z]\w+\./);
    expect(await analysisRowCounts(server.app!)).toEqual({ analyses: 0, workloads: 0 });
  });
});

/** A quantity in base units (millicores for cpu), worked out independently of the server's parser. */
function baseUnits(resource: string, quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(quantity);
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
  const value = Number(match[1]) * factors[match[2] ?? '']!;
  return Math.ceil(resource === 'cpu' ? value * 1000 : value);
}
