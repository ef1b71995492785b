// Install manifests of well-known projects, copied verbatim (test/fixtures/ok/real-world/SOURCES.md): podfit
// skips their CRDs, RBAC, Services and webhooks and prints the numbers their authors wrote.
import { kubectlTable, runPodfit } from './podfit-binary';

const HEADERS = ['NAMESPACE', 'NAME', 'REPLICAS', 'CPU REQ', 'MEM REQ', 'CPU LIM', 'MEM LIM', 'QOS', 'OTHER'];
const NONE = '<none>';

const FLANNEL = [
  'kube-system',
  'daemonset/kube-flannel-ds',
  '<unknown>',
  '100m',
  '50Mi',
  '100m',
  '50Mi',
  'Burstable',
  NONE,
];
const INGRESS_NGINX = [
  [
    'ingress-nginx',
    'deployment/ingress-nginx-controller',
    '1',
    '100m',
    '90Mi',
    NONE,
    NONE,
    'Burstable',
    NONE,
  ],
  ['ingress-nginx', 'job/ingress-nginx-admission-create', '1', NONE, NONE, NONE, NONE, 'BestEffort', NONE],
  ['ingress-nginx', 'job/ingress-nginx-admission-patch', '1', NONE, NONE, NONE, NONE, 'BestEffort', NONE],
];
const KUBE_STATE_METRICS = [
  'kube-system',
  'deployment/kube-state-metrics',
  '1',
  NONE,
  NONE,
  NONE,
  NONE,
  'BestEffort',
  NONE,
];

const FLANNEL_FILE = 'real-world/flannel/kube-flannel.yml';
const INGRESS_NGINX_FILE = 'real-world/ingress-nginx/deploy.yaml';
const KUBE_STATE_METRICS_FILE = 'real-world/kube-state-metrics/deployment.yaml';

const BEST_EFFORT = ['missing-cpu-request', 'missing-memory-request', 'missing-memory-limit'];

/** `Warning: <source>: document N: <path>: … (<code>)`, one per expected `[source, document, path, code]`. */
function expectWarnings(stderr: string, expected: [string, number, string, string][]): void {
  const lines = stderr.split('\n');
  expect(lines.pop()).toBe('');
  expect(
    lines.map((line) => /^Warning: (.+): document (\d+): (\S+): .+ \(([a-z-]+)\)$/.exec(line)?.slice(1)),
  ).toEqual(expected.map(([source, document, path, code]) => [source, String(document), path, code]));
}

const FLANNEL_WARNINGS: [string, number, string, string][] = [
  // install-cni sets no resources: it alone keeps the pod from Guaranteed (ComputePodQOS counts init containers).
  [FLANNEL_FILE, 5, 'spec.template.spec.initContainers[0]', 'unsized-init-container'],
];
const INGRESS_NGINX_WARNINGS: [string, number, string, string][] = [
  [INGRESS_NGINX_FILE, 14, 'spec.template.spec.containers[0]', 'missing-memory-limit'],
  ...BEST_EFFORT.map((code): [string, number, string, string] => [
    INGRESS_NGINX_FILE,
    15,
    'spec.template.spec.containers[0]',
    code,
  ]),
  ...BEST_EFFORT.map((code): [string, number, string, string] => [
    INGRESS_NGINX_FILE,
    16,
    'spec.template.spec.containers[0]',
    code,
  ]),
];
const KUBE_STATE_METRICS_WARNINGS = BEST_EFFORT.map((code): [string, number, string, string] => [
  KUBE_STATE_METRICS_FILE,
  0,
  'spec.template.spec.containers[0]',
  code,
]);

describe('real-world install manifests', () => {
  it('ingress-nginx: the controller Deployment and the two certificate Jobs', () => {
    const run = runPodfit(['analyze', '-f', INGRESS_NGINX_FILE]);
    expect(run.stdout).toBe(kubectlTable([HEADERS, ...INGRESS_NGINX]));
    expectWarnings(run.stderr, INGRESS_NGINX_WARNINGS);
    expect(run.code).toBe(0);
  });

  it('flannel: a DaemonSet whose resource-less init container keeps it Burstable', () => {
    const run = runPodfit(['analyze', '-f', FLANNEL_FILE]);
    expect(run.stdout).toBe(kubectlTable([HEADERS, FLANNEL]));
    expectWarnings(run.stderr, FLANNEL_WARNINGS);
    expect(run.code).toBe(0);
  });

  it('kube-state-metrics: a folder of single-document files, one of them a Kustomization', () => {
    const run = runPodfit(['analyze', '-f', 'real-world/kube-state-metrics']);
    expect(run.stdout).toBe(kubectlTable([HEADERS, KUBE_STATE_METRICS]));
    expectWarnings(run.stderr, KUBE_STATE_METRICS_WARNINGS);
    expect(run.code).toBe(0);
  });

  it('all of them at once with -R, against the ok inventory: everything fits somewhere, exit 0', () => {
    const run = runPodfit([
      'analyze',
      '-R',
      '-f',
      'real-world',
      '--nodes',
      'nodes.json',
      '--pods',
      'pods.json',
    ]);
    // flannel tolerates every NoSchedule taint and DaemonSet pods tolerate cordoning: all 6 nodes. The others
    // tolerate nothing: worker-a, worker-b and worker-c.
    expect(run.stdout).toBe(
      kubectlTable([
        [...HEADERS, 'NODES', 'MESSAGE'],
        [...FLANNEL.map((cell) => (cell === '<unknown>' ? '6' : cell)), '6/6', NONE],
        ...INGRESS_NGINX.map((row) => [...row, '3/6', NONE]),
        [...KUBE_STATE_METRICS, '3/6', NONE],
      ]),
    );
    expectWarnings(run.stderr, [
      ...FLANNEL_WARNINGS,
      ...INGRESS_NGINX_WARNINGS,
      ...KUBE_STATE_METRICS_WARNINGS,
    ]);
    expect(run.code).toBe(0);
  });
});
