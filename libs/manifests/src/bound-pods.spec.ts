import { ManifestError } from './errors';
import { readBoundPods } from './bound-pods';

const pod = (name: string, nodeName: string | undefined, phase: string, extra: object = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels: { app: name }, uid: 'u', managedFields: [] },
  spec: {
    ...(nodeName !== undefined ? { nodeName } : {}),
    containers: [
      {
        name: 'app',
        image: 'app:1',
        env: [{ name: 'A', value: 'b' }],
        ports: [{ containerPort: 80, hostPort: 8080, protocol: 'TCP' }],
        resources: { requests: { cpu: '100m' }, limits: { memory: '1Gi' } },
      },
    ],
    ...extra,
  },
  status: { phase, qosClass: 'Burstable' },
});
const list = (...items: object[]) => ({
  name: 'pods.json',
  content: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }),
});

describe('readBoundPods (`kubectl get pods -A -o json`)', () => {
  it('keeps pods bound to a known node that have not terminated', () => {
    const pods = readBoundPods(
      [
        list(
          pod('running', 'node-a', 'Running'),
          pod('pending-bound', 'node-b', 'Pending'),
          pod('unscheduled', undefined, 'Pending'),
          pod('elsewhere', 'node-z', 'Running'),
          pod('done', 'node-a', 'Succeeded'),
          pod('failed', 'node-a', 'Failed'),
        ),
      ],
      new Set(['node-a', 'node-b']),
    );
    expect(pods.map((p) => p.metadata.name)).toEqual(['running', 'pending-bound']);
  });

  it('decodes what the core counts, and leaves the rest out', () => {
    const [decoded] = readBoundPods(
      [
        list(
          pod('web', 'node-a', 'Running', {
            hostNetwork: true,
            overhead: { cpu: '10m' },
            affinity: {
              podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [
                  { topologyKey: 'zone', labelSelector: { matchLabels: { app: 'web' } } },
                ],
              },
            },
            initContainers: [
              { name: 'proxy', image: 'p', restartPolicy: 'Always', resources: { requests: { cpu: '50m' } } },
            ],
            volumes: [{ name: 'v', emptyDir: {} }],
          }),
        ),
      ],
      new Set(['node-a']),
    );
    const json = JSON.parse(JSON.stringify(decoded));
    expect(json).toEqual({
      metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
      spec: {
        nodeName: 'node-a',
        containers: [
          {
            name: 'app',
            image: 'app:1',
            ports: [{ containerPort: 80, hostPort: 8080, protocol: 'TCP' }],
            resources: { requests: { cpu: '100m' }, limits: { memory: '1Gi' } },
          },
        ],
        initContainers: [
          { name: 'proxy', image: 'p', restartPolicy: 'Always', resources: { requests: { cpu: '50m' } } },
        ],
        overhead: { cpu: '10m' },
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { topologyKey: 'zone', labelSelector: { matchLabels: { app: 'web' } } },
            ],
          },
        },
        hostNetwork: true,
      },
      status: { phase: 'Running' },
    });
  });

  it('reads the status the kubelet reports after an in-place resize', () => {
    const resized = {
      ...pod('r', 'node-a', 'Running'),
      status: {
        phase: 'Running',
        conditions: [{ type: 'PodResizeInProgress', status: 'True', lastTransitionTime: null }],
        containerStatuses: [
          {
            name: 'app',
            ready: true,
            allocatedResources: { cpu: '200m' },
            resources: { requests: { cpu: '200m' } },
          },
        ],
      },
    };
    const [decoded] = readBoundPods([list(resized)], new Set(['node-a']));
    expect(JSON.parse(JSON.stringify(decoded!.status))).toEqual({
      phase: 'Running',
      conditions: [{ type: 'PodResizeInProgress', status: 'True' }],
      containerStatuses: [
        { name: 'app', allocatedResources: { cpu: '200m' }, resources: { requests: { cpu: '200m' } } },
      ],
    });
  });

  it('throws invalid-manifest listing the bad fields of the pods it keeps', () => {
    const bad = pod('bad', 'node-a', 'Running');
    (bad.spec.containers[0]!.resources.requests as Record<string, unknown>)['cpu'] = 'lots';
    const ignored = pod('ignored', 'node-z', 'Running');
    (ignored.spec.containers[0]!.resources.requests as Record<string, unknown>)['cpu'] = 'lots';
    let error: unknown;
    try {
      readBoundPods([list(bad, ignored)], new Set(['node-a']));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as ManifestError).code).toBe('invalid-manifest');
    expect((error as ManifestError).problems.map((p) => p.path)).toEqual([
      'items[0].spec.containers[0].resources.requests.cpu',
    ]);
  });
});
