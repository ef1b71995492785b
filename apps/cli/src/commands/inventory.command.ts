// `podfit inventory import|list|get`: the inventories a podfit server stores (nodes and the pods bound to
// them, as kubectl exports them), which `analyze --server … --inventory NAME` fits workloads on.
import { type Command } from 'commander';
import { PodfitClient } from '../client/podfit-client';
import {
  importedLine,
  INVENTORY_OUTPUT_FORMATS,
  printInventories,
  type InventoryOutputFormat,
  type InventoryPrintOptions,
} from '../output/inventory.printer';
import { type CliIo } from './cli-io';
import { CliError, EXIT_OK, type ExitCode } from './exit-code';
import { readSources, sourceText, STDIN_PATH, STDIN_SOURCE_NAME } from './read-sources';
import { requireServerTarget, SERVER_ENV } from './server-target';

interface ServerFlags {
  server?: string;
}

interface ImportFlags extends ServerFlags {
  nodes: string;
  pods?: string;
  description?: string;
}

interface PrintFlags extends ServerFlags {
  output: string;
  headers: boolean;
}

/** Adds `inventory` and its subcommands to the program; each action reports its exit code through `done`. */
export function addInventoryCommand(
  program: Command,
  io: CliIo,
  version: string,
  done: (code: ExitCode) => void,
): void {
  const inventory = program
    .command('inventory')
    .description('Import, list and show the inventories (nodes and bound pods) a podfit server stores')
    .addHelpCommand(false);
  const server = (command: Command) =>
    command.option('--server <url>', `the podfit server (default: $${SERVER_ENV})`);
  const printing = (command: Command) =>
    command
      .option('-o, --output <format>', `output format: ${INVENTORY_OUTPUT_FORMATS.join('|')}`, 'table')
      .option('--no-headers', 'print tables without headers');

  server(
    inventory
      .command('import <name>')
      .description('Create the inventory, or replace all of it, from what kubectl exported')
      .requiredOption('--nodes <file>', '`kubectl get nodes -o json|yaml` output, or - for stdin')
      .option('--pods <file>', '`kubectl get pods -A -o json|yaml` output, or - for stdin')
      .option('--description <text>', 'what the inventory holds'),
  ).action(async (name: string, flags: ImportFlags) => {
    done(await runImport(name, flags, io, version));
  });
  printing(server(inventory.command('list').description('List the inventories'))).action(
    async (flags: PrintFlags) => {
      const options = printOptions(flags);
      const client = new PodfitClient(requireServerTarget(flags.server, io.env, version));
      const list = await client.listInventories();
      if (list.items.length === 0 && options.output === 'table') io.stderr('No inventories found.\n');
      else printInventories(list, options, io.stdout);
      done(EXIT_OK);
    },
  );
  printing(server(inventory.command('get <name>').description('Show one inventory'))).action(
    async (name: string, flags: PrintFlags) => {
      const options = printOptions(flags);
      const client = new PodfitClient(requireServerTarget(flags.server, io.env, version));
      printInventories(await client.getInventory(name), options, io.stdout);
      done(EXIT_OK);
    },
  );
}

/** PUT /v1/inventories/NAME with the files' text: the server reads JSON and YAML alike. */
async function runImport(name: string, flags: ImportFlags, io: CliIo, version: string): Promise<ExitCode> {
  if (flags.nodes === STDIN_PATH && flags.pods === STDIN_PATH) {
    throw new CliError('stdin (-) can be read only once');
  }
  const client = new PodfitClient(requireServerTarget(flags.server, io.env, version));
  const nodes = await readFileText(flags.nodes, '--nodes', io);
  const pods = flags.pods === undefined ? undefined : await readFileText(flags.pods, '--pods', io);
  const view = await client.importInventory(name, {
    ...(flags.description === undefined ? {} : { description: flags.description }),
    nodes,
    ...(pods === undefined ? {} : { pods }),
  });
  io.stdout(importedLine(view));
  return EXIT_OK;
}

// One file as kubectl wrote it (a directory would be several), or stdin.
async function readFileText(path: string, flag: string, io: CliIo): Promise<string> {
  const sources = await readSources([path], { recursive: false, readStdin: io.readStdin });
  const source = sources[0];
  const expectedName = path === STDIN_PATH ? STDIN_SOURCE_NAME : path;
  if (sources.length !== 1 || source === undefined || source.name !== expectedName) {
    throw new CliError(`${flag} ${JSON.stringify(path)} is a directory: give the file kubectl wrote, or -`);
  }
  return sourceText(source);
}

function printOptions(flags: PrintFlags): InventoryPrintOptions {
  if (!(INVENTORY_OUTPUT_FORMATS as readonly string[]).includes(flags.output)) {
    throw new CliError(
      `unable to match a printer suitable for the output format ${JSON.stringify(flags.output)}, allowed formats are: ${INVENTORY_OUTPUT_FORMATS.join(',')}`,
    );
  }
  return { output: flags.output as InventoryOutputFormat, headers: flags.headers };
}
