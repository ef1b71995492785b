// Mirrors FitError.Error() in pkg/scheduler/framework/types.go: the `0/N nodes are available: …` message
// of a FailedScheduling event.
import { compareByteWise } from '../framework/byte-order';

/** `ErrNoNodesAvailable`: the scheduler's error when the cluster has no nodes at all (no FitError). */
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/**
 * The status kube-scheduler gives every node a PreFilter result leaves out (`PreFilterResult.NodeNames`),
 * plugin names sorted: `node(s) didn't satisfy plugin(s) [NodeAffinity]`. pkg/scheduler/schedule_one.go,
 * findNodesThatFitPod.
 */
export function unsatisfiedPreFilterPluginsReason(pluginNames: readonly string[]): string {
  return `node(s) didn't satisfy plugin(s) [${[...pluginNames].sort(compareByteWise).join(' ')}]`;
}

export interface FitErrorMessages {
  /** A PreFilter rejected the pod: this message replaces the per-node counts. */
  readonly preFilterMsg?: string;
  /** Appended after a space, with no period of its own (newest types.go). */
  readonly postFilterMsg?: string;
}

/**
 * `FitError.Error()` from reason counts: `0/N nodes are available:`, then the PreFilter message and a
 * period, or else every `<count> <reason>` sorted as plain byte strings (so `10 …` sorts before `9 …`),
 * joined by `, ` and ended by a period; then the PostFilter message after a space.
 */
export function formatFitError(
  numAllNodes: number,
  reasonCounts: ReadonlyMap<string, number>,
  messages: FitErrorMessages = {},
): string {
  let message = `0/${numAllNodes} nodes are available:`;
  const preFilterMsg = messages.preFilterMsg ?? '';
  if (preFilterMsg !== '') {
    message += ` ${preFilterMsg}.`;
  } else {
    const parts: string[] = [];
    for (const [reason, count] of reasonCounts) parts.push(`${count} ${reason}`);
    parts.sort(compareByteWise);
    if (parts.length > 0) message += ` ${parts.join(', ')}.`;
  }
  const postFilterMsg = messages.postFilterMsg ?? '';
  if (postFilterMsg !== '') message += ` ${postFilterMsg}`;
  return message;
}

/** Counts each reason once per occurrence in a node's status, as `FitError.Error()` does. */
export function countReasons(reasonsByNode: Iterable<readonly string[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const reasons of reasonsByNode) {
    for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return counts;
}

/**
 * `FitError.Error()` for the reasons of each node that failed (one entry per node, nodes that fit left
 * out). Example: nodes failing with [Insufficient cpu, Insufficient memory], [Insufficient cpu] and
 * [node(s) had untolerated taint(s)] of 3 -> `0/3 nodes are available: 1 Insufficient memory, 1 node(s) had
 * untolerated taint(s), 2 Insufficient cpu.`
 */
export function fitErrorMessage(
  numAllNodes: number,
  reasonsByNode: Iterable<readonly string[]>,
  messages: FitErrorMessages = {},
): string {
  return formatFitError(numAllNodes, countReasons(reasonsByNode), messages);
}
