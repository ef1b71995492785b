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
import {
  type PlacementOptions,
  type PlacementResult,
  type WorkloadPlacement,
  type WorkloadToPlace,
  isDaemonSet,
  placementOrder,
  simulatePlacement,
} from './simulate-placement';

export const CAPACITY_PLAN_API_VERSION = 'podfit.dev/v1';

export interface PlanOptions extends PlacementOptions {
  /**
   * Node name -> the name of the template the node was made from, for the nodes a scale-out adds to the
   * cluster; every other node is an inventory node (`template: null`).
   */
  readonly templateByNode?: ReadonlyMap<string, string>;
}

/** A workload the plan places, with its index among the plan's input workloads. */
export interface PlannedWorkload {
  readonly index: number;
  readonly workload: WorkloadInput;
  readonly toPlace: WorkloadToPlace;
}

/**
 * The workloads a plan places, in input order: valid, with a pod, and with a replica count (a DaemonSet
 * counts its nodes). Invalid workloads (`errors`, no pod) and those without a replica count (PodTemplate)
 * are left out.
 */
export function plannedWorkloads(workloads: readonly WorkloadInput[]): PlannedWorkload[] {
  const planned: PlannedWorkload[] = [];
  workloads.forEach((workload, index) => {
    const { kind, namespace, name, pod, replicas } = workload;
    if (workload.errors.length > 0 || pod === null) return;
    if (replicas === null && !isDaemonSet(workload)) return;
    planned.push({ index, workload, toPlace: { kind, namespace, name, pod, replicas } });
  });
  return planned;
}

/** The planned workloads placed together on the cluster; `onPlacement` receives the input index. */
export function simulatePlan(
  planned: readonly PlannedWorkload[],
  cluster: ClusterState,
  options: PlacementOptions = {},
): PlacementResult {
  const { onPlacement } = options;
  return simulatePlacement(
    cluster,
    planned.map((p) => p.toPlace),
    {
      replicaCap: options.replicaCap,
      onPlacement:
        onPlacement === undefined ? undefined : (w, nodeName) => onPlacement(planned[w]!.index, nodeName),
    },
  );
}

/** A workload of a plan fits: every wanted replica placed (the replica cap stopping it does not count). */
export function workloadFits(placement: WorkloadPlacement): boolean {
  return placement.placed === (placement.wanted ?? 0) && !placement.hitReplicaCap;
}

/**
 * Places the workloads together on the cluster (`buildClusterState` of the inventory, left unchanged), in
 * one simulation: DaemonSets first, one pod on every node their controller selects, then the others in
 * input order with `replicas` each (`plannedWorkloads` says which). `onPlacement` receives the workload's
 * index in `workloads`.
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
  const planned = plannedWorkloads(workloads);
  return planReport(planned, cluster, simulatePlan(planned, cluster, options), options.templateByNode);
}

/**
 * The Plan report of a finished placement: `result` is `simulatePlan(planned, cluster)`. `templateByNode`
 * names the template of each node a scale-out added.
 */
export function planReport(
  planned: readonly PlannedWorkload[],
  cluster: ClusterState,
  result: PlacementResult,
  templateByNode?: ReadonlyMap<string, string>,
): PlanReport {
  const requests = planned.map(({ workload }) => replicaRequests(workload));
  const before = clusterUsage(cluster);
  const after: Readonly<UsageTotals>[] = before.slice();
  // In placement order (DaemonSets first), so each node's sums add the pods in the order they were bound.
  const copied = new Array<UsageTotals | undefined>(before.length);
  for (const w of placementOrder(planned.map((p) => p.toPlace))) {
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
    return {
      kind: workload.kind,
      namespace: workload.namespace,
      name: workload.name,
      source: workload.source,
      document: workload.document,
      requests: toQuantityMap(requests[w]!),
      wanted: placement.wanted ?? 0,
      placed: placement.placed,
      fits: workloadFits(placement),
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
      template: templateByNode?.get(node.metadata.name) ?? null,
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

/** PodRequests of one replica as the simulation binds it: the defaulted pod, or the DaemonSet's daemon pod. */
function replicaRequests(workload: WorkloadInput): ResourceList {
  const pod = applyPodDefaults(workload.pod!);
  return podRequests(isDaemonSet(workload) ? daemonPod(pod) : pod);
}
