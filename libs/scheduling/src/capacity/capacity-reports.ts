// The capacity reports' shapes, the contract of `-o json`, REST and GraphQL alike (schema/*.schema.json
// describe them). Max replicas lives beside its builder in max-replicas.ts; the Plan, Scale-out and Headroom
// reports are here, as the renderers and interfaces read all of them.
import { type Node } from '../api/core-v1';
import { type QuantityMap, type Warning } from '../analysis/analysis-result';
import { type MaxReplicasReport } from './max-replicas';

/** One resource's totals on a node or a set of nodes, quantities in canonical form. */
export interface ResourceUsage {
  /** `cpu`, `memory`, `ephemeral-storage`, then hugepages-* and other resources by name, then `pods`. */
  readonly resource: string;
  readonly allocatable: string;
  /** Summed requests of the pods on the node(s); for `pods`, the number of pods. */
  readonly requested: string;
  /** Allocatable minus requested; negative when overcommitted. */
  readonly free: string;
  /** `int64(requested / allocatable * 100)` as kubectl describe node truncates it; 0 when allocatable is 0. */
  readonly percent: number;
}

/** One workload of a plan: what it asked for, what was placed, and why the rest was not. */
export interface PlanWorkload {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly source: string;
  readonly document: number;
  /** What one replica's pod requests (PodRequests), canonical quantities. */
  readonly requests: QuantityMap;
  /** Replicas asked for; for a DaemonSet, the nodes its controller selects. */
  readonly wanted: number;
  readonly placed: number;
  /** Every wanted replica was placed. */
  readonly fits: boolean;
  /** Node name -> replicas placed there, nodes in inventory order, only nodes that got some. */
  readonly perNode: Record<string, number>;
  /** The resources the stop names (`Insufficient <res>`, `pods` for `Too many pods`), sorted. */
  readonly limitedBy: string[];
  /** kube-scheduler's `0/N nodes are available: …` for the first replica that did not fit; null when all fit. */
  readonly stopMessage: string | null;
  readonly warnings: Warning[];
}

/** One node before and after the plan's pods are placed. */
export interface PlanNode {
  readonly name: string;
  /** The node template it was made from, for a node a scale-out adds; null for an inventory node. */
  readonly template: string | null;
  readonly unschedulable: boolean;
  /** Replicas of the plan placed on this node (DaemonSet pods included). */
  readonly placed: number;
  readonly before: ResourceUsage[];
  readonly after: ResourceUsage[];
}

/** The Plan report: workloads placed together, in order (DaemonSets first), on the inventory. */
export interface PlanReport {
  readonly apiVersion: 'podfit.dev/v1';
  readonly kind: 'CapacityPlan';
  /** Every workload placed every wanted replica. */
  readonly fits: boolean;
  /** In input order; invalid workloads and those without a replica count (PodTemplate) are left out. */
  readonly workloads: PlanWorkload[];
  /** In inventory order (then any added nodes). */
  readonly nodes: PlanNode[];
  /** The whole cluster's totals per resource, before and after, rows in `ResourceUsage` order. */
  readonly cluster: { readonly before: ResourceUsage[]; readonly after: ResourceUsage[] };
}

/** A kind of node a scale-out may add (podfit.dev/v1 NodeTemplate, or a Node used as one). */
export interface NodeTemplate {
  /** e.g. the instance type; added nodes are named `<name>-<n>` from 1, skipping names already in use. */
  readonly name: string;
  /** What every added node copies: labels, taints, allocatable (capacity where allocatable is absent). */
  readonly node: Node;
  /** Price of one node per hour, a non-negative decimal string as given (`0.192`); null when not given. */
  readonly hourlyPrice: string | null;
  /** At most this many nodes of the template may be added; null for no limit of its own. */
  readonly maxNodes: number | null;
}

/** How many nodes of one template make the plan fit. */
export interface ScaleOutOption {
  readonly template: string;
  /** The fewest nodes of this template that make every workload fit; null when no count does. */
  readonly nodesToAdd: number | null;
  readonly hourlyPrice: string | null;
  /** `nodesToAdd × hourlyPrice`, exact decimal; null without a price or without a count. */
  readonly hourlyCost: string | null;
  /** Why no count of this template makes the plan fit (kube-scheduler's words); null when one does. */
  readonly reason: string | null;
}

/** The Scale-out report: the fewest nodes of each template to add so the plan fits, and their cost. */
export interface ScaleOutReport {
  readonly apiVersion: 'podfit.dev/v1';
  readonly kind: 'ScaleOut';
  /** The plan fits the inventory as it is: every option adds 0 nodes. */
  readonly fitsAsIs: boolean;
  /** One per template, in the order given. */
  readonly options: ScaleOutOption[];
  /** The option to take: the cheapest where every feasible option has a price, else the fewest nodes; ties to the first given. Null when none fits. */
  readonly recommended: string | null;
  /** The plan with the recommended nodes added (as is when the plan fits as is or no option fits). */
  readonly plan: PlanReport;
}

/** Headroom of one node. */
export interface HeadroomNode {
  readonly name: string;
  /** The group-by label's value; null without a group-by label or when the node lacks it. */
  readonly group: string | null;
  readonly unschedulable: boolean;
  readonly resources: ResourceUsage[];
  /** How many more reference pods fit on this node alone; null without a reference pod. */
  readonly referencePods: number | null;
}

/** Headroom summed over a group of nodes (or the whole cluster). */
export interface HeadroomGroup {
  /** The label value; null for the nodes without the label (and for the cluster total). */
  readonly group: string | null;
  readonly nodes: number;
  readonly resources: ResourceUsage[];
  /** Sum over the group's nodes of `referencePods`; null without a reference pod. */
  readonly referencePods: number | null;
}

/** The Headroom report: what is left per node and per node group, in resources and in reference pods. */
export interface HeadroomReport {
  readonly apiVersion: 'podfit.dev/v1';
  readonly kind: 'Headroom';
  /** The label nodes are grouped by (`node.kubernetes.io/instance-type`, a pool label); null for none. */
  readonly groupBy: string | null;
  /** The reference pod's requests (PodRequests), canonical quantities; null when none was given. */
  readonly referencePod: { readonly requests: QuantityMap } | null;
  /** In inventory order. */
  readonly nodes: HeadroomNode[];
  /** One per label value in byte order, then the nodes without the label (group null); empty without groupBy. */
  readonly groups: HeadroomGroup[];
  readonly total: HeadroomGroup;
}

export type CapacityReport = MaxReplicasReport | PlanReport | ScaleOutReport | HeadroomReport;
export type CapacityReportKind = CapacityReport['kind'];
