// `podfit capacity plan`: the real binary on test/fixtures/ok/capacity. nodes.json holds 3 nodes (node-1,
// node-2, node-3) of 4 cpu, 8Gi memory and 110 pods each, no ephemeral-storage (its row always shows, at 0);
// pods.json binds one pod of 2 cpu and 1Gi to node-1. Workloads are placed together, DaemonSets first, then
// in input order; among feasible nodes the highest LeastAllocated + BalancedAllocation score wins (podfit
// scores no topology spread), ties to the first name. Worked out by hand:
//
// app.yaml (web 2 × 1500m/512Mi, cache 2 × 100m/256Mi with hostname anti-affinity, DaemonSet log-agent
// 200m/128Mi) on nodes.json alone:
// - log-agent: one pod per node: 200m/128Mi each.
// - web#1: the nodes are equal: node-1 (1700m/640Mi). web#2: node-2 and node-3 are equal and emptier than
//   node-1: node-2 (1700m/640Mi).
// - cache#1: node-3 is the emptiest (300m/384Mi). cache#2: anti-affinity rules out node-3; node-1 and node-2
//   are equal: node-1 (1800m/896Mi).
// - After: node-1 1800m (45%), 896Mi (896/8192 = 10.9%: 10%), 3 pods (2%); node-2 1700m (42%), 640Mi (7%), 2
//   pods (1%); node-3 300m (7%), 384Mi (4%), 2 pods (1%). Cluster: 3800m of 12 (31%), 1920Mi of 24Gi (7%),
//   7 of 330 pods (2%). Everything fits: exit 0.
//
// rollout.yaml (api 5 × 1500m/1Gi, then worker 3 × 1/512Mi) on nodes.json + pods.json:
// - api fits 1 on node-1 (2 cpu free), 2 on node-2 and 2 on node-3: all 5, whatever the order, filling every
//   node to its last 1500m: 500m free on node-1, 1 cpu on node-2 and node-3.
// - worker: 1 on node-2, 1 on node-3; the 3rd finds no cpu: "0/3 nodes are available: 3 Insufficient cpu."
// - After: node-1 3500m (87%), 2Gi (25%), 2 pods (1%); node-2 and node-3 4 (100%), 2560Mi (31%), 3 pods
//   (2%). Cluster: before 2 (16%), 1Gi (4%), 1 pod (0%); after 11500m (95%), 7Gi (29%), 8 pods (2%). Exit 1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { kubectlTable, OK_FIXTURES, REPO_ROOT, runPodfit } from './podfit-binary';

const CAPACITY = join(OK_FIXTURES, 'capacity');
const validate = new Ajv({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(join(REPO_ROOT, 'schema/capacity-plan.schema.json'), 'utf8')),
);

function expectValid(document: unknown): void {
  const ok = validate(document);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const plan = (...args: string[]) => runPodfit(['capacity', 'plan', ...args], { cwd: CAPACITY });
const ROLLOUT = ['-f', 'rollout.yaml', '--nodes', 'nodes.json', '--pods', 'pods.json'];
const CPU_STOP = '0/3 nodes are available: 3 Insufficient cpu.';

const WORKLOAD_HEADERS = ['NAMESPACE', 'NAME', 'WANTED', 'PLACED', 'FITS', 'LIMITED BY', 'STOP REASON'];
const CLUSTER_HEADERS = ['RESOURCE', 'ALLOCATABLE', 'REQUESTED BEFORE', 'REQUESTED AFTER'];
const NODE_HEADERS = [
  'NODE',
  'PLACED',
  'CPU BEFORE',
  'CPU AFTER',
  'MEMORY BEFORE',
  'MEMORY AFTER',
  'PODS BEFORE',
  'PODS AFTER',
];

const usage = (resource: string, allocatable: string, requested: string, free: string, percent: number) => ({
  resource,
  allocatable,
  requested,
  free,
  percent,
});
const NO_EPHEMERAL_STORAGE = usage('ephemeral-storage', '0', '0', '0', 0);
const emptyNode = [
  usage('cpu', '4', '0', '4', 0),
  usage('memory', '8Gi', '0', '8Gi', 0),
  NO_EPHEMERAL_STORAGE,
  usage('pods', '110', '0', '110', 0),
];

describe('podfit capacity plan', () => {
  it('places the workloads together: a row each, then the cluster before and after; exit 0 when all fit', () => {
    expect(plan('-f', 'app.yaml', '--nodes', 'nodes.json')).toEqual({
      code: 0,
      stderr: '',
      stdout:
        kubectlTable([
          WORKLOAD_HEADERS,
          ['shop', 'deployment/web', '2', '2', 'true', '<none>', '<none>'],
          ['shop', 'deployment/cache', '2', '2', 'true', '<none>', '<none>'],
          ['kube-system', 'daemonset/log-agent', '3', '3', 'true', '<none>', '<none>'],
        ]) +
        '\n' +
        kubectlTable([
          CLUSTER_HEADERS,
          ['cpu', '12', '0 (0%)', '3800m (31%)'],
          ['memory', '24Gi', '0 (0%)', '1920Mi (7%)'],
          ['ephemeral-storage', '0', '0 (0%)', '0 (0%)'],
          ['pods', '330', '0 (0%)', '7 (2%)'],
        ]),
    });
  });

  it('-o wide adds each node before and after, in inventory order', () => {
    const run = plan('-f', 'app.yaml', '--nodes', 'nodes.json', '-o', 'wide');
    expect(run.code).toBe(0);
    const nodeTable = run.stdout.slice(run.stdout.lastIndexOf('\n\n') + 2);
    expect(nodeTable).toBe(
      kubectlTable([
        NODE_HEADERS,
        ['node-1', '3', '0 (0%)', '1800m (45%)', '0 (0%)', '896Mi (10%)', '0 (0%)', '3 (2%)'],
        ['node-2', '2', '0 (0%)', '1700m (42%)', '0 (0%)', '640Mi (7%)', '0 (0%)', '2 (1%)'],
        ['node-3', '2', '0 (0%)', '300m (7%)', '0 (0%)', '384Mi (4%)', '0 (0%)', '2 (1%)'],
      ]),
    );
    expect(run.stdout.startsWith(plan('-f', 'app.yaml', '--nodes', 'nodes.json').stdout)).toBe(true);
  });

  it('exits 1 when a workload does not fit: what was placed, the resource that ran out and why', () => {
    const rows = [
      ['shop', 'deployment/api', '5', '5', 'true', '<none>', '<none>'],
      ['shop', 'deployment/worker', '3', '2', 'false', 'cpu', CPU_STOP],
    ];
    const cluster = [
      ['cpu', '12', '2 (16%)', '11500m (95%)'],
      ['memory', '24Gi', '1Gi (4%)', '7Gi (29%)'],
      ['ephemeral-storage', '0', '0 (0%)', '0 (0%)'],
      ['pods', '330', '1 (0%)', '8 (2%)'],
    ];
    const nodes = [
      ['node-1', '1', '2 (50%)', '3500m (87%)', '1Gi (12%)', '2Gi (25%)', '1 (0%)', '2 (1%)'],
      ['node-2', '3', '0 (0%)', '4 (100%)', '0 (0%)', '2560Mi (31%)', '0 (0%)', '3 (2%)'],
      ['node-3', '3', '0 (0%)', '4 (100%)', '0 (0%)', '2560Mi (31%)', '0 (0%)', '3 (2%)'],
    ];
    expect(plan(...ROLLOUT, '-o', 'wide')).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        kubectlTable([WORKLOAD_HEADERS, ...rows]),
        kubectlTable([CLUSTER_HEADERS, ...cluster]),
        kubectlTable([NODE_HEADERS, ...nodes]),
      ].join('\n'),
    });
    expect(plan(...ROLLOUT, '-o', 'wide', '--no-headers')).toEqual({
      code: 1,
      stderr: '',
      stdout: [kubectlTable(rows), kubectlTable(cluster), kubectlTable(nodes)].join('\n'),
    });
  });

  it('-o json is the CapacityPlan report, valid against schema/capacity-plan.schema.json; -o yaml the same', () => {
    const run = plan(...ROLLOUT, '-o', 'json');
    expect(run.code).toBe(1);
    const report: unknown = JSON.parse(run.stdout);
    expectValid(report);
    expect(report).toEqual({
      apiVersion: 'podfit.dev/v1',
      kind: 'CapacityPlan',
      fits: false,
      workloads: [
        {
          kind: 'Deployment',
          namespace: 'shop',
          name: 'api',
          source: 'rollout.yaml',
          document: 0,
          requests: { cpu: '1500m', memory: '1Gi' },
          wanted: 5,
          placed: 5,
          fits: true,
          perNode: { 'node-1': 1, 'node-2': 2, 'node-3': 2 },
          limitedBy: [],
          stopMessage: null,
          warnings: [],
        },
        {
          kind: 'Deployment',
          namespace: 'shop',
          name: 'worker',
          source: 'rollout.yaml',
          document: 1,
          requests: { cpu: '1', memory: '512Mi' },
          wanted: 3,
          placed: 2,
          fits: false,
          perNode: { 'node-2': 1, 'node-3': 1 },
          limitedBy: ['cpu'],
          stopMessage: CPU_STOP,
          warnings: [],
        },
      ],
      nodes: [
        {
          name: 'node-1',
          template: null,
          unschedulable: false,
          placed: 1,
          before: [
            usage('cpu', '4', '2', '2', 50),
            usage('memory', '8Gi', '1Gi', '7Gi', 12),
            NO_EPHEMERAL_STORAGE,
            usage('pods', '110', '1', '109', 0),
          ],
          after: [
            usage('cpu', '4', '3500m', '500m', 87),
            usage('memory', '8Gi', '2Gi', '6Gi', 25),
            NO_EPHEMERAL_STORAGE,
            usage('pods', '110', '2', '108', 1),
          ],
        },
        ...['node-2', 'node-3'].map((name) => ({
          name,
          template: null,
          unschedulable: false,
          placed: 3,
          before: emptyNode,
          after: [
            usage('cpu', '4', '4', '0', 100),
            usage('memory', '8Gi', '2560Mi', '5632Mi', 31),
            NO_EPHEMERAL_STORAGE,
            usage('pods', '110', '3', '107', 2),
          ],
        })),
      ],
      cluster: {
        before: [
          usage('cpu', '12', '2', '10', 16),
          usage('memory', '24Gi', '1Gi', '23Gi', 4),
          NO_EPHEMERAL_STORAGE,
          usage('pods', '330', '1', '329', 0),
        ],
        after: [
          usage('cpu', '12', '11500m', '500m', 95),
          usage('memory', '24Gi', '7Gi', '17Gi', 29),
          NO_EPHEMERAL_STORAGE,
          usage('pods', '330', '8', '322', 2),
        ],
      },
    });
    expect(run.stdout).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(load(plan(...ROLLOUT, '-o', 'yaml').stdout)).toEqual(report);
  });

  // api 2 (node-2, node-3: emptier than node-1), then worker 2 (every node still has 1 cpu): 1 + 3 + 2 = 6
  // more cpu, 2Gi + 1Gi more memory, 4 more pods; neither workload reaches its count, with no scheduler message.
  it('--max-replicas stops each workload there, which the stop reason says; exit 1', () => {
    expect(plan(...ROLLOUT, '--max-replicas', '2')).toEqual({
      code: 1,
      stderr: '',
      stdout:
        kubectlTable([
          WORKLOAD_HEADERS,
          ['shop', 'deployment/api', '5', '2', 'false', '<none>', 'stopped at --max-replicas 2'],
          ['shop', 'deployment/worker', '3', '2', 'false', '<none>', 'stopped at --max-replicas 2'],
        ]) +
        '\n' +
        kubectlTable([
          CLUSTER_HEADERS,
          ['cpu', '12', '2 (16%)', '7 (58%)'],
          ['memory', '24Gi', '1Gi (4%)', '4Gi (16%)'],
          ['ephemeral-storage', '0', '0 (0%)', '0 (0%)'],
          ['pods', '330', '1 (0%)', '5 (1%)'],
        ]),
    });
  });

  it('reports an invalid workload on stderr as analyze does, leaves it out of the plan, and exits 1', () => {
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
      '      - {name: app, image: busybox, resources: {requests: {memory: 1Gx}}}',
      '',
    ].join('\n');
    const run = runPodfit(['capacity', 'plan', '-f', '-', '-f', 'app.yaml', '--nodes', 'nodes.json'], {
      cwd: CAPACITY,
      input: broken,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: <stdin>: document 0: spec.template.spec.containers[0].resources.requests.memory: invalid quantity "1Gx": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n`,
    );
    expect(run.stdout).toBe(plan('-f', 'app.yaml', '--nodes', 'nodes.json').stdout);
  });

  it.each([
    [['-f', 'app.yaml'], 'error: must specify --nodes (`kubectl get nodes -o json`)\n'],
    [['--nodes', 'nodes.json'], 'error: must specify -f (a file, a directory, or - for stdin)\n'],
    [
      ['-f', 'app.yaml', '--nodes', 'nodes.json', '-o', 'bogus'],
      'error: unable to match a printer suitable for the output format "bogus", allowed formats are: csv,html,json,table,wide,yaml\n',
    ],
    [
      ['-f', 'app.yaml', '--nodes', 'nodes.json', '--max-replicas', 'ten'],
      'error: --max-replicas "ten": must be a whole number of at least 1\n',
    ],
    [['-f', '-', '--nodes', '-'], 'error: stdin (-) can be read only once\n'],
  ])('exits 2 on bad usage: %j', (args, stderr) => {
    expect(plan(...args)).toEqual({ code: 2, stdout: '', stderr });
  });
});
