// `-o table` and `-o wide`: one row per valid workload, as `kubectl get` prints; invalid workloads are
// reported on stderr instead. `wide` adds the best node and, unless brief, every node's verdict.
import { type AnalysisResult, type NodeVerdict, type WorkloadResult } from '@podfit/scheduling';
import { NONE, UNKNOWN, writeTable } from './tab-writer';

export interface TablePrintOptions {
  readonly wide: boolean;
  /** `--no-headers` makes this false. */
  readonly headers: boolean;
  /** Leave out the per-node verdicts of `wide`. */
  readonly brief: boolean;
}

const WORKLOAD_HEADERS = [
  'NAMESPACE',
  'NAME',
  'REPLICAS',
  'CPU REQ',
  'MEM REQ',
  'CPU LIM',
  'MEM LIM',
  'QOS',
  'OTHER',
];
const VERDICT_HEADERS = ['NAMESPACE', 'NAME', 'NODE', 'FITS', 'PLUGIN', 'REASONS', 'SCORE'];
const CPU = 'cpu';
const MEMORY = 'memory';

type ValidWorkload = WorkloadResult & { pod: NonNullable<WorkloadResult['pod']> };

/**
 * Writes the workloads table, then (wide, with nodes, not brief) a blank line and the node verdicts table.
 * Writes nothing when no workload is valid.
 */
export function printTable(
  result: AnalysisResult,
  options: TablePrintOptions,
  write: (text: string) => void,
): void {
  const workloads = result.workloads.filter((workload): workload is ValidWorkload => workload.pod !== null);
  if (workloads.length === 0) return;
  const withNodes = workloads.some((workload) => workload.fit !== undefined);

  const headers = [...WORKLOAD_HEADERS];
  if (withNodes) headers.push(...(options.wide ? ['NODES', 'BEST NODE', 'MESSAGE'] : ['NODES', 'MESSAGE']));
  const rows = workloads.map((workload) => workloadRow(workload, withNodes, options.wide));
  writeTable(options.headers ? headers : null, rows, write);

  if (options.wide && withNodes && !options.brief) {
    const verdictRows = workloads.flatMap((workload) =>
      sortVerdicts(workload.fit?.nodes ?? []).map((verdict) => verdictRow(workload, verdict)),
    );
    if (verdictRows.length === 0) return;
    write('\n');
    writeTable(options.headers ? VERDICT_HEADERS : null, verdictRows, write);
  }
}

function workloadRow(workload: ValidWorkload, withNodes: boolean, wide: boolean): string[] {
  const { requests, limits, qosClass } = workload.pod;
  const row = [
    workload.namespace,
    workloadName(workload),
    replicas(workload),
    requests[CPU] ?? '',
    requests[MEMORY] ?? '',
    limits[CPU] ?? '',
    limits[MEMORY] ?? '',
    qosClass,
    Object.entries(requests)
      .filter(([name]) => name !== CPU && name !== MEMORY)
      .map(([name, quantity]) => `${name}=${quantity}`)
      .join(','),
  ];
  if (withNodes) {
    const fit = workload.fit;
    row.push(fit ? `${fit.feasibleNodes}/${fit.totalNodes}` : UNKNOWN);
    if (wide) row.push(fit?.bestNodes[0] ?? '');
    row.push(fit?.message ?? '');
  }
  return row;
}

/** `deployment/web`: the kind in lower case, as `kubectl get -o name` writes it without the group. */
export function workloadName(workload: Pick<WorkloadResult, 'kind' | 'name'>): string {
  return `${workload.kind.toLowerCase()}/${workload.name}`;
}

// A PodTemplate has no replicas; a DaemonSet's are unknown until nodes are given.
function replicas(workload: WorkloadResult): string {
  if (workload.replicas !== null) return String(workload.replicas);
  return workload.kind === 'DaemonSet' ? UNKNOWN : NONE;
}

// Feasible nodes first, best score first (ties by name, as the analysis ranks them), then the others in
// inventory order.
function sortVerdicts(verdicts: readonly NodeVerdict[]): NodeVerdict[] {
  const feasible = verdicts
    .filter((verdict) => verdict.fits)
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [...feasible, ...verdicts.filter((verdict) => !verdict.fits)];
}

function verdictRow(workload: WorkloadResult, verdict: NodeVerdict): string[] {
  return [
    workload.namespace,
    workloadName(workload),
    verdict.name,
    String(verdict.fits),
    verdict.plugin ?? '',
    verdict.reasons.join(', '),
    verdict.score === null ? '' : String(verdict.score),
  ];
}
