// The Headroom report: what is left on each node and node group, in resources and in copies of a reference
// pod that still fit.
import { type Pod } from '../api/core-v1';
import { toQuantityMap } from '../analysis/analyze';
import { compareByteWise } from '../framework/byte-order';
import { type ClusterState, type NodeState, buildClusterState } from '../framework/cluster-state';
import { type PreparedPod, preparePod } from '../framework/prepare-pod';
import { filterInterPodAffinity, prefilterInterPodAffinity } from '../plugins/inter-pod-affinity';
import { applyPodDefaults } from '../pod/defaults';
import { podRequests } from '../pod/resources';
import { type HeadroomGroup, type HeadroomNode, type HeadroomReport } from './capacity-reports';
import { hasSelfDependentFilters, passesNodeFilters } from './node-local-filters';
import { type UsageTotals, clusterUsage, sumUsage, usageRowNames, usageRows } from './resource-usage';
import { simulatePlacement } from './simulate-placement';

export const HEADROOM_API_VERSION = 'podfit.dev/v1';

export interface HeadroomOptions {
  /** The node label to group by; null for no groups. */
  readonly groupBy: string | null;
  /** The pod whose fit is counted per node (not yet defaulted); null for none. */
  readonly referencePod: Pod | null;
}

/**
 * What is left on each node of the cluster (`buildClusterState` of the inventory) and on each group of nodes
 * sharing a value of the `groupBy` label: allocatable, requested and free per resource, as `kubectl describe
 * node` sums them, and how many more copies of the reference pod fit on each node alone.
 *
 * Example: a node of 4 cpu and 8Gi running pods that request 1500m and 2Gi has room for 3 reference pods of
 * 500m and 2Gi: cpu would allow 5, memory 3.
 */
export function headroom(cluster: ClusterState, options: HeadroomOptions): HeadroomReport {
  const { groupBy, referencePod } = options;
  const usage = clusterUsage(cluster);
  // A new copy of the reference pod: what the scheduler sees of a pod that is not running yet.
  const template = referencePod === null ? null : withoutStatus(referencePod);
  const counts = template === null ? null : referencePodsPerNode(template, cluster);

  const groupOf = (i: number): string | null => {
    if (groupBy === null) return null;
    const labels = cluster.nodeStates[i]!.labels;
    return Object.prototype.hasOwnProperty.call(labels, groupBy) ? labels[groupBy]! : null;
  };
  const nodes = cluster.nodes.map((node, i): HeadroomNode => {
    const totals = usage[i]!;
    return {
      name: node.metadata.name,
      group: groupOf(i),
      unschedulable: node.spec.unschedulable === true,
      resources: usageRows(totals, usageRowNames([totals])),
      referencePods: counts === null ? null : counts[i]!,
    };
  });

  const summarize = (group: string | null, members: readonly number[]): HeadroomGroup => {
    const totals: UsageTotals = sumUsage(members.map((i) => usage[i]!));
    let referencePods: number | null = null;
    if (counts !== null) {
      referencePods = 0;
      for (const i of members) referencePods += counts[i]!;
    }
    return {
      group,
      nodes: members.length,
      resources: usageRows(totals, usageRowNames([totals])),
      referencePods,
    };
  };

  const groups: HeadroomGroup[] = [];
  if (groupBy !== null) {
    const membersByValue = new Map<string, number[]>();
    const unlabelled: number[] = [];
    for (let i = 0; i < nodes.length; i++) {
      const group = nodes[i]!.group;
      if (group === null) unlabelled.push(i);
      else if (membersByValue.has(group)) membersByValue.get(group)!.push(i);
      else membersByValue.set(group, [i]);
    }
    for (const value of [...membersByValue.keys()].sort(compareByteWise)) {
      groups.push(summarize(value, membersByValue.get(value)!));
    }
    if (unlabelled.length > 0) groups.push(summarize(null, unlabelled));
  }

  return {
    apiVersion: HEADROOM_API_VERSION,
    kind: 'Headroom',
    groupBy,
    referencePod:
      template === null ? null : { requests: toQuantityMap(podRequests(applyPodDefaults(template))) },
    nodes,
    groups,
    total: summarize(null, [...cluster.nodes.keys()]),
  };
}

function withoutStatus(pod: Pod): Pod {
  return { metadata: pod.metadata, spec: pod.spec };
}

/**
 * How many copies of the pod (not yet defaulted) fit on each node alone: exactly what `simulatePlacement`
 * places on a one-node cluster holding the node and its bound pods, its replica cap aside.
 *
 * Where every filter reads only the node (no required pod (anti-)affinity or DoNotSchedule spread constraint
 * of the pod's own), the count is arithmetic: 0 when a node-local filter rejects the node or a bound pod's
 * required anti-affinity selects the pod; else the node's free pod count and, for every resource the pod
 * requests, free ÷ request rounded down (NodeResourcesFit's units: cpu in millicores, the rest in Value());
 * a pod with host ports conflicts with its own first copy, so at most 1. Otherwise each node's copies are
 * placed by the simulation itself, bounded by that count: one small simulation per node, O(count × the node's
 * pods) each, rather than O(1).
 */
function referencePodsPerNode(pod: Pod, cluster: ClusterState): number[] {
  const defaulted = applyPodDefaults(pod);
  const prepared = preparePod(defaulted);
  const counts = new Array<number>(cluster.nodes.length).fill(0);
  // NodeAffinity's PreFilter rejects the pod on every node (pinned names that do not overlap).
  if (prepared.nodeAffinity.status !== null) return counts;
  const dependence = placementDependence(prepared, cluster);
  for (let i = 0; i < counts.length; i++) {
    const room = nodeLocalRoom(prepared, cluster.nodeStates[i]!);
    if (room === 0) continue;
    const node = cluster.nodes[i]!;
    const pods = cluster.podsByNode[i]!;
    if (dependence === 'node-local') {
      counts[i] = room;
    } else if (dependence === 'bound-anti-affinity') {
      const state = prefilterInterPodAffinity(defaulted, [node], [pods]);
      counts[i] = state === null || filterInterPodAffinity(state, 0).code === 'Success' ? room : 0;
    } else {
      const [placement] = simulatePlacement(
        buildClusterState([node], pods),
        [
          {
            kind: 'Pod',
            namespace: pod.metadata.namespace ?? 'default',
            name: 'reference',
            pod,
            replicas: null,
          },
        ],
        { replicaCap: room },
      ).workloads;
      counts[i] = placement!.placed;
    }
  }
  return counts;
}

/**
 * What, besides the node itself, decides whether copies of the pod fit there: nothing; bound pods' required
 * anti-affinity, which the copies (having no terms of their own) cannot change; or the copies placed so far
 * (the pod's own required pod (anti-)affinity or DoNotSchedule spread constraints).
 */
function placementDependence(
  prepared: PreparedPod,
  cluster: ClusterState,
): 'node-local' | 'bound-anti-affinity' | 'placements' {
  if (hasSelfDependentFilters(prepared.pod)) return 'placements';
  const interPodAffinity = prefilterInterPodAffinity(prepared.pod, cluster.nodes, cluster.podsByNode);
  if (interPodAffinity === null) return 'node-local';
  if (interPodAffinity.rejection !== null) return 'placements';
  return interPodAffinity.existingAntiAffinityCounts.size > 0 ? 'bound-anti-affinity' : 'node-local';
}

/**
 * How many copies the node-local filters let onto the node: 0 when NodeUnschedulable, NodeName,
 * TaintToleration, NodeAffinity (with its PreFilter's pinned names) or NodePorts reject it; else what
 * NodeResourcesFit lets through one copy after another, and 1 at most for a pod with host ports (NodePorts
 * rejects the second copy on the ports the first one took).
 *
 * Each copy passes fitsRequest while the node has a free pod slot and, for every resource the pod requests
 * more than 0 of, request <= allocatable - requested (a resource the node does not list being 0); a pod that
 * requests nothing is held by the pod count alone. So n copies fit while n <= free pods and n × request <=
 * free for each such resource. pkg/scheduler/framework/plugins/noderesources/fit.go, fitsRequest.
 */
function nodeLocalRoom(prepared: PreparedPod, node: NodeState): number {
  if (!passesNodeFilters(prepared, node, 'NodeResourcesFit')) return 0;

  const { allocatable, requested } = node;
  const request = prepared.resourceRequest;
  let room = allocatable.allowedPodNumber - node.podCount;
  const limit = (asked: number, total: number, used: number) => {
    if (asked > 0) room = Math.min(room, copiesIn(total - used, asked));
  };
  limit(request.milliCPU, allocatable.milliCPU, requested.milliCPU);
  limit(request.memory, allocatable.memory, requested.memory);
  limit(request.ephemeralStorage, allocatable.ephemeralStorage, requested.ephemeralStorage);
  for (let r = 0; r < request.scalarNames.length; r++) {
    const name = request.scalarNames[r]!;
    limit(request.scalarValues[r]!, allocatable.scalar?.get(name) ?? 0, requested.scalar?.get(name) ?? 0);
  }
  if (prepared.hostPorts.length > 0) room = Math.min(room, 1);
  return Math.max(room, 0);
}

/** floor(free / request) for whole amounts, 0 when nothing is free; exact, as the amounts are integers. */
function copiesIn(free: number, request: number): number {
  if (free < request) return 0;
  return Number(BigInt(free) / BigInt(request));
}
