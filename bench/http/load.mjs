// One measured run: autocannon (programmatic) against a URL after a short unrecorded warm-up, with who used
// the two cores meanwhile (server, load generator, PostgreSQL, whole machine) read from /proc.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import autocannon from 'autocannon';

const CLOCK_TICKS = 100; // USER_HZ on Linux

function machineTicks() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = fields[3] + fields[4];
  return { total, busy: total - idle };
}

function processTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}

/** CPU ticks of each `postgres` process by pid (the server is shared: other users' work counts too). */
function postgresTicks() {
  const ticks = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(entry, Number(fields[11]) + Number(fields[12]));
    } catch {
      // exited meanwhile
    }
  }
  return ticks;
}

function cpuSnapshot(serverPid) {
  return {
    at: process.hrtime.bigint(),
    machine: machineTicks(),
    server: processTicks(serverPid),
    postgres: postgresTicks(),
    self: process.cpuUsage(),
  };
}

/** Cores used between two snapshots (1.0 = one core busy all the time). */
function cpuBetween(a, b) {
  const seconds = Number(b.at - a.at) / 1e9;
  const cores = (ticks) => Math.round((ticks / CLOCK_TICKS / seconds) * 100) / 100;
  const selfMicros = b.self.user + b.self.system - (a.self.user + a.self.system);
  // Backends that exited meanwhile are lost; those that started count from zero.
  let postgres = 0;
  for (const [pid, ticks] of b.postgres) postgres += ticks - (a.postgres.get(pid) ?? 0);
  const round = (value) => Math.round(value * 100) / 100;
  const used = {
    server: cores(b.server - a.server),
    loadGenerator: round(selfMicros / 1e6 / seconds),
    postgres: cores(postgres),
    machine: round(((b.machine.busy - a.machine.busy) / (b.machine.total - a.machine.total)) * cpus().length),
  };
  // Whatever else ran on the machine meanwhile (other work sharing the cores).
  return {
    ...used,
    others: round(Math.max(0, used.machine - used.server - used.loadGenerator - used.postgres)),
  };
}

function perRequest(cores, result) {
  if (result.requests.total === 0) return null;
  return Math.round(((cores * result.duration * 1000) / result.requests.total) * 1000) / 1000;
}

function cannon(options, onTick) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    if (onTick) instance.on('tick', onTick);
  });
}

/**
 * Runs `warmup` seconds unrecorded, then `duration` seconds measured.
 * `request`: {method, path, body?}; `expect`: the status a good answer has; `beforeMeasured` and
 * `afterMeasured`, when given, are called around the measured phase.
 */
export async function measure(spec) {
  const { name, baseUrl, request, expect, connections, duration, warmup, serverPid } = spec;
  const options = {
    url: baseUrl + request.path,
    method: request.method,
    connections,
    timeout: 10,
    headers: request.body === undefined ? {} : { 'content-type': 'application/json' },
    ...(request.body === undefined ? {} : { body: request.body }),
  };
  if (warmup > 0) await cannon({ ...options, duration: warmup });
  const perSecond = [];
  await spec.beforeMeasured?.();
  const before = cpuSnapshot(serverPid);
  const result = await cannon({ ...options, duration }, ({ counter }) => perSecond.push(counter));
  if (perSecond.at(-1) === 0) perSecond.pop(); // autocannon's tick after it stopped
  const cpu = cpuBetween(before, cpuSnapshot(serverPid));
  await spec.afterMeasured?.();
  const expected = result.statusCodeStats?.[expect]?.count ?? 0;
  return {
    name,
    method: request.method,
    url: options.url,
    connections,
    durationS: result.duration,
    requests: result.requests.total,
    reqPerSec: Math.round(result.requests.total / result.duration),
    latencyMs: {
      p50: result.latency.p50,
      p99: result.latency.p99,
      average: Math.round(result.latency.average * 100) / 100,
      max: result.latency.max,
    },
    expectedStatus: expect,
    expectedCount: expected,
    unexpectedStatus: result.requests.total - expected,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]),
    ),
    perSecond,
    cpuCores: cpu,
    // CPU time per completed request: what a request costs, whatever the machine's other load.
    cpuMsPerRequest: {
      server: perRequest(cpu.server, result),
      postgres: perRequest(cpu.postgres, result),
    },
  };
}
