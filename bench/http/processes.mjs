// Child processes of `npm run bench:http`: every one is tracked, so a failure or Ctrl-C still ends them all
// (each by its own pid: only processes this bench started).
import { fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const children = new Set();

/** A free TCP port on loopback. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function track(child, name) {
  const output = [];
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const handle = { name, child, pid: child.pid, exited, output: () => output.join('') };
  children.add(handle);
  void exited.then(() => children.delete(handle));
  return handle;
}

/** Starts `node script args` with IPC and waits for its {ready: true} message. */
export async function startCeiling(name, script, args, env = {}) {
  const child = fork(script, args, {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, ...env },
  });
  const handle = track(child, name);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start in 15 s:\n${handle.output()}`)),
      15_000,
    );
    child.once('message', (message) => {
      clearTimeout(timer);
      if (message?.ready) resolve();
      else reject(new Error(`${name}: unexpected message ${JSON.stringify(message)}`));
    });
    void handle.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${handle.output()}`));
    });
  });
  return handle;
}

/** Spawns `node ...args`, output kept for error messages; with an IPC channel only when `ipc`. */
export function startNode(name, args, env, { ipc = false } = {}) {
  const stdio = ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc'] : [])];
  const child = spawn(process.execPath, args, { stdio, env });
  return track(child, name);
}

/** Sends `message` over IPC and resolves with the first answer that has `replyKey`. */
export function ask(handle, message, replyKey, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      handle.child.off('message', onMessage);
      reject(new Error(`${handle.name}: no ${replyKey} answer in ${timeoutMs / 1000} s`));
    }, timeoutMs);
    const onMessage = (answer) => {
      if (answer?.[replyKey] === undefined) return;
      clearTimeout(timer);
      handle.child.off('message', onMessage);
      resolve(answer[replyKey]);
    };
    handle.child.on('message', onMessage);
    handle.child.send(message);
  });
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
export async function stop(handle, graceMs = 5_000) {
  if (handle.child.exitCode !== null || handle.child.signalCode !== null) return;
  handle.child.kill('SIGTERM');
  const timer = setTimeout(() => handle.child.kill('SIGKILL'), graceMs);
  await handle.exited;
  clearTimeout(timer);
}

export async function stopAll() {
  await Promise.all([...children].map((handle) => stop(handle)));
}

/** Last resort on process exit: nothing asynchronous can run, so SIGKILL what is left. */
export function killAllNow() {
  for (const handle of children) {
    try {
      handle.child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Resident set size of a process in MB, from /proc/<pid>/status (VmRSS). */
export function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
  return kb / 1024;
}
