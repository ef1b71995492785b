// Mirrors pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go
import { type Toleration } from '../api/core-v1';
import { type FilterPlugin } from '../framework/plugin';
import { SUCCESS, constantStatus } from '../framework/status';
import { tolerationsTolerateTaint } from './taint-toleration';

/** `ErrReasonUnschedulable`: the node is cordoned (`spec.unschedulable`). */
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

/** `v1.TaintNodeUnschedulable`: the taint the node lifecycle controller puts on cordoned nodes. */
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

const UNSCHEDULABLE = constantStatus('UnschedulableAndUnresolvable', ERR_REASON_UNSCHEDULABLE);

/**
 * A pod that tolerates the `node.kubernetes.io/unschedulable:NoSchedule` taint also tolerates
 * `spec.unschedulable`, whether or not the node carries the taint.
 */
export function toleratesUnschedulable(tolerations: readonly Toleration[]): boolean {
  return tolerationsTolerateTaint(tolerations, { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });
}

export const nodeUnschedulable = {
  name: 'NodeUnschedulable',
  filter(pod, node) {
    if (!node.unschedulable || pod.toleratesUnschedulable) return SUCCESS;
    return UNSCHEDULABLE;
  },
  filterNodes(pod, cluster, candidates, count, reject) {
    if (pod.toleratesUnschedulable || !cluster.columns.anyUnschedulable) return count;
    const unschedulable = cluster.columns.unschedulable;
    let kept = 0;
    for (let k = 0; k < count; k++) {
      const i = candidates[k]!;
      if (unschedulable[i] === 1) reject(i, UNSCHEDULABLE);
      else candidates[kept++] = i;
    }
    return kept;
  },
} satisfies FilterPlugin;
