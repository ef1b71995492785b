// `podfit token create|list|revoke`, the real binary against a real (test) PostgreSQL database: the secret
// once on stdout, a note on stderr, kubectl-style tables, one `error: …` line and exit 2 for a missing,
// unreachable or unmigrated database, and a token that the server then accepts, until it is revoked.
import { createHash } from 'node:crypto';
import { dump } from 'js-yaml';
import { type Client } from 'pg';
import { MIGRATIONS_DIR } from '../../apps/api/src/database/database.service';
import { migrate, readMigrations } from '../../apps/api/src/database/migrator';
import { startTestApp } from '../e2e/support/test-app';
import { connectTo, createTestDatabase, type TestDatabase } from '../e2e/support/test-database';
import { runPodfitAsync } from './podfit-async';
import { kubectlTable } from './podfit-binary';

jest.setTimeout(60_000);

const SECRET = /^podfit_[A-Za-z0-9_-]{43}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('podfit token against the database', () => {
  let database: TestDatabase;
  let client: Client;
  let where: string;
  const token = (args: string[]) =>
    runPodfitAsync(['token', ...args], { env: { DATABASE_URL: database.url! } });
  const error = (line: string) => ({ code: 2, stdout: '', stderr: `error: ${line}\n` });

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    client = await connectTo(database);
    const url = new URL(database.url!);
    where = `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('says in one line what is wrong with the database, and exits 2', async () => {
    expect(await runPodfitAsync(['token', 'list'])).toEqual(
      error(
        "must specify --database-url (or set DATABASE_URL): the podfit server's PostgreSQL, where its tokens are",
      ),
    );
    expect(
      await runPodfitAsync(['token', 'list', '--database-url', 'mysql://root:secret@db/podfit']),
    ).toEqual(error('--database-url: must be a postgres:// or postgresql:// URL'));
    expect(
      await runPodfitAsync(['token', 'revoke', 'ci'], {
        env: { DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/podfit' },
      }),
    ).toEqual(
      error('cannot connect to the database at 127.0.0.1:1/podfit: connect ECONNREFUSED 127.0.0.1:1'),
    );
    expect(await token(['create', 'ci', '--scope', 'admin'])).toEqual(
      error(
        `the database at ${where} has no api_tokens table: it is not migrated; run \`npm run db:migrate\` or start the server once`,
      ),
    );
  });

  describe('on a migrated database', () => {
    beforeAll(async () => {
      await migrate({ connectionString: database.url! }, await readMigrations(MIGRATIONS_DIR));
    });

    it('lists nothing at first, on stderr as kubectl does', async () => {
      expect(await token(['list'])).toEqual({ code: 0, stdout: '', stderr: 'No tokens found.\n' });
      expect(await token(['list', '-o', 'json'])).toEqual({
        code: 0,
        stdout: '{\n  "items": []\n}\n',
        stderr: '',
      });
    });

    it('creates a token: the secret alone on stdout, a note on stderr, only its sha256 stored', async () => {
      const run = await token(['create', 'ci', '--scope', 'analyze', '--scope', 'read', '--expires', '90d']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`${SECRET.source.slice(0, -1)}\\n$`));
      const secret = run.stdout.trimEnd();
      const { rows } = await client.query('SELECT * FROM api_tokens WHERE name = $1', ['ci']);
      expect(rows).toEqual([
        {
          id: expect.stringMatching(UUID),
          name: 'ci',
          token_hash: createHash('sha256').update(secret).digest('hex'),
          prefix: secret.slice(0, 12),
          scopes: ['read', 'analyze'],
          created_at: expect.any(Date),
          expires_at: expect.any(Date),
          revoked_at: null,
          last_used_at: null,
        },
      ]);
      const row = rows[0] as { id: string; created_at: Date; expires_at: Date };
      expect(Math.abs(row.expires_at.getTime() - row.created_at.getTime() - 90 * 86_400_000)).toBeLessThan(
        5_000,
      );
      expect(run.stderr).toBe(
        `token/ci created (id ${row.id}, scopes read,analyze, expires ${row.expires_at.toISOString()}). ` +
          'Its secret is shown this once and stored nowhere: keep it now (the podfit CLI sends $PODFIT_TOKEN).\n',
      );
    });

    it('creates a token as JSON with -o json, the secret in `token`', async () => {
      const run = await token(['create', 'ops', '--scope', 'admin', '-o', 'json']);
      expect(run.code).toBe(0);
      const created = JSON.parse(run.stdout) as { token: string; id: string };
      expect(created).toEqual({
        id: expect.stringMatching(UUID),
        name: 'ops',
        prefix: created.token.slice(0, 12),
        scopes: ['admin'],
        status: 'active',
        createdAt: expect.stringMatching(ISO),
        expiresAt: null,
        revokedAt: null,
        lastUsedAt: null,
        token: expect.stringMatching(SECRET),
      });
      expect(run.stderr).toBe(
        `token/ops created (id ${created.id}, scopes admin, never expires). ` +
          'Its secret is shown this once and stored nowhere: keep it now (the podfit CLI sends $PODFIT_TOKEN).\n',
      );
    });

    it('refuses a bad name, scope or expiry, or a taken name, in one line, exit 2, storing nothing', async () => {
      const before = await client.query('SELECT count(*)::int AS n FROM api_tokens');
      const cases: Array<[string[], string]> = [
        [
          ['create', 'CI', '--scope', 'read'],
          'token name "CI" must be a DNS label: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit, and not a UUID',
        ],
        [['create', 'nothing'], 'give the token at least one --scope: read, analyze or admin'],
        [
          ['create', 'root', '--scope', 'read,root'],
          '--scope: unknown scope "root": must be one of read, analyze, admin',
        ],
        [['create', 'twice', '--scope', 'read', '--scope', 'read'], '--scope: must name each scope once'],
        [
          ['create', 'someday', '--scope', 'read', '--expires', 'someday'],
          '--expires "someday": must be a duration such as 90d, 12h or 30m, or an RFC 3339 time such as 2027-01-31T00:00:00Z, in the future',
        ],
        [
          ['create', 'past', '--scope', 'read', '--expires', '2020-01-01T00:00:00Z'],
          '--expires "2020-01-01T00:00:00Z": must be in the future (2020-01-01T00:00:00.000Z is not)',
        ],
        [
          ['create', 'ci', '--scope', 'read'],
          'a token named "ci" exists already (revoked tokens keep their names); choose another name',
        ],
        [
          ['create', 'table', '--scope', 'read', '-o', 'table'],
          'unable to match a printer suitable for the output format "table", allowed formats are: token,json',
        ],
        [
          ['list', '-o', 'wide'],
          'unable to match a printer suitable for the output format "wide", allowed formats are: table,json,yaml',
        ],
      ];
      for (const [args, line] of cases) {
        expect({ args, run: await token(args) }).toEqual({ args, run: error(line) });
      }
      expect((await client.query('SELECT count(*)::int AS n FROM api_tokens')).rows).toEqual(before.rows);
    });

    it('lists the tokens as a kubectl table, without headers, or as JSON or YAML; never a secret or hash', async () => {
      const { rows } = await client.query<{
        id: string;
        name: string;
        prefix: string;
        scopes: string[];
        created_at: Date;
        expires_at: Date | null;
        token_hash: string;
      }>('SELECT * FROM api_tokens ORDER BY created_at DESC, id DESC');
      const cells = rows.map((row) => [
        row.name,
        row.prefix,
        row.scopes.join(','),
        'active',
        row.created_at.toISOString(),
        row.expires_at?.toISOString() ?? '<none>',
        '<none>',
        row.id,
      ]);
      const headers = ['NAME', 'PREFIX', 'SCOPES', 'STATUS', 'CREATED', 'EXPIRES', 'LAST USED', 'ID'];
      expect(await token(['list'])).toEqual({
        code: 0,
        stdout: kubectlTable([headers, ...cells]),
        stderr: '',
      });
      const noHeaders = await token(['list', '--no-headers']);
      expect(noHeaders).toEqual({ code: 0, stdout: kubectlTable(cells), stderr: '' });
      const items = rows.map((row) => ({
        id: row.id,
        name: row.name,
        prefix: row.prefix,
        scopes: row.scopes,
        status: 'active',
        createdAt: row.created_at.toISOString(),
        expiresAt: row.expires_at?.toISOString() ?? null,
        revokedAt: null,
        lastUsedAt: null,
      }));
      const json = await token(['list', '-o', 'json']);
      expect(JSON.parse(json.stdout)).toEqual({ items });
      const yaml = await token(['list', '-o', 'yaml']);
      expect(yaml.stdout).toBe(dump({ items }, { noRefs: true, lineWidth: -1, seqNoIndent: true }));
      for (const row of rows) expect(json.stdout + yaml.stdout).not.toContain(row.token_hash);
    });

    it('revokes by name or id, says when a token was revoked already, and refuses an unknown one', async () => {
      const { rows } = await client.query<{ id: string }>("SELECT id FROM api_tokens WHERE name = 'ops'");
      expect(await token(['revoke', 'ci'])).toEqual({ code: 0, stdout: 'token/ci revoked\n', stderr: '' });
      expect(await token(['revoke', rows[0]!.id])).toEqual({
        code: 0,
        stdout: 'token/ops revoked\n',
        stderr: '',
      });
      const revokedAt = (await client.query("SELECT revoked_at FROM api_tokens WHERE name = 'ci'")).rows[0]
        .revoked_at as Date;
      expect(await token(['revoke', 'ci'])).toEqual({
        code: 0,
        stdout: `token/ci was revoked already, at ${revokedAt.toISOString()}\n`,
        stderr: '',
      });
      expect(await token(['revoke', 'nobody'])).toEqual(error('token "nobody" not found'));
      expect(await token(['revoke', '00000000-0000-4000-8000-000000000000'])).toEqual(
        error('token "00000000-0000-4000-8000-000000000000" not found'),
      );
      const listed = await token(['list', '--no-headers']);
      expect(
        listed.stdout
          .split('\n')
          .filter(Boolean)
          .map((line) => line.split(/ +/).slice(0, 4)),
      ).toEqual([
        ['ops', expect.any(String), 'admin', 'revoked'],
        ['ci', expect.any(String), 'read,analyze', 'revoked'],
      ]);
    });

    it('makes the first token of a server that requires them, which it accepts until the token is revoked', async () => {
      const app = await startTestApp(database, { PODFIT_AUTH: 'required' });
      try {
        await app.http().get('/v1/tokens').expect(401);
        const created = await token(['create', 'first-admin', '--scope', 'admin']);
        const authorization = `Bearer ${created.stdout.trimEnd()}`;
        const listed = await app.http().get('/v1/tokens').set('authorization', authorization).expect(200);
        expect((listed.body.items as Array<{ name: string }>).map((item) => item.name)).toEqual([
          'first-admin',
          'ops',
          'ci',
        ]);
        await token(['revoke', 'first-admin']);
        await app.http().get('/v1/tokens').set('authorization', authorization).expect(401);
      } finally {
        await app.close();
      }
    });
  });
});
