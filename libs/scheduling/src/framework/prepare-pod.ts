// Everything the filters and scores need that depends on the pod alone, computed once per pod: kube-scheduler's
// PreFilter (and the per-pod half of PreScore).
import { type Pod, type ResourceList, type Toleration } from '../api/core-v1';
import { type Warning } from '../analysis/analysis-result';
import { nonZeroDefaultRequests, podRequests } from '../pod/resources';
import {
  type NodeAffinityPreFilter,
  type WeightedTerm,
  parsePreferredSchedulingTerms,
  prefilterNodeAffinity,
} from '../plugins/node-affinity';
import { prefilterNodePorts } from '../plugins/node-ports';
import { type PodResourceRequest, computePodResourceRequest } from '../plugins/node-resources-fit';
import { toleratesUnschedulable } from '../plugins/node-unschedulable';
import { preferNoScheduleTolerations } from '../plugins/taint-toleration';
import { NumberConverter } from './cluster-state';
import { type HostPort } from './host-ports';

/** A pod ready to be evaluated against many nodes. */
export interface PreparedPod {
  readonly pod: Pod;
  /** `spec.nodeName`, '' when unset (NodeName). */
  readonly nodeName: string;
  /** Tolerates `node.kubernetes.io/unschedulable:NoSchedule` (NodeUnschedulable). */
  readonly toleratesUnschedulable: boolean;
  /** `spec.tolerations` (TaintToleration Filter). */
  readonly tolerations: readonly Toleration[];
  /** Tolerations with effect PreferNoSchedule or none (TaintToleration Score). */
  readonly preferNoScheduleTolerations: readonly Toleration[];
  /** NodeAffinity's PreFilter result. */
  readonly nodeAffinity: NodeAffinityPreFilter;
  /** Preferred node affinity terms (NodeAffinity Score); null when the pod has none (Skip). */
  readonly preferredNodeAffinity: readonly WeightedTerm[] | null;
  /** Host ports the pod wants, sanitized; empty skips NodePorts. */
  readonly hostPorts: readonly HostPort[];
  /** NodeResourcesFit's PreFilter state. */
  readonly resourceRequest: PodResourceRequest;
  /** PodRequests as the score plugins read them (BalancedAllocation). */
  readonly scoringRequests: ResourceList;
  /** The same with 100m/200Mi for unset container cpu/memory requests (LeastAllocated). */
  readonly nonZeroScoringRequests: ResourceList;
  /** Some request exceeds 2^53 and is compared as the nearest double. */
  readonly hasInexactQuantities: boolean;
  /** What podfit could not evaluate as kube-scheduler would (paths relative to the pod spec). */
  readonly warnings: readonly Warning[];
}

const NO_TOLERATIONS: readonly Toleration[] = Object.freeze([]);

/** Does the PreFilter work for a pod that is already defaulted (`applyPodDefaults`). */
export function preparePod(pod: Pod): PreparedPod {
  const convert = new NumberConverter();
  const warnings: Warning[] = [];
  const tolerations = pod.spec.tolerations ?? NO_TOLERATIONS;

  let preferredNodeAffinity: readonly WeightedTerm[] | null = null;
  const preferred = pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  if (preferred !== undefined && preferred !== null) {
    const parsed = parsePreferredSchedulingTerms(preferred);
    if (parsed.error === null) {
      preferredNodeAffinity = parsed.terms;
    } else {
      // kube-scheduler fails the whole scheduling attempt here (NodeAffinity PreScore returns an error).
      warnings.push({
        code: 'invalid-preferred-node-affinity',
        path: 'affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution',
        message: `kube-scheduler rejects this pod with an error while scoring: ${parsed.error}; podfit scores it without these terms`,
      });
    }
  }

  const resourceRequest = computePodResourceRequest(pod, convert);
  return {
    pod,
    nodeName: pod.spec.nodeName ?? '',
    toleratesUnschedulable: toleratesUnschedulable(tolerations),
    tolerations,
    preferNoScheduleTolerations: preferNoScheduleTolerations(tolerations),
    nodeAffinity: prefilterNodeAffinity(pod),
    preferredNodeAffinity,
    hostPorts: prefilterNodePorts(pod),
    resourceRequest,
    scoringRequests: podRequests(pod, { useStatusResources: true }),
    nonZeroScoringRequests: podRequests(pod, {
      useStatusResources: true,
      nonMissingContainerRequests: nonZeroDefaultRequests(),
    }),
    hasInexactQuantities: convert.inexact,
    warnings,
  };
}
