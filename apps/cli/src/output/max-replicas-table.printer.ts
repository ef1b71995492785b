// `podfit capacity max -o table|wide`: one row per valid workload, as `kubectl get` prints; invalid workloads
// are reported on stderr instead. `wide` adds a second table: the replicas placed on each node.
import { type MaxReplicasReport, type MaxReplicasWorkload } from '@podfit/scheduling';
import { type CapacityTableOptions } from './plan-table.printer';
import { workloadName } from './table.printer';
import { writeTable } from './tab-writer';

const HEADERS = ['NAMESPACE', 'NAME', 'MAX REPLICAS', 'LIMITED BY', 'STOP REASON'];
const PER_NODE_HEADERS = ['NAMESPACE', 'NAME', 'NODE', 'REPLICAS'];

/** Writes the workloads table, then (wide) a blank line and the per-node table. Nothing when no workload. */
export function printMaxReplicasTable(
  report: MaxReplicasReport,
  options: CapacityTableOptions,
  write: (text: string) => void,
): void {
  if (report.workloads.length === 0) return;
  writeTable(options.headers ? HEADERS : null, report.workloads.map(workloadRow), write);
  if (!options.wide) return;
  const perNodeRows = report.workloads.flatMap((workload) =>
    Object.entries(workload.perNode).map(([node, replicas]) => [
      workload.namespace,
      workloadName(workload),
      node,
      String(replicas),
    ]),
  );
  if (perNodeRows.length === 0) return;
  write('\n');
  writeTable(options.headers ? PER_NODE_HEADERS : null, perNodeRows, write);
}

function workloadRow(workload: MaxReplicasWorkload): string[] {
  return [
    workload.namespace,
    workloadName(workload),
    String(workload.maxReplicas),
    workload.limitedBy.join(','),
    stopReason(workload),
  ];
}

// The replica cap stops the count without a scheduler message: say so, since more might fit.
function stopReason(workload: MaxReplicasWorkload): string {
  if (workload.hitReplicaCap) return `stopped at --max-replicas ${workload.maxReplicas}`;
  return workload.stopMessage ?? '';
}
