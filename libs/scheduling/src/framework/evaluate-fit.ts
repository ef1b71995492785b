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
import { type RejectNode } from './plugin';
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
  readonly ranked: Int32Array;
  readonly buckets: Int32Array;
}

const scratchByCluster = new WeakMap<ClusterState, Scratch>();

function scratchFor(cluster: ClusterState, maxTotal: number): Scratch {
  let scratch = scratchByCluster.get(cluster);
  if (scratch === undefined || scratch.buckets.length !== maxTotal + 1) {
    const n = cluster.nodeStates.length;
    scratch = {
      candidates: new Int32Array(n),
      totals: new Float64Array(n),
      scores: new Float64Array(n),
      ranked: new Int32Array(n),
      buckets: new Int32Array(maxTotal + 1),
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

// The best feasible nodes by total score, highest first, ties by name: a counting sort over the integral
// totals (0..max), filled in name order. `scoreOf` holds each node's total, -1 for a node that does not fit.
function bestNodes(cluster: ClusterState, scoreOf: readonly number[], totals: Float64Array, scratch: Scratch): string[] {
  const names = cluster.names;
  const order = cluster.nameOrder;
  const next = scratch.buckets.fill(0);
  for (let k = 0; k < totals.length; k++) next[totals[k]!]!++;
  let position = 0;
  for (let score = next.length - 1; score >= 0; score--) {
    const inBucket = next[score]!;
    next[score] = position;
    position += inBucket;
  }
  const rankedIndex = scratch.ranked;
  for (let o = 0; o < order.length; o++) {
    const i = order[o]!;
    const score = scoreOf[i]!;
    if (score >= 0) rankedIndex[next[score]!++] = i;
  }
  const ranked = new Array<string>(Math.min(totals.length, BEST_NODES_LIMIT));
  for (let r = 0; r < ranked.length; r++) ranked[r] = names[rankedIndex[r]!]!;
  return ranked;
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
  const affinity = pod.nodeAffinity;
  if (affinity.status !== null) return { fit: rejectedAtPreFilter(cluster, 'NodeAffinity', affinity.status), warnings };
  const steps = filterSteps(pod, cluster, warnings);
  const maxTotal = DEFAULT_SCORE_PLUGINS.reduce((sum, { weight }) => sum + weight * MAX_NODE_SCORE, 0);
  const scratch = scratchFor(cluster, maxTotal);

  // Failures are recorded as they happen; most evaluations reject few nodes, so the arrays come lazily.
  let failedStatus: (Status | undefined)[] | null = null;
  let failedPlugin: (FilterPluginName | undefined)[] | null = null;
  // Counted per Status object first (most rejections share a constant status), per reason at the end.
  const statusCounts = new Map<Status, number>();
  let current: FilterPluginName = 'NodeAffinity';
  const reject: RejectNode = (i, status) => {
    failedStatus ??= new Array<Status | undefined>(n);
    failedPlugin ??= new Array<FilterPluginName | undefined>(n);
    failedStatus[i] = status;
    failedPlugin[i] = current;
    statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);
  };

  // PreFilterResult: the nodes it leaves out are not filtered; they get the framework's own status.
  const candidates = scratch.candidates;
  let count = 0;
  if (affinity.nodeNames === null) {
    candidates.set(cluster.indices);
    count = n;
  } else {
    const leftOut = constantStatus('UnschedulableAndUnresolvable', unsatisfiedPreFilterPluginsReason(['NodeAffinity']));
    for (let i = 0; i < n; i++) {
      if (affinity.nodeNames.has(cluster.names[i]!)) candidates[count++] = i;
      else reject(i, leftOut);
    }
  }
  for (const step of steps) {
    if (count === 0) break;
    current = step.name;
    count = step.run(candidates, count, reject);
  }
  const feasible = candidates.subarray(0, count);
  const feasibleCount = count;

  const totals = scoreFeasibleNodes(pod, cluster, feasible, scratch);
  // Each node's total score, -1 where the node does not fit; kept by the verdicts, so not a scratch buffer.
  const scoreOf = new Array<number>(n).fill(-1);
  for (let k = 0; k < feasibleCount; k++) scoreOf[feasible[k]!] = totals[k]!;

  const reasonCounts = new Map<string, number>();
  for (const [status, times] of statusCounts) {
    for (const reason of status.reasons) reasonCounts.set(reason, (reasonCounts.get(reason) ?? 0) + times);
  }
  const summary = {
    feasibleNodes: feasibleCount,
    totalNodes: n,
    message: feasibleCount === 0 ? formatFitError(n, reasonCounts) : null,
    reasonCounts: Object.fromEntries(reasonCounts),
    bestNodes: bestNodes(cluster, scoreOf, totals, scratch),
  };
  const names = cluster.names;
  const statuses: readonly (Status | undefined)[] = failedStatus ?? [];
  const plugins: readonly (FilterPluginName | undefined)[] = failedPlugin ?? [];
  const fit = withLazyNodes(summary, () => {
    const nodes = new Array<NodeVerdict>(n);
    for (let i = 0; i < n; i++) {
      const status = statuses[i];
      nodes[i] =
        status === undefined
          ? { name: names[i]!, fits: true, plugin: null, reasons: NO_REASONS, score: scoreOf[i]! }
          : { name: names[i]!, fits: false, plugin: plugins[i]!, reasons: status.reasons as string[], score: null };
    }
    return nodes;
  });
  return { fit, warnings };
}

// The per-node verdicts are one object per node: they are built the first time `nodes` is read (then kept
// as a plain property), so a caller that keeps only the summary never pays for them.
function withLazyNodes(summary: Omit<FitResult, 'nodes'>, build: () => NodeVerdict[]): FitResult {
  const settle = (target: object, nodes: NodeVerdict[]) =>
    Object.defineProperty(target, 'nodes', { value: nodes, writable: true, enumerable: true, configurable: true });
  return Object.defineProperty(summary, 'nodes', {
    enumerable: true,
    configurable: true,
    get(this: object) {
      const nodes = build();
      settle(this, nodes);
      return nodes;
    },
    set(this: object, nodes: NodeVerdict[]) {
      settle(this, nodes);
    },
  }) as FitResult;
}

// RunScorePlugins over the feasible nodes: PreScore once (null skips the plugin), Score each node,
// NormalizeScore, check the 0..100 range, and add weight * score.
function scoreFeasibleNodes(pod: PreparedPod, cluster: ClusterState, feasible: Int32Array, scratch: Scratch): Float64Array {
  const totals = scratch.totals.subarray(0, feasible.length).fill(0);
  const scores = scratch.scores.subarray(0, feasible.length);
  for (const { plugin, weight } of DEFAULT_SCORE_PLUGINS) {
    const state = plugin.preScore(pod);
    if (state === null) continue;
    if (plugin.scoreNodes !== undefined) plugin.scoreNodes(state, cluster, feasible, scores);
    else for (let k = 0; k < feasible.length; k++) scores[k] = plugin.score(state, cluster.nodeStates[feasible[k]!]!);
    plugin.normalize?.(scores);
    for (let k = 0; k < feasible.length; k++) {
      const score = scores[k]!;
      // Scores are int64 upstream; an integral total is what lets bestNodes rank by counting.
      if (!(score >= MIN_NODE_SCORE && score <= MAX_NODE_SCORE) || score !== Math.floor(score)) {
        throw new Error(`plugin "${plugin.name}" returns an invalid score ${score}, it should in the range of [0, 100] after normalizing`);
      }
      totals[k]! += score * weight;
    }
  }
  return totals;
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
