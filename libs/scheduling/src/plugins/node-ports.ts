// Mirrors pkg/scheduler/framework/plugins/nodeports/node_ports.go
import { type Pod } from '../api/core-v1';
import { type HostPort, getHostPorts, toHostPort } from '../framework/host-ports';
import { type FilterPlugin } from '../framework/plugin';
import { SUCCESS, constantStatus } from '../framework/status';

/** `ErrReason`: a host port the pod wants is taken on the node. */
export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";

const PORTS_TAKEN = constantStatus('Unschedulable', ERR_REASON);

/** PreFilter: the host ports the pod wants (app containers and sidecars); none means the filter is skipped. */
export function prefilterNodePorts(pod: Pod): HostPort[] {
  return getHostPorts(pod).map(toHostPort);
}

export const nodePorts = {
  name: 'NodePorts',
  filter(pod, node) {
    for (const port of pod.hostPorts) if (node.usedPorts.conflicts(port)) return PORTS_TAKEN;
    return SUCCESS;
  },
  filterNodes(pod, cluster, candidates, count, reject) {
    if (pod.hostPorts.length === 0) return count;
    const usedPortCount = cluster.columns.usedPortCount;
    let kept = 0;
    for (let k = 0; k < count; k++) {
      const i = candidates[k]!;
      if (usedPortCount[i] === 0 || this.filter(pod, cluster.nodeStates[i]!) === SUCCESS) candidates[kept++] = i;
      else reject(i, PORTS_TAKEN);
    }
    return kept;
  },
} satisfies FilterPlugin;
