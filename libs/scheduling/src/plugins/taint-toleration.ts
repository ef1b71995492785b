// Mirrors pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go, with the toleration
// matching of k8s.io/api core/v1 toleration.go (ToleratesTaint) and k8s.io/component-helpers
// scheduling/corev1/helpers.go (TolerationsTolerateTaint, FindMatchingUntoleratedTaint).
import { type Taint, type Toleration } from '../api/core-v1';
import { type FilterPlugin, type ScorePlugin } from '../framework/plugin';
import { MAX_NODE_SCORE, SUCCESS, constantStatus } from '../framework/status';
import { defaultNormalizeScore } from './normalize-score';

/** The Filter reason; upstream writes it inline (older releases named the taint: `{key: value}`). */
export const ERR_REASON_UNTOLERATED_TAINT = 'node(s) had untolerated taint(s)';

const UNTOLERATED = constantStatus('UnschedulableAndUnresolvable', ERR_REASON_UNTOLERATED_TAINT);

/**
 * `Toleration.ToleratesTaint`: an empty effect matches every effect, an empty key every key; `Exists`
 * matches any value, `Equal` (or no operator) the same value. `Lt`/`Gt` need the alpha
 * TaintTolerationComparisonOperators gate, off by default, and tolerate nothing without it.
 */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  const effect = toleration.effect ?? '';
  if (effect !== '' && effect !== taint.effect) return false;
  const key = toleration.key ?? '';
  if (key !== '' && key !== taint.key) return false;
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** `TolerationsTolerateTaint`: some toleration tolerates the taint. */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const toleration of tolerations) if (toleratesTaint(toleration, taint)) return true;
  return false;
}

/** `FindMatchingUntoleratedTaint`: the first taint the filter selects that no toleration tolerates. */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
  inclusionFilter: (taint: Taint) => boolean,
): Taint | undefined {
  for (const taint of taints) {
    if (inclusionFilter(taint) && !tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/** `DoNotScheduleTaintsFilterFunc`: only NoSchedule and NoExecute taints keep a pod off a node. */
export function doNotScheduleTaintsFilter(taint: Taint): boolean {
  return taint.effect === 'NoSchedule' || taint.effect === 'NoExecute';
}

/** `getAllTolerationPreferNoSchedule`: tolerations with effect PreferNoSchedule, or no effect (= all). */
export function preferNoScheduleTolerations(tolerations: readonly Toleration[]): Toleration[] {
  return tolerations.filter((t) => (t.effect ?? '') === '' || t.effect === 'PreferNoSchedule');
}

/** `countIntolerableTaintsPreferNoSchedule`. */
export function countIntolerableTaintsPreferNoSchedule(
  taints: readonly Taint[],
  tolerations: readonly Toleration[],
): number {
  let count = 0;
  for (const taint of taints) {
    if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, taint)) count++;
  }
  return count;
}

// For each distinct taint of the cluster: does it count against the pod in the score?
function countedTaints(tolerations: readonly Toleration[], distinctTaints: readonly Taint[]): boolean[] {
  return distinctTaints.map((taint) => taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, taint));
}

/** Filter: NoSchedule/NoExecute taints must be tolerated. Score: fewer untolerated PreferNoSchedule taints. */
export const taintToleration = {
  name: 'TaintToleration',
  filter(pod, node) {
    if (node.taints.length === 0) return SUCCESS;
    const taint = findMatchingUntoleratedTaint(node.taints, pod.tolerations, doNotScheduleTaintsFilter);
    return taint === undefined ? SUCCESS : UNTOLERATED;
  },
  // Each distinct taint of the cluster is decided once, then each distinct list of taints; when none keeps
  // the pod off, no node needs a look.
  filterNodes(pod, cluster, candidates, count, reject) {
    const { taintSetOf, distinctTaintSets, distinctTaints } = cluster.columns;
    const blocks = distinctTaints.map(
      (taint) => doNotScheduleTaintsFilter(taint) && !tolerationsTolerateTaint(pod.tolerations, taint),
    );
    if (!blocks.includes(true)) return count;
    const blockedSets = Uint8Array.from(distinctTaintSets, (ids) => (ids.some((id) => blocks[id]) ? 1 : 0));
    let kept = 0;
    for (let k = 0; k < count; k++) {
      const i = candidates[k]!;
      if (blockedSets[taintSetOf[i]!] === 1) reject(i, UNTOLERATED);
      else candidates[kept++] = i;
    }
    return kept;
  },
  preScore(pod): readonly Toleration[] {
    return pod.preferNoScheduleTolerations;
  },
  score(tolerations, node) {
    return node.taints.length === 0 ? 0 : countIntolerableTaintsPreferNoSchedule(node.taints, tolerations);
  },
  scoreNodes(tolerations, cluster, nodes, scores) {
    const { taintSetOf, distinctTaintSets, distinctTaints } = cluster.columns;
    const counts = countedTaints(tolerations, distinctTaints);
    const countBySet = Float64Array.from(distinctTaintSets, (ids) => ids.filter((id) => counts[id]).length);
    for (let k = 0; k < nodes.length; k++) scores[k] = countBySet[taintSetOf[nodes[k]!]!]!;
  },
  // When no taint of the cluster counts against the pod, every node counts 0, and the reversed
  // normalization gives each of them MAX_NODE_SCORE.
  uniformScore(tolerations, cluster) {
    return countedTaints(tolerations, cluster.columns.distinctTaints).includes(true) ? null : MAX_NODE_SCORE;
  },
  normalize(scores) {
    defaultNormalizeScore(true, scores);
  },
} satisfies FilterPlugin & ScorePlugin<readonly Toleration[]>;
