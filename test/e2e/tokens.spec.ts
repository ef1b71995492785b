// Managing API tokens through the real HTTP server on PostgreSQL, over REST and GraphQL: create (the secret
// once, only its sha256 stored), list (never a secret or hash), revoke (at once), the input rules, and all
// of it under `admin`.
import { createHash } from 'node:crypto';
import { type Client } from 'pg';
import { createToken } from '../../apps/api/src/tokens/api-tokens';
import { startTestApp, type TestApp } from './support/test-app';
import { connectTo, createTestDatabase, type TestDatabase } from './support/test-database';

jest.setTimeout(60_000);

const SECRET = /^podfit_[A-Za-z0-9_-]{43}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NAME_RULE =
  'must be a DNS label: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit, and not a UUID';
const DAY_MS = 86_400_000;

describe('API tokens over REST and GraphQL', () => {
  let database: TestDatabase;
  let app: TestApp;
  let client: Client;
  let adminSecret: string;
  let readerSecret: string;

  const as = (secret: string) => ({ authorization: `Bearer ${secret}` });
  const graphql = (query: string, secret: string = adminSecret) =>
    app.http().post('/graphql').set(as(secret)).set('content-type', 'application/json').send({ query });

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    app = await startTestApp(database, { PODFIT_AUTH: 'required' });
    client = await connectTo(database);
    adminSecret = (await createToken(client, { name: 'bootstrap', scopes: ['admin'], expiresAt: null }))
      .secret;
    readerSecret = (await createToken(client, { name: 'reader', scopes: ['read'], expiresAt: null })).secret;
  });
  afterAll(async () => {
    await client?.end();
    await app?.close();
    await database?.drop();
  });

  it('creates a token and shows its secret once; only its sha256 is stored', async () => {
    const res = await app
      .http()
      .post('/v1/tokens')
      .set(as(adminSecret))
      .send({ name: 'ci-deploy', scopes: ['read', 'analyze'] });
    expect(res.status).toBe(201);
    const body = res.body as { token: string; id: string; createdAt: string };
    expect(body).toEqual({
      id: expect.stringMatching(UUID),
      name: 'ci-deploy',
      prefix: body.token.slice(0, 12),
      scopes: ['read', 'analyze'],
      status: 'active',
      createdAt: expect.stringMatching(ISO),
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: null,
      token: expect.stringMatching(SECRET),
    });
    const { rows } = await client.query('SELECT * FROM api_tokens WHERE id = $1', [body.id]);
    expect(rows).toEqual([
      {
        id: body.id,
        name: 'ci-deploy',
        token_hash: createHash('sha256').update(body.token).digest('hex'),
        prefix: body.token.slice(0, 12),
        scopes: ['read', 'analyze'],
        created_at: new Date(body.createdAt),
        expires_at: null,
        revoked_at: null,
        last_used_at: null,
      },
    ]);
    const everything = await client.query(
      "SELECT count(*)::int AS n FROM api_tokens t WHERE t::text LIKE '%' || $1 || '%'",
      [body.token.slice(12)],
    );
    expect(everything.rows).toEqual([{ n: 0 }]);
    // The new token works at once, with its scopes.
    await app.http().get('/v1/inventories').set(as(body.token)).expect(200);
    await app.http().get('/v1/tokens').set(as(body.token)).expect(403);
  });

  it('takes an expiry as a duration or an RFC 3339 time', async () => {
    const inDays = await app
      .http()
      .post('/v1/tokens')
      .set(as(adminSecret))
      .send({ name: 'ninety-days', scopes: ['analyze'], expiresIn: '90d' })
      .expect(201);
    const lifetime = Date.parse(inDays.body.expiresAt) - Date.parse(inDays.body.createdAt);
    expect(Math.abs(lifetime - 90 * DAY_MS)).toBeLessThan(5_000);
    const at = await app
      .http()
      .post('/v1/tokens')
      .set(as(adminSecret))
      .send({ name: 'until-2099', scopes: ['read'], expiresAt: '2099-01-31T12:00:00+01:00' })
      .expect(201);
    expect([at.body.expiresAt, at.body.status]).toEqual(['2099-01-31T11:00:00.000Z', 'active']);
    // null is no expiry given, as GraphQL clients send it for a field they leave out.
    const never = await app
      .http()
      .post('/v1/tokens')
      .set(as(adminSecret))
      .send({ name: 'null-expiry', scopes: ['read'], expiresAt: null, expiresIn: null })
      .expect(201);
    expect(never.body.expiresAt).toBeNull();
    const nullAt = await graphql(
      'mutation { createToken(input: {name: "null-at", scopes: ["read"], expiresAt: null, expiresIn: "1d"}) { expiresAt } }',
    );
    expect(nullAt.body.errors).toBeUndefined();
    const graphqlLifetime = Date.parse(nullAt.body.data.createToken.expiresAt) - Date.now();
    expect(Math.abs(graphqlLifetime - DAY_MS)).toBeLessThan(5_000);
  });

  it('refuses bad input with 400 naming each field, and a taken name with 409', async () => {
    const before = await client.query('SELECT count(*)::int AS n FROM api_tokens');
    const cases: Array<[object, Array<{ path: string; message: string }>]> = [
      [
        { name: 'CI', scopes: [] },
        [
          { path: 'name', message: NAME_RULE },
          { path: 'scopes', message: 'must hold at least one of read, analyze, admin' },
        ],
      ],
      [
        { name: 'a'.repeat(64), scopes: ['read', 'root'] },
        [
          { path: 'name', message: NAME_RULE },
          { path: 'scopes', message: 'unknown scope "root": must be one of read, analyze, admin' },
        ],
      ],
      [
        { name: '3f0c9a52-1b2c-4d3e-8f90-a1b2c3d4e5f6', scopes: ['read', 'read'] },
        [
          { path: 'name', message: NAME_RULE },
          { path: 'scopes', message: 'must name each scope once' },
        ],
      ],
      [
        { name: 'past', scopes: ['read'], expiresAt: '2020-01-01T00:00:00Z' },
        [{ path: 'expiresAt', message: 'must be in the future (2020-01-01T00:00:00.000Z is not)' }],
      ],
      [
        { name: 'both', scopes: ['read'], expiresAt: '2099-01-01T00:00:00Z', expiresIn: '1d' },
        [{ path: 'expiresIn', message: 'give expiresAt or expiresIn, not both' }],
      ],
      [
        { name: 'fuzzy', scopes: ['read'], expiresIn: 'soon' },
        [
          {
            path: 'expiresIn',
            message:
              'must be a duration such as 90d, 12h or 30m, or an RFC 3339 time such as 2027-01-31T00:00:00Z, in the future',
          },
        ],
      ],
      [
        { name: 'zero', scopes: ['read'], expiresIn: '0d' },
        [{ path: 'expiresIn', message: 'must be a duration between 1m and 3660d' }],
      ],
      [{ name: 'nothing', scopes: 'read' }, [{ path: 'scopes', message: 'must be an array' }]],
    ];
    for (const [body, details] of cases) {
      const res = await app.http().post('/v1/tokens').set(as(adminSecret)).send(body);
      expect({ body, status: res.status, response: res.body }).toEqual({
        body,
        status: 400,
        response: {
          statusCode: 400,
          code: 'malformed-input',
          message: details.map((detail) => `${detail.path} ${detail.message}`).join('; '),
          details,
        },
      });
    }
    // class-validator words these two its own way; the path still names the field.
    const unknownAndNotStrings = await app
      .http()
      .post('/v1/tokens')
      .set(as(adminSecret))
      .send({ name: 'odd', scopes: [1], owner: 'me' });
    expect([unknownAndNotStrings.status, unknownAndNotStrings.body.details]).toEqual([
      400,
      [
        { path: 'owner', message: 'should not exist' },
        { path: 'scopes', message: 'unknown scope "1": must be one of read, analyze, admin' },
        { path: 'scopes', message: 'each value must be a string' },
      ],
    ]);
    const taken = await app
      .http()
      .post('/v1/tokens')
      .set(as(adminSecret))
      .send({ name: 'reader', scopes: ['read'] });
    expect([taken.status, taken.body]).toEqual([
      409,
      {
        statusCode: 409,
        code: 'token-exists',
        message:
          'a token named "reader" exists already (revoked tokens keep their names); choose another name',
        details: [{ path: 'name', message: 'already taken' }],
      },
    ]);
    expect((await client.query('SELECT count(*)::int AS n FROM api_tokens')).rows).toEqual(before.rows);
  });

  it('lists every token, newest first, never with a secret or a hash', async () => {
    const secret = (await createToken(client, { name: 'listed', scopes: ['analyze'], expiresAt: null }))
      .secret;
    const res = await app.http().get('/v1/tokens').set(as(adminSecret)).expect(200);
    const items = res.body.items as Array<Record<string, unknown>>;
    expect(items[0]).toEqual({
      id: expect.stringMatching(UUID),
      name: 'listed',
      prefix: secret.slice(0, 12),
      scopes: ['analyze'],
      status: 'active',
      createdAt: expect.stringMatching(ISO),
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: null,
    });
    const { rows } = await client.query<{ name: string; token_hash: string }>(
      'SELECT name, token_hash FROM api_tokens ORDER BY created_at DESC, id DESC',
    );
    expect(items.map((item) => item.name)).toEqual(rows.map((row) => row.name));
    const text = JSON.stringify(res.body);
    for (const row of rows) expect(text).not.toContain(row.token_hash);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(adminSecret);
  });

  it('revokes a token at once; revoking again changes nothing; an unknown id is 404, a malformed one 400', async () => {
    const created = await app
      .http()
      .post('/v1/tokens')
      .set(as(adminSecret))
      .send({ name: 'short-lived', scopes: ['read'] })
      .expect(201);
    await app.http().get('/v1/inventories').set(as(created.body.token)).expect(200);
    const revoke = await app.http().delete(`/v1/tokens/${created.body.id}`).set(as(adminSecret));
    expect([revoke.status, revoke.text]).toEqual([204, '']);
    const refused = await app.http().get('/v1/inventories').set(as(created.body.token));
    expect([refused.status, refused.body.code]).toEqual([401, 'unauthorized']);
    const listed = async () =>
      (
        (await app.http().get('/v1/tokens').set(as(adminSecret))).body.items as Array<{
          id: string;
          status: string;
          revokedAt: string;
        }>
      ).find((item) => item.id === created.body.id)!;
    const first = await listed();
    expect(first).toEqual(
      expect.objectContaining({ status: 'revoked', revokedAt: expect.stringMatching(ISO) }),
    );
    await app.http().delete(`/v1/tokens/${created.body.id}`).set(as(adminSecret)).expect(204);
    expect((await listed()).revokedAt).toBe(first.revokedAt);

    const unknown = await app
      .http()
      .delete('/v1/tokens/00000000-0000-4000-8000-000000000000')
      .set(as(adminSecret));
    expect([unknown.status, unknown.body]).toEqual([
      404,
      {
        statusCode: 404,
        code: 'token-not-found',
        message: 'token 00000000-0000-4000-8000-000000000000 not found',
        details: [],
      },
    ]);
    const malformed = await app.http().delete('/v1/tokens/ci-deploy').set(as(adminSecret));
    expect([malformed.status, malformed.body]).toEqual([
      400,
      {
        statusCode: 400,
        code: 'malformed-input',
        message: 'id: not a UUID',
        details: [{ path: 'id', message: 'must be a UUID' }],
      },
    ]);
  });

  it('does the same over GraphQL: tokens, createToken, revokeToken', async () => {
    const created = await graphql(
      'mutation { createToken(input: {name: "dashboard", scopes: ["read"], expiresIn: "12h"}) { id name prefix scopes status expiresAt token } }',
    );
    expect(created.status).toBe(200);
    const token = created.body.data.createToken as { id: string; token: string; expiresAt: string };
    expect(token).toEqual({
      id: expect.stringMatching(UUID),
      name: 'dashboard',
      prefix: token.token.slice(0, 12),
      scopes: ['read'],
      status: 'active',
      expiresAt: expect.stringMatching(ISO),
      token: expect.stringMatching(SECRET),
    });
    await app.http().get('/v1/inventories').set(as(token.token)).expect(200);

    const listed = await graphql('{ tokens { id name status revokedAt } }');
    expect(listed.body.data.tokens[0]).toEqual({
      id: token.id,
      name: 'dashboard',
      status: 'active',
      revokedAt: null,
    });
    expect(JSON.stringify(listed.body)).not.toContain(token.token);

    const revoked = await graphql(`mutation { revokeToken(id: "${token.id}") { name status revokedAt } }`);
    expect(revoked.body.data.revokeToken).toEqual({
      name: 'dashboard',
      status: 'revoked',
      revokedAt: expect.stringMatching(ISO),
    });
    await app.http().get('/v1/inventories').set(as(token.token)).expect(401);

    const errors = async (query: string) => {
      const res = await graphql(query);
      expect(res.status).toBe(200);
      return (res.body.errors as Array<{ message: string; extensions: object }>).map(
        ({ message, extensions }) => ({
          message,
          extensions,
        }),
      );
    };
    expect(
      await errors('mutation { revokeToken(id: "00000000-0000-4000-8000-000000000000") { name } }'),
    ).toEqual([
      {
        message: 'token 00000000-0000-4000-8000-000000000000 not found',
        extensions: { code: 'token-not-found', details: [] },
      },
    ]);
    expect(
      await errors('mutation { createToken(input: {name: "reader", scopes: ["read"]}) { id } }'),
    ).toEqual([
      {
        message:
          'a token named "reader" exists already (revoked tokens keep their names); choose another name',
        extensions: { code: 'token-exists', details: [{ path: 'name', message: 'already taken' }] },
      },
    ]);
    expect(await errors('mutation { createToken(input: {name: "Bad Name", scopes: []}) { id } }')).toEqual([
      {
        message: `name ${NAME_RULE}; scopes must hold at least one of read, analyze, admin`,
        extensions: {
          code: 'malformed-input',
          details: [
            { path: 'name', message: NAME_RULE },
            { path: 'scopes', message: 'must hold at least one of read, analyze, admin' },
          ],
        },
      },
    ]);
  });

  it('keeps all of it to admin tokens', async () => {
    const before = await client.query('SELECT name, revoked_at FROM api_tokens ORDER BY name');
    const { rows } = await client.query<{ id: string }>("SELECT id FROM api_tokens WHERE name = 'bootstrap'");
    const refusals = [
      await app.http().get('/v1/tokens').set(as(readerSecret)),
      await app
        .http()
        .post('/v1/tokens')
        .set(as(readerSecret))
        .send({ name: 'escalate', scopes: ['admin'] }),
      await app.http().delete(`/v1/tokens/${rows[0]!.id}`).set(as(readerSecret)),
    ];
    expect(refusals.map((res) => [res.status, res.body.code])).toEqual([
      [403, 'forbidden'],
      [403, 'forbidden'],
      [403, 'forbidden'],
    ]);
    for (const query of [
      '{ tokens { id } }',
      'mutation { createToken(input: {name: "escalate", scopes: ["admin"]}) { token } }',
      `mutation { revokeToken(id: "${rows[0]!.id}") { id } }`,
    ]) {
      const res = await graphql(query, readerSecret);
      expect([res.status, res.body.data, res.body.errors[0].extensions.code]).toEqual([
        200,
        null,
        'forbidden',
      ]);
    }
    expect((await client.query('SELECT name, revoked_at FROM api_tokens ORDER BY name')).rows).toEqual(
      before.rows,
    );
  });
});
