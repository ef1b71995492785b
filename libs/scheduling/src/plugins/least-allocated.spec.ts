// Cases from TestLeastAllocatedScoringStrategy, pkg/scheduler/framework/plugins/noderesources/
// least_allocated_test.go (the rows that validate NodeResourcesFitArgs are left out: podfit takes no
// scheduler configuration). st.MakeNode().Capacity sets capacity and allocatable alike.
import fc from 'fast-check';
import { scoreNodes } from '../framework/testing/score-nodes';
import { makeNode, makePod } from '../framework/testing/wrappers';
import { MAX_NODE_SCORE } from '../framework/status';
import { leastAllocated, leastRequestedScore, newLeastAllocated } from './least-allocated';
import { DEFAULT_RESOURCES, type ResourceSpec } from './resource-allocation';

const extendedRes = 'abc.com/xyz';
const extendedResourceSet: ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
  { name: extendedRes, weight: 1 },
];
const node = (name: string, capacity: Record<string, string> | null) => {
  const builder = makeNode().name(name);
  return (capacity === null ? builder : builder.capacity(capacity)).obj();
};
const cpuMem = (cpu: string, memory: string) => ({ cpu, memory });

describe('NodeResourcesFit Score (LeastAllocated)', () => {
  it.each([
    {
      name: 'nothing scheduled, nothing requested',
      pod: makePod().obj(),
      nodes: [node('node1', cpuMem('4000', '10000')), node('node2', cpuMem('4000', '10000'))],
      existing: [],
      resources: DEFAULT_RESOURCES,
      expected: [MAX_NODE_SCORE, MAX_NODE_SCORE],
    },
    {
      name: 'nothing scheduled, resources requested, differently sized nodes',
      pod: makePod().req(cpuMem('1000', '2000')).req(cpuMem('2000', '3000')).obj(),
      nodes: [node('node1', cpuMem('4000', '10000')), node('node2', cpuMem('6000', '10000'))],
      existing: [],
      resources: DEFAULT_RESOURCES,
      expected: [37, 50],
    },
    {
      name: 'no resources requested, pods scheduled',
      pod: makePod().obj(),
      nodes: [node('node1', cpuMem('4000', '10000')), node('node2', cpuMem('4000', '10000'))],
      existing: [makePod().node('node1').obj(), makePod().node('node1').obj(), makePod().node('node2').obj(), makePod().node('node2').obj()],
      resources: DEFAULT_RESOURCES,
      expected: [MAX_NODE_SCORE, MAX_NODE_SCORE],
    },
    {
      name: 'no resources requested, pods scheduled with resources',
      pod: makePod().obj(),
      nodes: [node('node1', cpuMem('10000', '20000')), node('node2', cpuMem('10000', '20000'))],
      existing: [
        makePod().node('node1').req(cpuMem('3000', '0')).obj(),
        makePod().node('node1').req(cpuMem('3000', '0')).obj(),
        makePod().node('node2').req(cpuMem('3000', '0')).obj(),
        makePod().node('node2').req(cpuMem('3000', '5000')).obj(),
      ],
      resources: DEFAULT_RESOURCES,
      expected: [70, 57],
    },
    {
      name: 'resources requested, pods scheduled with resources',
      pod: makePod().req(cpuMem('1000', '2000')).req(cpuMem('2000', '3000')).obj(),
      nodes: [node('node1', cpuMem('10000', '20000')), node('node2', cpuMem('10000', '20000'))],
      existing: [makePod().node('node1').req(cpuMem('3000', '0')).obj(), makePod().node('node2').req(cpuMem('3000', '5000')).obj()],
      resources: DEFAULT_RESOURCES,
      expected: [57, 45],
    },
    {
      name: 'resources requested, pods scheduled with resources, differently sized nodes',
      pod: makePod().req(cpuMem('1000', '2000')).req(cpuMem('2000', '3000')).obj(),
      nodes: [node('node1', cpuMem('10000', '20000')), node('node2', cpuMem('10000', '50000'))],
      existing: [makePod().node('node1').req(cpuMem('3000', '0')).obj(), makePod().node('node2').req(cpuMem('3000', '5000')).obj()],
      resources: DEFAULT_RESOURCES,
      expected: [57, 60],
    },
    {
      name: 'requested resources exceed node capacity',
      pod: makePod().req(cpuMem('3000', '0')).obj(),
      nodes: [node('node1', cpuMem('4000', '10000')), node('node2', cpuMem('4000', '10000'))],
      existing: [makePod().node('node1').req(cpuMem('3000', '0')).obj(), makePod().node('node2').req(cpuMem('3000', '5000')).obj()],
      resources: DEFAULT_RESOURCES,
      expected: [50, 25],
    },
    {
      name: 'zero node resources, pods scheduled with resources',
      pod: makePod().obj(),
      nodes: [node('node1', null), node('node2', null)],
      existing: [makePod().node('node1').req(cpuMem('3000', '0')).obj(), makePod().node('node2').req(cpuMem('3000', '5000')).obj()],
      resources: DEFAULT_RESOURCES,
      expected: [0, 0],
    },
    {
      name: 'nothing scheduled, resources requested with different weight on CPU and memory, differently sized nodes',
      pod: makePod().node('node1').req(cpuMem('1000', '2000')).req(cpuMem('2000', '3000')).obj(),
      nodes: [node('node1', cpuMem('4000', '10000')), node('node2', cpuMem('6000', '10000'))],
      existing: [],
      resources: [
        { name: 'memory', weight: 2 },
        { name: 'cpu', weight: 1 },
      ],
      expected: [41, 50],
    },
    {
      name: 'bypass extended resource if the pod does not request',
      pod: makePod().node('node1').req(cpuMem('1000', '2000')).req(cpuMem('2000', '3000')).obj(),
      nodes: [node('node1', cpuMem('6000', '10000')), node('node2', { ...cpuMem('6000', '10000'), [extendedRes]: '4' })],
      existing: [],
      resources: extendedResourceSet,
      expected: [50, 50],
    },
    {
      name: 'honor extended resource if the pod requests',
      pod: makePod().node('node1').req({ ...cpuMem('3000', '5000'), [extendedRes]: '2' }).obj(),
      nodes: [
        node('node1', { ...cpuMem('6000', '10000'), [extendedRes]: '4' }),
        node('node2', { ...cpuMem('6000', '10000'), [extendedRes]: '10' }),
      ],
      existing: [],
      resources: extendedResourceSet,
      expected: [50, 60],
    },
    {
      name: "if the node doesn't have a resource",
      pod: makePod().node('node1').req(cpuMem('3000', '4000')).obj(),
      nodes: [node('node1', cpuMem('6000', '10000')), node('node2', { ...cpuMem('6000', '10000'), [extendedRes]: '4' })],
      existing: [],
      resources: [
        { name: extendedRes, weight: 2 },
        { name: 'cpu', weight: 1 },
        { name: 'memory', weight: 1 },
      ],
      expected: [55, 55],
    },
  ])('$name', ({ pod, nodes, existing, resources, expected }) => {
    const scores = scoreNodes(newLeastAllocated(resources), pod, nodes, existing);
    expect(scores.map((s) => s.score)).toEqual(expected);
  });

  it('counts 100m and 200Mi for a container without requests, on the node and in the pod', () => {
    const nodes = [node('n', { cpu: '1', memory: '1000Mi' })];
    const existing = [makePod().node('n').container().obj()];
    // cpu (1000 - 200) * 100 / 1000 = 80; memory (1000Mi - 400Mi) * 100 / 1000Mi = 60; (80 + 60) / 2 = 70
    expect(scoreNodes(leastAllocated, makePod().container().obj(), nodes, existing)).toEqual([{ name: 'n', score: 70 }]);
  });

  it('stays exact beyond 2^53', () => {
    expect(leastRequestedScore(128, 2 ** 60)).toBe(99);
    expect(leastRequestedScore(2 ** 59, 2 ** 60)).toBe(50);
    expect(leastRequestedScore(0, 2 ** 60)).toBe(100);
  });

  it('scores within 0..100', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (cpu, memory, requestCpu, requestMemory) => {
          const nodes = [node('n', { cpu: `${cpu}m`, memory: `${memory}` })];
          const pod = makePod().req({ cpu: `${requestCpu}m`, memory: `${requestMemory}` }).obj();
          const score = scoreNodes(leastAllocated, pod, nodes)[0]!.score;
          return Number.isInteger(score) && score >= 0 && score <= MAX_NODE_SCORE;
        },
      ),
    );
  });
});
