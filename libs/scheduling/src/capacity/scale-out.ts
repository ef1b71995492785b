// The Scale-out report. TODO(issue 6): being written.
import { type WorkloadInput } from '../analysis/workload-input';
import { type ClusterInput } from '../analysis/analyze';
import { type NodeTemplate, type ScaleOutReport } from './capacity-reports';
import { type PlacementOptions } from './simulate-placement';

/** The fewest nodes of each template to add so every workload of the plan fits, and their cost. */
export function scaleOut(
  _workloads: readonly WorkloadInput[],
  _cluster: ClusterInput,
  _templates: readonly NodeTemplate[],
  _options: PlacementOptions = {},
): ScaleOutReport {
  throw new Error('scaleOut: not implemented yet (issue 6)');
}
