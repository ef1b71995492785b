// The API server's defaulting of a Pod, where it changes what the scheduler sees. Mirrors
// pkg/apis/core/v1/defaults.go (SetDefaults_Pod, SetDefaults_PodSpec, SetDefaults_ResourceList) and the
// generated SetObjectDefaults_Pod (zz_generated.defaults.go), which runs them in this order:
// container requests from limits, pod-level resources, host ports; then every resource list is
// rounded up to milli precision and port protocols default to TCP.
import {
  type Container,
  type ContainerPort,
  type Pod,
  type PodSpec,
  type ResourceList,
  type ResourceRequirements,
  RESOURCE_HUGEPAGES_PREFIX,
} from '../api/core-v1';
import { Quantity } from '../quantity/quantity';
import {
  aggregateContainerLimits,
  aggregateContainerRequests,
  allContainersHaveLimitForResource,
  isPodLevelLimitsSet,
  isPodLevelRequestsSet,
  isSupportedPodLevelResource,
} from './resources';

/** `v1.DefaultSchedulerName`. */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
/** `v1.RestartPolicyAlways`, the pod restart policy when none is given. */
export const DEFAULT_RESTART_POLICY = 'Always';
/** `v1.ProtocolTCP`, a container port's protocol when none is given. */
export const DEFAULT_PROTOCOL = 'TCP';

export interface PodDefaultsOptions {
  /** The PodLevelResources feature gate; on unless set to false (beta and on by default since 1.34). */
  readonly podLevelResources?: boolean;
}

type MutableResourceList = Record<string, Quantity>;

function hasAny(list: ResourceList | undefined): boolean {
  for (const _ in list) return true;
  return false;
}

function isHugePageResourceName(name: string): boolean {
  return name.startsWith(RESOURCE_HUGEPAGES_PREFIX);
}

// pkg/apis/core/v1/helper IsOvercommitAllowed: native (unprefixed or kubernetes.io/) and not hugepages.
function isOvercommitAllowed(name: string): boolean {
  const isNative = !name.includes('/') || name.includes('kubernetes.io/');
  return isNative && !isHugePageResourceName(name);
}

// A container with limits but no request for a resource gets the limit as its request.
function defaultRequestsFromLimits(container: Container): Container {
  const resources = container.resources;
  const limits = resources?.limits;
  if (limits === undefined) return container;
  const requests: MutableResourceList = { ...resources?.requests };
  for (const name in limits) {
    if (requests[name] === undefined) requests[name] = limits[name];
  }
  return { ...container, resources: { ...resources, requests } };
}

function withResources(pod: Pod, resources: ResourceRequirements): Pod {
  return { ...pod, spec: { ...pod.spec, resources } };
}

// Pod-level hugepage limits default to the containers' aggregate when pod-level resources are in use
// and the pod does not request that page size itself. defaults.go, defaultHugePagePodLimits
function defaultHugePagePodLimits(pod: Pod): Pod {
  const resources = pod.spec.resources;
  if (resources === undefined || (!hasAny(resources.limits) && !hasAny(resources.requests))) return pod;
  const podLimits: MutableResourceList = { ...resources.limits };
  const aggregate = aggregateContainerLimits(pod);
  let changed = false;
  for (const name in aggregate) {
    if (!isSupportedPodLevelResource(name) || !isHugePageResourceName(name)) continue;
    if (resources.requests?.[name] !== undefined || podLimits[name] !== undefined) continue;
    podLimits[name] = aggregate[name];
    changed = true;
  }
  return changed ? withResources(pod, { ...resources, limits: podLimits }) : pod;
}

// Only when pod-level limits are set: a pod-level request defaults to the containers' effective request
// (cpu, memory) where any container requests it, else to the pod-level limit. defaults.go, defaultPodRequests
function defaultPodRequests(pod: Pod): Pod {
  const resources = pod.spec.resources;
  if (resources === undefined || !hasAny(resources.limits)) return pod;
  const podRequests: MutableResourceList = { ...resources.requests };
  let changed = false;
  const aggregate = aggregateContainerRequests(pod);
  for (const name in aggregate) {
    if (podRequests[name] !== undefined || !isSupportedPodLevelResource(name) || !isOvercommitAllowed(name)) continue;
    podRequests[name] = aggregate[name];
    changed = true;
  }
  const limits = resources.limits ?? {};
  for (const name in limits) {
    if (podRequests[name] !== undefined || !isSupportedPodLevelResource(name)) continue;
    podRequests[name] = limits[name];
    changed = true;
  }
  return changed ? withResources(pod, { ...resources, requests: podRequests }) : pod;
}

// Only when pod-level requests are set and no pod-level limit is: a pod-level cpu or memory limit
// defaults to the containers' aggregate limit when every container limits that resource.
// defaults.go, defaultPodLimits (PodLevelResourcesFixUpdateDefaulting, kubernetes/kubernetes#136120)
function defaultPodLimits(pod: Pod): Pod {
  if (isPodLevelLimitsSet(pod) || !isPodLevelRequestsSet(pod)) return pod;
  const resources = pod.spec.resources ?? {};
  const podLimits: MutableResourceList = { ...resources.limits };
  let changed = false;
  const aggregate = aggregateContainerLimits(pod);
  for (const name in aggregate) {
    if (podLimits[name] !== undefined || !isSupportedPodLevelResource(name) || !isOvercommitAllowed(name)) continue;
    if (!allContainersHaveLimitForResource(pod, name)) continue;
    podLimits[name] = aggregate[name];
    changed = true;
  }
  return changed ? withResources(pod, { ...resources, limits: podLimits }) : pod;
}

// defaults.go SetDefaults_ResourceList: every value is rounded up to milli precision (RoundUp(-3)),
// keeping its format, so 1n becomes 1m.
function roundUpToMilli(quantity: Quantity): Quantity {
  const rounded = Quantity.fromMilli(quantity.milliValue(), quantity.format);
  return rounded.cmp(quantity) === 0 ? quantity : rounded;
}

function roundResourceList(list: ResourceList | undefined): ResourceList | undefined {
  if (list === undefined) return undefined;
  let rounded: MutableResourceList | undefined;
  for (const name in list) {
    const quantity = list[name];
    const value = roundUpToMilli(quantity);
    if (value === quantity) continue;
    rounded ??= { ...list };
    rounded[name] = value;
  }
  return rounded ?? list;
}

function roundResourceRequirements(resources: ResourceRequirements | undefined): ResourceRequirements | undefined {
  if (resources === undefined) return undefined;
  const requests = roundResourceList(resources.requests);
  const limits = roundResourceList(resources.limits);
  if (requests === resources.requests && limits === resources.limits) return resources;
  return { ...resources, ...(requests !== undefined && { requests }), ...(limits !== undefined && { limits }) };
}

// Under hostNetwork a container port's hostPort defaults to its containerPort (defaults.go,
// defaultHostNetworkPorts); the protocol defaults to TCP.
function defaultPort(port: ContainerPort, hostNetwork: boolean): ContainerPort {
  const needsHostPort = hostNetwork && !port.hostPort;
  if (!needsHostPort && port.protocol) return port;
  return {
    ...port,
    ...(needsHostPort && { hostPort: port.containerPort }),
    protocol: port.protocol || DEFAULT_PROTOCOL,
  };
}

function finishContainer(container: Container, hostNetwork: boolean): Container {
  const resources = roundResourceRequirements(container.resources);
  const ports = container.ports?.map((port) => defaultPort(port, hostNetwork));
  const portsChanged = ports !== undefined && ports.some((port, i) => port !== container.ports?.[i]);
  if (resources === container.resources && !portsChanged) return container;
  return { ...container, ...(resources !== undefined && { resources }), ...(portsChanged && { ports }) };
}

/**
 * The pod as the API server stores it, for the defaults that change scheduling: requests default to
 * limits per container; pod-level requests, limits and hugepage limits default from the containers
 * (PodLevelResources); under hostNetwork, hostPort defaults to containerPort; quantities round up to
 * milli precision; protocol TCP, restartPolicy Always, schedulerName default-scheduler. Returns a new
 * pod and leaves the given one untouched.
 */
export function applyPodDefaults(pod: Pod, opts: PodDefaultsOptions = {}): Pod {
  const spec = pod.spec;
  let defaulted: Pod = {
    ...pod,
    spec: {
      ...spec,
      containers: spec.containers.map(defaultRequestsFromLimits),
      ...(spec.initContainers !== undefined ? { initContainers: spec.initContainers.map(defaultRequestsFromLimits) } : {}),
    },
  };

  // Pod-level defaults read the container requests defaulted above.
  if (opts.podLevelResources !== false) {
    defaulted = defaultPodLimits(defaultPodRequests(defaultHugePagePodLimits(defaulted)));
  }

  const hostNetwork = spec.hostNetwork === true;
  const finished: PodSpec = {
    ...defaulted.spec,
    containers: defaulted.spec.containers.map((c) => finishContainer(c, hostNetwork)),
    ...(defaulted.spec.initContainers !== undefined
      ? { initContainers: defaulted.spec.initContainers.map((c) => finishContainer(c, hostNetwork)) }
      : {}),
    ...(defaulted.spec.resources !== undefined ? { resources: roundResourceRequirements(defaulted.spec.resources) } : {}),
    ...(defaulted.spec.overhead !== undefined ? { overhead: roundResourceList(defaulted.spec.overhead) } : {}),
    restartPolicy: defaulted.spec.restartPolicy || DEFAULT_RESTART_POLICY,
    schedulerName: defaulted.spec.schedulerName || DEFAULT_SCHEDULER_NAME,
  };
  return { ...defaulted, spec: finished };
}
