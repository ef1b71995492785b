// What the API returns for a capacity report: the report exactly as `podfit capacity … -o json` prints it,
// and what the server adds around it (id, time, inventory version, the token that stored it).
import { type CapacityReport, type CapacityReportKind } from '@podfit/scheduling';
import { type AnalysisCreator, type InventoryRef } from '../analyses/analysis.view';

export { type CapacityReportKind } from '@podfit/scheduling';

/** Every kind, in the order the API lists them. */
export const CAPACITY_REPORT_KINDS = [
  'MaxReplicas',
  'CapacityPlan',
  'ScaleOut',
  'Headroom',
] as const satisfies readonly CapacityReportKind[];

/** The API token that stored a report: the same shape as an analysis's `createdBy`. */
export type CapacityReportCreator = AnalysisCreator;

export interface CapacityReportView {
  /** null for a dry run, which is not stored. */
  id: string | null;
  kind: CapacityReportKind;
  createdAt: Date;
  /** null for a dry run, and for a report stored while the server ran open (no token). */
  createdBy: CapacityReportCreator | null;
  /** The inventory and the version the report was computed on. */
  inventory: InventoryRef;
  report: CapacityReport;
}

export interface CapacityReportSummary {
  id: string;
  kind: CapacityReportKind;
  createdAt: Date;
  createdBy: CapacityReportCreator | null;
  inventory: InventoryRef;
  /**
   * MaxReplicas: every workload places what it must (a replica; a DaemonSet, its pod on every node it
   * selects). CapacityPlan: every workload fits. ScaleOut: it fits as is or with some template's nodes.
   * Headroom: null.
   */
  fits: boolean | null;
  /** Workloads in the report (those of the plan for a ScaleOut); 0 for Headroom. */
  workloads: number;
}

export interface CapacityReportPage {
  items: CapacityReportSummary[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}
