// The ceilings DESIGN.md compares podfit's HTTP figures with, each run by `npm run bench:http` in its own
// child process (so the load generator never shares their event loop):
//   node bench/http/ceiling-server.mjs fastify <port>
//     GET /hello -> {"status":"ok"}; POST /echo takes the podfit analysis body (JSON) -> a small JSON.
//   node bench/http/ceiling-server.mjs pg <port> <databaseUrl> <rowTemplateFile>
//     POST /insert takes the same body and does one plain `pg` INSERT of a JSONB row (the manifest of the
//     body and a stored analysis' result, as podfit stores it) through a pg.Pool of 10.
//   node bench/http/ceiling-server.mjs nest <port>
//     GET /hello -> {"status":"ok"} from a NestJS controller on the Fastify adapter (the GraphQL ceiling).
// Ready when it sends {ready: true} over IPC; SIGTERM closes it.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import Fastify from 'fastify';
import pg from 'pg';

const [mode, portText, databaseUrl, rowTemplateFile] = process.argv.slice(2);
const port = Number(portText);
// The same body limit podfit runs with in the bench, so both parse the same bodies.
const bodyLimit = Number(process.env.BENCH_BODY_LIMIT ?? 3 * 1024 * 1024);
let app = Fastify({ logger: false, bodyLimit });
let pool;

if (mode === 'nest') {
  // Decorators applied by hand: this file is plain JavaScript.
  class HelloController {
    hello() {
      return { status: 'ok' };
    }
  }
  const hello = Object.getOwnPropertyDescriptor(HelloController.prototype, 'hello');
  Get('hello')(HelloController.prototype, 'hello', hello);
  Controller()(HelloController);
  class HelloModule {}
  Module({ controllers: [HelloController] })(HelloModule);
  app = await NestFactory.create(HelloModule, new FastifyAdapter({ logger: false, bodyLimit }), {
    logger: false,
  });
} else if (mode === 'fastify') {
  app.get('/hello', async () => ({ status: 'ok' }));
  app.post('/echo', async (request) => {
    const body = request.body;
    return { ok: true, bytes: typeof body?.manifest === 'string' ? body.manifest.length : 0 };
  });
} else if (mode === 'pg') {
  const template = JSON.parse(readFileSync(rowTemplateFile, 'utf8'));
  pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  pool.on('error', () => {});
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_rows (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at timestamptz NOT NULL DEFAULT now(),
    inventory_name text,
    document jsonb NOT NULL)`);
  app.post('/insert', async (request, reply) => {
    const { manifest, inventory } = request.body;
    const document = { manifest: { files: [{ name: 'manifest', content: manifest }] }, result: template };
    const { rows } = await pool.query(
      'INSERT INTO bench_rows (inventory_name, document) VALUES ($1, $2) RETURNING id',
      [inventory ?? null, JSON.stringify(document)],
    );
    void reply.status(201);
    return { id: rows[0].id };
  });
} else {
  process.stderr.write(`ceiling-server: unknown mode ${mode}\n`);
  process.exit(2);
}

async function close() {
  await app.close();
  await pool?.end();
  process.exit(0);
}
process.on('SIGTERM', () => void close());
process.on('SIGINT', () => void close());
process.on('disconnect', () => void close());

await (mode === 'nest' ? app.listen(port, '127.0.0.1') : app.listen({ port, host: '127.0.0.1' }));
process.send?.({ ready: true, port });
