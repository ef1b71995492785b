// Runs the real bundled binary without blocking the event loop, so that a server in the test process can
// answer it (runPodfit's spawnSync would deadlock against one).
import { spawn } from 'node:child_process';
import { OK_FIXTURES, PODFIT_BIN, type PodfitRun } from './podfit-binary';

export interface AsyncRunOptions {
  /** Working directory; the ok fixtures by default. */
  readonly cwd?: string;
  /** Bytes on stdin; stdin is empty (closed) when absent. */
  readonly input?: string;
  /** Variables added to the bare environment (PATH and LANG=C), e.g. PODFIT_SERVER. */
  readonly env?: Readonly<Record<string, string>>;
}

/** `node dist/cli/podfit.js ARGS…`, resolved when it exits. */
export function runPodfitAsync(args: readonly string[], options: AsyncRunOptions = {}): Promise<PodfitRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PODFIT_BIN, ...args], {
      cwd: options.cwd ?? OK_FIXTURES,
      env: { PATH: process.env.PATH ?? '', LANG: 'C', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(options.input ?? '');
  });
}
