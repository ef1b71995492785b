// Mirrors pkg/scheduler/framework/plugins/nodename/node_name.go
import { type FilterPlugin } from '../framework/plugin';
import { SUCCESS, constantStatus } from '../framework/status';

/** `ErrReason`: the pod names a node (`spec.nodeName`) and this is not it. */
export const ERR_REASON = "node(s) didn't match the requested node name";

const DOES_NOT_MATCH = constantStatus('UnschedulableAndUnresolvable', ERR_REASON);

export const nodeName = {
  name: 'NodeName',
  filter(pod, node) {
    return pod.nodeName === '' || pod.nodeName === node.name ? SUCCESS : DOES_NOT_MATCH;
  },
  filterNodes(pod, cluster, candidates, count, reject) {
    if (pod.nodeName === '') return count;
    let kept = 0;
    for (let k = 0; k < count; k++) {
      const i = candidates[k]!;
      if (cluster.names[i] === pod.nodeName) candidates[kept++] = i;
      else reject(i, DOES_NOT_MATCH);
    }
    return kept;
  },
} satisfies FilterPlugin;
