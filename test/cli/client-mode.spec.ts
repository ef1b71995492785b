// The CLI as a client of the podfit server (`analyze --server`, `inventory import|list|get`), against a fake
// server that records each request and answers canned bodies: the exact request the client sends, and the
// exact stdout, stderr and exit code for each kind of answer. The canned analyses are a real offline run's
// `-o json` of test/fixtures/ok/app.yaml, so the client must print what offline prints for them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AnalysisResult, type WorkloadResult } from '@podfit/scheduling';
import {
  closedPortUrl,
  FakePodfitServer,
  type CannedResponse,
  type RecordedRequest,
} from './fake-podfit-server';
import { runPodfitAsync } from './podfit-async';
import { kubectlTable, OK_FIXTURES, REPO_ROOT, runPodfit, type PodfitRun } from './podfit-binary';

const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
const APP_YAML = readFileSync(join(OK_FIXTURES, 'app.yaml'), 'utf8');
const NODES_JSON = readFileSync(join(OK_FIXTURES, 'nodes.json'), 'utf8');
const PODS_JSON = readFileSync(join(OK_FIXTURES, 'pods.json'), 'utf8');
const CLUSTER = ['--nodes', 'nodes.json', '--pods', 'pods.json'];
const ANALYSIS_ID = '5b0f3c1e-8a4d-4c2b-9e71-0d6a2f4b8c93';
const STORED = `analysis ${ANALYSIS_ID} stored\n`;

type ServerWorkload = WorkloadResult & { change: Record<string, unknown> | null };

let server: FakePodfitServer;
let offlineWorkloads: WorkloadResult[];
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'podfit-client-'));
  server = await FakePodfitServer.start();
  const offline = runPodfit(['analyze', '-f', 'app.yaml', ...CLUSTER, '-o', 'json']);
  expect(offline.code).toBe(1);
  offlineWorkloads = (JSON.parse(offline.stdout) as AnalysisResult).workloads;
});
afterAll(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** What the server answers for app.yaml against inventory prod: with every node's verdict, or without. */
function analysisView(options: { includeNodes: boolean; dryRun?: boolean; changes?: (object | null)[] }) {
  const workloads: ServerWorkload[] = offlineWorkloads.map((workload, i) => {
    const change = (options.changes?.[i] ?? null) as ServerWorkload['change'];
    if (options.includeNodes || workload.fit === undefined) return { ...workload, change };
    const { nodes: _nodes, ...fit } = workload.fit;
    return { ...workload, fit: fit as WorkloadResult['fit'] & object, change };
  });
  return {
    apiVersion: 'podfit.dev/v1',
    kind: 'Analysis',
    id: options.dryRun === true ? null : ANALYSIS_ID,
    createdAt: '2025-06-02T09:30:00.000Z',
    inventory: { name: 'prod', version: 3 },
    labels: {},
    manifestSha256: 'a3f1c9e07b2d4e6f8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f',
    workloads,
  };
}

/** Answers POST /v1/analyses as the server does: 201, or 200 for a dry run; node verdicts when asked. */
function answerAnalyses(changes?: (object | null)[]): void {
  server.answer(({ url }): CannedResponse => {
    const query = new URL(url, 'http://x').searchParams;
    const dryRun = query.get('dryRun') === 'true';
    const body = analysisView({ includeNodes: query.get('include') === 'nodes', dryRun, changes });
    if (dryRun) return { status: 200, body };
    return { status: 201, body, headers: { location: `/v1/analyses/${ANALYSIS_ID}` } };
  });
}

function answerWith(response: CannedResponse): void {
  server.answer(() => response);
}

/** The request headers the client chooses (fetch adds host, connection, accept-encoding and others). */
function clientHeaders(request: RecordedRequest): Record<string, string | undefined> {
  const { accept, authorization, 'content-type': contentType, 'user-agent': userAgent } = request.headers;
  return { accept, authorization, 'content-type': contentType, 'user-agent': userAgent };
}

function onlyRequest(): RecordedRequest {
  expect(server.requests).toHaveLength(1);
  return server.requests[0]!;
}

function analyzeOnServer(args: readonly string[], env: Record<string, string> = {}): Promise<PodfitRun> {
  return runPodfitAsync(['analyze', '-f', 'app.yaml', '--server', server.url, ...args], { env });
}

describe('podfit analyze --server', () => {
  it('POSTs the files as JSON, with inventory, labels, field validation and the bearer token', async () => {
    answerAnalyses();
    await analyzeOnServer(['--inventory', 'prod', '--label', 'pipeline=ci', '--label', 'commit=4e1d2a9'], {
      PODFIT_TOKEN: 's3cret',
    });
    const request = onlyRequest();
    expect([request.method, request.url]).toEqual(['POST', '/v1/analyses']);
    expect(clientHeaders(request)).toEqual({
      accept: 'application/json',
      authorization: 'Bearer s3cret',
      'content-type': 'application/json',
      'user-agent': `podfit/${version}`,
    });
    expect(JSON.parse(request.body)).toEqual({
      files: [{ name: 'app.yaml', content: APP_YAML }],
      inventory: 'prod',
      labels: { pipeline: 'ci', commit: '4e1d2a9' },
      fieldValidation: 'Strict',
    });
  });

  it('sends no inventory, labels or Authorization when none are given; --validate picks fieldValidation', async () => {
    answerAnalyses();
    await analyzeOnServer(['--validate=warn']);
    const request = onlyRequest();
    expect(clientHeaders(request)).toEqual({
      accept: 'application/json',
      authorization: undefined,
      'content-type': 'application/json',
      'user-agent': `podfit/${version}`,
    });
    expect(JSON.parse(request.body)).toEqual({
      files: [{ name: 'app.yaml', content: APP_YAML }],
      fieldValidation: 'Warn',
    });
  });

  it('reads -f as offline does: several files, directories, and stdin named <stdin>', async () => {
    answerAnalyses();
    await runPodfitAsync(
      ['analyze', '-f', 'app.yaml', '-f', 'scoring', '-f', '-', '--server', server.url, '--validate=false'],
      { input: APP_YAML },
    );
    const scoring = ['scoring/batch-runner.yaml', 'scoring/nodes.json'];
    expect(JSON.parse(onlyRequest().body)).toEqual({
      files: [
        { name: 'app.yaml', content: APP_YAML },
        ...scoring.map((name) => ({ name, content: readFileSync(join(OK_FIXTURES, name), 'utf8') })),
        { name: '<stdin>', content: APP_YAML },
      ],
      fieldValidation: 'Ignore',
    });
  });

  it('takes the server from PODFIT_SERVER when --server is not given', async () => {
    answerAnalyses();
    const run = await runPodfitAsync(['analyze', '-f', 'app.yaml', '-o', 'json'], {
      env: { PODFIT_SERVER: `${server.url}/` },
    });
    expect([onlyRequest().method, onlyRequest().url]).toEqual(['POST', '/v1/analyses?include=nodes']);
    expect(run.code).toBe(1);
  });

  it.each([
    { flags: [], url: '/v1/analyses' },
    { flags: ['-o', 'wide'], url: '/v1/analyses?include=nodes' },
    { flags: ['-o', 'wide', '--brief'], url: '/v1/analyses' },
    { flags: ['-o', 'wide', '--no-headers'], url: '/v1/analyses?include=nodes' },
    { flags: ['-o', 'markdown'], url: '/v1/analyses' },
    { flags: ['-o', 'junit'], url: '/v1/analyses' },
  ])(
    '$flags asks for $url and prints what offline prints, then the analysis id on stderr',
    async ({ flags, url }) => {
      answerAnalyses();
      const offline = runPodfit(['analyze', '-f', 'app.yaml', ...CLUSTER, ...flags]);
      const run = await analyzeOnServer(['--inventory', 'prod', ...flags]);
      expect(onlyRequest().url).toBe(url);
      expect(offline.code).toBe(1);
      expect(run).toEqual({ stdout: offline.stdout, stderr: `${offline.stderr}${STORED}`, code: 1 });
    },
  );

  it('-o table prints the offline table: its rows and messages are the canned numbers', async () => {
    answerAnalyses();
    const run = await analyzeOnServer(['--inventory', 'prod']);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^NAMESPACE +NAME +REPLICAS +CPU REQ .* NODES +MESSAGE$/);
    expect(lines[1]).toMatch(
      /^storefront +deployment\/web +3 +600m +704Mi +1 +896Mi +Burstable +<none> +3\/6 +<none>$/,
    );
    expect(run.stderr.endsWith(`(missing-memory-limit)\n${STORED}`)).toBe(true);
  });

  it('-o json prints apiVersion, kind and the workloads, each keeping its change', async () => {
    const webChange = {
      previousAnalysisId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      previousCreatedAt: '2025-06-01T08:00:00.000Z',
      requests: { cpu: { from: '500m', to: '600m', delta: '+100m' } },
      limits: {},
      summary: 'cpu request +100m',
    };
    answerAnalyses([webChange]);
    const offline = runPodfit(['analyze', '-f', 'app.yaml', ...CLUSTER, '-o', 'json']);
    const run = await analyzeOnServer(['--inventory', 'prod', '-o', 'json']);
    const workloads = offlineWorkloads.map((workload, i) => ({
      ...workload,
      change: i === 0 ? webChange : null,
    }));
    expect(run).toEqual({
      stdout: `${JSON.stringify({ apiVersion: 'podfit.dev/v1', kind: 'Analysis', workloads }, null, 2)}\n`,
      stderr: `${offline.stderr}${STORED}`,
      code: 1,
    });
    // Without `change`, the very bytes offline prints.
    const printed = JSON.parse(run.stdout) as { workloads: Partial<ServerWorkload>[] };
    for (const workload of printed.workloads) delete workload.change;
    expect(`${JSON.stringify(printed, null, 2)}\n`).toBe(offline.stdout);
  });

  it('-o yaml prints the same document as -o json', async () => {
    answerAnalyses();
    const run = await analyzeOnServer(['-o', 'yaml']);
    expect(onlyRequest().url).toBe('/v1/analyses?include=nodes');
    expect(
      run.stdout.startsWith('apiVersion: podfit.dev/v1\nkind: Analysis\nworkloads:\n- kind: Deployment\n'),
    ).toBe(true);
    expect(run.stdout).toContain('\n  change: null\n');
    expect(run.code).toBe(1);
  });

  it('-o markdown adds the Change column when a workload changed', async () => {
    answerAnalyses([{ summary: 'cpu request +100m', requests: {}, limits: {} }]);
    const run = await analyzeOnServer(['--inventory', 'prod', '-o', 'markdown']);
    expect(run.stdout).toContain('| Feasible nodes | Status | Change |\n');
    expect(run.stdout).toContain('| ✅ fits | cpu request +100m |\n');
    expect(run.stdout).toContain('| ✅ fits | - |\n');
  });

  it('--dry-run asks for ?dryRun=true (200) and reports no stored analysis', async () => {
    answerAnalyses();
    const offline = runPodfit(['analyze', '-f', 'app.yaml', ...CLUSTER, '-o', 'json', '--brief']);
    const run = await analyzeOnServer(['--inventory', 'prod', '--dry-run', '-o', 'json', '--brief']);
    expect(onlyRequest().url).toBe('/v1/analyses?dryRun=true');
    const { workloads } = JSON.parse(offline.stdout) as AnalysisResult;
    expect(run).toEqual({
      stdout: `${JSON.stringify(
        {
          apiVersion: 'podfit.dev/v1',
          kind: 'Analysis',
          workloads: workloads.map((w) => ({ ...w, change: null })),
        },
        null,
        2,
      )}\n`,
      stderr: offline.stderr,
      code: 1,
    });
  });

  it('exits 0 when every workload fits, as offline', async () => {
    server.answer(() => ({
      status: 201,
      body: {
        ...analysisView({ includeNodes: false }),
        workloads: [{ ...offlineWorkloads[0]!, change: null }],
      },
    }));
    const run = await analyzeOnServer(['--inventory', 'prod']);
    expect(run.code).toBe(0);
    expect(run.stderr.endsWith(`(init-phase-exceeds-running)\n${STORED}`)).toBe(true);
  });
});

describe('podfit analyze --server: errors', () => {
  it('422 invalid-manifest: each problem on stderr as offline prints it, exit 1', async () => {
    answerWith({
      status: 422,
      body: {
        statusCode: 422,
        code: 'invalid-manifest',
        message: 'the manifest is invalid (2 problems): app.yaml: document 2: …',
        details: [
          {
            file: 'app.yaml',
            document: 2,
            path: 'spec.template.spec.containers[1].resources.requests.cpu',
            message: 'invalid quantity "12x"',
          },
          {
            file: 'app.yaml',
            document: 4,
            path: '',
            line: 61,
            column: 9,
            message: 'bad indentation of a mapping entry',
          },
        ],
      },
    });
    expect(await analyzeOnServer(['--inventory', 'prod'])).toEqual({
      stdout: '',
      stderr:
        'error: app.yaml: document 2: spec.template.spec.containers[1].resources.requests.cpu: invalid quantity "12x"\n' +
        'error: app.yaml: document 4: line 61: bad indentation of a mapping entry\n',
      code: 1,
    });
  });

  it('400 malformed-input: located problems as offline, exit 2', async () => {
    answerWith({
      status: 400,
      body: {
        statusCode: 400,
        code: 'malformed-input',
        message: 'app.yaml: document 0: line 3: document contains excessive aliasing',
        details: [
          {
            file: 'app.yaml',
            document: 0,
            path: '',
            line: 3,
            column: 1,
            message: 'document contains excessive aliasing',
          },
        ],
      },
    });
    expect(await analyzeOnServer([])).toEqual({
      stdout: '',
      stderr: 'error: app.yaml: document 0: line 3: document contains excessive aliasing\n',
      code: 2,
    });
  });

  it('400 malformed-input about the request itself: the server message, exit 2', async () => {
    const problem =
      'key "Pipeline Name": name part must be 63 characters or less, start and end with an alphanumeric ' +
      "character, and contain only alphanumerics, '-', '_' or '.'";
    answerWith({
      status: 400,
      body: {
        statusCode: 400,
        code: 'malformed-input',
        message: `labels: ${problem}`,
        details: [{ path: 'labels', message: problem }],
      },
    });
    expect(await analyzeOnServer(['--label', 'Pipeline Name=x'])).toEqual({
      stdout: '',
      stderr: `error: labels: ${problem}\n`,
      code: 2,
    });
    expect(JSON.parse(onlyRequest().body)).toMatchObject({ labels: { 'Pipeline Name': 'x' } });
  });

  it('404 inventory-not-found: kubectl style, exit 2', async () => {
    answerWith({
      status: 404,
      body: {
        statusCode: 404,
        code: 'inventory-not-found',
        message: 'inventory "prod" not found',
        details: [],
      },
    });
    expect(await analyzeOnServer(['--inventory', 'prod'])).toEqual({
      stdout: '',
      stderr: 'Error from server (inventory-not-found): inventory "prod" not found\n',
      code: 2,
    });
  });

  it('503 database-unavailable: kubectl style, exit 2', async () => {
    answerWith({
      status: 503,
      body: {
        statusCode: 503,
        code: 'database-unavailable',
        message: 'the database is unavailable (connection lost); retry later',
        details: [],
      },
      headers: { 'retry-after': '2' },
    });
    expect(await analyzeOnServer([])).toEqual({
      stdout: '',
      stderr:
        'Error from server (database-unavailable): the database is unavailable (connection lost); retry later\n',
      code: 2,
    });
  });

  it('an answer that is not podfit’s (a proxy’s 502 page, a 201 that is not an analysis): exit 2', async () => {
    answerWith({ status: 502, body: '<html>bad gateway</html>' });
    expect(await analyzeOnServer([])).toEqual({
      stdout: '',
      stderr: `error: unexpected answer from the podfit server at ${server.url}: HTTP 502 Bad Gateway\n`,
      code: 2,
    });
    answerWith({ status: 201, body: { items: [] } });
    expect(await analyzeOnServer([])).toEqual({
      stdout: '',
      stderr: `error: unexpected answer from the podfit server at ${server.url}: the body is not an Analysis\n`,
      code: 2,
    });
  });

  it('connection refused: cannot reach the server, exit 2', async () => {
    const url = await closedPortUrl();
    const run = await runPodfitAsync(['analyze', '-f', 'app.yaml', '--server', url]);
    expect(run).toEqual({
      stdout: '',
      stderr: `error: cannot reach the podfit server at ${url}: connect ECONNREFUSED ${url.slice('http://'.length)}\n`,
      code: 2,
    });
  });
});

describe('podfit analyze: usage errors with --server, before any request', () => {
  it('analyze --help documents the server flags', async () => {
    const run = await runPodfitAsync(['analyze', '--help']);
    expect(run.code).toBe(0);
    for (const flag of ['--server <url>', '--inventory <name>', '--label <key=value>', '--dry-run']) {
      expect(run.stdout).toContain(`\n  ${flag}  `);
    }
    expect(run.stdout).toContain('(default: $PODFIT_SERVER)');
  });

  it('a file that is not UTF-8 is refused as offline refuses it, and nothing is sent', async () => {
    const latin1 = join(scratch, 'latin1.yaml');
    writeFileSync(
      latin1,
      Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nkind: Pod\n')]),
    );
    server.answer(() => ({ status: 500, body: 'not to be reached' }));
    const run = await runPodfitAsync(['analyze', '-f', latin1, '--server', server.url]);
    expect(run).toEqual({
      stdout: '',
      stderr: `error: ${latin1}: document 0: line 1: input is not UTF-8 text: invalid byte 0xe9\n`,
      code: 2,
    });
    expect(runPodfit(['analyze', '-f', latin1])).toEqual(run);
    expect(server.requests).toEqual([]);
  });

  it.each([
    [['--inventory', 'prod'], {}, 'error: --inventory needs --server'],
    [['--label', 'pipeline=ci'], {}, 'error: --label needs --server'],
    [['--dry-run'], {}, 'error: --dry-run needs --server'],
    [
      ['--server', 'SERVER', ...CLUSTER],
      {},
      'error: --nodes and --pods do not apply with --server: use --inventory with --server',
    ],
    [
      ['--server', 'SERVER', '--pods', 'pods.json'],
      {},
      'error: --nodes and --pods do not apply with --server: use --inventory with --server',
    ],
    [
      ['--nodes', 'nodes.json'],
      { PODFIT_SERVER: 'SERVER' },
      'error: --nodes and --pods do not apply with --server (set by PODFIT_SERVER): use --inventory with --server',
    ],
    [
      ['--server', 'podfit:8080'],
      {},
      'error: --server "podfit:8080": must be an http:// or https:// URL without credentials, query or fragment',
    ],
    [
      [],
      { PODFIT_SERVER: 'http://ci:s3cret@podfit:8080' },
      'error: PODFIT_SERVER "http://ci:s3cret@podfit:8080": must be an http:// or https:// URL without credentials, query or fragment',
    ],
    [['--server', 'SERVER', '--label', 'pipeline'], {}, 'error: --label "pipeline": must be key=value'],
    [
      ['--server', 'SERVER', '--label', 'a=1', '--label', 'a=2'],
      {},
      'error: --label "a": given more than once',
    ],
  ])('analyze -f app.yaml %j (env %j)', async (flags, env, line) => {
    server.answer(() => ({ status: 500, body: 'not to be reached' }));
    const withServer = (text: string) => text.replace('SERVER', server.url);
    const run = await runPodfitAsync(['analyze', '-f', 'app.yaml', ...flags.map(withServer)], {
      env: Object.fromEntries(Object.entries(env).map(([name, value]) => [name, withServer(value)])),
    });
    expect(run).toEqual({ stdout: '', stderr: `${line}\n`, code: 2 });
    expect(server.requests).toEqual([]);
  });

  it('an empty PODFIT_SERVER is unset: the analysis runs offline', async () => {
    const run = await runPodfitAsync(['analyze', '-f', 'app.yaml', ...CLUSTER], {
      env: { PODFIT_SERVER: '' },
    });
    expect(run).toEqual(runPodfit(['analyze', '-f', 'app.yaml', ...CLUSTER]));
  });
});

const PROD = {
  name: 'prod',
  description: 'EU production',
  version: 3,
  nodeCount: 6,
  podCount: 12,
  createdAt: '2025-05-30T14:00:00.000Z',
  updatedAt: '2025-06-02T09:15:00.000Z',
};
const STAGING = {
  name: 'staging',
  description: '',
  version: 1,
  nodeCount: 1,
  podCount: 0,
  createdAt: '2025-06-01T10:00:00.000Z',
  updatedAt: '2025-06-01T10:00:00.000Z',
};
const NOT_FOUND = {
  status: 404,
  body: { statusCode: 404, code: 'inventory-not-found', message: 'inventory "prod" not found', details: [] },
};

describe('podfit inventory import', () => {
  it('PUTs the files as text, and prints one line', async () => {
    answerWith({ status: 200, body: PROD, headers: { etag: '"3"' } });
    const run = await runPodfitAsync([
      'inventory',
      'import',
      'prod',
      '--nodes',
      'nodes.json',
      '--pods',
      'pods.json',
      '--description',
      'EU production',
      '--server',
      server.url,
    ]);
    const request = onlyRequest();
    expect([request.method, request.url]).toEqual(['PUT', '/v1/inventories/prod']);
    expect(clientHeaders(request)).toEqual({
      accept: 'application/json',
      authorization: undefined,
      'content-type': 'application/json',
      'user-agent': `podfit/${version}`,
    });
    expect(JSON.parse(request.body)).toEqual({
      description: 'EU production',
      nodes: NODES_JSON,
      pods: PODS_JSON,
    });
    expect(run).toEqual({
      stdout: 'inventory/prod imported: 6 nodes, 12 pods (version 3)\n',
      stderr: '',
      code: 0,
    });
  });

  it('reads the nodes from stdin, sends only what was given, and encodes the name', async () => {
    answerWith({ status: 201, body: { ...STAGING, name: 'eu/1' } });
    const run = await runPodfitAsync(['inventory', 'import', 'eu/1', '--nodes', '-'], {
      input: NODES_JSON,
      env: { PODFIT_SERVER: server.url, PODFIT_TOKEN: 's3cret' },
    });
    const request = onlyRequest();
    expect([request.method, request.url, request.headers.authorization]).toEqual([
      'PUT',
      '/v1/inventories/eu%2F1',
      'Bearer s3cret',
    ]);
    expect(JSON.parse(request.body)).toEqual({ nodes: NODES_JSON });
    expect(run).toEqual({
      stdout: 'inventory/eu/1 imported: 1 node, 0 pods (version 1)\n',
      stderr: '',
      code: 0,
    });
  });

  it('422 on invalid nodes: each problem as offline, exit 1', async () => {
    answerWith({
      status: 422,
      body: {
        statusCode: 422,
        code: 'invalid-manifest',
        message:
          'the manifest is invalid (1 problem): nodes: document 0: metadata.name: Duplicate value: "worker-a"',
        details: [
          { file: 'nodes', document: 0, path: 'metadata.name', message: 'Duplicate value: "worker-a"' },
        ],
      },
    });
    expect(
      await runPodfitAsync(['inventory', 'import', 'prod', '--nodes', 'nodes.json', '--server', server.url]),
    ).toEqual({
      stdout: '',
      stderr: 'error: nodes: document 0: metadata.name: Duplicate value: "worker-a"\n',
      code: 1,
    });
  });

  it.each([
    [['--nodes', 'nodes.json'], 'error: must specify --server (or set PODFIT_SERVER)'],
    [['--server', 'SERVER'], "error: required option '--nodes <file>' not specified"],
    [['--nodes', '-', '--pods', '-', '--server', 'SERVER'], 'error: stdin (-) can be read only once'],
    [['--nodes', 'missing.json', '--server', 'SERVER'], 'error: the path "missing.json" does not exist'],
    [
      ['--nodes', 'scoring', '--server', 'SERVER'],
      'error: --nodes "scoring" is a directory: give the file kubectl wrote, or -',
    ],
  ])('usage error: inventory import prod %j', async (flags, line) => {
    server.answer(() => ({ status: 500, body: 'not to be reached' }));
    const run = await runPodfitAsync([
      'inventory',
      'import',
      'prod',
      ...flags.map((f) => f.replace('SERVER', server.url)),
    ]);
    expect(run).toEqual({ stdout: '', stderr: `${line}\n`, code: 2 });
    expect(server.requests).toEqual([]);
  });
});

describe('podfit inventory list and get', () => {
  it('list prints a kubectl table, by name as the server lists them', async () => {
    answerWith({ status: 200, body: { items: [PROD, STAGING] } });
    const run = await runPodfitAsync(['inventory', 'list', '--server', server.url]);
    expect([onlyRequest().method, onlyRequest().url, onlyRequest().body]).toEqual([
      'GET',
      '/v1/inventories',
      '',
    ]);
    expect(clientHeaders(onlyRequest())['content-type']).toBeUndefined();
    expect(run).toEqual({
      stdout: kubectlTable([
        ['NAME', 'VERSION', 'NODES', 'PODS', 'UPDATED'],
        ['prod', '3', '6', '12', '2025-06-02T09:15:00.000Z'],
        ['staging', '1', '1', '0', '2025-06-01T10:00:00.000Z'],
      ]),
      stderr: '',
      code: 0,
    });
  });

  it('keeps the path of a server URL behind a reverse proxy', async () => {
    answerWith({ status: 200, body: { items: [] } });
    await runPodfitAsync(['inventory', 'list', '--server', `${server.url}/podfit`]);
    expect(onlyRequest().url).toBe('/podfit/v1/inventories');
  });

  it('list --no-headers, -o json, and an empty list', async () => {
    answerWith({ status: 200, body: { items: [PROD] } });
    expect((await runPodfitAsync(['inventory', 'list', '--server', server.url, '--no-headers'])).stdout).toBe(
      kubectlTable([['prod', '3', '6', '12', '2025-06-02T09:15:00.000Z']]),
    );
    expect((await runPodfitAsync(['inventory', 'list', '--server', server.url, '-o', 'json'])).stdout).toBe(
      `${JSON.stringify({ items: [PROD] }, null, 2)}\n`,
    );
    answerWith({ status: 200, body: { items: [] } });
    expect(await runPodfitAsync(['inventory', 'list', '--server', server.url])).toEqual({
      stdout: '',
      stderr: 'No inventories found.\n',
      code: 0,
    });
  });

  it('get prints one row, or the inventory as JSON or YAML', async () => {
    answerWith({ status: 200, body: PROD, headers: { etag: '"3"' } });
    expect(await runPodfitAsync(['inventory', 'get', 'prod', '--server', server.url])).toEqual({
      stdout: kubectlTable([
        ['NAME', 'VERSION', 'NODES', 'PODS', 'UPDATED'],
        ['prod', '3', '6', '12', '2025-06-02T09:15:00.000Z'],
      ]),
      stderr: '',
      code: 0,
    });
    expect([onlyRequest().method, onlyRequest().url]).toEqual(['GET', '/v1/inventories/prod']);
    expect(await runPodfitAsync(['inventory', 'get', 'prod', '--server', server.url, '-o', 'json'])).toEqual({
      stdout: `${JSON.stringify(PROD, null, 2)}\n`,
      stderr: '',
      code: 0,
    });
    expect(
      (await runPodfitAsync(['inventory', 'get', 'prod', '--server', server.url, '-o', 'yaml'])).stdout,
    ).toBe(
      [
        'name: prod',
        'description: EU production',
        'version: 3',
        'nodeCount: 6',
        'podCount: 12',
        "createdAt: '2025-05-30T14:00:00.000Z'",
        "updatedAt: '2025-06-02T09:15:00.000Z'",
        '',
      ].join('\n'),
    );
  });

  it('get of an unknown inventory: kubectl style, exit 2', async () => {
    answerWith(NOT_FOUND);
    expect(await runPodfitAsync(['inventory', 'get', 'prod', '--server', server.url])).toEqual({
      stdout: '',
      stderr: 'Error from server (inventory-not-found): inventory "prod" not found\n',
      code: 2,
    });
  });

  it.each([
    [
      ['list', '-o', 'wide'],
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: json,table,yaml',
    ],
    [['list'], 'error: must specify --server (or set PODFIT_SERVER)'],
    [['get'], "error: missing required argument 'name'"],
  ])('usage error: inventory %j', async (args, line) => {
    expect(await runPodfitAsync(['inventory', ...args])).toEqual({
      stdout: '',
      stderr: `${line}\n`,
      code: 2,
    });
  });
});
