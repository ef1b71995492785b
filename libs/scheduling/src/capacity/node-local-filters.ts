// What the capacity reports share about a pod's Filters: which of them read only the node they judge, and
// whether the pod's own terms make a node's verdict move as copies of the pod are placed.
import { type Pod } from '../api/core-v1';
import { type FilterPluginName } from '../analysis/analysis-result';
import { type NodeState } from '../framework/cluster-state';
import { type PreparedPod } from '../framework/prepare-pod';
import { prefilterPodTopologySpread } from '../plugins/pod-topology-spread';
import { DEFAULT_FILTER_ORDER, NODE_FILTER_PLUGINS } from '../plugins/profile';

const NODE_FILTERS = DEFAULT_FILTER_ORDER.flatMap((name) => {
  const plugin = NODE_FILTER_PLUGINS[name];
  return plugin === undefined ? [] : [{ name, plugin }];
});

/**
 * Whether where earlier copies of the pod went can change a node's verdict for the next: the pod has required
 * pod affinity or anti-affinity terms of its own, or DoNotSchedule topology spread constraints (or constraints
 * PreFilter rejects). Bound pods' anti-affinity against the pod does not count: copies of a pod without such
 * terms cannot change it.
 */
export function hasSelfDependentFilters(pod: Pod): boolean {
  const affinity = pod.spec.affinity;
  const ownAffinityTerms =
    (affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) +
    (affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0);
  if (ownAffinityTerms > 0) return true;
  // The pod's hard constraints, and whether PreFilter rejects them, do not depend on the nodes.
  const spread = prefilterPodTopologySpread(pod, [], []);
  return spread !== null && (spread.rejection !== null || spread.constraints.length > 0);
}

/**
 * Whether the node passes NodeAffinity's PreFilter (the node names the pod's required affinity pins) and every
 * Filter that reads the node alone (NODE_FILTER_PLUGINS), as `evaluateFit` decides them; `except` leaves one
 * Filter out.
 */
export function passesNodeFilters(
  prepared: PreparedPod,
  node: NodeState,
  except?: FilterPluginName,
): boolean {
  const nodeNames = prepared.nodeAffinity.nodeNames;
  if (nodeNames !== null && !nodeNames.has(node.name)) return false;
  for (const { name, plugin } of NODE_FILTERS) {
    if (name !== except && plugin.filter(prepared, node).code !== 'Success') return false;
  }
  return true;
}
