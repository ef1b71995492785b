// Why the scheduler reserves what it does: for every resource the pod requests, the term that sets it
// (the app containers with the sidecars, one init container's phase, or pod-level spec.resources) and the
// overhead on top, in one sentence. The terms follow PodRequests (./resources.ts) step by step, so the
// numbers are the scheduler's; a property test holds them to podRequests.
import { type Container, type Pod, type ResourceList, RESOURCE_CPU, RESOURCE_MEMORY } from '../api/core-v1';
import {
  type ContainerResult,
  type ContainerType,
  type QuantityMap,
  type ResourceBreakdown,
} from '../analysis/analysis-result';
import { type Quantity } from '../quantity/quantity';
import {
  isPodLevelRequestsSet,
  isRestartableInitContainer,
  isSupportedPodLevelResource,
  nonZeroDefaultRequests,
  podLimits,
  podRequests,
} from './resources';

/** What a pod requests and limits, why, and each container's own values. */
export interface PodResourcesExplanation {
  readonly requests: ResourceList;
  readonly limits: ResourceList;
  readonly breakdown: Record<string, ResourceBreakdown>;
  readonly containers: ContainerResult[];
}

// The terms of one resource, gathered in container order as aggregateContainerResourcesByFn adds them.
interface ResourceTerms {
  /** App containers summed. */
  app: Quantity | undefined;
  /** App containers, then each sidecar, summed in that order (the steady state). */
  steady: Quantity | undefined;
  /** Sidecars started so far, summed, and their names. */
  sidecars: Quantity | undefined;
  sidecarNames: string[];
  /** The largest init phase so far: the container, its own request, and the sidecars beside it. */
  peak: Quantity | undefined;
  peakContainer: string;
  peakOwn: Quantity | undefined;
  peakIsSidecar: boolean;
  peakSidecars: Quantity | undefined;
  peakSidecarNames: readonly string[];
}

function newTerms(): ResourceTerms {
  return {
    app: undefined,
    steady: undefined,
    sidecars: undefined,
    sidecarNames: [],
    peak: undefined,
    peakContainer: '',
    peakOwn: undefined,
    peakIsSidecar: false,
    peakSidecars: undefined,
    peakSidecarNames: [],
  };
}

function sum(a: Quantity | undefined, b: Quantity): Quantity {
  return a === undefined ? b : a.add(b);
}

function termsOf(all: Map<string, ResourceTerms>, name: string): ResourceTerms {
  let terms = all.get(name);
  if (terms === undefined) {
    terms = newTerms();
    all.set(name, terms);
  }
  return terms;
}

// An init phase replaces the peak only when strictly larger, as maxResourceList does.
function offerPeak(
  terms: ResourceTerms,
  use: Quantity,
  container: Container,
  own: Quantity | undefined,
  isSidecar: boolean,
): void {
  if (terms.peak !== undefined && use.cmp(terms.peak) <= 0) return;
  terms.peak = use;
  terms.peakContainer = container.name;
  terms.peakOwn = own;
  terms.peakIsSidecar = isSidecar;
  terms.peakSidecars = terms.sidecars;
  terms.peakSidecarNames = terms.sidecarNames.slice();
}

function gatherTerms(pod: Pod): Map<string, ResourceTerms> {
  const all = new Map<string, ResourceTerms>();
  for (const container of pod.spec.containers) {
    const requests = container.resources?.requests;
    for (const name in requests) {
      const terms = termsOf(all, name);
      terms.app = sum(terms.app, requests[name]);
      terms.steady = sum(terms.steady, requests[name]);
    }
  }
  for (const container of pod.spec.initContainers ?? []) {
    const requests = container.resources?.requests;
    if (isRestartableInitContainer(container)) {
      for (const name in requests) {
        const terms = termsOf(all, name);
        terms.steady = sum(terms.steady, requests[name]);
        terms.sidecars = sum(terms.sidecars, requests[name]);
        terms.sidecarNames.push(container.name);
      }
      for (const terms of all.values()) {
        if (terms.sidecars !== undefined) offerPeak(terms, terms.sidecars, container, undefined, true);
      }
      continue;
    }
    for (const name in requests) {
      const terms = termsOf(all, name);
      const own = requests[name];
      offerPeak(terms, terms.sidecars === undefined ? own : own.add(terms.sidecars), container, own, false);
    }
    for (const [name, terms] of all) {
      if (terms.sidecars !== undefined && requests?.[name] === undefined) {
        offerPeak(terms, terms.sidecars, container, undefined, false);
      }
    }
  }
  return all;
}

function sidecarPhrase(names: readonly string[], total: Quantity): string {
  return names.length === 1 ? `sidecar ${names[0]} ${total}` : `sidecars ${names.join(', ')} ${total}`;
}

function steadyPhrase(terms: ResourceTerms): string {
  const parts: string[] = [];
  if (terms.app !== undefined) parts.push(`app containers ${terms.app}`);
  if (terms.sidecars !== undefined) parts.push(sidecarPhrase(terms.sidecarNames, terms.sidecars));
  return parts.length === 0 ? 'app containers 0' : parts.join(' + ');
}

function initPhrase(terms: ResourceTerms): string {
  const running = terms.peakSidecars === undefined ? '' : sidecarPhrase(terms.peakSidecarNames, terms.peakSidecars);
  if (terms.peakIsSidecar) return running;
  const own = `init container ${terms.peakContainer} ${terms.peakOwn ?? '0'}`;
  return running === '' ? own : `${own} + ${running}`;
}

function explainRequests(pod: Pod): { requests: ResourceList; breakdown: Record<string, ResourceBreakdown> } {
  const requests: Record<string, Quantity> = {};
  const breakdown: Record<string, ResourceBreakdown> = {};
  const podLevel = isPodLevelRequestsSet(pod) ? pod.spec.resources?.requests : undefined;
  const overhead = pod.spec.overhead;

  const explain = (name: string, terms: ResourceTerms | undefined): void => {
    let value: Quantity | undefined;
    let entry: ResourceBreakdown;
    const fromPod = podLevel?.[name];
    if (fromPod !== undefined && isSupportedPodLevelResource(name)) {
      value = fromPod;
      entry = { from: 'pod', detail: `pod-level spec.resources.requests ${fromPod}` };
    } else if (terms?.peak !== undefined && (terms.steady === undefined || terms.peak.cmp(terms.steady) > 0)) {
      value = terms.peak;
      entry = {
        from: 'init',
        container: terms.peakContainer,
        detail: `${initPhrase(terms)} > ${steadyPhrase(terms)}`,
      };
    } else if (terms?.steady !== undefined) {
      value = terms.steady;
      entry = { from: 'containers', detail: steadyPhrase(terms) };
    } else {
      entry = { from: 'overhead-only', detail: '' };
    }

    const extra = overhead?.[name];
    if (extra !== undefined) {
      entry.overhead = extra.toString();
      entry.detail = value === undefined ? `overhead ${extra}` : `${entry.detail} + overhead ${extra}`;
      value = sum(value, extra);
    }
    if (value === undefined) return;
    requests[name] = value;
    breakdown[name] = entry;
  };

  const terms = gatherTerms(pod);
  for (const [name, resourceTerms] of terms) explain(name, resourceTerms);
  for (const name in podLevel) {
    if (!terms.has(name)) explain(name, undefined);
  }
  for (const name in overhead) {
    if (!terms.has(name) && podLevel?.[name] === undefined) explain(name, undefined);
  }
  return { requests, breakdown };
}

// The scheduler scores a pod without a cpu or memory request as if each container asked for 100m / 200Mi.
function explainUnrequested(pod: Pod, requests: ResourceList, breakdown: Record<string, ResourceBreakdown>): void {
  if (requests[RESOURCE_CPU] !== undefined && requests[RESOURCE_MEMORY] !== undefined) return;
  const scored = podRequests(pod, { nonMissingContainerRequests: nonZeroDefaultRequests() });
  for (const name of [RESOURCE_CPU, RESOURCE_MEMORY]) {
    if (requests[name] !== undefined) continue;
    const scoredAs = scored[name];
    breakdown[name] = {
      from: 'none',
      detail: scoredAs === undefined ? 'not requested' : `not requested; kube-scheduler scores it as ${scoredAs}`,
    };
  }
}

function toQuantityMap(list: ResourceList | undefined): QuantityMap {
  const map: QuantityMap = {};
  for (const name in list) map[name] = list[name].toString();
  return map;
}

function containerResult(container: Container, type: ContainerType): ContainerResult {
  return {
    name: container.name,
    type,
    requests: toQuantityMap(container.resources?.requests),
    limits: toQuantityMap(container.resources?.limits),
  };
}

/**
 * The pod's requests and limits as kube-scheduler counts them, and for each requested resource the term
 * that sets it, e.g. cpu `init container migrate 200m + sidecar log 50m > app containers 150m + sidecar
 * log 50m`. cpu and memory the pod does not request are listed as `none`. Containers are listed in start
 * order: init containers and sidecars, then app containers. Give it a defaulted pod (applyPodDefaults).
 */
export function explainPodResources(pod: Pod): PodResourcesExplanation {
  const { requests, breakdown } = explainRequests(pod);
  explainUnrequested(pod, requests, breakdown);
  const containers: ContainerResult[] = [];
  for (const container of pod.spec.initContainers ?? []) {
    containers.push(containerResult(container, isRestartableInitContainer(container) ? 'sidecar' : 'init'));
  }
  for (const container of pod.spec.containers) containers.push(containerResult(container, 'app'));
  return { requests, limits: podLimits(pod), breakdown, containers };
}
