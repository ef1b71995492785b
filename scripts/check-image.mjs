// The Dockerfile's runtime stage, replayed without Docker (CI has no daemon and no base images): in a temporary
// folder, its `npm ci` (production dependencies only), its COPY lines (from the build stage: what `npm run
// build` made here), its ENV and its CMD; then the server must start on a fresh database, answer /healthz and
// /readyz, and exit 0 on SIGTERM. A runtime `require` of a dev dependency, or a file the image forgot, fails here.
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
const lines = readFileSync(join(root, 'Dockerfile'), 'utf8')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim());
const runtime = lines.slice(lines.findIndex((line) => /^FROM\s+\S+\s+AS\s+runtime$/i.test(line)) + 1);
const buildWorkdir = lines.find((line) => line.startsWith('WORKDIR'))?.split(/\s+/)[1] ?? '/';

function fail(message) {
  console.error(`check-image: ${message}`);
  process.exit(1);
}

const env = {};
for (const line of runtime.filter((l) => l.startsWith('ENV '))) {
  for (const [, key, value] of line.slice(4).matchAll(/(\w+)=(\S+)/g)) env[key] = value;
}
const user = runtime.find((line) => line.startsWith('USER '));
if (user === undefined || /^USER\s+(root|0)(:|$)/.test(user))
  fail('the runtime stage must run as a non-root USER');
const install = runtime
  .filter((line) => line.startsWith('RUN '))
  .flatMap((line) => line.slice(4).split('&&'))
  .map((command) => command.trim())
  .find((command) => command.startsWith('npm ci'));
if (install === undefined || !install.includes('--omit=dev'))
  fail('the runtime stage must `npm ci --omit=dev`');
const cmd = JSON.parse(runtime.find((line) => line.startsWith('CMD '))?.slice(4) ?? 'null');
if (!Array.isArray(cmd)) fail('the runtime stage needs an exec-form CMD');

const app = mkdtempSync(join(tmpdir(), 'podfit-image-'));
const database = `podfit_image_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: serverUrl });
let child;
try {
  for (const line of runtime.filter((l) => l.startsWith('COPY '))) {
    const words = line.split(/\s+/).slice(1);
    const fromBuild = words[0] === '--from=build';
    const paths = words.filter((word) => !word.startsWith('--'));
    const target = paths.pop();
    for (const source of paths) {
      const from = fromBuild ? join(root, relative(buildWorkdir, source)) : join(root, source);
      const to = target.endsWith('/') && paths.length > 1 ? join(app, target, source) : join(app, target);
      cpSync(from, to, { recursive: true });
    }
  }
  const args = install.split(/\s+/).slice(1);
  console.log(`check-image: npm ${args.join(' ')} in ${app}`);
  execFileSync('npm', [...args, '--prefer-offline', '--loglevel=error'], { cwd: app, stdio: 'inherit' });

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
  child = spawn(cmd[0] === 'node' ? process.execPath : cmd[0], cmd.slice(1), {
    cwd: app,
    env: { PATH: process.env.PATH, ...env, PORT: String(port), DATABASE_URL: databaseUrl.toString() },
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
  console.log('check-image: the runtime stage starts, is ready, and stops cleanly on SIGTERM');
} finally {
  if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
  rmSync(app, { recursive: true, force: true });
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
  await admin.end().catch(() => {});
}
