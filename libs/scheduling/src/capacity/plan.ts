// The Plan report: several workloads placed together on the inventory, in order (DaemonSets first), as
// kube-scheduler would place their replicas; which fit, and every node's allocation before and after.
import { type ResourceList } from '../api/core-v1';
import { joinPath, toQuantityMap } from '../analysis/analyze';
import { daemonPod } from '../analysis/daemon-set';
import { type WorkloadInput } from '../analysis/workload-input';
import { type ClusterState } from '../framework/cluster-state';
import { applyPodDefaults } from '../pod/defaults';
import { podRequests } from '../pod/resources';
import { type PlanNode, type PlanReport, type PlanWorkload } from './capacity-reports';
import {
  type UsageTotals,
  addPods,
  clusterUsage,
  copyUsage,
  sumUsage,
  usageRowNames,
  usageRows,
} from './resource-usage';
import { type PlacementOptions, type WorkloadToPlace, simulatePlacement } from './simulate-placement';

export const CAPACITY_PLAN_API_VERSION = 'podfit.dev/v1';

export interface PlanOptions extends PlacementOptions {
  /**
   * Node name -> the name of the template the node was made from, for the nodes a scale-out adds to the
   * cluster; every other node is an inventory node (`template: null`).
   */
  readonly templateByNode?: ReadonlyMap<string, string>;
}

/**
 * Places the workloads together on the cluster (`buildClusterState` of the inventory, left unchanged), in
 * one simulation: DaemonSets first, one pod on every node their controller selects, then the others in
 * input order with `replicas` each. Invalid workloads (`errors`, no pod) and those without a replica count
 * (PodTemplate) are left out. `onPlacement` receives the workload's index in `workloads`.
 *
 * A workload fits when every wanted replica was placed (the replica cap stopping it does not count as
 * fitting). Each node's `before` sums its bound pods' requests as `kubectl describe node` does; `after` adds
 * each workload's PodRequests times the replicas placed there. Example: a 4-cpu node with a bound pod of
 * 1500m that takes 2 replicas of 250m: cpu before `1500m` (37%), after `2` (50%).
 */
export function capacityPlan(
  workloads: readonly WorkloadInput[],
  cluster: ClusterState,
  options: PlanOptions = {},
): PlanReport {
  const planned = workloads
    .map((workload, index) => ({ workload, index }))
    .filter(({ workload }) => isPlanned(workload));
  const toPlace = planned.map(({ workload }): WorkloadToPlace => {
    const { kind, namespace, name, replicas } = workload;
    return { kind, namespace, name, pod: workload.pod!, replicas };
  });
  const onPlacement = options.onPlacement;
  const result = simulatePlacement(cluster, toPlace, {
    replicaCap: options.replicaCap,
    onPlacement:
      onPlacement === undefined ? undefined : (w, nodeName) => onPlacement(planned[w]!.index, nodeName),
  });

  const requests = planned.map(({ workload }) => replicaRequests(workload));
  const before = clusterUsage(cluster);
  const after: Readonly<UsageTotals>[] = before.slice();
  // In placement order (DaemonSets first), so each node's sums add the pods in the order they were bound.
  const indices = [...toPlace.keys()];
  const order = [
    ...indices.filter((w) => toPlace[w]!.kind === 'DaemonSet'),
    ...indices.filter((w) => toPlace[w]!.kind !== 'DaemonSet'),
  ];
  const copied = new Array<UsageTotals | undefined>(before.length);
  for (const w of order) {
    const request = requests[w]!;
    for (const [nodeName, count] of Object.entries(result.workloads[w]!.perNode)) {
      const i = cluster.nodeIndexByName.get(nodeName)!;
      let totals = copied[i];
      if (totals === undefined) {
        totals = copyUsage(before[i]!);
        copied[i] = totals;
        after[i] = totals;
      }
      addPods(totals, request, count);
    }
  }

  const planWorkloads = planned.map(({ workload }, w): PlanWorkload => {
    const placement = result.workloads[w]!;
    const wanted = placement.wanted ?? 0;
    return {
      kind: workload.kind,
      namespace: workload.namespace,
      name: workload.name,
      source: workload.source,
      document: workload.document,
      requests: toQuantityMap(requests[w]!),
      wanted,
      placed: placement.placed,
      fits: placement.placed === wanted && !placement.hitReplicaCap,
      perNode: placement.perNode,
      limitedBy: placement.limitedBy,
      stopMessage: placement.stopMessage,
      warnings: placement.warnings.map((warning) => ({
        ...warning,
        path: joinPath(workload.podSpecPath, warning.path),
      })),
    };
  });

  const nodes = cluster.nodes.map((node, i): PlanNode => {
    const rowNames = usageRowNames([after[i]!]);
    return {
      name: node.metadata.name,
      template: options.templateByNode?.get(node.metadata.name) ?? null,
      unschedulable: node.spec.unschedulable === true,
      placed: result.placedPods[i]!,
      before: usageRows(before[i]!, rowNames),
      after: usageRows(after[i]!, rowNames),
    };
  });

  const clusterBefore = sumUsage(before);
  const clusterAfter = sumUsage(after);
  const clusterRows = usageRowNames([clusterAfter]);
  return {
    apiVersion: CAPACITY_PLAN_API_VERSION,
    kind: 'CapacityPlan',
    fits: planWorkloads.every((workload) => workload.fits),
    workloads: planWorkloads,
    nodes,
    cluster: { before: usageRows(clusterBefore, clusterRows), after: usageRows(clusterAfter, clusterRows) },
  };
}

/** A workload the plan places: valid, with a pod, and with a replica count (a DaemonSet counts its nodes). */
function isPlanned(workload: WorkloadInput): boolean {
  if (workload.errors.length > 0 || workload.pod === null) return false;
  return workload.replicas !== null || workload.kind === 'DaemonSet';
}

/** PodRequests of one replica as the simulation binds it: the defaulted pod, or the DaemonSet's daemon pod. */
function replicaRequests(workload: WorkloadInput): ResourceList {
  const pod = applyPodDefaults(workload.pod!);
  return podRequests(workload.kind === 'DaemonSet' ? daemonPod(pod) : pod);
}
