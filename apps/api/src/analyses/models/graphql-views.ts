// The REST views (analysis.view.ts) reshaped for GraphQL: resource lists as ResourceQuantity lists, maps
// as lists of entries, times as dates. Numbers and strings are carried over untouched, so both APIs give
// the same values.
import {
  fitsAsNeeded,
  type FitSummary,
  type NodeVerdict as CoreNodeVerdict,
  type WorkloadResult,
} from '@podfit/scheduling';
import { pageConnection } from '../../common/cursor';
import { labelList } from '../../graphql/label.model';
import { resourceQuantities } from '../../graphql/resource-quantity.model';
import {
  type AnalysedWorkload,
  type AnalysisPage,
  type AnalysisSummary,
  type AnalysisView,
  type WorkloadChange as ChangeView,
  type WorkloadHistory as HistoryView,
} from '../analysis.view';
import { type Analysis, type AnalysisConnection } from './analysis.model';
import { type WorkloadHistory } from './workload-history.model';
import { type Fit, type Workload, type WorkloadChange } from './workload.model';

/** An analysis from the page of `analyses`: its workloads are resolved (in one batch) when selected. */
export type AnalysisNode = Omit<Analysis, 'workloads'> & { workloads?: Workload[] };

export function summaryNode(summary: AnalysisSummary): AnalysisNode {
  return {
    id: summary.id,
    createdAt: new Date(summary.createdAt),
    inventory: summary.inventory,
    labels: labelList(summary.labels),
    manifestSha256: summary.manifestSha256,
    createdBy: summary.createdBy,
    workloadCount: summary.workloadCount,
    unschedulableCount: summary.unschedulableCount,
  };
}

/** A page of GET /v1/analyses as a Relay connection; each edge's cursor reads the analyses after it. */
export function analysisConnection(page: AnalysisPage, isAfterCursor: boolean): AnalysisConnection {
  return pageConnection(page, isAfterCursor, (item) => summaryNode(item) as Analysis);
}

export function analysisNode(view: AnalysisView): Analysis {
  return {
    id: view.id,
    createdAt: new Date(view.createdAt),
    inventory: view.inventory,
    labels: labelList(view.labels),
    manifestSha256: view.manifestSha256,
    createdBy: view.createdBy,
    workloadCount: view.workloads.length,
    // As the stored is_schedulable column counts it; fitsAsNeeded reads only the fit's node counts.
    unschedulableCount: view.workloads.filter(
      (workload) => !fitsAsNeeded(workload as Pick<WorkloadResult, 'kind' | 'fit'>),
    ).length,
    workloads: view.workloads.map(workloadNode),
  };
}

export function workloadNode(workload: AnalysedWorkload): Workload {
  const pod = workload.pod;
  return {
    kind: workload.kind,
    apiVersion: workload.apiVersion,
    namespace: workload.namespace,
    name: workload.name,
    replicas: workload.replicas,
    document: workload.document,
    source: workload.source,
    line: workload.line ?? null,
    isValid: pod !== null,
    qosClass: pod?.qosClass ?? null,
    requests: pod === null ? null : resourceQuantities(pod.requests),
    limits: pod === null ? null : resourceQuantities(pod.limits),
    containers:
      pod?.containers.map((container) => ({
        name: container.name,
        type: container.type,
        requests: resourceQuantities(container.requests),
        limits: resourceQuantities(container.limits),
      })) ?? null,
    breakdown:
      pod === null
        ? null
        : Object.entries(pod.breakdown).map(([resource, breakdown]) => ({
            resource,
            from: breakdown.from,
            container: breakdown.container ?? null,
            overhead: breakdown.overhead ?? null,
            detail: breakdown.detail,
          })),
    sharedVolumes: pod?.sharedVolumes ?? null,
    fit: workload.fit === undefined ? null : fitNode(workload.fit),
    warnings: workload.warnings,
    errors: workload.errors ?? [],
    change: workload.change === null ? null : changeNode(workload.change),
  };
}

function fitNode(fit: FitSummary & { nodes?: readonly CoreNodeVerdict[] }): Fit {
  return {
    feasibleNodes: fit.feasibleNodes,
    totalNodes: fit.totalNodes,
    message: fit.message,
    reasonCounts: Object.entries(fit.reasonCounts).map(([reason, count]) => ({ reason, count })),
    bestNodes: fit.bestNodes,
    nodes: fit.nodes?.map((node) => ({ ...node, reasons: [...node.reasons] })) ?? null,
  };
}

function changeNode(change: ChangeView): WorkloadChange {
  const quantityChanges = (changes: ChangeView['requests']) =>
    Object.entries(changes).map(([resource, { from, to, delta }]) => ({ resource, from, to, delta }));
  return {
    previousAnalysisId: change.previousAnalysisId,
    previousCreatedAt: new Date(change.previousCreatedAt),
    requests: quantityChanges(change.requests),
    limits: quantityChanges(change.limits),
    qosClass: change.qosClass ?? null,
    replicas: change.replicas ?? null,
    feasibleNodes: change.feasibleNodes ?? null,
    summary: change.summary,
  };
}

export function historyNode(history: HistoryView): WorkloadHistory {
  return {
    kind: history.kind,
    namespace: history.namespace,
    name: history.name,
    items: history.items.map((item) => ({
      analysisId: item.analysisId,
      createdAt: new Date(item.createdAt),
      inventory: item.inventory,
      labels: labelList(item.labels),
      replicas: item.replicas,
      isValid: item.isValid,
      qosClass: item.qosClass,
      requests: item.requests === null ? null : resourceQuantities(item.requests),
      limits: item.limits === null ? null : resourceQuantities(item.limits),
      cpuMillis: item.cpuMillis,
      memoryBytes: item.memoryBytes,
      feasibleNodes: item.feasibleNodes,
      totalNodes: item.totalNodes,
      isSchedulable: item.isSchedulable,
      change: item.change === null ? null : changeNode(item.change),
    })),
    nextCursor: history.nextCursor,
  };
}
