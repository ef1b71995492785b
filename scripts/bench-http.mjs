// `npm run bench:http`: podfit's HTTP figures beside the ceilings DESIGN.md measures them against, in one run
// on loopback. Each server is its own child process; autocannon (programmatic) is the load generator here.
//   ceilings: a bare Fastify GET and POST (bench/http/ceiling-server.mjs fastify), and a bare Fastify POST
//             doing one plain `pg` INSERT of a stored-analysis-sized JSONB row through a pg.Pool of 10;
//             and a NestJS controller's GET on the Fastify adapter (bench/http/ceiling-server.mjs nest);
//   podfit:   `node dist/api/main.js` on a fresh database, with a 5,000-node inventory: GET /healthz,
//             POST /v1/analyses?dryRun=true and POST /v1/analyses (stored), one Deployment each, and
//             POST /graphql reading one stored analysis with its workloads.
// Prints a table, writes bench/results/http-latest.json; the figures are recorded in bench/README.md.
// Options: --duration=10 --warmup=2 --connections=50 --nodes=5000 --pods-per-node=1 --skip-build
//          --profile (preloads bench/http/server-probe.mjs into the server: CPU profile and SQL statement
//          counts of each podfit run, live heap after a full GC; slows the server, so not for recording)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ADMIN_URL, createDatabase, dropDatabases, query } from '../bench/http/databases.mjs';
import { loadInputs } from '../bench/http/inputs.mjs';
import { measure } from '../bench/http/load.mjs';
import {
  ask,
  freePort,
  killAllNow,
  rssMb,
  startCeiling,
  startNode,
  stop,
  stopAll,
} from '../bench/http/processes.mjs';
import { printProfile, summarizeProfile } from '../bench/http/profile-summary.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(ROOT);

const option = (name, fallback) => {
  const arg = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (arg === undefined) return fallback;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : true;
};
const OPTIONS = {
  duration: Number(option('duration', 10)),
  warmup: Number(option('warmup', 2)),
  connections: Number(option('connections', 50)),
  nodes: Number(option('nodes', 5000)),
  podsPerNode: Number(option('pods-per-node', 1)),
  build: !option('skip-build', false),
  profile: Boolean(option('profile', false)),
};
const RESULTS_DIR = 'bench/results';
const INVENTORY = 'bench';
const GOALS = {
  restRead: 0.75,
  stored: 0.25,
  storedP99Ms: 100,
  dryRun: 0.5,
  graphql: 0.4,
  idleRssMb: 200,
  inventoryMb: 50,
};
const round1 = (value) => Math.round(value * 10) / 10;

let podfit = null; // the server's handle, for its output when something fails
let cleaningUp = null;
async function cleanup() {
  cleaningUp ??= (async () => {
    await stopAll().catch((error) => console.error(`bench:http: stopping children: ${error.message}`));
    await dropDatabases().catch((error) => console.error(`bench:http: ${error.message}`));
    rmSync(join(RESULTS_DIR, `row-template-${process.pid}.tmp`), { force: true });
  })();
  return cleaningUp;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`\nbench:http: ${signal}, cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}
process.on('exit', killAllNow);

function log(line) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

function buildPodfit() {
  if (!existsSync('apps/api/src/generated/prisma/client.ts')) {
    log('generating the Prisma client');
    execFileSync(process.execPath, ['scripts/generate-prisma.mjs'], { stdio: 'inherit' });
  }
  log('building (scripts/build.mjs)');
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}

async function waitReady(baseUrl, server, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let exited = null;
  void server.exited.then((how) => (exited = how));
  while (Date.now() < deadline) {
    if (exited)
      throw new Error(`podfit exited (${exited.code ?? exited.signal}) while starting:\n${server.output()}`);
    try {
      const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`podfit was not ready in ${timeoutMs / 1000} s:\n${server.output()}`);
}

async function request(baseUrl, method, path, body) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) };
}

async function timed(fn) {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { value, ms: Math.round(Number(process.hrtime.bigint() - start) / 1e6) };
}

function gitCommit() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'apps', 'libs', 'prisma'], {
      encoding: 'utf8',
    }).trim();
    return { commit: head, uncommittedChangesInApp: dirty !== '' };
  } catch {
    return { commit: 'unknown', uncommittedChangesInApp: null };
  }
}

async function main() {
  const started = Date.now();
  mkdirSync(RESULTS_DIR, { recursive: true });
  if (OPTIONS.build) buildPodfit();
  if (!existsSync('dist/api/main.js'))
    throw new Error('dist/api/main.js is missing: run without --skip-build');

  log(`inputs: ${OPTIONS.nodes} nodes, ${OPTIONS.nodes * OPTIONS.podsPerNode} bound pods, one Deployment`);
  const inputs = await loadInputs({ nodes: OPTIONS.nodes, podsPerNode: OPTIONS.podsPerNode });
  const inventoryBody = JSON.stringify({ name: INVENTORY, nodes: inputs.nodes, pods: inputs.pods });
  const analysisBody = JSON.stringify({ manifest: inputs.manifest, inventory: INVENTORY });
  const bodyLimit = Math.max(3 * 1024 * 1024, 2 ** Math.ceil(Math.log2(inventoryBody.length * 1.1)));

  const tag = `podfit_bench_${process.pid}`;
  log(`creating databases ${tag}_api and ${tag}_ceiling on ${new URL(ADMIN_URL).host}`);
  const apiDatabase = await createDatabase(`${tag}_api`);
  const ceilingDatabase = await createDatabase(`${tag}_ceiling`);

  // podfit
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const profileDir = join(tmpdir(), `podfit-bench-http-${process.pid}`);
  if (OPTIONS.profile) mkdirSync(profileDir, { recursive: true });
  const profileBase = join(profileDir, 'server');
  const startPodfit = async () => {
    const handle = startNode(
      'podfit',
      [...(OPTIONS.profile ? ['--import', './bench/http/server-probe.mjs'] : []), 'dist/api/main.js'],
      {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: apiDatabase,
        LOG_LEVEL: 'warn',
        PODFIT_BODY_LIMIT: String(bodyLimit),
      },
      { ipc: OPTIONS.profile },
    );
    podfit = handle;
    const { ms } = await timed(() => waitReady(baseUrl, handle));
    return { handle, ms };
  };
  let { handle: server, ms: startMs } = await startPodfit();
  await sleep(1_000);
  const rss = { afterStart: rssMb(server.pid) };
  // With --profile, also the live heap after a full GC (what is really held, where RSS keeps freed pages).
  const heap = {};
  const readHeap = async (key) => {
    if (!OPTIONS.profile) return;
    const memory = await ask(server, { probe: 'memory' }, 'memory');
    heap[key] = {
      heapUsedMb: round1(memory.heapUsed / 2 ** 20),
      externalMb: round1(memory.external / 2 ** 20),
      arrayBuffersMb: round1(memory.arrayBuffers / 2 ** 20),
      rssAfterGcMb: round1(memory.rss / 2 ** 20),
    };
  };
  await readHeap('afterStart');
  log(`podfit ready in ${startMs} ms (pid ${server.pid}), idle RSS ${rss.afterStart.toFixed(0)} MB`);

  const created = await timed(() => request(baseUrl, 'POST', '/v1/inventories', inventoryBody));
  if (created.value.status !== 201) {
    throw new Error(`POST /v1/inventories: ${created.value.status} ${created.value.text.slice(0, 500)}`);
  }
  const inventory = created.value.json();
  await sleep(1_000);
  rss.afterInventoryCreate = rssMb(server.pid);
  await readHeap('afterInventoryCreate');
  // What a replica holds is measured on a fresh process that loads the inventory from the database (the
  // first analysis), not on the one that parsed and wrote 5,000 nodes.
  await stop(server);
  ({ handle: server } = await startPodfit());
  await sleep(1_000);
  rss.afterRestart = rssMb(server.pid);
  await readHeap('afterRestart');
  log(
    `inventory "${INVENTORY}": ${inventory.nodeCount} nodes, ${inventory.podCount} pods, ` +
      `${(inventoryBody.length / 2 ** 20).toFixed(1)} MB of JSON, created in ${created.ms} ms; ` +
      `RSS then ${rss.afterInventoryCreate.toFixed(0)} MB; restarted the server: RSS ${rss.afterRestart.toFixed(0)} MB`,
  );

  // The first analysis loads the snapshot into the server's cache; its stored row sizes the pg ceiling's row.
  const first = await timed(() => request(baseUrl, 'POST', '/v1/analyses', analysisBody));
  if (first.value.status !== 201)
    throw new Error(`POST /v1/analyses: ${first.value.status} ${first.value.text.slice(0, 500)}`);
  const firstView = first.value.json();
  const dry = await request(baseUrl, 'POST', '/v1/analyses?dryRun=true', analysisBody);
  if (dry.status !== 200)
    throw new Error(`POST /v1/analyses?dryRun=true: ${dry.status} ${dry.text.slice(0, 500)}`);
  const workload = firstView.workloads[0];
  const row = (
    await query(
      apiDatabase,
      `SELECT result, octet_length(result::text) AS result_bytes, octet_length(manifest::text) AS manifest_bytes,
              pg_column_size(result) + pg_column_size(manifest) AS stored_bytes
         FROM analyses WHERE id = $1`,
      [firstView.id],
    )
  ).rows[0];
  const templateFile = join(RESULTS_DIR, `row-template-${process.pid}.tmp`);
  writeFileSync(templateFile, JSON.stringify(row.result));
  await sleep(1_000);
  rss.idleWithInventory = rssMb(server.pid);
  await readHeap('idleWithInventory');
  log(
    `first analysis (loads the snapshot) in ${first.ms} ms: ${workload.kind} ${workload.name}, ` +
      `${workload.fit.feasibleNodes}/${workload.fit.totalNodes} nodes fit; stored row: result ` +
      `${row.result_bytes} B + manifest ${row.manifest_bytes} B of JSON (${row.stored_bytes} B on disk); ` +
      `response ${first.value.text.length} B; idle RSS now ${rss.idleWithInventory.toFixed(0)} MB`,
  );

  const common = {
    connections: OPTIONS.connections,
    duration: OPTIONS.duration,
    warmup: OPTIONS.warmup,
    serverPid: server.pid,
  };
  const runs = {};
  const run = async (key, name, baseFor, serverPid, requestSpec, expect, hooks = {}) => {
    log(`${name}: ${OPTIONS.warmup} s warm-up + ${OPTIONS.duration} s at ${OPTIONS.connections} connections`);
    runs[key] = await measure({
      ...common,
      ...hooks,
      name,
      baseUrl: baseFor,
      request: requestSpec,
      expect,
      serverPid,
    });
    if (hooks.profileFile) {
      const requests = runs[key].requests;
      profiles[key] = {
        ...summarizeProfile(hooks.profileFile),
        serverCpuMsPerRequest:
          Math.round(((runs[key].cpuCores.server * runs[key].durationS * 1000) / requests) * 100) / 100,
        statementsPerRequest: hooks.statements.map((s) => ({
          sql: s.sql,
          perRequest: Math.round((s.count / requests) * 100) / 100,
          averageMs: Math.round((s.ms / s.count) * 100) / 100,
        })),
      };
    }
    if (serverPid === server.pid && (server.child.exitCode !== null || server.child.signalCode !== null)) {
      throw new Error(`podfit exited during ${name}:\n${server.output()}`);
    }
    const r = runs[key];
    log(
      `  ${r.reqPerSec} req/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, ` +
        `unexpected status ${r.unexpectedStatus}, errors ${r.errors}, timeouts ${r.timeouts}`,
    );
  };
  // With --profile, the server's CPU profiler and SQL statement counts cover the measured phase of the podfit
  // runs only.
  const profiles = {};
  const profileHooks = (label) => {
    if (!OPTIONS.profile) return {};
    const file = `${profileBase}.${label}.cpuprofile`;
    const hooks = {
      beforeMeasured: () => ask(server, { probe: 'start' }, 'started'),
      afterMeasured: async () => {
        hooks.statements = (await ask(server, { probe: 'stop', file }, 'stopped')).statements;
      },
      profileFile: file,
    };
    return hooks;
  };

  // 1. GETs: bare Fastify, then podfit's /healthz.
  const fastifyPort = await freePort();
  const fastifyUrl = `http://127.0.0.1:${fastifyPort}`;
  const ceilingEnv = { BENCH_BODY_LIMIT: String(bodyLimit) };
  let ceiling = await startCeiling(
    'fastify ceiling',
    'bench/http/ceiling-server.mjs',
    ['fastify', String(fastifyPort)],
    ceilingEnv,
  );
  await run(
    'bareGet',
    'bare Fastify GET /hello',
    fastifyUrl,
    ceiling.pid,
    { method: 'GET', path: '/hello' },
    200,
  );
  await run(
    'healthz',
    'podfit GET /healthz',
    baseUrl,
    server.pid,
    { method: 'GET', path: '/healthz' },
    200,
    profileHooks('healthz'),
  );

  // 2. POSTs without a database write: bare Fastify, then podfit's dry run.
  const post = (path) => ({ method: 'POST', path, body: analysisBody });
  await run('barePost', 'bare Fastify POST /echo', fastifyUrl, ceiling.pid, post('/echo'), 200);
  await run(
    'dryRun',
    'podfit POST /v1/analyses?dryRun=true',
    baseUrl,
    server.pid,
    post('/v1/analyses?dryRun=true'),
    200,
    profileHooks('dryRun'),
  );
  await stop(ceiling);

  // 3. Stored: a plain pg INSERT, then podfit's stored analysis.
  const pgPort = await freePort();
  const pgUrl = `http://127.0.0.1:${pgPort}`;
  ceiling = await startCeiling(
    'pg ceiling',
    'bench/http/ceiling-server.mjs',
    ['pg', String(pgPort), ceilingDatabase, templateFile],
    ceilingEnv,
  );
  await run('pgInsert', 'bare Fastify POST /insert (pg INSERT)', pgUrl, ceiling.pid, post('/insert'), 201);
  await run(
    'stored',
    'podfit POST /v1/analyses (stored)',
    baseUrl,
    server.pid,
    post('/v1/analyses'),
    201,
    profileHooks('stored'),
  );
  await stop(ceiling);

  // 4. GraphQL: a NestJS hello, then one stored analysis with its workloads (the fit summary, as a dashboard
  // lists it; no per-node verdicts). GraphQL answers 200 even with errors: one answer is checked first.
  const nestPort = await freePort();
  ceiling = await startCeiling('nest ceiling', 'bench/http/ceiling-server.mjs', ['nest', String(nestPort)]);
  await run(
    'nestGet',
    'NestJS on Fastify GET /hello',
    `http://127.0.0.1:${nestPort}`,
    ceiling.pid,
    { method: 'GET', path: '/hello' },
    200,
  );
  await stop(ceiling);
  const graphqlBody = JSON.stringify({
    query: `query($id: ID!) { analysis(id: $id) { id createdAt inventory { name version } labels { key value }
      workloads { kind namespace name replicas qosClass requests { resource quantity value }
        limits { resource quantity value } fit { feasibleNodes totalNodes message bestNodes }
        warnings { code message } change { summary } } } }`,
    variables: { id: firstView.id },
  });
  const graphqlCheck = await request(baseUrl, 'POST', '/graphql', graphqlBody);
  const graphqlAnswer = graphqlCheck.json();
  if (graphqlCheck.status !== 200 || graphqlAnswer.errors !== undefined || !graphqlAnswer.data?.analysis) {
    throw new Error(`POST /graphql: ${graphqlCheck.status} ${graphqlCheck.text.slice(0, 500)}`);
  }
  await run(
    'graphql',
    'podfit POST /graphql analysis(id)',
    baseUrl,
    server.pid,
    { method: 'POST', path: '/graphql', body: graphqlBody },
    200,
    profileHooks('graphql'),
  );
  await sleep(1_000);
  rss.afterLoad = rssMb(server.pid);
  await readHeap('afterLoad');
  const history = (await query(apiDatabase, 'SELECT count(*)::int AS n FROM analyses')).rows[0].n;

  const ratio = (a, b) => Math.round((runs[a].reqPerSec / runs[b].reqPerSec) * 1000) / 1000;
  // The same comparison by CPU time per request (server + PostgreSQL): steadier than req/s when other work
  // shares the cores, since it does not count the time a request waits for them.
  const cpuRatio = (a, b) => {
    const cost = (key) => runs[key].cpuMsPerRequest.server + runs[key].cpuMsPerRequest.postgres;
    return Math.round((cost(b) / cost(a)) * 1000) / 1000;
  };
  const comparisons = [
    {
      work: 'small REST read (no database)',
      podfit: 'healthz',
      ceiling: 'bareGet',
      ratio: ratio('healthz', 'bareGet'),
      cpuRatio: cpuRatio('healthz', 'bareGet'),
      goal: `>= ${GOALS.restRead * 100}% of bare Fastify GET`,
      met: ratio('healthz', 'bareGet') >= GOALS.restRead,
    },
    {
      work: 'POST /v1/analyses, one Deployment vs 5,000 nodes, stored',
      podfit: 'stored',
      ceiling: 'pgInsert',
      ratio: ratio('stored', 'pgInsert'),
      cpuRatio: cpuRatio('stored', 'pgInsert'),
      p99Ms: runs.stored.latencyMs.p99,
      goal: `>= ${GOALS.stored * 100}% of plain pg INSERT; p99 <= ${GOALS.storedP99Ms} ms at 50 connections`,
      met: ratio('stored', 'pgInsert') >= GOALS.stored && runs.stored.latencyMs.p99 <= GOALS.storedP99Ms,
    },
    {
      work: 'POST /v1/analyses?dryRun=true',
      podfit: 'dryRun',
      ceiling: 'barePost',
      ratio: ratio('dryRun', 'barePost'),
      cpuRatio: cpuRatio('dryRun', 'barePost'),
      goal: `>= ${GOALS.dryRun * 100}% of bare Fastify POST`,
      met: ratio('dryRun', 'barePost') >= GOALS.dryRun,
    },
    {
      work: 'GraphQL: one analysis with its workloads',
      podfit: 'graphql',
      ceiling: 'nestGet',
      ratio: ratio('graphql', 'nestGet'),
      cpuRatio: cpuRatio('graphql', 'nestGet'),
      goal: `>= ${GOALS.graphql * 100}% of a NestJS-on-Fastify hello`,
      met: ratio('graphql', 'nestGet') >= GOALS.graphql,
    },
    {
      work: 'server idle RSS, just started',
      rssMb: round1(rss.afterStart),
      goal: `<= ${GOALS.idleRssMb} MB`,
      met: rss.afterStart <= GOALS.idleRssMb,
    },
    {
      work: `server idle RSS, ${inventory.nodeCount}-node inventory loaded`,
      rssMb: round1(rss.idleWithInventory),
      goal: `<= ${GOALS.idleRssMb} MB`,
      met: rss.idleWithInventory <= GOALS.idleRssMb,
    },
    {
      work: `${inventory.nodeCount}-node inventory held in the server (RSS growth)`,
      rssMb: round1(rss.idleWithInventory - rss.afterRestart),
      goal: `<= ${GOALS.inventoryMb} MB`,
      met: rss.idleWithInventory - rss.afterRestart <= GOALS.inventoryMb,
    },
  ];

  const results = {
    date: new Date().toISOString(),
    ...gitCommit(),
    node: process.version,
    machine: { cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    options: { ...OPTIONS, bodyLimit },
    profiled: OPTIONS.profile,
    inventory: {
      nodes: inventory.nodeCount,
      pods: inventory.podCount,
      jsonMB: Math.round((inventoryBody.length / 2 ** 20) * 10) / 10,
      createMs: created.ms,
    },
    analysis: {
      requestBytes: analysisBody.length,
      responseBytes: first.value.text.length,
      firstMs: first.ms,
      storedResultJsonBytes: Number(row.result_bytes),
      storedManifestJsonBytes: Number(row.manifest_bytes),
      storedBytesOnDisk: Number(row.stored_bytes),
      feasibleNodes: workload.fit.feasibleNodes,
      totalNodes: workload.fit.totalNodes,
      analysesStoredAfterRun: history,
    },
    server: {
      ...(OPTIONS.profile ? { heapAfterFullGc: heap } : {}),
      startMs,
      rssMb: Object.fromEntries(Object.entries(rss).map(([k, v]) => [k, Math.round(v * 10) / 10])),
    },
    runs,
    comparisons,
    ...(OPTIONS.profile ? { profiles } : {}),
    elapsedS: Math.round((Date.now() - started) / 1000),
  };
  writeFileSync(join(RESULTS_DIR, 'http-latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  printTable(results);
  for (const [label, summary] of Object.entries(profiles)) {
    printProfile(summary, label);
    console.log(`  server CPU per request: ${summary.serverCpuMsPerRequest} ms; SQL statements per request:`);
    for (const statement of summary.statementsPerRequest) {
      console.log(
        `    ${String(statement.perRequest).padStart(5)} x ${String(statement.averageMs).padStart(7)} ms  ${statement.sql}`,
      );
    }
  }
  if (OPTIONS.profile) console.log(`\nlive heap after a full GC: ${JSON.stringify(heap)}`);
  if (OPTIONS.profile) log(`CPU profiles (open in Chrome DevTools): ${profileDir}`);
  log(`wrote ${RESULTS_DIR}/http-latest.json (${results.elapsedS} s in all)`);
}

function printTable(results) {
  const { runs, comparisons, server } = results;
  const pad = (text, width) => String(text).padEnd(width);
  const padStart = (text, width) => String(text).padStart(width);
  console.log(
    `\npodfit bench:http — node ${results.node}, ${results.machine.cores} cores, commit ${results.commit}` +
      `${results.uncommittedChangesInApp ? ' (+ uncommitted changes)' : ''}, ${results.date}` +
      `${results.profiled ? ' — PROFILED, not for recording' : ''}`,
  );
  console.log(
    `${pad('run', 42)}${padStart('req/s', 8)}${padStart('p50 ms', 8)}${padStart('p99 ms', 8)}` +
      `${padStart('bad', 6)}${padStart('err', 5)}  CPU ms/request: server, postgres; cores used by others`,
  );
  for (const r of Object.values(runs)) {
    console.log(
      `${pad(r.name, 42)}${padStart(r.reqPerSec, 8)}${padStart(r.latencyMs.p50, 8)}${padStart(r.latencyMs.p99, 8)}` +
        `${padStart(r.unexpectedStatus, 6)}${padStart(r.errors + r.timeouts, 5)}  ` +
        `${padStart(r.cpuMsPerRequest.server.toFixed(3), 7)} ${padStart(r.cpuMsPerRequest.postgres.toFixed(3), 7)}   ${r.cpuCores.others.toFixed(2)}`,
    );
  }
  console.log('');
  for (const c of comparisons) {
    const figure =
      c.ratio !== undefined
        ? `${(c.ratio * 100).toFixed(0)}% of ${runs[c.ceiling].name}${c.p99Ms !== undefined ? `, p99 ${c.p99Ms} ms` : ''}` +
          ` (by CPU per request: ${(c.cpuRatio * 100).toFixed(0)}%)`
        : `${c.rssMb} MB`;
    console.log(`${c.met ? 'MET ' : 'MISS'}  ${pad(c.work, 58)} ${figure}\n      goal ${c.goal}`);
  }
  const r = server.rssMb;
  console.log(
    `server RSS: ${r.afterStart} MB after start, ${r.afterInventoryCreate} MB after creating the inventory; ` +
      `restarted: ${r.afterRestart} MB, ${r.idleWithInventory} MB idle with the inventory loaded, ` +
      `${r.afterLoad} MB after the load`,
  );
}

try {
  await main();
} catch (error) {
  console.error(`bench:http failed: ${error instanceof Error ? error.stack : String(error)}`);
  if (podfit !== null && (podfit.child.exitCode !== null || podfit.child.signalCode !== null)) {
    const how = podfit.child.exitCode ?? podfit.child.signalCode;
    console.error(`podfit server exited (${how}); its last output:\n${podfit.output().slice(-4000)}`);
  }
  process.exitCode = 1;
} finally {
  await cleanup();
}
