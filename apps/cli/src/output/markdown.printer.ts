// `-o markdown`: a summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`: a heading, the totals, a
// GitHub-flavoured table with one row per workload, then the warnings and errors in a collapsed <details>.
// GitHub takes at most 1 MiB of step summary ("supports content up to a size of 1024k"): past that, rows
// are left out (those that fit first, the ones that fail last) and counted.
import { type ManifestProblem } from '@podfit/manifests';
import { fitsAsNeeded, type Problem, type Warning, type WorkloadResult } from '@podfit/scheduling';
import { workloadTitle } from './junit.printer';

export const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;

/** A workload as `podfit analyze` prints it, or as the server returns it, with what changed since last time. */
export type MarkdownWorkload = WorkloadResult & { change?: { summary: string } | null };

export interface MarkdownAnalysis {
  readonly workloads: readonly MarkdownWorkload[];
}

export interface MarkdownPrintOptions {
  /** Documents that could not be read as workloads (readWorkloads' `problems`). */
  readonly problems: readonly ManifestProblem[];
  /** The most bytes to write; STEP_SUMMARY_LIMIT_BYTES unless given. */
  readonly maxBytes?: number;
}

const HEADING = '## podfit analyze';
const NONE = '-';
const MIB = 1024 * 1024;

interface Column {
  readonly header: string;
  readonly alignRight: boolean;
}

const WORKLOAD_COLUMNS: readonly Column[] = [
  { header: 'Workload', alignRight: false },
  { header: 'Replicas', alignRight: true },
  { header: 'CPU request', alignRight: true },
  { header: 'Memory request', alignRight: true },
  { header: 'CPU limit', alignRight: true },
  { header: 'Memory limit', alignRight: true },
  { header: 'QoS', alignRight: false },
];
const FEASIBLE_COLUMN: Column = { header: 'Feasible nodes', alignRight: true };
const STATUS_COLUMN: Column = { header: 'Status', alignRight: false };
const CHANGE_COLUMN: Column = { header: 'Change', alignRight: false };

/**
 * Writes the summary, `\n`-terminated, in at most `maxBytes` bytes of UTF-8. Without nodes there is no
 * "Feasible nodes" column and a valid workload's status is `✅ valid`; the "Change" column appears when some
 * workload carries a change.
 */
export function printMarkdown(
  result: MarkdownAnalysis,
  options: MarkdownPrintOptions,
  write: (text: string) => void,
): void {
  const { workloads } = result;
  const { problems } = options;
  const maxBytes = options.maxBytes ?? STEP_SUMMARY_LIMIT_BYTES;
  const withNodes = workloads.some((workload) => workload.fit !== undefined);
  const withChange = workloads.some((workload) => workload.change != null);

  const head = `${HEADING}\n\n${totals(workloads, problems, withNodes)}\n`;
  const columns = [
    ...WORKLOAD_COLUMNS,
    ...(withNodes ? [FEASIBLE_COLUMN] : []),
    STATUS_COLUMN,
    ...(withChange ? [CHANGE_COLUMN] : []),
  ];
  const tableHead =
    workloads.length === 0
      ? ''
      : `\n${tableLine(columns.map((column) => column.header))}${tableLine(
          columns.map((column) => (column.alignRight ? '---:' : '---')),
        )}`;
  const rows = workloads.map((workload) => ({
    text: tableLine(workloadCells(workload, withNodes, withChange)),
    isFailing: (workload.errors?.length ?? 0) > 0 || !fitsAsNeeded(workload),
  }));
  const blocks = [
    ...workloads.flatMap((workload) => workloadFindings(workload)),
    ...problemFindings(problems),
  ];
  const summary = findingsSummary(workloads, problems);
  const limit = maxBytes % MIB === 0 ? `${maxBytes / MIB} MiB` : `${maxBytes} bytes`;
  const rowsNote = (leftOut: number) =>
    leftOut === 0
      ? ''
      : `\n_${count(leftOut, 'more workload')} left out to keep this summary under ${limit}._\n`;
  const details = (shown: readonly string[], leftOut: number) => {
    if (blocks.length === 0) return '';
    const note =
      leftOut === 0
        ? []
        : [
            `_Findings of ${leftOut} more ${leftOut === 1 ? 'workload or document' : 'workloads or documents'} left out to keep this summary under ${limit}._\n`,
          ];
    return `\n<details>\n<summary>${summary}</summary>\n\n${[...shown, ...note].join('\n')}\n</details>\n`;
  };

  const whole = head + tableHead + rows.map((row) => row.text).join('') + details(blocks, 0);
  if (bytes(whole) <= maxBytes) {
    write(whole);
    return;
  }

  // Room for the notes at their longest, then rows, failing ones first, then findings, in input order.
  let budget =
    maxBytes -
    bytes(head) -
    bytes(tableHead) -
    bytes(rowsNote(rows.length)) -
    bytes(details([], blocks.length));
  const kept = new Set<number>();
  const byPriority = [...rows.keys()].sort(
    (a, b) => Number(rows[b]!.isFailing) - Number(rows[a]!.isFailing) || a - b,
  );
  for (const index of byPriority) {
    const size = bytes(rows[index]!.text);
    if (size > budget) break;
    budget -= size;
    kept.add(index);
  }
  const shownBlocks: string[] = [];
  for (const block of blocks) {
    const size = bytes(block) + '\n'.length;
    if (size > budget) break;
    budget -= size;
    shownBlocks.push(block);
  }
  write(
    head +
      tableHead +
      rows
        .filter((_, index) => kept.has(index))
        .map((row) => row.text)
        .join('') +
      rowsNote(rows.length - kept.size) +
      details(shownBlocks, blocks.length - shownBlocks.length),
  );
}

function totals(
  workloads: readonly MarkdownWorkload[],
  problems: readonly ManifestProblem[],
  withNodes: boolean,
): string {
  const valid = workloads.filter((workload) => (workload.errors?.length ?? 0) === 0);
  const parts = [count(workloads.length, 'workload'), `${workloads.length - valid.length} invalid`];
  if (withNodes) parts.push(`${valid.filter((workload) => !fitsAsNeeded(workload)).length} not fitting`);
  const unreadable = problemFindings(problems).length;
  if (unreadable > 0) parts.push(count(unreadable, 'unreadable document'));
  return parts.join(', ');
}

function workloadCells(workload: MarkdownWorkload, withNodes: boolean, withChange: boolean): string[] {
  const pod = workload.pod;
  const cells = [
    workloadTitle(workload),
    replicas(workload),
    pod?.requests.cpu ?? NONE,
    pod?.requests.memory ?? NONE,
    pod?.limits.cpu ?? NONE,
    pod?.limits.memory ?? NONE,
    pod?.qosClass ?? NONE,
  ].map(inline);
  const fit = workload.fit;
  if (withNodes) cells.push(fit === undefined ? NONE : `${fit.feasibleNodes}/${fit.totalNodes}`);
  cells.push(status(workload, withNodes));
  if (withChange) cells.push(inline(workload.change?.summary ?? NONE));
  return cells;
}

// A PodTemplate has no replicas; a DaemonSet runs one per node, and how many is known only with nodes.
function replicas(workload: WorkloadResult): string {
  if (workload.replicas !== null) return String(workload.replicas);
  return workload.kind === 'DaemonSet' ? 'per node' : NONE;
}

function status(workload: WorkloadResult, withNodes: boolean): string {
  const errors = workload.errors ?? [];
  if (errors.length > 0)
    return `⚠️ invalid: ${errors.map((error) => inline(problemText(error))).join('<br>')}`;
  if (!withNodes) return '✅ valid';
  if (fitsAsNeeded(workload)) return '✅ fits';
  const fit = workload.fit!;
  return `❌ ${inline(fit.message ?? `${fit.feasibleNodes}/${fit.totalNodes} nodes can take its pod`)}`;
}

function workloadFindings(workload: WorkloadResult): string[] {
  const lines = [
    ...workload.warnings.map(warningItem),
    ...(workload.errors ?? []).map((error) => `- ❌ ${problemItem(error)}`),
  ];
  if (lines.length === 0) return [];
  const title = `**${inline(workloadTitle(workload))}** (${inline(workload.source)}, document ${workload.document})`;
  return [`${title}\n\n${lines.join('\n')}\n`];
}

// One block per document, in input order.
function problemFindings(problems: readonly ManifestProblem[]): string[] {
  const byDocument = new Map<string, ManifestProblem[]>();
  for (const problem of problems) {
    const key = JSON.stringify([problem.file, problem.document]);
    byDocument.set(key, [...(byDocument.get(key) ?? []), problem]);
  }
  return [...byDocument.values()].map((group) => {
    const { file, document } = group[0]!;
    const lines = group.map((problem) => `- ❌ ${problemItem(problem)}`);
    return `**${inline(file)}, document ${document}**\n\n${lines.join('\n')}\n`;
  });
}

function warningItem(warning: Warning): string {
  const at = warning.path === '' ? '' : ` at ${code(warning.path)}`;
  return `- ⚠️ ${code(warning.code)}${at}: ${inline(warning.message)}`;
}

function problemItem(problem: Problem | ManifestProblem): string {
  if (problem.path !== '') return `${code(problem.path)}: ${inline(problem.message)}`;
  const line = 'line' in problem ? problem.line : undefined;
  return line === undefined ? inline(problem.message) : `line ${line}: ${inline(problem.message)}`;
}

function problemText(problem: Problem): string {
  return problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
}

function findingsSummary(workloads: readonly WorkloadResult[], problems: readonly ManifestProblem[]): string {
  const warnings = workloads.reduce((sum, workload) => sum + workload.warnings.length, 0);
  const errors = workloads.reduce((sum, workload) => sum + (workload.errors?.length ?? 0), problems.length);
  return [
    ...(warnings > 0 ? [count(warnings, 'warning')] : []),
    ...(errors > 0 ? [count(errors, 'error')] : []),
  ].join(', ');
}

function tableLine(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |\n`;
}

// Backslash-escapes what GitHub would read as markup (emphasis, code, links, HTML, entities, strikethrough)
// or as a cell boundary, and writes line breaks as <br>, so that a cell or list item stays one line.
const MARKUP = /[\\`*_[<|~&]/g;
const LINE_BREAK = /\r\n|\r|\n/g;

function inline(text: string): string {
  return text.replace(MARKUP, '\\$&').replace(LINE_BREAK, '<br>');
}

// A code span whose fence is longer than any run of backticks inside it (CommonMark 6.1).
function code(text: string): string {
  const flat = text.replace(LINE_BREAK, ' ');
  const longestRun = (flat.match(/`+/g) ?? []).reduce((longest, run) => Math.max(longest, run.length), 0);
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
