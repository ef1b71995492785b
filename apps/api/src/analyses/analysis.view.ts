// What the API returns for an analysis: DESIGN.md's contract (`apiVersion`, `kind`, `workloads`) plus what
// the server adds: id, time, inventory version, labels, the manifest's sha256, and per workload what
// changed since its previous analysis.
import {
  type BriefWorkloadResult,
  type WorkloadChangeDetails,
  type WorkloadResult,
} from '@podfit/scheduling';

export interface WorkloadChange extends WorkloadChangeDetails {
  previousAnalysisId: string;
  previousCreatedAt: string;
}

/** A workload with every node's verdict (`include=nodes`) or its fit summarised, and what changed. */
export type AnalysedWorkload = (WorkloadResult | BriefWorkloadResult) & { change: WorkloadChange | null };

export interface InventoryRef {
  name: string;
  version: number;
}

/** The API token that stored an analysis. */
export interface AnalysisCreator {
  tokenId: string;
  tokenName: string;
}

export interface AnalysisView {
  apiVersion: 'podfit.dev/v1';
  kind: 'Analysis';
  /** null for a dry run, which is not stored. */
  id: string | null;
  createdAt: string;
  inventory: InventoryRef | null;
  labels: Record<string, string>;
  manifestSha256: string;
  /** null for a dry run, and for an analysis stored while the server ran open (no token). */
  createdBy: AnalysisCreator | null;
  workloads: AnalysedWorkload[];
}

export interface AnalysisSummary {
  id: string;
  createdAt: string;
  inventory: InventoryRef | null;
  labels: Record<string, string>;
  manifestSha256: string;
  createdBy: AnalysisCreator | null;
  workloadCount: number;
  unschedulableCount: number;
}

export interface AnalysisPage {
  items: AnalysisSummary[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface WorkloadHistoryEntry {
  analysisId: string;
  createdAt: string;
  inventory: InventoryRef | null;
  labels: Record<string, string>;
  replicas: number | null;
  isValid: boolean;
  qosClass: string | null;
  requests: Record<string, string> | null;
  limits: Record<string, string> | null;
  cpuMillis: number | null;
  memoryBytes: number | null;
  feasibleNodes: number | null;
  totalNodes: number | null;
  isSchedulable: boolean | null;
  change: WorkloadChange | null;
}

export interface WorkloadHistory {
  kind: string;
  namespace: string;
  name: string;
  items: WorkloadHistoryEntry[];
  nextCursor: string | null;
}
