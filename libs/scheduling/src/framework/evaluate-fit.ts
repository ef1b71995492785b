// One scheduling cycle without the binding: PreFilter, Filter on every node in the profile's order, then
// PreScore, Score, NormalizeScore and weights on the feasible nodes.
// pkg/scheduler/schedule_one.go (findNodesThatFitPod, prioritizeNodes) and
// pkg/scheduler/framework/runtime/framework.go (RunPreFilterPlugins, RunFilterPlugins, RunScorePlugins).
import { type FilterPluginName, type FitResult, type NodeVerdict, type Warning } from '../analysis/analysis-result';
import {
  ERR_NO_NODES_AVAILABLE,
  formatFitError,
  unsatisfiedPreFilterPluginsReason,
} from '../diagnosis/fit-error';
import { filterInterPodAffinity, prefilterInterPodAffinity } from '../plugins/inter-pod-affinity';
import { filterPodTopologySpread, prefilterPodTopologySpread } from '../plugins/pod-topology-spread';
import { DEFAULT_FILTER_ORDER, DEFAULT_SCORE_PLUGINS, NODE_FILTER_PLUGINS } from '../plugins/profile';
import { type ClusterState } from './cluster-state';
import { type PreparedPod } from './prepare-pod';
import { type RejectNode, type ScorePlugin } from './plugin';
import { MAX_NODE_SCORE, MIN_NODE_SCORE, type Status, constantStatus } from './status';

/** One Filter of this evaluation, run over the nodes still feasible (a column of RunFilterPlugins). */
interface FilterStep {
  readonly name: FilterPluginName;
  readonly run: (candidates: Int32Array, count: number, reject: RejectNode) => number;
}

// Verdicts share their reasons arrays: this one, or the frozen array of the Status that rejected the node.
const NO_REASONS = Object.freeze([]) as readonly string[] as string[];

const INEXACT_WARNING: Warning = Object.freeze({
  code: 'inexact-quantity',
  path: '',
  message: 'a resource amount exceeds 2^53; podfit compared it as the nearest double, kube-scheduler as int64',
});

/**
 * Working buffers, one set per cluster and reused by every evaluation against it (evaluateFit runs to the
 * end before it returns, so two evaluations never share them at once). Allocating them anew each time costs
 * more in garbage collection than in the evaluation itself: typed arrays live outside the JS heap, and their
 * churn sets off full collections.
 */
interface Scratch {
  readonly candidates: Int32Array;
  readonly totals: Float64Array;
  readonly scores: Float64Array;
  /** The best nodes so far and their totals, best first (bestNodes). */
  readonly bestIndex: Int32Array;
  readonly bestTotal: Float64Array;
}

const scratchByCluster = new WeakMap<ClusterState, Scratch>();

function scratchFor(cluster: ClusterState): Scratch {
  let scratch = scratchByCluster.get(cluster);
  if (scratch === undefined) {
    const n = cluster.nodeStates.length;
    scratch = {
      candidates: new Int32Array(n),
      totals: new Float64Array(n),
      scores: new Float64Array(n),
      bestIndex: new Int32Array(BEST_NODES_LIMIT),
      bestTotal: new Float64Array(BEST_NODES_LIMIT),
    };
    scratchByCluster.set(cluster, scratch);
  }
  return scratch;
}

function eachNode(
  filter: (nodeIndex: number) => Status,
): (candidates: Int32Array, count: number, reject: RejectNode) => number {
  return (candidates, count, reject) => {
    let kept = 0;
    for (let k = 0; k < count; k++) {
      const i = candidates[k]!;
      const status = filter(i);
      if (status.code === 'Success') candidates[kept++] = i;
      else reject(i, status);
    }
    return kept;
  };
}

// The profile's filters for this pod, in order, each after its PreFilter: a plugin with nothing to check
// for the pod (upstream's Skip) is left out.
function filterSteps(pod: PreparedPod, cluster: ClusterState, warnings: Warning[]): FilterStep[] {
  const steps: FilterStep[] = [];
  for (const name of DEFAULT_FILTER_ORDER) {
    if (name === 'PodTopologySpread') {
      const state = prefilterPodTopologySpread(pod.pod, cluster.nodes, cluster.podsByNode);
      if (state === null) continue;
      warnings.push(...state.warnings);
      steps.push({ name, run: eachNode((i) => filterPodTopologySpread(state, i)) });
    } else if (name === 'InterPodAffinity') {
      const state = prefilterInterPodAffinity(pod.pod, cluster.nodes, cluster.podsByNode);
      if (state === null) continue;
      warnings.push(...state.warnings);
      steps.push({ name, run: eachNode((i) => filterInterPodAffinity(state, i)) });
    } else {
      const plugin = NODE_FILTER_PLUGINS[name];
      if (plugin === undefined) continue;
      const run =
        plugin.filterNodes !== undefined
          ? (candidates: Int32Array, count: number, reject: RejectNode) =>
              plugin.filterNodes!(pod, cluster, candidates, count, reject)
          : eachNode((i) => plugin.filter(pod, cluster.nodeStates[i]!));
      steps.push({ name, run });
    }
  }
  return steps;
}

/** How many feasible nodes `bestNodes` names: enough to choose from, small enough to store with every analysis. */
export const BEST_NODES_LIMIT = 10;

// The best feasible nodes by total score, highest first, ties by name: one pass that keeps the best
// BEST_NODES_LIMIT so far in order.
function bestNodes(cluster: ClusterState, feasible: Int32Array, totals: Float64Array, scratch: Scratch): string[] {
  const rank = cluster.nameRank;
  const { bestIndex, bestTotal } = scratch;
  let kept = 0;
  // Below the last of a full list no node can enter: most nodes stop at this one comparison.
  let entry = -Infinity;
  for (let k = 0; k < feasible.length; k++) {
    const total = totals[k]!;
    if (total < entry) continue;
    const i = feasible[k]!;
    let at = kept;
    while (at > 0 && (bestTotal[at - 1]! < total || (bestTotal[at - 1] === total && rank[bestIndex[at - 1]!]! > rank[i]!))) {
      at--;
    }
    if (at === BEST_NODES_LIMIT) continue;
    if (kept < BEST_NODES_LIMIT) kept++;
    for (let j = kept - 1; j > at; j--) {
      bestIndex[j] = bestIndex[j - 1]!;
      bestTotal[j] = bestTotal[j - 1]!;
    }
    bestIndex[at] = i;
    bestTotal[at] = total;
    if (kept === BEST_NODES_LIMIT) entry = bestTotal[BEST_NODES_LIMIT - 1]!;
  }
  const names = cluster.names;
  const best = new Array<string>(kept);
  for (let r = 0; r < kept; r++) best[r] = names[bestIndex[r]!]!;
  return best;
}

/**
 * Runs the default profile for one prepared pod against the cluster: each node's verdict (the first failing
 * Filter's plugin and reasons, as RunFilterPlugins stops there), the weighted score of each feasible node,
 * the feasible nodes best first, the reasons counted as FitError counts them, and FitError's message when
 * no node fits. Warnings name what podfit could not evaluate exactly.
 */
export function evaluateFit(pod: PreparedPod, cluster: ClusterState): { fit: FitResult; warnings: Warning[] } {
  const warnings: Warning[] = [...pod.warnings];
  if (pod.hasInexactQuantities || cluster.hasInexactQuantities) warnings.push(INEXACT_WARNING);
  const nodeStates = cluster.nodeStates;
  const n = nodeStates.length;
  if (n === 0) {
    const fit: FitResult = {
      feasibleNodes: 0,
      totalNodes: 0,
      message: ERR_NO_NODES_AVAILABLE,
      reasonCounts: {},
      bestNodes: [],
      nodes: [],
    };
    return { fit, warnings };
  }

  // PreFilter: NodeAffinity runs first and may reject the pod outright, or name the only nodes worth filtering.
  if (pod.nodeAffinity.status !== null) {
    return { fit: rejectedAtPreFilter(cluster, 'NodeAffinity', pod.nodeAffinity.status), warnings };
  }
  const scratch = scratchFor(cluster);

  // Counted per Status object first (most rejections share a constant status, often in a row), per reason
  // at the end; a run of the same status is added to the map when it ends, so the map keeps the order in
  // which statuses first appear. Which node failed where is not kept: the verdicts find it again.
  const statusCounts = new Map<Status, number>();
  let runStatus: Status | null = null;
  let runLength = 0;
  const endRun = () => {
    if (runStatus !== null) statusCounts.set(runStatus, (statusCounts.get(runStatus) ?? 0) + runLength);
  };
  const feasibleCount = runFilters(pod, cluster, scratch.candidates, warnings, (_i, status) => {
    if (status !== runStatus) {
      endRun();
      runStatus = status;
      runLength = 0;
    }
    runLength++;
  });
  endRun();
  const feasible = scratch.candidates.subarray(0, feasibleCount);
  const totals = scoreFeasibleNodes(pod, cluster, feasible, scratch);

  const reasonCounts = new Map<string, number>();
  for (const [status, times] of statusCounts) {
    for (const reason of status.reasons) reasonCounts.set(reason, (reasonCounts.get(reason) ?? 0) + times);
  }
  const summary = {
    feasibleNodes: feasibleCount,
    totalNodes: n,
    message: feasibleCount === 0 ? formatFitError(n, reasonCounts) : null,
    reasonCounts: Object.fromEntries(reasonCounts),
    bestNodes: bestNodes(cluster, feasible, totals, scratch),
  };
  return { fit: withLazyNodes(summary, () => nodeVerdicts(pod, cluster)), warnings };
}

/** Where `runFilters` reports a node that does not fit, with the status and the Filter that rejected it. */
type RecordRejection = (nodeIndex: number, status: Status, plugin: FilterPluginName) => void;

// PreFilter and Filter over every node: leaves the feasible node indices, in node order, at the front of
// `candidates` and returns how many there are; every other node goes to `reject`, once.
function runFilters(
  pod: PreparedPod,
  cluster: ClusterState,
  candidates: Int32Array,
  warnings: Warning[],
  reject: RecordRejection,
): number {
  const n = cluster.nodeStates.length;
  const steps = filterSteps(pod, cluster, warnings);
  let current: FilterPluginName = 'NodeAffinity';
  const rejectByCurrent: RejectNode = (i, status) => reject(i, status, current);
  // PreFilterResult: the nodes it leaves out are not filtered; they get the framework's own status.
  const nodeNames = pod.nodeAffinity.nodeNames;
  let count = 0;
  if (nodeNames === null) {
    candidates.set(cluster.indices);
    count = n;
  } else {
    const leftOut = constantStatus('UnschedulableAndUnresolvable', unsatisfiedPreFilterPluginsReason(['NodeAffinity']));
    for (let i = 0; i < n; i++) {
      if (nodeNames.has(cluster.names[i]!)) candidates[count++] = i;
      else rejectByCurrent(i, leftOut);
    }
  }
  for (const step of steps) {
    if (count === 0) break;
    current = step.name;
    count = step.run(candidates, count, rejectByCurrent);
  }
  return count;
}

// Each node's verdict. The filters and scores run again, recording what the evaluation only counted: they
// are pure functions of the pod and the cluster, so they give the same answers, and an evaluation whose
// verdicts are never read keeps no per-node state (its scratch buffers serve the next evaluation).
function nodeVerdicts(pod: PreparedPod, cluster: ClusterState): NodeVerdict[] {
  const n = cluster.nodeStates.length;
  const names = cluster.names;
  const statuses = new Array<Status | undefined>(n);
  const plugins = new Array<FilterPluginName | undefined>(n);
  const scratch = scratchFor(cluster);
  const feasibleCount = runFilters(pod, cluster, scratch.candidates, [], (i, status, plugin) => {
    statuses[i] = status;
    plugins[i] = plugin;
  });
  const totals = scoreFeasibleNodes(pod, cluster, scratch.candidates.subarray(0, feasibleCount), scratch);
  // The feasible nodes are the ones without a status, in node order.
  const nodes = new Array<NodeVerdict>(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const status = statuses[i];
    nodes[i] =
      status === undefined
        ? { name: names[i]!, fits: true, plugin: null, reasons: NO_REASONS, score: totals[k++]! }
        : { name: names[i]!, fits: false, plugin: plugins[i]!, reasons: status.reasons as string[], score: null };
  }
  return nodes;
}

// The per-node verdicts are one object per node: they are built the first time `nodes` is read (then kept
// as a plain property), so a caller that keeps only the summary never pays for them. The accessor's functions
// are shared and the builder is kept under a symbol: with closures of its own on every result, V8 promoted
// each evaluation's garbage out of the young generation (most of the p99 was that collection).
const BUILD_NODES = Symbol('buildNodes');

interface LazyFitResult extends FitResult {
  [BUILD_NODES]: (() => NodeVerdict[]) | undefined;
}

function settleNodes(target: FitResult, nodes: NodeVerdict[]): void {
  Object.defineProperty(target, 'nodes', { value: nodes, writable: true, enumerable: true, configurable: true });
}

function readNodes(this: LazyFitResult): NodeVerdict[] {
  const nodes = this[BUILD_NODES]!();
  this[BUILD_NODES] = undefined;
  settleNodes(this, nodes);
  return nodes;
}

function writeNodes(this: LazyFitResult, nodes: NodeVerdict[]): void {
  this[BUILD_NODES] = undefined;
  settleNodes(this, nodes);
}

function withLazyNodes(summary: Omit<FitResult, 'nodes'>, build: () => NodeVerdict[]): FitResult {
  Object.defineProperty(summary, BUILD_NODES, { value: build, writable: true, enumerable: false, configurable: true });
  return Object.defineProperty(summary, 'nodes', {
    enumerable: true,
    configurable: true,
    get: readNodes,
    set: writeNodes,
  }) as FitResult;
}

// RunScorePlugins over the feasible nodes: PreScore once (null skips the plugin), Score each node,
// NormalizeScore, check the 0..100 range, and add weight * score. A score that is the same on every node is
// checked once and added to every total from the start.
function scoreFeasibleNodes(pod: PreparedPod, cluster: ClusterState, feasible: Int32Array, scratch: Scratch): Float64Array {
  const scores = scratch.scores.subarray(0, feasible.length);
  const perNode: { plugin: ScorePlugin; state: unknown; weight: number }[] = [];
  let uniformTotal = 0;
  for (const { plugin, weight } of DEFAULT_SCORE_PLUGINS) {
    const state = plugin.preScore(pod);
    if (state === null) continue;
    const uniform = plugin.uniformScore?.(state, cluster) ?? null;
    if (uniform === null) {
      perNode.push({ plugin, state, weight });
    } else {
      checkScore(plugin, uniform);
      uniformTotal += uniform * weight;
    }
  }
  const totals = scratch.totals.subarray(0, feasible.length).fill(uniformTotal);
  for (const { plugin, state, weight } of perNode) {
    if (plugin.scoreNodes !== undefined) plugin.scoreNodes(state, cluster, feasible, scores);
    else for (let k = 0; k < feasible.length; k++) scores[k] = plugin.score(state, cluster.nodeStates[feasible[k]!]!);
    plugin.normalize?.(scores);
    for (let k = 0; k < feasible.length; k++) {
      const score = scores[k]!;
      if (!(score >= MIN_NODE_SCORE && score <= MAX_NODE_SCORE) || score !== Math.floor(score)) checkScore(plugin, score);
      totals[k]! += score * weight;
    }
  }
  return totals;
}

// Scores are int64 upstream, and each must lie in 0..100 after normalizing.
function checkScore(plugin: ScorePlugin, score: number): void {
  if (!(score >= MIN_NODE_SCORE && score <= MAX_NODE_SCORE) || score !== Math.floor(score)) {
    throw new Error(`plugin "${plugin.name}" returns an invalid score ${score}, it should in the range of [0, 100] after normalizing`);
  }
}

// A PreFilter rejection applies to every node, and its message replaces the per-node counts in FitError.
function rejectedAtPreFilter(cluster: ClusterState, plugin: FilterPluginName, status: Status): FitResult {
  const n = cluster.nodeStates.length;
  const reasons = status.reasons as string[];
  const reasonCounts: Record<string, number> = {};
  for (const reason of reasons) reasonCounts[reason] = (reasonCounts[reason] ?? 0) + n;
  return {
    feasibleNodes: 0,
    totalNodes: n,
    message: formatFitError(n, new Map(), { preFilterMsg: reasons.join(', ') }),
    reasonCounts,
    bestNodes: [],
    nodes: cluster.nodeStates.map((node) => ({ name: node.name, fits: false, plugin, reasons, score: null })),
  };
}
