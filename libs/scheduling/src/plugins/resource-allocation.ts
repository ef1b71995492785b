// Mirrors pkg/scheduler/framework/plugins/noderesources/resource_allocation.go, shared by the
// LeastAllocated strategy of NodeResourcesFit and by NodeResourcesBalancedAllocation.
import { type ResourceList, RESOURCE_CPU, RESOURCE_EPHEMERAL_STORAGE, RESOURCE_MEMORY } from '../api/core-v1';
import { type ClusterState, type NodeState } from '../framework/cluster-state';
import { MAX_NODE_SCORE } from '../framework/status';
import { isScalarResourceName } from '../framework/resource-names';

/** `config.ResourceSpec`: a resource a scoring strategy weighs. */
export interface ResourceSpec {
  readonly name: string;
  readonly weight: number;
}

/** The default `scoringStrategy.resources` of NodeResourcesFit and of BalancedAllocation: cpu and memory, weight 1. */
export const DEFAULT_RESOURCES: readonly ResourceSpec[] = Object.freeze([
  { name: RESOURCE_CPU, weight: 1 },
  { name: RESOURCE_MEMORY, weight: 1 },
]);

/** (capacity - requested) * MAX_NODE_SCORE stays exact in doubles while capacity * MAX_NODE_SCORE does. */
export const SAFE_CAPACITY = Math.floor(Number.MAX_SAFE_INTEGER / MAX_NODE_SCORE);

const cpuAndMemoryByCluster = new WeakMap<ClusterState, boolean>();

/**
 * Every node has allocatable cpu and memory, each within 1..SAFE_CAPACITY: then a score over cpu and memory
 * leaves no resource out on any node and needs no int64 arithmetic. Computed once per cluster.
 */
export function cpuAndMemoryOnEveryNode(cluster: ClusterState): boolean {
  let answer = cpuAndMemoryByCluster.get(cluster);
  if (answer === undefined) {
    const within = (amount: number) => amount >= 1 && amount <= SAFE_CAPACITY;
    answer = cluster.columns.allocatableMilliCPU.every(within) && cluster.columns.allocatableMemory.every(within);
    cpuAndMemoryByCluster.set(cluster, answer);
  }
  return answer;
}

const CPU = 0;
const MEMORY = 1;
const EPHEMERAL_STORAGE = 2;
const SCALAR = 3;
/** A name the scheduler does not track (not cpu, memory, ephemeral-storage nor a scalar resource). */
const UNTRACKED = 4;

/** What PreScore computes once per pod: its request of each resource, in the scheduler's units. */
export interface PodRequestList {
  readonly requests: Float64Array;
  /** How each resource is looked up on a node: cpu, memory, ephemeral-storage, scalar, or not at all. */
  readonly kinds: Uint8Array;
  readonly names: readonly string[];
  /**
   * Every resource is cpu, memory or ephemeral-storage, or one left out of the score anyway (a scalar the
   * pod does not request, an untracked name): the node columns alone give the inputs, as `byKind` sums up.
   */
  readonly columnsOnly: boolean;
  /** Weight (0: not scored) and pod request of cpu, memory and ephemeral-storage. */
  readonly byKind: {
    readonly cpuWeight: number;
    readonly cpuRequest: number;
    readonly memoryWeight: number;
    readonly memoryRequest: number;
    readonly ephemeralStorageWeight: number;
    readonly ephemeralStorageRequest: number;
  };
}

function kindOf(name: string): number {
  if (name === RESOURCE_CPU) return CPU;
  if (name === RESOURCE_MEMORY) return MEMORY;
  if (name === RESOURCE_EPHEMERAL_STORAGE) return EPHEMERAL_STORAGE;
  return isScalarResourceName(name) ? SCALAR : UNTRACKED;
}

/** `calculatePodResourceRequestList`, from the pod's requests (with or without the non-zero defaults). */
export function podRequestList(list: ResourceList, resources: readonly ResourceSpec[]): PodRequestList {
  const requests = new Float64Array(resources.length);
  const kinds = new Uint8Array(resources.length);
  const byKind = {
    cpuWeight: 0,
    cpuRequest: 0,
    memoryWeight: 0,
    memoryRequest: 0,
    ephemeralStorageWeight: 0,
    ephemeralStorageRequest: 0,
  };
  let columnsOnly = true;
  resources.forEach(({ name, weight }, i) => {
    const quantity = list[name];
    const request =
      quantity === undefined ? 0 : name === RESOURCE_CPU ? quantity.milliValueNumber() : quantity.valueNumber();
    requests[i] = request;
    kinds[i] = kindOf(name);
    if (kinds[i] === CPU) Object.assign(byKind, { cpuWeight: weight, cpuRequest: request });
    else if (kinds[i] === MEMORY) Object.assign(byKind, { memoryWeight: weight, memoryRequest: request });
    else if (kinds[i] === EPHEMERAL_STORAGE) {
      Object.assign(byKind, { ephemeralStorageWeight: weight, ephemeralStorageRequest: request });
    } else if (kinds[i] === SCALAR && request !== 0) columnsOnly = false;
  });
  return { requests, kinds, names: resources.map(({ name }) => name), columnsOnly, byKind };
}

/**
 * `resourceAllocationScorer.score`'s inputs: for each resource, the node's allocatable and what it would
 * have requested with the pod on it, written into `allocatable` and `requested`. cpu and memory count the
 * bound pods' non-zero requests unless `useRequested`; a scalar resource the pod does not request, or one
 * the node does not list, is left at (0, 0) and so left out of the score, as is any resource the node has
 * none of. `calculateResourceAllocatableRequest`.
 */
export function calculateAllocatableRequested(
  node: NodeState,
  pod: PodRequestList,
  useRequested: boolean,
  allocatable: Float64Array,
  requested: Float64Array,
): void {
  const c = node.columns;
  const i = node.index;
  for (let r = 0; r < pod.kinds.length; r++) {
    const podRequest = pod.requests[r]!;
    let nodeAllocatable = 0;
    let nodeRequested = 0;
    switch (pod.kinds[r]) {
      case CPU:
        nodeAllocatable = c.allocatableMilliCPU[i]!;
        nodeRequested = (useRequested ? c.requestedMilliCPU[i]! : c.nonZeroRequestedMilliCPU[i]!) + podRequest;
        break;
      case MEMORY:
        nodeAllocatable = c.allocatableMemory[i]!;
        nodeRequested = (useRequested ? c.requestedMemory[i]! : c.nonZeroRequestedMemory[i]!) + podRequest;
        break;
      case EPHEMERAL_STORAGE:
        nodeAllocatable = c.allocatableEphemeralStorage[i]!;
        nodeRequested = c.requestedEphemeralStorage[i]! + podRequest;
        break;
      case SCALAR: {
        if (podRequest === 0) break;
        const name = pod.names[r]!;
        const scalar = node.allocatable.scalar?.get(name);
        if (scalar !== undefined) {
          nodeAllocatable = scalar;
          nodeRequested = (node.requested.scalar?.get(name) ?? 0) + podRequest;
        }
      }
    }
    allocatable[r] = nodeAllocatable;
    requested[r] = nodeAllocatable === 0 ? 0 : nodeRequested;
  }
}

