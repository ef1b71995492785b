// The Dockerfile replayed without Docker (CI has no daemon and no base images): each stage in a temporary
// folder of its own, instruction by instruction: COPY from the repository or from an earlier stage, ENV, and
// RUN through sh (npm from its cache, `npm cache clean` skipped: it would empty this machine's cache). Then the
// last stage's CMD must start the server on a fresh database, answer /healthz and /readyz, and exit 0 on
// SIGTERM, as its non-root USER would run it. A build step that needs a file the image does not copy, a
// runtime `require` of a dev dependency, or a file the image forgot, fails here.
//   node scripts/check-image.mjs            (DATABASE_URL names the PostgreSQL server to create a database on)
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import pg from 'pg';

const root = new URL('..', import.meta.url).pathname;
const serverUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

function fail(message) {
  console.error(`check-image: ${message}`);
  process.exit(1);
}

/** The stages of the Dockerfile: name, instructions (continuation lines joined, comments dropped). */
function readStages(text) {
  const stages = [];
  for (const line of text.replace(/\\\n/g, ' ').split('\n')) {
    const instruction = line.trim();
    if (instruction === '' || instruction.startsWith('#') || instruction.startsWith('ARG ')) continue;
    const from = /^FROM\s+\S+(?:\s+AS\s+(\S+))?$/i.exec(instruction);
    if (from !== null) stages.push({ name: from[1] ?? String(stages.length), instructions: [] });
    else stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

/** Runs one stage in a new folder; returns its folder, WORKDIR, ENV, USER and CMD. */
function replay(stage, built) {
  const dir = mkdtempSync(join(tmpdir(), `podfit-image-${stage.name}-`));
  const result = { dir, workdir: '/', env: {}, user: undefined, cmd: undefined };
  for (const instruction of stage.instructions) {
    const [keyword, ...rest] = instruction.split(/\s+/);
    const argument = instruction.slice(keyword.length).trim();
    switch (keyword.toUpperCase()) {
      case 'WORKDIR':
        result.workdir = argument;
        break;
      case 'ENV':
        for (const [, key, value] of argument.matchAll(/(\w+)=(\S+)/g)) result.env[key] = value;
        break;
      case 'USER':
        result.user = argument;
        break;
      case 'CMD':
        result.cmd = JSON.parse(argument);
        break;
      case 'COPY': {
        const from = rest.find((word) => word.startsWith('--from='))?.slice('--from='.length);
        const source = from === undefined ? undefined : built.get(from);
        if (from !== undefined && source === undefined) fail(`COPY --from=${from}: no such stage before it`);
        const paths = rest.filter((word) => !word.startsWith('--'));
        const target = paths.pop();
        for (const path of paths) {
          const origin =
            source === undefined ? join(root, path) : join(source.dir, relative(source.workdir, path));
          const destination =
            target.endsWith('/') && paths.length > 1 ? join(dir, target, path) : join(dir, target);
          cpSync(origin, destination, { recursive: true });
        }
        break;
      }
      case 'RUN': {
        const commands = argument
          .split('&&')
          .map((command) => command.trim())
          .filter((command) => !command.startsWith('npm cache clean'))
          .map((command) =>
            command.startsWith('npm ci') ? `${command} --prefer-offline --loglevel=error` : command,
          );
        console.log(`check-image: [${stage.name}] ${commands.join(' && ')}`);
        execFileSync('sh', ['-c', commands.join(' && ')], {
          cwd: dir,
          stdio: 'inherit',
          env: { PATH: process.env.PATH, HOME: process.env.HOME, ...result.env },
        });
        break;
      }
      case 'EXPOSE':
      case 'HEALTHCHECK':
        break;
      default:
        fail(`${keyword}: an instruction this check does not replay`);
    }
  }
  return result;
}

const stages = readStages(readFileSync(join(root, 'Dockerfile'), 'utf8'));
const built = new Map();
const database = `podfit_image_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: serverUrl });
let child;
try {
  for (const stage of stages) built.set(stage.name, replay(stage, built));
  const image = built.get(stages.at(-1).name);
  if (image.user === undefined || /^(root|0)(:|$)/.test(image.user))
    fail('the image must run as a non-root USER');
  if (!Array.isArray(image.cmd)) fail('the image needs an exec-form CMD');

  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/${database}`;
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
  });
  const [program, ...args] = image.cmd;
  child = spawn(program === 'node' ? process.execPath : program, args, {
    cwd: image.dir,
    env: { PATH: process.env.PATH, ...image.env, PORT: String(port), DATABASE_URL: databaseUrl.toString() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + 60_000;
  let ready = false;
  while (!ready && Date.now() < deadline && child.exitCode === null) {
    ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!ready) fail(`the server did not become ready:\n${output.slice(-4000)}`);
  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  if (!health.ok) fail(`/healthz answered ${health.status}`);
  child.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) fail(`the server exited ${code} on SIGTERM:\n${output.slice(-4000)}`);
  console.log('check-image: both stages replayed; the image starts, is ready, and stops cleanly on SIGTERM');
} finally {
  if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
  for (const { dir } of built.values()) rmSync(dir, { recursive: true, force: true });
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
  await admin.end().catch(() => {});
}
