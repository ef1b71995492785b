// Headroom's reference-pod count, worked out arithmetically per node, against the simulation itself: on small
// random clusters, each node's count must be what simulatePlacement places on a one-node cluster holding only
// that node and its bound pods. Nodes vary in resources (an extended one too), pod counts, taints, cordons
// and labels; bound pods in requests, host ports, phase and required anti-affinity; the reference pod in
// requests, host ports, tolerations, nodeSelector, and its own anti-affinity or spread constraints.
import fc from 'fast-check';
import { type Node, type Pod, type Taint } from '../api/core-v1';
import { buildClusterState } from '../framework/cluster-state';
import { resourceList } from '../framework/testing/wrappers';
import { HOSTNAME_KEY, ZONE_KEY, withAntiAffinity, withSpread } from './testing/placement-builders';
import { headroom } from './headroom';
import { simulatePlacement } from './simulate-placement';

const NAMES = ['a', 'b', 'c'];
const TAINT_KEY = 'dedicated';
const GPU = 'example.com/gpu';

function list(entries: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(entries))
    if (value !== undefined && value !== '-') result[name] = value;
  return result;
}

const nodeArb = (name: string) =>
  fc
    .record({
      cpu: fc.constantFrom('0', '500m', '1', '1500m', '4'),
      memory: fc.constantFrom('0', '512Mi', '1Gi', '4Gi'),
      pods: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined, freq: 8 }),
      gpu: fc.constantFrom('-', '0', '1', '3'),
      zone: fc.option(fc.constantFrom('z1', 'z2'), { nil: undefined }),
      taint: fc.option(fc.constantFrom<Taint['effect']>('NoSchedule', 'NoExecute', 'PreferNoSchedule'), {
        nil: undefined,
        freq: 3,
      }),
      cordoned: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
      fast: fc.boolean(),
    })
    .map(({ cpu, memory, pods, gpu, zone, taint, cordoned, fast }): Node => ({
      metadata: {
        name,
        labels: { [HOSTNAME_KEY]: name, ...(zone && { [ZONE_KEY]: zone }), ...(fast && { tier: 'fast' }) },
      },
      spec: {
        ...(cordoned && { unschedulable: true }),
        ...(taint && { taints: [{ key: TAINT_KEY, value: 'db', effect: taint }] }),
      },
      status: {
        allocatable: resourceList(
          list({ cpu, memory, pods: pods === undefined ? undefined : String(pods), [GPU]: gpu }),
        ),
      },
    }));

const cpuArb = fc.constantFrom('-', '0', '0.5m', '100m', '250m', '700m', '1');
const memoryArb = fc.constantFrom('-', '0', '64Mi', '300Mi', '1Gi');
const gpuArb = fc.constantFrom('-', '-', '0', '1');

function podOf(app: string, requests: Record<string, string>, hostPort: boolean): Pod {
  const ports = hostPort ? [{ containerPort: 8080, hostPort: 8080 }] : undefined;
  return {
    metadata: { namespace: 'default', labels: { app } },
    spec: {
      containers: [{ name: 'app', resources: { requests: resourceList(requests) }, ...(ports && { ports }) }],
    },
  };
}

const boundPodArb = fc
  .record({
    node: fc.constantFrom(...NAMES),
    app: fc.constantFrom('web', 'db'),
    cpu: cpuArb,
    memory: memoryArb,
    gpu: gpuArb,
    hostPort: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    phase: fc.constantFrom(undefined, undefined, undefined, 'Running', 'Succeeded'),
    antiAffinity: fc.option(fc.constantFrom(HOSTNAME_KEY, ZONE_KEY), { nil: undefined, freq: 5 }),
  })
  .map(({ node, app, cpu, memory, gpu, hostPort, phase, antiAffinity }): Pod => {
    let pod = podOf(app, list({ cpu, memory, [GPU]: gpu }), hostPort);
    if (antiAffinity !== undefined) pod = withAntiAffinity(pod, antiAffinity, { app: 'web' });
    return { ...pod, spec: { ...pod.spec, nodeName: node }, ...(phase && { status: { phase } }) };
  });

const referencePodArb = fc
  .record({
    cpu: cpuArb,
    memory: memoryArb,
    gpu: gpuArb,
    hostPort: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    tolerates: fc.boolean(),
    fastOnly: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    antiAffinity: fc.option(fc.constantFrom(HOSTNAME_KEY, ZONE_KEY), { nil: undefined, freq: 6 }),
    spread: fc.option(
      fc.record({ key: fc.constantFrom(HOSTNAME_KEY, ZONE_KEY), maxSkew: fc.integer({ min: 1, max: 2 }) }),
      { nil: undefined, freq: 6 },
    ),
  })
  .map((r): Pod => {
    let pod = podOf('web', list({ cpu: r.cpu, memory: r.memory, [GPU]: r.gpu }), r.hostPort);
    if (r.tolerates) pod = { ...pod, spec: { ...pod.spec, tolerations: [{ operator: 'Exists' }] } };
    if (r.fastOnly) pod = { ...pod, spec: { ...pod.spec, nodeSelector: { tier: 'fast' } } };
    if (r.antiAffinity !== undefined) pod = withAntiAffinity(pod, r.antiAffinity, { app: 'web' });
    if (r.spread !== undefined) pod = withSpread(pod, r.spread.key, r.spread.maxSkew, { app: 'web' });
    return pod;
  });

const scenarioArb = fc.shuffledSubarray(NAMES, { minLength: 1, maxLength: 3 }).chain((names) =>
  fc.record({
    nodes: fc.tuple(...names.map(nodeArb)),
    bound: fc.array(boundPodArb, { maxLength: 6 }),
    pod: referencePodArb,
  }),
);

describe('headroom against the simulation', () => {
  it('counts on each node what simulatePlacement places on a cluster of that node and its bound pods alone', () => {
    fc.assert(
      fc.property(scenarioArb, ({ nodes, bound, pod }) => {
        const report = headroom(buildClusterState(nodes, bound), { groupBy: null, referencePod: pod });
        const simulated = nodes.map((node) => {
          const [placement] = simulatePlacement(buildClusterState([node], bound), [
            { kind: 'Deployment', namespace: 'default', name: 'web', pod, replicas: null },
          ]).workloads;
          return placement!.placed;
        });
        expect(report.nodes.map((n) => n.referencePods)).toEqual(simulated);
        expect(report.total.referencePods).toBe(simulated.reduce((sum, count) => sum + count, 0));
      }),
      { numRuns: Number(process.env.PODFIT_PROPERTY_RUNS ?? 1000) },
    );
  });
});
