// The analysis result: DESIGN.md's contract, carried alike by `podfit analyze -o json`, REST and GraphQL.
// Resource lists map a resource name to a Kubernetes quantity string in canonical form.
// The JSON Schema in schema/analysis.schema.json describes exactly this; keep them in step.
import { type QOSClass } from '../api/core-v1';

export const ANALYSIS_API_VERSION = 'podfit.dev/v1';

export type QuantityMap = Record<string, string>;

export type ContainerType = 'app' | 'init' | 'sidecar';

export interface ContainerResult {
  name: string;
  type: ContainerType;
  requests: QuantityMap;
  limits: QuantityMap;
}

/** Which term sets the pod's value of one resource. */
export type BreakdownSource = 'containers' | 'init' | 'pod' | 'overhead-only' | 'none';

export interface ResourceBreakdown {
  /** `containers`: app containers + sidecars; `init`: an init container's phase; `pod`: spec.resources. */
  from: BreakdownSource;
  /** The init container that peaks, when `from` is `init`. */
  container?: string;
  /** Overhead added on top, when the pod declares it for this resource. */
  overhead?: string;
  /** One sentence a person reads: `init container migrate 200m + sidecar log 50m > app containers 150m`. */
  detail: string;
}

export interface SharedVolume {
  volume: string;
  containers: string[];
}

export interface PodResult {
  requests: QuantityMap;
  limits: QuantityMap;
  qosClass: QOSClass;
  breakdown: Record<string, ResourceBreakdown>;
  containers: ContainerResult[];
  sharedVolumes: SharedVolume[];
}

export type FilterPluginName =
  | 'NodeUnschedulable'
  | 'NodeName'
  | 'TaintToleration'
  | 'NodeAffinity'
  | 'NodePorts'
  | 'NodeResourcesFit'
  | 'InterPodAffinity'
  | 'PodTopologySpread';

export interface NodeVerdict {
  name: string;
  fits: boolean;
  /** The first filter that failed, as kube-scheduler stops there; null when the node fits. */
  plugin: FilterPluginName | null;
  reasons: string[];
  /** Weighted sum of the default profile's normalized scores; null when the node does not fit. */
  score: number | null;
}

export interface FitResult {
  feasibleNodes: number;
  totalNodes: number;
  /** `0/N nodes are available: …` (FitError.Error()) when no node fits; null when some node does. */
  message: string | null;
  /** Reason -> how many nodes gave it, as the message counts them. */
  reasonCounts: Record<string, number>;
  /** The best-scored feasible nodes, at most 10, best first (ties by name). */
  bestNodes: string[];
  nodes: NodeVerdict[];
}

export interface Warning {
  /** Stable kebab-case code, e.g. `missing-memory-limit`. */
  code: string;
  /** JSON path within the document, e.g. `spec.template.spec.containers[0]`. */
  path: string;
  message: string;
}

export interface Problem {
  /** JSON path within the document. */
  path: string;
  message: string;
}

export interface WorkloadResult {
  kind: string;
  apiVersion: string;
  namespace: string;
  name: string;
  /** null for a PodTemplate, and for a DaemonSet analysed without nodes. */
  replicas: number | null;
  document: number;
  source: string;
  /** 1-based line where the document (or List item) starts, when known. */
  line?: number;
  /** null when the workload is invalid (see `errors`). */
  pod: PodResult | null;
  /** Present when nodes were given and the workload is valid. */
  fit?: FitResult;
  warnings: Warning[];
  /** What the API server would reject; present (non-empty) only for an invalid workload. */
  errors?: Problem[];
}

export interface AnalysisResult {
  apiVersion: typeof ANALYSIS_API_VERSION;
  kind: 'Analysis';
  workloads: WorkloadResult[];
}

/** A fit without its per-node verdicts: what a stored analysis keeps. */
export type FitSummary = Omit<FitResult, 'nodes'>;

/**
 * The summary of `fit`, copied member by member: `fit.nodes` is computed when first read (evaluate-fit.ts),
 * so leaving it out this way costs nothing, where `const { nodes, ...rest } = fit` would compute every verdict.
 */
export function fitSummary(fit: FitResult): FitSummary {
  const { feasibleNodes, totalNodes, message, reasonCounts, bestNodes } = fit;
  return { feasibleNodes, totalNodes, message, reasonCounts, bestNodes };
}

/** A workload result with its fit summarised (`--brief`, and what the server stores). */
export type BriefWorkloadResult = Omit<WorkloadResult, 'fit'> & { fit?: FitSummary };
