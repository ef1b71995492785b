// Filter cases from TestPodMatchesNodeSelectorAndAffinityTerms (k8s.io/component-helpers
// scheduling/corev1/nodeaffinity/nodeaffinity_test.go) as the conformance corpus
// (test/fixtures/conformance/cases/fit.json) carries them; PreFilter cases from TestNodeAffinity and score
// cases from TestNodeAffinityPriority, pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Node, type NodeSelectorTerm, type Pod, type PreferredSchedulingTerm } from '../api/core-v1';
import { preparePod } from '../framework/prepare-pod';
import { decodeFitCases, expectedNodeFits, filterEachNode } from '../framework/testing/conformance';
import { scoreNodes } from '../framework/testing/score-nodes';
import { makeNode, makePod } from '../framework/testing/wrappers';
import { MAX_NODE_SCORE } from '../framework/status';
import {
  ERR_REASON_CONFLICT,
  nodeAffinity,
  nodeMatchesNodeSelectorAndAffinity,
  prefilterNodeAffinity,
} from './node-affinity';

const cases = decodeFitCases(
  JSON.parse(readFileSync(join(__dirname, '../../../../test/fixtures/conformance/cases/fit.json'), 'utf8')),
).filter((c) => c.plugin === 'NodeAffinity');

describe('NodeAffinity Filter', () => {
  it('has the corpus cases', () => expect(cases).toHaveLength(27));

  it.each(cases)('$name', (c) => {
    expect(filterEachNode(nodeAffinity, c)).toEqual(expectedNodeFits(c));
  });

  it.each(cases)('nodeMatchesNodeSelectorAndAffinity: $name', (c) => {
    for (const node of c.nodes) {
      expect(nodeMatchesNodeSelectorAndAffinity(c.pod, node)).toBe(c.expected[node.metadata.name]!.fits);
    }
  });

  it.each([
    { name: 'Gt compares as integers', op: 'Gt', bound: '9', label: '10', want: true },
    { name: 'Lt with a non-integer label never matches', op: 'Lt', bound: '9', label: 'x', want: false },
    { name: 'Gt with two values is invalid', op: 'Gt', bound: ['1', '2'], label: '10', want: false },
    { name: 'In with no values is invalid', op: 'In', bound: [], label: 'a', want: false },
    { name: 'Exists with values is invalid', op: 'Exists', bound: ['a'], label: 'a', want: false },
    { name: 'an unknown operator is invalid', op: 'Near', bound: ['a'], label: 'a', want: false },
  ])('requirement parsing: $name', ({ op, bound, label, want }) => {
    const values = Array.isArray(bound) ? bound : [bound];
    const pod = makePod().container().requiredNodeAffinityTerm({ matchExpressions: [{ key: 'k', operator: op, values }] }).obj();
    expect(nodeMatchesNodeSelectorAndAffinity(pod, makeNode().name('n').label('k', label).obj())).toBe(want);
  });
});

describe('NodeAffinity PreFilter', () => {
  const nameIn = (...names: string[]) => ({ key: 'metadata.name', operator: 'In', values: names });
  const fooIn = (value: string) => ({ key: 'foo', operator: 'In', values: [value] });
  const podWithTerms = (...terms: NodeSelectorTerm[]): Pod =>
    terms.reduce((builder, term) => builder.requiredNodeAffinityTerm(term), makePod().container()).obj();

  it.each([
    { name: 'Pod with no Affinity will schedule onto a node', pod: makePod().container().obj(), skip: true, nodeNames: null },
    {
      name: 'Pod with Affinity but nil NodeSelector will schedule onto a node',
      pod: { ...makePod().container().obj(), spec: { containers: [{ name: 'c' }], affinity: { nodeAffinity: {} } } },
      skip: true,
      nodeNames: null,
    },
    { name: 'Pod with matchFields using In operator that matches the existing node', pod: podWithTerms({ matchFields: [nameIn('node1')] }), skip: false, nodeNames: ['node1'] },
    { name: 'Pod with matchFields using In operator that does not match the existing node', pod: podWithTerms({ matchFields: [nameIn('node1')] }), skip: false, nodeNames: ['node1'] },
    {
      name: 'Pod with two terms: matchFields does not match, but matchExpressions matches',
      pod: podWithTerms({ matchFields: [nameIn('node1'), nameIn('node2')] }, { matchExpressions: [fooIn('bar')] }),
      skip: false,
      nodeNames: null,
    },
    {
      name: 'Pod with one term: matchFields does not match, but matchExpressions matches',
      pod: podWithTerms({ matchFields: [nameIn('node1')], matchExpressions: [fooIn('bar')] }),
      skip: false,
      nodeNames: ['node1'],
    },
    {
      name: 'Pod with two terms: both matchFields and matchExpressions do not match',
      pod: podWithTerms({ matchFields: [nameIn('node1')] }, { matchExpressions: [fooIn('not-match-to-bar')] }),
      skip: false,
      nodeNames: null,
    },
    {
      name: 'Pod with two terms of node.Name affinity',
      pod: podWithTerms({ matchFields: [nameIn('node1')] }, { matchFields: [nameIn('node2')] }),
      skip: false,
      nodeNames: ['node1', 'node2'],
    },
  ])('$name', ({ pod, skip, nodeNames }) => {
    const result = prefilterNodeAffinity(pod);
    expect(result.status).toBeNull();
    expect(result.required === null).toBe(skip);
    expect(result.nodeNames === null ? null : [...result.nodeNames].sort()).toEqual(nodeNames);
  });

  it('Pod with two conflicting mach field requirements', () => {
    const pod = podWithTerms({ matchFields: [nameIn('node1'), nameIn('node2')] });
    const result = prefilterNodeAffinity(pod);
    expect(result.status).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_CONFLICT] });
  });
});

describe('NodeAffinity Score', () => {
  const label1 = { foo: 'bar' };
  const label2 = { key: 'value' };
  const label3 = { az: 'az1' };
  const label4 = { abc: 'az11', def: 'az22' };
  const label5 = { foo: 'bar', key: 'value', az: 'az1' };
  const nodeWithLabels = (name: string, labels: Record<string, string>): Node =>
    Object.entries(labels).reduce((builder, [k, v]) => builder.label(k, v), makeNode().name(name)).obj();
  const in_ = (key: string, value: string) => ({ key, operator: 'In', values: [value] });

  const affinity1: PreferredSchedulingTerm[] = [{ weight: 2, preference: { matchExpressions: [in_('foo', 'bar')] } }];
  const affinity2: PreferredSchedulingTerm[] = [
    { weight: 2, preference: { matchExpressions: [in_('foo', 'bar')] } },
    { weight: 4, preference: { matchExpressions: [in_('key', 'value')] } },
    { weight: 5, preference: { matchExpressions: [in_('foo', 'bar'), in_('key', 'value'), in_('az', 'az1')] } },
  ];
  const withPreferred = (terms: PreferredSchedulingTerm[]) => makePod().container().preferredNodeAffinity(terms).obj();

  it.each([
    {
      name: 'all nodes are same priority as NodeAffinity is nil',
      pod: makePod().container().obj(),
      nodes: [nodeWithLabels('node1', label1), nodeWithLabels('node2', label2), nodeWithLabels('node3', label3)],
      expected: [
        { name: 'node1', score: 0 },
        { name: 'node2', score: 0 },
        { name: 'node3', score: 0 },
      ],
    },
    {
      name: "no node matches preferred scheduling requirements in NodeAffinity of pod so all nodes' priority is zero",
      pod: withPreferred(affinity1),
      nodes: [nodeWithLabels('node1', label4), nodeWithLabels('node2', label2), nodeWithLabels('node3', label3)],
      expected: [
        { name: 'node1', score: 0 },
        { name: 'node2', score: 0 },
        { name: 'node3', score: 0 },
      ],
    },
    {
      name: 'only node1 matches the preferred scheduling requirements of pod',
      pod: withPreferred(affinity1),
      nodes: [nodeWithLabels('node1', label1), nodeWithLabels('node2', label2), nodeWithLabels('node3', label3)],
      expected: [
        { name: 'node1', score: MAX_NODE_SCORE },
        { name: 'node2', score: 0 },
        { name: 'node3', score: 0 },
      ],
    },
    {
      name: 'all nodes matches the preferred scheduling requirements of pod but with different priorities ',
      pod: withPreferred(affinity2),
      nodes: [nodeWithLabels('node1', label1), nodeWithLabels('node5', label5), nodeWithLabels('node2', label2)],
      expected: [
        { name: 'node1', score: 18 },
        { name: 'node5', score: MAX_NODE_SCORE },
        { name: 'node2', score: 36 },
      ],
    },
  ])('$name', ({ pod, nodes, expected }) => {
    expect(scoreNodes(nodeAffinity, pod, nodes)).toEqual(expected);
  });

  it('Skip is returned in PreScore when NodeAffinity is nil', () => {
    expect(nodeAffinity.preScore(preparePod(makePod().container().obj()))).toBeNull();
  });

  it('PreScore returns error when an incoming Pod has a broken affinity', () => {
    const pod = withPreferred([{ weight: 2, preference: { matchExpressions: [in_('invalid key', 'bar')] } }]);
    const prepared = preparePod(pod);
    expect(nodeAffinity.preScore(prepared)).toBeNull();
    expect(prepared.warnings.map((w) => w.code)).toEqual(['invalid-preferred-node-affinity']);
  });
});
