// The inputs of `npm run bench:http`, from the same seeded generators as the in-process benchmarks
// (bench/generate.ts, bundled here): a `kubectl get nodes -o json` List (three instance shapes, three zones,
// ~10% tainted), bound pods shaped like `kubectl get pods -A -o json`, and one Deployment (init container,
// native sidecar, toleration, nodeSelector).
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const OUTFILE = 'dist/bench/http-generate.cjs';

export async function loadInputs({ nodes, podsPerNode }) {
  await build({
    entryPoints: ['bench/generate.ts'],
    outfile: OUTFILE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    tsconfig: 'tsconfig.json',
    logLevel: 'warning',
  });
  const require = createRequire(import.meta.url);
  const generate = require(`../../${OUTFILE}`);
  const manifest = generate.workloadManifest(1);
  return {
    nodes: generate.nodeList(nodes),
    pods: generate.boundPodList(nodes, podsPerNode),
    manifest,
  };
}
