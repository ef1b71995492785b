// Replicas that spread themselves: own DoNotSchedule topology spread constraints or required pod
// (anti-)affinity make a node's verdict depend on where earlier replicas went, so one placement can change the
// verdict of every node in a domain. kube-scheduler re-runs PreFilter and Filter over every node for each pod;
// this finds the same node (the best feasible one) while touching only what a placement changed.
import { type Pod } from '../api/core-v1';
import { type ClusterState } from '../framework/cluster-state';
import { type PreparedPod } from '../framework/prepare-pod';
import {
  type InterPodAffinityState,
  addPodInterPodAffinity,
  filterInterPodAffinity,
  prefilterInterPodAffinity,
} from '../plugins/inter-pod-affinity';
import {
  type PodTopologySpreadState,
  type SpreadConstraintState,
  addPodPodTopologySpread,
  minMatchNum,
  prefilterPodTopologySpread,
} from '../plugins/pod-topology-spread';
import { BestNodeQueue } from './best-node-queue';

/** Hands out the node kube-scheduler would pick for the next replica, and learns where each one went. */
export interface ConstrainedPlacer {
  /** The best feasible node for the next replica (highest total, then first name), or null when none. */
  next(): number | null;
  /** Records that `boundPod` (the replica with its nodeName) was bound to node `nodeIndex`, as `next` said. */
  placed(nodeIndex: number, boundPod: Pod): void;
}

/**
 * A placer for a pod whose own spread constraints or pod (anti-)affinity make its verdicts move, when every
 * other filter and every score is node-local: `nodeTotal(i)` says whether node i passes the node-local filters
 * and gives its total score (null: it does not), and changes only for a node a replica is bound to. null when
 * PreFilter rejects the pod (the full evaluation reports that), or it has nothing that moves.
 *
 * Nodes are grouped by their domains of the spread constraints (one group without any). Within a group the
 * spread verdict is the same for every node (Filter compares the domain's count and the global minimum), so
 * a heap of groups by their best node, and in each group a heap of its nodes, give the best node; verdicts are
 * checked lazily when a group or node comes to the top:
 * - a group over maxSkew is set aside until the constraint's global minimum reaches the count that lets it
 *   back (counts only grow, so the minimum is the only thing that can reopen it);
 * - a node that fails InterPodAffinity is dropped for good. Placements only add pods, so an anti-affinity count
 *   (the pod's own, or a bound pod's against it) only grows. An affinity term fails on a node whose domain holds
 *   no matching pod, and replicas land only where every term's domain already holds one (or, for the first
 *   replica of a group with affinity to itself, before any exists anywhere), so no placement adds one there.
 * Each replica costs O(log N) amortized plus the groups its placement reopens, instead of O(N).
 */
export function constrainedPlacer(
  prepared: PreparedPod,
  state: ClusterState,
  nodeTotal: (nodeIndex: number) => number | null,
): ConstrainedPlacer | null {
  const pod = prepared.pod;
  const spread = prefilterPodTopologySpread(pod, state.nodes, state.podsByNode);
  const affinity = prefilterInterPodAffinity(pod, state.nodes, state.podsByNode);
  if (spread?.rejection != null || affinity?.rejection != null) return null;
  const constraints = spread?.constraints ?? [];
  if (constraints.length === 0 && affinity === null) return null;
  return new GroupedPlacer(state, nodeTotal, constraints, spread, affinity);
}

interface Group {
  /** The group's domain for each spread constraint, index-aligned with the constraints. */
  readonly domains: readonly string[];
  readonly nodes: BestNodeQueue;
  /** Bumped whenever the group's entry in the group heap goes stale. */
  version: number;
  /** Over maxSkew on some constraint, waiting in `closedUntil` for the minimum to rise. */
  closed: boolean;
}

class GroupedPlacer implements ConstrainedPlacer {
  private readonly totals: Float64Array;
  private readonly groupOf: Int32Array;
  private readonly groups: Group[] = [];
  private readonly top: GroupHeap;
  /** Per constraint: global minimum -> groups that reopen when the minimum reaches it. */
  private readonly closedUntil: Map<number, number[]>[];
  private readonly lastMin: number[];

  constructor(
    private readonly state: ClusterState,
    private readonly nodeTotal: (nodeIndex: number) => number | null,
    private readonly constraints: readonly SpreadConstraintState[],
    private readonly spread: PodTopologySpreadState | null,
    private readonly affinity: InterPodAffinityState | null,
  ) {
    const n = state.nodes.length;
    this.totals = new Float64Array(n);
    this.groupOf = new Int32Array(n).fill(-1);
    this.top = new GroupHeap();
    this.closedUntil = constraints.map(() => new Map());
    this.lastMin = constraints.map(minMatchNum);
    const groupByKey = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const total = nodeTotal(i);
      if (total === null) continue;
      const labels = state.nodeStates[i]!.labels;
      const domains: string[] = [];
      for (const c of constraints) domains.push(labels[c.topologyKey]!);
      // A node without a constraint's topology key is UnschedulableAndUnresolvable for the pod.
      if (domains.some((domain) => domain === undefined)) continue;
      const key = domains.join('\u0000');
      let g = groupByKey.get(key);
      if (g === undefined) {
        g = this.groups.length;
        groupByKey.set(key, g);
        this.groups.push({
          domains,
          nodes: new BestNodeQueue(state.nameRank, this.totals),
          version: 0,
          closed: false,
        });
      }
      this.groupOf[i] = g;
      this.groups[g]!.nodes.push(i, total);
    }
    for (let g = 0; g < this.groups.length; g++) this.refresh(g);
  }

  next(): number | null {
    for (;;) {
      const g = this.top.peekGroup((group, version) => this.groups[group]!.version === version);
      if (g === null) return null;
      const group = this.groups[g]!;
      const reopenAt = this.spreadReopening(group);
      if (reopenAt !== null) {
        const [c, min] = reopenAt;
        group.closed = true;
        group.version++;
        const waiting = this.closedUntil[c]!.get(min);
        if (waiting === undefined) this.closedUntil[c]!.set(min, [g]);
        else waiting.push(g);
        continue;
      }
      const nodeIndex = group.nodes.peek();
      if (this.affinity !== null) {
        const status = filterInterPodAffinity(this.affinity, nodeIndex);
        if (status.code !== 'Success') {
          group.nodes.pop();
          this.refresh(g);
          continue;
        }
      }
      return nodeIndex;
    }
  }

  placed(nodeIndex: number, boundPod: Pod): void {
    const g = this.groupOf[nodeIndex]!;
    const group = this.groups[g]!;
    if (group.nodes.pop() !== nodeIndex)
      throw new Error('capacity simulation: placed a node next() did not give');
    if (this.spread !== null) addPodPodTopologySpread(this.spread, boundPod, nodeIndex);
    if (this.affinity !== null) addPodInterPodAffinity(this.affinity, boundPod, nodeIndex);
    const total = this.nodeTotal(nodeIndex);
    if (total !== null) group.nodes.push(nodeIndex, total);
    this.refresh(g);
    this.reopenGroups();
  }

  /** [constraint, minimum that lets the group back] for the first constraint the group is over; else null. */
  private spreadReopening(group: Group): [number, number] | null {
    for (let c = 0; c < this.constraints.length; c++) {
      const constraint = this.constraints[c]!;
      const count = constraint.matchNum.get(group.domains[c]!) ?? 0;
      const selfMatch = constraint.selfMatch ? 1 : 0;
      if (count + selfMatch - minMatchNum(constraint) > constraint.maxSkew) {
        return [c, count + selfMatch - constraint.maxSkew];
      }
    }
    return null;
  }

  private reopenGroups(): void {
    for (let c = 0; c < this.constraints.length; c++) {
      const min = minMatchNum(this.constraints[c]!);
      while (this.lastMin[c]! < min) {
        const reached = ++this.lastMin[c]!;
        const waiting = this.closedUntil[c]!.get(reached);
        if (waiting === undefined) continue;
        this.closedUntil[c]!.delete(reached);
        for (const g of waiting) {
          this.groups[g]!.closed = false;
          this.refresh(g);
        }
      }
    }
  }

  /** Replaces the group's entry in the group heap by one for its current best node (none when closed or empty). */
  private refresh(g: number): void {
    const group = this.groups[g]!;
    group.version++;
    if (group.closed || group.nodes.size === 0) return;
    const best = group.nodes.peek();
    this.top.push(g, group.version, this.totals[best]!, this.state.nameRank[best]!);
  }
}

/** Groups by their best node's total and name rank, with stale entries skipped (lazy deletion by version). */
class GroupHeap {
  private readonly entries: { group: number; version: number; total: number; rank: number }[] = [];

  push(group: number, version: number, total: number, rank: number): void {
    const heap = this.entries;
    const entry = { group, version, total, rank };
    let at = heap.length;
    heap.push(entry);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!before(entry, heap[parent]!)) break;
      heap[at] = heap[parent]!;
      at = parent;
    }
    heap[at] = entry;
  }

  /** The best group whose entry `isCurrent`, dropping stale entries above it; null when none is left. */
  peekGroup(isCurrent: (group: number, version: number) => boolean): number | null {
    while (this.entries.length > 0) {
      const head = this.entries[0]!;
      if (isCurrent(head.group, head.version)) return head.group;
      this.pop();
    }
    return null;
  }

  private pop(): void {
    const heap = this.entries;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= heap.length) break;
      if (child + 1 < heap.length && before(heap[child + 1]!, heap[child]!)) child++;
      if (!before(heap[child]!, last)) break;
      heap[at] = heap[child]!;
      at = child;
    }
    heap[at] = last;
  }
}

function before(a: { total: number; rank: number }, b: { total: number; rank: number }): boolean {
  return a.total > b.total || (a.total === b.total && a.rank < b.rank);
}
