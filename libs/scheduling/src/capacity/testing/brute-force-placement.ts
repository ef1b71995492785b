// Test helper: the capacity simulation done the slow, obvious way. Before each replica the whole cluster
// state is rebuilt from the inventory with every replica placed so far added as a bound pod, the workload is
// analyzed against it as `podfit analyze` would, and the replica goes to the best-scored feasible node (ties:
// first name in byte order). Nothing is carried from one placement to the next, so the simulation's
// incremental bookkeeping has something independent to agree with.
import { type Node, type Pod } from '../../api/core-v1';
import { analyzeWorkload } from '../../analysis/analyze';
import { daemonPod, nodeShouldRunDaemonPod } from '../../analysis/daemon-set';
import { type FitResult } from '../../analysis/analysis-result';
import { type WorkloadInput } from '../../analysis/workload-input';
import { buildClusterState } from '../../framework/cluster-state';
import { compareByteWise } from '../../framework/byte-order';
import { applyPodDefaults } from '../../pod/defaults';
import { limitedBy, pinDaemonPodToNode, type WorkloadToPlace } from '../simulate-placement';

export interface ReferencePlacement {
  /** The node of each placed replica, in placement order. */
  readonly sequence: string[];
  readonly stopMessage: string | null;
  readonly limitedBy: string[];
}

function asWorkloadInput(kind: string, pod: Pod): WorkloadInput {
  return {
    kind,
    apiVersion: 'apps/v1',
    namespace: pod.metadata.namespace ?? 'default',
    name: 'reference',
    source: 'reference.yaml',
    document: 0,
    podSpecPath: 'spec.template.spec',
    replicas: 1,
    pod,
    warnings: [],
    errors: [],
  };
}

function fitOf(kind: string, pod: Pod, nodes: readonly Node[], bound: readonly Pod[]): FitResult {
  return analyzeWorkload(asWorkloadInput(kind, pod), buildClusterState(nodes, bound)).fit!;
}

// The winner read off the per-node verdicts, not off `bestNodes`.
function bestNode(fit: FitResult): string {
  let best: { name: string; score: number } | null = null;
  for (const verdict of fit.nodes) {
    if (!verdict.fits) continue;
    const score = verdict.score!;
    if (
      best === null ||
      score > best.score ||
      (score === best.score && compareByteWise(verdict.name, best.name) < 0)
    ) {
      best = { name: verdict.name, score };
    }
  }
  return best!.name;
}

/** Places the workloads as `simulatePlacement` specifies, rebuilding everything for every replica. */
export function bruteForcePlacement(
  nodes: readonly Node[],
  boundPods: readonly Pod[],
  workloads: readonly WorkloadToPlace[],
  replicaCap: number,
): ReferencePlacement[] {
  const bound: Pod[] = [...boundPods];
  const results: ReferencePlacement[] = workloads.map(() => ({
    sequence: [],
    stopMessage: null,
    limitedBy: [],
  }));
  const set = (w: number, fit: FitResult) =>
    (results[w] = {
      ...results[w]!,
      stopMessage: fit.message,
      limitedBy: limitedBy(Object.keys(fit.reasonCounts)),
    });

  workloads.forEach((workload, w) => {
    if (workload.kind !== 'DaemonSet') return;
    const template = daemonPod(applyPodDefaults(workload.pod));
    for (const node of nodes) {
      if (!nodeShouldRunDaemonPod(template, node)) continue;
      const pod = pinDaemonPodToNode(template, node.metadata.name);
      const fit = fitOf('Pod', pod, nodes, bound);
      if (fit.feasibleNodes === 0) {
        if (results[w]!.stopMessage === null) set(w, fit);
        continue;
      }
      bound.push({ ...pod, spec: { ...pod.spec, nodeName: node.metadata.name } });
      results[w]!.sequence.push(node.metadata.name);
    }
  });

  workloads.forEach((workload, w) => {
    if (workload.kind === 'DaemonSet') return;
    const wanted = Math.min(workload.replicas ?? Infinity, replicaCap);
    while (results[w]!.sequence.length < wanted) {
      const fit = fitOf(workload.kind, workload.pod, nodes, bound);
      if (fit.feasibleNodes === 0) {
        set(w, fit);
        return;
      }
      const name = bestNode(fit);
      bound.push({ ...workload.pod, spec: { ...workload.pod.spec, nodeName: name } });
      results[w]!.sequence.push(name);
    }
  });
  return results;
}
