// The capacity reports' per-node rows as CSV, for spreadsheets.
//
// RFC 4180: a header row, then one row per node (per workload and node for Max replicas); every line ends
// with CRLF, the last one too; fields are quoted only when they hold a comma, a double quote, CR or LF, and
// guarded against formula injection (csv-cell.ts). Quantities are the report's canonical strings, percents
// whole numbers as the report truncates them, booleans `true`/`false`, absent values empty.
//
// - MaxReplicas: `namespace,kind,name,node,replicas`, one row per workload and node that got replicas, in
//   the report's order (a workload of which no replica fits has no row).
// - CapacityPlan: `node,template,placed`, then for each resource `<r> allocatable`, `<r> requested before`,
//   `<r> requested after`, `<r> percent after`; the resources are those of the cluster totals and of every
//   node, in the report's row order (cpu, memory, …, pods); a node without a resource has empty cells.
//   `template` is empty for an inventory node and names the node template for a node a scale-out added.
// - ScaleOut: the rows of its plan (the inventory with the recommended nodes added), exactly as CapacityPlan
//   and nothing before them: the options table is in the JSON, table and HTML outputs.
// - Headroom: `node,group,unschedulable,referencePods`, then for each resource `<r> allocatable`,
//   `<r> requested`, `<r> free`, `<r> percent`; `group` and `referencePods` are empty when absent.
import {
  type CapacityReport,
  type HeadroomReport,
  type MaxReplicasReport,
  type PlanReport,
} from '@podfit/scheduling';
import { type CsvValue, csvTable } from './csv-cell';
import { resourceOrder, usageOf } from './resource-order';

/** The report's per-node rows as RFC 4180 CSV with a header row, CRLF line ends. */
export function renderCsv(report: CapacityReport): string {
  switch (report.kind) {
    case 'MaxReplicas':
      return maxReplicasCsv(report);
    case 'CapacityPlan':
      return planCsv(report);
    case 'ScaleOut':
      return planCsv(report.plan);
    case 'Headroom':
      return headroomCsv(report);
  }
}

function maxReplicasCsv(report: MaxReplicasReport): string {
  const header = ['namespace', 'kind', 'name', 'node', 'replicas'];
  const rows: CsvValue[][] = [];
  for (const workload of report.workloads) {
    for (const [node, replicas] of Object.entries(workload.perNode)) {
      rows.push([workload.namespace, workload.kind, workload.name, node, replicas]);
    }
  }
  return csvTable(header, rows);
}

function planCsv(plan: PlanReport): string {
  const resources = resourceOrder([
    plan.cluster.before,
    plan.cluster.after,
    ...plan.nodes.flatMap((node) => [node.before, node.after]),
  ]);
  const header = ['node', 'template', 'placed'];
  for (const r of resources) {
    header.push(`${r} allocatable`, `${r} requested before`, `${r} requested after`, `${r} percent after`);
  }
  const rows = plan.nodes.map((node) => {
    const row: CsvValue[] = [node.name, node.template, node.placed];
    for (const r of resources) {
      const before = usageOf(node.before, r);
      const after = usageOf(node.after, r);
      row.push(
        (after ?? before)?.allocatable ?? null,
        before?.requested ?? null,
        after?.requested ?? null,
        after?.percent ?? null,
      );
    }
    return row;
  });
  return csvTable(header, rows);
}

function headroomCsv(report: HeadroomReport): string {
  const resources = resourceOrder([report.total.resources, ...report.nodes.map((node) => node.resources)]);
  const header = ['node', 'group', 'unschedulable', 'referencePods'];
  for (const r of resources) {
    header.push(`${r} allocatable`, `${r} requested`, `${r} free`, `${r} percent`);
  }
  const rows = report.nodes.map((node) => {
    const row: CsvValue[] = [node.name, node.group, node.unschedulable, node.referencePods];
    for (const r of resources) {
      const usage = usageOf(node.resources, r);
      row.push(
        usage?.allocatable ?? null,
        usage?.requested ?? null,
        usage?.free ?? null,
        usage?.percent ?? null,
      );
    }
    return row;
  });
  return csvTable(header, rows);
}
