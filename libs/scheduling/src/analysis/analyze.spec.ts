// The analysis of workloads, and DaemonSet placement as the DaemonSet controller and kube-scheduler do it:
// pkg/controller/daemon/daemon_controller.go (NodeShouldRunDaemonPod), util/daemonset_util.go
// (AddOrUpdateDaemonPodTolerations), pkg/scheduler/schedule_one.go (a pinned pod's other nodes).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { type Node, type Pod } from '../api/core-v1';
import { makeNode, makePod, resourceList } from '../framework/testing/wrappers';
import { buildClusterState } from '../framework/cluster-state';
import { analyzeWorkload, analyzeWorkloads } from './analyze';
import { nodeShouldRunDaemonPod, daemonPod } from './daemon-set';
import { type WorkloadInput } from './workload-input';

const schema = JSON.parse(readFileSync(join(__dirname, '../../../../schema/analysis.schema.json'), 'utf8'));
const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);

function workload(kind: string, pod: Pod | null, overrides: Partial<WorkloadInput> = {}): WorkloadInput {
  return {
    kind,
    apiVersion: kind === 'Pod' ? 'v1' : 'apps/v1',
    namespace: 'default',
    name: 'web',
    source: 'web.yaml',
    document: 0,
    line: 1,
    podSpecPath: kind === 'Pod' ? 'spec' : 'spec.template.spec',
    replicas: kind === 'DaemonSet' ? null : 1,
    pod,
    warnings: [],
    errors: [],
    ...overrides,
  };
}

const node = (name: string) => makeNode().name(name).capacity({ cpu: '2', memory: '4Gi', pods: '110' });

describe('analyzeWorkloads', () => {
  it('computes requests, limits, QoS and the breakdown of each pod, in input order, valid against the schema', () => {
    const pod = makePod().req({ cpu: '250m', memory: '64Mi' }).initReq({ cpu: '500m' }).obj();
    const result = analyzeWorkloads(
      [workload('Deployment', pod), workload('Pod', makePod().container().obj(), { name: 'idle' })],
      null,
    );
    expect(validate(result)).toBe(true);
    expect(result.workloads.map((w) => [w.name, w.pod?.requests, w.pod?.qosClass])).toEqual([
      ['web', { cpu: '500m', memory: '64Mi' }, 'Burstable'],
      ['idle', {}, 'BestEffort'],
    ]);
    expect(result.workloads[0]!.pod!.breakdown['cpu']!.from).toBe('init');
    expect(result.workloads[0]!.fit).toBeUndefined();
  });

  it('passes an invalid workload through with its errors and no pod', () => {
    const errors = [{ path: 'spec.replicas', message: 'must be greater than or equal to 0' }];
    const result = analyzeWorkloads([workload('Deployment', null, { errors })], null);
    expect(validate(result)).toBe(true);
    expect(result.workloads[0]).toMatchObject({ pod: null, errors });
  });

  it('applies API-server defaults first: a limit without a request sets the request', () => {
    const limits = resourceList({ cpu: '1', memory: '1Gi' });
    const pod: Pod = { metadata: {}, spec: { containers: [{ name: 'app', resources: { limits } }] } };
    const result = analyzeWorkloads([workload('Pod', pod)], null);
    expect(result.workloads[0]!.pod).toMatchObject({
      requests: { cpu: '1', memory: '1Gi' },
      qosClass: 'Guaranteed',
    });
  });

  it('prefixes fit warnings with the pod spec path', () => {
    const pod: Pod = {
      metadata: { namespace: 'default', labels: { app: 'web' } },
      spec: {
        containers: [{ name: 'app' }],
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: 'zone',
            whenUnsatisfiable: 'ScheduleAnyway',
            labelSelector: { matchLabels: { app: 'web' } },
          },
        ],
      },
    };
    const result = analyzeWorkloads([workload('Deployment', pod)], { nodes: [node('a').obj()], pods: [] });
    expect(result.workloads[0]!.warnings.map((w) => [w.code, w.path])).toContainEqual([
      'score-not-modeled',
      'spec.template.spec.topologySpreadConstraints[0]',
    ]);
  });

  it('gives the message FitError prints when no node fits', () => {
    const pod = makePod().req({ cpu: '3' }).obj();
    const result = analyzeWorkloads([workload('Deployment', pod)], {
      nodes: [node('a').obj(), node('b').unschedulable().obj()],
      pods: [],
    });
    expect(validate(result)).toBe(true);
    expect(result.workloads[0]!.fit).toMatchObject({
      feasibleNodes: 0,
      totalNodes: 2,
      message: '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable.',
      reasonCounts: { 'Insufficient cpu': 1, 'node(s) were unschedulable': 1 },
      bestNodes: [],
    });
  });
});

describe('DaemonSet placement', () => {
  const noSchedule = (key: string) => ({ key, value: 'x', effect: 'NoSchedule' as const });
  const nodes: Node[] = [
    node('plain').obj(),
    node('cordoned').unschedulable().obj(),
    node('gpu')
      .taints([noSchedule('nvidia.com/gpu')])
      .obj(),
    node('not-ready')
      .taints([{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }])
      .obj(),
    node('network')
      .taints([{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }])
      .obj(),
    node('soft')
      .taints([{ key: 'soft', effect: 'PreferNoSchedule' }])
      .obj(),
    makeNode()
      .name('arm')
      .label('kubernetes.io/arch', 'arm64')
      .capacity({ cpu: '2', memory: '4Gi', pods: '110' })
      .obj(),
  ];

  it('runs where the controller would: default tolerations for node problems and cordons, never past NoSchedule taints', () => {
    const pod = daemonPod(makePod().req({ cpu: '100m' }).obj());
    expect(nodes.filter((n) => nodeShouldRunDaemonPod(pod, n)).map((n) => n.metadata.name)).toEqual([
      'plain',
      'cordoned',
      'not-ready',
      'soft',
      'arm',
    ]);
  });

  it('tolerates network-unavailable with hostNetwork, and honours the node selector', () => {
    const base = makePod().req({ cpu: '100m' }).nodeSelector({ 'kubernetes.io/arch': 'arm64' }).obj();
    expect(
      nodes.filter((n) => nodeShouldRunDaemonPod(daemonPod(base), n)).map((n) => n.metadata.name),
    ).toEqual(['arm']);
    const hostNetwork = daemonPod({ ...base, spec: { ...base.spec, hostNetwork: true, nodeSelector: {} } });
    expect(nodes.filter((n) => nodeShouldRunDaemonPod(hostNetwork, n)).map((n) => n.metadata.name)).toContain(
      'network',
    );
  });

  it('counts its replicas as the nodes it runs on, and reports the pinned pod that cannot be placed', () => {
    const busy = makePod().name('hog').node('plain').req({ cpu: '1900m' }).obj();
    const template = makePod().req({ cpu: '200m' }).obj();
    const result = analyzeWorkload(workload('DaemonSet', template), buildClusterState(nodes, [busy]));
    expect(validate({ apiVersion: 'podfit.dev/v1', kind: 'Analysis', workloads: [result] })).toBe(true);
    expect(result.replicas).toBe(5);
    expect(result.fit).toMatchObject({
      feasibleNodes: 4,
      totalNodes: 5,
      message:
        "0/7 nodes are available: 1 Insufficient cpu, 6 node(s) didn't satisfy plugin(s) [NodeAffinity].",
      reasonCounts: { 'Insufficient cpu': 1 },
    });
    expect(result.fit!.nodes.find((v) => v.name === 'gpu')).toEqual({
      name: 'gpu',
      fits: false,
      plugin: null,
      reasons: ['the DaemonSet controller runs no pod here'],
      score: null,
    });
  });

  it('drops the host-port finding, which is what a DaemonSet is for', () => {
    const pod = makePod().req({ cpu: '100m', memory: '64Mi' }).hostPort(9100).obj();
    const daemon = analyzeWorkloads([workload('DaemonSet', pod)], null).workloads[0]!;
    const deployment = analyzeWorkloads([workload('Deployment', pod)], null).workloads[0]!;
    expect(daemon.warnings.map((w) => w.code)).not.toContain('host-port');
    expect(deployment.warnings.map((w) => w.code)).toContain('host-port');
    expect(daemon.replicas).toBeNull();
  });
});
