// Builds the two programs:
// - dist/cli/podfit.js: the CLI in one file, so it starts fast (no Nest, no Prisma, few modules to resolve);
// - dist/api/main.js: the server, project code bundled, packages left in node_modules. Its TypeScript goes
//   through SWC, because Nest's dependency injection needs decorator metadata, which esbuild does not emit.
// Both need the Prisma client generated first (scripts/generate-prisma.mjs).
import { build } from 'esbuild';
import { transform } from '@swc/core';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  define: { PODFIT_VERSION: JSON.stringify(version) },
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
};

const decoratorMetadata = {
  name: 'swc-decorator-metadata',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (!source.includes('@')) return { contents: source, loader: 'ts' };
      const { code } = await transform(source, {
        filename: path,
        sourceMaps: 'inline',
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
        },
      });
      return { contents: code, loader: 'js' };
    });
  },
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['apps/cli/src/main.ts'],
    outfile: 'dist/cli/podfit.js',
    banner: { js: '#!/usr/bin/env node' },
    // Loaded from node_modules only for `-o junit` (apps/cli/src/output/junit.printer.ts).
    external: ['junit-report-builder'],
  }),
  build({
    ...common,
    entryPoints: { main: 'apps/api/src/main.ts', migrate: 'apps/api/src/database/migrate.main.ts' },
    outdir: 'dist/api',
    packages: 'external',
    keepNames: true,
    plugins: [decoratorMetadata],
  }),
]);
