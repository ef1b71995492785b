// Mirrors k8s.io/component-helpers resource/helpers.go (PodRequests, PodLimits and their helpers), as in
// staging/src/k8s.io/component-helpers/resource/helpers.go at kubernetes/kubernetes 0085214e.
// Not ported: DRA node-allocatable claims (UseDRANodeAllocatableResourceClaimStatus) and `Reuse`.
import {
  type Container,
  type ContainerStatus,
  type Pod,
  type ResourceList,
  RESOURCE_CPU,
  RESOURCE_HUGEPAGES_PREFIX,
  RESOURCE_MEMORY,
} from '../api/core-v1';
import { Quantity } from '../quantity/quantity';

type MutableResourceList = Record<string, Quantity>;

/** Controls PodRequests and PodLimits, field for field as upstream's PodResourcesOptions. */
export interface PodResourcesOptions {
  /** Consider the resources the kubelet reports in the pod status (in-place resize, KEP-1287). */
  readonly useStatusResources?: boolean;
  /** Consider pod-level status resources (InPlacePodLevelResourcesVerticalScaling). */
  readonly inPlacePodLevelResourcesVerticalScalingEnabled?: boolean;
  /** Leave `spec.overhead` out. */
  readonly excludeOverhead?: boolean;
  /** Replace a container request that is missing (not one set to zero) with this value, for these resources. */
  readonly nonMissingContainerRequests?: ResourceList;
  /** Ignore pod-level `spec.resources`. */
  readonly skipPodLevelResources?: boolean;
  /** Ignore container-level resources (PodRequests only, as upstream). */
  readonly skipContainerLevelResources?: boolean;
}

/** `schedutil.DefaultMilliCPURequest`: the cpu a container without a cpu request counts as when scoring. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** `schedutil.DefaultMemoryRequest`: the memory (200Mi) a container without a memory request counts as when scoring. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

let nonZeroRequests: ResourceList | undefined;
/**
 * The scheduler's non-zero defaults as a `nonMissingContainerRequests` list: cpu 100m, memory 200Mi.
 * pkg/scheduler/util/pod_resources.go; NodeResourcesFit and BalancedAllocation score with these.
 */
export function nonZeroDefaultRequests(): ResourceList {
  nonZeroRequests ??= Object.freeze({
    [RESOURCE_CPU]: Quantity.fromMilli(DEFAULT_MILLI_CPU_REQUEST),
    [RESOURCE_MEMORY]: Quantity.fromValue(DEFAULT_MEMORY_REQUEST, 'BinarySI'),
  });
  return nonZeroRequests;
}

/** `v1.PodResizePending`: the condition the kubelet sets while a resize waits. */
export const POD_RESIZE_PENDING = 'PodResizePending';
/** `v1.PodReasonInfeasible`: the node can never fit the resize. */
export const POD_REASON_INFEASIBLE = 'Infeasible';
/** `v1.PodReasonDeferred`: the resize waits for room on the node. */
export const POD_REASON_DEFERRED = 'Deferred';
/** `v1.ContainerRestartPolicyAlways`: on an init container, makes it a sidecar. */
export const CONTAINER_RESTART_POLICY_ALWAYS = 'Always';

const SUPPORTED_POD_LEVEL_RESOURCES: readonly string[] = [RESOURCE_CPU, RESOURCE_MEMORY];

/** The resources pod-level `spec.resources` may set: cpu, memory and the `hugepages-` prefix. */
export function supportedPodLevelResources(): string[] {
  return [...SUPPORTED_POD_LEVEL_RESOURCES, RESOURCE_HUGEPAGES_PREFIX];
}

/** Whether pod-level `spec.resources` manages this resource (cpu, memory, hugepages-*). */
export function isSupportedPodLevelResource(name: string): boolean {
  return name === RESOURCE_CPU || name === RESOURCE_MEMORY || name.startsWith(RESOURCE_HUGEPAGES_PREFIX);
}

function hasSupportedResource(list: ResourceList | undefined): boolean {
  if (list === undefined) return false;
  for (const name in list) {
    if (isSupportedPodLevelResource(name)) return true;
  }
  return false;
}

/** Whether `spec.resources` requests or limits any supported pod-level resource. */
export function isPodLevelResourcesSet(pod: Pod): boolean {
  const resources = pod.spec.resources;
  return resources !== undefined && (hasSupportedResource(resources.requests) || hasSupportedResource(resources.limits));
}

/** Whether `spec.resources.requests` holds a supported pod-level resource. */
export function isPodLevelRequestsSet(pod: Pod): boolean {
  return hasSupportedResource(pod.spec.resources?.requests);
}

/** Whether `spec.resources.limits` holds a supported pod-level resource. */
export function isPodLevelLimitsSet(pod: Pod): boolean {
  return hasSupportedResource(pod.spec.resources?.limits);
}

/** Whether an init container is a sidecar (`restartPolicy: Always`, KEP-753). */
export function isRestartableInitContainer(container: Container): boolean {
  return container.restartPolicy === CONTAINER_RESTART_POLICY_ALWAYS;
}

function resizePendingReason(pod: Pod): string | undefined {
  const conditions = pod.status?.conditions;
  if (conditions === undefined) return undefined;
  for (const condition of conditions) {
    if (condition.type === POD_RESIZE_PENDING) return condition.reason ?? '';
  }
  return undefined;
}

/** Whether the pod's PodResizePending condition says Infeasible. */
export function isPodResizeInfeasible(pod: Pod): boolean {
  return resizePendingReason(pod) === POD_REASON_INFEASIBLE;
}

/** Whether the pod's PodResizePending condition says Deferred. */
export function isPodResizeDeferred(pod: Pod): boolean {
  return resizePendingReason(pod) === POD_REASON_DEFERRED;
}

/** Whether every container and init container sets a limit for this resource. */
export function allContainersHaveLimitForResource(pod: Pod, name: string): boolean {
  const has = (c: Container) => c.resources?.limits?.[name] !== undefined;
  return pod.spec.containers.every(has) && (pod.spec.initContainers ?? []).every(has);
}

type ResourceListGetter = (
  container: Container,
  status: ContainerStatus | undefined,
  isResizeInfeasible: boolean,
) => ResourceList | undefined;

const containerSpecRequests: ResourceListGetter = (c) => c.resources?.requests;

const containerAllocatedRequests: ResourceListGetter = (c, cs, isResizeInfeasible) => {
  if (cs?.allocatedResources !== undefined) return cs.allocatedResources;
  if (isResizeInfeasible) return undefined;
  return c.resources?.requests;
};

const containerActuatedRequests: ResourceListGetter = (c, cs, isResizeInfeasible) => {
  if (cs?.resources?.requests !== undefined) return cs.resources.requests;
  if (cs?.allocatedResources !== undefined) return cs.allocatedResources;
  if (isResizeInfeasible) return undefined;
  return c.resources?.requests;
};

const containerSpecLimits: ResourceListGetter = (c) => c.resources?.limits;

const containerActuatedLimits: ResourceListGetter = (c, cs, isResizeInfeasible) => {
  if (cs?.resources?.limits !== undefined) return cs.resources.limits;
  if (isResizeInfeasible) return undefined;
  return c.resources?.limits;
};

function findContainerStatus(pod: Pod, name: string): ContainerStatus | undefined {
  const status = pod.status;
  if (status === undefined) return undefined;
  return (
    status.containerStatuses?.find((cs) => cs.name === name) ??
    status.initContainerStatuses?.find((cs) => cs.name === name)
  );
}

function addResourceList(list: MutableResourceList, newList: ResourceList | undefined): void {
  for (const name in newList) {
    const quantity = newList[name];
    const value = list[name];
    list[name] = value === undefined ? quantity : value.add(quantity);
  }
}

// Sets list to the greater of list/newList for every resource in newList; an equal value keeps list's.
function maxResourceList(list: MutableResourceList, newList: ResourceList | undefined): void {
  for (const name in newList) {
    const quantity = newList[name];
    const value = list[name];
    if (value === undefined || quantity.cmp(value) > 0) list[name] = quantity;
  }
}

// Subtracts newList from list where list has the resource, stopping at zero.
function subtractResourceList(list: MutableResourceList | undefined, newList: ResourceList): void {
  if (list === undefined) return;
  for (const name in newList) {
    const value = list[name];
    if (value === undefined) continue;
    const difference = value.sub(newList[name]);
    list[name] = difference.sign() < 0 ? Quantity.zero(value.format) : difference;
  }
}

function maxOf(a: ResourceList | undefined, ...others: (ResourceList | undefined)[]): MutableResourceList {
  const result: MutableResourceList = { ...a };
  for (const other of others) maxResourceList(result, other);
  return result;
}

function copyOf(list: ResourceList | undefined): MutableResourceList | undefined {
  return list === undefined ? undefined : { ...list };
}

function applyNonMissing(list: ResourceList | undefined, nonMissing: ResourceList): ResourceList {
  const copy: MutableResourceList = { ...list };
  for (const name in nonMissing) {
    if (list?.[name] === undefined) copy[name] = nonMissing[name];
  }
  return copy;
}

function hasAny(list: ResourceList | undefined): list is ResourceList {
  for (const _ in list) return true;
  return false;
}

// Init containers run one at a time, and each also holds every sidecar started before it; sidecars then
// run beside the app containers. The pod needs the larger of the two phases, per resource.
// k8s.io/component-helpers resource/helpers.go, aggregateContainerResourcesByFn (KEP-753)
function aggregateContainerResourcesByFn(
  pod: Pod,
  opts: PodResourcesOptions,
  getResourceList: ResourceListGetter,
): MutableResourceList {
  const useStatus = opts.useStatusResources === true;
  const isResizeInfeasible = useStatus && isPodResizeInfeasible(pod);
  const nonMissing = hasAny(opts.nonMissingContainerRequests) ? opts.nonMissingContainerRequests : undefined;
  const result: MutableResourceList = {};
  for (const container of pod.spec.containers) {
    const status = useStatus ? findContainerStatus(pod, container.name) : undefined;
    let resources = getResourceList(container, status, isResizeInfeasible);
    if (nonMissing !== undefined) resources = applyNonMissing(resources, nonMissing);
    addResourceList(result, resources);
  }

  const initContainers = pod.spec.initContainers;
  if (initContainers === undefined || initContainers.length === 0) return result;

  const sidecars: MutableResourceList = {};
  const initPhase: MutableResourceList = {};
  for (const container of initContainers) {
    const status = useStatus ? findContainerStatus(pod, container.name) : undefined;
    let resources = getResourceList(container, status, isResizeInfeasible);
    if (nonMissing !== undefined) resources = applyNonMissing(resources, nonMissing);
    if (isRestartableInitContainer(container)) {
      addResourceList(result, resources);
      addResourceList(sidecars, resources);
      maxResourceList(initPhase, sidecars);
      continue;
    }
    // This init container's phase is its own resources plus the sidecars started so far.
    for (const name in resources) {
      const own = resources[name];
      const running = sidecars[name];
      const use = running === undefined ? own : own.add(running);
      const peak = initPhase[name];
      if (peak === undefined || use.cmp(peak) > 0) initPhase[name] = use;
    }
    for (const name in sidecars) {
      if (resources?.[name] !== undefined) continue;
      const use = sidecars[name];
      const peak = initPhase[name];
      if (peak === undefined || use.cmp(peak) > 0) initPhase[name] = use;
    }
  }
  maxResourceList(result, initPhase);
  return result;
}

/**
 * The requests of all containers: app containers and sidecars summed, against the peak init phase
 * (KEP-753). With `useStatusResources`, the per-resource maximum of spec, allocated and actuated.
 */
export function aggregateContainerRequests(pod: Pod, opts: PodResourcesOptions = {}): ResourceList {
  if (opts.useStatusResources !== true) return aggregateContainerResourcesByFn(pod, opts, containerSpecRequests);

  const isResizeInfeasible = isPodResizeInfeasible(pod);
  const specRequests = aggregateContainerResourcesByFn(pod, opts, containerSpecRequests);
  const status = pod.status;
  let allocated: ResourceList;
  let actuated: ResourceList;
  // Populated pod-level status maps already hold the aggregate over all containers; otherwise
  // (at creation, or without the feature) aggregate the container statuses.
  if (
    opts.inPlacePodLevelResourcesVerticalScalingEnabled === true &&
    status?.allocatedResources !== undefined &&
    status.resources?.requests !== undefined
  ) {
    allocated = status.allocatedResources;
    actuated = status.resources.requests;
  } else {
    allocated = aggregateContainerResourcesByFn(pod, opts, containerAllocatedRequests);
    actuated = aggregateContainerResourcesByFn(pod, opts, containerActuatedRequests);
  }
  return isResizeInfeasible ? maxOf(actuated, allocated) : maxOf(specRequests, actuated, allocated);
}

/**
 * The limits of all containers, by the same formula as the requests. With `useStatusResources`,
 * the per-resource maximum of spec and actuated limits.
 */
export function aggregateContainerLimits(pod: Pod, opts: PodResourcesOptions = {}): ResourceList {
  const limitOpts: PodResourcesOptions =
    opts.nonMissingContainerRequests === undefined ? opts : { ...opts, nonMissingContainerRequests: undefined };
  if (limitOpts.useStatusResources !== true) {
    return aggregateContainerResourcesByFn(pod, limitOpts, containerSpecLimits);
  }

  const isResizeInfeasible = isPodResizeInfeasible(pod);
  const specLimits = aggregateContainerResourcesByFn(pod, limitOpts, containerSpecLimits);
  const statusLimits = pod.status?.resources?.limits;
  const actuated =
    limitOpts.inPlacePodLevelResourcesVerticalScalingEnabled === true && statusLimits !== undefined
      ? statusLimits
      : aggregateContainerResourcesByFn(pod, limitOpts, containerActuatedLimits);
  return isResizeInfeasible ? maxOf(actuated) : maxOf(specLimits, actuated);
}

function effectivePodLevelResources(
  pod: Pod,
  spec: ResourceList | undefined,
  ...statuses: (ResourceList | undefined)[]
): ResourceList {
  return maxOf(isPodResizeInfeasible(pod) ? undefined : spec, ...statuses);
}

function applyPodLevelResources(result: MutableResourceList, effective: ResourceList | undefined): void {
  for (const name in effective) {
    if (isSupportedPodLevelResource(name)) result[name] = effective[name];
  }
}

/**
 * What the pod requests, as kube-scheduler counts it (`PodRequests`): the container aggregate, with
 * pod-level `spec.resources.requests` replacing it for cpu, memory and hugepages, plus `spec.overhead`.
 * Example: app containers 100m + 200m, init container 500m, overhead 50m -> cpu 550m.
 */
export function podRequests(pod: Pod, opts: PodResourcesOptions = {}): ResourceList {
  const requests: MutableResourceList =
    opts.skipContainerLevelResources === true ? {} : (aggregateContainerRequests(pod, opts) as MutableResourceList);

  if (opts.skipPodLevelResources !== true && isPodLevelRequestsSet(pod)) {
    let effective = pod.spec.resources?.requests;
    const status = pod.status;
    if (
      opts.inPlacePodLevelResourcesVerticalScalingEnabled === true &&
      opts.useStatusResources === true &&
      (status?.resources !== undefined || status?.allocatedResources !== undefined)
    ) {
      const statusRequests = copyOf(status.resources?.requests);
      const allocatedRequests = copyOf(status.allocatedResources);
      const overhead = pod.spec.overhead;
      if (overhead !== undefined) {
        subtractResourceList(statusRequests, overhead);
        subtractResourceList(allocatedRequests, overhead);
      }
      effective = effectivePodLevelResources(pod, effective, statusRequests, allocatedRequests);
    }
    applyPodLevelResources(requests, effective);
  }

  if (opts.excludeOverhead !== true) addResourceList(requests, pod.spec.overhead);
  return requests;
}

/**
 * The pod's limits (`PodLimits`): the container aggregate, with pod-level `spec.resources.limits`
 * replacing it for cpu, memory and hugepages; `spec.overhead` is added only to a non-zero limit.
 */
export function podLimits(pod: Pod, opts: PodResourcesOptions = {}): ResourceList {
  const limits = aggregateContainerLimits(pod, opts) as MutableResourceList;

  if (opts.skipPodLevelResources !== true && isPodLevelResourcesSet(pod)) {
    let effective = pod.spec.resources?.limits;
    const statusResources = pod.status?.resources;
    if (
      opts.inPlacePodLevelResourcesVerticalScalingEnabled === true &&
      opts.useStatusResources === true &&
      statusResources !== undefined
    ) {
      const statusLimits = copyOf(statusResources.limits);
      if (pod.spec.overhead !== undefined) subtractResourceList(statusLimits, pod.spec.overhead);
      effective = effectivePodLevelResources(pod, effective, statusLimits);
    }
    applyPodLevelResources(limits, effective);
  }

  const overhead = pod.spec.overhead;
  if (opts.excludeOverhead !== true && overhead !== undefined) {
    for (const name in overhead) {
      const value = limits[name];
      if (value !== undefined && !value.isZero()) limits[name] = value.add(overhead[name]);
    }
  }
  return limits;
}
