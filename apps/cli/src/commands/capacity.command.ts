// `podfit capacity max`: how many replicas of each workload fit on an inventory as it is, offline on files.
// Inputs are read as `podfit analyze` reads them; each workload is placed alone (cluster-capacity parity).
import { type Command } from 'commander';
import { readBoundPods, readNodes, readWorkloads, type FieldValidation } from '@podfit/manifests';
import {
  analyzeWorkloads,
  buildClusterState,
  maxReplicas,
  type AnalysisResult,
  type MaxReplicasReport,
  type MaxReplicasWorkload,
} from '@podfit/scheduling';
import { diagnosticLines } from '../output/diagnostics.printer';
import { printMaxReplicasTable } from '../output/max-replicas-table.printer';
import { printReportJson, printReportYaml } from '../output/report.printer';
import { collect, isBlank, parseValidate } from './analyze.command';
import { type CliIo } from './cli-io';
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type ExitCode } from './exit-code';
import { readSources, STDIN_PATH } from './read-sources';

export const MAX_OUTPUT_FORMATS = ['json', 'table', 'wide', 'yaml'] as const;
export type MaxOutputFormat = (typeof MAX_OUTPUT_FORMATS)[number];

export interface MaxReplicasOptions {
  readonly filenames: readonly string[];
  readonly nodes: string;
  readonly pods: string | undefined;
  readonly output: MaxOutputFormat;
  readonly headers: boolean;
  readonly recursive: boolean;
  readonly fieldValidation: FieldValidation;
  /** The most replicas counted per workload; the core's DEFAULT_REPLICA_CAP when absent. */
  readonly replicaCap: number | undefined;
}

interface MaxFlags {
  filename?: string[];
  nodes?: string;
  pods?: string;
  output: string;
  validate: string | boolean;
  recursive?: boolean;
  headers: boolean;
  maxReplicas?: string;
}

/** Adds `capacity` and its subcommands to the program; an action reports its exit code through `done`. */
export function addCapacityCommand(program: Command, io: CliIo, done: (code: ExitCode) => void): void {
  const capacity = program
    .command('capacity')
    .description('Capacity planning on an inventory: how many replicas fit')
    .helpOption('-h, --help', 'show help')
    .addHelpCommand(false);
  capacity
    .command('max')
    .description(
      'How many replicas of each workload fit on the nodes as they are, each workload on its own (as cluster-capacity counts)',
    )
    .option('-f, --filename <file>', 'manifest file or directory, or - for stdin (repeatable)', collect)
    .option('-R, --recursive', 'read directories given with -f recursively')
    .option('--nodes <file>', 'nodes to place on, as `kubectl get nodes -o json` prints them (required)')
    .option(
      '--pods <file>',
      'pods already bound to those nodes, as `kubectl get pods -A -o json` prints them',
    )
    .option('-o, --output <format>', `output format: ${MAX_OUTPUT_FORMATS.join('|')}`, 'table')
    .option('--max-replicas <n>', 'count at most this many replicas per workload (default 100000)')
    .option(
      '--validate [mode]',
      'unknown and duplicate fields: strict (or true), warn, ignore (or false)',
      'strict',
    )
    .option('--no-headers', 'print tables without headers')
    .action(async (flags: MaxFlags) => {
      done(await runMaxReplicas(parseMaxFlags(flags), io));
    });
}

/** Checks the flags as `analyze` does, turning them into options; throws a usage error. */
export function parseMaxFlags(flags: MaxFlags): MaxReplicasOptions {
  const filenames = flags.filename ?? [];
  if (filenames.length === 0) throw new CliError('must specify -f (a file, a directory, or - for stdin)');
  if (flags.nodes === undefined) throw new CliError('must specify --nodes (`kubectl get nodes -o json`)');
  if (!(MAX_OUTPUT_FORMATS as readonly string[]).includes(flags.output)) {
    throw new CliError(
      `unable to match a printer suitable for the output format ${JSON.stringify(flags.output)}, allowed formats are: ${MAX_OUTPUT_FORMATS.join(',')}`,
    );
  }
  const stdinUses = [...filenames, flags.nodes, flags.pods].filter((path) => path === STDIN_PATH).length;
  if (stdinUses > 1) throw new CliError('stdin (-) can be read only once');
  return {
    filenames,
    nodes: flags.nodes,
    pods: flags.pods,
    output: flags.output as MaxOutputFormat,
    headers: flags.headers,
    recursive: flags.recursive ?? false,
    fieldValidation: parseValidate(flags.validate),
    replicaCap: flags.maxReplicas === undefined ? undefined : parseReplicaCap(flags.maxReplicas),
  };
}

function parseReplicaCap(value: string): number {
  const cap = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(cap) || cap < 1) {
    throw new CliError(`--max-replicas ${JSON.stringify(value)}: must be a whole number of at least 1`);
  }
  return cap;
}

/** Counts the replicas that fit: stderr gets the findings, stdout the report; returns the exit code. */
export async function runMaxReplicas(options: MaxReplicasOptions, io: CliIo): Promise<ExitCode> {
  const read = (paths: readonly string[]) =>
    readSources(paths, { recursive: options.recursive, readStdin: io.readStdin });
  const workloadSources = await read(options.filenames);
  const nodeSources = await read([options.nodes]);
  const podSources = options.pods === undefined ? null : await read([options.pods]);
  if (workloadSources.every(isBlank)) throw new CliError('no objects passed to capacity max', EXIT_USAGE);

  const { workloads, problems, skipped } = readWorkloads(workloadSources, {
    fieldValidation: options.fieldValidation,
  });
  if (workloads.length === 0 && problems.length === 0 && skipped.length === 0) {
    throw new CliError('no objects passed to capacity max', EXIT_USAGE);
  }
  const nodes = readNodes(nodeSources);
  const nodeNames = new Set(nodes.map((node) => node.metadata.name));
  const pods = podSources === null ? [] : readBoundPods(podSources, nodeNames);
  const report = maxReplicas(workloads, buildClusterState(nodes, pods), { replicaCap: options.replicaCap });

  // The findings analyze prints (unreadable documents, invalid workloads, manifest and anatomy warnings),
  // with the placement's warnings in place of the fit's.
  const analysis = analyzeWorkloads(workloads, null);
  const lines = diagnosticLines(
    withPlacementWarnings(analysis, report),
    problems,
    workloadSources.map((source) => source.name),
  );
  if (lines.length > 0) io.stderr(`${lines.join('\n')}\n`);
  print(report, options, io.stdout);
  if (report.workloads.length === 0 && problems.length === 0 && analysis.workloads.length === 0)
    io.stderr('No workloads found.\n');
  return problems.length > 0 ||
    analysis.workloads.some((w) => (w.errors?.length ?? 0) > 0) ||
    report.workloads.some((w) => !placesAsNeeded(w))
    ? EXIT_FINDINGS
    : EXIT_OK;
}

// Report workloads are the valid analysed ones, in the same order.
function withPlacementWarnings(analysis: AnalysisResult, report: MaxReplicasReport): AnalysisResult {
  let next = 0;
  return {
    ...analysis,
    workloads: analysis.workloads.map((workload) => {
      if (workload.pod === null) return workload;
      const placed = report.workloads[next++]!;
      return { ...workload, warnings: [...workload.warnings, ...placed.warnings] };
    }),
  };
}

/**
 * Whether a workload places what it must, as `analyze` judges fit: at least one replica; a DaemonSet, its pod
 * on every node it should run on (so one that selects no node is fine).
 */
export function placesAsNeeded(workload: MaxReplicasWorkload): boolean {
  if (workload.kind === 'DaemonSet') return workload.stopMessage === null;
  return workload.maxReplicas > 0;
}

function print(report: MaxReplicasReport, options: MaxReplicasOptions, write: (text: string) => void): void {
  switch (options.output) {
    case 'json':
      return printReportJson(report, write);
    case 'yaml':
      return printReportYaml(report, write);
    case 'table':
    case 'wide':
      return printMaxReplicasTable(
        report,
        { wide: options.output === 'wide', headers: options.headers },
        write,
      );
  }
}
