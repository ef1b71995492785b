// The embedded default: PGlite (PostgreSQL compiled to WebAssembly) with its files in a folder, served on
// a loopback port by pglite-socket, so the server reaches it through the very same `pg` + Prisma adapter
// path as a real PostgreSQL server.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';

export interface EmbeddedPostgres {
  readonly connectionString: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** Starts PGlite on `dataDir` (created if missing) and a socket server on 127.0.0.1:<free port>. */
export async function startEmbeddedPostgres(
  dataDir: string,
  maxConnections: number,
): Promise<EmbeddedPostgres> {
  const absolute = resolve(dataDir);
  await mkdir(absolute, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create({ dataDir: absolute });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  const address = server.getServerConn();
  return {
    connectionString: `postgresql://postgres@${address}/postgres`,
    dataDir: absolute,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
