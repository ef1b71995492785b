// Test helper: runs one Score plugin over nodes as the upstream score tests do (PreScore, Score for each
// node, NormalizeScore), returning `{name, score}` per node in node order.
import { type Node, type Pod } from '../../api/core-v1';
import { applyPodDefaults } from '../../pod/defaults';
import { buildClusterState } from '../cluster-state';
import { type ScorePlugin } from '../plugin';
import { preparePod } from '../prepare-pod';

export interface NodeScore {
  readonly name: string;
  readonly score: number;
}

/**
 * Scores every node; a plugin whose PreScore skips the pod scores 0 everywhere. Where the plugin has a
 * batch form (`scoreNodes`, evaluateFit's path) it must agree with `score` node for node, and a uniform
 * score (`uniformScore`) with every normalized score, or this throws.
 */
export function scoreNodes(
  plugin: ScorePlugin,
  pod: Pod,
  nodes: readonly Node[],
  existingPods: readonly Pod[] = [],
): NodeScore[] {
  const cluster = buildClusterState(nodes, existingPods);
  const state = plugin.preScore(preparePod(applyPodDefaults(pod)));
  const scores = new Float64Array(nodes.length);
  if (state !== null) {
    cluster.nodeStates.forEach((node, i) => (scores[i] = plugin.score(state, node)));
    if (plugin.scoreNodes !== undefined) {
      const batch = new Float64Array(nodes.length);
      plugin.scoreNodes(state, cluster, Int32Array.from(nodes.keys()), batch);
      if (batch.some((score, i) => score !== scores[i])) {
        throw new Error(`${plugin.name}: scoreNodes gave [${batch.join(', ')}], score gave [${scores.join(', ')}]`);
      }
    }
    plugin.normalize?.(scores);
    const uniform = plugin.uniformScore?.(state, cluster) ?? null;
    if (uniform !== null && scores.some((score) => score !== uniform)) {
      throw new Error(`${plugin.name}: uniformScore gave ${uniform}, score and normalize gave [${scores.join(', ')}]`);
    }
  }
  return cluster.nodeStates.map((node, i) => ({ name: node.name, score: scores[i]! }));
}
