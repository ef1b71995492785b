// `podfit analyze`: read manifests (and optionally an inventory), analyse them offline, print the result.
import { type Command } from 'commander';
import {
  readBoundPods,
  readNodes,
  readWorkloads,
  type FieldValidation,
  type ManifestProblem,
  type SourceText,
} from '@podfit/manifests';
import { analyzeWorkloads, type AnalysisResult, type ClusterInput } from '@podfit/scheduling';
import { diagnosticLines } from '../output/diagnostics.printer';
import { printJson, printYaml } from '../output/structured.printer';
import { printTable } from '../output/table.printer';
import { type CliIo } from './cli-io';
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type ExitCode } from './exit-code';
import { readSources, STDIN_PATH } from './read-sources';

export const OUTPUT_FORMATS = ['json', 'table', 'wide', 'yaml'] as const;
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
}

/** Adds `analyze` to the program; its action reports its exit code through `done`. */
export function addAnalyzeCommand(program: Command, io: CliIo, done: (code: ExitCode) => void): void {
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
    .action(async (flags: AnalyzeFlags) => {
      done(await runAnalyze(parseAnalyzeFlags(flags), io));
    });
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Checks the flags as kubectl would, turning them into options; throws a usage error. */
export function parseAnalyzeFlags(flags: AnalyzeFlags): AnalyzeOptions {
  const filenames = flags.filename ?? [];
  if (filenames.length === 0) throw new CliError('must specify -f (a file, a directory, or - for stdin)');
  if (!(OUTPUT_FORMATS as readonly string[]).includes(flags.output)) {
    throw new CliError(
      `unable to match a printer suitable for the output format ${JSON.stringify(flags.output)}, allowed formats are: ${OUTPUT_FORMATS.join(',')}`,
    );
  }
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
  };
}

const TRUE_WORDS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_WORDS = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

// kubectl cmd/util/helpers.go, GetValidationDirective: a Go boolean, or strict, warn or ignore.
function parseValidate(value: string | boolean): FieldValidation {
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

  const lines = diagnosticLines(
    result,
    problems,
    workloadSources.map((source) => source.name),
  );
  if (lines.length > 0) io.stderr(`${lines.join('\n')}\n`);
  let hasPrinted = false;
  print(result, options, (text) => {
    hasPrinted = true;
    io.stdout(text);
  });
  if (!hasPrinted && result.workloads.length === 0 && problems.length === 0)
    io.stderr('No workloads found.\n');
  return exitCode(result, problems);
}

function print(result: AnalysisResult, options: AnalyzeOptions, write: (text: string) => void): void {
  switch (options.output) {
    case 'json':
      return printJson(result, options, write);
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

function isBlank(source: SourceText): boolean {
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
    if ((workload.errors?.length ?? 0) > 0) return EXIT_FINDINGS;
    const fit = workload.fit;
    if (fit === undefined) continue;
    const fitsAsNeeded =
      workload.kind === 'DaemonSet' ? fit.feasibleNodes === fit.totalNodes : fit.feasibleNodes > 0;
    if (!fitsAsNeeded) return EXIT_FINDINGS;
  }
  return EXIT_OK;
}
