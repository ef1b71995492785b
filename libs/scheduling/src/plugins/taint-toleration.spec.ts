// Filter cases from TestTaintTolerationFilter and score cases from TestTaintTolerationScore,
// pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go. The Filter cases come from the
// conformance corpus (test/fixtures/conformance/cases/fit.json), which words the reason as the newest
// taint_toleration.go does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Node, type Taint, type Toleration } from '../api/core-v1';
import { decodeFitCases, expectedNodeFits, filterEachNode } from '../framework/testing/conformance';
import { scoreNodes } from '../framework/testing/score-nodes';
import { makeNode, makePod } from '../framework/testing/wrappers';
import { MAX_NODE_SCORE } from '../framework/status';
import {
  doNotScheduleTaintsFilter,
  findMatchingUntoleratedTaint,
  taintToleration,
  toleratesTaint,
} from './taint-toleration';

const cases = decodeFitCases(
  JSON.parse(readFileSync(join(__dirname, '../../../../test/fixtures/conformance/cases/fit.json'), 'utf8')),
).filter((c) => c.plugin === 'TaintToleration');

const nodeWithTaints = (name: string, taints: Taint[]): Node => makeNode().name(name).taints(taints).obj();
const podWithTolerations = (name: string, tolerations: Toleration[]) =>
  makePod().name(name).container().tolerations(tolerations).obj();

describe('TaintToleration Filter', () => {
  it('has the corpus cases', () => expect(cases).toHaveLength(9));

  it.each(cases)('$name', (c) => {
    expect(filterEachNode(taintToleration, c)).toEqual(expectedNodeFits(c));
  });

  it('finds the first untolerated NoSchedule/NoExecute taint and ignores PreferNoSchedule', () => {
    const taints: Taint[] = [
      { key: 'soft', effect: 'PreferNoSchedule' },
      { key: 'a', value: '1', effect: 'NoSchedule' },
      { key: 'b', effect: 'NoExecute' },
    ];
    const tolerations: Toleration[] = [{ key: 'a', operator: 'Equal', value: '1' }];
    expect(findMatchingUntoleratedTaint(taints, tolerations, doNotScheduleTaintsFilter)).toEqual(taints[2]);
    expect(findMatchingUntoleratedTaint(taints, [...tolerations, { key: 'b', operator: 'Exists' }], doNotScheduleTaintsFilter)).toBeUndefined();
  });

  it.each([
    { name: 'empty key with Exists tolerates everything', toleration: { operator: 'Exists' }, want: true },
    { name: 'Equal compares values, empty equals unset', toleration: { key: 'k', operator: 'Equal', value: '' }, want: true },
    { name: 'no operator means Equal', toleration: { key: 'k', value: 'v' }, want: false },
    { name: 'Gt needs the alpha comparison gate', toleration: { key: 'k', operator: 'Gt', value: '0' }, want: false },
  ])('toleratesTaint: $name', ({ toleration, want }) => {
    expect(toleratesTaint(toleration as Toleration, { key: 'k', effect: 'NoSchedule' })).toBe(want);
  });
});

describe('TaintToleration Score', () => {
  const cases: { name: string; pod: ReturnType<typeof podWithTolerations>; nodes: Node[]; expected: { name: string; score: number }[] }[] = [
    {
      name: 'node with taints tolerated by the pod, gets a higher score than those node with intolerable taints',
      pod: podWithTolerations('pod1', [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }]),
      nodes: [
        nodeWithTaints('nodeA', [{ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }]),
        nodeWithTaints('nodeB', [{ key: 'foo', value: 'blah', effect: 'PreferNoSchedule' }]),
      ],
      expected: [
        { name: 'nodeA', score: MAX_NODE_SCORE },
        { name: 'nodeB', score: 0 },
      ],
    },
    {
      name: 'the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable taints a node has',
      pod: podWithTolerations('pod1', [
        { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' },
        { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' },
      ]),
      nodes: [
        nodeWithTaints('nodeA', []),
        nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }]),
        nodeWithTaints('nodeC', [
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
        ]),
      ],
      expected: [
        { name: 'nodeA', score: MAX_NODE_SCORE },
        { name: 'nodeB', score: MAX_NODE_SCORE },
        { name: 'nodeC', score: MAX_NODE_SCORE },
      ],
    },
    {
      name: 'the more intolerable taints a node has, the lower score it gets.',
      pod: podWithTolerations('pod1', [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }]),
      nodes: [
        nodeWithTaints('nodeA', []),
        nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }]),
        nodeWithTaints('nodeC', [
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
        ]),
      ],
      expected: [
        { name: 'nodeA', score: MAX_NODE_SCORE },
        { name: 'nodeB', score: 50 },
        { name: 'nodeC', score: 0 },
      ],
    },
    {
      name: 'only taints and tolerations that have effect PreferNoSchedule are checked by taints-tolerations priority function',
      pod: podWithTolerations('pod1', [
        { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' },
        { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' },
      ]),
      nodes: [
        nodeWithTaints('nodeA', []),
        nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }]),
        nodeWithTaints('nodeC', [
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
        ]),
      ],
      expected: [
        { name: 'nodeA', score: MAX_NODE_SCORE },
        { name: 'nodeB', score: MAX_NODE_SCORE },
        { name: 'nodeC', score: 0 },
      ],
    },
    {
      name: 'Default behaviour No taints and tolerations, lands on node with no taints',
      pod: podWithTolerations('pod1', []),
      nodes: [nodeWithTaints('nodeA', []), nodeWithTaints('nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }])],
      expected: [
        { name: 'nodeA', score: MAX_NODE_SCORE },
        { name: 'nodeB', score: 0 },
      ],
    },
  ];

  it.each(cases)('$name', ({ pod, nodes, expected }) => {
    expect(scoreNodes(taintToleration, pod, nodes)).toEqual(expected);
  });
});
