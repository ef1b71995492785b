// Mirrors pkg/scheduler/framework/plugins/noderesources/fit.go (PreFilter, Filter, fitsRequest); the Score
// side of NodeResourcesFit, the default LeastAllocated strategy, is in least-allocated.ts.
import {
  type Pod,
  RESOURCE_CPU,
  RESOURCE_EPHEMERAL_STORAGE,
  RESOURCE_MEMORY,
  RESOURCE_PODS,
} from '../api/core-v1';
import { type NodeState, type NumberConverter } from '../framework/cluster-state';
import { type FilterPlugin } from '../framework/plugin';
import { isExtendedResourceName, isScalarResourceName } from '../framework/resource-names';
import { SUCCESS, type Status } from '../framework/status';
import { podRequests } from '../pod/resources';

/** The reason when the node already runs its allowed number of pods (`allocatable.pods`). */
export const ERR_REASON_TOO_MANY_PODS = 'Too many pods';
export const ERR_REASON_INSUFFICIENT_CPU = 'Insufficient cpu';
export const ERR_REASON_INSUFFICIENT_MEMORY = 'Insufficient memory';
export const ERR_REASON_INSUFFICIENT_EPHEMERAL_STORAGE = 'Insufficient ephemeral-storage';

/** `fmt.Sprintf("Insufficient %v", resourceName)`, the reason for any other resource. */
export function insufficientResourceReason(resourceName: string): string {
  return `Insufficient ${resourceName}`;
}

/** `NodeResourcesFitArgs`: extended resources (by name, or by the domain before `/`) the filter ignores. */
export interface NodeResourcesFitArgs {
  readonly ignoredResources?: readonly string[];
  readonly ignoredResourceGroups?: readonly string[];
}

/** The PreFilter state: what the pod asks of a node, in the scheduler's units. */
export interface PodResourceRequest {
  readonly milliCPU: number;
  readonly memory: number;
  readonly ephemeralStorage: number;
  /** Scalar resources in request order, zero requests included (they are skipped when checked). */
  readonly scalarNames: readonly string[];
  readonly scalarValues: readonly number[];
}

/**
 * `computePodResourceRequest`: PodRequests (the pod is not scheduled yet, so spec only) folded into a
 * Resource with SetMaxResource, which keeps cpu, memory, ephemeral-storage and scalar resources only.
 */
export function computePodResourceRequest(pod: Pod, convert: NumberConverter): PodResourceRequest {
  const requests = podRequests(pod);
  let milliCPU = 0;
  let memory = 0;
  let ephemeralStorage = 0;
  const scalarNames: string[] = [];
  const scalarValues: number[] = [];
  for (const name in requests) {
    const quantity = requests[name]!;
    switch (name) {
      case RESOURCE_CPU:
        milliCPU = Math.max(0, convert.milli(quantity));
        break;
      case RESOURCE_MEMORY:
        memory = Math.max(0, convert.value(quantity));
        break;
      case RESOURCE_EPHEMERAL_STORAGE:
        ephemeralStorage = Math.max(0, convert.value(quantity));
        break;
      case RESOURCE_PODS:
        break;
      default:
        if (isScalarResourceName(name)) {
          scalarNames.push(name);
          scalarValues.push(Math.max(0, convert.value(quantity)));
        }
    }
  }
  return { milliCPU, memory, ephemeralStorage, scalarNames, scalarValues };
}

/** `InsufficientResource`: cpu in millicores, everything else in Value() units. */
export interface InsufficientResource {
  readonly resourceName: string;
  readonly reason: string;
  readonly requested: number;
  readonly used: number;
  readonly capacity: number;
  /** The pod asks for more than the node's whole allocatable: evicting pods cannot help. */
  readonly unresolvable: boolean;
}

const FITS: readonly InsufficientResource[] = Object.freeze([]);

/**
 * `fitsRequest`: the resources the node lacks for the pod, empty when it fits. The pod count is checked
 * first and on its own; a pod that requests nothing fits otherwise; a zero request is never checked; a
 * resource the node does not list has allocatable 0; ignored extended resources are skipped.
 */
export function fitsRequest(
  request: PodResourceRequest,
  node: NodeState,
  ignoredResources: ReadonlySet<string>,
  ignoredResourceGroups: ReadonlySet<string>,
): readonly InsufficientResource[] {
  const allocatable = node.allocatable;
  const requested = node.requested;
  let insufficient: InsufficientResource[] | null = null;

  if (node.podCount + 1 > allocatable.allowedPodNumber) {
    (insufficient ??= []).push({
      resourceName: RESOURCE_PODS,
      reason: ERR_REASON_TOO_MANY_PODS,
      requested: 1,
      used: node.podCount,
      capacity: allocatable.allowedPodNumber,
      unresolvable: false,
    });
  }

  if (
    request.milliCPU === 0 &&
    request.memory === 0 &&
    request.ephemeralStorage === 0 &&
    request.scalarNames.length === 0
  ) {
    return insufficient ?? FITS;
  }

  if (request.milliCPU > 0 && request.milliCPU > allocatable.milliCPU - requested.milliCPU) {
    (insufficient ??= []).push({
      resourceName: RESOURCE_CPU,
      reason: ERR_REASON_INSUFFICIENT_CPU,
      requested: request.milliCPU,
      used: requested.milliCPU,
      capacity: allocatable.milliCPU,
      unresolvable: request.milliCPU > allocatable.milliCPU,
    });
  }
  if (request.memory > 0 && request.memory > allocatable.memory - requested.memory) {
    (insufficient ??= []).push({
      resourceName: RESOURCE_MEMORY,
      reason: ERR_REASON_INSUFFICIENT_MEMORY,
      requested: request.memory,
      used: requested.memory,
      capacity: allocatable.memory,
      unresolvable: request.memory > allocatable.memory,
    });
  }
  if (
    request.ephemeralStorage > 0 &&
    request.ephemeralStorage > allocatable.ephemeralStorage - requested.ephemeralStorage
  ) {
    (insufficient ??= []).push({
      resourceName: RESOURCE_EPHEMERAL_STORAGE,
      reason: ERR_REASON_INSUFFICIENT_EPHEMERAL_STORAGE,
      requested: request.ephemeralStorage,
      used: requested.ephemeralStorage,
      capacity: allocatable.ephemeralStorage,
      unresolvable: request.ephemeralStorage > allocatable.ephemeralStorage,
    });
  }

  for (let i = 0; i < request.scalarNames.length; i++) {
    const quantity = request.scalarValues[i]!;
    if (quantity === 0) continue;
    const name = request.scalarNames[i]!;
    // Only extended resources can be ignored; `kubernetes.io/` resources and hugepages never are.
    if ((ignoredResources.size > 0 || ignoredResourceGroups.size > 0) && isExtendedResourceName(name)) {
      const group = ignoredResourceGroups.size > 0 ? name.split('/')[0]! : '';
      if (ignoredResources.has(name) || ignoredResourceGroups.has(group)) continue;
    }
    const nodeAllocatable = allocatable.scalar?.get(name) ?? 0;
    const used = requested.scalar?.get(name) ?? 0;
    if (quantity > nodeAllocatable - used) {
      (insufficient ??= []).push({
        resourceName: name,
        reason: insufficientResourceReason(name),
        requested: quantity,
        used,
        capacity: nodeAllocatable,
        unresolvable: quantity > nodeAllocatable,
      });
    }
  }
  return insufficient ?? FITS;
}

/** NodeResourcesFit's Filter, configured with the plugin's args. */
export function newNodeResourcesFit(args: NodeResourcesFitArgs = {}) {
  const ignoredResources: ReadonlySet<string> = new Set(args.ignoredResources ?? []);
  const ignoredResourceGroups: ReadonlySet<string> = new Set(args.ignoredResourceGroups ?? []);
  return {
    name: 'NodeResourcesFit',
    filter(pod, node): Status {
      const insufficient = fitsRequest(pod.resourceRequest, node, ignoredResources, ignoredResourceGroups);
      if (insufficient.length === 0) return SUCCESS;
      // Every insufficient resource is reported; one the node could never hold makes it unresolvable.
      const reasons = new Array<string>(insufficient.length);
      let unresolvable = false;
      for (let i = 0; i < insufficient.length; i++) {
        reasons[i] = insufficient[i]!.reason;
        if (insufficient[i]!.unresolvable) unresolvable = true;
      }
      return { code: unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable', reasons };
    },
    // A node passes on the columns alone when the pod count, cpu, memory and ephemeral-storage fit and the
    // pod asks for no scalar resource; any other node goes through `filter` for the exact verdict.
    filterNodes(pod, cluster, candidates, count, reject) {
      const request = pod.resourceRequest;
      const { milliCPU, memory, ephemeralStorage } = request;
      const scalarsToCheck = request.scalarValues.some((value) => value > 0);
      const { freePods, freeMilliCPU, freeMemory, freeEphemeralStorage } = cluster.columns;
      let kept = 0;
      for (let k = 0; k < count; k++) {
        const i = candidates[k]!;
        const fitsColumns =
          !scalarsToCheck &&
          1 <= freePods[i]! &&
          (milliCPU === 0 || milliCPU <= freeMilliCPU[i]!) &&
          (memory === 0 || memory <= freeMemory[i]!) &&
          (ephemeralStorage === 0 || ephemeralStorage <= freeEphemeralStorage[i]!);
        if (fitsColumns) {
          candidates[kept++] = i;
          continue;
        }
        const status = this.filter(pod, cluster.nodeStates[i]!);
        if (status === SUCCESS) candidates[kept++] = i;
        else reject(i, status);
      }
      return kept;
    },
  } satisfies FilterPlugin;
}

/** NodeResourcesFit with the default args (nothing ignored). */
export const nodeResourcesFit = newNodeResourcesFit();
