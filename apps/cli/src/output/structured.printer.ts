// `-o json` and `-o yaml`: the analysis contract itself (schema/analysis.schema.json), workloads in input
// order. `--brief` leaves out every node's verdict (`fit.nodes`), which dominates against large inventories.
// Both are written one workload at a time: 1,000 workloads with 5,000 verdicts each do not fit in one string.
import { dump, type DumpOptions } from 'js-yaml';
import {
  fitSummary,
  type AnalysisResult,
  type BriefWorkloadResult,
  type WorkloadResult,
} from '@podfit/scheduling';

export interface StructuredPrintOptions {
  readonly brief: boolean;
}

/** How podfit writes YAML: no anchors, no folded lines, sequences not indented (as kubectl). */
export const YAML_OPTIONS: DumpOptions = { noRefs: true, lineWidth: -1, seqNoIndent: true };

/** Writes the analysis as `JSON.stringify(analysis, null, 2)` would, `\n`-terminated. */
export function printJson(
  result: AnalysisResult,
  options: StructuredPrintOptions,
  write: (text: string) => void,
): void {
  const { workloads, ...head } = result;
  const opening = JSON.stringify({ ...head, workloads: [] }, null, 2);
  if (workloads.length === 0) {
    write(`${opening}\n`);
    return;
  }
  write(`${opening.slice(0, -'[]\n}'.length)}[\n`);
  workloads.forEach((workload, i) => {
    const text = JSON.stringify(view(workload, options), null, 2).replace(/^/gm, '    ');
    write(i < workloads.length - 1 ? `${text},\n` : `${text}\n`);
  });
  write('  ]\n}\n');
}

/** Writes the analysis as YAML, in the same shape as the JSON. */
export function printYaml(
  result: AnalysisResult,
  options: StructuredPrintOptions,
  write: (text: string) => void,
): void {
  const { workloads, ...head } = result;
  if (workloads.length === 0) {
    write(dump({ ...head, workloads: [] }, YAML_OPTIONS));
    return;
  }
  write(`${dump(head, YAML_OPTIONS)}workloads:\n`);
  for (const workload of workloads) write(dump([plain(view(workload, options))], YAML_OPTIONS));
}

function view(
  workload: WorkloadResult,
  options: StructuredPrintOptions,
): WorkloadResult | BriefWorkloadResult {
  if (!options.brief || workload.fit === undefined) return workload;
  return { ...workload, fit: fitSummary(workload.fit) };
}

// What JSON carries, so that both formats hold the same document (no `undefined` members).
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
