// test/fixtures/ok/app.yaml: every workload kind, with the numbers worked out by hand in test/cli/README.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubectlTable, OK_FIXTURES, runPodfit } from './podfit-binary';

const HEADERS = ['NAMESPACE', 'NAME', 'REPLICAS', 'CPU REQ', 'MEM REQ', 'CPU LIM', 'MEM LIM', 'QOS', 'OTHER'];

// One row per valid workload, in input order (NAMESPACE … OTHER).
const PODS = {
  web: ['storefront', 'deployment/web', '3', '600m', '704Mi', '1', '896Mi', 'Burstable', '<none>'],
  postgres: [
    'storefront',
    'statefulset/postgres',
    '2',
    '2',
    '4Gi',
    '2',
    '4Gi',
    'Guaranteed',
    'ephemeral-storage=10Gi',
  ],
  nodeExporter: [
    'monitoring',
    'daemonset/node-exporter',
    '<unknown>',
    '100m',
    '180Mi',
    '250m',
    '180Mi',
    'Burstable',
    '<none>',
  ],
  searchReindex: [
    'storefront',
    'job/search-reindex',
    '2',
    '2',
    '16Gi',
    '<none>',
    '16Gi',
    'Burstable',
    '<none>',
  ],
  nightlyReport: [
    'default',
    'cronjob/nightly-report',
    '1',
    '<none>',
    '<none>',
    '<none>',
    '<none>',
    'BestEffort',
    '<none>',
  ],
  debugShell: [
    'storefront',
    'pod/debug-shell',
    '1',
    '1250m',
    '1184Mi',
    '2250m',
    '2208Mi',
    'Burstable',
    '<none>',
  ],
  inference: [
    'ml',
    'deployment/inference',
    '2',
    '2',
    '8Gi',
    '<none>',
    '8Gi',
    'Burstable',
    'ephemeral-storage=1Gi,nvidia.com/gpu=1',
  ],
};

const CRONJOB_CONTAINER = 'spec.jobTemplate.spec.template.spec.containers[0]';

/**
 * The anatomy findings of app.yaml, in order: `[document, path, code, words the message must hold]`. None for
 * node-exporter's host port: one pod per node is what a DaemonSet is for. None for postgres' mounts of `data`:
 * the StatefulSet controller adds a volume for each claim template (stateful_set_utils.go, updateStorage).
 */
const WARNINGS: [number, string, string, string[]][] = [
  [
    2,
    'spec.template.spec.initContainers[1]',
    'init-phase-exceeds-running',
    ['"migrate"', 'cpu 600m', 'cpu 400m'],
  ],
  [7, CRONJOB_CONTAINER, 'missing-cpu-request', []],
  [7, CRONJOB_CONTAINER, 'missing-memory-request', []],
  [7, CRONJOB_CONTAINER, 'missing-memory-limit', []],
];

function expectWarnings(stderr: string, source: string): void {
  const lines = stderr.split('\n');
  expect(lines.pop()).toBe('');
  expect(lines).toHaveLength(WARNINGS.length);
  lines.forEach((line, i) => {
    const [document, path, code, words] = WARNINGS[i]!;
    const prefix = `Warning: ${source}: document ${document}: ${path}: `;
    expect(line.startsWith(prefix)).toBe(true);
    expect(line.endsWith(` (${code})`)).toBe(true);
    expect(line.length).toBeGreaterThan(prefix.length + code.length + 3);
    for (const word of words) expect(line).toContain(word);
  });
}

describe('podfit analyze -f app.yaml', () => {
  it("prints what each workload's pods reserve, and exits 0", () => {
    const run = runPodfit(['analyze', '-f', 'app.yaml']);
    expect(run.stdout).toBe(kubectlTable([HEADERS, ...Object.values(PODS)]));
    expectWarnings(run.stderr, 'app.yaml');
    expect(run.code).toBe(0);
  });

  it('--no-headers leaves the header line out', () => {
    const run = runPodfit(['analyze', '-f', 'app.yaml', '--no-headers']);
    expect(run.stdout).toBe(kubectlTable(Object.values(PODS)));
    expect(run.code).toBe(0);
  });

  it('names stdin <stdin>', () => {
    const run = runPodfit(['analyze', '-f', '-'], { input: readFileSync(join(OK_FIXTURES, 'app.yaml')) });
    expect(run.stdout).toBe(kubectlTable([HEADERS, ...Object.values(PODS)]));
    expectWarnings(run.stderr, '<stdin>');
    expect(run.code).toBe(0);
  });
});

describe('podfit analyze -f app.yaml --nodes nodes.json --pods pods.json', () => {
  const NO_PORT =
    "0/6 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 5 node(s) didn't satisfy plugin(s) [NodeAffinity].";
  const NO_ROOM =
    '0/6 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu, 2 node(s) had untolerated taint(s), 3 Insufficient memory.';

  it('adds where each pod fits; exits 1 as search-reindex fits nowhere and node-exporter misses a node', () => {
    const run = runPodfit(['analyze', '-f', 'app.yaml', '--nodes', 'nodes.json', '--pods', 'pods.json']);
    expect(run.stdout).toBe(
      kubectlTable([
        [...HEADERS, 'NODES', 'MESSAGE'],
        [...PODS.web, '3/6', '<none>'],
        [...PODS.postgres, '1/6', '<none>'],
        [...PODS.nodeExporter.map((cell) => (cell === '<unknown>' ? '6' : cell)), '5/6', NO_PORT],
        [...PODS.searchReindex, '0/6', NO_ROOM],
        [...PODS.nightlyReport, '3/6', '<none>'],
        [...PODS.debugShell, '2/6', '<none>'],
        [...PODS.inference, '1/6', '<none>'],
      ]),
    );
    expectWarnings(run.stderr, 'app.yaml');
    expect(run.code).toBe(1);
  });

  it('without the bound pods, every node is empty: postgres finds room on worker-a, node-exporter on worker-c', () => {
    const run = runPodfit(['analyze', '-f', 'app.yaml', '--nodes', 'nodes.json', '-o', 'json', '--brief']);
    const fits = (
      JSON.parse(run.stdout) as {
        workloads: { name: string; fit: { feasibleNodes: number; message: string | null } }[];
      }
    ).workloads.map((w) => [w.name, w.fit.feasibleNodes, w.fit.message]);
    // 16Gi is more than any untainted node's allocatable memory (15242268Ki), bound pods or not.
    expect(fits).toEqual([
      ['web', 3, null],
      ['postgres', 2, null],
      ['node-exporter', 6, null],
      [
        'search-reindex',
        0,
        '0/6 nodes are available: 1 node(s) were unschedulable, 2 node(s) had untolerated taint(s), 3 Insufficient memory.',
      ],
      ['nightly-report', 3, null],
      ['debug-shell', 3, null],
      ['inference', 1, null],
    ]);
    expect(run.code).toBe(1);
  });
});
