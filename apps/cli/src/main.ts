// The `podfit` binary (bundled to dist/cli/podfit.js). It never loads Nest or Prisma: offline it analyses
// in-process, and with --server it talks to the podfit server over HTTP (fetch) only.
import { runCli } from './commands/podfit.command';
import { EXIT_USAGE } from './commands/exit-code';
import { readAll } from './commands/read-sources';

declare const PODFIT_VERSION: string;

// `podfit … | head -1`: once the reader has gone, drop the rest of the output quietly (no EPIPE stack
// trace) and still exit with the analysis' own code.
let isStdoutOpen = true;
let hasStdoutFailed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  isStdoutOpen = false;
  if (error.code === 'EPIPE') return;
  hasStdoutFailed = true;
  process.stderr.write(`error: writing to stdout: ${error.message}\n`);
});
// With `2>&1 | head -1` stderr goes away too; there is nowhere left to report that.
process.stderr.on('error', () => undefined);

void runCli(
  process.argv,
  {
    stdout: (text) => {
      if (isStdoutOpen) process.stdout.write(text);
    },
    stderr: (text) => void process.stderr.write(text),
    readStdin: () => readAll(process.stdin),
    env: process.env,
    progressStream: process.stderr.isTTY ? process.stderr : null,
  },
  PODFIT_VERSION,
).then((code) => {
  process.exitCode = hasStdoutFailed ? EXIT_USAGE : code;
});
