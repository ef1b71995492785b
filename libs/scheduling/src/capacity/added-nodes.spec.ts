// withAddedNodes must build what buildClusterState builds from the joined node list: compared whole.
import { buildClusterState } from '../framework/cluster-state';
import { makeNode, makePod } from '../framework/testing/wrappers';
import { withAddedNodes } from './added-nodes';

const batch = { key: 'dedicated', value: 'batch', effect: 'NoSchedule' } as const;
const gpu = { key: 'nvidia.com/gpu', effect: 'NoSchedule' } as const;

describe('withAddedNodes', () => {
  const inventory = [
    makeNode().name('node-b').label('zone', 'a').capacity({ cpu: '4', memory: '8Gi', pods: '110' }).obj(),
    makeNode().name('node-d').taints([batch]).capacity({ cpu: '2', memory: '4Gi', pods: '10' }).obj(),
    makeNode().name('node-a').unschedulable().capacity({ cpu: '8', 'nvidia.com/gpu': '2', pods: '5' }).obj(),
  ];
  const pods = [
    makePod().name('p1').node('node-b').req({ cpu: '1500m', memory: '1Gi' }).obj(),
    makePod().name('p2').node('node-a').req({ cpu: '1', 'nvidia.com/gpu': '1' }).hostPort(8080).obj(),
    makePod().name('p3').node('node-d').container().obj(),
  ];
  const added = [
    makeNode().name('node-c').taints([gpu, batch]).capacity({ cpu: '16', pods: '58' }).obj(),
    makeNode().name('m5-1').taints([batch]).capacity({ cpu: '4', memory: '16Gi', pods: '58' }).obj(),
    makeNode().name('node-e').capacity({ cpu: '4', 'example.com/foo': '3', pods: '58' }).obj(),
  ];

  it('equals the state built from all the nodes at once: columns, taint ids, name order', () => {
    const joined = withAddedNodes(buildClusterState(inventory, pods), added);
    expect(joined).toEqual(buildClusterState([...inventory, ...added], pods));
    expect(Array.from(joined.nameOrder, (i) => joined.names[i])).toEqual([
      'm5-1',
      'node-a',
      'node-b',
      'node-c',
      'node-d',
      'node-e',
    ]);
    expect(joined.columns.distinctTaints).toEqual([batch, gpu]);
    expect(Array.from(joined.columns.taintSetOf)).toEqual([0, 1, 0, 2, 1, 0]);
  });

  it('leaves the inventory state as it was, and returns it when nothing is added', () => {
    const base = buildClusterState(inventory, pods);
    withAddedNodes(base, added);
    expect(base).toEqual(buildClusterState(inventory, pods));
    expect(withAddedNodes(base, [])).toBe(base);
  });

  it('adds to an empty inventory', () => {
    expect(withAddedNodes(buildClusterState([], []), added)).toEqual(buildClusterState(added, []));
  });
});
