// `podfit capacity max|plan|scale-out|headroom`: capacity reports on an inventory, offline on files. Every
// subcommand reads -f, --nodes and --pods as `podfit analyze` does and prints the same findings on stderr;
// the report goes to stdout as a table, JSON, YAML, CSV or one HTML page.
import { type Command } from 'commander';
import {
  formatProblem,
  readBoundPods,
  readNodes,
  readNodeTemplates,
  readWorkloads,
  referencePodOfRequests,
  type FieldValidation,
  type ManifestProblem,
  type SourceText,
} from '@podfit/manifests';
import { renderCsv, renderHtml, type HtmlContext } from '@podfit/reports';
import {
  analyzeWorkloads,
  buildClusterState,
  capacityPlan,
  headroom,
  isQualifiedName,
  LABEL_KEY_RULE,
  placesAsNeeded,
  maxReplicas,
  scaleOut,
  type AnalysisResult,
  type CapacityReport,
  type ClusterState,
  type Pod,
  type Warning,
  type WorkloadInput,
} from '@podfit/scheduling';
import { capacityProgress } from '../output/capacity-progress';
import { diagnosticLines, warningLine } from '../output/diagnostics.printer';
import { printHeadroomTable } from '../output/headroom-table.printer';
import { printMaxReplicasTable } from '../output/max-replicas-table.printer';
import { printPlanTable, type CapacityTableOptions } from '../output/plan-table.printer';
import { printReportJson, printReportYaml } from '../output/report.printer';
import { printScaleOutTable } from '../output/scale-out-table.printer';
import { collect, exitCode, isBlank, parseValidate } from './analyze.command';
import { type CliIo } from './cli-io';
import { CliError, EXIT_FINDINGS, EXIT_OK, type ExitCode } from './exit-code';
import { readSources, STDIN_PATH } from './read-sources';

export const CAPACITY_OUTPUT_FORMATS = ['csv', 'html', 'json', 'table', 'wide', 'yaml'] as const;
export type CapacityOutputFormat = (typeof CAPACITY_OUTPUT_FORMATS)[number];

/** What every capacity subcommand reads, and how it prints. */
export interface CapacityInputOptions {
  /** -f: the workloads (for headroom, the reference workload; may be empty there). */
  readonly filenames: readonly string[];
  readonly nodes: string;
  readonly pods: string | undefined;
  readonly output: CapacityOutputFormat;
  readonly headers: boolean;
  readonly recursive: boolean;
  readonly fieldValidation: FieldValidation;
}

/** `capacity max` and `capacity plan`. */
export interface ReplicaCapOptions extends CapacityInputOptions {
  /** --max-replicas: the most replicas counted or placed per workload; DEFAULT_REPLICA_CAP when absent. */
  readonly replicaCap: number | undefined;
}

export interface ScaleOutOptions extends CapacityInputOptions {
  /** --templates: NodeTemplate (or Node) manifests. */
  readonly templates: readonly string[];
}

export interface HeadroomCliOptions extends CapacityInputOptions {
  readonly groupBy: string | null;
  /** The reference pod of --requests; null without --requests (-f may give one). */
  readonly requestsPod: Pod | null;
}

interface InputFlags {
  filename?: string[];
  nodes?: string;
  pods?: string;
  output: string;
  validate: string | boolean;
  recursive?: boolean;
  headers: boolean;
}

interface ReplicaCapFlags extends InputFlags {
  maxReplicas?: string;
}

interface ScaleOutFlags extends InputFlags {
  templates?: string[];
}

interface HeadroomFlags extends InputFlags {
  groupBy?: string;
  requests?: string[];
}

/** Adds `capacity` and its subcommands to the program; an action reports its exit code through `done`. */
export function addCapacityCommand(program: Command, io: CliIo, done: (code: ExitCode) => void): void {
  const capacity = program
    .command('capacity')
    .description('Capacity planning on an inventory: how many replicas fit, what runs out, what to add')
    .helpOption('-h, --help', 'show help')
    .addHelpCommand(false);
  withInputOptions(
    capacity
      .command('max')
      .description(
        'How many replicas of each workload fit on the nodes as they are, each workload on its own (as cluster-capacity counts)',
      ),
  )
    .option('--max-replicas <n>', 'count at most this many replicas per workload (default 100000)')
    .action(async (flags: ReplicaCapFlags) => {
      done(await runMaxReplicas(parseReplicaCapFlags(flags), io));
    });
  withInputOptions(
    capacity
      .command('plan')
      .description(
        'Place the workloads together, in order (DaemonSets first): which fit, and the nodes before and after',
      ),
  )
    .option('--max-replicas <n>', 'place at most this many replicas per workload (default 100000)')
    .action(async (flags: ReplicaCapFlags) => {
      done(await runPlan(parseReplicaCapFlags(flags), io));
    });
  withInputOptions(
    capacity
      .command('scale-out')
      .description('The fewest nodes of each template to add so that the plan fits, and what they cost'),
  )
    .option(
      '--templates <file>',
      'node templates (podfit.dev/v1 NodeTemplate, or Nodes to copy) to add nodes of (repeatable, required)',
      collect,
    )
    .action(async (flags: ScaleOutFlags) => {
      done(await runScaleOut(parseScaleOutFlags(flags), io));
    });
  withInputOptions(
    capacity
      .command('headroom')
      .description('What is left per node and node group, and how many pods of a reference size still fit'),
    'a manifest of exactly one workload, whose pod is the reference pod (or - for stdin)',
  )
    .option('--group-by <label>', 'group nodes by this label, e.g. node.kubernetes.io/instance-type')
    .option(
      '--requests <list>',
      "the reference pod's requests, as `kubectl set resources --requests` takes them: cpu=500m,memory=1Gi (repeatable)",
      collect,
    )
    .action(async (flags: HeadroomFlags) => {
      done(await runHeadroom(parseHeadroomFlags(flags), io));
    });
}

function withInputOptions(
  command: Command,
  filenameHelp = 'manifest file or directory, or - for stdin (repeatable)',
): Command {
  return command
    .option('-f, --filename <file>', filenameHelp, collect)
    .option('-R, --recursive', 'read directories given with -f recursively')
    .option('--nodes <file>', 'the nodes, as `kubectl get nodes -o json` prints them (required)')
    .option(
      '--pods <file>',
      'pods already bound to those nodes, as `kubectl get pods -A -o json` prints them',
    )
    .option('-o, --output <format>', `output format: ${CAPACITY_OUTPUT_FORMATS.join('|')}`, 'table')
    .option(
      '--validate [mode]',
      'unknown and duplicate fields: strict (or true), warn, ignore (or false)',
      'strict',
    )
    .option('--no-headers', 'print tables without headers');
}

/** Checks the flags every subcommand shares, as `analyze` does; throws a usage error. */
function parseInputFlags(
  flags: InputFlags,
  { isFilenameRequired = true, otherPaths = [] as readonly (string | undefined)[] } = {},
): CapacityInputOptions {
  const filenames = flags.filename ?? [];
  if (isFilenameRequired && filenames.length === 0) {
    throw new CliError('must specify -f (a file, a directory, or - for stdin)');
  }
  if (flags.nodes === undefined) throw new CliError('must specify --nodes (`kubectl get nodes -o json`)');
  if (!(CAPACITY_OUTPUT_FORMATS as readonly string[]).includes(flags.output)) {
    throw new CliError(
      `unable to match a printer suitable for the output format ${JSON.stringify(flags.output)}, allowed formats are: ${CAPACITY_OUTPUT_FORMATS.join(',')}`,
    );
  }
  const paths = [...filenames, flags.nodes, flags.pods, ...otherPaths];
  if (paths.filter((path) => path === STDIN_PATH).length > 1) {
    throw new CliError('stdin (-) can be read only once');
  }
  return {
    filenames,
    nodes: flags.nodes,
    pods: flags.pods,
    output: flags.output as CapacityOutputFormat,
    headers: flags.headers,
    recursive: flags.recursive ?? false,
    fieldValidation: parseValidate(flags.validate),
  };
}

function parseReplicaCapFlags(flags: ReplicaCapFlags): ReplicaCapOptions {
  return { ...parseInputFlags(flags), replicaCap: parseReplicaCap(flags.maxReplicas) };
}

function parseScaleOutFlags(flags: ScaleOutFlags): ScaleOutOptions {
  const templates = flags.templates ?? [];
  const options = parseInputFlags(flags, { otherPaths: templates });
  if (templates.length === 0) {
    throw new CliError('must specify --templates (NodeTemplate or Node manifests of the nodes to add)');
  }
  return { ...options, templates };
}

function parseHeadroomFlags(flags: HeadroomFlags): HeadroomCliOptions {
  const options = parseInputFlags(flags, { isFilenameRequired: false });
  if (flags.requests !== undefined && options.filenames.length > 0) {
    throw new CliError('give the reference pod as --requests or as -f, not both');
  }
  if (flags.groupBy !== undefined && !isQualifiedName(flags.groupBy)) {
    throw new CliError(`--group-by ${JSON.stringify(flags.groupBy)}: ${LABEL_KEY_RULE}`);
  }
  return {
    ...options,
    groupBy: flags.groupBy ?? null,
    requestsPod: flags.requests === undefined ? null : referencePodOf(parseRequests(flags.requests)),
  };
}

function parseReplicaCap(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const cap = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(cap) || cap < 1) {
    throw new CliError(`--max-replicas ${JSON.stringify(value)}: must be a whole number of at least 1`);
  }
  return cap;
}

// kubectl generate/versioned/run.go populateResourceListV1: comma-separated name=quantity, a later name
// replacing an earlier one; a repeated --requests adds to the list. Names and quantities are checked by the
// manifest reader (referencePodOf).
function parseRequests(lists: readonly string[]): Record<string, string> {
  const requests: Record<string, string> = {};
  for (const statement of lists.flatMap((list) => list.split(','))) {
    const parts = statement.split('=');
    if (parts.length !== 2 || parts[0] === '') {
      throw new CliError(`--requests: ${JSON.stringify(statement)} is not name=quantity`);
    }
    requests[parts[0]!] = parts[1]!;
  }
  return requests;
}

/** Counts the replicas that fit, each workload alone: exit 0 when each places what it must, else 1. */
export async function runMaxReplicas(options: ReplicaCapOptions, io: CliIo): Promise<ExitCode> {
  const input = await readCapacityInput(options, io, 'capacity max');
  // How many will fit is the question: a counter, not a bar.
  const report = withProgress(io, null, 'capacity max', (onPlacement) =>
    maxReplicas(input.workloads, input.cluster, { replicaCap: options.replicaCap, onPlacement }),
  );
  const isShort = report.workloads.some((workload) => !placesAsNeeded(workload));
  return printReportAndFindings(report, report.workloads, isShort, input, options, io);
}

/** Places the workloads together: exit 0 when every wanted replica fits, 1 when not. */
export async function runPlan(options: ReplicaCapOptions, io: CliIo): Promise<ExitCode> {
  const input = await readCapacityInput(options, io, 'capacity plan');
  const total = replicasToPlace(input, options.replicaCap);
  const report = withProgress(io, total, 'capacity plan', (onPlacement) =>
    capacityPlan(input.workloads, input.cluster, { replicaCap: options.replicaCap, onPlacement }),
  );
  return printReportAndFindings(report, report.workloads, !report.fits, input, options, io);
}

/** The nodes to add per template: exit 0 when the plan fits as is or some template makes it fit, else 1. */
export async function runScaleOut(options: ScaleOutOptions, io: CliIo): Promise<ExitCode> {
  const input = await readCapacityInput(options, io, 'capacity scale-out');
  const templates = readNodeTemplates(await readAllSources(options.templates, options, io), {
    fieldValidation: options.fieldValidation,
    onWarning: (problem) => io.stderr(`Warning: ${formatProblem(problem)}\n`),
  });
  const total = replicasToPlace(input, undefined);
  const report = withProgress(io, total, 'capacity scale-out', (onPlacement) =>
    scaleOut(input.workloads, input.cluster, templates, { onPlacement }),
  );
  const hasOption = report.fitsAsIs || report.recommended !== null;
  return printReportAndFindings(report, report.plan.workloads, !hasOption, input, options, io);
}

/** What is left per node and group, in resources and in reference pods: exit 0. */
export async function runHeadroom(options: HeadroomCliOptions, io: CliIo): Promise<ExitCode> {
  const reference =
    options.filenames.length === 0 ? null : await readAllSources(options.filenames, options, io);
  const cluster = await readCluster(options, io);
  let referencePod = options.requestsPod;
  if (reference !== null) {
    const found = referenceWorkload(reference, options, io);
    if (found === null) return EXIT_FINDINGS;
    referencePod = found.pod;
  }
  printReport(headroom(cluster, { groupBy: options.groupBy, referencePod }), options, io);
  return EXIT_OK;
}

interface CapacityInput {
  readonly sources: readonly SourceText[];
  readonly workloads: readonly WorkloadInput[];
  readonly problems: readonly ManifestProblem[];
  readonly cluster: ClusterState;
}

/** Reads -f, then --nodes and --pods, as `analyze` reads them. */
async function readCapacityInput(
  options: CapacityInputOptions,
  io: CliIo,
  command: string,
): Promise<CapacityInput> {
  const sources = await readAllSources(options.filenames, options, io);
  const cluster = await readCluster(options, io);
  if (sources.every(isBlank)) throw new CliError(`no objects passed to ${command}`);
  const { workloads, problems, skipped } = readWorkloads(sources, {
    fieldValidation: options.fieldValidation,
  });
  if (workloads.length === 0 && problems.length === 0 && skipped.length === 0) {
    throw new CliError(`no objects passed to ${command}`);
  }
  return { sources, workloads, problems, cluster };
}

/**
 * The nodes of --nodes with the pods of --pods bound to them. Empty --nodes (`kubectl get nodes -o json`
 * that printed nothing into a pipe) is a usage error: a report on no nodes would answer nothing.
 */
async function readCluster(options: CapacityInputOptions, io: CliIo): Promise<ClusterState> {
  const nodeSources = await readAllSources([options.nodes], options, io);
  const podSources = options.pods === undefined ? null : await readAllSources([options.pods], options, io);
  if (nodeSources.every(isBlank)) throw new CliError('no objects passed to --nodes');
  const nodes = readNodes(nodeSources);
  const nodeNames = new Set(nodes.map((node) => node.metadata.name));
  return buildClusterState(nodes, podSources === null ? [] : readBoundPods(podSources, nodeNames));
}

function readAllSources(
  paths: readonly string[],
  options: CapacityInputOptions,
  io: CliIo,
): Promise<SourceText[]> {
  return readSources(paths, { recursive: options.recursive, readStdin: io.readStdin });
}

/**
 * Runs a report under a progress bar on stderr (when it is a terminal and the report takes over a second),
 * cleared before anything else is printed.
 */
function withProgress<R>(
  io: CliIo,
  total: number | null,
  label: string,
  run: (onPlacement: (() => void) | undefined) => R,
): R {
  const progress = capacityProgress({ stream: io.progressStream ?? null, total, label });
  try {
    return run(progress?.onPlacement);
  } finally {
    progress?.stop();
  }
}

// The replicas a plan will place, for the progress bar: a DaemonSet's pods counted as one per node (an
// upper bound), a PodTemplate's as none.
function replicasToPlace(input: CapacityInput, replicaCap: number | undefined): number {
  let total = 0;
  for (const workload of input.workloads) {
    if (workload.pod === null) continue;
    if (workload.kind === 'DaemonSet') total += input.cluster.nodes.length;
    else if (workload.replicas !== null) total += Math.min(workload.replicas, replicaCap ?? Infinity);
  }
  return total;
}

interface PlacedWorkload {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly source: string;
  readonly document: number;
  readonly warnings: readonly Warning[];
}

/**
 * Prints the findings `analyze` prints (unreadable documents, invalid workloads, manifest and anatomy
 * warnings) on stderr, with the placement's warnings in place of the fit's, then the report on stdout.
 * Exit 1 when `analyze` would exit 1 without nodes, or the report `isShort`; else 0.
 */
function printReportAndFindings(
  report: CapacityReport,
  placed: readonly PlacedWorkload[],
  isShort: boolean,
  input: CapacityInput,
  options: CapacityInputOptions,
  io: CliIo,
): ExitCode {
  const analysis = analyzeWorkloads(input.workloads, null);
  const lines = diagnosticLines(
    withPlacementWarnings(analysis, placed),
    input.problems,
    input.sources.map((source) => source.name),
  );
  if (lines.length > 0) io.stderr(`${lines.join('\n')}\n`);
  if (placed.length === 0 && input.problems.length === 0 && analysis.workloads.length === 0) {
    io.stderr('No workloads found.\n');
  }
  printReport(report, options, io);
  return isShort ? EXIT_FINDINGS : exitCode(analysis, input.problems);
}

// A report holds some of the analysed workloads (the valid ones; a plan leaves out PodTemplates too), in
// the same order: each is matched to the first unmatched analysed workload of the same document and name.
function withPlacementWarnings(analysis: AnalysisResult, placed: readonly PlacedWorkload[]): AnalysisResult {
  const key = (w: Omit<PlacedWorkload, 'warnings'>) =>
    JSON.stringify([w.source, w.document, w.kind, w.namespace, w.name]);
  const pending = new Map<string, PlacedWorkload[]>();
  for (const workload of placed) {
    const queue = pending.get(key(workload)) ?? [];
    queue.push(workload);
    pending.set(key(workload), queue);
  }
  return {
    ...analysis,
    workloads: analysis.workloads.map((workload) => {
      if (workload.pod === null) return workload;
      const match = pending.get(key(workload))?.shift();
      if (match === undefined) return workload;
      return { ...workload, warnings: [...workload.warnings, ...match.warnings] };
    }),
  };
}

/** The reference pod of `--requests`; bad requests are a usage error naming each at `requests.<resource>`. */
function referencePodOf(requests: Readonly<Record<string, string>>): Pod {
  const { pod, problems } = referencePodOfRequests(requests, '--requests');
  if (pod !== null) return pod;
  throw new CliError(`--requests: ${problems.map(({ path, message }) => `${path}: ${message}`).join('; ')}`);
}

/**
 * The one workload of headroom's -f, whose pod is the reference pod. Problems and an invalid workload are
 * printed as `analyze` prints them (null: exit 1); any other number of workloads than one is a usage error.
 */
function referenceWorkload(
  sources: readonly SourceText[],
  options: CapacityInputOptions,
  io: CliIo,
): WorkloadInput | null {
  if (sources.every(isBlank)) throw new CliError('no objects passed to capacity headroom');
  const { workloads, problems } = readWorkloads(sources, { fieldValidation: options.fieldValidation });
  const invalid = workloads.filter((workload) => workload.errors.length > 0 || workload.pod === null);
  if (problems.length > 0 || invalid.length > 0) {
    const analysis = analyzeWorkloads(invalid, null);
    const errors = { ...analysis, workloads: analysis.workloads.map((w) => ({ ...w, warnings: [] })) };
    const names = sources.map((source) => source.name);
    io.stderr(`${diagnosticLines(errors, problems, names).join('\n')}\n`);
    return null;
  }
  if (workloads.length !== 1) {
    throw new CliError(`-f must hold exactly one workload (the reference pod), not ${workloads.length}`);
  }
  for (const warning of workloads[0]!.warnings) {
    io.stderr(`${warningLine(workloads[0]!.source, workloads[0]!.document, warning)}\n`);
  }
  return workloads[0]!;
}

function printReport(report: CapacityReport, options: CapacityInputOptions, io: CliIo): void {
  const write = io.stdout;
  const table: CapacityTableOptions = { wide: options.output === 'wide', headers: options.headers };
  switch (options.output) {
    case 'json':
      return printReportJson(report, write);
    case 'yaml':
      return printReportYaml(report, write);
    case 'csv':
      return write(renderCsv(report));
    case 'html':
      return write(renderHtml(report, htmlContext(options)));
    case 'table':
    case 'wide':
      return printTable(report, table, write);
  }
}

function printTable(
  report: CapacityReport,
  options: CapacityTableOptions,
  write: (text: string) => void,
): void {
  switch (report.kind) {
    case 'MaxReplicas':
      return printMaxReplicasTable(report, options, write);
    case 'CapacityPlan':
      return printPlanTable(report, options, write);
    case 'ScaleOut':
      return printScaleOutTable(report, options, write);
    case 'Headroom':
      return printHeadroomTable(report, options, write);
  }
}

// The HTML page says what it was made from: the manifests (its title) and the inventory files.
function htmlContext(options: CapacityInputOptions): HtmlContext {
  const inventory = options.pods === undefined ? options.nodes : `${options.nodes} + ${options.pods}`;
  if (options.filenames.length === 0) return { inventory };
  return { title: options.filenames.join(', '), inventory };
}
