// `podfit capacity max`: the real binary on test/fixtures/ok/capacity. nodes.json holds 3 nodes (node-1,
// node-2, node-3) of 4 cpu, 8Gi memory and 110 pods each; pods.json binds one pod of 2 cpu and 1Gi to node-1.
// Each workload is placed alone on the inventory as given; the counts below are worked out by hand:
// - deployment/web, 1500m cpu + 512Mi: cpu allows floor(4 / 1.5) = 2 per node (memory would allow 16), so
//   3 × 2 = 6, limited by cpu; the 7th replica finds no node with 1500m left: "3 Insufficient cpu". With
//   pods.json, node-1 has 2 cpu left: 1 there, 2 + 2 elsewhere = 5.
// - deployment/cache, 100m cpu, required pod anti-affinity on kubernetes.io/hostname against its own
//   label: one per node = 3, stopped by InterPodAffinity, no resource.
// - daemonset/log-agent, 200m cpu: one pod on each of the 3 nodes, nothing stops it.
// - too-big.yaml's deployment/batch, 5 cpu: no 4-cpu node takes it, 0 replicas, exit 1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { kubectlTable, OK_FIXTURES, REPO_ROOT, runPodfit } from './podfit-binary';

const CAPACITY = join(OK_FIXTURES, 'capacity');
const validate = new Ajv({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(join(REPO_ROOT, 'schema/max-replicas.schema.json'), 'utf8')),
);

function expectValid(document: unknown): void {
  const ok = validate(document);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const max = (...args: string[]) => runPodfit(['capacity', 'max', ...args], { cwd: CAPACITY });
const ON_NODES = ['--nodes', 'nodes.json'];

const CPU_STOP = '0/3 nodes are available: 3 Insufficient cpu.';
const ANTI_AFFINITY_STOP = "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.";

const web = {
  kind: 'Deployment',
  namespace: 'shop',
  name: 'web',
  source: 'app.yaml',
  document: 0,
  maxReplicas: 6,
  perNode: { 'node-1': 2, 'node-2': 2, 'node-3': 2 },
  limitedBy: ['cpu'],
  stopMessage: CPU_STOP,
  hitReplicaCap: false,
  warnings: [],
};
const cache = {
  kind: 'Deployment',
  namespace: 'shop',
  name: 'cache',
  source: 'app.yaml',
  document: 1,
  maxReplicas: 3,
  perNode: { 'node-1': 1, 'node-2': 1, 'node-3': 1 },
  limitedBy: [],
  stopMessage: ANTI_AFFINITY_STOP,
  hitReplicaCap: false,
  warnings: [],
};
const logAgent = {
  kind: 'DaemonSet',
  namespace: 'kube-system',
  name: 'log-agent',
  source: 'app.yaml',
  document: 2,
  maxReplicas: 3,
  perNode: { 'node-1': 1, 'node-2': 1, 'node-3': 1 },
  limitedBy: [],
  stopMessage: null,
  hitReplicaCap: false,
  warnings: [],
};

describe('podfit capacity max', () => {
  it('prints how many replicas of each workload fit, each on its own, as a kubectl table', () => {
    const run = max('-f', 'app.yaml', ...ON_NODES);
    expect(run).toEqual({
      code: 0,
      stderr: '',
      stdout: kubectlTable([
        ['NAMESPACE', 'NAME', 'MAX REPLICAS', 'LIMITED BY', 'STOP REASON'],
        ['shop', 'deployment/web', '6', 'cpu', CPU_STOP],
        ['shop', 'deployment/cache', '3', '<none>', ANTI_AFFINITY_STOP],
        ['kube-system', 'daemonset/log-agent', '3', '<none>', '<none>'],
      ]),
    });
  });

  it('-o json is the MaxReplicas report, valid against schema/max-replicas.schema.json', () => {
    const run = max('-f', 'app.yaml', ...ON_NODES, '-o', 'json');
    expect(run.code).toBe(0);
    const report: unknown = JSON.parse(run.stdout);
    expectValid(report);
    expect(report).toEqual({
      apiVersion: 'podfit.dev/v1',
      kind: 'MaxReplicas',
      workloads: [web, cache, logAgent],
    });
    expect(run.stdout).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it('-o yaml carries the same report', () => {
    const json: unknown = JSON.parse(max('-f', 'app.yaml', ...ON_NODES, '-o', 'json').stdout);
    const run = max('-f', 'app.yaml', ...ON_NODES, '-o', 'yaml');
    expect(run.code).toBe(0);
    expect(load(run.stdout)).toEqual(json);
  });

  it('counts around the pods already bound (--pods): node-1 has 2 cpu left, for 1 replica of web', () => {
    const run = max('-f', 'app.yaml', ...ON_NODES, '--pods', 'pods.json', '-o', 'json');
    const report = JSON.parse(run.stdout) as { workloads: unknown[] };
    expectValid(report);
    expect(report.workloads[0]).toEqual({
      ...web,
      maxReplicas: 5,
      perNode: { 'node-1': 1, 'node-2': 2, 'node-3': 2 },
    });
    // 100m and 200m still fit next to the bound pod: the other two are unchanged.
    expect(report.workloads.slice(1)).toEqual([cache, logAgent]);
  });

  it('-o wide adds the replicas placed on each node; --no-headers leaves out both headers', () => {
    const rows = [
      ['shop', 'deployment/web', '6', 'cpu', CPU_STOP],
      ['shop', 'deployment/cache', '3', '<none>', ANTI_AFFINITY_STOP],
      ['kube-system', 'daemonset/log-agent', '3', '<none>', '<none>'],
    ];
    const perNode = ['web', 'cache'].flatMap((name) =>
      ['node-1', 'node-2', 'node-3'].map((node) => [
        'shop',
        `deployment/${name}`,
        node,
        name === 'web' ? '2' : '1',
      ]),
    );
    perNode.push(
      ...['node-1', 'node-2', 'node-3'].map((node) => ['kube-system', 'daemonset/log-agent', node, '1']),
    );
    expect(max('-f', 'app.yaml', ...ON_NODES, '-o', 'wide').stdout).toBe(
      kubectlTable([['NAMESPACE', 'NAME', 'MAX REPLICAS', 'LIMITED BY', 'STOP REASON'], ...rows]) +
        '\n' +
        kubectlTable([['NAMESPACE', 'NAME', 'NODE', 'REPLICAS'], ...perNode]),
    );
    expect(max('-f', 'app.yaml', ...ON_NODES, '-o', 'wide', '--no-headers').stdout).toBe(
      `${kubectlTable(rows)}\n${kubectlTable(perNode)}`,
    );
  });

  it('--max-replicas stops the count there and says so: no stop message, hitReplicaCap', () => {
    const run = max('-f', 'app.yaml', ...ON_NODES, '--max-replicas', '2', '-o', 'json');
    const report = JSON.parse(run.stdout) as unknown;
    expectValid(report);
    const capped = {
      perNode: { 'node-1': 1, 'node-2': 1 },
      maxReplicas: 2,
      stopMessage: null,
      hitReplicaCap: true,
    };
    expect(report).toEqual({
      apiVersion: 'podfit.dev/v1',
      kind: 'MaxReplicas',
      // A DaemonSet wants one pod per node whatever the cap.
      workloads: [{ ...web, ...capped, limitedBy: [] }, { ...cache, ...capped }, logAgent],
    });
    expect(max('-f', 'app.yaml', ...ON_NODES, '--max-replicas', '2').stdout).toBe(
      kubectlTable([
        ['NAMESPACE', 'NAME', 'MAX REPLICAS', 'LIMITED BY', 'STOP REASON'],
        ['shop', 'deployment/web', '2', '<none>', 'stopped at --max-replicas 2'],
        ['shop', 'deployment/cache', '2', '<none>', 'stopped at --max-replicas 2'],
        ['kube-system', 'daemonset/log-agent', '3', '<none>', '<none>'],
      ]),
    );
  });

  it('exits 1 when a workload cannot place even one replica', () => {
    expect(max('-f', 'too-big.yaml', ...ON_NODES)).toEqual({
      code: 1,
      stderr: '',
      stdout: kubectlTable([
        ['NAMESPACE', 'NAME', 'MAX REPLICAS', 'LIMITED BY', 'STOP REASON'],
        ['jobs', 'deployment/batch', '0', 'cpu', CPU_STOP],
      ]),
    });
  });

  it('reports an invalid workload on stderr as analyze does, leaves it out of the report, and exits 1', () => {
    const broken = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: broken, namespace: shop}',
      'spec:',
      '  selector: {matchLabels: {app: broken}}',
      '  template:',
      '    metadata: {labels: {app: broken}}',
      '    spec:',
      '      containers:',
      '      - {name: app, image: busybox, resources: {requests: {cpu: "-1"}}}',
      '',
    ].join('\n');
    const run = runPodfit(['capacity', 'max', '-f', '-', '-f', 'app.yaml', ...ON_NODES, '-o', 'json'], {
      cwd: CAPACITY,
      input: broken,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: <stdin>: document 0: spec.template.spec.containers[0].resources.requests.cpu: Invalid value: "-1": must be greater than or equal to 0\n',
    );
    const report = JSON.parse(run.stdout) as unknown;
    expectValid(report);
    expect(report).toEqual({
      apiVersion: 'podfit.dev/v1',
      kind: 'MaxReplicas',
      workloads: [web, cache, logAgent],
    });
  });

  it.each([
    [['-f', 'missing.yaml', ...ON_NODES], 'error: the path "missing.yaml" does not exist\n'],
    [['-f', 'app.yaml'], 'error: must specify --nodes (`kubectl get nodes -o json`)\n'],
    [['--nodes', 'nodes.json'], 'error: must specify -f (a file, a directory, or - for stdin)\n'],
    [
      ['-f', 'app.yaml', ...ON_NODES, '-o', 'bogus'],
      'error: unable to match a printer suitable for the output format "bogus", allowed formats are: csv,html,json,table,wide,yaml\n',
    ],
    [
      ['-f', 'app.yaml', ...ON_NODES, '--max-replicas', '0'],
      'error: --max-replicas "0": must be a whole number of at least 1\n',
    ],
    [
      ['-f', 'app.yaml', '--nodes', '../../bad/row-03-yaml-syntax-error.yaml'],
      'error: ../../bad/row-03-yaml-syntax-error.yaml: document 2: line 31: bad indentation of a mapping entry\n',
    ],
  ])('exits 2 on bad usage or unreadable input: %j', (args, stderr) => {
    const run = max(...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(stderr);
  });
});
