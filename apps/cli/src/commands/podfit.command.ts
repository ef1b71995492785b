// The `podfit` program: commander parses, the commands work, and every failure ends as one `error: …`
// line on stderr with exit code 2 (kubectl's style), never as a stack trace. A podfit server's errors read
// as kubectl reads an API server's: `Error from server (code): message`.
import { basename } from 'node:path';
import { Command, CommanderError } from 'commander';
import { ManifestError } from '@podfit/manifests';
import { ServerError } from '../client/podfit-client';
import { addAnalyzeCommand } from './analyze.command';
import { addCapacityCommand } from './capacity.command';
import { type CliIo } from './cli-io';
import {
  CliError,
  EXIT_OK,
  EXIT_USAGE,
  isManifestErrorCode,
  MANIFEST_ERROR_EXIT_CODES,
  type ExitCode,
} from './exit-code';
import { addInventoryCommand } from './inventory.command';
import { addTokenCommand } from './token.command';
import { errorLine, serverErrorLines } from '../output/diagnostics.printer';

const EXAMPLES = (name: string) => `
Examples:
  # What each workload's pods reserve, and their QoS class
  ${name} analyze -f deploy/

  # Where they fit, on nodes and bound pods exported from a cluster
  kubectl get nodes -o json > nodes.json && kubectl get pods -A -o json > pods.json
  ${name} analyze -f app.yaml --nodes nodes.json --pods pods.json -o wide

  # How many replicas of each workload fit on those nodes as they are, each workload on its own
  ${name} capacity max -f app.yaml --nodes nodes.json --pods pods.json

  # Roll out several workloads together; if they do not fit, how many nodes of which type to add, as a page
  ${name} capacity plan -f deploy/ --nodes nodes.json --pods pods.json
  ${name} capacity scale-out -f deploy/ --nodes nodes.json --templates node-types.yaml -o html > scale-out.html

  # What is left per node pool, and how many pods of 500m / 1Gi still fit there
  ${name} capacity headroom --nodes nodes.json --pods pods.json --group-by node.kubernetes.io/instance-type --requests cpu=500m,memory=1Gi

  # The full result, as JSON, from stdin
  helm template my-release ./chart | ${name} analyze -f - -o json

  # On a podfit server, which stores the analysis, against an inventory stored there
  ${name} inventory import prod --nodes nodes.json --pods pods.json --server http://podfit:8080
  ${name} analyze -f deploy/ --server http://podfit:8080 --inventory prod --label commit=$GIT_COMMIT

  # The server's first admin token, made in its database (the secret is printed this once)
  DATABASE_URL=postgresql://podfit@db/podfit ${name} token create ops --scope admin
`;

/**
 * `kubectl podfit` when run as a kubectl plugin (the binary named `kubectl-podfit`), `podfit` otherwise
 * (krew best-practices.md: usage names the command the user typed).
 */
export function programName(scriptPath: string | undefined): string {
  const name = basename(scriptPath ?? 'podfit').replace(/\.[cm]?js$/, '');
  if (!name.startsWith('kubectl-')) return 'podfit';
  return ['kubectl', ...name.slice('kubectl-'.length).split('-')]
    .map((part) => part.replace(/_/g, '-'))
    .join(' ');
}

/** Runs the CLI on `argv` (as `process.argv`) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo, version: string): Promise<ExitCode> {
  const name = programName(argv[1]);
  let exitCode: ExitCode = EXIT_OK;
  const program = new Command()
    .name(name)
    .description('What kube-scheduler will reserve for each pod, its QoS class, and which nodes can take it.')
    .version(`podfit ${version}`, '--version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addHelpCommand(false)
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // Commander puts its "(Did you mean analyze?)" on a line of its own; kubectl style is one line.
      outputError: (text, write) => write(text.replace(/\n(?=\(Did you mean)/, ' ')),
    })
    .exitOverride()
    .addHelpText('after', EXAMPLES(name));
  const done = (code: ExitCode) => {
    exitCode = code;
  };
  addAnalyzeCommand(program, io, version, done);
  addCapacityCommand(program, io, done);
  addInventoryCommand(program, io, version, done);
  addTokenCommand(program, io, done);
  program.commands.forEach((command) => command.addHelpText('after', EXAMPLES(name)));

  if (argv.length <= 2) {
    program.outputHelp();
    return EXIT_OK;
  }
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): ExitCode {
  if (error instanceof CommanderError) {
    // Commander has already written its own `error: …` line; help and version end here too.
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (error instanceof CliError) {
    io.stderr(`error: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof ServerError) {
    const { code } = error.body;
    const isManifestError = isManifestErrorCode(code);
    io.stderr(`${serverErrorLines(error.body, isManifestError).join('\n')}\n`);
    return isManifestError ? MANIFEST_ERROR_EXIT_CODES[code] : EXIT_USAGE;
  }
  if (error instanceof ManifestError) {
    const lines = error.problems.length > 0 ? error.problems.map(errorLine) : [`error: ${error.message}`];
    io.stderr(`${lines.join('\n')}\n`);
    return MANIFEST_ERROR_EXIT_CODES[error.code];
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`error: ${message.split('\n')[0]}\n`);
  return EXIT_USAGE;
}
