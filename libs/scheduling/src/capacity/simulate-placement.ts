// Capacity simulation: replicas placed one at a time as kube-scheduler places them (scheduleOne: every Filter,
// then every Score, the best node wins, the pod is assumed on it), which is how kubernetes-sigs/cluster-capacity
// answers "how many more fit". DaemonSet pods are placed first, one per node their controller selects.
import { type Node, type Pod } from '../api/core-v1';
import { type Warning } from '../analysis/analysis-result';
import { daemonPod, nodeShouldRunDaemonPod } from '../analysis/daemon-set';
import { ERR_REASON_TOO_MANY_PODS } from '../plugins/node-resources-fit';
import { OBJECT_NAME_FIELD } from '../plugins/node-affinity';
import {
  type InterPodAffinityState,
  filterInterPodAffinity,
  prefilterInterPodAffinity,
} from '../plugins/inter-pod-affinity';
import { DEFAULT_SCORE_PLUGINS } from '../plugins/profile';
import { type BoundPodCharge, type ClusterState, boundPodCharge } from '../framework/cluster-state';
import { compareByteWise } from '../framework/byte-order';
import { evaluateFit } from '../framework/evaluate-fit';
import { type ScorePlugin } from '../framework/plugin';
import { type PreparedPod, preparePod } from '../framework/prepare-pod';
import { MAX_NODE_SCORE, MIN_NODE_SCORE } from '../framework/status';
import { applyPodDefaults } from '../pod/defaults';
import { BestNodeQueue } from './best-node-queue';
import { constrainedPlacer } from './constrained-placement';
import { LiveCluster } from './live-cluster';
import { hasSelfDependentFilters, passesNodeFilters } from './node-local-filters';

/** One workload to place: the pod its controller would create (as libs/manifests hands it, not yet defaulted). */
export interface WorkloadToPlace {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly pod: Pod;
  /**
   * Replicas to place; null places as many as fit (up to the replica cap). A DaemonSet ignores it: it
   * wants one pod on every node its controller selects.
   */
  readonly replicas: number | null;
}

export interface PlacementOptions {
  /** The most replicas one workload places, whatever it asks: a guard for "as many as fit". */
  readonly replicaCap?: number;
  /** Called after each placement (progress, or the order of placements), in placement order. */
  readonly onPlacement?: (workloadIndex: number, nodeName: string) => void;
}

/** Replicas one workload places at most unless `replicaCap` says otherwise: DESIGN.md's largest plan. */
export const DEFAULT_REPLICA_CAP = 100_000;

/** What happened to one workload, shaped after DESIGN.md's MaxReplicas report. */
export interface WorkloadPlacement {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** Replicas asked for; null for "as many as fit"; a DaemonSet's count of nodes its controller selects. */
  readonly wanted: number | null;
  readonly placed: number;
  /** Node name -> replicas placed there, nodes in inventory order, only nodes that got some. */
  readonly perNode: Record<string, number>;
  /**
   * kube-scheduler's `0/N nodes are available: …` for the first replica that did not fit (for a DaemonSet, the
   * first node in inventory order whose pod did not fit); null when every wanted replica was placed or the
   * replica cap stopped the placement.
   */
  readonly stopMessage: string | null;
  /**
   * The resources the stop names: `<res>` of each `Insufficient <res>` reason, and `pods` for `Too many pods`,
   * sorted; empty when no resource reason stopped it.
   */
  readonly limitedBy: string[];
  /** The replica cap stopped the placement while more replicas were wanted (and might have fitted). */
  readonly hitReplicaCap: boolean;
  /** What podfit could not evaluate as kube-scheduler would, once each (paths relative to the pod spec). */
  readonly warnings: Warning[];
}

export interface PlacementResult {
  /** One per input workload, in input order (DaemonSets were placed first, but are reported in place). */
  readonly workloads: WorkloadPlacement[];
  /** Per node, how many pods the simulation bound there, index-aligned with the inventory's nodes. */
  readonly placedPods: Uint32Array;
  /** The cluster with every placed pod bound: requested resources, pod counts and ports after placement. */
  readonly after: ClusterState;
}

const INSUFFICIENT_PREFIX = 'Insufficient ';

/**
 * Places the workloads' replicas on the inventory (`buildClusterState` of its nodes and bound pods, which is
 * left unchanged and can be shared), one at a time, as kube-scheduler would: the default
 * profile's filters and scores against the nodes as the replicas placed so far (of this and earlier
 * workloads) left them; DaemonSets first, then the other workloads in input order.
 *
 * The winner is the feasible node with the highest total score; among equal totals, the first by node name
 * in byte order. kube-scheduler's selectHost picks uniformly at random among the best (reservoir sampling),
 * so no order is "the" answer; podfit's core uses no randomness, and a rule on names (not inventory order)
 * gives the same report for the same cluster however its nodes were listed, and is the order evaluateFit's
 * `bestNodes` already uses. Like cluster-capacity, every node is filtered and scored (no
 * percentageOfNodesToScore sampling), and the replicas do not preempt anything.
 *
 * Cost, for N nodes and R replicas of a workload: when each node's verdict and score depend on that node
 * alone (see `nodeLocalEvaluation`), the workload costs one evaluation over all nodes (O(N)), then O(log N) per
 * replica (a heap of feasible nodes; only the chosen node is evaluated again), then one more O(N) evaluation
 * for the stop message: O(N + R log N). With own topology spread constraints or required pod (anti-)affinity
 * (replicas that spread themselves), a ConstrainedPlacer keeps those verdicts current as replicas land, at
 * O(log N) amortized per replica plus the domains a placement reopens (constrained-placement.ts). Only a score
 * normalized over the feasible nodes (preferred node affinity, PreferNoSchedule taints that differ between
 * nodes) makes each replica one full evaluation: O(R·N), plus the bound pods for PreFilter. Binding costs
 * O(pods on the node). A DaemonSet with node-local filters costs O(N) (one check
 * per node, two full evaluations); otherwise each of its pods is one full evaluation, O(N²).
 */
export function simulatePlacement(
  inventory: ClusterState,
  workloads: readonly WorkloadToPlace[],
  options: PlacementOptions = {},
): PlacementResult {
  const cap = options.replicaCap ?? DEFAULT_REPLICA_CAP;
  const cluster = new LiveCluster(inventory);
  const nodes = inventory.nodes;
  const placedPods = new Uint32Array(nodes.length);
  const results = new Array<WorkloadPlacement>(workloads.length);
  for (const w of placementOrder(workloads)) {
    const workload = workloads[w]!;
    const tally = new PlacementTally(workload, nodes.length);
    const onPlacement = (nodeIndex: number) => {
      placedPods[nodeIndex]! += 1;
      options.onPlacement?.(w, nodes[nodeIndex]!.metadata.name);
    };
    if (isDaemonSet(workload)) placeDaemonPods(workload, cluster, tally, onPlacement);
    else
      placeReplicas(workload, cluster, Math.min(workload.replicas ?? Infinity, cap), cap, tally, onPlacement);
    results[w] = tally.result(nodes);
  }
  return { workloads: results, placedPods, after: cluster.state };
}

/** The order `simulatePlacement` places the workloads in, as indices: DaemonSets first, then the others. */
export function placementOrder(workloads: readonly WorkloadToPlace[]): number[] {
  const indices = [...workloads.keys()];
  return [
    ...indices.filter((w) => isDaemonSet(workloads[w]!)),
    ...indices.filter((w) => !isDaemonSet(workloads[w]!)),
  ];
}

/** A DaemonSet wants one pod on every node its controller selects, placed before the other workloads. */
export function isDaemonSet(workload: { readonly kind: string }): boolean {
  return workload.kind === 'DaemonSet';
}

/** Counts, per node, what one workload placed, and how it stopped. */
class PlacementTally {
  readonly perNode: Uint32Array;
  placed = 0;
  wanted: number | null;
  stopMessage: string | null = null;
  reasons: readonly string[] = [];
  hitReplicaCap = false;
  private readonly warnings = new Map<string, Warning>();

  constructor(
    private readonly workload: WorkloadToPlace,
    nodeCount: number,
  ) {
    this.perNode = new Uint32Array(nodeCount);
    this.wanted = workload.replicas;
  }

  addWarnings(warnings: readonly Warning[]): void {
    for (const warning of warnings) {
      const key = JSON.stringify([warning.code, warning.path, warning.message]);
      if (!this.warnings.has(key)) this.warnings.set(key, warning);
    }
  }

  stop(message: string, reasons: readonly string[]): void {
    this.stopMessage = message;
    this.reasons = reasons;
  }

  result(nodes: readonly Node[]): WorkloadPlacement {
    const perNode: Record<string, number> = {};
    for (let i = 0; i < nodes.length; i++) {
      if (this.perNode[i]! > 0) perNode[nodes[i]!.metadata.name] = this.perNode[i]!;
    }
    return {
      kind: this.workload.kind,
      namespace: this.workload.namespace,
      name: this.workload.name,
      wanted: this.wanted,
      placed: this.placed,
      perNode,
      stopMessage: this.stopMessage,
      limitedBy: limitedBy(this.reasons),
      hitReplicaCap: this.hitReplicaCap,
      warnings: [...this.warnings.values()],
    };
  }
}

/** The resources named by a stop's reasons: `Insufficient <res>` gives `<res>`, `Too many pods` gives `pods`. */
export function limitedBy(reasons: readonly string[]): string[] {
  const resources = new Set<string>();
  for (const reason of reasons) {
    if (reason === ERR_REASON_TOO_MANY_PODS) resources.add('pods');
    else if (reason.startsWith(INSUFFICIENT_PREFIX)) resources.add(reason.slice(INSUFFICIENT_PREFIX.length));
  }
  return [...resources].sort(compareByteWise);
}

/** The pod kube-scheduler sees bound: the replica with `spec.nodeName` set. */
function boundReplica(pod: Pod, nodeName: string): Pod {
  return { ...pod, spec: { ...pod.spec, nodeName } };
}

function placeReplicas(
  workload: WorkloadToPlace,
  cluster: LiveCluster,
  wanted: number,
  cap: number,
  tally: PlacementTally,
  onPlacement: (nodeIndex: number) => void,
): void {
  const pod = applyPodDefaults(workload.pod);
  const prepared = preparePod(pod);
  const charge: BoundPodCharge = boundPodCharge(pod);
  const state = cluster.state;
  const place = (nodeIndex: number): Pod => {
    const bound = boundReplica(pod, state.names[nodeIndex]!);
    cluster.bind(nodeIndex, bound, charge);
    tally.perNode[nodeIndex]! += 1;
    tally.placed++;
    onPlacement(nodeIndex);
    return bound;
  };
  const stop = () => {
    const { fit, warnings } = evaluateFit(prepared, state);
    tally.addWarnings(warnings);
    if (fit.feasibleNodes > 0)
      throw new Error(`capacity simulation: ${workload.name} stopped while ${fit.bestNodes[0]} fits`);
    tally.stop(fit.message!, Object.keys(fit.reasonCounts));
  };
  // Stopped by the cap (not by the count asked for) while more replicas were wanted.
  const capped = () => {
    tally.hitReplicaCap = tally.placed === cap && tally.placed < (workload.replicas ?? Infinity);
  };

  if (wanted === 0) return capped();
  const local = nodeLocalEvaluation(prepared, state);
  if (local !== null) {
    // One evaluation ranks every node; then only the chosen node changes, so only it is evaluated again.
    const { fit, warnings } = evaluateFit(prepared, state);
    tally.addWarnings(warnings);
    const queue = new BestNodeQueue(state.nameRank);
    fit.nodes.forEach((verdict, i) => verdict.fits && queue.push(i, verdict.score!));
    while (tally.placed < wanted) {
      if (queue.isEmpty) return stop();
      const nodeIndex = queue.pop();
      place(nodeIndex);
      const total = local(nodeIndex);
      if (total !== null) queue.push(nodeIndex, total);
    }
    return capped();
  }
  const apart = nodeLocalEvaluation(prepared, state, true);
  const placer = apart === null ? null : constrainedPlacer(prepared, state, apart);
  if (placer !== null) {
    // Only the spread and pod (anti-)affinity verdicts move beyond the chosen node; the placer tracks them.
    tally.addWarnings(evaluateFit(prepared, state).warnings);
    while (tally.placed < wanted) {
      const nodeIndex = placer.next();
      if (nodeIndex === null) return stop();
      placer.placed(nodeIndex, place(nodeIndex));
    }
    return capped();
  }
  while (tally.placed < wanted) {
    const { fit, warnings } = evaluateFit(prepared, state);
    tally.addWarnings(warnings);
    if (fit.feasibleNodes === 0) {
      tally.stop(fit.message!, Object.keys(fit.reasonCounts));
      return;
    }
    place(state.nodeIndexByName.get(fit.bestNodes[0]!)!);
  }
  capped();
}

/**
 * When every Filter of the pod reads only the node it judges, returns a function that tells whether one node
 * passes them all, exactly as `evaluateFit` would decide; otherwise null. That holds when the pod has no
 * DoNotSchedule spread constraint and no required pod (anti)-affinity of its own: bound pods' anti-affinity
 * against it is then read from a state taken once, which placing its replicas (they carry none) cannot change.
 * With `constraintsApart`, PodTopologySpread and InterPodAffinity are left out (a ConstrainedPlacer judges
 * them), so only the node-local filters remain.
 */
function nodeLocalFilter(
  prepared: PreparedPod,
  state: ClusterState,
  constraintsApart = false,
): ((nodeIndex: number) => boolean) | null {
  if (prepared.nodeAffinity.status !== null) return null;
  let interPodAffinity: InterPodAffinityState | null = null;
  if (!constraintsApart) {
    if (hasSelfDependentFilters(prepared.pod)) return null;
    interPodAffinity = prefilterInterPodAffinity(prepared.pod, state.nodes, state.podsByNode);
  }
  return (i) =>
    passesNodeFilters(prepared, state.nodeStates[i]!) &&
    (interPodAffinity === null || filterInterPodAffinity(interPodAffinity, i).code === 'Success');
}

/**
 * `nodeLocalFilter`, then the node's total score as `evaluateFit` adds it up (null when a filter rejects the
 * node), when every score is also the same on every node or not normalized: a normalized score depends on
 * the best of the feasible nodes, which a placement can remove. Otherwise null.
 */
function nodeLocalEvaluation(
  prepared: PreparedPod,
  state: ClusterState,
  constraintsApart = false,
): ((nodeIndex: number) => number | null) | null {
  const fits = nodeLocalFilter(prepared, state, constraintsApart);
  if (fits === null) return null;
  let uniformTotal = 0;
  const perNode: { plugin: ScorePlugin; scoreState: unknown; weight: number }[] = [];
  for (const { plugin, weight } of DEFAULT_SCORE_PLUGINS) {
    const scoreState = plugin.preScore(prepared);
    if (scoreState === null) continue;
    const uniform = plugin.uniformScore?.(scoreState, state) ?? null;
    if (uniform !== null) uniformTotal += uniform * weight;
    else if (plugin.normalize !== undefined) return null;
    else perNode.push({ plugin, scoreState, weight });
  }

  return (i) => {
    if (!fits(i)) return null;
    const node = state.nodeStates[i]!;
    let total = uniformTotal;
    for (const { plugin, scoreState, weight } of perNode) {
      const score = plugin.score(scoreState, node);
      if (!(score >= MIN_NODE_SCORE && score <= MAX_NODE_SCORE) || score !== Math.floor(score)) {
        throw new Error(
          `plugin "${plugin.name}" returns an invalid score ${score}, it should in the range of [0, 100]`,
        );
      }
      total += score * weight;
    }
    return total;
  };
}

/**
 * The DaemonSet controller's pod for one node: the daemon pod with its required node affinity replaced by a
 * single term `metadata.name In [node]` (the controller already checked the node matches the template's).
 * pkg/controller/daemon/util/daemonset_util.go, ReplaceDaemonSetPodNodeNameNodeAffinity.
 */
export function pinDaemonPodToNode(pod: Pod, nodeName: string): Pod {
  const affinity = pod.spec.affinity;
  return {
    ...pod,
    spec: {
      ...pod.spec,
      affinity: {
        ...affinity,
        nodeAffinity: {
          ...affinity?.nodeAffinity,
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchFields: [{ key: OBJECT_NAME_FIELD, operator: 'In', values: [nodeName] }] },
            ],
          },
        },
      },
    },
  };
}

// One pod per node the controller selects, in inventory order; a pod that does not fit stays pending and the
// others are still placed, as the controller creates them all at once. On its own node the pinned pod meets
// the filters the unpinned one meets there (see fitDaemonSet), so when those are node-local one check of the
// node decides, and the pinned pod is evaluated in full (O(N)) only for the first node, for its warnings, and
// for the first pod that does not fit, for its message.
function placeDaemonPods(
  workload: WorkloadToPlace,
  cluster: LiveCluster,
  tally: PlacementTally,
  onPlacement: (nodeIndex: number) => void,
): void {
  const template = daemonPod(applyPodDefaults(workload.pod));
  const charge = boundPodCharge(template);
  const state = cluster.state;
  const fitsLocally = nodeLocalFilter(preparePod(template), state);
  let wanted = 0;
  for (let i = 0; i < state.nodes.length; i++) {
    const node = state.nodes[i]!;
    if (!nodeShouldRunDaemonPod(template, node)) continue;
    wanted++;
    const pod = pinDaemonPodToNode(template, node.metadata.name);
    let fits = fitsLocally === null || wanted === 1 ? null : fitsLocally(i);
    if (fits === null || (!fits && tally.stopMessage === null)) {
      const { fit, warnings } = evaluateFit(preparePod(pod), state);
      tally.addWarnings(warnings);
      if (fits === false && fit.feasibleNodes > 0) {
        throw new Error(
          `capacity simulation: the pod of ${workload.name} for ${node.metadata.name} fits after all`,
        );
      }
      fits = fit.feasibleNodes > 0;
      if (!fits && tally.stopMessage === null) tally.stop(fit.message!, Object.keys(fit.reasonCounts));
    }
    if (!fits) continue;
    cluster.bind(i, boundReplica(pod, node.metadata.name), charge);
    tally.perNode[i]! += 1;
    tally.placed++;
    onPlacement(i);
  }
  tally.wanted = wanted;
}
