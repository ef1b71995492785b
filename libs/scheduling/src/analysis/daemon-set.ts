// A DaemonSet's pods are placed by its controller, one per node it selects, each pod pinned to its node.
import { type Node, type Pod, type Taint, type Toleration } from '../api/core-v1';
import { type ClusterState } from '../framework/cluster-state';
import { preparePod } from '../framework/prepare-pod';
import { evaluateFit } from '../framework/evaluate-fit';
import { fitErrorMessage, unsatisfiedPreFilterPluginsReason } from '../diagnosis/fit-error';
import { nodeMatchesNodeSelectorAndAffinity } from '../plugins/node-affinity';
import { findMatchingUntoleratedTaint } from '../plugins/taint-toleration';
import { type FitResult, type NodeVerdict, type Warning } from './analysis-result';

const NOT_A_TARGET = 'the DaemonSet controller runs no pod here';

// Every DaemonSet pod tolerates node problems and cordoning; with hostNetwork, an unready network too.
// pkg/controller/daemon/util/daemonset_util.go, AddOrUpdateDaemonPodTolerations
function daemonPodTolerations(pod: Pod): Toleration[] {
  const defaults: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (pod.spec.hostNetwork) {
    defaults.push({
      key: 'node.kubernetes.io/network-unavailable',
      operator: 'Exists',
      effect: 'NoSchedule',
    });
  }
  const tolerations = [...(pod.spec.tolerations ?? [])];
  for (const toleration of defaults) {
    const same = tolerations.findIndex(
      (t) =>
        (t.key ?? '') === toleration.key &&
        (t.operator ?? 'Equal') === toleration.operator &&
        (t.value ?? '') === '' &&
        (t.effect ?? '') === toleration.effect,
    );
    if (same >= 0) tolerations[same] = toleration;
    else tolerations.push(toleration);
  }
  return tolerations;
}

/** The pod the DaemonSet controller creates from the template, before it pins it to a node. */
export function daemonPod(pod: Pod): Pod {
  return { ...pod, spec: { ...pod.spec, tolerations: daemonPodTolerations(pod) } };
}

const isNoScheduleOrNoExecute = (taint: Taint) =>
  taint.effect === 'NoSchedule' || taint.effect === 'NoExecute';

// pkg/controller/daemon/daemon_controller.go, NodeShouldRunDaemonPod and predicates
/** Whether the DaemonSet controller would run a pod of this (daemon) pod's DaemonSet on the node. */
export function nodeShouldRunDaemonPod(pod: Pod, node: Node): boolean {
  const nodeName = pod.spec.nodeName ?? '';
  if (nodeName !== '' && nodeName !== node.metadata.name) return false;
  if (!nodeMatchesNodeSelectorAndAffinity(pod, node)) return false;
  const taints = node.spec.taints ?? [];
  return (
    findMatchingUntoleratedTaint(taints, pod.spec.tolerations ?? [], isNoScheduleOrNoExecute) === undefined
  );
}

// The controller pins each pod with `matchFields metadata.name In [node]`, so NodeAffinity's PreFilter
// narrows scheduling to that node and every other node gets this status (schedule_one.go).
const PINNED_ELSEWHERE = unsatisfiedPreFilterPluginsReason(['NodeAffinity']);

/**
 * Fit of a DaemonSet: `totalNodes` counts the nodes its controller runs a pod on (its replicas), and
 * `feasibleNodes` those whose pod the scheduler can place. Each pod is pinned to its node by a required
 * `matchFields metadata.name` term, so on its own node it meets the filters the unpinned pod meets there;
 * `message` is what kube-scheduler says of the first pod that cannot be placed.
 */
export function fitDaemonSet(template: Pod, cluster: ClusterState): { fit: FitResult; warnings: Warning[] } {
  const pod = daemonPod(template);
  const { fit, warnings } = evaluateFit(preparePod(pod), cluster);
  const nodes: NodeVerdict[] = [];
  const isTarget = new Set<string>();
  let feasible = 0;
  let firstFailing: NodeVerdict | undefined;
  for (let i = 0; i < fit.nodes.length; i++) {
    const verdict = fit.nodes[i]!;
    const node = cluster.nodes[i]!;
    if (!nodeShouldRunDaemonPod(pod, node)) {
      nodes.push({ name: verdict.name, fits: false, plugin: null, reasons: [NOT_A_TARGET], score: null });
      continue;
    }
    isTarget.add(verdict.name);
    nodes.push(verdict);
    if (verdict.fits) feasible++;
    else firstFailing ??= verdict;
  }

  let message: string | null = null;
  const reasonCounts: Record<string, number> = {};
  if (firstFailing !== undefined) {
    const reasonsByNode = nodes.map((verdict) =>
      verdict.name === firstFailing.name ? verdict.reasons : [PINNED_ELSEWHERE],
    );
    message = fitErrorMessage(nodes.length, reasonsByNode);
    for (const verdict of nodes) {
      if (!isTarget.has(verdict.name) || verdict.fits) continue;
      for (const reason of verdict.reasons) reasonCounts[reason] = (reasonCounts[reason] ?? 0) + 1;
    }
  }
  return {
    fit: {
      feasibleNodes: feasible,
      totalNodes: isTarget.size,
      message,
      reasonCounts,
      bestNodes: fit.bestNodes.filter((name) => isTarget.has(name)),
      nodes,
    },
    warnings,
  };
}
