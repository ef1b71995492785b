// The simulation, which updates only the chosen node after each placement, against the brute-force reference,
// which rebuilds the cluster state from scratch before every replica (testing/brute-force-placement.ts), on
// small random clusters: resources, pod counts, taints, cordons, zones, bound pods, host ports, required pod
// affinity and anti-affinity, one or two DoNotSchedule spread constraints (minDomains too), several workloads
// and DaemonSets.
import fc from 'fast-check';
import { type Node, type Pod, type Taint } from '../api/core-v1';
import { buildClusterState } from '../framework/cluster-state';
import { resourceList } from '../framework/testing/wrappers';
import { bruteForcePlacement } from './testing/brute-force-placement';
import {
  HOSTNAME_KEY,
  ZONE_KEY,
  withAffinity,
  withAntiAffinity,
  withSpread,
} from './testing/placement-builders';
import { type WorkloadToPlace, simulatePlacement } from './simulate-placement';

const REPLICA_CAP = 15;
const NAMES = ['a', 'b', 'node-1', 'node-10', 'node-9', 'Z'];
const TAINT_KEY = 'dedicated';

function requests(cpu: string, memory: string): Record<string, string> {
  return { ...(cpu === '0' ? {} : { cpu }), ...(memory === '0' ? {} : { memory }) };
}

const nodeArb = (name: string) =>
  fc
    .record({
      cpu: fc.constantFrom('500m', '1', '2', '4'),
      memory: fc.constantFrom('512Mi', '1Gi', '2Gi', '4Gi'),
      pods: fc.integer({ min: 0, max: 8 }),
      zone: fc.option(fc.constantFrom('z1', 'z2', 'z3'), { nil: undefined }),
      taint: fc.option(fc.constantFrom<Taint['effect']>('NoSchedule', 'PreferNoSchedule'), {
        nil: undefined,
        freq: 4,
      }),
      cordoned: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      fast: fc.boolean(),
    })
    .map(({ cpu, memory, pods, zone, taint, cordoned, fast }): Node => ({
      metadata: {
        name,
        labels: { [HOSTNAME_KEY]: name, ...(zone && { [ZONE_KEY]: zone }), ...(fast && { tier: 'fast' }) },
      },
      spec: {
        ...(cordoned && { unschedulable: true }),
        ...(taint && { taints: [{ key: TAINT_KEY, value: 'db', effect: taint }] }),
      },
      status: { allocatable: resourceList({ cpu, memory, pods: String(pods) }) },
    }));

const cpuArb = fc.constantFrom('0', '50m', '100m', '250m', '500m', '1');
const memoryArb = fc.constantFrom('0', '64Mi', '256Mi', '1Gi');
const appArb = fc.constantFrom('web', 'api');

function podOf(app: string, cpu: string, memory: string, hostPort: boolean): Pod {
  const ports = hostPort ? [{ containerPort: 8080, hostPort: 8080 }] : undefined;
  return {
    metadata: { namespace: 'default', labels: { app } },
    spec: {
      containers: [
        {
          name: 'app',
          resources: { requests: resourceList(requests(cpu, memory)) },
          ...(ports && { ports }),
        },
      ],
    },
  };
}

const boundPodArb = (nodeNames: readonly string[]) =>
  fc
    .record({
      node: fc.constantFrom(...nodeNames),
      app: appArb,
      cpu: cpuArb,
      memory: memoryArb,
      hostPort: fc.boolean(),
    })
    .map(({ node, app, cpu, memory, hostPort }): Pod => {
      const pod = podOf(app, cpu, memory, hostPort);
      return { ...pod, spec: { ...pod.spec, nodeName: node } };
    });

const workloadArb = fc
  .record({
    kind: fc.constantFrom('Deployment', 'Deployment', 'Deployment', 'DaemonSet'),
    app: appArb,
    cpu: cpuArb,
    memory: memoryArb,
    hostPort: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
    antiAffinity: fc.option(fc.constantFrom(HOSTNAME_KEY, ZONE_KEY), { nil: undefined, freq: 2 }),
    affinity: fc.option(fc.record({ key: fc.constantFrom(HOSTNAME_KEY, ZONE_KEY), app: appArb }), {
      nil: undefined,
      freq: 4,
    }),
    spread: fc.array(
      fc.record({
        key: fc.constantFrom(ZONE_KEY, HOSTNAME_KEY),
        maxSkew: fc.integer({ min: 1, max: 2 }),
        minDomains: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined, freq: 3 }),
      }),
      { maxLength: 2 },
    ),
    tolerates: fc.boolean(),
    fastOnly: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    replicas: fc.option(fc.integer({ min: 0, max: REPLICA_CAP }), { nil: null }),
  })
  .map((w): WorkloadToPlace => {
    let pod = podOf(w.app, w.cpu, w.memory, w.hostPort);
    if (w.tolerates)
      pod = { ...pod, spec: { ...pod.spec, tolerations: [{ key: TAINT_KEY, operator: 'Exists' }] } };
    if (w.fastOnly) pod = { ...pod, spec: { ...pod.spec, nodeSelector: { tier: 'fast' } } };
    if (w.antiAffinity !== undefined) pod = withAntiAffinity(pod, w.antiAffinity, { app: w.app });
    if (w.affinity !== undefined) pod = withAffinity(pod, w.affinity.key, { app: w.affinity.app });
    for (const spread of w.spread)
      pod = withSpread(pod, spread.key, spread.maxSkew, { app: w.app }, spread.minDomains);
    return { kind: w.kind, namespace: 'default', name: w.app, pod, replicas: w.replicas };
  });

const scenarioArb = fc.shuffledSubarray(NAMES, { minLength: 1, maxLength: 6 }).chain((names) =>
  fc.record({
    nodes: fc.tuple(...names.map(nodeArb)),
    bound: fc.array(boundPodArb(names), { maxLength: 4 }),
    workloads: fc.array(workloadArb, { minLength: 1, maxLength: 3 }),
  }),
);

describe('simulatePlacement against the brute-force reference', () => {
  it('places the same replicas on the same nodes in the same order, and stops with the same message', () => {
    fc.assert(
      fc.property(scenarioArb, ({ nodes, bound, workloads }) => {
        const sequences: string[][] = workloads.map(() => []);
        const result = simulatePlacement(buildClusterState(nodes, bound), workloads, {
          replicaCap: REPLICA_CAP,
          onPlacement: (w, nodeName) => sequences[w]!.push(nodeName),
        });
        const reference = bruteForcePlacement(nodes, bound, workloads, REPLICA_CAP);
        expect(sequences).toEqual(reference.map((r) => r.sequence));
        expect(result.workloads.map((w) => [w.placed, w.stopMessage, w.limitedBy])).toEqual(
          reference.map((r) => [r.sequence.length, r.stopMessage, r.limitedBy]),
        );
        result.workloads.forEach((w, i) => {
          const counts: Record<string, number> = {};
          for (const name of sequences[i]!) counts[name] = (counts[name] ?? 0) + 1;
          expect(w.perNode).toEqual(counts);
        });
      }),
      { numRuns: Number(process.env.PODFIT_PROPERTY_RUNS ?? 1500) },
    );
  });
});
