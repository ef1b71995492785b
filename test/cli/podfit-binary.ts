// Runs the real bundled binary (rebuilt by Jest's globalSetup), as a user's shell would.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');
export const PODFIT_BIN = resolve(REPO_ROOT, 'dist/cli/podfit.js');
export const OK_FIXTURES = resolve(REPO_ROOT, 'test/fixtures/ok');
export const BAD_FIXTURES = resolve(REPO_ROOT, 'test/fixtures/bad');

export interface PodfitRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
}

export interface RunOptions {
  /** Working directory; source names in the output are the paths as given, relative to it. */
  readonly cwd?: string;
  /** Bytes on stdin; stdin is empty (closed) when absent. */
  readonly input?: string | Uint8Array;
  /** The script path the binary is started as (argv[1]), e.g. a `kubectl-podfit` link. */
  readonly script?: string;
}

/** `node dist/cli/podfit.js ARGS…` in `cwd` (the ok fixtures by default). */
export function runPodfit(args: readonly string[], options: RunOptions = {}): PodfitRun {
  const result = spawnSync(process.execPath, [options.script ?? PODFIT_BIN, ...args], {
    cwd: options.cwd ?? OK_FIXTURES,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', LANG: 'C' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
}

/**
 * The layout of kubectl's tables (cli-runtime printers/tabwriter.go: minwidth 6, padding 3, the last cell
 * of a line unpadded), written here independently of the CLI so that tests state expected cells only.
 */
export function kubectlTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, column) => Math.max(6, ...rows.map((row) => row[column]!.length + 3)));
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === row.length - 1 ? cell : cell + ' '.repeat(widths[column]! - cell.length),
        )
        .join(''),
    )
    .map((line) => `${line}\n`)
    .join('');
}
