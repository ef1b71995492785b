// Binding pods one at a time leaves the same state as building it with those pods bound from the start
// (buildClusterState, which mirrors NodeInfo.AddPod for every bound pod).
import { type Pod } from '../api/core-v1';
import { boundPodCharge, buildClusterState } from '../framework/cluster-state';
import { makeNode, makePod } from '../framework/testing/wrappers';
import { applyPodDefaults } from '../pod/defaults';
import { LiveCluster } from './live-cluster';

const nodes = [
  makeNode().name('n1').capacity({ cpu: '4', memory: '8Gi', pods: '10', 'example.com/gpu': '2' }).obj(),
  makeNode().name('n2').capacity({ cpu: '2', memory: '4Gi', pods: '5' }).obj(),
];
const inventory = [makePod().node('n1').req({ cpu: '1', memory: '1Gi' }).hostPort(80).obj()];
const replicas: { node: number; pod: Pod }[] = [
  { node: 0, pod: makePod().req({ cpu: '500m', 'example.com/gpu': '1' }).hostPort(8080).obj() },
  { node: 1, pod: makePod().container().obj() },
  { node: 0, pod: makePod().req({ memory: '3Gi' }).sidecarReq({ cpu: '250m' }).obj() },
  { node: 1, pod: makePod().req({ cpu: '1', 'ephemeral-storage': '1Gi' }).hostPort(8080, 'UDP').obj() },
];

describe('LiveCluster', () => {
  it('binds pods as buildClusterState counts bound pods', () => {
    const live = new LiveCluster(buildClusterState(nodes, inventory));
    const bound: Pod[] = [...inventory];
    for (const { node, pod } of replicas) {
      const nodeName = nodes[node]!.metadata.name;
      const placed = { ...applyPodDefaults(pod), spec: { ...applyPodDefaults(pod).spec, nodeName } };
      live.bind(node, placed, boundPodCharge(applyPodDefaults(placed)));
      bound.push(placed);
      const rebuilt = buildClusterState(nodes, bound);
      expect(live.state.columns).toEqual(rebuilt.columns);
      expect(live.state.podsByNode).toEqual(rebuilt.podsByNode);
      live.state.nodeStates.forEach((state, i) => {
        const want = rebuilt.nodeStates[i]!;
        expect([
          state.requested,
          state.nonZeroRequestedMilliCPU,
          state.nonZeroRequestedMemory,
          state.podCount,
        ]).toEqual([
          want.requested,
          want.nonZeroRequestedMilliCPU,
          want.nonZeroRequestedMemory,
          want.podCount,
        ]);
        expect(state.usedPorts).toEqual(want.usedPorts);
      });
    }
  });

  it('leaves the state it copies unchanged, so a cached inventory state can start many simulations', () => {
    const base = buildClusterState(nodes, inventory);
    const pristine = buildClusterState(nodes, inventory);
    for (let run = 0; run < 2; run++) {
      const live = new LiveCluster(base);
      for (const { node, pod } of replicas) {
        const placed = {
          ...applyPodDefaults(pod),
          spec: { ...applyPodDefaults(pod).spec, nodeName: nodes[node]!.metadata.name },
        };
        live.bind(node, placed, boundPodCharge(applyPodDefaults(placed)));
      }
      expect(base.columns).toEqual(pristine.columns);
      expect(base.podsByNode).toEqual(pristine.podsByNode);
      base.nodeStates.forEach((state, i) => {
        expect([state.requested, state.podCount, state.usedPorts]).toEqual([
          pristine.nodeStates[i]!.requested,
          pristine.nodeStates[i]!.podCount,
          pristine.nodeStates[i]!.usedPorts,
        ]);
      });
    }
  });
});
