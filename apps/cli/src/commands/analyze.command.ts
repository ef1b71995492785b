// `podfit analyze`: read manifests (and optionally an inventory), analyse them offline, or have a podfit
// server analyse (and store) them with `--server`, then print the result. Both ways print alike.
import { type Command } from 'commander';
import {
  readBoundPods,
  readNodes,
  readWorkloads,
  type FieldValidation,
  type ManifestProblem,
  type SourceText,
} from '@podfit/manifests';
import { analyzeWorkloads, fitsAsNeeded, type AnalysisResult, type ClusterInput } from '@podfit/scheduling';
import { type AnalysedWorkload, type AnalysisRequestBody, type ManifestFile } from '../client/api-types';
import { PodfitClient, type ServerTarget } from '../client/podfit-client';
import { diagnosticLines } from '../output/diagnostics.printer';
import { printJunit } from '../output/junit.printer';
import { printMarkdown } from '../output/markdown.printer';
import { printJson, printYaml } from '../output/structured.printer';
import { printTable } from '../output/table.printer';
import { type CliIo } from './cli-io';
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type ExitCode } from './exit-code';
import { readSources, sourceText, STDIN_PATH } from './read-sources';
import { SERVER_ENV, serverTarget } from './server-target';

export const OUTPUT_FORMATS = ['json', 'junit', 'markdown', 'table', 'wide', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface AnalyzeOptions {
  readonly filenames: readonly string[];
  readonly nodes: string | undefined;
  readonly pods: string | undefined;
  readonly output: OutputFormat;
  readonly brief: boolean;
  readonly fieldValidation: FieldValidation;
  readonly recursive: boolean;
  readonly headers: boolean;
  /** The server to analyse on; null to analyse offline. */
  readonly server: ServerOptions | null;
}

/** What `analyze --server` sends besides the manifests. */
export interface ServerOptions {
  readonly target: ServerTarget;
  readonly inventory: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly dryRun: boolean;
}

interface AnalyzeFlags {
  filename?: string[];
  nodes?: string;
  pods?: string;
  output: string;
  brief?: boolean;
  validate: string | boolean;
  recursive?: boolean;
  headers: boolean;
  server?: string;
  inventory?: string;
  label?: string[];
  dryRun?: boolean;
}

/** Adds `analyze` to the program; its action reports its exit code through `done`. */
export function addAnalyzeCommand(
  program: Command,
  io: CliIo,
  version: string,
  done: (code: ExitCode) => void,
): void {
  program
    .command('analyze')
    .description(
      "Show what kube-scheduler reserves for each workload's pods (requests, limits, QoS) and, given nodes, where they fit",
    )
    .option('-f, --filename <file>', 'manifest file or directory, or - for stdin (repeatable)', collect)
    .option('-R, --recursive', 'read directories given with -f recursively')
    .option('--nodes <file>', 'nodes to fit on, as `kubectl get nodes -o json` prints them')
    .option(
      '--pods <file>',
      'pods already bound to those nodes, as `kubectl get pods -A -o json` prints them',
    )
    .option('-o, --output <format>', `output format: ${OUTPUT_FORMATS.join('|')}`, 'table')
    .option('--brief', 'leave out per-node verdicts (fit.nodes in json/yaml, the node table in wide)')
    .option(
      '--validate [mode]',
      'unknown and duplicate fields: strict (or true), warn, ignore (or false)',
      'strict',
    )
    .option('--no-headers', 'print tables without headers')
    .option(
      '--server <url>',
      `analyse on this podfit server, which stores the analysis (default: $${SERVER_ENV})`,
    )
    .option('--inventory <name>', 'with --server: fit on this stored inventory (see `inventory import`)')
    .option('--label <key=value>', 'with --server: label the stored analysis (repeatable)', collect)
    .option('--dry-run', 'with --server: analyse without storing')
    .action(async (flags: AnalyzeFlags) => {
      done(await runAnalyze(parseAnalyzeFlags(flags, io.env, version), io));
    });
}

export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Checks the flags as kubectl would, turning them into options; throws a usage error. */
export function parseAnalyzeFlags(
  flags: AnalyzeFlags,
  env: Readonly<Record<string, string | undefined>>,
  version: string,
): AnalyzeOptions {
  const filenames = flags.filename ?? [];
  if (filenames.length === 0) throw new CliError('must specify -f (a file, a directory, or - for stdin)');
  if (!(OUTPUT_FORMATS as readonly string[]).includes(flags.output)) {
    throw new CliError(
      `unable to match a printer suitable for the output format ${JSON.stringify(flags.output)}, allowed formats are: ${OUTPUT_FORMATS.join(',')}`,
    );
  }
  const server = parseServerFlags(flags, env, version);
  if (flags.pods !== undefined && flags.nodes === undefined) throw new CliError('--pods needs --nodes');
  const stdinUses = [...filenames, flags.nodes, flags.pods].filter((path) => path === STDIN_PATH).length;
  if (stdinUses > 1) throw new CliError('stdin (-) can be read only once');
  return {
    filenames,
    nodes: flags.nodes,
    pods: flags.pods,
    output: flags.output as OutputFormat,
    brief: flags.brief ?? false,
    fieldValidation: parseValidate(flags.validate),
    recursive: flags.recursive ?? false,
    headers: flags.headers,
    server,
  };
}

function parseServerFlags(
  flags: AnalyzeFlags,
  env: Readonly<Record<string, string | undefined>>,
  version: string,
): ServerOptions | null {
  const target = serverTarget(flags.server, env, version);
  if (target === null) {
    for (const [flag, value] of [
      ['--inventory', flags.inventory],
      ['--label', flags.label],
      ['--dry-run', flags.dryRun],
    ] as const) {
      if (value !== undefined) throw new CliError(`${flag} needs --server`);
    }
    return null;
  }
  if (flags.nodes !== undefined || flags.pods !== undefined) {
    const server = flags.server === undefined ? `--server (set by ${SERVER_ENV})` : '--server';
    throw new CliError(`--nodes and --pods do not apply with ${server}: use --inventory with --server`);
  }
  return {
    target,
    inventory: flags.inventory,
    labels: parseLabels(flags.label ?? []),
    dryRun: flags.dryRun ?? false,
  };
}

// `--label key=value`, as `kubectl label` takes them; the server checks keys and values by Kubernetes' rules.
function parseLabels(flags: readonly string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const flag of flags) {
    const at = flag.indexOf('=');
    if (at <= 0) throw new CliError(`--label ${JSON.stringify(flag)}: must be key=value`);
    const key = flag.slice(0, at);
    if (Object.hasOwn(labels, key))
      throw new CliError(`--label ${JSON.stringify(key)}: given more than once`);
    labels[key] = flag.slice(at + 1);
  }
  return labels;
}

const TRUE_WORDS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_WORDS = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

// kubectl cmd/util/helpers.go, GetValidationDirective: a Go boolean, or strict, warn or ignore.
export function parseValidate(value: string | boolean): FieldValidation {
  if (value === true || (typeof value === 'string' && TRUE_WORDS.has(value))) return 'Strict';
  if (value === false || FALSE_WORDS.has(value)) return 'Ignore';
  if (value === 'strict') return 'Strict';
  if (value === 'warn') return 'Warn';
  if (value === 'ignore') return 'Ignore';
  throw new CliError(
    `invalid - validate option ${JSON.stringify(value)}; must be one of: strict (or true), warn, ignore (or false)`,
  );
}

/** Runs one analysis: stderr gets the findings, stdout the result; returns the exit code. */
export async function runAnalyze(options: AnalyzeOptions, io: CliIo): Promise<ExitCode> {
  const read = (paths: readonly string[]) =>
    readSources(paths, { recursive: options.recursive, readStdin: io.readStdin });
  const workloadSources = await read(options.filenames);
  const nodeSources = options.nodes === undefined ? null : await read([options.nodes]);
  const podSources = options.pods === undefined ? null : await read([options.pods]);
  if (workloadSources.every(isBlank)) throw new CliError('no objects passed to analyze', EXIT_USAGE);
  if (options.server !== null) return analyzeOnServer(workloadSources, options, options.server, io);

  const { workloads, problems, skipped } = readWorkloads(workloadSources, {
    fieldValidation: options.fieldValidation,
  });
  if (workloads.length === 0 && problems.length === 0 && skipped.length === 0) {
    throw new CliError('no objects passed to analyze', EXIT_USAGE);
  }
  let cluster: ClusterInput | null = null;
  if (nodeSources !== null) {
    const nodes = readNodes(nodeSources);
    const nodeNames = new Set(nodes.map((node) => node.metadata.name));
    cluster = { nodes, pods: podSources === null ? [] : readBoundPods(podSources, nodeNames) };
  }
  const result = analyzeWorkloads(workloads, cluster);
  return report(result, problems, workloadSources, options, io);
}

/**
 * Has the server analyse the files: it reads them as the offline reader does, and answers with the same
 * workloads, each with what changed since its previous analysis (`change`). A manifest with an invalid
 * workload is refused whole (422), and reported as offline.
 */
async function analyzeOnServer(
  sources: readonly SourceText[],
  options: AnalyzeOptions,
  server: ServerOptions,
  io: CliIo,
): Promise<ExitCode> {
  const body: AnalysisRequestBody = {
    files: sources.map(manifestFile),
    ...(server.inventory === undefined ? {} : { inventory: server.inventory }),
    ...(Object.keys(server.labels).length === 0 ? {} : { labels: server.labels }),
    fieldValidation: options.fieldValidation,
  };
  const analysis = await new PodfitClient(server.target).analyze(body, {
    dryRun: server.dryRun,
    includeNodes: printsNodeVerdicts(options),
  });
  // What offline prints, and `change`: the id, time, inventory and labels are the server's record.
  const result: AnalysisResult & { workloads: AnalysedWorkload[] } = {
    apiVersion: analysis.apiVersion,
    kind: analysis.kind,
    workloads: analysis.workloads,
  };
  const code = report(result, [], sources, options, io);
  if (!server.dryRun && analysis.id !== null) io.stderr(`analysis ${analysis.id} stored\n`);
  return code;
}

// Every node's verdict is asked for only where it is printed: -o json, -o yaml and -o wide, unless --brief.
function printsNodeVerdicts(options: AnalyzeOptions): boolean {
  const printsVerdicts = options.output === 'json' || options.output === 'yaml' || options.output === 'wide';
  return printsVerdicts && !options.brief;
}

function manifestFile(source: SourceText): ManifestFile {
  return { name: source.name, content: sourceText(source) };
}

/** Writes the findings to stderr and the result to stdout, as `options.output` says; returns the exit code. */
function report(
  result: AnalysisResult,
  problems: readonly ManifestProblem[],
  sources: readonly SourceText[],
  options: AnalyzeOptions,
  io: CliIo,
): ExitCode {
  const lines = diagnosticLines(
    result,
    problems,
    sources.map((source) => source.name),
  );
  if (lines.length > 0) io.stderr(`${lines.join('\n')}\n`);
  let hasPrinted = false;
  print(result, problems, options, (text) => {
    hasPrinted = true;
    io.stdout(text);
  });
  if (!hasPrinted && result.workloads.length === 0 && problems.length === 0)
    io.stderr('No workloads found.\n');
  return exitCode(result, problems);
}

function print(
  result: AnalysisResult,
  problems: readonly ManifestProblem[],
  options: AnalyzeOptions,
  write: (text: string) => void,
): void {
  switch (options.output) {
    case 'json':
      return printJson(result, options, write);
    case 'junit':
      return printJunit(result, { problems }, write);
    case 'markdown':
      return printMarkdown(result, { problems }, write);
    case 'yaml':
      return printYaml(result, options, write);
    case 'table':
    case 'wide':
      return printTable(
        result,
        { wide: options.output === 'wide', headers: options.headers, brief: options.brief },
        write,
      );
  }
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

export function isBlank(source: SourceText): boolean {
  if (typeof source.content === 'string') return source.content.trim() === '';
  return source.content.every((byte) => WHITESPACE.has(byte));
}

/**
 * 1 when a document could not be read as a workload, a workload is invalid, or, with nodes, a workload's
 * pod fits on no node (a DaemonSet: some node it should run on cannot take its pod); 0 otherwise.
 */
export function exitCode(result: AnalysisResult, problems: readonly ManifestProblem[]): ExitCode {
  if (problems.length > 0) return EXIT_FINDINGS;
  for (const workload of result.workloads) {
    if ((workload.errors?.length ?? 0) > 0 || !fitsAsNeeded(workload)) return EXIT_FINDINGS;
  }
  return EXIT_OK;
}
