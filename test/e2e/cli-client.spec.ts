// The CLI as a client of the real server (both real binaries, PostgreSQL): what `podfit analyze --server`
// prints equals what `podfit analyze` prints offline on the same files, byte for byte.
import { runPodfitAsync } from '../cli/podfit-async';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { createTestDatabase, type TestDatabase } from './support/test-database';

jest.setTimeout(60_000);

const OFFLINE = ['analyze', '-f', 'app.yaml', '--nodes', 'nodes.json', '--pods', 'pods.json'];

describe('podfit CLI against the podfit server', () => {
  let database: TestDatabase;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    server = await startServerProcess({ DATABASE_URL: database.url!, LOG_LEVEL: 'warn' });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('imports an inventory from kubectl output', async () => {
    const run = await runPodfitAsync([
      'inventory',
      'import',
      'prod',
      '--nodes',
      'nodes.json',
      '--pods',
      'pods.json',
      '--server',
      server.url,
    ]);
    expect(run).toEqual({
      code: 0,
      stdout: 'inventory/prod imported: 6 nodes, 9 pods (version 1)\n',
      stderr: '',
    });
  });

  it('prints the same table and findings as offline, then the stored id', async () => {
    const offline = await runPodfitAsync(OFFLINE);
    const client = await runPodfitAsync([
      'analyze',
      '-f',
      'app.yaml',
      '--inventory',
      'prod',
      '--server',
      server.url,
    ]);
    expect(client.code).toBe(offline.code);
    expect(client.stdout).toBe(offline.stdout);
    const stored = /^analysis ([0-9a-f-]{36}) stored\n$/m.exec(client.stderr);
    expect(stored).not.toBeNull();
    expect(client.stderr.replace(stored![0], '')).toBe(offline.stderr);
  });

  it('prints the same JSON as offline, each workload with what changed since the last run', async () => {
    const offline = await runPodfitAsync([...OFFLINE, '-o', 'json']);
    const client = await runPodfitAsync(['analyze', '-f', 'app.yaml', '--inventory', 'prod', '-o', 'json'], {
      env: { PODFIT_SERVER: server.url },
    });
    expect(client.code).toBe(offline.code);
    const result = JSON.parse(client.stdout) as { workloads: Array<{ change: { summary: string } | null }> };
    expect(result.workloads.map((workload) => workload.change?.summary)).toEqual(
      result.workloads.map(() => 'no change'),
    );
    const withoutChange = {
      ...result,
      workloads: result.workloads.map(({ change: _change, ...workload }) => workload),
    };
    expect(withoutChange).toEqual(JSON.parse(offline.stdout));
  });
});

describe('podfit CLI against a podfit server that requires tokens', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  const tokens: Record<'analyze' | 'read', string> = { analyze: '', read: '' };

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    server = await startServerProcess({
      DATABASE_URL: database.url!,
      LOG_LEVEL: 'warn',
      PODFIT_AUTH: 'required',
    });
    for (const scope of ['analyze', 'read'] as const) {
      const made = await runPodfitAsync(['token', 'create', `ci-${scope}`, '--scope', scope], {
        env: { DATABASE_URL: database.url! },
      });
      expect(made.code).toBe(0);
      tokens[scope] = made.stdout.trimEnd();
    }
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const analyze = (env: Record<string, string>) =>
    runPodfitAsync(['analyze', '-f', 'app.yaml', '--server', server.url, '--dry-run'], { env });

  it('sends $PODFIT_TOKEN, and prints what offline prints', async () => {
    const offline = await runPodfitAsync(['analyze', '-f', 'app.yaml']);
    const client = await analyze({ PODFIT_TOKEN: tokens.analyze });
    expect(client).toEqual(offline);
  });

  it("reports the server's 401 and 403 as kubectl reports a server's error, exit 2", async () => {
    expect(await analyze({})).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'Error from server (unauthorized): this request needs an API token: send `Authorization: Bearer <token>` ' +
        '(an admin creates tokens with `podfit token create NAME --scope SCOPE`)\n',
    });
    const forbidden = await analyze({ PODFIT_TOKEN: tokens.read });
    expect(forbidden).toEqual({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/^Error from server \(forbidden\): .*\n$/),
    });
    expect(forbidden.stderr).toContain('analyze');
  });
});
