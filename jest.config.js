/** Unit tests sit beside the code (`*.spec.ts`); CLI and conformance tests live under test/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  // @fastify/static (OpenAPI docs) requires content-disposition 3, and @nestjs/terminus (health) is one
  // too: ES modules Node 20 loads with require(esm) but Jest's module system cannot. SWC turns them into
  // CommonJS for the tests.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/|@nestjs/terminus/)'],
  transform: {
    '/node_modules/(content-disposition|@nestjs/terminus)/.+\\.js$': [
      '@swc/jest',
      { module: { type: 'commonjs' } },
    ],
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
      },
    ],
  },
  moduleNameMapper: {
    // The generated Prisma client imports its TypeScript siblings as `./x.js`.
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^@podfit/scheduling$': '<rootDir>/libs/scheduling/src/index.ts',
    '^@podfit/manifests$': '<rootDir>/libs/manifests/src/index.ts',
    '^@podfit/reports$': '<rootDir>/libs/reports/src/index.ts',
  },
  globalSetup: '<rootDir>/test/global-setup.js',
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
