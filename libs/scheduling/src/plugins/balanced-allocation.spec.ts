// Cases from TestNodeResourcesBalancedAllocation, pkg/scheduler/framework/plugins/noderesources/
// balanced_allocation_test.go (the DRA-backed extended resource rows are left out: podfit has no
// ResourceSlices). makeNode(name, milliCPU, memory, scalars) sets capacity and allocatable alike.
import fc from 'fast-check';
import { type Pod } from '../api/core-v1';
import { preparePod } from '../framework/prepare-pod';
import { scoreNodes } from '../framework/testing/score-nodes';
import { makeNode, makePod, type PodWrapper } from '../framework/testing/wrappers';
import { MAX_NODE_SCORE } from '../framework/status';
import { balancedAllocation, newBalancedAllocation } from './balanced-allocation';
import { DEFAULT_RESOURCES } from './resource-allocation';

const makeTestNode = (name: string, milliCPU: number, memory: number, scalars: Record<string, number> = {}) =>
  makeNode()
    .name(name)
    .capacity({
      cpu: `${milliCPU}m`,
      memory: `${memory}`,
      ...Object.fromEntries(Object.entries(scalars).map(([k, v]) => [k, `${v}`])),
    })
    .obj();

// cpuOnly: 1000m + 2000m cpu, memory 0; cpuAndMemory: 1000m/2000 + 2000m/3000; both bound to the given node.
const cpuOnly = (node: string): PodWrapper => makePod().node(node).req({ cpu: '1000m', memory: '0' }).req({ cpu: '2000m', memory: '0' });
const cpuAndMemory = (node: string): PodWrapper =>
  makePod().node(node).req({ cpu: '1000m', memory: '2000' }).req({ cpu: '2000m', memory: '3000' });
const cpuAndMemoryAndGPU = (node: string): PodWrapper =>
  makePod().node(node).req({ cpu: '1000m', memory: '2000' }).req({ cpu: '2000m', memory: '3000', 'nvidia.com/gpu': '3' });
const withGPU = [...DEFAULT_RESOURCES, { name: 'nvidia.com/gpu', weight: 1 }];
const unbound = (wrapper: PodWrapper): Pod => {
  const pod = wrapper.obj();
  return { ...pod, spec: { ...pod.spec, nodeName: undefined } };
};

describe('NodeResourcesBalancedAllocation Score', () => {
  it('nothing scheduled, nothing requested, skip in PreScore', () => {
    expect(balancedAllocation.preScore(preparePod(makePod().obj()))).toBeNull();
  });

  it.each([
    {
      name: 'nothing scheduled, resources requested, differently sized nodes',
      pod: unbound(cpuAndMemory('node2')),
      nodes: [makeTestNode('node1', 4000, 10000), makeTestNode('node2', 6000, 10000)],
      pods: [],
      resources: DEFAULT_RESOURCES,
      expected: [87, MAX_NODE_SCORE],
    },
    {
      name: 'resources requested, pods scheduled with resources',
      pod: unbound(cpuAndMemory('node2')),
      nodes: [makeTestNode('node1', 10000, 20000), makeTestNode('node2', 10000, 20000)],
      pods: [cpuOnly('node1').obj(), cpuAndMemory('node2').obj()],
      resources: DEFAULT_RESOURCES,
      expected: [82, 95],
    },
    {
      name: 'resources requested, pods scheduled with resources, differently sized nodes',
      pod: unbound(cpuAndMemory('node2')),
      nodes: [makeTestNode('node1', 10000, 20000), makeTestNode('node2', 10000, 50000)],
      pods: [cpuOnly('node1').obj(), cpuAndMemory('node2').obj()],
      resources: DEFAULT_RESOURCES,
      expected: [82, 80],
    },
    {
      name: 'requested resources at node capacity',
      pod: unbound(cpuOnly('node1')),
      nodes: [makeTestNode('node1', 6000, 10000), makeTestNode('node2', 6000, 10000)],
      pods: [cpuOnly('node1').obj(), cpuAndMemory('node2').obj()],
      resources: DEFAULT_RESOURCES,
      expected: [50, 75],
    },
    {
      name: 'include scalar resource on a node for balanced resource allocation',
      pod: makePod().req({ memory: '0', 'nvidia.com/gpu': '1' }).obj(),
      nodes: [makeTestNode('node1', 3500, 40000, { 'nvidia.com/gpu': 8 }), makeTestNode('node2', 3500, 40000, { 'nvidia.com/gpu': 8 })],
      pods: [cpuAndMemory('node2').obj(), cpuAndMemoryAndGPU('node1').obj()],
      resources: withGPU,
      expected: [70, 65],
    },
    {
      name: 'node without the scalar resource should skip the scalar resource',
      pod: unbound(cpuAndMemory('node2')),
      nodes: [makeTestNode('node1', 3500, 40000, { 'nvidia.com/gpu': 8 }), makeTestNode('node2', 3500, 40000)],
      pods: [],
      resources: withGPU,
      expected: [63, 63],
    },
    {
      name: 'resources requested, pods scheduled with resources if PreScore not called',
      pod: unbound(cpuAndMemory('node2')),
      nodes: [makeTestNode('node1', 10000, 20000), makeTestNode('node2', 10000, 20000)],
      pods: [cpuOnly('node1').obj(), cpuAndMemory('node2').obj()],
      resources: DEFAULT_RESOURCES,
      expected: [82, 95],
    },
  ])('$name', ({ pod, nodes, pods, resources, expected }) => {
    const scores = scoreNodes(newBalancedAllocation(resources), pod, nodes, pods);
    expect(scores.map((s) => s.score)).toEqual(expected);
  });

  it('scores within 0..100', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (cpu, memory, requestCpu, requestMemory) => {
          const nodes = [makeTestNode('n', cpu, memory)];
          const pod = makePod().req({ cpu: `${requestCpu}m`, memory: `${requestMemory}` }).obj();
          const score = scoreNodes(balancedAllocation, pod, nodes)[0]!.score;
          return Number.isInteger(score) && score >= 0 && score <= MAX_NODE_SCORE;
        },
      ),
    );
  });
});
