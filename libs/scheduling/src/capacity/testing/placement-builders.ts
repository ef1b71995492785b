// Test helper: what the capacity tests add to a pod built with `makePod()` (framework/testing/wrappers.ts),
// and the workloads they place.
import { type Pod } from '../../api/core-v1';
import { type WorkloadToPlace } from '../simulate-placement';

export const HOSTNAME_KEY = 'kubernetes.io/hostname';
export const ZONE_KEY = 'topology.kubernetes.io/zone';

/** Required pod anti-affinity against pods carrying `labels`, over `topologyKey`. */
export function withAntiAffinity(pod: Pod, topologyKey: string, labels: Record<string, string>): Pod {
  const term = { labelSelector: { matchLabels: labels }, topologyKey };
  return {
    ...pod,
    spec: {
      ...pod.spec,
      affinity: {
        ...pod.spec.affinity,
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] },
      },
    },
  };
}

/** Required pod affinity to pods carrying `labels`, over `topologyKey`. */
export function withAffinity(pod: Pod, topologyKey: string, labels: Record<string, string>): Pod {
  const term = { labelSelector: { matchLabels: labels }, topologyKey };
  return {
    ...pod,
    spec: {
      ...pod.spec,
      affinity: {
        ...pod.spec.affinity,
        podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] },
      },
    },
  };
}

/** A DoNotSchedule topology spread constraint over `topologyKey` for pods carrying `labels`. */
export function withSpread(
  pod: Pod,
  topologyKey: string,
  maxSkew: number,
  labels: Record<string, string>,
  minDomains?: number,
): Pod {
  const constraint = {
    maxSkew,
    topologyKey,
    whenUnsatisfiable: 'DoNotSchedule',
    labelSelector: { matchLabels: labels },
    ...(minDomains !== undefined && { minDomains }),
  };
  return {
    ...pod,
    spec: {
      ...pod.spec,
      topologySpreadConstraints: [...(pod.spec.topologySpreadConstraints ?? []), constraint],
    },
  };
}

/** A workload of `kind` named `name` in the pod's namespace. */
export function toPlace(kind: string, name: string, pod: Pod, replicas: number | null): WorkloadToPlace {
  return { kind, namespace: pod.metadata.namespace ?? 'default', name, pod, replicas };
}
