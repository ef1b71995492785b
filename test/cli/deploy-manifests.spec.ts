// podfit checks its own pods: the manifests under deploy/ pass `podfit analyze` (the real binary) against the
// example inventory, and what they configure is what the server reads.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { load } from 'js-yaml';
import { Env } from '../../apps/api/src/config/env';
import { REPO_ROOT, runPodfit } from './podfit-binary';

const BASE = resolve(REPO_ROOT, 'deploy/kustomize/base');

interface Container {
  name: string;
  env: Array<{ name: string }>;
  startupProbe: { httpGet: { path: string } };
  readinessProbe: { httpGet: { path: string } };
  livenessProbe: { httpGet: { path: string } };
}
interface Deployment {
  spec: { template: { spec: { containers: Container[]; terminationGracePeriodSeconds: number } } };
}

describe('deploy/', () => {
  it("passes podfit's own analysis: the server's pod fits the example inventory, with requests and a memory limit", () => {
    const run = runPodfit(
      ['analyze', '-f', 'deploy/kustomize', '-R', '--nodes', 'examples/nodes.json', '-o', 'json', '--brief'],
      { cwd: REPO_ROOT },
    );
    expect(run.code).toBe(0);
    const [workload, ...others] = (JSON.parse(run.stdout) as { workloads: Array<Record<string, unknown>> })
      .workloads;
    expect(others).toEqual([]);
    expect(workload).toMatchObject({
      kind: 'Deployment',
      name: 'podfit',
      replicas: 2,
      source: 'deploy/kustomize/base/deployment.yaml',
      pod: {
        requests: { cpu: '500m', memory: '512Mi', 'ephemeral-storage': '64Mi' },
        limits: { memory: '1Gi', 'ephemeral-storage': '256Mi' },
        qosClass: 'Burstable',
      },
      fit: { feasibleNodes: 2, totalNodes: 4, message: null },
    });
    // Only the spread constraints' scores, which podfit does not model, are worth a word.
    const codes = (workload!.warnings as Array<{ code: string }>).map((warning) => warning.code);
    expect(new Set(codes)).toEqual(new Set(['score-not-modeled']));
  });

  it('sets only variables the server reads, and probes its liveness and readiness endpoints', () => {
    const deployment = load(readFileSync(resolve(BASE, 'deployment.yaml'), 'utf8')) as Deployment;
    const [container] = deployment.spec.template.spec.containers;
    const known = new Set([...Object.keys(new Env()), 'DATABASE_URL', 'NODE_ENV']);
    expect(container!.env.map((variable) => variable.name).filter((name) => !known.has(name))).toEqual([]);
    expect(container!.env.map((variable) => variable.name)).toEqual(
      expect.arrayContaining(['HOST', 'DATABASE_URL', 'PODFIT_AUTH', 'PODFIT_SHUTDOWN_DELAY_MS']),
    );
    expect([
      container!.startupProbe.httpGet.path,
      container!.readinessProbe.httpGet.path,
      container!.livenessProbe.httpGet.path,
    ]).toEqual(['/readyz', '/readyz', '/healthz']);
  });
});
