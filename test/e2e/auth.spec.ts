// Authentication, authorization and rate limits through the real HTTP server on PostgreSQL: 401 without a
// valid token (before the request is read, nothing stored), 403 for a missing scope on every kind of
// endpoint, REST and GraphQL alike, public routes open, analyses recording their token, open mode only on
// a loopback listener with no token, and 429 per token with Retry-After.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { type Client } from 'pg';
import { isLoopbackHost } from '../../apps/api/src/auth/authenticator';
import { isPublicRoute } from '../../apps/api/src/auth/public-routes';
import { declaredAccess } from '../../apps/api/src/auth/scope.guard';
import { type Principal } from '../../apps/api/src/auth/principal';
import { type Scope } from '../../apps/api/src/auth/scopes';
import { createToken, revokeToken } from '../../apps/api/src/tokens/api-tokens';
import { nodeList, podYaml } from './support/fixtures';
import { startServerProcess } from './support/server-process';
import { startTestApp, type TestApp } from './support/test-app';
import { connectTo, createTestDatabase, type TestDatabase } from './support/test-database';

jest.setTimeout(60_000);

const REALM = 'Bearer realm="podfit"';
const MISSING_TOKEN = {
  statusCode: 401,
  code: 'unauthorized',
  message:
    'this request needs an API token: send `Authorization: Bearer <token>` (an admin creates tokens with `podfit token create NAME --scope SCOPE`)',
  details: [],
};
const TABLES = [
  'analyses',
  'analysis_workloads',
  'inventories',
  'inventory_snapshots',
  'nodes',
  'bound_pods',
  'api_tokens',
];

/** Row counts of every table, and every token's last_used_at, to prove a refused request changed nothing. */
async function databaseState(client: Client): Promise<Record<string, unknown>> {
  const counts = await client.query(
    `SELECT ${TABLES.map((table) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(', ')}`,
  );
  const used = await client.query('SELECT name, last_used_at FROM api_tokens ORDER BY name');
  return { ...counts.rows[0], lastUsed: used.rows };
}

interface IssuedToken {
  readonly id: string;
  readonly name: string;
  readonly secret: string;
}

async function issue(client: Client, name: string, scopes: Scope[]): Promise<IssuedToken> {
  const { token, secret } = await createToken(client, { name, scopes, expiresAt: null });
  return { id: token.id, name, secret };
}

const bearer = (token: IssuedToken | string) => `Bearer ${typeof token === 'string' ? token : token.secret}`;

function graphql(app: TestApp, query: string, authorization?: string) {
  const req = app.http().post('/graphql').set('content-type', 'application/json');
  if (authorization !== undefined) void req.set('authorization', authorization);
  return req.send({ query });
}

describe('tokens required (PODFIT_AUTH=required)', () => {
  let database: TestDatabase;
  let app: TestApp;
  let client: Client;
  let reader: IssuedToken;
  let analyzer: IssuedToken;
  let admin: IssuedToken;
  let expired: IssuedToken;
  let revoked: IssuedToken;
  let analysisId: string;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    app = await startTestApp(database, {
      PODFIT_AUTH: 'required',
      PODFIT_RATE_LIMIT_PER_MINUTE: '0',
      PODFIT_BODY_LIMIT: '65536',
    });
    client = await connectTo(database);
    reader = await issue(client, 'reader', ['read']);
    analyzer = await issue(client, 'analyzer', ['analyze']);
    admin = await issue(client, 'admin', ['admin']);
    expired = await issue(client, 'expired', ['admin']);
    await client.query(
      "UPDATE api_tokens SET expires_at = '2026-01-01T00:00:00Z', created_at = '2025-12-01T00:00:00Z' WHERE id = $1",
      [expired.id],
    );
    revoked = await issue(client, 'revoked', ['admin']);
    await revokeToken(client, revoked.id);
    await app
      .http()
      .put('/v1/inventories/prod')
      .set('authorization', bearer(admin))
      .send({ nodes: nodeList([{ name: 'node-a', cpu: '4', memory: '8Gi' }]) })
      .expect(201);
    const stored = await app
      .http()
      .post('/v1/analyses')
      .set('authorization', bearer(analyzer))
      .send({ manifest: podYaml('web'), inventory: 'prod' })
      .expect(201);
    analysisId = stored.body.id;
  });
  afterAll(async () => {
    await client?.end();
    await app?.close();
    await database?.drop();
  });

  // Every kind of endpoint, with what it needs and what it answers when allowed.
  const endpoints = (): Array<{
    name: string;
    scope: Scope;
    send: (authorization?: string) => ReturnType<ReturnType<TestApp['http']>['get']>;
    allowed: number;
  }> => {
    const withAuth = <T extends { set(name: string, value: string): T }>(req: T, authorization?: string) =>
      authorization === undefined ? req : req.set('authorization', authorization);
    const http = () => app.http();
    return [
      {
        name: 'GET /v1/inventories',
        scope: 'read',
        allowed: 200,
        send: (a) => withAuth(http().get('/v1/inventories'), a),
      },
      {
        name: 'GET /v1/inventories/prod/nodes',
        scope: 'read',
        allowed: 200,
        send: (a) => withAuth(http().get('/v1/inventories/prod/nodes'), a),
      },
      {
        name: 'GET /v1/analyses',
        scope: 'read',
        allowed: 200,
        send: (a) => withAuth(http().get('/v1/analyses'), a),
      },
      {
        name: 'GET /v1/analyses/{id}',
        scope: 'read',
        allowed: 200,
        send: (a) => withAuth(http().get(`/v1/analyses/${analysisId}`), a),
      },
      {
        name: 'GET /v1/workloads/…/history',
        scope: 'read',
        allowed: 200,
        send: (a) => withAuth(http().get('/v1/workloads/pod/e2e/web/history'), a),
      },
      {
        name: 'POST /v1/analyses?dryRun=true',
        scope: 'analyze',
        allowed: 200,
        send: (a) =>
          withAuth(http().post('/v1/analyses?dryRun=true'), a).send({
            manifest: podYaml('dry'),
            inventory: 'prod',
          }),
      },
      {
        name: 'PATCH /v1/inventories/prod',
        scope: 'admin',
        allowed: 200,
        send: (a) => withAuth(http().patch('/v1/inventories/prod'), a).send({ description: 'patched' }),
      },
      {
        name: 'GET /v1/tokens',
        scope: 'admin',
        allowed: 200,
        send: (a) => withAuth(http().get('/v1/tokens'), a),
      },
    ];
  };

  it('refuses a request without a token with 401 before reading it, on every route, and stores nothing', async () => {
    const before = await databaseState(client);
    const requests = [
      ...endpoints().map((endpoint) => ({ name: endpoint.name, send: () => endpoint.send() })),
      {
        name: 'POST /v1/analyses, malformed JSON (not parsed: 401, not 400)',
        send: () =>
          app.http().post('/v1/analyses').set('content-type', 'application/json').send('{"manifest":'),
      },
      {
        name: 'POST /v1/analyses, a body over the limit (not read: 401, not 413)',
        send: () =>
          app.http().post('/v1/analyses').set('content-type', 'application/yaml').send('#'.repeat(70_000)),
      },
      {
        name: 'PUT /v1/inventories/other',
        send: () => app.http().put('/v1/inventories/other').send({ description: 'x' }),
      },
      { name: 'DELETE /v1/inventories/prod', send: () => app.http().delete('/v1/inventories/prod') },
      {
        name: 'POST /v1/tokens',
        send: () =>
          app
            .http()
            .post('/v1/tokens')
            .send({ name: 'sneaky', scopes: ['admin'] }),
      },
      { name: 'DELETE /v1/tokens/{id}', send: () => app.http().delete(`/v1/tokens/${admin.id}`) },
      { name: 'POST /graphql', send: () => graphql(app, '{ inventories { name } }') },
      { name: 'GET /graphql', send: () => app.http().get('/graphql?query=%7Binventories%7Bname%7D%7D') },
      { name: 'an unknown route', send: () => app.http().get('/v1/nothing-here') },
    ];
    for (const { name, send } of requests) {
      const res = await send();
      expect({
        name,
        status: res.status,
        body: res.body,
        challenge: res.headers['www-authenticate'],
      }).toEqual({
        name,
        status: 401,
        body: MISSING_TOKEN,
        challenge: REALM,
      });
    }
    expect(await databaseState(client)).toEqual(before);
  });

  it('refuses a malformed, unknown, expired or revoked token, or another scheme, with 401 and stores nothing', async () => {
    const before = await databaseState(client);
    const unknown = `podfit_${randomBytes(32).toString('base64url')}`;
    const cases = [
      {
        authorization: 'Bearer not-a-podfit-token',
        message: 'the bearer token is malformed: podfit tokens are `podfit_` and 43 more characters',
      },
      {
        authorization: bearer(unknown),
        message: 'the bearer token is not known (it may have been deleted, or mistyped)',
      },
      { authorization: bearer(expired), message: 'token "expired" expired at 2026-01-01T00:00:00.000Z' },
      {
        authorization: bearer(revoked),
        message: expect.stringMatching(/^token "revoked" was revoked at \d{4}-\d\d-\d\dT[\d:.]+Z$/),
      },
      {
        authorization: `bearer   ${expired.secret}`,
        message: 'token "expired" expired at 2026-01-01T00:00:00.000Z',
      },
    ];
    for (const { authorization, message } of cases) {
      for (const send of [
        () =>
          app
            .http()
            .post('/v1/analyses')
            .set('authorization', authorization)
            .send({ manifest: podYaml('refused'), inventory: 'prod' }),
        () => app.http().delete('/v1/inventories/prod').set('authorization', authorization),
        () => graphql(app, '{ inventories { name } }', authorization),
      ]) {
        const res = await send();
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ statusCode: 401, code: 'unauthorized', message, details: [] });
        expect(res.headers['www-authenticate']).toBe(
          `${REALM}, error="invalid_token", error_description="${(res.body as { message: string }).message.replace(/["\\]/g, '')}"`,
        );
      }
    }
    const basic = await app.http().get('/v1/inventories').set('authorization', 'Basic dXNlcjpwYXNz');
    expect([basic.status, basic.body, basic.headers['www-authenticate']]).toEqual([
      401,
      {
        statusCode: 401,
        code: 'unauthorized',
        message: 'the Authorization header must be `Bearer <token>`: podfit accepts API tokens only',
        details: [],
      },
      REALM,
    ]);
    expect(await databaseState(client)).toEqual(before);
  });

  it('gives each kind of REST endpoint to the scope it needs (admin includes the others), 403 naming the missing one', async () => {
    const tokens: Array<[IssuedToken, Scope[]]> = [
      [reader, ['read']],
      [analyzer, ['analyze']],
      [admin, ['read', 'analyze', 'admin']],
    ];
    for (const endpoint of endpoints()) {
      for (const [token, granted] of tokens) {
        const res = await endpoint.send(bearer(token));
        const label = `${endpoint.name} as ${token.name}`;
        if (granted.includes(endpoint.scope)) {
          expect({ label, status: res.status }).toEqual({ label, status: endpoint.allowed });
          continue;
        }
        const scopeWord = endpoint.scope === 'admin' ? '' : ' (or "admin")';
        expect({
          label,
          status: res.status,
          body: res.body,
          challenge: res.headers['www-authenticate'],
        }).toEqual({
          label,
          status: 403,
          body: {
            statusCode: 403,
            code: 'forbidden',
            message: `this needs the "${endpoint.scope}" scope${scopeWord}; token "${token.name}" has ${granted.join(', ')}`,
            details: [{ message: `missing scope "${endpoint.scope}"`, requiredScope: endpoint.scope }],
          },
          challenge: `${REALM}, error="insufficient_scope", scope="${endpoint.scope}"`,
        });
      }
    }
  });

  it('refuses a GraphQL operation without its scope as the resolver error `forbidden` (HTTP 200)', async () => {
    const asReader = await graphql(app, '{ inventories { name } }', bearer(reader));
    expect([asReader.status, asReader.body]).toEqual([200, { data: { inventories: [{ name: 'prod' }] } }]);
    const before = await databaseState(client);
    const create = await graphql(
      app,
      'mutation { createInventory(input: {name: "from-reader"}) { name } }',
      bearer(reader),
    );
    expect(create.status).toBe(200);
    expect(create.body).toEqual({
      data: null,
      errors: [
        {
          message: 'this needs the "admin" scope; token "reader" has read',
          locations: [{ line: 1, column: 12 }],
          path: ['createInventory'],
          extensions: {
            code: 'forbidden',
            details: [{ message: 'missing scope "admin"', requiredScope: 'admin' }],
          },
        },
      ],
    });
    expect(await databaseState(client)).toEqual(before);
    const asAnalyzer = await graphql(app, '{ inventories { name } }', bearer(analyzer));
    expect(asAnalyzer.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual([
      'forbidden',
    ]);
  });

  it('holds a GraphQL field resolver to its own scope, whichever operation reaches it', async () => {
    // No operation an analyze token may run returns an Inventory, so its `nodes` (which need read) are
    // resolved here as Apollo would resolve them inside such an operation.
    const schema = app.app!.get(GraphQLSchemaHost).schema;
    const nodes = (schema.getType('Inventory') as GraphQLObjectType).getFields().nodes!;
    const resolveAs = (token: IssuedToken, scopes: Scope[]) => {
      const principal: Principal = { tokenId: token.id, tokenName: token.name, scopes: new Set(scopes) };
      return Promise.resolve(
        nodes.resolve!({ name: 'prod' }, {}, { req: { principal } }, {} as GraphQLResolveInfo),
      );
    };
    await expect(resolveAs(analyzer, ['analyze'])).rejects.toMatchObject({
      code: 'forbidden',
      message: 'this needs the "read" scope (or "admin"); token "analyzer" has analyze',
    });
    expect(await resolveAs(reader, ['read'])).toEqual([expect.objectContaining({ name: 'node-a' })]);
  });

  it('serves health, readiness and the API documents without a token', async () => {
    for (const path of ['/healthz', '/readyz', '/openapi.json', '/openapi.yaml', '/docs', '/docs/']) {
      const res = await app.http().get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
    const document = (await app.http().get('/openapi.json')).body as {
      components: { securitySchemes: object; schemas: Record<string, { properties?: object }> };
    };
    expect(document.components.securitySchemes).toEqual({
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'podfit API token', description: 'podfit_…' },
    });
    expect(Object.keys(document.components.schemas.AnalysisView!.properties!)).toContain('createdBy');
  });

  it('records on each analysis the token that stored it, shown wherever the analysis is', async () => {
    const posted = await app
      .http()
      .post('/v1/analyses')
      .set('authorization', bearer(analyzer))
      .set('idempotency-key', 'auth-e2e-1')
      .send({ manifest: podYaml('api'), labels: { suite: 'auth' } })
      .expect(201);
    const createdBy = { tokenId: analyzer.id, tokenName: 'analyzer' };
    expect(posted.body.createdBy).toEqual(createdBy);
    const replay = await app
      .http()
      .post('/v1/analyses')
      .set('authorization', bearer(admin))
      .set('idempotency-key', 'auth-e2e-1')
      .send({ manifest: podYaml('api'), labels: { suite: 'auth' } })
      .expect(201);
    expect([replay.headers['idempotent-replayed'], replay.body.createdBy]).toEqual(['true', createdBy]);
    const read = await app.http().get(`/v1/analyses/${posted.body.id}`).set('authorization', bearer(reader));
    expect(read.body.createdBy).toEqual(createdBy);
    const listed = await app.http().get('/v1/analyses?label=suite=auth').set('authorization', bearer(reader));
    expect(listed.body.items.map((item: { createdBy: unknown }) => item.createdBy)).toEqual([createdBy]);
    const dryRun = await app
      .http()
      .post('/v1/analyses?dryRun=true')
      .set('authorization', bearer(admin))
      .send({ manifest: podYaml('api') })
      .expect(200);
    expect(dryRun.body.createdBy).toBeNull();
    const { rows } = await client.query('SELECT token_id FROM analyses WHERE id = $1', [posted.body.id]);
    expect(rows).toEqual([{ token_id: analyzer.id }]);
  });

  it('brings a token’s last use up to date when it authenticates, at most once a minute', async () => {
    const user = await issue(client, 'last-use', ['read']);
    const lastUsed = async () =>
      (await client.query('SELECT last_used_at FROM api_tokens WHERE id = $1', [user.id])).rows[0]
        .last_used_at;
    expect(await lastUsed()).toBeNull();
    await app.http().get('/v1/inventories').set('authorization', bearer(user)).expect(200);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await app.http().get('/v1/inventories').set('authorization', bearer(user)).expect(200);
    expect(await lastUsed()).toEqual(first);
    await client.query("UPDATE api_tokens SET last_used_at = now() - interval '2 minutes' WHERE id = $1", [
      user.id,
    ]);
    const stale = await lastUsed();
    await app.http().get('/v1/inventories').set('authorization', bearer(user)).expect(200);
    expect((await lastUsed()).getTime()).toBeGreaterThan(stale.getTime());
  });

  it('has every REST route and GraphQL operation declare @Public or @RequireScope, public ones let through by authentication', () => {
    const nest = app.app!;
    const reflector = nest.get(Reflector);
    const declared: Array<{ route: string; access: string | null }> = [];
    for (const module of nest.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const type = wrapper.metatype as (new () => object) | null;
        if (type === null) continue;
        const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
        for (const key of Object.getOwnPropertyNames(type.prototype)) {
          // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
          const handler = (type.prototype as Record<string, Function>)[key]!;
          const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
          if (key === 'constructor' || path === undefined) continue;
          const method = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD'][
            Reflect.getMetadata(METHOD_METADATA, handler) as number
          ];
          const route = `/${[base, path].filter((part) => part !== '' && part !== '/').join('/')}`;
          declared.push({ route: `${method} ${route}`, access: declaredAccess(reflector, handler, type) });
          const isPublic = declaredAccess(reflector, handler, type) === 'public';
          expect({ route, publicToAuthentication: isPublicRoute(route) }).toEqual({
            route,
            publicToAuthentication: isPublic,
          });
        }
      }
      for (const wrapper of module.providers.values()) {
        const type = wrapper.metatype as (new () => object) | null;
        if (typeof type !== 'function' || type.prototype === undefined) continue;
        for (const key of Object.getOwnPropertyNames(type.prototype)) {
          if (key === 'constructor') continue;
          // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
          const handler = Object.getOwnPropertyDescriptor(type.prototype, key)?.value as Function | undefined;
          if (typeof handler !== 'function') continue;
          const operation = Reflect.getMetadata('graphql:resolver_type', handler) as string | undefined;
          if (operation === undefined) continue;
          // The operation's name, or the method's when the decorator gives none.
          const name = (Reflect.getMetadata('graphql:resolver_name', handler) as string | undefined) ?? key;
          declared.push({ route: `${operation} ${name}`, access: declaredAccess(reflector, handler, type) });
        }
      }
    }
    expect(declared.filter((entry) => entry.access === null)).toEqual([]);
    expect(declared).toEqual(
      expect.arrayContaining([
        { route: 'GET /healthz', access: 'public' },
        { route: 'GET /readyz', access: 'public' },
        { route: 'GET /v1/inventories', access: 'read' },
        { route: 'PUT /v1/inventories/:name/nodes', access: 'admin' },
        { route: 'POST /v1/analyses', access: 'analyze' },
        { route: 'POST /v1/capacity/plans', access: 'analyze' },
        { route: 'GET /v1/capacity/reports/:id.html', access: 'read' },
        { route: 'Mutation capacityPlan', access: 'analyze' },
        { route: 'Query capacityReports', access: 'read' },
        { route: 'GET /v1/workloads/:kind/:namespace/:name/history', access: 'read' },
        { route: 'POST /v1/tokens', access: 'admin' },
        { route: 'DELETE /v1/tokens/:id', access: 'admin' },
        { route: 'Query tokens', access: 'admin' },
        { route: 'Mutation createToken', access: 'admin' },
        { route: 'Mutation revokeToken', access: 'admin' },
        { route: 'Query inventories', access: 'read' },
      ]),
    );
  });
});

describe('rate limit per token (PODFIT_RATE_LIMIT_PER_MINUTE=5)', () => {
  let database: TestDatabase;
  let app: TestApp;
  let client: Client;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    app = await startTestApp(database, { PODFIT_AUTH: 'required', PODFIT_RATE_LIMIT_PER_MINUTE: '5' });
    client = await connectTo(database);
  });
  afterAll(async () => {
    await client?.end();
    await app?.close();
    await database?.drop();
  });

  it('answers the 6th request of a minute 429 too-many-requests with Retry-After, whatever the route', async () => {
    const busy = await issue(client, 'busy', ['admin']);
    for (let i = 0; i < 5; i++) {
      const res = await app
        .http()
        .get(i % 2 === 0 ? '/v1/inventories' : '/v1/analyses')
        .set('authorization', bearer(busy));
      expect([res.status, res.headers['x-ratelimit-limit'], res.headers['x-ratelimit-remaining']]).toEqual([
        200,
        '5',
        String(4 - i),
      ]);
    }
    const refused = await app.http().get('/v1/tokens').set('authorization', bearer(busy));
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect([refused.status, refused.body]).toEqual([
      429,
      {
        statusCode: 429,
        code: 'too-many-requests',
        message: `rate limit exceeded: this token may send 5 requests a minute; retry in ${retryAfter} s`,
        details: [{ message: 'rate limit exceeded', limit: 5, retryAfterSeconds: retryAfter }],
      },
    ]);
    const other = await issue(client, 'other', ['read']);
    await app.http().get('/v1/inventories').set('authorization', bearer(other)).expect(200);
    for (let i = 0; i < 10; i++) {
      const health = await app.http().get('/healthz');
      expect([health.status, health.headers['x-ratelimit-limit']]).toEqual([200, undefined]);
    }
  });

  it('limits GraphQL operations too, as the resolver error too-many-requests', async () => {
    const dashboard = await issue(client, 'dashboard', ['read']);
    for (let i = 0; i < 5; i++) {
      const res = await graphql(app, '{ inventories { name } }', bearer(dashboard));
      expect([res.status, res.body]).toEqual([200, { data: { inventories: [] } }]);
    }
    const refused = await graphql(app, '{ inventories { name } }', bearer(dashboard));
    expect(refused.status).toBe(200);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /^rate limit exceeded: this token may send 5 requests a minute; retry in \d+ s$/,
        ),
        extensions: {
          code: 'too-many-requests',
          details: [{ message: 'rate limit exceeded', limit: 5, retryAfterSeconds: expect.any(Number) }],
        },
      }),
    ]);
  });

  it('counts a GraphQL operation once, however many fields of its result are resolved', async () => {
    for (const writer of [
      await issue(client, 'writer-1', ['analyze']),
      await issue(client, 'writer-2', ['analyze']),
    ]) {
      for (let i = 0; i < 3; i++) {
        await app
          .http()
          .post('/v1/analyses')
          .set('authorization', bearer(writer))
          .send({ manifest: podYaml(`${writer.name}-${i}`), labels: { suite: 'one-count' } })
          .expect(201);
      }
    }
    const dashboard = await issue(client, 'one-count', ['read']);
    const page = await graphql(
      app,
      '{ analyses(filter: {labels: ["suite=one-count"]}) { edges { node { workloads { name } } } } }',
      bearer(dashboard),
    );
    expect([page.status, page.body.errors, page.body.data.analyses.edges]).toEqual([
      200,
      undefined,
      expect.any(Array),
    ]);
    expect(page.body.data.analyses.edges).toHaveLength(6);
    for (let i = 0; i < 4; i++) {
      const res = await graphql(app, '{ inventories { name } }', bearer(dashboard));
      expect([i, res.body.errors]).toEqual([i, undefined]);
    }
    const refused = await graphql(app, '{ inventories { name } }', bearer(dashboard));
    expect(refused.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual([
      'too-many-requests',
    ]);
  });

  it('does not count requests refused for their scope', async () => {
    const limited = await issue(client, 'limited', ['read']);
    for (let i = 0; i < 7; i++) {
      await app.http().get('/v1/tokens').set('authorization', bearer(limited)).expect(403);
    }
    await app.http().get('/v1/inventories').set('authorization', bearer(limited)).expect(200);
  });
});

describe('open mode', () => {
  let database: TestDatabase;
  let client: Client;

  beforeEach(async () => {
    database = await createTestDatabase('postgres');
    client = await connectTo(database);
  });
  afterEach(async () => {
    await client?.end();
    await database?.drop();
  });

  it('on a loopback HOST with no token serves every request with every scope, unthrottled, until a token is created', async () => {
    const app = await startTestApp(database, { HOST: '127.0.0.1', PODFIT_RATE_LIMIT_PER_MINUTE: '2' });
    try {
      for (let i = 0; i < 5; i++) await app.http().get('/v1/inventories').expect(200);
      const stored = await app
        .http()
        .post('/v1/analyses')
        .send({ manifest: podYaml('open') })
        .expect(201);
      expect(stored.body.createdBy).toBeNull();
      const created = await app
        .http()
        .post('/v1/tokens')
        .send({ name: 'first-admin', scopes: ['admin'] })
        .expect(201);
      const refused = await app.http().get('/v1/inventories');
      expect([refused.status, refused.body]).toEqual([401, MISSING_TOKEN]);
      await app.http().get('/v1/inventories').set('authorization', bearer(created.body.token)).expect(200);
    } finally {
      await app.close();
    }
  });

  it('ends when a valid token is presented (one made with the CLI while the server ran open)', async () => {
    const app = await startTestApp(database, { HOST: 'localhost' });
    try {
      await app.http().get('/v1/inventories').expect(200);
      const cli = await issue(client, 'from-cli', ['read']);
      await app.http().get('/v1/inventories').expect(200);
      await app.http().get('/v1/inventories').set('authorization', bearer(cli)).expect(200);
      await app.http().get('/v1/inventories').expect(401);
    } finally {
      await app.close();
    }
  });

  it('is off on loopback when a token exists, or with PODFIT_AUTH=required', async () => {
    const required = await startTestApp(database, { HOST: '127.0.0.1', PODFIT_AUTH: 'required' });
    try {
      await required.http().get('/v1/inventories').expect(401);
    } finally {
      await required.close();
    }
    await issue(client, 'exists', ['read']);
    const withToken = await startTestApp(database, { HOST: '127.0.0.1' });
    try {
      await withToken.http().get('/v1/inventories').expect(401);
    } finally {
      await withToken.close();
    }
  });

  it('says so in one log line at start', async () => {
    const server = await startServerProcess({ DATABASE_URL: database.url!, LOG_LEVEL: 'warn' });
    try {
      expect((await fetch(`${server.url}/v1/inventories`)).status).toBe(200);
      const lines = server
        .output()
        .split('\n')
        .filter((line) => line.includes('OPEN MODE'));
      expect(lines).toEqual([
        expect.stringContaining(
          'OPEN MODE: HOST 127.0.0.1 is a loopback address and no API token exists, so every request is served without a token, with every scope; create a token (`podfit token create NAME --scope admin`) or set PODFIT_AUTH=required to require tokens',
        ),
      ]);
    } finally {
      await server.stop();
    }
  });

  it('never on another address: HOST=0.0.0.0 with no token starts, warns, and refuses requests with 401', async () => {
    const server = await startServerProcess({
      DATABASE_URL: database.url!,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'warn',
    });
    try {
      const res = await fetch(`${server.url}/v1/inventories`);
      expect([res.status, await res.json(), res.headers.get('www-authenticate')]).toEqual([
        401,
        MISSING_TOKEN,
        REALM,
      ]);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect(server.output()).toContain(
        'no active API token exists and HOST 0.0.0.0 is not a loopback address: every request except /healthz, /readyz, /metrics and the API documents is refused with 401 until a token is created with `podfit token create NAME --scope admin`',
      );
      expect(server.output()).not.toContain('OPEN MODE');
    } finally {
      await server.stop();
    }
  });

  it('tells loopback addresses from the others', () => {
    const hosts = [
      '127.0.0.1',
      '127.8.9.10',
      'localhost',
      'LOCALHOST',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
    ];
    expect(hosts.filter(isLoopbackHost)).toEqual(hosts);
    const others = [
      '0.0.0.0',
      '::',
      '10.0.0.1',
      '128.0.0.1',
      '192.168.1.1',
      'podfit.example.com',
      '::2',
      '127.0.0.1.example.com',
    ];
    expect(others.filter(isLoopbackHost)).toEqual([]);
  });
});
