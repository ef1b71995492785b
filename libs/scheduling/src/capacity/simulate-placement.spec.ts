// Replicas placed one at a time as kube-scheduler's scheduleOne places them (pkg/scheduler/schedule_one.go:
// findNodesThatFitPod, prioritizeNodes, selectHost, assume), with DaemonSet pods first as
// pkg/controller/daemon/daemon_controller.go creates them. Expected placements are worked out by hand from
// the default profile's scores (LeastAllocated and BalancedAllocation over cpu and memory).
import { type Node, type Pod } from '../api/core-v1';
import { buildClusterState } from '../framework/cluster-state';
import { makeNode, makePod } from '../framework/testing/wrappers';
import { bruteForcePlacement } from './testing/brute-force-placement';
import { HOSTNAME_KEY, ZONE_KEY, toPlace, withAntiAffinity, withSpread } from './testing/placement-builders';
import { type WorkloadToPlace, limitedBy, simulatePlacement } from './simulate-placement';

const node = (name: string, capacity: Record<string, string> = { cpu: '4', memory: '8Gi', pods: '110' }) =>
  makeNode().name(name).label(HOSTNAME_KEY, name).capacity(capacity);

const web = (requests: Record<string, string> = { cpu: '1', memory: '1Gi' }) =>
  makePod().namespace('default').label('app', 'web').req(requests);

/** The node of each placement, per workload. */
function place(
  nodes: readonly Node[],
  bound: readonly Pod[],
  workloads: readonly WorkloadToPlace[],
  replicaCap?: number,
) {
  const sequences: string[][] = workloads.map(() => []);
  const result = simulatePlacement(buildClusterState(nodes, bound), workloads, {
    replicaCap,
    onPlacement: (w, nodeName) => sequences[w]!.push(nodeName),
  });
  return { result, sequences };
}

describe('simulatePlacement', () => {
  it('spreads replicas over equal nodes by LeastAllocated, ties to the first name, and stops at the wanted count', () => {
    const nodes = ['n1', 'n2', 'n3'].map((name) => node(name).obj());
    const { result, sequences } = place(nodes, [], [toPlace('Deployment', 'web', web().obj(), 5)]);
    expect(sequences).toEqual([['n1', 'n2', 'n3', 'n1', 'n2']]);
    expect(result.workloads).toEqual([
      {
        kind: 'Deployment',
        namespace: 'default',
        name: 'web',
        wanted: 5,
        placed: 5,
        perNode: { n1: 2, n2: 2, n3: 1 },
        stopMessage: null,
        limitedBy: [],
        hitReplicaCap: false,
        warnings: [],
      },
    ]);
    expect([...result.placedPods]).toEqual([2, 2, 1]);
    expect(
      result.after.nodeStates.map((n) => [n.podCount, n.requested.milliCPU, n.requested.memory / 2 ** 30]),
    ).toEqual([
      [2, 2000, 2],
      [2, 2000, 2],
      [1, 1000, 1],
    ]);
  });

  it.each([
    {
      name: 'names compare as bytes: upper case before lower case',
      inventory: ['node-b', 'node-a', 'Node-c'],
      first: 'Node-c',
    },
    {
      name: 'names compare as bytes: node-10 before node-9',
      inventory: ['node-9', 'node-10'],
      first: 'node-10',
    },
    { name: 'inventory order does not matter', inventory: ['b', 'c', 'a'], first: 'a' },
  ])('breaks ties by node name in byte order ($name)', ({ inventory, first }) => {
    const nodes = inventory.map((name) => node(name).obj());
    const { sequences } = place(nodes, [], [toPlace('Deployment', 'web', web().obj(), 1)]);
    expect(sequences).toEqual([[first]]);
  });

  it('prefers the less allocated node, counting the inventory bound pods', () => {
    const nodes = [node('n1').obj(), node('n2').obj()];
    const bound = [makePod().node('n1').req({ cpu: '2', memory: '2Gi' }).obj()];
    const { sequences } = place(nodes, bound, [toPlace('Deployment', 'web', web().obj(), 3)]);
    // n1 with 2 cpu bound scores below an empty n2 until n2 holds as much: n2, n2, then n1 (tie, first name).
    expect(sequences).toEqual([['n2', 'n2', 'n1']]);
  });

  interface StopCase {
    readonly name: string;
    readonly nodes: readonly Node[];
    readonly requests: Record<string, string>;
    readonly placed: number;
    readonly stopMessage: string;
    readonly limitedBy: readonly string[];
  }

  it.each<StopCase>([
    {
      name: 'a node fills up on cpu',
      nodes: [node('n1', { cpu: '2', memory: '4Gi', pods: '110' }).obj()],
      requests: { cpu: '500m' },
      placed: 4,
      stopMessage: '0/1 nodes are available: 1 Insufficient cpu.',
      limitedBy: ['cpu'],
    },
    {
      name: 'a node runs its allowed number of pods',
      nodes: [node('n1', { cpu: '2', memory: '4Gi', pods: '3' }).obj()],
      requests: { cpu: '100m' },
      placed: 3,
      stopMessage: '0/1 nodes are available: 1 Too many pods.',
      limitedBy: ['pods'],
    },
    {
      name: 'cpu and memory run out together',
      nodes: [node('n1', { cpu: '1', memory: '1Gi', pods: '110' }).obj()],
      requests: { cpu: '500m', memory: '512Mi' },
      placed: 2,
      stopMessage: '0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.',
      limitedBy: ['cpu', 'memory'],
    },
    {
      name: 'one node out of pods, the other out of cpu',
      // a: 94 + 96 for the first replica, 88 + 93 for the second, against b's 72 + 75; then a is full.
      nodes: [
        node('a', { cpu: '8', memory: '4Gi', pods: '2' }).obj(),
        node('b', { cpu: '1', memory: '4Gi', pods: '110' }).obj(),
      ],
      requests: { cpu: '500m' },
      placed: 4,
      stopMessage: '0/2 nodes are available: 1 Insufficient cpu, 1 Too many pods.',
      limitedBy: ['cpu', 'pods'],
    },
    {
      name: 'a tainted node and a full one: only the resource is named',
      nodes: [
        node('n1', { cpu: '1', memory: '4Gi', pods: '110' }).obj(),
        node('n2')
          .taints([{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }])
          .obj(),
      ],
      requests: { cpu: '1' },
      placed: 1,
      stopMessage: '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint(s).',
      limitedBy: ['cpu'],
    },
    {
      name: 'no node at all',
      nodes: [],
      requests: { cpu: '1' },
      placed: 0,
      stopMessage: 'no nodes available to schedule pods',
      limitedBy: [],
    },
  ])(
    'places as many as fit and says why the next does not: $name',
    ({ nodes, requests, placed, stopMessage, limitedBy }) => {
      const { result } = place(nodes, [], [toPlace('Deployment', 'web', web(requests).obj(), null)]);
      expect(result.workloads[0]).toMatchObject({
        wanted: null,
        placed,
        stopMessage,
        limitedBy,
        hitReplicaCap: false,
      });
    },
  );

  it('places a second replica with the same host port on another node, and stops when every node has it', () => {
    const nodes = ['n1', 'n2'].map((name) => node(name).obj());
    const pod = web({ cpu: '100m' }).hostPort(8080).obj();
    const { result, sequences } = place(nodes, [], [toPlace('Deployment', 'web', pod, null)]);
    expect(sequences).toEqual([['n1', 'n2']]);
    expect(result.workloads[0]).toMatchObject({
      placed: 2,
      stopMessage: "0/2 nodes are available: 2 node(s) didn't have free ports for the requested pod ports.",
      limitedBy: [],
    });
  });

  it('counts a host port taken by an inventory pod', () => {
    const nodes = ['n1', 'n2'].map((name) => node(name).obj());
    const bound = [makePod().node('n1').hostPort(8080).obj()];
    const { sequences } = place(nodes, bound, [
      toPlace('Deployment', 'web', web({ cpu: '100m' }).hostPort(8080).obj(), 2),
    ]);
    expect(sequences).toEqual([['n2']]);
  });

  it('places DaemonSet pods first, on every node the controller selects, whatever the input order', () => {
    const nodes = [
      node('n1', { cpu: '1', memory: '4Gi', pods: '110' }).obj(),
      node('n2', { cpu: '1', memory: '4Gi', pods: '110' }).obj(),
      node('n3')
        .taints([{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }])
        .obj(),
    ];
    const deployment = toPlace('Deployment', 'web', web({ cpu: '600m' }).obj(), null);
    const daemonSet = toPlace(
      'DaemonSet',
      'agent',
      makePod().label('app', 'agent').req({ cpu: '500m' }).obj(),
      null,
    );
    const { result, sequences } = place(nodes, [], [deployment, daemonSet]);
    // Without the DaemonSet first, web would take 600m on n1 and n2 and leave no room for the agent.
    expect(sequences).toEqual([[], ['n1', 'n2']]);
    expect(result.workloads).toEqual([
      {
        kind: 'Deployment',
        namespace: 'default',
        name: 'web',
        wanted: null,
        placed: 0,
        perNode: {},
        stopMessage: '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu.',
        limitedBy: ['cpu'],
        hitReplicaCap: false,
        warnings: [],
      },
      {
        kind: 'DaemonSet',
        namespace: 'default',
        name: 'agent',
        wanted: 2,
        placed: 2,
        perNode: { n1: 1, n2: 1 },
        stopMessage: null,
        limitedBy: [],
        hitReplicaCap: false,
        warnings: [],
      },
    ]);
  });

  it("reports a DaemonSet pod that does not fit its node as kube-scheduler words a pinned pod's failure", () => {
    const nodes = [node('n1', { cpu: '1', memory: '4Gi', pods: '110' }).obj(), node('n2').obj()];
    const daemonSet = toPlace('DaemonSet', 'agent', makePod().req({ cpu: '1500m' }).obj(), null);
    const { result } = place(nodes, [], [daemonSet]);
    expect(result.workloads[0]).toMatchObject({
      wanted: 2,
      placed: 1,
      perNode: { n2: 1 },
      stopMessage:
        "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't satisfy plugin(s) [NodeAffinity].",
      limitedBy: ['cpu'],
    });
  });

  it('places one replica per node under required pod anti-affinity on the hostname, inventory pods included', () => {
    const nodes = ['a', 'b', 'c', 'd'].map((name) => node(name).obj());
    const bound = [makePod().namespace('default').label('app', 'web').node('b').obj()];
    const pod = withAntiAffinity(web().obj(), HOSTNAME_KEY, { app: 'web' });
    const { result, sequences } = place(nodes, bound, [toPlace('Deployment', 'web', pod, null)]);
    expect(sequences).toEqual([['a', 'c', 'd']]);
    expect(result.workloads[0]).toMatchObject({
      placed: 3,
      stopMessage: "0/4 nodes are available: 4 node(s) didn't match pod anti-affinity rules.",
      limitedBy: [],
    });
  });

  it("keeps a later workload off the nodes an earlier one's anti-affinity claims", () => {
    const nodes = ['a', 'b'].map((name) => node(name).obj());
    const guard = withAntiAffinity(makePod().label('app', 'guard').req({ cpu: '100m' }).obj(), HOSTNAME_KEY, {
      app: 'web',
    });
    const { result } = place(
      nodes,
      [],
      [toPlace('Deployment', 'guard', guard, 1), toPlace('Deployment', 'web', web().obj(), null)],
      10,
    );
    expect(result.workloads[1]).toMatchObject({
      placed: 4,
      perNode: { b: 4 },
      stopMessage:
        "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't satisfy existing pods anti-affinity rules.",
    });
  });

  it('balances zones under a DoNotSchedule spread with maxSkew 1, and stops as kube-scheduler words it', () => {
    const zoned = (name: string, zone: string, pods = '110') =>
      node(name, { cpu: '16', memory: '64Gi', pods }).label(ZONE_KEY, zone).obj();
    const nodes = [
      zoned('a1', 'zone-a'),
      zoned('a2', 'zone-a'),
      zoned('b1', 'zone-b'),
      zoned('c1', 'zone-c', '2'),
    ];
    const pod = withSpread(web().obj(), ZONE_KEY, 1, { app: 'web' });
    const { result, sequences } = place(nodes, [], [toPlace('Deployment', 'web', pod, null)]);
    // Zones a, b, c take turns; c1 holds two pods, and then a and b may each lead c by one only.
    expect(sequences).toEqual([['a1', 'b1', 'c1', 'a2', 'b1', 'c1', 'a1', 'b1']]);
    expect(result.workloads[0]).toMatchObject({
      placed: 8,
      perNode: { a1: 2, a2: 1, b1: 3, c1: 2 },
      stopMessage:
        "0/4 nodes are available: 1 Too many pods, 3 node(s) didn't match pod topology spread constraints.",
      limitedBy: ['pods'],
    });
  });

  it('stops at the replica cap and says so', () => {
    const { result } = place(
      [node('n1').obj()],
      [],
      [toPlace('Deployment', 'web', web({ cpu: '10m' }).obj(), null)],
      5,
    );
    expect(result.workloads[0]).toMatchObject({
      placed: 5,
      stopMessage: null,
      limitedBy: [],
      hitReplicaCap: true,
    });
  });

  it('agrees with the brute-force reference on the cases above', () => {
    const nodes = ['a', 'b', 'c'].map((name) =>
      node(name, { cpu: '2', memory: '4Gi', pods: '4' })
        .label(ZONE_KEY, name === 'c' ? 'z2' : 'z1')
        .obj(),
    );
    const workloads = [
      toPlace('DaemonSet', 'agent', makePod().req({ cpu: '250m' }).obj(), null),
      toPlace('Deployment', 'web', withSpread(web({ cpu: '300m' }).obj(), ZONE_KEY, 1, { app: 'web' }), null),
    ];
    const { result, sequences } = place(nodes, [], workloads, 50);
    const reference = bruteForcePlacement(nodes, [], workloads, 50);
    expect(sequences).toEqual(reference.map((r) => r.sequence));
    expect(result.workloads.map((w) => [w.stopMessage, w.limitedBy])).toEqual(
      reference.map((r) => [r.stopMessage, r.limitedBy]),
    );
  });
});

describe('limitedBy', () => {
  it('names the resources of Insufficient reasons and pods for Too many pods, sorted, and nothing else', () => {
    expect(
      limitedBy([
        'Too many pods',
        'Insufficient memory',
        "node(s) didn't match pod anti-affinity rules",
        'Insufficient example.com/gpu',
      ]),
    ).toEqual(['example.com/gpu', 'memory', 'pods']);
  });
});
