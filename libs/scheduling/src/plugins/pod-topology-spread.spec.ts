// Cases from TestSingleConstraint, TestMultipleConstraints, TestPreFilterState, TestPreFilterStateAddPod and
// TestPreFilterStateRemovePod, pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go
// (kubernetes/kubernetes master). NodeInclusionPolicyInPodTopologySpread and MatchLabelKeysInPodTopologySpread
// are on, as they are by default. Not ported: the "default constraints ..." rows (podfit models no
// PodTopologySpreadArgs.defaultConstraints; the system defaults are ScheduleAnyway and only score) and the
// "feature gate disabled ..." rows.
import fc from 'fast-check';
import { type Node, type Pod, type Taint } from '../api/core-v1';
import { SUCCESS, type Status, type StatusCode } from '../framework/status';
import { makeLabelSelector, makeNode, makePod, groupPodsByNode } from './testing/pod-affinity-builders';
import {
  addPodPodTopologySpread,
  ERR_REASON_CONSTRAINTS_NOT_MATCH,
  ERR_REASON_NODE_LABEL_NOT_MATCH,
  filterPodTopologySpread,
  type PodTopologySpreadState,
  prefilterPodTopologySpread,
  removePodPodTopologySpread,
} from './pod-topology-spread';

const fooSelector = makeLabelSelector().exists('foo').obj();
const barSelector = makeLabelSelector().exists('bar').obj();
const taints: Taint[] = [{ key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' }];
const ignorePolicy = 'Ignore';
const honorPolicy = 'Honor';

const REASONS: Record<StatusCode, readonly string[]> = {
  Success: [],
  Unschedulable: [ERR_REASON_CONSTRAINTS_NOT_MATCH],
  UnschedulableAndUnresolvable: [ERR_REASON_NODE_LABEL_NOT_MATCH],
};

/** node-a/node-b in zone1, node-x/node-y in zone2, each with its own `node` label. */
function fourNodes(): Node[] {
  return [
    makeNode().name('node-a').label('zone', 'zone1').label('node', 'node-a').obj(),
    makeNode().name('node-b').label('zone', 'zone1').label('node', 'node-b').obj(),
    makeNode().name('node-x').label('zone', 'zone2').label('node', 'node-x').obj(),
    makeNode().name('node-y').label('zone', 'zone2').label('node', 'node-y').obj(),
  ];
}

function pods(...specs: [name: string, node: string, labels: Record<string, string>, namespace?: string][]): Pod[] {
  return specs.map(([name, node, labels, namespace]) => {
    const builder = makePod().name(name).node(node).labels(labels);
    return (namespace === undefined ? builder : builder.namespace(namespace)).obj();
  });
}

const foo = { foo: '' };

function statusesOf(pod: Pod, nodes: Node[], existing: Pod[]): Record<string, Status> {
  const state = prefilterPodTopologySpread(pod, nodes, groupPodsByNode(nodes, existing));
  expect(state).not.toBeNull();
  return Object.fromEntries(nodes.map((node, i) => [node.metadata.name, filterPodTopologySpread(state!, i)]));
}

function expectCodes(got: Record<string, Status>, want: Record<string, StatusCode>): void {
  expect(Object.fromEntries(Object.entries(got).map(([name, s]) => [name, s.code]))).toEqual(want);
  for (const status of Object.values(got)) expect(status.reasons).toEqual(REASONS[status.code]);
}

interface FilterCase {
  name: string;
  pod: Pod;
  nodes: Node[];
  existingPods: Pod[];
  wantStatusCode: Record<string, StatusCode>;
}

describe('TestSingleConstraint', () => {
  const nodeOnly = (...names: string[]) => names.map((n) => makeNode().name(n).label('node', n).obj());
  const cases: FilterCase[] = [
    {
      name: 'no existing pods',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(),
      existingPods: [],
      wantStatusCode: { 'node-a': 'Success', 'node-b': 'Success', 'node-x': 'Success', 'node-y': 'Success' },
    },
    {
      name: "no existing pods, incoming pod doesn't match itself",
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', barSelector).obj(),
      nodes: fourNodes(),
      existingPods: [],
      wantStatusCode: { 'node-a': 'Success', 'node-b': 'Success', 'node-x': 'Success', 'node-y': 'Success' },
    },
    {
      name: 'existing pods in a different namespace do not count',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(),
      existingPods: pods(['p-a1', 'node-a', foo, 'ns1'], ['p-b1', 'node-a', foo, 'ns2'], ['p-x1', 'node-x', foo], ['p-y1', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Success', 'node-b': 'Success', 'node-x': 'Unschedulable', 'node-y': 'Unschedulable' },
    },
    {
      name: 'existing pods do not match null selector',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', undefined).obj(),
      nodes: fourNodes(),
      existingPods: pods(['p-x1', 'node-x', foo], ['p-y1', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Success', 'node-b': 'Success', 'node-x': 'Success', 'node-y': 'Success' },
    },
    {
      name: 'pods spread across zones as 3/3, all nodes fit',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(),
      existingPods: pods(['p-a1', 'node-a', foo], ['p-a2', 'node-a', foo], ['p-b1', 'node-b', foo], ['p-y1', 'node-y', foo], ['p-y2', 'node-y', foo], ['p-y3', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Success', 'node-b': 'Success', 'node-x': 'Success', 'node-y': 'Success' },
    },
    {
      name: "pods spread across zones as 1/2 due to absence of label 'zone' on node-b",
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      nodes: [
        makeNode().name('node-a').label('zone', 'zone1').label('node', 'node-a').obj(),
        makeNode().name('node-b').label('zon', 'zone1').label('node', 'node-b').obj(),
        makeNode().name('node-x').label('zone', 'zone2').label('node', 'node-x').obj(),
        makeNode().name('node-y').label('zone', 'zone2').label('node', 'node-y').obj(),
      ],
      existingPods: pods(['p-a1', 'node-a', foo], ['p-b1', 'node-b', foo], ['p-x1', 'node-x', foo], ['p-y1', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Success', 'node-b': 'UnschedulableAndUnresolvable', 'node-x': 'Unschedulable', 'node-y': 'Unschedulable' },
    },
    {
      name: "pod cannot be scheduled as all nodes don't have label 'rack'",
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'rack', 'DoNotSchedule', fooSelector).obj(),
      nodes: [
        makeNode().name('node-a').label('zone', 'zone1').label('node', 'node-a').obj(),
        makeNode().name('node-x').label('zone', 'zone2').label('node', 'node-x').obj(),
      ],
      existingPods: [],
      wantStatusCode: { 'node-a': 'UnschedulableAndUnresolvable', 'node-x': 'UnschedulableAndUnresolvable' },
    },
    {
      name: 'pods spread across nodes as 2/1/0/3, only node-x fits',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(),
      existingPods: pods(['p-a1', 'node-a', foo], ['p-a2', 'node-a', foo], ['p-b1', 'node-b', foo], ['p-y1', 'node-y', foo], ['p-y2', 'node-y', foo], ['p-y3', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Unschedulable' },
    },
    {
      name: 'pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit',
      pod: makePod().name('p').label('foo', '').spreadConstraint(2, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(),
      existingPods: pods(['p-a1', 'node-a', foo], ['p-a2', 'node-a', foo], ['p-b1', 'node-b', foo], ['p-y1', 'node-y', foo], ['p-y2', 'node-y', foo], ['p-y3', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Unschedulable', 'node-b': 'Success', 'node-x': 'Success', 'node-y': 'Unschedulable' },
    },
    {
      name: "pods spread across nodes as 2/1/0/3, but pod doesn't match itself",
      pod: makePod().name('p').label('bar', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(),
      existingPods: pods(['p-a1', 'node-a', foo], ['p-a2', 'node-a', foo], ['p-b1', 'node-b', foo], ['p-y1', 'node-y', foo], ['p-y2', 'node-y', foo], ['p-y3', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Unschedulable', 'node-b': 'Success', 'node-x': 'Success', 'node-y': 'Unschedulable' },
    },
    {
      name: 'incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits',
      pod: makePod().name('p').label('foo', '').nodeAffinityIn('node', ['node-a', 'node-y']).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(),
      existingPods: pods(['p-a1', 'node-a', foo], ['p-a2', 'node-a', foo], ['p-b1', 'node-b', foo], ['p-y1', 'node-y', foo], ['p-y2', 'node-y', foo], ['p-y3', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Success', 'node-b': 'Success', 'node-x': 'Success', 'node-y': 'Unschedulable' },
    },
    {
      name: 'terminating Pods should be excluded',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: nodeOnly('node-a', 'node-b'),
      existingPods: [makePod().name('p-a').node('node-a').label('foo', '').terminating().obj(), makePod().name('p-b').node('node-b').label('foo', '').obj()],
      wantStatusCode: { 'node-a': 'Success', 'node-b': 'Unschedulable' },
    },
    {
      name: 'incoming pod has nodeAffinity, pods spread as 0/~2~/0/1, hence node-a fits',
      pod: makePod().name('p').label('foo', '').nodeAffinityNotIn('node', ['node-b']).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(),
      existingPods: pods(['p-b1', 'node-b', foo], ['p-b2', 'node-b', foo], ['p-y1', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Success', 'node-b': 'Success', 'node-x': 'Unschedulable', 'node-y': 'Unschedulable' },
    },
    {
      name: 'pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains < minDomains, then the third node fits',
      pod: makePod().name('p').label('foo', '').spreadConstraint(2, 'node', 'DoNotSchedule', fooSelector, 4).obj(),
      nodes: nodeOnly('node-a', 'node-b', 'node-c'),
      existingPods: pods(['p-a1', 'node-a', foo], ['p-a2', 'node-a', foo], ['p-b1', 'node-b', foo], ['p-b2', 'node-b', foo], ['p-c1', 'node-c', foo]),
      wantStatusCode: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-c': 'Success' },
    },
    {
      name: 'pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains > minDomains, then the all nodes fit',
      pod: makePod().name('p').label('foo', '').spreadConstraint(2, 'node', 'DoNotSchedule', fooSelector, 2).obj(),
      nodes: nodeOnly('node-a', 'node-b', 'node-c'),
      existingPods: pods(['p-a1', 'node-a', foo], ['p-a2', 'node-a', foo], ['p-b1', 'node-b', foo], ['p-b2', 'node-b', foo], ['p-c1', 'node-c', foo]),
      wantStatusCode: { 'node-a': 'Success', 'node-b': 'Success', 'node-c': 'Success' },
    },
    {
      name: 'pods spread across zone as 2/1, maxSkew is 2 and the number of domains < minDomains, then the third and fourth nodes fit',
      pod: makePod().name('p').label('foo', '').spreadConstraint(2, 'zone', 'DoNotSchedule', fooSelector, 3).obj(),
      nodes: fourNodes(),
      existingPods: pods(['p-b1', 'node-a', foo], ['p-b2', 'node-b', foo], ['p-y1', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Success' },
    },
    {
      name: 'pods spread across zone as 2/1, maxSkew is 2 and the number of domains > minDomains, then the all nodes fit',
      pod: makePod().name('p').label('foo', '').spreadConstraint(2, 'zone', 'DoNotSchedule', fooSelector, 1).obj(),
      nodes: fourNodes(),
      existingPods: pods(['p-b1', 'node-a', foo], ['p-b2', 'node-b', foo], ['p-y1', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Success', 'node-b': 'Success', 'node-x': 'Success', 'node-y': 'Success' },
    },
    {
      name: 'NodeAffinityPolicy honored with labelSelectors',
      pod: makePod().name('p').label('foo', '').nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: inclusionNodes(),
      existingPods: pods(['p-b1', 'node-a', foo], ['p-b2', 'node-b', foo], ['p-y1', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Success' },
    },
    {
      name: 'NodeAffinityPolicy ignored with labelSelectors',
      pod: makePod().name('p').label('foo', '').nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, undefined, ignorePolicy).obj(),
      nodes: inclusionNodes(),
      existingPods: pods(['p-b1', 'node-a', foo], ['p-b2', 'node-b', foo], ['p-y1', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Unschedulable' },
    },
    {
      name: 'NodeAffinityPolicy honored with nodeAffinity',
      pod: makePod().name('p').label('foo', '').nodeAffinityIn('foo', ['']).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: inclusionNodes(),
      existingPods: pods(['p-b1', 'node-a', foo], ['p-b2', 'node-b', foo], ['p-y1', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Success' },
    },
    {
      name: 'NodeAffinityPolicy ignored with labelSelectors (row 2)',
      pod: makePod().name('p').label('foo', '').nodeAffinityIn('foo', ['']).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, undefined, ignorePolicy).obj(),
      nodes: inclusionNodes(),
      existingPods: pods(['p-b1', 'node-a', foo], ['p-b2', 'node-b', foo], ['p-y1', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Unschedulable' },
    },
    {
      name: 'NodeTaintsPolicy honored',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, undefined, undefined, honorPolicy).obj(),
      nodes: inclusionNodes(taints),
      existingPods: pods(['p-b1', 'node-a', foo], ['p-b2', 'node-b', foo], ['p-y1', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Success' },
    },
    {
      name: 'NodeTaintsPolicy ignored',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: inclusionNodes(taints),
      existingPods: pods(['p-b1', 'node-a', foo], ['p-b2', 'node-b', foo], ['p-y1', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Unschedulable' },
    },
  ];

  /** node-a, node-b, node-x labelled foo=""; node-y not (and tainted when taints are given). */
  function inclusionNodes(nodeYTaints?: Taint[]): Node[] {
    const nodeY = makeNode().name('node-y').label('node', 'node-y');
    if (nodeYTaints !== undefined) nodeY.taints(nodeYTaints);
    return [
      makeNode().name('node-a').label('node', 'node-a').label('foo', '').obj(),
      makeNode().name('node-b').label('node', 'node-b').label('foo', '').obj(),
      makeNode().name('node-x').label('node', 'node-x').label('foo', '').obj(),
      nodeY.obj(),
    ];
  }

  it.each(cases)('$name', ({ pod, nodes, existingPods, wantStatusCode }) => {
    expectCodes(statusesOf(pod, nodes, existingPods), wantStatusCode);
  });
});

describe('TestMultipleConstraints', () => {
  const zoneAndNode = (p: ReturnType<typeof makePod>) =>
    p.spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector);
  const differentSelectors = () =>
    makePod().name('p').label('foo', '').label('bar', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).spreadConstraint(1, 'node', 'DoNotSchedule', barSelector);
  const fooNodes = (tainted: 'node-y' | 'none', fooOn: string[]) =>
    fourNodes().map((n) => {
      const labels = { ...n.metadata.labels, ...(fooOn.includes(n.metadata.name) ? { foo: '' } : {}) };
      const builder = makeNode().name(n.metadata.name).labels(labels);
      if (tainted === n.metadata.name) builder.taints(taints);
      return builder.obj();
    });

  const cases: FilterCase[] = [
    {
      name: 'two Constraints on zone and node, spreads = [3/3, 2/1/0/3]',
      pod: zoneAndNode(makePod().name('p').label('foo', '')).obj(),
      nodes: fourNodes(),
      existingPods: pods(['p-a1', 'node-a', foo], ['p-a2', 'node-a', foo], ['p-b1', 'node-b', foo], ['p-y1', 'node-y', foo], ['p-y2', 'node-y', foo], ['p-y3', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Unschedulable' },
    },
    {
      name: 'two Constraints on zone and node, spreads = [3/4, 2/1/0/4]',
      pod: zoneAndNode(makePod().name('p').label('foo', '')).obj(),
      nodes: fourNodes(),
      existingPods: pods(['p-a1', 'node-a', foo], ['p-a2', 'node-a', foo], ['p-b1', 'node-b', foo], ['p-y1', 'node-y', foo], ['p-y2', 'node-y', foo], ['p-y3', 'node-y', foo], ['p-y4', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Unschedulable', 'node-y': 'Unschedulable' },
    },
    {
      name: 'Constraints hold different labelSelectors, spreads = [1/0, 1/0/0/1]',
      pod: differentSelectors().obj(),
      nodes: fourNodes(),
      existingPods: pods(['p-a1', 'node-a', foo], ['p-y1', 'node-y', { bar: '' }]),
      wantStatusCode: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Unschedulable' },
    },
    {
      name: 'Constraints hold different labelSelectors, spreads = [1/0, 0/0/1/1]',
      pod: differentSelectors().obj(),
      nodes: fourNodes(),
      existingPods: pods(['p-a1', 'node-a', foo], ['p-x1', 'node-x', { bar: '' }], ['p-y1', 'node-y', { bar: '' }]),
      wantStatusCode: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Unschedulable', 'node-y': 'Unschedulable' },
    },
    {
      name: 'Constraints hold different labelSelectors, spreads = [2/3, 1/0/0/1]',
      pod: differentSelectors().obj(),
      nodes: fourNodes(),
      existingPods: pods(['p-a1', 'node-a', foo], ['p-a2', 'node-a', { foo: '', bar: '' }], ['p-y1', 'node-y', foo], ['p-y2', 'node-y', { foo: '', bar: '' }], ['p-y3', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Unschedulable', 'node-b': 'Success', 'node-x': 'Unschedulable', 'node-y': 'Unschedulable' },
    },
    {
      name: "Constraints hold different labelSelectors but pod doesn't match itself on 'zone' constraint",
      pod: makePod().name('p').label('bar', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).spreadConstraint(1, 'node', 'DoNotSchedule', barSelector).obj(),
      nodes: fourNodes(),
      existingPods: pods(['p-a1', 'node-a', foo], ['p-x1', 'node-x', { bar: '' }], ['p-y1', 'node-y', { bar: '' }]),
      wantStatusCode: { 'node-a': 'Success', 'node-b': 'Success', 'node-x': 'Unschedulable', 'node-y': 'Unschedulable' },
    },
    {
      name: "two Constraints on zone and node, absence of label 'node' on node-x, spreads = [1/1, 1/0/0/1]",
      pod: zoneAndNode(makePod().name('p').label('foo', '')).obj(),
      nodes: fourNodes().map((n) => (n.metadata.name === 'node-x' ? makeNode().name('node-x').label('zone', 'zone2').obj() : n)),
      existingPods: pods(['p-a1', 'node-a', foo], ['p-y3', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Unschedulable', 'node-b': 'Success', 'node-x': 'UnschedulableAndUnresolvable', 'node-y': 'Unschedulable' },
    },
    {
      name: 'two node inclusion Constraints, zone: honor/ignore, node: ignore/ignore',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .nodeSelector({ foo: '' })
        .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
        .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, undefined, ignorePolicy)
        .obj(),
      nodes: fooNodes('none', ['node-a', 'node-b', 'node-x']),
      existingPods: pods(['p-a1', 'node-a', foo], ['p-b1', 'node-b', foo], ['p-y1', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Unschedulable' },
    },
    {
      name: 'two node inclusion Constraints, zone: honor/honor, node: honor/ignore',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, undefined, undefined, honorPolicy)
        .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector)
        .obj(),
      nodes: fooNodes('node-y', ['node-a', 'node-b', 'node-x']),
      existingPods: pods(['p-a1', 'node-a', foo], ['p-b1', 'node-b', foo], ['p-y1', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Unschedulable' },
    },
    {
      name: 'two node inclusion Constraints, zone: honor/ignore, node: honor/ignore',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .nodeSelector({ foo: '' })
        .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
        .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector)
        .obj(),
      nodes: fooNodes('node-y', ['node-a', 'node-x', 'node-y']),
      existingPods: pods(['p-a1', 'node-a', foo], ['p-b1', 'node-b', foo], ['p-y1', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Unschedulable', 'node-b': 'Success', 'node-x': 'Success', 'node-y': 'Unschedulable' },
    },
    {
      name: 'two node inclusion Constraints, zone: honor/honor, node: ignore/ignore',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .nodeSelector({ foo: '' })
        .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, undefined, undefined, honorPolicy)
        .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, undefined, ignorePolicy)
        .obj(),
      nodes: fooNodes('node-y', ['node-a', 'node-x', 'node-y']),
      existingPods: pods(['p-a1', 'node-a', foo], ['p-b1', 'node-b', foo], ['p-y1', 'node-y', foo]),
      wantStatusCode: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Unschedulable' },
    },
  ];

  it.each(cases)('$name', ({ pod, nodes, existingPods, wantStatusCode }) => {
    expectCodes(statusesOf(pod, nodes, existingPods), wantStatusCode);
  });
});

/** Per constraint (in the pod's order), topology value -> matching pods; upstream's TpPairToMatchNum. */
type MatchNums = Record<string, number>[];

function matchNumsOf(state: PodTopologySpreadState): MatchNums {
  return state.constraints.map((c) => Object.fromEntries([...c.matchNum].sort(([a], [b]) => a.localeCompare(b))));
}

describe('TestPreFilterState', () => {
  const threeNodes = (nodeCTaints?: Taint[]) => {
    const nodeC = makeNode().name('node-c').label('node', 'node-c').label('bar', '');
    if (nodeCTaints !== undefined) nodeC.taints(nodeCTaints);
    return [makeNode().name('node-a').label('node', 'node-a').label('foo', '').obj(), makeNode().name('node-b').label('node', 'node-b').label('foo', '').obj(), nodeC.obj()];
  };
  const threeNodesPlain = (nodeCTaints: Taint[]) => {
    const nodeC = makeNode().name('node-c').label('node', 'node-c').taints(nodeCTaints).label('bar', '');
    return [makeNode().name('node-a').label('node', 'node-a').obj(), makeNode().name('node-b').label('node', 'node-b').obj(), nodeC.obj()];
  };
  const barPods = pods(['p-a', 'node-a', { bar: '' }], ['p-b', 'node-b', { bar: '' }], ['p-c', 'node-b', { bar: '' }], ['p-d', 'node-c', {}]);
  const fiveFoo = pods(['p-a1', 'node-a', foo], ['p-a2', 'node-a', foo], ['p-b1', 'node-b', foo], ['p-y1', 'node-y', foo], ['p-y2', 'node-y', foo]);
  const fiveFooA = pods(['p-a1', 'node-a', { foo: 'a' }], ['p-a2', 'node-a', { foo: 'a' }], ['p-b1', 'node-b', { foo: 'a' }], ['p-y1', 'node-y', { foo: 'a' }], ['p-y2', 'node-y', { foo: 'a' }]);
  const sevenFoo = [...fiveFoo, ...pods(['p-y3', 'node-y', foo], ['p-y4', 'node-y', foo])];

  const cases: { name: string; pod: Pod; nodes: Node[]; existingPods: Pod[]; want: MatchNums | null }[] = [
    {
      name: 'clean cluster with one spreadConstraint',
      pod: makePod().name('p').label('foo', '').spreadConstraint(5, 'zone', 'DoNotSchedule', makeLabelSelector().label('foo', 'bar').obj()).obj(),
      nodes: fourNodes(),
      existingPods: [],
      want: [{ zone1: 0, zone2: 0 }],
    },
    {
      name: 'normal case with one spreadConstraint',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(),
      existingPods: fiveFoo,
      want: [{ zone1: 3, zone2: 2 }],
    },
    {
      name: 'normal case with null label selector',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', undefined).obj(),
      nodes: fourNodes(),
      existingPods: fiveFoo,
      want: [{ zone1: 0, zone2: 0 }],
    },
    {
      name: 'normal case with one spreadConstraint, on a 3-zone cluster',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      nodes: [...fourNodes(), makeNode().name('node-o').label('zone', 'zone3').label('node', 'node-o').obj(), makeNode().name('node-p').label('zone', 'zone3').label('node', 'node-p').obj()],
      existingPods: fiveFoo,
      want: [{ zone1: 3, zone2: 2, zone3: 0 }],
    },
    {
      name: "namespace mismatch doesn't count",
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(),
      existingPods: pods(['p-a1', 'node-a', foo], ['p-a2', 'node-a', foo, 'ns1'], ['p-b1', 'node-b', foo], ['p-y1', 'node-y', foo, 'ns2'], ['p-y2', 'node-y', foo]),
      want: [{ zone1: 2, zone2: 1 }],
    },
    {
      name: 'normal case with two spreadConstraints',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(),
      existingPods: sevenFoo,
      want: [{ zone1: 3, zone2: 4 }, { 'node-a': 2, 'node-b': 1, 'node-x': 0, 'node-y': 4 }],
    },
    {
      name: 'soft spreadConstraints should be bypassed',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
        .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
        .spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector)
        .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector)
        .obj(),
      nodes: fourNodes().filter((n) => n.metadata.name !== 'node-x'),
      existingPods: sevenFoo,
      want: [{ zone1: 3, zone2: 4 }, { 'node-a': 2, 'node-b': 1, 'node-y': 4 }],
    },
    {
      name: 'different labelSelectors - simple version',
      pod: makePod().name('p').label('foo', '').label('bar', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).spreadConstraint(1, 'node', 'DoNotSchedule', barSelector).obj(),
      nodes: fourNodes().filter((n) => n.metadata.name !== 'node-x'),
      existingPods: pods(['p-a', 'node-a', foo], ['p-b', 'node-b', { bar: '' }]),
      want: [{ zone1: 1, zone2: 0 }, { 'node-a': 0, 'node-b': 1, 'node-y': 0 }],
    },
    {
      name: 'different labelSelectors - complex pods',
      pod: makePod().name('p').label('foo', '').label('bar', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).spreadConstraint(1, 'node', 'DoNotSchedule', barSelector).obj(),
      nodes: fourNodes().filter((n) => n.metadata.name !== 'node-x'),
      existingPods: pods(
        ['p-a1', 'node-a', foo],
        ['p-a2', 'node-a', { foo: '', bar: '' }],
        ['p-b1', 'node-b', foo],
        ['p-y1', 'node-y', foo],
        ['p-y2', 'node-y', { foo: '', bar: '' }],
        ['p-y3', 'node-y', foo],
        ['p-y4', 'node-y', { foo: '', bar: '' }],
      ),
      want: [{ zone1: 3, zone2: 4 }, { 'node-a': 1, 'node-b': 0, 'node-y': 2 }],
    },
    {
      name: 'two spreadConstraints, and with podAffinity',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .nodeAffinityNotIn('node', ['node-x'])
        .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
        .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector)
        .obj(),
      nodes: fourNodes(),
      existingPods: sevenFoo,
      want: [{ zone1: 3, zone2: 4 }, { 'node-a': 2, 'node-b': 1, 'node-y': 4 }],
    },
    {
      name: 'NodeAffinityPolicy honored with labelSelectors',
      pod: makePod().name('p').label('foo', '').nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', barSelector).obj(),
      nodes: threeNodes(),
      existingPods: barPods,
      want: [{ 'node-a': 1, 'node-b': 2 }],
    },
    {
      name: 'NodeAffinityPolicy ignored with labelSelectors',
      pod: makePod().name('p').label('foo', '').nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', barSelector, undefined, ignorePolicy).obj(),
      nodes: threeNodes(),
      existingPods: barPods,
      want: [{ 'node-a': 1, 'node-b': 2, 'node-c': 0 }],
    },
    {
      name: 'NodeAffinityPolicy honored with nodeAffinity',
      pod: makePod().name('p').label('foo', '').nodeAffinityIn('foo', ['']).spreadConstraint(1, 'node', 'DoNotSchedule', barSelector).obj(),
      nodes: threeNodes(),
      existingPods: barPods,
      want: [{ 'node-a': 1, 'node-b': 2 }],
    },
    {
      name: 'NodeAffinityPolicy ignored with nodeAffinity',
      pod: makePod().name('p').label('foo', '').nodeAffinityIn('foo', ['']).spreadConstraint(1, 'node', 'DoNotSchedule', barSelector, undefined, ignorePolicy).obj(),
      nodes: threeNodes(),
      existingPods: barPods,
      want: [{ 'node-a': 1, 'node-b': 2, 'node-c': 0 }],
    },
    {
      name: 'NodeTaintsPolicy ignored',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', barSelector).obj(),
      nodes: threeNodesPlain(taints),
      existingPods: barPods,
      want: [{ 'node-a': 1, 'node-b': 2, 'node-c': 0 }],
    },
    {
      name: 'NodeTaintsPolicy honored',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', barSelector, undefined, undefined, honorPolicy).obj(),
      nodes: threeNodesPlain(taints),
      existingPods: barPods,
      want: [{ 'node-a': 1, 'node-b': 2 }],
    },
    {
      name: 'NodeTaintsPolicy honored with tolerated taints',
      pod: makePod()
        .name('p')
        .label('foo', '')
        .toleration('node.kubernetes.io/unschedulable')
        .spreadConstraint(1, 'node', 'DoNotSchedule', barSelector, undefined, undefined, honorPolicy)
        .obj(),
      nodes: threeNodesPlain(taints),
      existingPods: barPods,
      want: [{ 'node-a': 1, 'node-b': 2, 'node-c': 0 }],
    },
    {
      name: 'matchLabelKeys ANDed with LabelSelector when LabelSelector isn\'t empty',
      pod: makePod().name('p').label('foo', '').label('bar', 'a').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, undefined, undefined, undefined, ['bar']).obj(),
      nodes: fourNodes(),
      existingPods: pods(['p-a1', 'node-a', foo], ['p-a2', 'node-a', { foo: '', bar: 'a' }], ['p-b1', 'node-b', foo], ['p-y1', 'node-y', { foo: '', bar: 'a' }], ['p-y2', 'node-y', { bar: '' }]),
      want: [{ zone1: 1, zone2: 1 }],
    },
    {
      name: 'matchLabelKeys ANDed with LabelSelector when LabelSelector is empty',
      pod: makePod().name('p').label('foo', 'a').spreadConstraint(1, 'zone', 'DoNotSchedule', makeLabelSelector().obj(), undefined, undefined, undefined, ['foo']).obj(),
      nodes: fourNodes(),
      existingPods: fiveFooA,
      want: [{ zone1: 3, zone2: 2 }],
    },
    {
      name: 'key in matchLabelKeys is ignored when LabelSelector is nil when feature gate enabled',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', undefined, undefined, undefined, undefined, ['bar']).obj(),
      nodes: fourNodes(),
      existingPods: fiveFooA,
      want: [{ zone1: 0, zone2: 0 }],
    },
    {
      name: 'no pod is matched when LabelSelector is nil when feature gate disabled',
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', undefined, undefined, undefined, undefined, ['bar']).obj(),
      nodes: fourNodes(),
      existingPods: fiveFooA,
      want: [{ zone1: 0, zone2: 0 }],
    },
    {
      name: "key in matchLabelKeys is ignored when it isn't exist in pod.labels",
      pod: makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, undefined, undefined, undefined, ['bar']).obj(),
      nodes: fourNodes(),
      existingPods: fiveFooA,
      want: [{ zone1: 3, zone2: 2 }],
    },
    {
      name: 'skip if not specified',
      pod: makePod().name('p').label('foo', '').obj(),
      nodes: [makeNode().name('node-a').label('zone', 'zone1').label('node', 'node-a').obj()],
      existingPods: [],
      want: null,
    },
  ];

  it.each(cases)('$name', ({ pod, nodes, existingPods, want }) => {
    const state = prefilterPodTopologySpread(pod, nodes, groupPodsByNode(nodes, existingPods));
    expect(state === null ? null : matchNumsOf(state)).toEqual(want);
  });
});

describe('TestPreFilterStateAddPod', () => {
  const node = (name: string, zone: string, extra: Record<string, string> = {}) => makeNode().name(name).label('zone', zone).label('node', name).labels(extra).obj();
  const nodeFoo = () => makePod().name('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector);
  const zoneNodeFoo = () =>
    makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector);
  const zoneFooNodeBar = () =>
    makePod().name('p').label('foo', '').label('bar', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).spreadConstraint(1, 'node', 'DoNotSchedule', barSelector);
  const zoneFoo = () => makePod().name('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector);
  const abx = () => [node('node-a', 'zone1'), node('node-b', 'zone1'), node('node-x', 'zone2')];
  const affinityNodes = () => [node('node-a', 'zone1', { foo: 'bar' }), node('node-b', 'zone2', { foo: '' })];

  const cases: { name: string; preemptor: Pod; addedPod: Pod; existingPods: Pod[]; nodeIdx: number; nodes: Node[]; want: MatchNums }[] = [
    {
      name: 'node a and b both impact current min match',
      preemptor: nodeFoo().obj(),
      addedPod: pods(['p-a1', 'node-a', foo])[0]!,
      existingPods: [],
      nodeIdx: 0,
      nodes: [node('node-a', 'zone1'), node('node-b', 'zone1')],
      want: [{ 'node-a': 1, 'node-b': 0 }],
    },
    {
      name: 'only node a impacts current min match',
      preemptor: nodeFoo().obj(),
      addedPod: pods(['p-a1', 'node-a', foo])[0]!,
      existingPods: pods(['p-b1', 'node-b', foo]),
      nodeIdx: 0,
      nodes: [node('node-a', 'zone1'), node('node-b', 'zone1')],
      want: [{ 'node-a': 1, 'node-b': 1 }],
    },
    {
      name: "add a pod in a different namespace doesn't change topologyKeyToMinPodsMap",
      preemptor: nodeFoo().obj(),
      addedPod: pods(['p-a1', 'node-a', foo, 'ns1'])[0]!,
      existingPods: pods(['p-b1', 'node-b', foo]),
      nodeIdx: 0,
      nodes: [node('node-a', 'zone1'), node('node-b', 'zone1')],
      want: [{ 'node-a': 0, 'node-b': 1 }],
    },
    {
      name: "add pod on non-critical node won't trigger re-calculation",
      preemptor: nodeFoo().obj(),
      addedPod: pods(['p-b2', 'node-b', foo])[0]!,
      existingPods: pods(['p-b1', 'node-b', foo]),
      nodeIdx: 1,
      nodes: [node('node-a', 'zone1'), node('node-b', 'zone1')],
      want: [{ 'node-a': 0, 'node-b': 2 }],
    },
    {
      name: 'node a and x both impact topologyKeyToMinPodsMap on zone and node',
      preemptor: zoneNodeFoo().obj(),
      addedPod: pods(['p-a1', 'node-a', foo])[0]!,
      existingPods: [],
      nodeIdx: 0,
      nodes: [node('node-a', 'zone1'), node('node-x', 'zone2')],
      want: [{ zone1: 1, zone2: 0 }, { 'node-a': 1, 'node-x': 0 }],
    },
    {
      name: 'only node a impacts topologyKeyToMinPodsMap on zone and node',
      preemptor: zoneNodeFoo().obj(),
      addedPod: pods(['p-a1', 'node-a', foo])[0]!,
      existingPods: pods(['p-x1', 'node-x', foo]),
      nodeIdx: 0,
      nodes: [node('node-a', 'zone1'), node('node-x', 'zone2')],
      want: [{ zone1: 1, zone2: 1 }, { 'node-a': 1, 'node-x': 1 }],
    },
    {
      name: 'node a impacts topologyKeyToMinPodsMap on node, node x impacts topologyKeyToMinPodsMap on zone',
      preemptor: zoneNodeFoo().obj(),
      addedPod: pods(['p-a1', 'node-a', foo])[0]!,
      existingPods: pods(['p-b1', 'node-b', foo], ['p-b2', 'node-b', foo], ['p-x1', 'node-x', foo]),
      nodeIdx: 0,
      nodes: abx(),
      want: [{ zone1: 3, zone2: 1 }, { 'node-a': 1, 'node-b': 2, 'node-x': 1 }],
    },
    {
      name: 'Constraints hold different labelSelectors, node a impacts topologyKeyToMinPodsMap on zone',
      preemptor: zoneFooNodeBar().obj(),
      addedPod: pods(['p-a1', 'node-a', foo])[0]!,
      existingPods: pods(['p-b1', 'node-b', { foo: '', bar: '' }], ['p-x1', 'node-x', { foo: '', bar: '' }], ['p-x2', 'node-x', { bar: '' }]),
      nodeIdx: 0,
      nodes: abx(),
      want: [{ zone1: 2, zone2: 1 }, { 'node-a': 0, 'node-b': 1, 'node-x': 2 }],
    },
    {
      name: 'Constraints hold different labelSelectors, node a impacts topologyKeyToMinPodsMap on both zone and node',
      preemptor: zoneFooNodeBar().obj(),
      addedPod: pods(['p-a1', 'node-a', { foo: '', bar: '' }])[0]!,
      existingPods: pods(['p-b1', 'node-b', { bar: '' }], ['p-x1', 'node-x', { foo: '', bar: '' }], ['p-x2', 'node-x', { bar: '' }]),
      nodeIdx: 0,
      nodes: abx(),
      want: [{ zone1: 1, zone2: 1 }, { 'node-a': 1, 'node-b': 1, 'node-x': 2 }],
    },
    {
      name: 'add a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy enabled',
      preemptor: zoneFoo().nodeAffinityNotIn('foo', ['bar']).obj(),
      addedPod: pods(['p-a1', 'node-a', { foo: '', zone: 'zone1' }])[0]!,
      existingPods: pods(['p-a2', 'node-a', { foo: '', zone: 'zone1' }], ['p-b1', 'node-b', { foo: '', zone: 'zone2' }]),
      nodeIdx: 0,
      nodes: affinityNodes(),
      want: [{ zone2: 1 }],
    },
    {
      name: 'add a pod when scheduling node affinity matched pod with NodeInclusionPolicy enabled',
      preemptor: zoneFoo().obj(),
      addedPod: pods(['p-b1', 'node-b', { foo: '', zone: 'zone2' }])[0]!,
      existingPods: pods(['p-a1', 'node-a', { foo: '', zone: 'zone1' }], ['p-b2', 'node-b', { foo: '', zone: 'zone2' }]),
      nodeIdx: 1,
      nodes: affinityNodes(),
      want: [{ zone1: 1, zone2: 2 }],
    },
  ];

  it.each(cases)('$name', ({ preemptor, addedPod, existingPods, nodeIdx, nodes, want }) => {
    const state = prefilterPodTopologySpread(preemptor, nodes, groupPodsByNode(nodes, existingPods))!;
    addPodPodTopologySpread(state, addedPod, nodeIdx);
    expect(matchNumsOf(state)).toEqual(want);
    const fresh = prefilterPodTopologySpread(preemptor, nodes, groupPodsByNode(nodes, [...existingPods, addedPod]))!;
    expect(state.constraints.map((c) => c.minMatchNum)).toEqual(fresh.constraints.map((c) => c.minMatchNum));
  });

  it('remove a pod when scheduling node affinity matched pod with NodeInclusionPolicy enabled (TestPreFilterStateRemovePod)', () => {
    const nodes = affinityNodes();
    const existing = pods(['p-a1', 'node-a', { foo: '', zone: 'zone1' }], ['p-b2', 'node-b', { foo: '', zone: 'zone2' }]);
    const state = prefilterPodTopologySpread(zoneFoo().obj(), nodes, groupPodsByNode(nodes, existing))!;
    removePodPodTopologySpread(state, pods(['p-b1', 'node-b', { foo: '', zone: 'zone2' }])[0]!, 1);
    expect(matchNumsOf(state)).toEqual([{ zone1: 1, zone2: 0 }]);
    expect(state.constraints[0]!.minMatchNum).toBe(0);
  });
});

describe('PodTopologySpread in podfit', () => {
  it('warns about ScheduleAnyway constraints, which only score, and filters nothing for them', () => {
    const pod = makePod().label('foo', '').spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector).obj();
    const nodes = fourNodes();
    const state = prefilterPodTopologySpread(pod, nodes, groupPodsByNode(nodes, pods(['p-a1', 'node-a', foo], ['p-a2', 'node-a', foo])));
    expect(state!.warnings.map((w) => [w.code, w.path])).toEqual([['score-not-modeled', 'topologySpreadConstraints[0]']]);
    expect(nodes.map((_, i) => filterPodTopologySpread(state!, i))).toEqual(nodes.map(() => SUCCESS));
  });

  it('keeps the ScheduleAnyway warning beside the DoNotSchedule verdicts', () => {
    const pod = makePod()
      .label('foo', '')
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
      .obj();
    const nodes = fourNodes();
    const state = prefilterPodTopologySpread(pod, nodes, groupPodsByNode(nodes, pods(['p-a1', 'node-a', foo])))!;
    expect(state.warnings.map((w) => w.path)).toEqual(['topologySpreadConstraints[1]']);
    expect(state.constraints.map((c) => c.topologyKey)).toEqual(['node']);
    expect(filterPodTopologySpread(state, 0).code).toBe('Unschedulable');
  });

  it('fails PreFilter on an invalid selector, for every node', () => {
    const pod = makePod().spreadConstraint(1, 'zone', 'DoNotSchedule', { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] }).obj();
    const nodes = fourNodes();
    const state = prefilterPodTopologySpread(pod, nodes, groupPodsByNode(nodes, []))!;
    const message =
      "obtaining pod's hard topology spread constraints: values: Invalid value: []string{\"x\"}: values set must be empty for exists and does not exist";
    expect(state.rejection).toEqual({ code: 'UnschedulableAndUnresolvable', reasons: [message] });
    expect(filterPodTopologySpread(state, 3)).toEqual(state.rejection);
  });

  it('counts no pod for an empty labelSelector, though the pod still matches it (common.go, countPodsMatchSelector)', () => {
    const pod = makePod().label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', makeLabelSelector().obj()).obj();
    const nodes = fourNodes();
    const state = prefilterPodTopologySpread(pod, nodes, groupPodsByNode(nodes, pods(['p-a1', 'node-a', foo], ['p-a2', 'node-a', foo])))!;
    expect(matchNumsOf(state)).toEqual([{ 'node-a': 0, 'node-b': 0, 'node-x': 0, 'node-y': 0 }]);
    expect(state.constraints[0]!.selfMatch).toBe(true);
    expect(nodes.map((_, i) => filterPodTopologySpread(state, i))).toEqual(nodes.map(() => SUCCESS));
  });

  it('does not count nodes whose node affinity term does not parse, under the default Honor policy', () => {
    const pod = makePod().label('foo', '').nodeAffinityIn('node', ['bad value']).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj();
    const nodes = fourNodes();
    const state = prefilterPodTopologySpread(pod, nodes, groupPodsByNode(nodes, pods(['p-a1', 'node-a', foo])))!;
    expect(matchNumsOf(state)).toEqual([{}]);
  });
});

// Small clusters: zones z1/z2/z3 (or none), pods labelled app=a|b in namespaces default|other.
const zoneArb = fc.constantFrom('z1', 'z2', 'z3', undefined);
const boundArb = fc.record({ app: fc.constantFrom('a', 'b'), namespace: fc.constantFrom('default', 'other'), node: fc.nat() });
const constraintArb = fc.record({
  maxSkew: fc.integer({ min: 1, max: 3 }),
  topologyKey: fc.constantFrom('zone', 'hostname'),
  app: fc.constantFrom('a', 'b'),
  minDomains: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
});
const clusterArb = fc.record({
  zones: fc.array(zoneArb, { minLength: 1, maxLength: 6 }),
  bound: fc.array(boundArb, { maxLength: 12 }),
  constraints: fc.array(constraintArb, { minLength: 1, maxLength: 2 }),
  app: fc.constantFrom('a', 'b'),
});
type Cluster = { zones: (string | undefined)[]; bound: { app: string; namespace: string; node: number }[]; constraints: { maxSkew: number; topologyKey: string; app: string; minDomains: number | undefined }[]; app: string };

function buildCluster(c: Cluster): { pod: Pod; nodes: Node[]; bound: Pod[] } {
  const nodes = c.zones.map((zone, i) => {
    const builder = makeNode().name(`n${i}`).label('hostname', `n${i}`);
    return (zone === undefined ? builder : builder.label('zone', zone)).obj();
  });
  const bound = c.bound.map((b, i) => makePod().name(`b${i}`).namespace(b.namespace).label('app', b.app).node(`n${b.node % nodes.length}`).obj());
  let builder = makePod().namespace('default').label('app', c.app);
  for (const k of c.constraints) builder = builder.spreadConstraint(k.maxSkew, k.topologyKey, 'DoNotSchedule', makeLabelSelector().label('app', k.app).obj(), k.minDomains);
  return { pod: builder.obj(), nodes, bound };
}

describe('PodTopologySpread properties', () => {
  it('a pod without topology spread constraints gets a null state', () => {
    fc.assert(
      fc.property(clusterArb, (c) => {
        const { nodes, bound } = buildCluster(c);
        expect(prefilterPodTopologySpread(makePod().label('app', c.app).obj(), nodes, groupPodsByNode(nodes, bound))).toBeNull();
      }),
    );
  });

  it('agrees with the skew rule computed node by node', () => {
    fc.assert(
      fc.property(clusterArb, (c) => {
        const { pod, nodes, bound } = buildCluster(c);
        const state = prefilterPodTopologySpread(pod, nodes, groupPodsByNode(nodes, bound))!;
        nodes.forEach((node, i) => {
          const expected = c.constraints.every((k) => node.metadata.labels![k.topologyKey] !== undefined)
            ? c.constraints.every((k) => {
                // Only nodes carrying every constraint's key hold domains; pods count in the pod's namespace.
                const eligible = nodes.filter((n) => c.constraints.every((kk) => n.metadata.labels![kk.topologyKey] !== undefined));
                const domains = new Map<string, number>();
                for (const n of eligible) domains.set(n.metadata.labels![k.topologyKey]!, 0);
                bound.forEach((b, j) => {
                  const host = nodes.find((n) => n.metadata.name === b.spec.nodeName)!;
                  if (!eligible.includes(host) || c.bound[j]!.namespace !== 'default' || c.bound[j]!.app !== k.app) return;
                  const domain = host.metadata.labels![k.topologyKey]!;
                  domains.set(domain, domains.get(domain)! + 1);
                });
                const min = domains.size < (k.minDomains ?? 1) ? 0 : Math.min(...domains.values());
                const own = domains.get(node.metadata.labels![k.topologyKey]!) ?? 0;
                return own + (k.app === c.app ? 1 : 0) - min <= k.maxSkew;
              })
              ? 'Success'
              : 'Unschedulable'
            : 'UnschedulableAndUnresolvable';
          expect(filterPodTopologySpread(state, i).code).toBe(expected);
        });
      }),
    );
  });

  it('AddPod, one replica after another, gives the state PreFilter computes with them bound', () => {
    fc.assert(
      fc.property(clusterArb, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (c, placements) => {
        const { pod, nodes, bound } = buildCluster(c);
        const state = prefilterPodTopologySpread(pod, nodes, groupPodsByNode(nodes, bound))!;
        const placed: Pod[] = [];
        for (const [k, where] of placements.entries()) {
          const nodeIndex = where % nodes.length;
          const replica = makePod().name(`r${k}`).namespace('default').label('app', c.app).node(`n${nodeIndex}`).obj();
          addPodPodTopologySpread(state, replica, nodeIndex);
          placed.push(replica);
        }
        const fresh = prefilterPodTopologySpread(pod, nodes, groupPodsByNode(nodes, [...bound, ...placed]))!;
        expect(matchNumsOf(state)).toEqual(matchNumsOf(fresh));
        expect(state.constraints.map((k) => k.minMatchNum)).toEqual(fresh.constraints.map((k) => k.minMatchNum));
        expect(nodes.map((_, i) => filterPodTopologySpread(state, i))).toEqual(nodes.map((_, i) => filterPodTopologySpread(fresh, i)));
      }),
    );
  });
});
