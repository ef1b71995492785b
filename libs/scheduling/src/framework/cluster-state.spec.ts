// buildClusterState as kube-scheduler's NodeInfo counts (pkg/scheduler/framework/types.go: SetNode,
// AddPod, PodInfo.CalculateResource): allocatable, requested, non-zero requested, host ports, pod count.
import { buildClusterState, nodeAllocatable } from './cluster-state';
import { makeNode, makePod, resourceList } from './testing/wrappers';

describe('buildClusterState', () => {
  it('charges each node with the pods bound to it, in the scheduler’s units', () => {
    const nodes = [
      makeNode().name('a').capacity({ cpu: '4', memory: '8Gi', pods: '110', 'example.com/gpu': '2', 'hugepages-2Mi': '1Gi' }).obj(),
      makeNode().name('b').capacity({ cpu: '2', memory: '4Gi', pods: '10' }).obj(),
    ];
    const pods = [
      makePod().name('p1').node('a').req({ cpu: '250m', memory: '1Gi', 'example.com/gpu': '1' }).obj(),
      makePod().name('p2').node('a').req({ cpu: '0.5', 'hugepages-2Mi': '4Mi', 'ephemeral-storage': '1Gi' }).obj(),
      makePod().name('p3').node('b').container().obj(),
    ];
    const [a, b] = buildClusterState(nodes, pods).nodeStates;
    expect(a!.allocatable).toEqual({
      milliCPU: 4000,
      memory: 8 * 2 ** 30,
      ephemeralStorage: 0,
      allowedPodNumber: 110,
      scalar: new Map([
        ['example.com/gpu', 2],
        ['hugepages-2Mi', 2 ** 30],
      ]),
    });
    expect(a!.requested).toEqual({
      milliCPU: 750,
      memory: 2 ** 30,
      ephemeralStorage: 2 ** 30,
      allowedPodNumber: 0,
      scalar: new Map([
        ['example.com/gpu', 1],
        ['hugepages-2Mi', 4 * 2 ** 20],
      ]),
    });
    // p2 sets no memory request: 200Mi counts for scoring.
    expect([a!.nonZeroRequestedMilliCPU, a!.nonZeroRequestedMemory]).toEqual([750, 2 ** 30 + 200 * 2 ** 20]);
    expect([b!.podCount, b!.nonZeroRequestedMilliCPU, b!.nonZeroRequestedMemory]).toEqual([1, 100, 200 * 2 ** 20]);
  });

  it('uses pod-level requests, and the non-zero defaults only for what they leave unset', () => {
    const node = makeNode().name('n').capacity({ cpu: '4', memory: '8Gi', pods: '110' }).obj();
    const base = makePod().name('p').node('n').container().container().obj();
    const pod = { ...base, spec: { ...base.spec, resources: { requests: resourceList({ cpu: '1' }) } } };
    const [state] = buildClusterState([node], [pod]).nodeStates;
    expect([state!.requested.milliCPU, state!.requested.memory]).toEqual([1000, 0]);
    // Memory is set at neither level: each of the two containers counts 200Mi.
    expect([state!.nonZeroRequestedMilliCPU, state!.nonZeroRequestedMemory]).toEqual([1000, 2 * 200 * 2 ** 20]);
  });

  it('records host ports of bound pods, defaulting hostNetwork ports', () => {
    const node = makeNode().name('n').capacity({ cpu: '1', memory: '1Gi', pods: '10' }).obj();
    const base = makePod().name('p').node('n').containerPort([{ containerPort: 9100 }]).obj();
    const pod = { ...base, spec: { ...base.spec, hostNetwork: true } };
    const [state] = buildClusterState([node], [pod]).nodeStates;
    expect(state!.usedPorts.conflicts({ ip: '0.0.0.0', key: 'TCP/9100' })).toBe(true);
    expect(state!.usedPorts.conflicts({ ip: '10.0.0.1', key: 'UDP/9100' })).toBe(false);
  });

  it('keeps the nodes and their pods reachable, in inventory order', () => {
    const nodes = ['z', 'y'].map((name) => makeNode().name(name).obj());
    const pod = makePod().name('p').node('y').container().obj();
    const cluster = buildClusterState(nodes, [pod, makePod().name('lost').node('x').container().obj()]);
    expect(cluster.nodes).toBe(nodes);
    expect(cluster.podsByNode).toEqual([[], [pod]]);
    expect(Array.from(cluster.nameOrder)).toEqual([1, 0]);
  });

  // SetDefaults_NodeStatus copies capacity only when allocatable is absent altogether.
  it('uses allocatable as listed, even where it leaves out a resource capacity has', () => {
    const node = makeNode().name('n').capacity({ cpu: '4', pods: '110' }).allocatable({ cpu: '3500m' }).obj();
    expect(Object.keys(nodeAllocatable(node)).sort()).toEqual(['cpu']);
    expect(nodeAllocatable(node)['cpu']!.milliValue()).toBe(3500n);
  });

  it('takes capacity when allocatable is absent', () => {
    const node = makeNode().name('n').capacity({ cpu: '4', pods: '110' }).obj();
    expect(Object.keys(nodeAllocatable(node)).sort()).toEqual(['cpu', 'pods']);
  });

  it('notes amounts beyond 2^53', () => {
    const node = makeNode().name('n').capacity({ memory: '16Ei', pods: '1' }).obj();
    expect(buildClusterState([node], []).hasInexactQuantities).toBe(true);
    expect(buildClusterState([makeNode().name('m').capacity({ memory: '1Pi' }).obj()], []).hasInexactQuantities).toBe(false);
  });
});
