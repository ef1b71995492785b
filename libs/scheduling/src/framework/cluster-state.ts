// The scheduler's snapshot of the cluster: one NodeInfo per node, built once and read by every evaluation.
// k8s.io/kubernetes pkg/scheduler/framework/types.go: NodeInfo, Resource, PodInfo.CalculateResource.
import {
  type ContainerPort,
  type Node,
  type Pod,
  type ResourceList,
  type Taint,
  RESOURCE_CPU,
  RESOURCE_EPHEMERAL_STORAGE,
  RESOURCE_MEMORY,
  RESOURCE_PODS,
} from '../api/core-v1';
import { type Quantity } from '../quantity/quantity';
import { applyPodDefaults } from '../pod/defaults';
import { isPodLevelRequestsSet, nonZeroDefaultRequests, podRequests } from '../pod/resources';
import { HostPortInfo, getHostPorts } from './host-ports';
import { isScalarResourceName } from './resource-names';
import { compareByteWise } from './byte-order';

/** `framework.Resource`: amounts in the scheduler's units (cpu in millicores, everything else in Value()). */
export interface Resources {
  readonly milliCPU: number;
  readonly memory: number;
  readonly ephemeralStorage: number;
  readonly allowedPodNumber: number;
  /** Hugepages, extended, `kubernetes.io/`-prefixed and attachable-volume resources; null when none. */
  readonly scalar: ReadonlyMap<string, number> | null;
}

/**
 * The per-node numbers every evaluation reads, one typed array per quantity, indexed like `nodes`:
 * the hot loops of the filters and scores read these rather than the NodeState objects.
 */
export interface NodeColumns {
  readonly allocatableMilliCPU: Float64Array;
  readonly allocatableMemory: Float64Array;
  readonly allocatableEphemeralStorage: Float64Array;
  readonly allowedPodNumber: Float64Array;
  readonly requestedMilliCPU: Float64Array;
  readonly requestedMemory: Float64Array;
  readonly requestedEphemeralStorage: Float64Array;
  readonly nonZeroRequestedMilliCPU: Float64Array;
  readonly nonZeroRequestedMemory: Float64Array;
  readonly podCount: Float64Array;
  /**
   * What is left for one more pod: allocatable minus requested (pod count, cpu, memory, ephemeral-storage),
   * the differences NodeResourcesFit compares a request with, computed once per cluster.
   */
  readonly freePods: Float64Array;
  readonly freeMilliCPU: Float64Array;
  readonly freeMemory: Float64Array;
  readonly freeEphemeralStorage: Float64Array;
  /** 1 when `spec.unschedulable`. */
  readonly unschedulable: Uint8Array;
  /** Some node is unschedulable. */
  readonly anyUnschedulable: boolean;
  /** Number of taints of any effect. */
  readonly taintCount: Uint32Array;
  /**
   * The node's taints as one of the cluster's distinct taint lists: node i holds the taints
   * `distinctTaintSets[taintSetOf[i]]`, ids into `distinctTaints`. Nodes of one pool share taints, so a
   * toleration check per distinct taint, then per distinct list, serves them all.
   */
  readonly taintSetOf: Uint32Array;
  readonly distinctTaintSets: readonly (readonly number[])[];
  readonly distinctTaints: readonly Taint[];
  /** Number of (ip, protocol/port) host ports in use. */
  readonly usedPortCount: Uint32Array;
}

/** One node as kube-scheduler's NodeInfo sees it. */
export interface NodeState {
  readonly index: number;
  /** The cluster's columns; this node's numbers are at `index`. */
  readonly columns: NodeColumns;
  readonly name: string;
  readonly node: Node;
  readonly labels: Readonly<Record<string, string>>;
  readonly unschedulable: boolean;
  readonly taints: readonly Taint[];
  readonly allocatable: Resources;
  /** What the bound pods request (`NodeInfo.Requested`). */
  readonly requested: Resources;
  /** `NodeInfo.NonZeroRequested`: cpu and memory with the scheduler's defaults for unset requests. */
  readonly nonZeroRequestedMilliCPU: number;
  readonly nonZeroRequestedMemory: number;
  readonly podCount: number;
  readonly usedPorts: HostPortInfo;
  /** The bound pods the scheduler counts on this node, as given. */
  readonly pods: readonly Pod[];
}

/** The inventory as kube-scheduler's snapshot holds it; build once, evaluate many pods against it. */
export interface ClusterState {
  /** Nodes in inventory order. */
  readonly nodes: readonly Node[];
  /** Bound, non-terminal pods per node, index-aligned with `nodes`; frozen, as the whole state is immutable. */
  readonly podsByNode: readonly (readonly Pod[])[];
  readonly nodeStates: readonly NodeState[];
  readonly columns: NodeColumns;
  /** Node names, index-aligned with `nodes`. */
  readonly names: readonly string[];
  /** First index of each node name. */
  readonly nodeIndexByName: ReadonlyMap<string, number>;
  /** Node indices ordered by name, byte-wise, for deterministic tie-breaking. */
  readonly nameOrder: Uint32Array;
  /** Each node's position in `nameOrder`: node i comes before node j by name when nameRank[i] < nameRank[j]. */
  readonly nameRank: Uint32Array;
  /** 0, 1, … n-1: every node, as a candidate list starts. */
  readonly indices: Int32Array;
  /** Some amount exceeds 2^53 and is compared as the nearest double, not exactly. */
  readonly hasInexactQuantities: boolean;
}

interface MutableResources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  scalar: Map<string, number> | null;
}

function emptyResources(): MutableResources {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: null };
}

/** Converts rounded quantities to numbers, noting when one is beyond 2^53 and so not exact. */
export class NumberConverter {
  inexact = false;

  private checked(n: number): number {
    if (!Number.isSafeInteger(n)) this.inexact = true;
    return n;
  }
  /** MilliValue() as a number (cpu). */
  milli(quantity: Quantity | undefined): number {
    return quantity === undefined ? 0 : this.checked(quantity.milliValueNumber());
  }
  /** Value() as a number (everything but cpu). */
  value(quantity: Quantity | undefined): number {
    return quantity === undefined ? 0 : this.checked(quantity.valueNumber());
  }
}

// `Resource.Add`: cpu in millicores, others in Value(); `pods` sets the allowed pod count (`NodeInfo.update`
// leaves it out when charging a pod); a name that is not a scalar resource (an unknown unprefixed name, say)
// is not tracked at all.
function addResourceList(
  target: MutableResources,
  list: ResourceList,
  convert: NumberConverter,
  countsPods: boolean,
): void {
  for (const name in list) {
    const quantity = list[name]!;
    switch (name) {
      case RESOURCE_CPU:
        target.milliCPU += convert.milli(quantity);
        break;
      case RESOURCE_MEMORY:
        target.memory += convert.value(quantity);
        break;
      case RESOURCE_PODS:
        if (countsPods) target.allowedPodNumber += convert.value(quantity);
        break;
      case RESOURCE_EPHEMERAL_STORAGE:
        target.ephemeralStorage += convert.value(quantity);
        break;
      default:
        if (isScalarResourceName(name)) {
          target.scalar ??= new Map();
          target.scalar.set(name, (target.scalar.get(name) ?? 0) + convert.value(quantity));
        }
    }
  }
}

/**
 * The node's allocatable list; capacity only when allocatable is absent altogether, as the API server's
 * SetDefaults_NodeStatus defaults it (pkg/apis/core/v1/defaults.go). A resource allocatable leaves out is 0.
 */
export function nodeAllocatable(node: Node): ResourceList {
  return node.status.allocatable ?? node.status.capacity ?? {};
}

const TERMINAL_PHASES = new Set(['Succeeded', 'Failed']);

function internTaints(nodes: readonly Node[]): Pick<NodeColumns, 'taintSetOf' | 'distinctTaintSets' | 'distinctTaints'> {
  const idByKey = new Map<string, number>();
  const distinctTaints: Taint[] = [];
  const setIdByKey = new Map<string, number>();
  const distinctTaintSets: number[][] = [];
  const taintSetOf = new Uint32Array(nodes.length);
  nodes.forEach((node, i) => {
    const ids: number[] = [];
    for (const taint of node.spec.taints ?? []) {
      const key = JSON.stringify([taint.key, taint.value ?? '', taint.effect]);
      let id = idByKey.get(key);
      if (id === undefined) {
        id = distinctTaints.length;
        idByKey.set(key, id);
        distinctTaints.push(taint);
      }
      ids.push(id);
    }
    const setKey = ids.join(',');
    let setId = setIdByKey.get(setKey);
    if (setId === undefined) {
      setId = distinctTaintSets.length;
      setIdByKey.set(setKey, setId);
      distinctTaintSets.push(ids);
    }
    taintSetOf[i] = setId;
  });
  return { taintSetOf, distinctTaintSets, distinctTaints };
}

/** What a bound pod adds to its node: `PodInfo.CalculateResource`. */
interface BoundPodResources {
  readonly requests: ResourceList;
  readonly nonZeroMilliCPU: number;
  readonly nonZeroMemory: number;
}

// Requests as NodeInfo counts them (in-place resize is GA: status resources count), and the "non-zero"
// cpu/memory used for scoring: 100m and 200Mi stand in for a container request that is not set, unless
// pod-level requests set that resource. pkg/scheduler/framework/types.go, PodInfo.CalculateResource and
// getNonMissingContainerRequests.
function calculateResource(pod: Pod, convert: NumberConverter): BoundPodResources {
  const requests = podRequests(pod, { useStatusResources: true });
  let nonMissing: ResourceList;
  if (!isPodLevelRequestsSet(pod)) {
    nonMissing = nonZeroDefaultRequests();
  } else {
    const defaults = nonZeroDefaultRequests();
    const missing: Record<string, Quantity> = {};
    if (!(RESOURCE_CPU in requests)) missing[RESOURCE_CPU] = defaults[RESOURCE_CPU]!;
    if (!(RESOURCE_MEMORY in requests)) missing[RESOURCE_MEMORY] = defaults[RESOURCE_MEMORY]!;
    nonMissing = missing;
  }
  const nonZero =
    Object.keys(nonMissing).length > 0
      ? podRequests(pod, { useStatusResources: true, nonMissingContainerRequests: nonMissing })
      : requests;
  return {
    requests,
    nonZeroMilliCPU: convert.milli(nonZero[RESOURCE_CPU]),
    nonZeroMemory: convert.value(nonZero[RESOURCE_MEMORY]),
  };
}

/** What binding one pod adds to its node's NodeInfo: requested, non-zero requested and host ports. */
export interface BoundPodCharge {
  readonly requested: Resources;
  readonly nonZeroMilliCPU: number;
  readonly nonZeroMemory: number;
  readonly hostPorts: readonly ContainerPort[];
  /** Some amount exceeds 2^53. */
  readonly hasInexactQuantities: boolean;
}

/**
 * The charge `buildClusterState` lays on a node for one bound pod, already defaulted (`applyPodDefaults`):
 * the same arithmetic, for a caller that binds pods one at a time (the capacity simulation).
 */
export function boundPodCharge(defaultedPod: Pod): BoundPodCharge {
  const convert = new NumberConverter();
  const resources = calculateResource(defaultedPod, convert);
  const requested = emptyResources();
  addResourceList(requested, resources.requests, convert, false);
  return {
    requested,
    nonZeroMilliCPU: resources.nonZeroMilliCPU,
    nonZeroMemory: resources.nonZeroMemory,
    hostPorts: getHostPorts(defaultedPod),
    hasInexactQuantities: convert.inexact,
  };
}

/**
 * Builds the scheduler's view of a cluster. Each node's allocatable (capacity where allocatable is absent)
 * is charged with the requests, host ports and pod count of the pods bound to it (`spec.nodeName`); pods on
 * unknown nodes, and Succeeded or Failed pods (the scheduler's informer never sees them), are left out.
 */
export function buildClusterState(nodes: readonly Node[], boundPods: readonly Pod[]): ClusterState {
  const convert = new NumberConverter();
  const nodeIndexByName = new Map<string, number>();
  for (let i = 0; i < nodes.length; i++) {
    const name = nodes[i]!.metadata.name;
    if (!nodeIndexByName.has(name)) nodeIndexByName.set(name, i);
  }

  const podsByNode: Pod[][] = nodes.map(() => []);
  const requested = nodes.map(emptyResources);
  const nonZeroMilliCPU = new Float64Array(nodes.length);
  const nonZeroMemory = new Float64Array(nodes.length);
  const usedPorts = nodes.map(() => new HostPortInfo());

  // Excluding terminal pods mirrors newPodInformer's field selector, pkg/scheduler/scheduler.go.
  for (const pod of boundPods) {
    const nodeName = pod.spec.nodeName;
    if (nodeName === undefined || nodeName === '') continue;
    const index = nodeIndexByName.get(nodeName);
    if (index === undefined) continue;
    if (pod.status?.phase !== undefined && TERMINAL_PHASES.has(pod.status.phase)) continue;
    podsByNode[index]!.push(pod);
    const defaulted = applyPodDefaults(pod);
    const resources = calculateResource(defaulted, convert);
    const target = requested[index]!;
    addResourceList(target, resources.requests, convert, false);
    nonZeroMilliCPU[index]! += resources.nonZeroMilliCPU;
    nonZeroMemory[index]! += resources.nonZeroMemory;
    for (const port of getHostPorts(defaulted)) usedPorts[index]!.add(port);
  }

  const n = nodes.length;
  const columns: NodeColumns = {
    allocatableMilliCPU: new Float64Array(n),
    allocatableMemory: new Float64Array(n),
    allocatableEphemeralStorage: new Float64Array(n),
    allowedPodNumber: new Float64Array(n),
    requestedMilliCPU: new Float64Array(n),
    requestedMemory: new Float64Array(n),
    requestedEphemeralStorage: new Float64Array(n),
    nonZeroRequestedMilliCPU: nonZeroMilliCPU,
    nonZeroRequestedMemory: nonZeroMemory,
    podCount: new Float64Array(n),
    freePods: new Float64Array(n),
    freeMilliCPU: new Float64Array(n),
    freeMemory: new Float64Array(n),
    freeEphemeralStorage: new Float64Array(n),
    unschedulable: new Uint8Array(n),
    anyUnschedulable: nodes.some((node) => node.spec.unschedulable === true),
    taintCount: new Uint32Array(n),
    ...internTaints(nodes),
    usedPortCount: new Uint32Array(n),
  };
  const nodeStates: NodeState[] = nodes.map((node, index) => {
    const allocatable = emptyResources();
    addResourceList(allocatable, nodeAllocatable(node), convert, true);
    const used = requested[index]!;
    columns.allocatableMilliCPU[index] = allocatable.milliCPU;
    columns.allocatableMemory[index] = allocatable.memory;
    columns.allocatableEphemeralStorage[index] = allocatable.ephemeralStorage;
    columns.allowedPodNumber[index] = allocatable.allowedPodNumber;
    columns.requestedMilliCPU[index] = used.milliCPU;
    columns.requestedMemory[index] = used.memory;
    columns.requestedEphemeralStorage[index] = used.ephemeralStorage;
    columns.podCount[index] = podsByNode[index]!.length;
    columns.freePods[index] = allocatable.allowedPodNumber - podsByNode[index]!.length;
    columns.freeMilliCPU[index] = allocatable.milliCPU - used.milliCPU;
    columns.freeMemory[index] = allocatable.memory - used.memory;
    columns.freeEphemeralStorage[index] = allocatable.ephemeralStorage - used.ephemeralStorage;
    columns.unschedulable[index] = node.spec.unschedulable === true ? 1 : 0;
    columns.taintCount[index] = node.spec.taints?.length ?? 0;
    columns.usedPortCount[index] = usedPorts[index]!.size;
    return {
      index,
      columns,
      name: node.metadata.name,
      node,
      labels: node.metadata.labels ?? {},
      unschedulable: node.spec.unschedulable === true,
      taints: node.spec.taints ?? [],
      allocatable,
      requested: requested[index]!,
      nonZeroRequestedMilliCPU: nonZeroMilliCPU[index]!,
      nonZeroRequestedMemory: nonZeroMemory[index]!,
      podCount: podsByNode[index]!.length,
      usedPorts: usedPorts[index]!,
      pods: podsByNode[index]!,
    };
  });

  // Sums of exact amounts can still pass 2^53.
  const sums = [columns.requestedMilliCPU, columns.requestedMemory, columns.requestedEphemeralStorage, nonZeroMilliCPU, nonZeroMemory];
  const inexactSum = sums.some((column) => column.some((value) => !Number.isSafeInteger(value)));

  const nameOrder = Uint32Array.from(nodes.keys());
  nameOrder.sort((a, b) => compareByteWise(nodes[a]!.metadata.name, nodes[b]!.metadata.name) || a - b);
  const nameRank = new Uint32Array(nodes.length);
  for (let position = 0; position < nameOrder.length; position++) nameRank[nameOrder[position]!] = position;

  for (const pods of podsByNode) Object.freeze(pods);
  return {
    nodes,
    podsByNode: Object.freeze(podsByNode),
    nodeStates,
    columns,
    names: nodes.map((node) => node.metadata.name),
    nodeIndexByName,
    nameOrder,
    nameRank,
    indices: Int32Array.from(nodes.keys()),
    hasInexactQuantities: convert.inexact || inexactSum,
  };
}

/** One label key across a cluster's nodes: each node's value as an id, -1 where the node lacks the label. */
export interface LabelColumn {
  readonly valueIds: Int32Array;
  readonly idByValue: ReadonlyMap<string, number>;
}

const labelColumnsByCluster = new WeakMap<ClusterState, Map<string, LabelColumn>>();

/**
 * The column of label `key`, built the first time a pod asks for it and kept with the cluster: a selector
 * then compares one id per node instead of looking the label up on each node.
 */
export function labelColumn(cluster: ClusterState, key: string): LabelColumn {
  let columns = labelColumnsByCluster.get(cluster);
  if (columns === undefined) {
    columns = new Map();
    labelColumnsByCluster.set(cluster, columns);
  }
  let column = columns.get(key);
  if (column === undefined) {
    const idByValue = new Map<string, number>();
    const valueIds = new Int32Array(cluster.nodeStates.length).fill(-1);
    cluster.nodeStates.forEach(({ labels }, i) => {
      if (!Object.prototype.hasOwnProperty.call(labels, key)) return;
      const value = labels[key]!;
      let id = idByValue.get(value);
      if (id === undefined) {
        id = idByValue.size;
        idByValue.set(value, id);
      }
      valueIds[i] = id;
    });
    column = { valueIds, idByValue };
    columns.set(key, column);
  }
  return column;
}
