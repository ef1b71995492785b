// The Headroom report. TODO(issue 6): being written.
import { type Pod } from '../api/core-v1';
import { type ClusterState } from '../framework/cluster-state';
import { type HeadroomReport } from './capacity-reports';

export interface HeadroomOptions {
  /** The node label to group by; null for no groups. */
  readonly groupBy: string | null;
  /** The pod whose fit is counted per node (not yet defaulted); null for none. */
  readonly referencePod: Pod | null;
}

/** What is left on each node and node group: resources, and how many reference pods still fit. */
export function headroom(_cluster: ClusterState, _options: HeadroomOptions): HeadroomReport {
  throw new Error('headroom: not implemented yet (issue 6)');
}
