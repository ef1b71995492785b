// Pod anatomy: what a Kubernetes engineer should know about a pod's containers before the scheduler places
// it. Requests the scheduler cannot see, containers that shape the pod's request or QoS class without
// saying so, and the ports, volumes and processes the containers share. The pod given is the one the API
// server stores: defaults applied (a limit without a request has set the request).
import {
  type Container,
  type ContainerPort,
  type Pod,
  type QOSClass,
  type ResourceList,
  RESOURCE_CPU,
  RESOURCE_EPHEMERAL_STORAGE,
  RESOURCE_HUGEPAGES_PREFIX,
  RESOURCE_MEMORY,
} from '../api/core-v1';
import { type ContainerType, type SharedVolume, type Warning } from '../analysis/analysis-result';
import { Quantity } from '../quantity/quantity';
import {
  isPodLevelResourcesSet,
  isRestartableInitContainer,
  isSupportedPodLevelResource,
  nonZeroDefaultRequests,
} from '../pod/resources';

/** Every code `checkPodAnatomy` emits, in the order its warnings come out. */
export const ANATOMY_WARNING_CODES = [
  'undefined-volume',
  'hugepages-without-cpu-or-memory',
  'fractional-bytes',
  'missing-cpu-request',
  'missing-memory-request',
  'missing-memory-limit',
  'unsized-sidecar',
  'unsized-init-container',
  'almost-guaranteed',
  'init-phase-exceeds-running',
  'duplicate-container-port',
  'host-port',
  'share-process-namespace',
] as const;

export type AnatomyWarningCode = (typeof ANATOMY_WARNING_CODES)[number];

/**
 * Checks one pod's anatomy. Warnings come grouped by code in `ANATOMY_WARNING_CODES` order (the three
 * `missing-*` codes form one group, taken container by container), and within a group in container start
 * order: init containers (sidecars included) as listed, then app containers.
 * Paths are `podSpecPath` + `.containers[0]`, `.initContainers[1].ports[0]`…
 */
export function checkPodAnatomy(pod: Pod, podSpecPath: string): Warning[] {
  const anatomy = describeAnatomy(pod, podSpecPath);
  return CHECKS.flatMap((check) => check(anatomy));
}

/**
 * The volumes that two or more containers mount, in `spec.volumes` order, each with the names of the
 * containers that mount it in start order (init containers and sidecars as listed, then app containers).
 * A container that mounts a volume twice counts once; mounts of undefined volumes are left out.
 */
export function sharedVolumes(pod: Pod): SharedVolume[] {
  const mounters = new Map<string, string[]>();
  for (const volume of pod.spec.volumes ?? []) {
    if (!mounters.has(volume.name)) mounters.set(volume.name, []);
  }
  for (const container of startOrder(pod)) {
    for (const mount of container.volumeMounts ?? []) {
      const names = mounters.get(mount.name);
      if (names !== undefined && !names.includes(container.name)) names.push(container.name);
    }
  }
  const shared: SharedVolume[] = [];
  for (const [volume, containers] of mounters) {
    if (containers.length >= 2) shared.push({ volume, containers });
  }
  return shared;
}

interface PodContainer {
  readonly container: Container;
  readonly type: ContainerType;
  /** Absolute JSON path of the container. */
  readonly path: string;
  /** `container "app"`, `init container "migrate"`, `sidecar "log"`. */
  readonly label: string;
}

interface Anatomy {
  readonly pod: Pod;
  readonly podSpecPath: string;
  /** In start order: init containers (sidecars included) as listed, then app containers. */
  readonly containers: readonly PodContainer[];
  /** The one container that is not Guaranteed-sized when every other one is; the pod is then Burstable. */
  readonly soleNonGuaranteed: PodContainer | undefined;
}

type Check = (anatomy: Anatomy) => Warning[];

const CPU_AND_MEMORY = [RESOURCE_CPU, RESOURCE_MEMORY] as const;
const BYTE_RESOURCES = [RESOURCE_MEMORY, RESOURCE_EPHEMERAL_STORAGE] as const;

function startOrder(pod: Pod): Container[] {
  return [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
}

function describeAnatomy(pod: Pod, podSpecPath: string): Anatomy {
  const containers: PodContainer[] = [];
  (pod.spec.initContainers ?? []).forEach((container, i) => {
    const type = isRestartableInitContainer(container) ? 'sidecar' : 'init';
    containers.push({
      container,
      type,
      path: childPath(podSpecPath, `initContainers[${i}]`),
      label: `${type === 'sidecar' ? 'sidecar' : 'init container'} "${container.name}"`,
    });
  });
  pod.spec.containers.forEach((container, i) => {
    containers.push({
      container,
      type: 'app',
      path: childPath(podSpecPath, `containers[${i}]`),
      label: `container "${container.name}"`,
    });
  });
  return { pod, podSpecPath, containers, soleNonGuaranteed: findSoleNonGuaranteed(pod, containers) };
}

function childPath(parent: string, child: string): string {
  return parent === '' ? child : `${parent}.${child}`;
}

function warning(code: AnatomyWarningCode, path: string, message: string): Warning {
  return { code, path, message };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `a`, `a and b`, `a, b and c`. */
function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

// A limit without a request sets the request (SetDefaults_Pod, pkg/apis/core/v1/defaults.go); reading the
// limit here keeps the checks right on a pod that has not been through defaulting.
function requestOf(container: Container, name: string): Quantity | undefined {
  return container.resources?.requests?.[name] ?? container.resources?.limits?.[name];
}

function limitOf(container: Container, name: string): Quantity | undefined {
  return container.resources?.limits?.[name];
}

function setsCpuOrMemory(container: Container): boolean {
  return CPU_AND_MEMORY.some(
    (name) =>
      container.resources?.requests?.[name] !== undefined ||
      container.resources?.limits?.[name] !== undefined,
  );
}

// Pod-level requests replace the containers' aggregate for cpu, memory and hugepages, resource by resource
// (k8s.io/component-helpers resource/helpers.go, PodRequests and applyPodLevelResources); a pod-level limit
// without a request sets the request (defaultPodRequests, pkg/apis/core/v1/defaults.go).
function podLevelSetsRequest(pod: Pod, name: string): boolean {
  const resources = pod.spec.resources;
  return (
    isSupportedPodLevelResource(name) &&
    (resources?.requests?.[name] ?? resources?.limits?.[name]) !== undefined
  );
}

function podLevelSetsLimit(pod: Pod, name: string): boolean {
  return isSupportedPodLevelResource(name) && pod.spec.resources?.limits?.[name] !== undefined;
}

function isZero(quantity: Quantity | undefined): boolean {
  return quantity === undefined || quantity.isZero();
}

function equalQuantities(a: Quantity | undefined, b: Quantity | undefined): boolean {
  if (a === undefined || b === undefined) return isZero(a) && isZero(b);
  return a.cmp(b) === 0;
}

// One container's class as ComputePodQOS judges it: Guaranteed when cpu and memory both have a non-zero
// request equal to the limit, BestEffort when neither is set, Burstable otherwise. A pod is Guaranteed
// only when every container, init containers and sidecars included, is.
// pkg/apis/core/v1/helper/qos/qos.go, resourceQOS and ComputePodQOS
function containerQOS(container: Container): QOSClass {
  let qos: QOSClass | undefined;
  for (const name of CPU_AND_MEMORY) {
    const request = requestOf(container, name);
    const limit = limitOf(container, name);
    if (!equalQuantities(request, limit)) return 'Burstable';
    const resourceQOS: QOSClass = isZero(request) && isZero(limit) ? 'BestEffort' : 'Guaranteed';
    if (qos === undefined) qos = resourceQOS;
    else if (qos !== resourceQOS) return 'Burstable';
  }
  return qos ?? 'BestEffort';
}

// ComputePodQOS takes the class from pod-level spec.resources whenever the pod sets them.
function findSoleNonGuaranteed(pod: Pod, containers: readonly PodContainer[]): PodContainer | undefined {
  if (isPodLevelResourcesSet(pod) || containers.length < 2) return undefined;
  const others = containers.filter((c) => containerQOS(c.container) !== 'Guaranteed');
  return others.length === 1 ? others[0] : undefined;
}

function sum(quantities: readonly Quantity[]): Quantity {
  if (quantities.length === 0) return Quantity.zero();
  return quantities.reduce((total, quantity) => total.add(quantity));
}

function max(a: Quantity, b: Quantity): Quantity {
  return b.cmp(a) > 0 ? b : a;
}

function defined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function resourceNoun(name: string): string {
  return name === RESOURCE_CPU ? 'CPU' : name;
}

const checkUndefinedVolumes: Check = ({ pod, containers }) => {
  const declared = new Set((pod.spec.volumes ?? []).map((volume) => volume.name));
  const warnings: Warning[] = [];
  for (const { container, path, label } of containers) {
    (container.volumeMounts ?? []).forEach((mount, i) => {
      if (declared.has(mount.name)) return;
      warnings.push(
        warning(
          'undefined-volume',
          `${path}.volumeMounts[${i}].name`,
          `${capitalize(label)} mounts volume "${mount.name}", but the pod defines no volume of that name, ` +
            'so the API server rejects the manifest.',
        ),
      );
    });
  }
  return warnings;
};

// pkg/apis/core/validation/validation.go, ValidateContainerResourceRequirements: "HugePages require cpu or memory"
const checkHugePagesWithoutCpuOrMemory: Check = ({ containers }) => {
  const warnings: Warning[] = [];
  for (const { container, path, label } of containers) {
    const names = new Set([
      ...Object.keys(container.resources?.requests ?? {}),
      ...Object.keys(container.resources?.limits ?? {}),
    ]);
    const hugePages = [...names].filter((name) => name.startsWith(RESOURCE_HUGEPAGES_PREFIX)).sort();
    if (hugePages.length === 0 || setsCpuOrMemory(container)) continue;
    warnings.push(
      warning(
        'hugepages-without-cpu-or-memory',
        `${path}.resources`,
        `${capitalize(label)} asks for ${listOf(hugePages)} but no cpu or memory, so the API server rejects ` +
          'the manifest (HugePages require cpu or memory).',
      ),
    );
  }
  return warnings;
};

// The scheduler and the kubelet count bytes with Quantity.Value(), which rounds up; `512m` is 0.512 bytes.
// The API server only warns (pkg/api/pod/warnings.go: "fractional byte value … is invalid, must be an integer").
const checkFractionalBytes: Check = ({ pod, podSpecPath, containers }) => {
  const warnings: Warning[] = [];
  const scan = (list: ResourceList | undefined, what: string, owner: string, path: string) => {
    for (const name of BYTE_RESOURCES) {
      const quantity = list?.[name];
      if (quantity === undefined || quantity.milliValue() % 1000n === 0n) continue;
      warnings.push(
        warning(
          'fractional-bytes',
          `${path}.${name}`,
          fractionalBytesMessage(`${name} ${what} ${quantity} of ${owner}`, quantity),
        ),
      );
    }
  };
  for (const { container, path, label } of containers) {
    scan(container.resources?.requests, 'request', label, `${path}.resources.requests`);
    scan(container.resources?.limits, 'limit', label, `${path}.resources.limits`);
  }
  const resourcesPath = childPath(podSpecPath, 'resources');
  scan(pod.spec.resources?.requests, 'request', 'the pod', `${resourcesPath}.requests`);
  scan(pod.spec.resources?.limits, 'limit', 'the pod', `${resourcesPath}.limits`);
  scan(pod.spec.overhead, 'overhead', 'the pod', childPath(podSpecPath, 'overhead'));
  return warnings;
};

function fractionalBytesMessage(subject: string, quantity: Quantity): string {
  const bytes = quantity.value();
  const rounded = `the scheduler and the kubelet round up to ${bytes} ${bytes === 1n ? 'byte' : 'bytes'}`;
  const milli = /^(\d+)m$/.exec(quantity.toString());
  if (milli !== null) {
    return `${capitalize(subject)} means ${milli[1]} thousandths of a byte, which ${rounded}; for mebibytes write ${milli[1]}Mi.`;
  }
  return `${capitalize(subject)} is not a whole number of bytes, which ${rounded}.`;
}

// App containers and sidecars run for the pod's whole life, so each needs its own requests; a regular init
// container runs alone and briefly, and where its missing resources matter `unsized-init-container` says so.
// A sidecar that sets neither cpu nor memory gets `unsized-sidecar` instead of these three.
const checkMissingRequestsAndLimits: Check = ({ pod, containers }) => {
  const defaults = nonZeroDefaultRequests();
  const warnings: Warning[] = [];
  for (const { container, type, path, label } of containers) {
    if (type === 'init' || (type === 'sidecar' && !setsCpuOrMemory(container))) continue;
    const who = capitalize(label);
    if (requestOf(container, RESOURCE_CPU) === undefined && !podLevelSetsRequest(pod, RESOURCE_CPU)) {
      warnings.push(
        warning(
          'missing-cpu-request',
          path,
          `${who} has no cpu request: the scheduler reserves no CPU for it (it counts it as ` +
            `${defaults[RESOURCE_CPU]} only when scoring nodes), and under contention it gets the smallest CPU share.`,
        ),
      );
    }
    if (requestOf(container, RESOURCE_MEMORY) === undefined && !podLevelSetsRequest(pod, RESOURCE_MEMORY)) {
      warnings.push(
        warning(
          'missing-memory-request',
          path,
          `${who} has no memory request: the scheduler reserves no memory for it (it counts it as ` +
            `${defaults[RESOURCE_MEMORY]} only when scoring nodes), so the pod can land on a node with no memory to spare for it.`,
        ),
      );
    }
    if (limitOf(container, RESOURCE_MEMORY) === undefined && !podLevelSetsLimit(pod, RESOURCE_MEMORY)) {
      warnings.push(
        warning(
          'missing-memory-limit',
          path,
          `${who} has no memory limit: it can grow into all of the node's free memory, and a pod using more ` +
            'memory than it requests is among the first the kubelet evicts under memory pressure.',
        ),
      );
    }
  }
  return warnings;
};

const QOS_CLAUSE = 'it alone keeps the pod from Guaranteed QoS, so the pod is Burstable';

function requestsNotSetByPod(pod: Pod): string[] {
  return CPU_AND_MEMORY.filter((name) => !podLevelSetsRequest(pod, name));
}

function defaultsPhrase(names: readonly string[]): string {
  const defaults = nonZeroDefaultRequests();
  return listOf(names.map((name) => `${defaults[name]} ${resourceNoun(name)}`));
}

// A sidecar's requests count beside the app containers and in every later init container's phase
// (aggregateContainerResourcesByFn, k8s.io/component-helpers resource/helpers.go, KEP-753). With none set,
// NodeResourcesFit scoring counts it at the scheduler's non-zero defaults (NonMissingContainerRequests,
// resourceAllocationScorer.calculatePodResourceRequest), and the LimitRanger admission plugin gives init
// containers, sidecars included, the namespace's defaults (mergePodResourceRequirements).
const checkUnsizedSidecars: Check = ({ pod, containers, soleNonGuaranteed }) => {
  const uncovered = requestsNotSetByPod(pod);
  if (uncovered.length === 0) return [];
  const warnings: Warning[] = [];
  for (const entry of containers) {
    if (entry.type !== 'sidecar' || setsCpuOrMemory(entry.container)) continue;
    const clauses = [
      `NodeResourcesFit scoring counts it as ${defaultsPhrase(uncovered)}`,
      `a namespace LimitRange default would become its ${listOf(uncovered)} request, counted beside the app ` +
        "containers and in every later init container's phase",
    ];
    if (entry === soleNonGuaranteed) clauses.push(QOS_CLAUSE);
    warnings.push(
      warning(
        'unsized-sidecar',
        entry.path,
        `${capitalize(entry.label)} sets no cpu or memory, yet it runs beside the app containers for the pod's ` +
          `whole life: ${clauses.join('; ')}.`,
      ),
    );
  }
  return warnings;
};

interface ScoredRaise {
  readonly name: string;
  readonly withIt: Quantity;
  readonly withoutIt: Quantity;
}

// What NodeResourcesFit scoring counts for the pod, with every missing cpu and memory request at the
// scheduler's non-zero default: the running containers' sum, or an init container's phase (itself plus
// the sidecars started before it), whichever is larger. Returns, per resource, the init container at
// `initIndex` raising that count, or nothing when another term is at least as large.
function scoredRaises(anatomy: Anatomy, initIndex: number, names: readonly string[]): ScoredRaise[] {
  const defaults = nonZeroDefaultRequests();
  const raises: ScoredRaise[] = [];
  for (const name of names) {
    const scored = (container: Container) => requestOf(container, name) ?? defaults[name]!;
    const running = sum(anatomy.containers.filter((c) => c.type !== 'init').map((c) => scored(c.container)));
    let withoutIt = running;
    let withIt: Quantity | undefined;
    let sidecars: Quantity[] = [];
    for (const [i, entry] of anatomy.containers.entries()) {
      if (entry.type === 'sidecar') sidecars = [...sidecars, scored(entry.container)];
      if (entry.type !== 'init') continue;
      const phase = sum([scored(entry.container), ...sidecars]);
      if (i === initIndex) withIt = phase;
      else withoutIt = max(withoutIt, phase);
    }
    if (withIt !== undefined && withIt.cmp(withoutIt) > 0) raises.push({ name, withIt, withoutIt });
  }
  return raises;
}

// A regular init container without cpu or memory shapes the pod only when it keeps an otherwise
// Guaranteed pod Burstable (qos.go, ComputePodQOS counts init containers) or when scoring at the
// non-zero defaults makes its phase the pod's largest.
const checkUnsizedInitContainers: Check = (anatomy) => {
  const uncovered = requestsNotSetByPod(anatomy.pod);
  const warnings: Warning[] = [];
  anatomy.containers.forEach((entry, i) => {
    if (entry.type !== 'init' || setsCpuOrMemory(entry.container)) return;
    const clauses: string[] = [];
    if (entry === anatomy.soleNonGuaranteed) clauses.push(QOS_CLAUSE);
    const raises = scoredRaises(anatomy, i, uncovered);
    if (raises.length > 0) {
      const counts = raises.map(({ name, withIt, withoutIt }) => `${name} ${withIt} instead of ${withoutIt}`);
      clauses.push(
        `NodeResourcesFit scoring counts it as ${defaultsPhrase(uncovered)}, which makes its phase the largest ` +
          `when nodes are scored: ${listOf(counts)}`,
      );
    }
    if (clauses.length === 0) return;
    warnings.push(
      warning(
        'unsized-init-container',
        entry.path,
        `${capitalize(entry.label)} sets no cpu or memory: ${clauses.join('; ')}.`,
      ),
    );
  });
  return warnings;
};

function guaranteedShortfalls(container: Container): string[] {
  const unset = CPU_AND_MEMORY.filter(
    (name) => isZero(requestOf(container, name)) && isZero(limitOf(container, name)),
  );
  if (unset.length === CPU_AND_MEMORY.length) return ['it sets no cpu or memory'];
  const shortfalls: string[] = [];
  for (const name of CPU_AND_MEMORY) {
    const request = requestOf(container, name);
    const limit = limitOf(container, name);
    if (unset.includes(name)) shortfalls.push(`it sets no ${name}`);
    else if (isZero(limit)) shortfalls.push(`its ${name} has a request but no limit`);
    else if (!equalQuantities(request, limit)) {
      shortfalls.push(`its ${name} request ${request ?? Quantity.zero()} differs from its limit ${limit}`);
    }
  }
  return shortfalls;
}

// An unsized sidecar or init container says this in its own warning.
const checkAlmostGuaranteed: Check = ({ soleNonGuaranteed: entry }) => {
  if (entry === undefined) return [];
  if (entry.type !== 'app' && !setsCpuOrMemory(entry.container)) return [];
  return [
    warning(
      'almost-guaranteed',
      entry.path,
      `${capitalize(entry.label)} alone keeps the pod from Guaranteed QoS, so the pod is Burstable: ` +
        `${listOf(guaranteedShortfalls(entry.container))}.`,
    ),
  ];
};

interface InitExcess {
  readonly name: string;
  readonly phase: Quantity;
  readonly running: Quantity;
  readonly withSidecars: boolean;
}

// Init containers run one at a time, each beside the sidecars started before it; the pod requests the
// larger of that phase and the running containers' sum, and the scheduler reserves it for as long as the
// pod is bound. k8s.io/component-helpers resource/helpers.go, aggregateContainerResourcesByFn (KEP-753)
const checkInitPhaseExceedsRunning: Check = ({ pod, containers }) => {
  const names = new Set<string>();
  for (const { container } of containers) {
    for (const name of Object.keys(container.resources?.requests ?? {})) names.add(name);
    for (const name of Object.keys(container.resources?.limits ?? {})) names.add(name);
  }
  const ordered = [...names]
    .filter((name) => !podLevelSetsRequest(pod, name))
    .sort((a, b) => resourceRank(a) - resourceRank(b) || (a < b ? -1 : a > b ? 1 : 0));

  const excesses = new Map<PodContainer, InitExcess[]>();
  for (const name of ordered) {
    const running = sum(
      containers
        .filter((c) => c.type !== 'init')
        .map((c) => requestOf(c.container, name))
        .filter(defined),
    );
    let sidecars: Quantity[] = [];
    let peak: { entry: PodContainer; phase: Quantity; withSidecars: boolean } | undefined;
    for (const entry of containers) {
      const request = requestOf(entry.container, name);
      if (entry.type === 'sidecar' && request !== undefined) sidecars = [...sidecars, request];
      if (entry.type !== 'init') continue;
      const phase = sum([...(request === undefined ? [] : [request]), ...sidecars]);
      if (peak === undefined || phase.cmp(peak.phase) > 0) {
        peak = { entry, phase, withSidecars: sidecars.some((q) => !q.isZero()) };
      }
    }
    if (peak === undefined || peak.phase.cmp(running) <= 0) continue;
    const list = excesses.get(peak.entry) ?? [];
    list.push({ name, phase: peak.phase, running, withSidecars: peak.withSidecars });
    excesses.set(peak.entry, list);
  }

  const warnings: Warning[] = [];
  for (const entry of containers) {
    const list = excesses.get(entry);
    if (list === undefined) continue;
    const subject = list.some((e) => e.withSidecars)
      ? `${capitalize(entry.label)} and the sidecars started before it request`
      : `${capitalize(entry.label)} requests`;
    warnings.push(
      warning(
        'init-phase-exceeds-running',
        entry.path,
        `${subject} ${listOf(list.map((e) => `${e.name} ${e.phase}`))}, more than the ` +
          `${listOf(list.map((e) => `${e.name} ${e.running}`))} the running containers request, so the scheduler ` +
          "reserves the larger amounts for the pod's whole life.",
      ),
    );
  }
  return warnings;
};

function resourceRank(name: string): number {
  return name === RESOURCE_CPU ? 0 : name === RESOURCE_MEMORY ? 1 : 2;
}

function portKey(port: ContainerPort): string {
  return `${port.containerPort}/${port.protocol ?? 'TCP'}`;
}

// The containers of a pod share one network namespace. A port is compared only with containers running at
// the same time: app containers and sidecars with each other, a regular init container with the sidecars
// started before it. Upstream warns on any repeat (pkg/api/pod/warnings.go, "duplicate port definition").
const checkDuplicateContainerPorts: Check = ({ containers }) => {
  const warnings: Warning[] = [];
  const running: { key: string; entry: PodContainer }[] = [];
  for (const entry of containers) {
    const ports = entry.container.ports ?? [];
    ports.forEach((port, i) => {
      const key = portKey(port);
      const other = running.find((r) => r.key === key);
      if (other === undefined) return;
      warnings.push(
        warning(
          'duplicate-container-port',
          `${entry.path}.ports[${i}]`,
          `${capitalize(entry.label)} declares port ${key}, as does ${other.entry.label}, which runs beside it: the ` +
            'containers of a pod share one network namespace, so only one of them can listen on it.',
        ),
      );
    });
    if (entry.type !== 'init') running.push(...ports.map((port) => ({ key: portKey(port), entry })));
  }
  return warnings;
};

// NodePorts counts the host ports of app containers and sidecars (pkg/scheduler/util/utils.go,
// GetHostPorts); under hostNetwork every container port is a host port (defaultHostNetworkPorts,
// pkg/apis/core/v1/defaults.go). Pods of one workload declare the same ports, so they conflict.
const checkHostPorts: Check = ({ pod, containers }) => {
  const warnings: Warning[] = [];
  for (const { container, type, path, label } of containers) {
    if (type === 'init') continue;
    const hostPorts = (container.ports ?? []).filter((port) => (port.hostPort ?? 0) > 0);
    if (hostPorts.length === 0) continue;
    const ports = hostPorts.map((port) => `${port.hostPort}/${port.protocol ?? 'TCP'}`);
    const one = ports.length === 1;
    warnings.push(
      warning(
        'host-port',
        path,
        `${capitalize(label)} takes host ${one ? 'port' : 'ports'} ${listOf(ports)}` +
          `${pod.spec.hostNetwork === true ? ' (under hostNetwork every container port is a host port)' : ''}: ` +
          `two pods of this workload never share a node, and none lands on a node where another pod holds ` +
          `${one ? 'it' : 'them'} (NodePorts).`,
      ),
    );
  }
  return warnings;
};

const checkShareProcessNamespace: Check = ({ pod, podSpecPath }) => {
  if (pod.spec.shareProcessNamespace !== true) return [];
  return [
    warning(
      'share-process-namespace',
      childPath(podSpecPath, 'shareProcessNamespace'),
      "The containers share one process namespace: they see and can signal each other's processes, and PID 1 " +
        "is the pause container, not the app's entrypoint.",
    ),
  ];
};

const CHECKS: readonly Check[] = [
  checkUndefinedVolumes,
  checkHugePagesWithoutCpuOrMemory,
  checkFractionalBytes,
  checkMissingRequestsAndLimits,
  checkUnsizedSidecars,
  checkUnsizedInitContainers,
  checkAlmostGuaranteed,
  checkInitPhaseExceedsRunning,
  checkDuplicateContainerPorts,
  checkHostPorts,
  checkShareProcessNamespace,
];
