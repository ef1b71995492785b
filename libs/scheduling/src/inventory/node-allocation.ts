// What `kubectl describe node` prints under "Allocated resources": per resource, the summed requests and
// limits of the node's non-terminated pods and their share of allocatable.
// k8s.io/kubectl pkg/describe/describe.go, describeNodeResource and getPodsTotalRequestsAndLimits, as in
// staging/src/k8s.io/kubectl at kubernetes/kubernetes 0176276b.
import {
  type Node,
  type Pod,
  type ResourceList,
  RESOURCE_CPU,
  RESOURCE_EPHEMERAL_STORAGE,
  RESOURCE_HUGEPAGES_PREFIX,
  RESOURCE_MEMORY,
  RESOURCE_PODS,
} from '../api/core-v1';
import { type ResourceUsage } from '../capacity/capacity-reports';
import { compareByteWise } from '../framework/byte-order';
import { nodeAllocatable } from '../framework/cluster-state';
import { applyPodDefaults } from '../pod/defaults';
import { podLimits, podRequests } from '../pod/resources';
import { Quantity } from '../quantity/quantity';

/** One row of "Allocated resources"; quantities in canonical form. */
export interface ResourceAllocation {
  resource: string;
  allocatable: string;
  requests: string;
  limits: string;
  /** Allocatable minus requests; negative when the node is overcommitted. */
  free: string;
  /** `int64(requests / allocatable * 100)` as kubectl computes it; 0 when allocatable is 0. */
  requestsPercent: number;
  limitsPercent: number;
}

export interface NodeAllocation {
  name: string;
  unschedulable: boolean;
  labels: Record<string, string>;
  /** Non-terminated pods bound to the node. */
  podCount: number;
  /** The node's allocatable `pods`, or null when it has none. */
  allocatablePods: string | null;
  resources: ResourceAllocation[];
}

// kubectl lists the node's pods with `spec.nodeName=<node>,status.phase!=Failed,status.phase!=Succeeded`.
const TERMINATED_PHASES: ReadonlySet<string> = new Set(['Succeeded', 'Failed']);

// kubectl prints these three rows always, then hugepages and then the other resources, each sorted by name.
const FIXED_RESOURCES: readonly string[] = [RESOURCE_CPU, RESOURCE_MEMORY, RESOURCE_EPHEMERAL_STORAGE];

const ZERO = Quantity.zero();

/**
 * The "Allocated resources" of a node, from the pods bound to it (`spec.nodeName`) that have not Succeeded
 * or Failed: each pod's PodRequests and PodLimits (component-helpers), as the API server defaults the pod,
 * summed exactly. Example: allocatable cpu 2, pods requesting 850m and 100m -> requests `950m` (47%), free
 * `1050m`.
 *
 * Rows: cpu, memory and ephemeral-storage always; then hugepages-* and then every other resource, each group
 * sorted by name, for a resource in allocatable or in some pod's requests or limits. `pods` is not a row but
 * `podCount` against `allocatablePods`. Allocatable is capacity only where the node lists no allocatable at
 * all, as everywhere in podfit (kubectl also falls back when allocatable is an empty map).
 */
export function describeNodeAllocation(node: Node, boundPods: readonly Pod[]): NodeAllocation {
  const name = node.metadata.name;
  const allocatable = nodeAllocatable(node);
  const { podCount, requests, limits } = getPodsTotalRequestsAndLimits(name, boundPods, true);

  const resources = allocationRowOrder([allocatable, requests, limits]).map(
    (resource): ResourceAllocation => {
      const total = allocatable[resource] ?? ZERO;
      const limited = limits[resource] ?? ZERO;
      const usage = usageRow(resource, total, requests[resource] ?? ZERO);
      return {
        resource,
        allocatable: usage.allocatable,
        requests: usage.requested,
        limits: limited.toString(),
        free: usage.free,
        requestsPercent: usage.percent,
        limitsPercent: percentOf(limited, total, resource === RESOURCE_CPU),
      };
    },
  );

  return {
    name,
    unschedulable: node.spec.unschedulable === true,
    labels: { ...node.metadata.labels },
    podCount,
    allocatablePods: allocatable[RESOURCE_PODS]?.toString() ?? null,
    resources,
  };
}

/** The summed requests (and limits) of the pods kubectl counts on a node, and how many there are. */
export interface PodsTotals {
  readonly podCount: number;
  readonly requests: Record<string, Quantity>;
  /** Empty unless asked for. */
  readonly limits: Record<string, Quantity>;
}

/**
 * getPodsTotalRequestsAndLimits: each pod bound to the node (`spec.nodeName`) that has not Succeeded or
 * Failed adds its PodRequests (and PodLimits when `withLimits`), as the API server defaults the pod.
 */
export function getPodsTotalRequestsAndLimits(
  nodeName: string,
  boundPods: readonly Pod[],
  withLimits: boolean,
): PodsTotals {
  const requests: Record<string, Quantity> = {};
  const limits: Record<string, Quantity> = {};
  let podCount = 0;
  for (const pod of boundPods) {
    if (pod.spec.nodeName !== nodeName) continue;
    const phase = pod.status?.phase;
    if (phase !== undefined && TERMINATED_PHASES.has(phase)) continue;
    podCount++;
    // getPodsTotalRequestsAndLimits: PodResourcesOptions{SkipPodLevelResources: false}, so spec resources
    // (not the kubelet's status resources) and overhead; kubectl reads pods the API server has defaulted.
    const defaulted = applyPodDefaults(pod);
    addQuantities(requests, podRequests(defaulted));
    if (withLimits) addQuantities(limits, podLimits(defaulted));
  }
  return { podCount, requests, limits };
}

/**
 * The rows kubectl prints, for the resources named in any of `lists`: cpu, memory and ephemeral-storage
 * always, then hugepages-* and then every other resource, each group sorted by name; never `pods`.
 */
export function allocationRowOrder(lists: readonly Readonly<Record<string, unknown>>[]): string[] {
  const hugePages: string[] = [];
  const others: string[] = [];
  const seen = new Set<string>([...FIXED_RESOURCES, RESOURCE_PODS]);
  for (const list of lists) {
    for (const resource in list) {
      if (seen.has(resource)) continue;
      seen.add(resource);
      (resource.startsWith(RESOURCE_HUGEPAGES_PREFIX) ? hugePages : others).push(resource);
    }
  }
  hugePages.sort(compareByteWise);
  others.sort(compareByteWise);
  return [...FIXED_RESOURCES, ...hugePages, ...others];
}

/**
 * Adds each quantity of `list` to `total`'s, in place, as getPodsTotalRequestsAndLimits sums: the first
 * term as it is, then Add (which keeps the first term's format).
 */
export function addQuantities(total: Record<string, Quantity>, list: Readonly<ResourceList>): void {
  for (const resource in list) {
    const quantity = list[resource]!;
    const sum = total[resource];
    total[resource] = sum === undefined ? quantity : sum.add(quantity);
  }
}

/**
 * One resource's row: allocatable, the requested amount, what is left (negative when overcommitted) and
 * kubectl's percentage, quantities in canonical form. Example: allocatable `2`, requested `950m`: free
 * `1050m`, 47%.
 */
export function usageRow(resource: string, allocatable: Quantity, requested: Quantity): ResourceUsage {
  return {
    resource,
    allocatable: allocatable.toString(),
    requested: requested.toString(),
    free: allocatable.sub(requested).toString(),
    percent: percentOf(requested, allocatable, resource === RESOURCE_CPU),
  };
}

// `int64(float64(req.MilliValue()) / float64(alloc.MilliValue()) * 100)` for cpu, Value() for the rest: in
// doubles and truncated toward zero, so 29m of 100m is 28% (0.29 * 100 = 28.999999999999996). kubectl prints
// no percentage for extended resources; this gives them one by the same formula.
/** kubectl's percentage of allocatable, truncated: cpu in millicores, the rest in whole units; 0 of nothing. */
export function percentOf(amount: Quantity, allocatable: Quantity, isCpu: boolean): number {
  const whole = isCpu ? allocatable.milliValue() : allocatable.value();
  if (whole === 0n) return 0;
  const part = isCpu ? amount.milliValue() : amount.value();
  // `+ 0` turns the -0 of a small negative ratio into 0, as int64 has no negative zero.
  return Math.trunc((Number(part) / Number(whole)) * 100) + 0;
}
