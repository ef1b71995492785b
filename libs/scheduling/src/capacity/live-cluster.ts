// A cluster state that pods can be bound to one at a time, as kube-scheduler's cache assumes each pod it
// places (pkg/scheduler/backend/cache/cache.go, AssumePod -> NodeInfo.AddPod): the chosen node's requested
// and non-zero requested resources, pod count, host ports and pod list change; nothing else does.
import { type Pod } from '../api/core-v1';
import {
  type BoundPodCharge,
  type ClusterState,
  type NodeColumns,
  type NodeState,
  type Resources,
} from '../framework/cluster-state';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A copy of a ClusterState (built from the inventory, perhaps cached and shared) kept current as pods are
 * bound; the state it was copied from never changes. `state` is a ClusterState of its own, so the per-cluster
 * caches of the framework (scratch buffers, label columns, the anti-affinity index of `podsByNode`) are keyed
 * to it; only what a bound pod changes is written, and the label columns, taints and allocatable it leaves
 * alone stay valid. Copying costs O(N) typed-array copies; binding costs O(pods already on the node),
 * independent of the number of nodes.
 */
export class LiveCluster {
  readonly state: ClusterState;
  private readonly podsByNode: (readonly Pod[])[];
  private readonly nodeStates: NodeState[];
  private readonly writable: Writable<ClusterState>;
  /** Nodes whose HostPortInfo is this copy's own (copied on the first bind there). */
  private readonly ownsPorts: Uint8Array;
  /** Nodes whose pod list is this copy's own. */
  private readonly ownsPods: Uint8Array;

  constructor(base: ClusterState) {
    const columns = copyColumns(base.columns);
    this.podsByNode = base.podsByNode.slice();
    this.nodeStates = base.nodeStates.map((node) => ({ ...node, columns }));
    this.ownsPorts = new Uint8Array(base.nodes.length);
    this.ownsPods = new Uint8Array(base.nodes.length);
    this.writable = { ...base, columns, podsByNode: this.podsByNode, nodeStates: this.nodeStates };
    this.state = this.writable;
  }

  /** Binds `pod` (defaulted, `spec.nodeName` set to the node) to node `nodeIndex`, charging `charge`. */
  bind(nodeIndex: number, pod: Pod, charge: BoundPodCharge): void {
    const i = nodeIndex;
    const c = this.state.columns;
    const old = this.nodeStates[i]!;
    const requested = addResources(old.requested, charge.requested);
    c.requestedMilliCPU[i] = requested.milliCPU;
    c.requestedMemory[i] = requested.memory;
    c.requestedEphemeralStorage[i] = requested.ephemeralStorage;
    c.nonZeroRequestedMilliCPU[i]! += charge.nonZeroMilliCPU;
    c.nonZeroRequestedMemory[i]! += charge.nonZeroMemory;
    c.podCount[i]! += 1;
    c.freePods[i] = c.allowedPodNumber[i]! - c.podCount[i]!;
    c.freeMilliCPU[i] = c.allocatableMilliCPU[i]! - requested.milliCPU;
    c.freeMemory[i] = c.allocatableMemory[i]! - requested.memory;
    c.freeEphemeralStorage[i] = c.allocatableEphemeralStorage[i]! - requested.ephemeralStorage;
    let usedPorts = old.usedPorts;
    if (charge.hostPorts.length > 0 && this.ownsPorts[i] === 0) {
      usedPorts = usedPorts.clone();
      this.ownsPorts[i] = 1;
    }
    for (const port of charge.hostPorts) usedPorts.add(port);
    c.usedPortCount[i] = usedPorts.size;

    // The inventory's pod lists are frozen and shared; each node's is copied once, then grows in place (the
    // anti-affinity index notices a list that grows, inter-pod-affinity.ts).
    let pods = this.podsByNode[i] as Pod[];
    if (this.ownsPods[i] === 0) {
      pods = [...pods];
      this.podsByNode[i] = pods;
      this.ownsPods[i] = 1;
    }
    pods.push(pod);
    // The NodeStates are this copy's own (made in the constructor), so they are updated in place.
    const node = old as Writable<NodeState>;
    node.requested = requested;
    node.nonZeroRequestedMilliCPU = c.nonZeroRequestedMilliCPU[i]!;
    node.nonZeroRequestedMemory = c.nonZeroRequestedMemory[i]!;
    node.podCount = c.podCount[i]!;
    node.usedPorts = usedPorts;
    node.pods = pods;
    const isExact =
      Number.isSafeInteger(requested.milliCPU) &&
      Number.isSafeInteger(requested.memory) &&
      Number.isSafeInteger(requested.ephemeralStorage) &&
      Number.isSafeInteger(node.nonZeroRequestedMilliCPU) &&
      Number.isSafeInteger(node.nonZeroRequestedMemory);
    if (charge.hasInexactQuantities || !isExact) this.writable.hasInexactQuantities = true;
  }
}

// Every column a bind writes is copied; the others are shared, as nothing writes them.
function copyColumns(columns: NodeColumns): NodeColumns {
  return {
    ...columns,
    requestedMilliCPU: columns.requestedMilliCPU.slice(),
    requestedMemory: columns.requestedMemory.slice(),
    requestedEphemeralStorage: columns.requestedEphemeralStorage.slice(),
    nonZeroRequestedMilliCPU: columns.nonZeroRequestedMilliCPU.slice(),
    nonZeroRequestedMemory: columns.nonZeroRequestedMemory.slice(),
    podCount: columns.podCount.slice(),
    freePods: columns.freePods.slice(),
    freeMilliCPU: columns.freeMilliCPU.slice(),
    freeMemory: columns.freeMemory.slice(),
    freeEphemeralStorage: columns.freeEphemeralStorage.slice(),
    usedPortCount: columns.usedPortCount.slice(),
  };
}

// `Resource.Add`, into a new object: the old one may be the inventory's, shared with other simulations.
function addResources(a: Resources, b: Resources): Resources {
  let scalar = a.scalar;
  if (b.scalar !== null) {
    const sum = new Map(a.scalar ?? []);
    for (const [name, amount] of b.scalar) sum.set(name, (sum.get(name) ?? 0) + amount);
    scalar = sum;
  }
  return {
    milliCPU: a.milliCPU + b.milliCPU,
    memory: a.memory + b.memory,
    ephemeralStorage: a.ephemeralStorage + b.ephemeralStorage,
    allowedPodNumber: a.allowedPodNumber,
    scalar,
  };
}
