// One analysis: for each workload, the pod its controller would create, what the scheduler reserves for
// it and why, its QoS class, its anatomy findings, and, given nodes, where it fits.
import { type Node, type Pod, type ResourceList } from '../api/core-v1';
import { checkPodAnatomy, sharedVolumes } from '../anatomy/pod-anatomy';
import { applyPodDefaults } from '../pod/defaults';
import { explainPodResources } from '../pod/breakdown';
import { computePodQOS } from '../pod/qos';
import { buildClusterState, type ClusterState } from '../framework/cluster-state';
import { preparePod } from '../framework/prepare-pod';
import { evaluateFit } from '../framework/evaluate-fit';
import { fitDaemonSet } from './daemon-set';
import {
  ANALYSIS_API_VERSION,
  type AnalysisResult,
  type FitResult,
  type PodResult,
  type QuantityMap,
  type Warning,
  type WorkloadResult,
} from './analysis-result';
import { type WorkloadInput } from './workload-input';

/** The nodes of an inventory and the pods already bound to them (`kubectl get nodes/pods -o json`). */
export interface ClusterInput {
  readonly nodes: readonly Node[];
  readonly pods: readonly Pod[];
}

/** Analyses workloads in input order; with a cluster, also where each one's pods fit. */
export function analyzeWorkloads(
  workloads: readonly WorkloadInput[],
  cluster: ClusterInput | null,
): AnalysisResult {
  const state = cluster ? buildClusterState(cluster.nodes, cluster.pods) : null;
  return {
    apiVersion: ANALYSIS_API_VERSION,
    kind: 'Analysis',
    workloads: workloads.map((workload) => analyzeWorkload(workload, state)),
  };
}

/** Analyses one workload against a cluster state built once for many workloads (null: no nodes given). */
export function analyzeWorkload(workload: WorkloadInput, cluster: ClusterState | null): WorkloadResult {
  const head = {
    kind: workload.kind,
    apiVersion: workload.apiVersion,
    namespace: workload.namespace,
    name: workload.name,
    replicas: workload.replicas,
    document: workload.document,
    source: workload.source,
    ...(workload.line === undefined ? {} : { line: workload.line }),
  };
  if (workload.errors.length > 0 || workload.pod === null) {
    return { ...head, pod: null, warnings: [...workload.warnings], errors: [...workload.errors] };
  }

  const pod = applyPodDefaults(workload.pod);
  const isDaemonSet = workload.kind === 'DaemonSet';
  // One pod per node is what a DaemonSet is for, so its host ports are no finding.
  const anatomy = checkPodAnatomy(pod, workload.podSpecPath).filter(
    (w) => !(isDaemonSet && w.code === 'host-port'),
  );
  const warnings: Warning[] = [...workload.warnings, ...anatomy];
  const result: WorkloadResult = { ...head, pod: describePod(pod), warnings };
  if (cluster === null) return result;

  let fit: FitResult;
  let fitWarnings: readonly Warning[];
  if (isDaemonSet) {
    ({ fit, warnings: fitWarnings } = fitDaemonSet(pod, cluster));
    result.replicas = fit.totalNodes;
  } else {
    ({ fit, warnings: fitWarnings } = evaluateFit(preparePod(pod), cluster));
  }
  for (const warning of fitWarnings) {
    warnings.push({ ...warning, path: joinPath(workload.podSpecPath, warning.path) });
  }
  result.fit = fit;
  return result;
}

function describePod(pod: Pod): PodResult {
  const explained = explainPodResources(pod);
  return {
    requests: toQuantityMap(explained.requests),
    limits: toQuantityMap(explained.limits),
    qosClass: computePodQOS(pod),
    breakdown: explained.breakdown,
    containers: explained.containers,
    sharedVolumes: sharedVolumes(pod),
  };
}

/** A resource list as the reports carry it: canonical quantity strings, resources by name. */
export function toQuantityMap(list: ResourceList): QuantityMap {
  const map: QuantityMap = {};
  for (const name of Object.keys(list).sort()) map[name] = list[name]!.toString();
  return map;
}

/** A warning's path, relative to the pod spec, made relative to the document: `spec.template.spec` + `containers[0]`. */
export function joinPath(prefix: string, path: string): string {
  if (path === '') return prefix;
  return path.startsWith('[') ? prefix + path : `${prefix}.${path}`;
}
