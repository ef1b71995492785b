// Hand-made analysis results for the printer tests: a Burstable Deployment shop/web with 250m/64Mi requests
// and a 128Mi memory limit, changed by whatever a test overrides.
import { type FitResult, type WorkloadResult } from '@podfit/scheduling';

export function workloadResult<T extends WorkloadResult = WorkloadResult>(overrides: Partial<T> = {}): T {
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    namespace: 'shop',
    name: 'web',
    replicas: 2,
    document: 0,
    source: 'web.yaml',
    pod: {
      requests: { cpu: '250m', memory: '64Mi' },
      limits: { memory: '128Mi' },
      qosClass: 'Burstable',
      breakdown: {},
      containers: [],
      sharedVolumes: [],
    },
    warnings: [],
    ...overrides,
  } as unknown as T;
}

/** A fit summary without per-node verdicts. */
export function fitResult(
  feasibleNodes: number,
  totalNodes: number,
  message: string | null = null,
): FitResult {
  return { feasibleNodes, totalNodes, message, reasonCounts: {}, bestNodes: [], nodes: [] };
}
