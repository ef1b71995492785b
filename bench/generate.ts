// Synthetic but realistic inputs for the benchmarks: node inventories, bound pods and manifests shaped like
// what `kubectl get -o json` and real install manifests hold. Deterministic (seeded), so runs compare.
import { dump } from 'js-yaml';

export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const TYPES = [
  { type: 'm6i.xlarge', cpu: '3920m', memory: '15210Mi' },
  { type: 'm6i.2xlarge', cpu: '7910m', memory: '31482Mi' },
  { type: 'r6i.4xlarge', cpu: '15890m', memory: '127284Mi' },
];

/** `kubectl get nodes -o json` for `count` nodes: labels, some taints, allocatable and capacity. */
export function nodeList(count: number, seed = 1): object {
  const random = seeded(seed);
  const items = [];
  for (let i = 0; i < count; i++) {
    const shape = TYPES[i % TYPES.length]!;
    const tainted = random() < 0.1;
    items.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: `node-${String(i).padStart(5, '0')}`,
        labels: {
          'kubernetes.io/hostname': `node-${i}`,
          'kubernetes.io/os': 'linux',
          'node.kubernetes.io/instance-type': shape.type,
          'topology.kubernetes.io/zone': ZONES[i % ZONES.length],
          pool: tainted ? 'batch' : 'general',
        },
      },
      spec: tainted ? { taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }] } : {},
      status: {
        capacity: { cpu: '4', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi' },
        allocatable: { cpu: shape.cpu, memory: shape.memory, pods: '110', 'ephemeral-storage': '95Gi' },
      },
    });
  }
  return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items };
}

/** `kubectl get pods -A -o json`: `perNode` running pods on each of `nodeCount` nodes. */
export function boundPodList(nodeCount: number, perNode: number, seed = 2): object {
  const random = seeded(seed);
  const items = [];
  for (let n = 0; n < nodeCount; n++) {
    for (let p = 0; p < perNode; p++) {
      items.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `pod-${n}-${p}`, namespace: 'default', labels: { app: `app-${p % 20}` } },
        spec: {
          nodeName: `node-${String(n).padStart(5, '0')}`,
          containers: [
            {
              name: 'app',
              image: 'registry.example.com/app:1.0',
              resources: {
                requests: {
                  cpu: `${50 + Math.floor(random() * 400)}m`,
                  memory: `${64 + Math.floor(random() * 900)}Mi`,
                },
                limits: { memory: '1Gi' },
              },
            },
          ],
        },
        status: { phase: 'Running' },
      });
    }
  }
  return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items };
}

function deployment(i: number): object {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `svc-${i}`, namespace: `team-${i % 7}`, labels: { app: `svc-${i}` } },
    spec: {
      replicas: 1 + (i % 5),
      selector: { matchLabels: { app: `svc-${i}` } },
      template: {
        metadata: { labels: { app: `svc-${i}` } },
        spec: {
          initContainers: [
            {
              name: 'migrate',
              image: 'registry.example.com/migrate:1',
              resources: { requests: { cpu: '200m', memory: '128Mi' } },
            },
            {
              name: 'proxy',
              image: 'registry.example.com/proxy:1',
              restartPolicy: 'Always',
              ports: [{ containerPort: 15001 }],
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
            },
          ],
          containers: [
            {
              name: 'app',
              image: `registry.example.com/svc-${i}:1.0`,
              ports: [{ containerPort: 8080, name: 'http' }],
              env: [{ name: 'LOG_LEVEL', value: 'info' }],
              readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 },
              resources: {
                requests: { cpu: `${100 + (i % 9) * 50}m`, memory: `${128 + (i % 4) * 128}Mi` },
                limits: { memory: '1Gi' },
              },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: {} }],
          tolerations:
            i % 10 === 0
              ? [{ key: 'dedicated', operator: 'Equal', value: 'batch', effect: 'NoSchedule' }]
              : undefined,
          nodeSelector: i % 3 === 0 ? { 'kubernetes.io/os': 'linux' } : undefined,
        },
      },
    },
  };
}

/** A CRD with a deep OpenAPI schema: the bulk of real install manifests (cert-manager, Argo CD...). */
function customResourceDefinition(i: number): object {
  const field = (depth: number): object =>
    depth === 0
      ? { type: 'string', description: 'A value the controller reads. '.repeat(3) }
      : {
          type: 'object',
          description: `Level ${depth} of the spec, as generated from Go types by controller-gen.`,
          properties: Object.fromEntries([0, 1, 2].map((k) => [`field${k}`, field(depth - 1)])),
        };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `widgets${i}.example.com` },
    spec: {
      group: 'example.com',
      names: { kind: `Widget${i}`, plural: `widgets${i}` },
      scope: 'Namespaced',
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: field(4) } }],
    },
  };
}

/** A multi-document install manifest of about `bytes` bytes: CRDs, RBAC, Services and workloads. */
export function installManifest(bytes: number): string {
  const docs: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const objects = [
      i % 4 === 0 ? customResourceDefinition(i) : undefined,
      deployment(i),
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: `svc-${i}` },
        spec: { selector: { app: `svc-${i}` }, ports: [{ port: 80, targetPort: 8080 }] },
      },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: `svc-${i}` } },
    ];
    for (const object of objects) {
      if (!object) continue;
      const text = dump(object, { lineWidth: -1 });
      docs.push(text);
      size += text.length + 4;
    }
  }
  return docs.join('---\n');
}

/** `count` Deployments as one multi-document YAML file. */
export function workloadManifest(count: number): string {
  return Array.from({ length: count }, (_, i) => dump(deployment(i), { lineWidth: -1 })).join('---\n');
}
