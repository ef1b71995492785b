// Mirrors pkg/apis/core/v1/helper/qos/qos.go (ComputePodQOS with pod-level resources, KEP-2837).
import { type Pod, type QOSClass, type ResourceList, RESOURCE_CPU, RESOURCE_MEMORY } from '../api/core-v1';
import { type Quantity } from '../quantity/quantity';
import { isPodLevelResourcesSet } from './resources';

export const POD_QOS_GUARANTEED: QOSClass = 'Guaranteed';
export const POD_QOS_BURSTABLE: QOSClass = 'Burstable';
export const POD_QOS_BEST_EFFORT: QOSClass = 'BestEffort';

export interface QOSOptions {
  /** The PodLevelResources feature gate; on unless set to false (beta and on by default since 1.34). */
  readonly podLevelResources?: boolean;
}

/** The cpu and memory totals QoS compares, and whether every source limits both. */
export interface QOSResources {
  readonly requests: ResourceList;
  readonly limits: ResourceList;
  readonly isGuaranteed: boolean;
}

function isSupportedQoSComputeResource(name: string): boolean {
  return name === RESOURCE_CPU || name === RESOURCE_MEMORY;
}

// Adds the positive cpu and memory quantities of newList to list; zero and other resources do not count.
function processResourceList(list: Record<string, Quantity>, newList: ResourceList | undefined): void {
  for (const name in newList) {
    if (!isSupportedQoSComputeResource(name)) continue;
    const quantity = newList[name];
    if (quantity.sign() <= 0) continue;
    const existing = list[name];
    list[name] = existing === undefined ? quantity : quantity.add(existing);
  }
}

function limitsBothCpuAndMemory(limits: ResourceList | undefined): boolean {
  if (limits === undefined) return false;
  const cpu = limits[RESOURCE_CPU];
  const memory = limits[RESOURCE_MEMORY];
  return cpu !== undefined && cpu.sign() > 0 && memory !== undefined && memory.sign() > 0;
}

/** QoS inputs from pod-level `spec.resources` alone (upstream `collectPodLevelResources`). */
export function collectPodLevelResources(pod: Pod): QOSResources {
  const requests: Record<string, Quantity> = {};
  const limits: Record<string, Quantity> = {};
  const resources = pod.spec.resources;
  processResourceList(requests, resources?.requests);
  processResourceList(limits, resources?.limits);
  return { requests, limits, isGuaranteed: limitsBothCpuAndMemory(resources?.limits) };
}

/** QoS inputs summed over app and init containers (upstream `collectContainerLevelResources`). */
export function collectContainerLevelResources(pod: Pod): QOSResources {
  const requests: Record<string, Quantity> = {};
  const limits: Record<string, Quantity> = {};
  let isGuaranteed = true;
  // Ephemeral containers cannot set resources and do not count.
  for (const containers of [pod.spec.containers, pod.spec.initContainers]) {
    if (containers === undefined) continue;
    for (const container of containers) {
      processResourceList(requests, container.resources?.requests);
      processResourceList(limits, container.resources?.limits);
      if (!limitsBothCpuAndMemory(container.resources?.limits)) isGuaranteed = false;
    }
  }
  return { requests, limits, isGuaranteed };
}

/**
 * The pod's QoS class as `ComputePodQOS` decides it. BestEffort: no cpu or memory request or limit
 * anywhere. Guaranteed: every source (pod-level `spec.resources` when set, else every container,
 * init containers included) limits both cpu and memory, and the summed requests equal the summed limits.
 * Burstable otherwise. Zero quantities and other resources (hugepages too) are ignored.
 */
export function computePodQOS(pod: Pod, opts: QOSOptions = {}): QOSClass {
  const { requests, limits, isGuaranteed } =
    opts.podLevelResources !== false && isPodLevelResourcesSet(pod)
      ? collectPodLevelResources(pod)
      : collectContainerLevelResources(pod);

  let requestCount = 0;
  for (const _ in requests) requestCount++;
  let limitCount = 0;
  for (const _ in limits) limitCount++;
  if (requestCount === 0 && limitCount === 0) return POD_QOS_BEST_EFFORT;
  if (!isGuaranteed || requestCount !== limitCount) return POD_QOS_BURSTABLE;
  for (const name in requests) {
    const limit = limits[name];
    if (limit === undefined || limit.cmp(requests[name]) !== 0) return POD_QOS_BURSTABLE;
  }
  return POD_QOS_GUARANTEED;
}

/** The QoS class recorded in `status.qosClass`, else `computePodQOS` (upstream `GetPodQOS`). */
export function getPodQOS(pod: Pod, opts: QOSOptions = {}): QOSClass {
  // core-v1's PodStatus does not declare qosClass (yet), so read it structurally.
  const recorded = (pod.status as { readonly qosClass?: QOSClass } | undefined)?.qosClass;
  return recorded !== undefined && (recorded as string) !== '' ? recorded : computePodQOS(pod, opts);
}
