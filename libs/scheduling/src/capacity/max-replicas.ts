// The Max-replicas report (kubernetes-sigs/cluster-capacity parity): how many replicas of each workload fit on
// an inventory as it is. Each workload is placed on its own against the inventory, never together with the
// others (placing them together is the Plan report's question).
import { type Warning } from '../analysis/analysis-result';
import { joinPath } from '../analysis/analyze';
import { type ClusterState } from '../framework/cluster-state';
import { type WorkloadInput } from '../analysis/workload-input';
import { type PlacementOptions, simulatePlacement } from './simulate-placement';

export const MAX_REPLICAS_API_VERSION = 'podfit.dev/v1';

/** One workload's answer; schema/max-replicas.schema.json describes it. */
export interface MaxReplicasWorkload {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly source: string;
  readonly document: number;
  /** Replicas that fit; for a DaemonSet, the nodes it would run on whose pod fits. */
  readonly maxReplicas: number;
  /** Node name -> replicas placed there, nodes in inventory order, only nodes that got some. */
  readonly perNode: Record<string, number>;
  /** The resources the stop names (`Insufficient <res>`, `pods` for `Too many pods`), sorted. */
  readonly limitedBy: string[];
  /** kube-scheduler's `0/N nodes are available: …` for the replica that did not fit; null when none failed. */
  readonly stopMessage: string | null;
  /** The replica cap stopped the placement: more replicas might have fitted. */
  readonly hitReplicaCap: boolean;
  /** What the simulation could not evaluate as kube-scheduler would, paths relative to the document. */
  readonly warnings: Warning[];
}

export interface MaxReplicasReport {
  readonly apiVersion: typeof MAX_REPLICAS_API_VERSION;
  readonly kind: 'MaxReplicas';
  readonly workloads: MaxReplicasWorkload[];
}

export interface MaxReplicasOptions {
  /** The most replicas counted per workload (DEFAULT_REPLICA_CAP when absent). */
  readonly replicaCap?: number;
  /** Called after each placement with the workload's index in `workloads` (progress). */
  readonly onPlacement?: PlacementOptions['onPlacement'];
}

/**
 * How many replicas of each valid workload fit on the cluster (`buildClusterState` of the inventory), each
 * placed alone from the cluster as given.
 * Invalid workloads (`errors` non-empty, no pod) are left out: there is no pod to place. A DaemonSet counts
 * the nodes its controller selects whose pod fits, as the simulation places it.
 *
 * Example: 3 nodes of 4 cpu and a Deployment of 1500m cpu: 2 fit per node, maxReplicas 6, limitedBy
 * ["cpu"], stopMessage "0/3 nodes are available: 3 Insufficient cpu.".
 */
export function maxReplicas(
  workloads: readonly WorkloadInput[],
  cluster: ClusterState,
  options: MaxReplicasOptions = {},
): MaxReplicasReport {
  const report: MaxReplicasWorkload[] = [];
  const { onPlacement } = options;
  for (const [index, workload] of workloads.entries()) {
    if (workload.errors.length > 0 || workload.pod === null) continue;
    const { kind, namespace, name, source, document, podSpecPath } = workload;
    const [placement] = simulatePlacement(
      cluster,
      [{ kind, namespace, name, pod: workload.pod, replicas: null }],
      {
        replicaCap: options.replicaCap,
        onPlacement: onPlacement === undefined ? undefined : (_, nodeName) => onPlacement(index, nodeName),
      },
    ).workloads;
    report.push({
      kind,
      namespace,
      name,
      source,
      document,
      maxReplicas: placement!.placed,
      perNode: placement!.perNode,
      limitedBy: placement!.limitedBy,
      stopMessage: placement!.stopMessage,
      hitReplicaCap: placement!.hitReplicaCap,
      warnings: placement!.warnings.map((warning) => ({
        ...warning,
        path: joinPath(podSpecPath, warning.path),
      })),
    });
  }
  return { apiVersion: MAX_REPLICAS_API_VERSION, kind: 'MaxReplicas', workloads: report };
}

/**
 * Whether a workload places what it must, as `analyze` judges fit (fitsAsNeeded): at least one replica; a
 * DaemonSet, its pod on every node it should run on (so one that selects no node is fine).
 */
export function placesAsNeeded(workload: MaxReplicasWorkload): boolean {
  if (workload.kind === 'DaemonSet') return workload.stopMessage === null;
  return workload.maxReplicas > 0;
}
