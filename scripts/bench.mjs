// `npm run bench`: bundles bench/main.ts and runs it. Benchmarks never run under `npm test`.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';

await build({
  entryPoints: ['bench/main.ts'],
  outfile: 'dist/bench/bench.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
});
const { status } = spawnSync(
  process.execPath,
  ['--expose-gc', 'dist/bench/bench.js', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(status ?? 1);
