// The ResourceUsage rows of the Plan and Headroom reports: per resource, what a node (or a set of nodes) can
// hold and what its pods request, summed exactly and printed as `kubectl describe node` prints "Allocated
// resources" (k8s.io/kubectl pkg/describe/describe.go, describeNodeResource), plus a `pods` row.
import { type Node, type Pod, type ResourceList, RESOURCE_PODS } from '../api/core-v1';
import { type ClusterState, nodeAllocatable } from '../framework/cluster-state';
import {
  addQuantities,
  allocationRowOrder,
  getPodsTotalRequestsAndLimits,
  usageRow,
} from '../inventory/node-allocation';
import { Quantity } from '../quantity/quantity';
import { type ResourceUsage } from './capacity-reports';

/** Exact totals of a node or a set of nodes; `pods` is kept apart from the other resources. */
export interface UsageTotals {
  /** Allocatable (capacity where the node lists none) without `pods`; shared, never changed in place. */
  readonly allocatable: Readonly<Record<string, Quantity>>;
  /** Summed requests of the pods, without `pods`. */
  readonly requested: Record<string, Quantity>;
  /** The allocatable `pods`, 0 when the node lists none. */
  allocatablePods: Quantity;
  podCount: number;
}

/**
 * A node's totals as `describeNodeAllocation` sums them: its allocatable, and the PodRequests of the pods
 * bound to it that have not Succeeded or Failed (getPodsTotalRequestsAndLimits).
 */
export function nodeUsage(node: Node, boundPods: readonly Pod[]): UsageTotals {
  const { [RESOURCE_PODS]: allocatablePods, ...allocatable } = nodeAllocatable(node);
  const { podCount, requests } = getPodsTotalRequestsAndLimits(node.metadata.name, boundPods, false);
  delete requests[RESOURCE_PODS];
  return { allocatable, requested: requests, allocatablePods: allocatablePods ?? Quantity.zero(), podCount };
}

const usageByCluster = new WeakMap<ClusterState, readonly Readonly<UsageTotals>[]>();

/**
 * `nodeUsage` of every node of the cluster with the pods bound to it, in node order. Computed the first
 * time it is asked for and kept with the (immutable) cluster state, like its label columns: the server
 * plans many times on one inventory version's state. Frozen: copy (`copyUsage`) before adding to one.
 */
export function clusterUsage(cluster: ClusterState): readonly Readonly<UsageTotals>[] {
  let usage = usageByCluster.get(cluster);
  if (usage === undefined) {
    usage = Object.freeze(
      cluster.nodes.map((node, i) => {
        const totals = nodeUsage(node, cluster.podsByNode[i]!);
        Object.freeze(totals.allocatable);
        Object.freeze(totals.requested);
        return Object.freeze(totals);
      }),
    );
    usageByCluster.set(cluster, usage);
  }
  return usage;
}

/** The same totals, with a `requested` of its own to add to. */
export function copyUsage(totals: Readonly<UsageTotals>): UsageTotals {
  return { ...totals, requested: { ...totals.requested } };
}

/**
 * `count` × `quantity`, exactly, in the quantity's format: what `count` additions of it give (Quantity.Add
 * keeps the receiver's format), by doubling, in O(log count) additions. `times(250m, 2)` is `500m`.
 */
export function times(quantity: Quantity, count: number): Quantity {
  if (!Number.isSafeInteger(count) || count < 0)
    throw new RangeError(`count must be a whole number, got ${count}`);
  let result: Quantity | null = null;
  let power = quantity;
  for (let n = count; n > 0; n = Math.floor(n / 2)) {
    if (n % 2 === 1) result = result === null ? power : result.add(power);
    if (n > 1) power = power.add(power);
  }
  return result ?? Quantity.zero(quantity.format);
}

/** Adds `count` pods, each requesting `requests` (`pods` in it is ignored), to the totals in place. */
export function addPods(totals: UsageTotals, requests: ResourceList, count: number): void {
  if (count === 0) return;
  for (const resource in requests) {
    if (resource === RESOURCE_PODS) continue;
    const amount = count === 1 ? requests[resource]! : times(requests[resource]!, count);
    const sum = totals.requested[resource];
    totals.requested[resource] = sum === undefined ? amount : sum.add(amount);
  }
  totals.podCount += count;
}

/**
 * The sum of the totals, allocatable and requested alike, in the order given (a sum keeps the format of
 * its first non-zero term, as Quantity.Add does).
 */
export function sumUsage(all: readonly Readonly<UsageTotals>[]): UsageTotals {
  const allocatable: Record<string, Quantity> = {};
  const requested: Record<string, Quantity> = {};
  let allocatablePods = Quantity.zero();
  let podCount = 0;
  for (const totals of all) {
    addQuantities(allocatable, totals.allocatable);
    addQuantities(requested, totals.requested);
    allocatablePods = allocatablePods.add(totals.allocatablePods);
    podCount += totals.podCount;
  }
  return { allocatable, requested, allocatablePods, podCount };
}

/**
 * The resources rows are printed for: cpu, memory and ephemeral-storage always, then hugepages-* and the
 * other resources, each sorted by name, for any resource allocatable or requested in one of `all`.
 */
export function usageRowNames(all: readonly Readonly<UsageTotals>[]): string[] {
  const lists: Readonly<Record<string, Quantity>>[] = [];
  for (const totals of all) lists.push(totals.allocatable, totals.requested);
  return allocationRowOrder(lists);
}

/**
 * One row per resource of `rowNames`, then the `pods` row (allocatable pods against the number of pods).
 * Free is allocatable minus requested, negative when overcommitted; the percentage is kubectl's, truncated
 * (cpu in millicores, everything else in whole units). Example: allocatable cpu 4, requests 1500m + 2 × 250m:
 * requested `2`, free `2`, 50%.
 */
export function usageRows(totals: Readonly<UsageTotals>, rowNames: readonly string[]): ResourceUsage[] {
  const rows = new Array<ResourceUsage>(rowNames.length + 1);
  for (let r = 0; r < rowNames.length; r++) {
    const resource = rowNames[r]!;
    rows[r] = usageRow(resource, totals.allocatable[resource] ?? ZERO, totals.requested[resource] ?? ZERO);
  }
  rows[rowNames.length] = usageRow(
    RESOURCE_PODS,
    totals.allocatablePods,
    Quantity.fromValue(totals.podCount),
  );
  return rows;
}

const ZERO = Quantity.zero();
