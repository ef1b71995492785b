// GraphQL's request-level defences through the real HTTP server on PostgreSQL (RELIABILITY.md rows 35
// and 36): the armor's depth, alias, directive, token and cost limits, no batching, CSRF prevention, GET
// for queries only, a bounded page size, and introspection and GraphiQL only when configured. Every refusal
// happens before any resolver: no statement reaches the database.
import { podYaml } from './support/fixtures';
import { countQueries } from './support/query-counter';
import { startTestApp, type TestApp } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-database';

jest.setTimeout(60_000);

/** `{ a: analyses { edges { … } } }` nested to `depth` fields. */
function nested(depth: number): string {
  const path = ['analyses', 'edges', 'node', 'workloads', 'requests', 'quantity'];
  if (depth <= path.length) {
    return path
      .slice(0, depth)
      .reduceRight((inner, field) => (inner === '' ? field : `${field} { ${inner} }`), '');
  }
  // One level more than the schema's deepest path: workloads' change has its own lists.
  return 'analyses { edges { node { workloads { change { requests { resource } } } } } }';
}

const validationFailed = (message: string, column?: number) => ({
  errors: [
    {
      message,
      ...(column === undefined ? {} : { locations: [{ line: 1, column }] }),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    },
  ],
});

describe('GraphQL limits on PostgreSQL', () => {
  let database: TestDatabase;
  let server: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startTestApp(database);
    await server
      .http()
      .post('/v1/analyses')
      .send({ manifest: podYaml('one') })
      .expect(201);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  /** POSTs `query` and returns status, body and how many statements reached PostgreSQL meanwhile. */
  const post = async (query: string, variables: object = {}) => {
    const { result, queries } = await countQueries(() =>
      server.http().post('/graphql').send({ query, variables }),
    );
    return { status: result.status, body: result.body as object, queries };
  };

  it('runs a query within every limit (the control for the refusals below)', async () => {
    const res = await post(`{ ${nested(6)} }`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: {
        analyses: {
          edges: [
            {
              node: {
                workloads: [{ requests: [{ quantity: '100m' }, { quantity: '64Mi' }] }],
              },
            },
          ],
        },
      },
    });
    expect(res.queries).toBeGreaterThan(0);
  });

  it.each<[string, string, string]>([
    ['depth 7', `{ ${nested(7)} }`, 'Syntax Error: Query depth limit of 6 exceeded, found 7.'],
    [
      '16 aliases',
      `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: analyses(first: 1) { pageInfo { hasNextPage } }`).join(' ')} }`,
      'Syntax Error: Aliases limit of 15 exceeded, found 16.',
    ],
    [
      '51 directives',
      `{ analyses { pageInfo { ${'hasNextPage @include(if: true) '.repeat(51)} } } }`,
      'Syntax Error: Directives limit of 50 exceeded, found 51.',
    ],
    [
      'a cost over 5000',
      '{ analyses(first: 100) { edges { node { workloads { requests { quantity value } limits { quantity value } } } } } }',
      expect.stringMatching(
        /^Syntax Error: Query Cost limit of 5000 exceeded, found \d+(\.\d+)?\.$/,
      ) as unknown as string,
    ],
    [
      'first: 100000 as a literal (its cost)',
      '{ analyses(first: 100000) { edges { cursor } } }',
      expect.stringMatching(
        /^Syntax Error: Query Cost limit of 5000 exceeded, found \d+(\.\d+)?\.$/,
      ) as unknown as string,
    ],
  ])(
    'refuses %s with 400 GRAPHQL_VALIDATION_FAILED before any database query',
    async (_name, query, message) => {
      const res = await post(query);
      expect(res).toEqual({ status: 400, body: validationFailed(message), queries: 0 });
    },
  );

  it('refuses more than 1000 tokens with 400 before any database query', async () => {
    const query = `{ analyses { pageInfo { ${'hasNextPage '.repeat(1000)} } } }`;
    const res = await post(query);
    expect(res).toEqual({
      status: 400,
      body: {
        errors: [
          {
            // graphql-js's own words, "more that" included.
            message: 'Syntax Error: Document contains more that 1000 tokens. Parsing aborted.',
            locations: [{ line: 1, column: expect.any(Number) }],
            extensions: { code: 'GRAPHQL_PARSE_FAILED' },
          },
        ],
      },
      queries: 0,
    });
  });

  it('refuses a batch (an array of operations) with 400 "Operation batching disabled."', async () => {
    const { result, queries } = await countQueries(() =>
      server
        .http()
        .post('/graphql')
        .send([
          { query: '{ analyses { edges { cursor } } }' },
          { query: '{ analyses { edges { cursor } } }' },
        ]),
    );
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      errors: [{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }],
    });
    expect(queries).toBe(0);
  });

  it('refuses a GET without a preflight header as a potential CSRF (400)', async () => {
    const { result, queries } = await countQueries(() =>
      server.http().get('/graphql').query({ query: '{ analyses { edges { cursor } } }' }),
    );
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      errors: [
        {
          message:
            "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a 'content-type' header (with a type that is not one of application/x-www-form-urlencoded, multipart/form-data, text/plain) or provide a non-empty value for one of the following headers: x-apollo-operation-name, apollo-require-preflight\n",
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
    expect(queries).toBe(0);
  });

  it('runs a query sent by GET with a preflight header', async () => {
    const res = await server
      .http()
      .get('/graphql')
      .set('apollo-require-preflight', 'true')
      .query({ query: '{ analyses { edges { node { workloadCount } } } }' })
      .expect(200);
    expect(res.body).toEqual({ data: { analyses: { edges: [{ node: { workloadCount: 1 } }] } } });
  });

  it('refuses a mutation sent by GET with 405 and Allow: POST, storing nothing', async () => {
    const { result, queries } = await countQueries(() =>
      server
        .http()
        .get('/graphql')
        .set('apollo-require-preflight', 'true')
        .query({ query: 'mutation { analyze(manifest: "kind: Pod") { id } }' }),
    );
    expect(result.status).toBe(405);
    expect(result.headers.allow).toBe('POST');
    expect(result.body).toEqual({
      errors: [
        {
          message: 'GET requests only support query operations, not mutation operations',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
    expect(queries).toBe(0);
  });

  it('refuses a form or text/plain POST (a CSRF vector) with 415 before GraphQL reads it', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await server
        .http()
        .post('/graphql')
        .set('content-type', type)
        .send('{"query":"{ analyses { edges { cursor } } }"}');
      expect([type, res.status, res.body.code]).toEqual([type, 415, 'unsupported-media-type']);
    }
  });

  it('caps first at 100 when it comes in a variable, which the cost limit cannot see', async () => {
    const rows = Array.from({ length: 101 }, (_, i) => podYaml(`bulk-${i}`));
    for (const manifest of rows) await server.http().post('/v1/analyses').send({ manifest }).expect(201);
    const res = await post(
      'query($first: Int!) { analyses(first: $first) { edges { cursor } pageInfo { hasNextPage } } }',
      { first: 100_000 },
    );
    expect(res.status).toBe(200);
    const page = (res.body as { data: { analyses: { edges: unknown[]; pageInfo: unknown } } }).data.analyses;
    expect(page.edges).toHaveLength(100);
    expect(page.pageInfo).toEqual({ hasNextPage: true });
  });

  it('answers no introspection and gives no "Did you mean" hints by default', async () => {
    const res = await post('{ __schema { queryType { name } } }');
    expect(res).toEqual({
      status: 400,
      body: validationFailed(
        'GraphQL introspection is not allowed by Apollo Server, but the query contained __schema or __type. To enable introspection, pass introspection: true to ApolloServer in production',
        3,
      ),
      queries: 0,
    });
    const typo = await post('{ analyse { edges { cursor } } }');
    expect(typo).toEqual({
      status: 400,
      body: validationFailed('Cannot query field "analyse" on type "Query".', 3),
      queries: 0,
    });
  });

  it('serves no GraphiQL page by default', async () => {
    const res = await server.http().get('/graphql').set('accept', 'text/html');
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(/<html/i);
  });
});

describe('GraphQL with introspection and GraphiQL configured on', () => {
  let database: TestDatabase;
  let server: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startTestApp(database, {
      PODFIT_GRAPHQL_INTROSPECTION: 'true',
      PODFIT_GRAPHQL_SANDBOX: 'true',
    });
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('answers introspection, and hints at field names', async () => {
    const res = await server
      .http()
      .post('/graphql')
      .send({ query: '{ __schema { queryType { name } } }' })
      .expect(200);
    expect(res.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const typo = await server
      .http()
      .post('/graphql')
      .send({ query: '{ analyse { edges { cursor } } }' })
      .expect(400);
    expect(typo.body.errors[0].message).toBe(
      'Cannot query field "analyse" on type "Query". Did you mean "analyses" or "analysis"?',
    );
  });

  it('types every time as DateTime, and a label as the one Label type wherever one is', async () => {
    const res = await server
      .http()
      .post('/graphql')
      .send({
        query: `{ __schema { types { name fields { name type { ...Wrapped } } } } }
          fragment Wrapped on __Type { name ofType { name ofType { name ofType { name } } } }`,
      })
      .expect(200);
    interface TypeRef {
      name: string | null;
      ofType?: TypeRef | null;
    }
    const named = (ref: TypeRef): string => ref.name ?? named(ref.ofType!);
    const types = (
      res.body.data.__schema.types as Array<{
        name: string;
        fields: Array<{ name: string; type: TypeRef }> | null;
      }>
    ).filter((type) => !type.name.startsWith('__'));
    const times = types.flatMap((type) =>
      (type.fields ?? [])
        .filter((field) => /At$/.test(field.name))
        .map((field) => `${type.name}.${field.name}: ${named(field.type)}`),
    );
    expect(times).toEqual(times.map((time) => time.replace(/: .*$/, ': DateTime')));
    expect(times).toEqual(
      expect.arrayContaining([
        'Analysis.createdAt: DateTime',
        'ApiToken.lastUsedAt: DateTime',
        'InventorySummary.updatedAt: DateTime',
        'WorkloadChange.previousCreatedAt: DateTime',
      ]),
    );
    const keyValueTypes = types
      .filter((type) => type.fields?.map((field) => field.name).join() === 'key,value')
      .map((type) => type.name);
    expect(keyValueTypes).toEqual(['Label']);
    const labelled = types.flatMap((type) =>
      (type.fields ?? [])
        .filter((field) => field.name === 'labels')
        .map((field) => `${type.name}.labels: ${named(field.type)}`),
    );
    expect(labelled.sort()).toEqual([
      'Analysis.labels: Label',
      'InventoryNode.labels: Label',
      'WorkloadHistoryEntry.labels: Label',
    ]);
  });

  it('serves GraphiQL to a browser', async () => {
    const res = await server.http().get('/graphql').set('accept', 'text/html').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('graphiql');
  });
});
