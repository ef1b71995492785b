// The Plan report. TODO(issue 6): being written.
import { type WorkloadInput } from '../analysis/workload-input';
import { type ClusterState } from '../framework/cluster-state';
import { type PlanReport } from './capacity-reports';
import { type PlacementOptions } from './simulate-placement';

/** Places the workloads together, in order (DaemonSets first), on the cluster; reports before and after. */
export function capacityPlan(
  _workloads: readonly WorkloadInput[],
  _cluster: ClusterState,
  _options: PlacementOptions = {},
): PlanReport {
  throw new Error('capacityPlan: not implemented yet (issue 6)');
}
