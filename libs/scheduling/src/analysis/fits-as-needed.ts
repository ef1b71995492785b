import { type WorkloadResult } from './analysis-result';

/**
 * Whether a workload's pods find the nodes they need: some node for most kinds; for a DaemonSet, every node
 * it should run on. True when no nodes were given. The CLI's exit code, JUnit failures and the server's
 * `isSchedulable` column all follow this rule.
 */
export function fitsAsNeeded(workload: Pick<WorkloadResult, 'kind' | 'fit'>): boolean {
  const fit = workload.fit;
  if (fit === undefined) return true;
  return workload.kind === 'DaemonSet' ? fit.feasibleNodes === fit.totalNodes : fit.feasibleNodes > 0;
}
