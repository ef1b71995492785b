// Mirrors pkg/scheduler/framework/plugins/noderesources/least_allocated.go: NodeResourcesFit's Score with
// its default LeastAllocated strategy (fit.go, Score; resource_allocation.go, calculatePodResourceRequest).
import { type NodeColumns } from '../framework/cluster-state';
import { type ScorePlugin } from '../framework/plugin';
import { MAX_NODE_SCORE } from '../framework/status';
import {
  DEFAULT_RESOURCES,
  type PodRequestList,
  type ResourceSpec,
  SAFE_CAPACITY,
  calculateAllocatableRequested,
  cpuAndMemoryOnEveryNode,
  podRequestList,
} from './resource-allocation';

/**
 * `leastRequestedScore`: the share of the node left free, 0..MAX_NODE_SCORE, rounded down; 0 when the node
 * has none of the resource or the requests exceed it. Example: 3000m requested of 4000m -> 25.
 */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  if (capacity <= SAFE_CAPACITY) return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
  return leastRequestedScoreInt64(requested, capacity);
}

// int64 arithmetic beyond 2^53, as Go computes it; kept apart so the common path stays small.
function leastRequestedScoreInt64(requested: number, capacity: number): number {
  return Number((BigInt(capacity - requested) * BigInt(MAX_NODE_SCORE)) / BigInt(capacity));
}

/** `leastResourceScorer`: the weighted mean (rounded down) over the resources the node has. */
export function leastResourceScorer(
  resources: readonly ResourceSpec[],
  requested: Float64Array,
  allocatable: Float64Array,
): number {
  let nodeScore = 0;
  let weightSum = 0;
  for (let i = 0; i < resources.length; i++) {
    if (allocatable[i] === 0) continue;
    const weight = resources[i]!.weight;
    nodeScore += leastRequestedScore(requested[i]!, allocatable[i]!) * weight;
    weightSum += weight;
  }
  return weightSum === 0 ? 0 : Math.floor(nodeScore / weightSum);
}

// The default cpu and memory on a cluster where every node has both, within SAFE_CAPACITY: no resource is
// left out and no int64 arithmetic is needed, so the loop is the formula alone.
function scoreCpuAndMemory(pod: PodRequestList['byKind'], columns: NodeColumns, nodes: Int32Array, scores: Float64Array): void {
  const { cpuWeight, cpuRequest, memoryWeight, memoryRequest } = pod;
  const weightSum = cpuWeight + memoryWeight;
  const { allocatableMilliCPU, allocatableMemory, nonZeroRequestedMilliCPU, nonZeroRequestedMemory } = columns;
  for (let k = 0; k < nodes.length; k++) {
    const i = nodes[k]!;
    const cpu = allocatableMilliCPU[i]!;
    const cpuRequested = nonZeroRequestedMilliCPU[i]! + cpuRequest;
    const memory = allocatableMemory[i]!;
    const memoryRequested = nonZeroRequestedMemory[i]! + memoryRequest;
    const cpuScore = cpuRequested > cpu ? 0 : Math.floor(((cpu - cpuRequested) * MAX_NODE_SCORE) / cpu);
    const memoryScore = memoryRequested > memory ? 0 : Math.floor(((memory - memoryRequested) * MAX_NODE_SCORE) / memory);
    scores[k] = Math.floor((cpuScore * cpuWeight + memoryScore * memoryWeight) / weightSum);
  }
}

/**
 * NodeResourcesFit's Score with the LeastAllocated strategy over `resources`. The pod's cpu and memory
 * count 100m and 200Mi for a container that sets no request, and so do the bound pods' (NonZeroRequested).
 */
export function newLeastAllocated(resources: readonly ResourceSpec[] = DEFAULT_RESOURCES) {
  const allocatable = new Float64Array(resources.length);
  const requested = new Float64Array(resources.length);
  return {
    name: 'NodeResourcesFit',
    preScore(pod): PodRequestList {
      return podRequestList(pod.nonZeroScoringRequests, resources);
    },
    score(state, node) {
      calculateAllocatableRequested(node, state, false, allocatable, requested);
      return leastResourceScorer(resources, requested, allocatable);
    },
    // The same arithmetic read straight off the node columns: a weighted sum over cpu, memory and
    // ephemeral-storage is the same in any order.
    scoreNodes(state, cluster, nodes, scores) {
      if (!state.columnsOnly) {
        for (let k = 0; k < nodes.length; k++) scores[k] = this.score(state, cluster.nodeStates[nodes[k]!]!);
        return;
      }
      const { cpuWeight, cpuRequest, memoryWeight, memoryRequest, ephemeralStorageWeight, ephemeralStorageRequest } =
        state.byKind;
      const { allocatableMilliCPU, allocatableMemory, allocatableEphemeralStorage } = cluster.columns;
      const { nonZeroRequestedMilliCPU, nonZeroRequestedMemory, requestedEphemeralStorage } = cluster.columns;
      if (cpuWeight > 0 && memoryWeight > 0 && ephemeralStorageWeight === 0 && cpuAndMemoryOnEveryNode(cluster)) {
        scoreCpuAndMemory(state.byKind, cluster.columns, nodes, scores);
        return;
      }
      for (let k = 0; k < nodes.length; k++) {
        const i = nodes[k]!;
        let nodeScore = 0;
        let weightSum = 0;
        const cpu = allocatableMilliCPU[i]!;
        if (cpuWeight !== 0 && cpu !== 0) {
          nodeScore += leastRequestedScore(nonZeroRequestedMilliCPU[i]! + cpuRequest, cpu) * cpuWeight;
          weightSum += cpuWeight;
        }
        const memory = allocatableMemory[i]!;
        if (memoryWeight !== 0 && memory !== 0) {
          nodeScore += leastRequestedScore(nonZeroRequestedMemory[i]! + memoryRequest, memory) * memoryWeight;
          weightSum += memoryWeight;
        }
        const storage = allocatableEphemeralStorage[i]!;
        if (ephemeralStorageWeight !== 0 && storage !== 0) {
          const used = requestedEphemeralStorage[i]! + ephemeralStorageRequest;
          nodeScore += leastRequestedScore(used, storage) * ephemeralStorageWeight;
          weightSum += ephemeralStorageWeight;
        }
        scores[k] = weightSum === 0 ? 0 : Math.floor(nodeScore / weightSum);
      }
    },
  } satisfies ScorePlugin<PodRequestList>;
}

/** The default profile's NodeResourcesFit score: LeastAllocated over cpu and memory, weight 1 each. */
export const leastAllocated = newLeastAllocated();
