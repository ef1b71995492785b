// Mirrors pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go
import { type ScorePlugin } from '../framework/plugin';
import { MAX_NODE_SCORE } from '../framework/status';
import {
  DEFAULT_RESOURCES,
  type PodRequestList,
  type ResourceSpec,
  calculateAllocatableRequested,
  cpuAndMemoryOnEveryNode,
  podRequestList,
} from './resource-allocation';

/**
 * `balancedResourceScorer`: (1 - standard deviation of the requested/allocatable fractions) * 100,
 * truncated; each fraction is capped at 1 and resources the node lacks are left out. For two resources
 * the deviation is |f1 - f2| / 2: cpu 75% and memory 50% -> 87.
 */
export function balancedResourceScorer(requested: Float64Array, allocatable: Float64Array): number {
  let count = 0;
  let totalFraction = 0;
  let first = 0;
  let second = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const fraction = Math.min(requested[i]! / allocatable[i]!, 1);
    totalFraction += fraction;
    if (count === 0) first = fraction;
    else if (count === 1) second = fraction;
    count++;
  }
  let std = 0;
  if (count === 2) {
    std = Math.abs((first - second) / 2);
  } else if (count > 2) {
    const mean = totalFraction / count;
    let sum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      const fraction = Math.min(requested[i]! / allocatable[i]!, 1);
      sum = sum + (fraction - mean) * (fraction - mean);
    }
    std = Math.sqrt(sum / count);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/**
 * NodeResourcesBalancedAllocation over `resources`. It weighs what pods really request (no non-zero
 * defaults), and skips best-effort pods that request none of the resources (kubernetes#129138).
 */
export function newBalancedAllocation(resources: readonly ResourceSpec[] = DEFAULT_RESOURCES) {
  const allocatable = new Float64Array(resources.length);
  const requested = new Float64Array(resources.length);
  return {
    name: 'NodeResourcesBalancedAllocation',
    preScore(pod): PodRequestList | null {
      const list = podRequestList(pod.scoringRequests, resources);
      return list.requests.every((request) => request === 0) ? null : list;
    },
    score(state, node) {
      calculateAllocatableRequested(node, state, true, allocatable, requested);
      return balancedResourceScorer(requested, allocatable);
    },
    // cpu and memory read straight off the node columns; with two fractions the deviation does not depend on
    // their order, and where every node has both, none is left out. Any other resource list goes node by node.
    scoreNodes(state, cluster, nodes, scores) {
      const { cpuWeight, cpuRequest, memoryWeight, memoryRequest, ephemeralStorageWeight } = state.byKind;
      if (!state.columnsOnly || ephemeralStorageWeight !== 0) {
        for (let k = 0; k < nodes.length; k++) scores[k] = this.score(state, cluster.nodeStates[nodes[k]!]!);
        return;
      }
      const { allocatableMilliCPU, allocatableMemory, requestedMilliCPU, requestedMemory } = cluster.columns;
      if (cpuWeight !== 0 && memoryWeight !== 0 && cpuAndMemoryOnEveryNode(cluster)) {
        for (let k = 0; k < nodes.length; k++) {
          const i = nodes[k]!;
          const cpuFraction = Math.min((requestedMilliCPU[i]! + cpuRequest) / allocatableMilliCPU[i]!, 1);
          const memoryFraction = Math.min((requestedMemory[i]! + memoryRequest) / allocatableMemory[i]!, 1);
          scores[k] = Math.trunc((1 - Math.abs((cpuFraction - memoryFraction) / 2)) * MAX_NODE_SCORE);
        }
        return;
      }
      for (let k = 0; k < nodes.length; k++) {
        const i = nodes[k]!;
        let count = 0;
        let first = 0;
        let second = 0;
        const cpu = allocatableMilliCPU[i]!;
        if (cpuWeight !== 0 && cpu !== 0) {
          first = Math.min((requestedMilliCPU[i]! + cpuRequest) / cpu, 1);
          count++;
        }
        const memory = allocatableMemory[i]!;
        if (memoryWeight !== 0 && memory !== 0) {
          const fraction = Math.min((requestedMemory[i]! + memoryRequest) / memory, 1);
          if (count === 0) first = fraction;
          else second = fraction;
          count++;
        }
        const std = count === 2 ? Math.abs((first - second) / 2) : 0;
        scores[k] = Math.trunc((1 - std) * MAX_NODE_SCORE);
      }
    },
  } satisfies ScorePlugin<PodRequestList>;
}

/** The default profile's NodeResourcesBalancedAllocation: cpu and memory. */
export const balancedAllocation = newBalancedAllocation();
