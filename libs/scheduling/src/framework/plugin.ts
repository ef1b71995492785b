// The Filter and Score extension points, as kube-scheduler's framework/interface.go declares them.
import { type FilterPluginName } from '../analysis/analysis-result';
import { type ClusterState, type NodeState } from './cluster-state';
import { type PreparedPod } from './prepare-pod';
import { type Status } from './status';

export type { FilterPluginName };

export type ScorePluginName = 'TaintToleration' | 'NodeAffinity' | 'NodeResourcesFit' | 'NodeResourcesBalancedAllocation';

/** Where a batch filter reports a node it rejects, with the status `filter` would return for it. */
export type RejectNode = (nodeIndex: number, status: Status) => void;

/** Filter: can the node run the pod? Work that depends on the pod alone was done by `preparePod`. */
export interface FilterPlugin {
  readonly name: FilterPluginName;
  filter(pod: PreparedPod, node: NodeState): Status;
  /**
   * The same decisions for many nodes at once (evaluateFit's hot path): keeps the passing node indices of
   * `candidates[0..count)` at the front, in order, reports each other one to `reject`, and returns how
   * many pass.
   */
  filterNodes?(pod: PreparedPod, cluster: ClusterState, candidates: Int32Array, count: number, reject: RejectNode): number;
}

/**
 * Score, with its PreScore and NormalizeScore. `preScore` does the per-pod work once and returns the state
 * `score` reads, or null when the plugin has nothing to score for this pod (upstream's Skip).
 */
export interface ScorePlugin<State = unknown> {
  readonly name: ScorePluginName;
  preScore(pod: PreparedPod): State | null;
  score(state: State, node: NodeState): number;
  /** `score` of each node of `nodes` (indices into the cluster), written to `scores`. */
  scoreNodes?(state: State, cluster: ClusterState, nodes: Int32Array, scores: Float64Array): void;
  /** In place, one entry per feasible node, to 0..MAX_NODE_SCORE. */
  normalize?(scores: Float64Array): void;
  /**
   * The normalized score every node of the cluster would get, when it does not depend on the node (null
   * when it does): the framework then adds it to each node without scoring them one by one.
   */
  uniformScore?(state: State, cluster: ClusterState): number | null;
}
