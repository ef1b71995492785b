// Cases from TestRequiredAffinitySingleNode, TestRequiredAffinityMultipleNodes,
// TestGetTPMapMatchingIncomingAffinityAntiAffinity and TestPreFilterStateAddRemovePod,
// pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go (kubernetes/kubernetes master).
// Upstream's nil Status is SUCCESS and its PreFilter Skip is a null state.
import fc from 'fast-check';
import { type Node, type Pod, type PodAffinityTerm } from '../api/core-v1';
import { SUCCESS, type Status, unresolvable, unschedulable } from '../framework/status';
import {
  addPodInterPodAffinity,
  ERR_REASON_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
  filterInterPodAffinity,
  type InterPodAffinityOptions,
  type InterPodAffinityState,
  prefilterInterPodAffinity,
  removePodInterPodAffinity,
  type TopologyCounts,
} from './inter-pod-affinity';
import { type Labels } from './label-selector';
import { groupPodsByNode, makeLabelSelector, makeNode, makePod } from './testing/pod-affinity-builders';

const AFFINITY = unresolvable(ERR_REASON_AFFINITY_RULES_NOT_MATCH);
const ANTI = unschedulable(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
const EXISTING = unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);
const SKIP = 'skip' as const;

/** createPodWithAffinityTerms from filtering_test.go. */
function createPodWithAffinityTerms(
  namespace: string,
  nodeName: string,
  labels: Labels,
  affinity: PodAffinityTerm[],
  antiAffinity: PodAffinityTerm[],
): Pod {
  let builder = makePod().namespace(namespace).labels(labels);
  if (nodeName !== '') builder = builder.node(nodeName);
  for (const term of affinity) builder = builder.term('podAffinity', term);
  for (const term of antiAffinity) builder = builder.term('podAntiAffinity', term);
  return builder.obj();
}

/** The namespaces of scoring_test.go, given to the plugin's namespace lister. */
const NAMESPACE_LABELS: ReadonlyMap<string, Labels> = new Map([
  ['subteam1.team1', { team: 'team1' }],
  ['subteam2.team1', { team: 'team1' }],
  ['subteam1.team2', { team: 'team2' }],
  ['subteam2.team2', { team: 'team2' }],
]);

function run(
  pod: Pod,
  pods: Pod[],
  nodes: Node[],
  options?: InterPodAffinityOptions,
): { state: InterPodAffinityState | null; statuses: Status[] | typeof SKIP } {
  const state = prefilterInterPodAffinity(pod, nodes, groupPodsByNode(nodes, pods), options);
  if (state === null) return { state, statuses: SKIP };
  return { state, statuses: nodes.map((_, i) => filterInterPodAffinity(state, i)) };
}

function countsOf(counts: TopologyCounts): [string, string, number][] {
  const list: [string, string, number][] = [];
  for (const [key, values] of counts) for (const [value, count] of values) list.push([key, value, count]);
  return list.sort((a, b) => (a[0] + '=' + a[1]).localeCompare(b[0] + '=' + b[1]));
}

describe('TestRequiredAffinitySingleNode', () => {
  const podLabel = { service: 'securityscan' };
  const pod = makePod().labels(podLabel).node('node1').obj();
  const podLabel2 = { security: 'S1' };
  const node1 = makeNode().name('node1').labels({ region: 'r1', zone: 'z11' }).obj();
  const serviceIn = (values: string[]) => makeLabelSelector().in('service', values).obj();
  const badValue =
    'parsing pod: requiredAffinityTerms: values[0][service]: Invalid value: "{{.bad-value.}}": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')';

  const cases: { name: string; pod: Pod; pods: Pod[]; want: Status | typeof SKIP; wantRejection?: string }[] = [
    {
      name: 'A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods',
      pod: makePod().obj(),
      pods: [],
      want: SKIP,
    },
    {
      name: 'satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod',
      pod: makePod().namespace('').labels(podLabel2).podAffinityIn('service', 'region', ['securityscan', 'value2']).obj(),
      pods: [pod],
      want: SUCCESS,
    },
    {
      name: 'satisfies the pod with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using not in operator in labelSelector that matches the existing pod',
      pod: makePod().namespace('').labels(podLabel2).podAffinityNotIn('service', 'region', ['securityscan3', 'value3']).obj(),
      pods: [pod],
      want: SUCCESS,
    },
    {
      name: 'Does not satisfy the PodAffinity with labelSelector because of diff Namespace',
      pod: createPodWithAffinityTerms('', '', podLabel2, [{ labelSelector: serviceIn(['securityscan', 'value2']), namespaces: ['DiffNameSpace'], topologyKey: '' }], []),
      pods: [makePod().namespace('ns').label('service', 'securityscan').node('node1').obj()],
      want: AFFINITY,
    },
    {
      name: "Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod",
      pod: makePod().namespace('').labels(podLabel).podAffinityIn('service', '', ['antivirusscan', 'value2']).obj(),
      pods: [pod],
      want: AFFINITY,
    },
    {
      name: 'satisfies the PodAffinity with different label Operators in multiple RequiredDuringSchedulingIgnoredDuringExecution ',
      pod: createPodWithAffinityTerms(
        '',
        '',
        podLabel2,
        [
          { labelSelector: makeLabelSelector().exists('service').notExist('wrongkey').obj(), topologyKey: 'region' },
          { labelSelector: makeLabelSelector().in('service', ['securityscan']).notIn('service', ['WrongValue']).obj(), topologyKey: 'region' },
        ],
        [],
      ),
      pods: [pod],
      want: SUCCESS,
    },
    {
      name: "The labelSelector requirements(items of matchExpressions) are ANDed, the pod cannot schedule onto the node because one of the matchExpression item don't match.",
      pod: createPodWithAffinityTerms(
        '',
        '',
        podLabel2,
        [
          { labelSelector: makeLabelSelector().exists('service').notExist('wrongkey').obj(), topologyKey: 'region' },
          { labelSelector: makeLabelSelector().in('service', ['securityscan2']).notIn('service', ['WrongValue']).obj(), topologyKey: 'region' },
        ],
        [],
      ),
      pods: [pod],
      want: AFFINITY,
    },
    {
      name: 'satisfies the PodAffinity and PodAntiAffinity with the existing pod',
      pod: makePod()
        .namespace('')
        .labels(podLabel2)
        .podAffinityIn('service', 'region', ['securityscan', 'value2'])
        .podAntiAffinityIn('service', 'node', ['antivirusscan', 'value2'])
        .obj(),
      pods: [pod],
      want: SUCCESS,
    },
    {
      name: 'satisfies the PodAffinity and PodAntiAffinity and PodAntiAffinity symmetry with the existing pod',
      pod: makePod()
        .namespace('')
        .labels(podLabel2)
        .podAffinityIn('service', 'region', ['securityscan', 'value2'])
        .podAntiAffinityIn('service', 'node', ['antivirusscan', 'value2'])
        .obj(),
      pods: [makePod().namespace('').node('node1').labels(podLabel).podAntiAffinityIn('service', 'node', ['antivirusscan', 'value2']).obj()],
      want: SUCCESS,
    },
    {
      name: "satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod",
      pod: makePod()
        .namespace('')
        .labels(podLabel2)
        .podAffinityIn('service', 'region', ['securityscan', 'value2'])
        .podAntiAffinityIn('service', 'zone', ['securityscan', 'value2'])
        .obj(),
      pods: [pod],
      want: ANTI,
    },
    {
      name: "satisfies the PodAffinity and PodAntiAffinity but doesn't satisfy PodAntiAffinity symmetry with the existing pod",
      pod: makePod()
        .namespace('')
        .labels(podLabel)
        .podAffinityIn('service', 'region', ['securityscan', 'value2'])
        .podAntiAffinityIn('service', 'node', ['antivirusscan', 'value2'])
        .obj(),
      pods: [makePod().namespace('').labels(podLabel).node('node1').podAntiAffinityIn('service', 'zone', ['securityscan', 'value2']).obj()],
      want: EXISTING,
    },
    {
      name: 'pod matches its own Label in PodAffinity and that matches the existing pod Labels',
      pod: makePod().namespace('').labels(podLabel).podAffinityNotIn('service', 'region', ['securityscan', 'value2']).obj(),
      pods: [makePod().label('service', 'securityscan').node('node2').obj()],
      want: AFFINITY,
    },
    {
      name: "verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. doesn't satisfy PodAntiAffinity symmetry with the existing pod",
      pod: makePod().labels(podLabel).obj(),
      pods: [makePod().namespace('').node('node1').labels(podLabel).podAntiAffinityIn('service', 'zone', ['securityscan', 'value2']).obj()],
      want: EXISTING,
    },
    {
      name: 'verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. satisfy PodAntiAffinity symmetry with the existing pod',
      pod: makePod().labels(podLabel).obj(),
      pods: [makePod().namespace('').node('node1').labels(podLabel).podAntiAffinityNotIn('service', 'zone', ['securityscan', 'value2']).obj()],
      want: SKIP,
    },
    {
      name: "satisfies the PodAntiAffinity with existing pod but doesn't satisfy PodAntiAffinity symmetry with incoming pod",
      pod: makePod().namespace('').labels(podLabel).podAntiAffinityExists('service', 'region').podAntiAffinityExists('security', 'region').obj(),
      pods: [makePod().namespace('').node('node1').labels(podLabel2).podAntiAffinityExists('security', 'zone').obj()],
      want: ANTI,
    },
    {
      name: 'PodAntiAffinity symmetry check a1: incoming pod and existing pod partially match each other on AffinityTerms',
      pod: makePod().namespace('').labels(podLabel).podAntiAffinityExists('service', 'zone').podAntiAffinityExists('security', 'zone').obj(),
      pods: [makePod().namespace('').node('node1').labels(podLabel2).podAntiAffinityExists('security', 'zone').obj()],
      want: ANTI,
    },
    {
      name: 'PodAntiAffinity symmetry check a2: incoming pod and existing pod partially match each other on AffinityTerms',
      pod: makePod().namespace('').labels(podLabel2).podAntiAffinityExists('security', 'zone').obj(),
      pods: [makePod().namespace('').node('node1').labels(podLabel).podAntiAffinityExists('service', 'zone').podAntiAffinityExists('security', 'zone').obj()],
      want: EXISTING,
    },
    {
      name: 'PodAntiAffinity symmetry check b1: incoming pod and existing pod partially match each other on AffinityTerms',
      pod: makePod().namespace('').labels({ abc: '', xyz: '' }).podAntiAffinityExists('abc', 'zone').podAntiAffinityExists('def', 'zone').obj(),
      pods: [makePod().namespace('').node('node1').labels({ def: '', xyz: '' }).podAntiAffinityExists('abc', 'zone').podAntiAffinityExists('def', 'zone').obj()],
      want: ANTI,
    },
    {
      name: 'PodAntiAffinity symmetry check b2: incoming pod and existing pod partially match each other on AffinityTerms',
      pod: makePod().namespace('').labels({ def: '', xyz: '' }).podAntiAffinityExists('abc', 'zone').podAntiAffinityExists('def', 'zone').obj(),
      pods: [makePod().namespace('').node('node1').labels({ abc: '', xyz: '' }).podAntiAffinityExists('abc', 'zone').podAntiAffinityExists('def', 'zone').obj()],
      want: ANTI,
    },
    {
      name: 'PodAffinity fails PreFilter with an invalid affinity label syntax',
      pod: makePod()
        .namespace('')
        .labels(podLabel)
        .podAffinityIn('service', 'region', ['{{.bad-value.}}'])
        .podAffinityIn('service', 'node', ['antivirusscan', 'value2'])
        .obj(),
      pods: [],
      want: unresolvable(badValue),
      wantRejection: badValue,
    },
    {
      name: 'PodAntiAffinity fails PreFilter with an invalid antiaffinity label syntax',
      pod: makePod()
        .namespace('')
        .labels(podLabel)
        .podAffinityIn('service', 'region', ['foo'])
        .podAffinityIn('service', 'node', ['{{.bad-value.}}'])
        .obj(),
      pods: [],
      want: unresolvable(badValue),
      wantRejection: badValue,
    },
    {
      name: 'affinity with NamespaceSelector',
      pod: createPodWithAffinityTerms(
        '',
        '',
        podLabel2,
        [{ labelSelector: serviceIn(['securityscan', 'value2']), namespaceSelector: makeLabelSelector().in('team', ['team1']).obj(), topologyKey: 'region' }],
        [],
      ),
      pods: [makePod().node('node1').namespace('subteam1.team1').labels(podLabel).obj()],
      want: SUCCESS,
    },
    {
      name: 'affinity with non-matching NamespaceSelector',
      pod: createPodWithAffinityTerms(
        '',
        '',
        podLabel2,
        [{ labelSelector: serviceIn(['securityscan', 'value2']), namespaceSelector: makeLabelSelector().in('team', ['team1']).obj(), topologyKey: 'region' }],
        [],
      ),
      pods: [makePod().node('node1').namespace('subteam1.team2').labels(podLabel).obj()],
      want: AFFINITY,
    },
    {
      name: 'anti-affinity with matching NamespaceSelector',
      pod: createPodWithAffinityTerms('subteam1.team1', '', podLabel2, [], [
        { labelSelector: serviceIn(['securityscan', 'value2']), namespaceSelector: makeLabelSelector().in('team', ['team1']).obj(), topologyKey: 'zone' },
      ]),
      pods: [makePod().node('node1').namespace('subteam2.team1').labels(podLabel).obj()],
      want: ANTI,
    },
    {
      name: 'anti-affinity with matching all NamespaceSelector',
      pod: createPodWithAffinityTerms('subteam1.team1', '', podLabel2, [], [
        { labelSelector: serviceIn(['securityscan', 'value2']), namespaceSelector: {}, topologyKey: 'zone' },
      ]),
      pods: [makePod().node('node1').namespace('subteam2.team1').labels(podLabel).obj()],
      want: ANTI,
    },
    {
      name: 'anti-affinity with non-matching NamespaceSelector',
      pod: createPodWithAffinityTerms('subteam1.team1', '', podLabel2, [], [
        { labelSelector: serviceIn(['securityscan', 'value2']), namespaceSelector: makeLabelSelector().in('team', ['team1']).obj(), topologyKey: 'zone' },
      ]),
      pods: [makePod().node('node1').namespace('subteam1.team2').labels(podLabel).obj()],
      want: SUCCESS,
    },
  ];

  it.each(cases)('$name', ({ pod, pods, want, wantRejection }) => {
    const { state, statuses } = run(pod, pods, [node1], { namespaceLabels: NAMESPACE_LABELS });
    expect(statuses).toEqual(want === SKIP ? SKIP : [want]);
    if (wantRejection !== undefined) expect(state?.rejection).toEqual(unresolvable(wantRejection));
    if (state !== null) expect(state.warnings).toEqual([]);
  });
});

describe('TestRequiredAffinityMultipleNodes', () => {
  const podLabelA = { foo: 'bar' };
  const labelRgChina = { region: 'China' };
  const labelRgChinaAzAz1 = { region: 'China', az: 'az1' };
  const labelRgIndia = { region: 'India' };
  const node = (name: string, labels: Labels) => makeNode().name(name).labels(labels).obj();
  const regionZone = (name: string, zone: string) => node(name, { region: 'r1', zone, hostname: name });

  const cases: { name: string; pod: Pod; pods: Pod[]; nodes: Node[]; want: (Status | typeof SKIP)[] | typeof SKIP }[] = [
    {
      name: 'A pod can be scheduled onto all the nodes that have the same topology key & label value with one of them has an existing pod that matches the affinity rules',
      pod: makePod().namespace('').podAffinityIn('foo', 'region', ['bar']).obj(),
      pods: [makePod().name('p1').node('node1').labels(podLabelA).obj()],
      nodes: [node('node1', labelRgChina), node('node2', labelRgChinaAzAz1), node('node3', labelRgIndia)],
      want: [SUCCESS, SUCCESS, AFFINITY],
    },
    {
      name:
        'The affinity rule is to schedule all of the pods of this collection to the same zone. The first pod of the collection ' +
        "should not be blocked from being scheduled onto any node, even there's no existing pod that matches the rule anywhere.",
      pod: makePod()
        .namespace('')
        .labels({ foo: 'bar', service: 'securityscan' })
        .podAffinityIn('foo', 'zone', ['bar'])
        .podAffinityIn('service', 'zone', ['securityscan'])
        .obj(),
      pods: [makePod().name('p1').node('nodeA').labels({ foo: 'bar' }).obj()],
      nodes: [node('nodeA', { zone: 'az1', hostname: 'h1' }), node('nodeB', { zone: 'az2', hostname: 'h2' })],
      want: [SUCCESS, SUCCESS],
    },
    {
      name: 'The first pod of the collection can only be scheduled on nodes labelled with the requested topology keys',
      pod: makePod()
        .namespace('')
        .labels({ foo: 'bar', service: 'securityscan' })
        .podAffinityIn('foo', 'zone', ['bar'])
        .podAffinityIn('service', 'zone', ['securityscan'])
        .obj(),
      pods: [makePod().name('p1').node('nodeA').labels({ foo: 'bar' }).obj()],
      nodes: [node('nodeA', { zoneLabel: 'az1', hostname: 'h1' }), node('nodeB', { zoneLabel: 'az2', hostname: 'h2' })],
      want: [AFFINITY, AFFINITY],
    },
    {
      name: 'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB.',
      pod: makePod().namespace('').podAntiAffinityIn('foo', 'region', ['abc']).obj(),
      pods: [makePod().node('nodeA').labels({ foo: 'abc' }).obj()],
      nodes: [node('nodeA', { region: 'r1', hostname: 'nodeA' }), node('nodeB', { region: 'r1', hostname: 'nodeB' })],
      want: [ANTI, ANTI],
    },
    {
      name: 'This test ensures that anti-affinity matches a pod when any term of the anti-affinity rule matches a pod.',
      pod: makePod().namespace('').podAntiAffinityIn('foo', 'region', ['abc']).podAntiAffinityIn('service', 'zone', ['securityscan']).obj(),
      pods: [makePod().node('nodeA').labels({ foo: 'abc', service: 'securityscan' }).obj()],
      nodes: [regionZone('nodeA', 'z1'), regionZone('nodeB', 'z2')],
      want: [ANTI, ANTI],
    },
    {
      name: 'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB but can be scheduled onto nodeC',
      pod: makePod().namespace('').podAntiAffinityIn('foo', 'region', ['abc']).obj(),
      pods: [makePod().node('nodeA').labels({ foo: 'abc' }).obj()],
      nodes: [node('nodeA', labelRgChina), node('nodeB', labelRgChinaAzAz1), node('nodeC', labelRgIndia)],
      want: [ANTI, ANTI, SUCCESS],
    },
    {
      name: 'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA, nodeB, but can be scheduled onto nodeC (NodeC has an existing pod that match the inter pod affinity rule but in different namespace)',
      pod: makePod().namespace('NS1').labels({ foo: '123' }).podAntiAffinityIn('foo', 'region', ['bar']).obj(),
      pods: [
        makePod().node('nodeA').namespace('NS1').labels({ foo: 'bar' }).obj(),
        makePod().node('nodeC').namespace('NS2').podAntiAffinityIn('foo', 'region', ['123']).obj(),
      ],
      nodes: [node('nodeA', labelRgChina), node('nodeB', labelRgChinaAzAz1), node('nodeC', labelRgIndia)],
      want: [ANTI, ANTI, SUCCESS],
    },
    {
      name: "Test existing pod's anti-affinity: if an existing pod has a term with invalid topologyKey, labelSelector of the term is firstly checked, and then topologyKey of the term is also checked",
      pod: makePod().label('foo', '').obj(),
      pods: [makePod().node('nodeA').namespace('').podAntiAffinityExists('foo', 'invalid-node-label').obj()],
      nodes: [node('nodeA', { region: 'r1', zone: 'z1', hostname: 'nodeA' }), node('nodeB', { region: 'r1', zone: 'z1', hostname: 'nodeB' })],
      want: SKIP,
    },
    {
      name: "Test incoming pod's anti-affinity: even if labelSelector matches, we still check if topologyKey matches",
      pod: makePod().node('nodeA').namespace('').podAntiAffinityExists('foo', 'invalid-node-label').obj(),
      pods: [makePod().node('nodeA').labels({ foo: '' }).obj()],
      nodes: [node('nodeA', { region: 'r1', zone: 'z1', hostname: 'nodeA' }), node('nodeB', { region: 'r1', zone: 'z1', hostname: 'nodeB' })],
      want: [SUCCESS, SUCCESS],
    },
    {
      name: "Test existing pod's anti-affinity: incoming pod wouldn't considered as a fit as it violates each existingPod's terms on all nodes",
      pod: makePod().label('foo', '').label('bar', '').obj(),
      pods: [
        makePod().node('nodeA').namespace('').podAntiAffinityExists('foo', 'zone').obj(),
        makePod().node('nodeA').namespace('').podAntiAffinityExists('bar', 'region').obj(),
      ],
      nodes: [regionZone('nodeA', 'z1'), regionZone('nodeB', 'z2')],
      want: [EXISTING, EXISTING],
    },
    {
      name: "Test incoming pod's anti-affinity: incoming pod wouldn't considered as a fit as it at least violates one anti-affinity rule of existingPod",
      pod: makePod().namespace('').podAntiAffinityExists('foo', 'zone').podAntiAffinityExists('bar', 'region').obj(),
      pods: [makePod().node('nodeA').labels({ foo: '' }).obj(), makePod().node('nodeB').labels({ bar: '' }).obj()],
      nodes: [regionZone('nodeA', 'z1'), regionZone('nodeB', 'z2')],
      want: [ANTI, ANTI],
    },
    {
      name: "Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
      pod: makePod().label('foo', '').label('bar', '').obj(),
      pods: [makePod().node('nodeA').namespace('').podAntiAffinityExists('foo', 'invalid-node-label').podAntiAffinityExists('bar', 'zone').obj()],
      nodes: [regionZone('nodeA', 'z1'), regionZone('nodeB', 'z2')],
      want: [EXISTING, SUCCESS],
    },
    {
      name: "Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
      pod: makePod().namespace('').podAntiAffinityExists('foo', 'invalid-node-label').podAntiAffinityExists('bar', 'zone').obj(),
      pods: [makePod().name('podA').node('nodeA').labels({ foo: '', bar: '' }).obj()],
      nodes: [regionZone('nodeA', 'z1'), regionZone('nodeB', 'z2')],
      want: [ANTI, SUCCESS],
    },
    {
      name: "Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
      pod: makePod().label('foo', '').label('bar', '').obj(),
      pods: [makePod().namespace('').node('nodeA').podAntiAffinityExists('foo', 'region').podAntiAffinityExists('bar', 'zone').obj()],
      nodes: [regionZone('nodeA', 'z1'), regionZone('nodeB', 'z2')],
      want: [EXISTING, EXISTING],
    },
    {
      name: "Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
      pod: makePod().namespace('').podAntiAffinityExists('foo', 'region').podAntiAffinityExists('bar', 'zone').obj(),
      pods: [makePod().node('nodeA').labels({ foo: '', bar: '' }).obj()],
      nodes: [regionZone('nodeA', 'z1'), regionZone('nodeB', 'z2')],
      want: [ANTI, ANTI],
    },
    {
      name: "Test existing pod's anti-affinity: existingPod on nodeA and nodeB has at least one anti-affinity term matches incoming pod, so incoming pod can only be scheduled to nodeC",
      pod: makePod().label('foo', '').label('bar', '').obj(),
      pods: [
        makePod().node('nodeA').namespace('').podAntiAffinityExists('foo', 'zone').podAntiAffinityExists('labelA', 'zone').obj(),
        makePod().node('nodeB').namespace('').podAntiAffinityExists('bar', 'zone').podAntiAffinityExists('labelB', 'zone').obj(),
      ],
      nodes: [regionZone('nodeA', 'z1'), regionZone('nodeB', 'z2'), regionZone('nodeC', 'z3')],
      want: [EXISTING, EXISTING, SUCCESS],
    },
    {
      name: "Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match",
      pod: makePod().namespace('').podAffinityExists('foo', 'region').podAffinityExists('bar', 'zone').obj(),
      pods: [makePod().name('pod1').labels({ foo: '', bar: '' }).node('nodeA').obj()],
      nodes: [regionZone('nodeA', 'z1'), regionZone('nodeB', 'z1')],
      want: [SUCCESS, SUCCESS],
    },
    {
      name: "Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match, and the match logic should be satisfied on the same pod",
      pod: makePod().namespace('').podAffinityExists('foo', 'region').podAffinityExists('bar', 'zone').obj(),
      pods: [
        makePod().node('nodeA').name('pod1').namespace('').labels({ foo: '' }).obj(),
        makePod().node('nodeB').name('pod2').namespace('').labels({ bar: '' }).obj(),
      ],
      nodes: [regionZone('nodeA', 'z1'), regionZone('nodeB', 'z2')],
      want: [AFFINITY, AFFINITY],
    },
  ];

  it.each(cases)('$name', ({ pod, pods, nodes, want }) => {
    expect(run(pod, pods, nodes, { namespaceLabels: new Map([['NS1', {}]]) }).statuses).toEqual(want);
  });
});

describe('TestGetTPMapMatchingIncomingAffinityAntiAffinity', () => {
  const newPod = (...labels: string[]) => {
    let builder = makePod().name('normal').node('nodeA');
    for (const label of labels) builder = builder.label(label, '');
    return builder.obj();
  };
  const normalPodA = newPod('aaa');
  const normalPodB = newPod('bbb');
  const normalPodAB = newPod('aaa', 'bbb');
  const nodeA = makeNode().name('nodeA').label('hostname', 'nodeA').obj();
  type Pairs = [string, string, number][];

  const cases: { name: string; existingPods: Pod[]; pod: Pod; wantAffinity: Pairs; wantAntiAffinity: Pairs }[] = [
    { name: 'nil test', existingPods: [], pod: makePod().name('aaa-normal').obj(), wantAffinity: [], wantAntiAffinity: [] },
    {
      name: 'incoming pod without affinity/anti-affinity causes a no-op',
      existingPods: [normalPodA],
      pod: makePod().name('aaa-normal').obj(),
      wantAffinity: [],
      wantAntiAffinity: [],
    },
    {
      name: "no pod has label that violates incoming pod's affinity and anti-affinity",
      existingPods: [normalPodB],
      pod: makePod().name('aaa-anti').podAffinityExists('aaa', 'hostname').podAntiAffinityExists('aaa', 'hostname').obj(),
      wantAffinity: [],
      wantAntiAffinity: [],
    },
    {
      name: "existing pod matches incoming pod's affinity and anti-affinity - single term case",
      existingPods: [normalPodA],
      pod: makePod().name('affi-antiaffi').podAffinityExists('aaa', 'hostname').podAntiAffinityExists('aaa', 'hostname').obj(),
      wantAffinity: [['hostname', 'nodeA', 1]],
      wantAntiAffinity: [['hostname', 'nodeA', 1]],
    },
    {
      name: "existing pod matches incoming pod's affinity and anti-affinity - multiple terms case",
      existingPods: [normalPodAB],
      pod: makePod()
        .name('affi-antiaffi')
        .podAffinityExists('aaa', 'hostname')
        .podAffinityExists('bbb', 'hostname')
        .podAntiAffinityExists('aaa', 'hostname')
        .obj(),
      wantAffinity: [['hostname', 'nodeA', 2]],
      wantAntiAffinity: [['hostname', 'nodeA', 1]],
    },
    {
      name: "existing pod not match incoming pod's affinity but matches anti-affinity",
      existingPods: [normalPodA],
      pod: makePod()
        .name('affi-antiaffi')
        .podAffinityExists('aaa', 'hostname')
        .podAffinityExists('bbb', 'hostname')
        .podAntiAffinityExists('aaa', 'hostname')
        .podAntiAffinityExists('bbb', 'hostname')
        .obj(),
      wantAffinity: [],
      wantAntiAffinity: [['hostname', 'nodeA', 1]],
    },
    {
      name: "incoming pod's anti-affinity has more than one term - existing pod violates partial term - case 1",
      existingPods: [normalPodAB],
      pod: makePod()
        .name('anaffi-antiaffiti')
        .podAffinityExists('aaa', 'hostname')
        .podAffinityExists('ccc', 'hostname')
        .podAntiAffinityExists('aaa', 'hostname')
        .podAntiAffinityExists('ccc', 'hostname')
        .obj(),
      wantAffinity: [],
      wantAntiAffinity: [['hostname', 'nodeA', 1]],
    },
    {
      name: "incoming pod's anti-affinity has more than one term - existing pod violates partial term - case 2",
      existingPods: [normalPodB],
      pod: makePod()
        .name('affi-antiaffi')
        .podAffinityExists('aaa', 'hostname')
        .podAffinityExists('bbb', 'hostname')
        .podAntiAffinityExists('aaa', 'hostname')
        .podAntiAffinityExists('bbb', 'hostname')
        .obj(),
      wantAffinity: [],
      wantAntiAffinity: [['hostname', 'nodeA', 1]],
    },
  ];

  it.each(cases)('$name', ({ existingPods, pod, wantAffinity, wantAntiAffinity }) => {
    const state = prefilterInterPodAffinity(pod, [nodeA], groupPodsByNode([nodeA], existingPods));
    expect(state === null ? [] : countsOf(state.affinityCounts)).toEqual(wantAffinity);
    expect(state === null ? [] : countsOf(state.antiAffinityCounts)).toEqual(wantAntiAffinity);
  });
});

describe('TestPreFilterStateAddRemovePod', () => {
  const label1 = { region: 'r1', zone: 'z11' };
  const label2 = { region: 'r1', zone: 'z12' };
  const label3 = { region: 'r2', zone: 'z21' };
  const selector1 = { foo: 'bar' };
  const antiAffinityFooBar: PodAffinityTerm[] = [{ labelSelector: makeLabelSelector().in('foo', ['bar']).obj(), topologyKey: 'region' }];
  const complex: PodAffinityTerm[] = [
    { labelSelector: makeLabelSelector().in('foo', ['bar', 'buzz']).obj(), topologyKey: 'region' },
    { labelSelector: makeLabelSelector().notIn('service', ['bar', 'security', 'test']).obj(), topologyKey: 'zone' },
  ];
  const withTerms = (name: string, labels: Labels, nodeName: string, affinity: PodAffinityTerm[], anti: PodAffinityTerm[]) => {
    let builder = makePod().name(name).labels(labels);
    if (nodeName !== '') builder = builder.node(nodeName);
    for (const term of affinity) builder = builder.term('podAffinity', term);
    for (const term of anti) builder = builder.term('podAntiAffinity', term);
    return builder.obj();
  };
  const nodes = [
    makeNode().name('nodeA').labels(label1).obj(),
    makeNode().name('nodeB').labels(label2).obj(),
    makeNode().name('nodeC').labels(label3).obj(),
  ];
  type Pairs = [string, string, number][];

  const cases: { name: string; pendingPod: Pod; existingPods: Pod[]; addedPod: Pod; addedTo: number; expectedAntiAffinity: Pairs; expectedAffinity: Pairs }[] = [
    {
      name: 'preFilterState anti-affinity terms are updated correctly after adding and removing a pod',
      pendingPod: withTerms('pending', selector1, '', [], antiAffinityFooBar),
      existingPods: [makePod().name('p1').labels(selector1).node('nodeA').obj(), withTerms('p2', {}, 'nodeC', [], antiAffinityFooBar)],
      addedPod: withTerms('addedPod', selector1, 'nodeB', [], antiAffinityFooBar),
      addedTo: 1,
      expectedAntiAffinity: [['region', 'r1', 2]],
      expectedAffinity: [],
    },
    {
      name: 'preFilterState anti-affinity terms are updated correctly after adding and removing a pod (row 2)',
      pendingPod: withTerms('pending', selector1, '', [], complex),
      existingPods: [makePod().name('p1').labels(selector1).node('nodeA').obj(), withTerms('p2', {}, 'nodeC', [], antiAffinityFooBar)],
      addedPod: withTerms('addedPod', selector1, 'nodeA', [], complex),
      addedTo: 0,
      expectedAntiAffinity: [
        ['region', 'r1', 2],
        ['zone', 'z11', 2],
        ['zone', 'z21', 1],
      ],
      expectedAffinity: [],
    },
    {
      name: 'preFilterState matching pod affinity and anti-affinity are updated correctly after adding and removing a pod',
      pendingPod: withTerms('pending', selector1, '', complex, []),
      existingPods: [makePod().name('p1').labels(selector1).node('nodeA').obj(), withTerms('p2', {}, 'nodeC', complex, antiAffinityFooBar)],
      addedPod: withTerms('addedPod', selector1, 'nodeA', [], complex),
      addedTo: 0,
      expectedAntiAffinity: [],
      expectedAffinity: [
        ['region', 'r1', 2],
        ['zone', 'z11', 2],
      ],
    },
  ];

  it.each(cases)('$name', ({ pendingPod, existingPods, addedPod, addedTo, expectedAntiAffinity, expectedAffinity }) => {
    const allPodsState = prefilterInterPodAffinity(pendingPod, nodes, groupPodsByNode(nodes, [...existingPods, addedPod]))!;
    const state = prefilterInterPodAffinity(pendingPod, nodes, groupPodsByNode(nodes, existingPods))!;
    const original = snapshot(state);

    addPodInterPodAffinity(state, addedPod, addedTo);
    expect(countsOf(state.antiAffinityCounts)).toEqual(expectedAntiAffinity);
    expect(countsOf(state.affinityCounts)).toEqual(expectedAffinity);
    expect(snapshot(state)).toEqual(snapshot(allPodsState));

    removePodInterPodAffinity(state, addedPod, addedTo);
    expect(snapshot(state)).toEqual(original);
  });

  function snapshot(state: InterPodAffinityState) {
    return [countsOf(state.existingAntiAffinityCounts), countsOf(state.affinityCounts), countsOf(state.antiAffinityCounts)];
  }
});

// podfit's own cases: what kube-scheduler has no test for because it has the cluster at hand.
describe('InterPodAffinity in podfit', () => {
  const node1 = makeNode().name('node1').labels({ region: 'r1', zone: 'z11' }).obj();
  const teamSelector = makeLabelSelector().in('team', ['team1']).obj();
  const serviceIn = makeLabelSelector().in('service', ['securityscan']).obj();

  it('evaluates a namespaceSelector it cannot read against metadata.name only, and warns at its path', () => {
    const pod = createPodWithAffinityTerms('subteam1.team1', '', { security: 'S1' }, [], [
      { labelSelector: serviceIn, namespaceSelector: teamSelector, topologyKey: 'zone' },
    ]);
    const bound = makePod().node('node1').namespace('subteam2.team1').label('service', 'securityscan').obj();
    const { state, statuses } = run(pod, [bound], [node1]);
    expect(statuses).toEqual([SUCCESS]);
    expect(state!.warnings).toEqual([
      {
        code: 'constraint-not-evaluated',
        path: 'affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaceSelector',
        message: expect.stringContaining('"subteam2.team1"') as string,
      },
    ]);
  });

  it('reads kubernetes.io/metadata.name exactly, without a warning', () => {
    const byName = makeLabelSelector().in('kubernetes.io/metadata.name', ['subteam2.team1']).obj();
    const pod = createPodWithAffinityTerms('subteam1.team1', '', { security: 'S1' }, [], [
      { labelSelector: serviceIn, namespaceSelector: byName, topologyKey: 'zone' },
    ]);
    const bound = makePod().node('node1').namespace('subteam2.team1').label('service', 'securityscan').obj();
    const { state, statuses } = run(pod, [bound], [node1]);
    expect(statuses).toEqual([ANTI]);
    expect(state!.warnings).toEqual([]);
  });

  it("warns once when bound pods' anti-affinity needs the incoming pod's namespace labels", () => {
    const pod = makePod().namespace('subteam1.team1').label('service', 'securityscan').obj();
    const bound = [1, 2].map((i) =>
      makePod()
        .name(`b${i}`)
        .node('node1')
        .namespace('other')
        .term('podAntiAffinity', { labelSelector: serviceIn, namespaceSelector: teamSelector, topologyKey: 'zone' })
        .obj(),
    );
    const { state, statuses } = run(pod, bound, [node1]);
    expect(statuses).toEqual([SUCCESS]);
    expect(state!.warnings).toEqual([
      { code: 'constraint-not-evaluated', path: '', message: expect.stringMatching(/^2 bound pod\(s\) .*"subteam1\.team1"/) as string },
    ]);
    expect(run(pod, bound, [node1], { namespaceLabels: NAMESPACE_LABELS }).statuses).toEqual([EXISTING]);
  });

  it('warns that preferred terms only affect scores, and filters nothing for them', () => {
    const pod = makePod()
      .label('service', 'securityscan')
      .preferredTerm('podAffinity', 10, { labelSelector: serviceIn, topologyKey: 'zone' })
      .preferredTerm('podAntiAffinity', 10, { labelSelector: serviceIn, topologyKey: 'zone' })
      .obj();
    const bound = makePod().node('node1').label('service', 'securityscan').obj();
    const { state, statuses } = run(pod, [bound], [node1]);
    expect(statuses).toEqual([SUCCESS]);
    expect(state!.warnings.map((w) => [w.code, w.path])).toEqual([
      ['score-not-modeled', 'affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution'],
      ['score-not-modeled', 'affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution'],
    ]);
  });

  it('merges matchLabelKeys and mismatchLabelKeys into the selector from the pod labels', () => {
    const nodes = [makeNode().name('a').label('zone', 'z1').obj(), makeNode().name('b').label('zone', 'z2').obj()];
    const pod = makePod()
      .labels({ app: 'web', rev: 'v2', team: 't1' })
      .term('podAntiAffinity', { labelSelector: makeLabelSelector().in('app', ['web']).obj(), topologyKey: 'zone', matchLabelKeys: ['rev'], mismatchLabelKeys: ['team'] })
      .obj();
    const sameRevOtherTeam = makePod().node('a').labels({ app: 'web', rev: 'v2', team: 't2' }).obj();
    const oldRev = makePod().node('b').labels({ app: 'web', rev: 'v1', team: 't2' }).obj();
    const sameTeam = makePod().node('b').labels({ app: 'web', rev: 'v2', team: 't1' }).obj();
    expect(run(pod, [sameRevOtherTeam, oldRev, sameTeam], nodes).statuses).toEqual([ANTI, SUCCESS]);
  });

  it('sees bound pods appended to, or replacing, the same podsByNode between calls', () => {
    const nodes = [makeNode().name('a').label('zone', 'z1').obj(), makeNode().name('b').label('zone', 'z2').obj()];
    const podsByNode: Pod[][] = [[], []];
    const pod = makePod().label('app', 'web').obj();
    expect(prefilterInterPodAffinity(pod, nodes, podsByNode)).toBeNull();
    podsByNode[0]!.push(makePod().node('a').podAntiAffinityIn('app', 'zone', ['web']).obj());
    const afterPush = prefilterInterPodAffinity(pod, nodes, podsByNode)!;
    expect(nodes.map((_, i) => filterInterPodAffinity(afterPush, i))).toEqual([EXISTING, SUCCESS]);
    podsByNode[0] = [];
    podsByNode[1] = [makePod().node('b').podAntiAffinityIn('app', 'zone', ['web']).obj()];
    const afterReplace = prefilterInterPodAffinity(pod, nodes, podsByNode)!;
    expect(nodes.map((_, i) => filterInterPodAffinity(afterReplace, i))).toEqual([SUCCESS, EXISTING]);
  });

  it('rejects every node with the parse error, as PreFilter does', () => {
    const pod = makePod()
      .term('podAntiAffinity', { labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }, topologyKey: 'zone' })
      .obj();
    const { state, statuses } = run(pod, [], [node1, node1]);
    const rejection = unresolvable(
      "parsing pod: requiredAntiAffinityTerms: values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
    expect(state!.rejection).toEqual(rejection);
    expect(statuses).toEqual([rejection, rejection]);
  });
});

// Small clusters: zones z1/z2/z3 (or none) and hostnames, pods labelled app=a|b in namespaces default|other.
const zones = fc.constantFrom('z1', 'z2', 'z3', undefined);
const appLabel = fc.constantFrom('a', 'b');
const namespaceArb = fc.constantFrom('default', 'other');
const termArb = fc.record({ app: appLabel, topologyKey: fc.constantFrom('zone', 'hostname') });
const podSpecArb = fc.record({
  app: appLabel,
  namespace: namespaceArb,
  affinity: fc.array(termArb, { maxLength: 2 }),
  anti: fc.array(termArb, { maxLength: 2 }),
});
type PodSpecArb = { app: string; namespace: string; affinity: { app: string; topologyKey: string }[]; anti: { app: string; topologyKey: string }[] };

function buildPod(spec: PodSpecArb, nodeName?: string): Pod {
  let builder = makePod().namespace(spec.namespace).label('app', spec.app);
  if (nodeName !== undefined) builder = builder.node(nodeName);
  for (const t of spec.affinity) builder = builder.podAffinityIn('app', t.topologyKey, [t.app]);
  for (const t of spec.anti) builder = builder.podAntiAffinityIn('app', t.topologyKey, [t.app]);
  return builder.obj();
}

function buildNodes(zoneList: (string | undefined)[]): Node[] {
  return zoneList.map((zone, i) => {
    const builder = makeNode().name(`n${i}`).label('hostname', `n${i}`);
    return (zone === undefined ? builder : builder.label('zone', zone)).obj();
  });
}

const clusterArb = fc
  .array(zones, { minLength: 1, maxLength: 5 })
  .chain((zoneList) =>
    fc.record({
      zoneList: fc.constant(zoneList),
      bound: fc.array(fc.record({ node: fc.nat({ max: zoneList.length - 1 }), spec: podSpecArb }), { maxLength: 8 }),
      pod: podSpecArb,
    }),
  );

function verdicts(pod: Pod, nodes: Node[], bound: Pod[]): Status[] | null {
  const state = prefilterInterPodAffinity(pod, nodes, groupPodsByNode(nodes, bound));
  return state === null ? null : nodes.map((_, i) => filterInterPodAffinity(state, i));
}

describe('InterPodAffinity properties', () => {
  it('a pod without pod (anti-)affinity, among pods without required anti-affinity, gets a null state', () => {
    fc.assert(
      fc.property(clusterArb, ({ zoneList, bound, pod }) => {
        const nodes = buildNodes(zoneList);
        const plain = buildPod({ ...pod, affinity: [], anti: [] });
        const boundPods = bound.map((b) => buildPod({ ...b.spec, anti: [] }, `n${b.node}`));
        expect(prefilterInterPodAffinity(plain, nodes, groupPodsByNode(nodes, boundPods))).toBeNull();
      }),
    );
  });

  it('adding a node without pods never changes the verdict of the other nodes', () => {
    fc.assert(
      fc.property(clusterArb, zones, ({ zoneList, bound, pod }, extraZone) => {
        const nodes = buildNodes(zoneList);
        const boundPods = bound.map((b) => buildPod(b.spec, `n${b.node}`));
        const before = verdicts(buildPod(pod), nodes, boundPods);
        const extraNode = makeNode().name('extra').label('hostname', 'extra');
        if (extraZone !== undefined) extraNode.label('zone', extraZone);
        const after = verdicts(buildPod(pod), [...nodes, extraNode.obj()], boundPods);
        expect(after === null ? null : after.slice(0, nodes.length)).toEqual(before);
      }),
    );
  });

  it('for a pod with only anti-affinity, adding a bound pod never makes an unfit node fit', () => {
    fc.assert(
      fc.property(clusterArb, fc.nat(), podSpecArb, ({ zoneList, bound, pod }, where, extra) => {
        const nodes = buildNodes(zoneList);
        const incoming = buildPod({ ...pod, affinity: [] });
        const boundPods = bound.map((b) => buildPod(b.spec, `n${b.node}`));
        const before = verdicts(incoming, nodes, boundPods);
        const after = verdicts(incoming, nodes, [...boundPods, buildPod(extra, `n${where % nodes.length}`)]);
        (before ?? nodes.map(() => SUCCESS)).forEach((status, i) => {
          if (status.code !== 'Success') expect(after?.[i]?.code).not.toBe('Success');
        });
      }),
    );
  });

  it('AddPod gives the state PreFilter computes with the pod already bound', () => {
    fc.assert(
      fc.property(clusterArb, fc.nat(), podSpecArb, ({ zoneList, bound, pod }, where, extra) => {
        const nodes = buildNodes(zoneList);
        const incoming = buildPod(pod);
        const boundPods = bound.map((b) => buildPod(b.spec, `n${b.node}`));
        const nodeIndex = where % nodes.length;
        const added = buildPod(extra, `n${nodeIndex}`);
        const state = prefilterInterPodAffinity(incoming, nodes, groupPodsByNode(nodes, boundPods));
        fc.pre(state !== null);
        addPodInterPodAffinity(state!, added, nodeIndex);
        const fresh = verdicts(incoming, nodes, [...boundPods, added]) ?? nodes.map(() => SUCCESS);
        expect(nodes.map((_, i) => filterInterPodAffinity(state!, i))).toEqual(fresh);
      }),
    );
  });
});
