// Preloaded into the podfit server by `npm run bench:http -- --profile` (node --import), which starts the
// server with an IPC channel. It changes nothing until asked:
//   {probe: 'start'}  starts V8's CPU profiler and counts the server's SQL statements (pg Client#query);
//   {probe: 'stop', file}  stops both, writes the profile to `file`, answers {stopped: {statements}};
//   {probe: 'memory'}  runs a full GC and answers {memory: process.memoryUsage()} (live heap, not RSS).
// Unlike `node --cpu-prof`, it covers only the measured phase and needs no clean exit. (IPC, not a signal:
// Nest's enableShutdownHooks() takes SIGUSR2 and the other usual ones as a request to shut down.)
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

if (process.send !== undefined) {
  const session = new Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );

  // The same `pg` module instance the server loads (one node_modules, one require cache).
  const { Client } = createRequire(import.meta.url)('pg');
  const originalQuery = Client.prototype.query;
  let statements = null;
  // pg.Pool#query calls Client#query with a callback; Prisma's transactions call it for a promise.
  Client.prototype.query = function query(config, ...rest) {
    const counting = statements;
    if (counting === null) return originalQuery.call(this, config, ...rest);
    const text = typeof config === 'string' ? config : (config?.text ?? '');
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 90);
    const start = process.hrtime.bigint();
    const record = () => {
      const entry = counting.get(key) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += Number(process.hrtime.bigint() - start) / 1e6;
      counting.set(key, entry);
    };
    const last = rest.length - 1;
    if (last >= 0 && typeof rest[last] === 'function') {
      const callback = rest[last];
      rest[last] = function counted(...args) {
        record();
        return callback.apply(this, args);
      };
      return originalQuery.call(this, config, ...rest);
    }
    const result = originalQuery.call(this, config, ...rest);
    if (typeof result?.then === 'function') result.then(record, record);
    return result;
  };

  process.channel?.unref();
  process.on('message', (message) => {
    if (message?.probe === 'start') {
      statements = new Map();
      void post('Profiler.enable')
        .then(() => post('Profiler.setSamplingInterval', { interval: 200 }))
        .then(() => post('Profiler.start'))
        .then(() => process.send({ started: true }));
    } else if (message?.probe === 'stop') {
      const counted = [...(statements ?? new Map())].map(([sql, { count, ms }]) => ({
        sql,
        count,
        ms: Math.round(ms),
      }));
      statements = null;
      void post('Profiler.stop').then(({ profile }) => {
        writeFileSync(message.file, JSON.stringify(profile));
        process.send({ stopped: { statements: counted.sort((a, b) => b.count - a.count) } });
      });
    } else if (message?.probe === 'memory') {
      setFlagsFromString('--expose-gc');
      runInNewContext('gc')();
      process.send({ memory: process.memoryUsage() });
    }
  });
}
