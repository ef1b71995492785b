// Every bad manifest of test/fixtures/bad/ (RELIABILITY rows 3-19) posted raw to the server: it answers as
// the CLI exits (input that cannot be read: 400 `malformed-input`; a workload the API server would reject:
// 422 `invalid-manifest`; otherwise 201), reports each problem in the very words the CLI prints, never a 500,
// stores nothing it rejects, and stays healthy after the alias bombs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem } from '@podfit/manifests';
import { BAD_FIXTURES, runPodfit } from '../cli/podfit-binary';
import { analysisRowCounts, startTestApp, type TestApp } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-database';

jest.setTimeout(60_000);

const WORKLOAD_FIXTURES = readdirSync(BAD_FIXTURES).filter((name) => !name.startsWith('row-24-'));
const EXPECTED_STATUS: Record<number, number> = { 0: 201, 1: 422, 2: 400 };

interface Detail {
  file: string;
  document: number;
  path: string;
  line?: number;
  message: string;
}

describe('bad manifests through POST /v1/analyses', () => {
  let database: TestDatabase;
  let server: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    server = await startTestApp(database);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it.each(WORKLOAD_FIXTURES)(
    '%s: the CLI exit code and error lines, as a status and details',
    async (name) => {
      const offline = runPodfit(['analyze', '-f', name, '--validate=warn', '-o', 'json'], {
        cwd: BAD_FIXTURES,
      });
      const before = await analysisRowCounts(server.app!);
      const started = Date.now();
      const res = await server
        .http()
        .post(`/v1/analyses?filename=${name}`)
        .set('content-type', 'application/yaml')
        .send(readFileSync(join(BAD_FIXTURES, name)));
      const elapsedMs = Date.now() - started;

      expect(res.status).toBe(EXPECTED_STATUS[offline.code!]);
      expect(elapsedMs).toBeLessThan(5_000);
      if (res.status === 201) {
        expect(res.body.workloads.map(({ change: _c, ...w }: { change: unknown }) => w)).toEqual(
          JSON.parse(offline.stdout).workloads,
        );
        return;
      }
      expect(res.body.code).toBe(res.status === 400 ? 'malformed-input' : 'invalid-manifest');
      expect(await analysisRowCounts(server.app!)).toEqual(before);
      const offlineErrors = offline.stderr
        .split('\n')
        .filter((line) => line.startsWith('error: '))
        .map((line) => line.slice('error: '.length));
      const serverErrors = (res.body.details as Detail[]).map((detail) => formatProblem(detail));
      expect(serverErrors).toEqual(offlineErrors);
    },
  );

  it('is still healthy after the alias bombs', async () => {
    await server.http().get('/healthz').expect(200, { status: 'ok', info: {}, error: {}, details: {} });
  });
});
