// The binary as a command: version, help, the kubectl plugin name, usage errors, input it cannot read,
// and a reader that goes away (RELIABILITY.md 7.1, 7.2 and row 38).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PODFIT_BIN, REPO_ROOT, runPodfit } from './podfit-binary';

const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'podfit-cli-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function deployment(name: string, cpu: string): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: ${name}, namespace: demo}`,
    'spec:',
    `  selector: {matchLabels: {app: ${name}}}`,
    '  template:',
    `    metadata: {labels: {app: ${name}}}`,
    '    spec:',
    '      containers:',
    `        - {name: app, image: "registry.example.com/${name}:1", resources: {requests: {cpu: "${cpu}", memory: 64Mi}, limits: {memory: 64Mi}}}`,
    '',
  ].join('\n');
}

describe('podfit --version and --help', () => {
  it('prints the version from package.json', () => {
    expect(runPodfit(['--version'])).toEqual({ stdout: `podfit ${version}\n`, stderr: '', code: 0 });
  });

  it('prints help on stdout and exits 0, with or without a command', () => {
    for (const args of [['--help'], ['-h'], []]) {
      const run = runPodfit(args);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout.split('\n')[0]).toBe('Usage: podfit [options] [command]');
      expect(run.stdout).toContain('\n  analyze [options]  ');
      expect(run.stdout).toContain('\n  podfit analyze -f deploy/\n');
    }
  });

  it('documents every analyze flag', () => {
    const run = runPodfit(['analyze', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('Usage: podfit analyze [options]');
    for (const flag of [
      '-f, --filename <file>',
      '-R, --recursive',
      '--nodes <file>',
      '--pods <file>',
      '-o, --output <format>',
      '--brief',
      '--validate [mode]',
      '--no-headers',
    ]) {
      expect(run.stdout).toContain(`  ${flag}  `);
    }
  });

  it('names itself `kubectl podfit` when run as the kubectl-podfit plugin (krew)', () => {
    const plugin = join(scratch, 'kubectl-podfit');
    symlinkSync(PODFIT_BIN, plugin);
    const run = runPodfit(['--help'], { script: plugin });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('Usage: kubectl podfit [options] [command]');
    expect(run.stdout).toContain('\n  kubectl podfit analyze -f deploy/\n');
    expect(run.stdout).not.toMatch(/(?<!kubectl )podfit analyze/);
    expect(runPodfit(['analyze', '--help'], { script: plugin }).stdout.split('\n')[0]).toBe(
      'Usage: kubectl podfit analyze [options]',
    );
  });
});

describe('usage errors: one `error:` line on stderr, nothing on stdout, exit 2', () => {
  it.each([
    [
      ['analyze', '-f', 'app.yaml', '-o', 'bogus'],
      'error: unable to match a printer suitable for the output format "bogus", allowed formats are: json,junit,markdown,table,wide,yaml',
    ],
    [
      ['analyze', '-f', 'app.yaml', '--validate=maybe'],
      'error: invalid - validate option "maybe"; must be one of: strict (or true), warn, ignore (or false)',
    ],
    [['analyze'], 'error: must specify -f (a file, a directory, or - for stdin)'],
    [['analyze', '-f'], "error: option '-f, --filename <file>' argument missing"],
    [['analyze', '-f', 'app.yaml', '--bogus'], "error: unknown option '--bogus'"],
    [['analyse', '-f', 'app.yaml'], "error: unknown command 'analyse' (Did you mean analyze?)"],
    [['analyze', 'app.yaml'], "error: too many arguments for 'analyze'. Expected 0 arguments but got 1."],
    [['analyze', '-f', 'app.yaml', '--pods', 'pods.json'], 'error: --pods needs --nodes'],
    [['analyze', '-f', '-', '--nodes', '-'], 'error: stdin (-) can be read only once'],
    [['analyze', '-f', 'missing.yaml'], 'error: the path "missing.yaml" does not exist'],
    [
      ['analyze', '-f', 'app.yaml', '--nodes', 'missing-nodes.json'],
      'error: the path "missing-nodes.json" does not exist',
    ],
  ])('podfit %j', (args, line) => {
    expect(runPodfit(args)).toEqual({ stdout: '', stderr: `${line}\n`, code: 2 });
  });

  it('rejects empty stdin, or stdin holding only blank lines', () => {
    for (const input of ['', '\n  \n']) {
      expect(runPodfit(['analyze', '-f', '-'], { input })).toEqual({
        stdout: '',
        stderr: 'error: no objects passed to analyze\n',
        code: 2,
      });
    }
  });

  it('rejects a directory with no manifest in it', () => {
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'README.md'), '# not a manifest\n');
    expect(runPodfit(['analyze', '-f', empty])).toEqual({
      stdout: '',
      stderr: 'error: no objects passed to analyze\n',
      code: 2,
    });
  });

  it('reports a file it cannot open as kubectl does', () => {
    const dir = join(scratch, 'dangling');
    mkdirSync(dir);
    symlinkSync(join(dir, 'nowhere.yaml'), join(dir, 'broken.yaml'));
    expect(runPodfit(['analyze', '-f', dir])).toEqual({
      stdout: '',
      stderr: `error: open ${join(dir, 'broken.yaml')}: no such file or directory\n`,
      code: 2,
    });
  });

  it('never prints a stack trace for a file it may not read', () => {
    const locked = join(scratch, 'locked.yaml');
    writeFileSync(locked, deployment('locked', '1'));
    chmodSync(locked, 0o000);
    const run = runPodfit(['analyze', '-f', locked]);
    chmodSync(locked, 0o644);
    // Root reads it anyway; anyone else gets kubectl's message.
    if (run.code === 2) {
      expect(run).toEqual({ stdout: '', stderr: `error: open ${locked}: permission denied\n`, code: 2 });
    } else {
      expect(run.code).toBe(0);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('a reader that stops early', () => {
  it('`podfit … | head -1` prints one line and no EPIPE stack trace', () => {
    const big = join(scratch, 'many.yaml');
    writeFileSync(big, Array.from({ length: 3000 }, (_, i) => deployment(`app-${i}`, '100m')).join('---\n'));
    const result = spawnSync(
      'bash',
      ['-c', `set -o pipefail; "${process.execPath}" "${PODFIT_BIN}" analyze -f "${big}" | head -1`],
      { encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      'NAMESPACE   NAME                  REPLICAS   CPU REQ   MEM REQ   CPU LIM   MEM LIM   QOS         OTHER\n',
    );
    expect(result.status).toBe(0);
  });
});
