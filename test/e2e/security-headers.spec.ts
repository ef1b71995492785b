// The Content-Security-Policy each page gets: strict everywhere, and on the GraphiQL page (only when it is
// turned on) exactly what that page loads, so a browser runs it.
import { startTestApp, type TestApp } from './support/test-app';
import { createTestDatabase, type TestDatabase } from './support/test-database';

jest.setTimeout(60_000);

/** `script-src` and the like, as lists of sources. */
function directives(policy: string | undefined): Record<string, string[]> {
  return Object.fromEntries(
    (policy ?? '')
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((words) => words[0] !== '')
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** The origins of the page's external scripts and stylesheets. */
function externalOrigins(html: string, tag: 'script' | 'link'): string[] {
  const attribute = tag === 'script' ? 'src' : 'href';
  const pattern = new RegExp(`<${tag}\\b[^>]*\\b${attribute}="(https?://[^"]+)"`, 'g');
  return [...new Set([...html.matchAll(pattern)].map((match) => new URL(match[1]!).origin))];
}

describe('security headers', () => {
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

  it('lets the GraphiQL page load what it loads, and run its inline script', async () => {
    const res = await server.http().get('/graphql').set('accept', 'text/html').expect(200);
    const policy = directives(res.headers['content-security-policy']);
    const scripts = externalOrigins(res.text, 'script');
    const styles = externalOrigins(res.text, 'link');
    expect(scripts.length).toBeGreaterThan(0);
    expect(policy['script-src']).toEqual(expect.arrayContaining(["'unsafe-inline'", ...scripts]));
    expect(policy['style-src']).toEqual(expect.arrayContaining(styles));
    expect(res.text).toMatch(/<script>[^<]+<\/script>/);
  });

  it('keeps every other response strict: scripts from this server only', async () => {
    for (const path of ['/v1/analyses', '/docs', '/healthz']) {
      const res = await server.http().get(path);
      expect([path, directives(res.headers['content-security-policy'])['script-src']]).toEqual([
        path,
        ["'self'"],
      ]);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    const graphqlPost = await server.http().post('/graphql').send({ query: '{ __typename }' }).expect(200);
    expect(directives(graphqlPost.headers['content-security-policy'])['script-src']).toEqual(["'self'"]);
  });
});
