// `podfit capacity plan -o table|wide`: one row per placed workload, as `kubectl get` prints, then the
// cluster's requests per resource before and after the plan, as `kubectl describe node` shows them
// (`1500m (37%)`). `wide` adds a table of the nodes before and after.
import { type PlanNode, type PlanReport, type PlanWorkload, type ResourceUsage } from '@podfit/scheduling';
import { workloadName } from './table.printer';
import { writeTable } from './tab-writer';

export interface CapacityTableOptions {
  readonly wide: boolean;
  /** `--no-headers` makes this false. */
  readonly headers: boolean;
}

const WORKLOAD_HEADERS = ['NAMESPACE', 'NAME', 'WANTED', 'PLACED', 'FITS', 'LIMITED BY', 'STOP REASON'];
const CLUSTER_HEADERS = ['RESOURCE', 'ALLOCATABLE', 'REQUESTED BEFORE', 'REQUESTED AFTER'];
const NODE_HEADERS = [
  'NODE',
  'PLACED',
  'CPU BEFORE',
  'CPU AFTER',
  'MEMORY BEFORE',
  'MEMORY AFTER',
  'PODS BEFORE',
  'PODS AFTER',
];

/**
 * Writes the workloads table, a blank line and the cluster's utilisation; then (wide) a blank line and the
 * nodes table. Nothing when no workload was placed.
 */
export function printPlanTable(
  report: PlanReport,
  options: CapacityTableOptions,
  write: (text: string) => void,
): void {
  if (report.workloads.length === 0) return;
  writeTable(options.headers ? WORKLOAD_HEADERS : null, report.workloads.map(workloadRow), write);
  write('\n');
  writeTable(options.headers ? CLUSTER_HEADERS : null, clusterRows(report.cluster), write);
  if (!options.wide) return;
  write('\n');
  writeTable(options.headers ? NODE_HEADERS : null, report.nodes.map(nodeRow), write);
}

function workloadRow(workload: PlanWorkload): string[] {
  return [
    workload.namespace,
    workloadName(workload),
    String(workload.wanted),
    String(workload.placed),
    String(workload.fits),
    workload.limitedBy.join(','),
    stopReason(workload),
  ];
}

// Short of its replicas without a scheduler message: the replica cap stopped it, and more might fit.
function stopReason(workload: PlanWorkload): string {
  if (workload.stopMessage === null && !workload.fits) return `stopped at --max-replicas ${workload.placed}`;
  return workload.stopMessage ?? '';
}

function clusterRows(cluster: PlanReport['cluster']): string[][] {
  return cluster.before.map((before) => {
    const after = usageOf(cluster.after, before.resource);
    return [before.resource, before.allocatable, requested(before), requested(after)];
  });
}

function nodeRow(node: PlanNode): string[] {
  const cells = [node.name, String(node.placed)];
  for (const resource of ['cpu', 'memory', 'pods']) {
    cells.push(requested(usageOf(node.before, resource)), requested(usageOf(node.after, resource)));
  }
  return cells;
}

/** The row of one resource, if the list has it. */
export function usageOf(usages: readonly ResourceUsage[], resource: string): ResourceUsage | undefined {
  return usages.find((usage) => usage.resource === resource);
}

/** `1500m (37%)`, as `kubectl describe node` prints requests against allocatable; empty when absent. */
export function requested(usage: ResourceUsage | undefined): string {
  return usage === undefined ? '' : `${usage.requested} (${usage.percent}%)`;
}
