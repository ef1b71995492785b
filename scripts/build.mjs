// Bundles the offline CLI into one file: it starts fast (no Nest, no Prisma, few modules to resolve).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['apps/cli/src/main.ts'],
  outfile: 'dist/cli/podfit.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  banner: { js: '#!/usr/bin/env node' },
  define: { PODFIT_VERSION: JSON.stringify(version) },
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
});
