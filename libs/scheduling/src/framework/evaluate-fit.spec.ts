// evaluateFit runs kube-scheduler's default profile: every fit.json case of the conformance corpus
// (test/fixtures/conformance/cases/fit.json) through the whole filter chain, FitError's message, the
// PreFilter paths of pkg/scheduler/schedule_one.go (findNodesThatFitPod), and the weighted scores.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { type Node, type Pod } from '../api/core-v1';
import { ERR_NO_NODES_AVAILABLE } from '../diagnosis/fit-error';
import { applyPodDefaults } from '../pod/defaults';
import { ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH } from '../plugins/inter-pod-affinity';
import { ERR_REASON_CONSTRAINTS_NOT_MATCH } from '../plugins/pod-topology-spread';
import { buildClusterState } from './cluster-state';
import { evaluateFit } from './evaluate-fit';
import { preparePod } from './prepare-pod';
import { decodeFitCases } from './testing/conformance';
import { makeNode, makePod } from './testing/wrappers';

const fitCases = decodeFitCases(
  JSON.parse(readFileSync(join(__dirname, '../../../../test/fixtures/conformance/cases/fit.json'), 'utf8')),
);

function evaluate(pod: Pod, nodes: readonly Node[], boundPods: readonly Pod[] = []) {
  return evaluateFit(preparePod(applyPodDefaults(pod)), buildClusterState(nodes, boundPods));
}

const roomy = { cpu: '32', memory: '128Gi', pods: '110' };

describe('evaluateFit on the conformance corpus', () => {
  // The default profile's NodeResourcesFit ignores nothing, so the two pluginArgs rows do not apply.
  const cases = fitCases.filter((c) => c.pluginArgs === undefined);
  // Every required term pins metadata.name: NodeAffinity's PreFilterResult keeps the other nodes from being
  // filtered at all, and they get the framework's status instead of ErrReasonPod.
  const leftOutByPreFilter = new Set([
    'TestPodMatchesNodeSelectorAndAffinityTerms/Pod with matchFields using In operator that does not match the existing node',
    'TestPodMatchesNodeSelectorAndAffinityTerms/Pod with one term: matchFields does not match, but matchExpressions matches',
  ]);

  it('runs every case but the two with plugin args', () => expect(cases).toHaveLength(96));

  it.each(cases)('$name', (c) => {
    const { fit } = evaluate(c.pod, c.nodes, c.existingPods);
    for (const verdict of fit.nodes) {
      const expected = c.expected[verdict.name]!;
      expect(verdict.fits).toBe(expected.fits);
      if (expected.fits) continue;
      const reasons = leftOutByPreFilter.has(c.name)
        ? ["node(s) didn't satisfy plugin(s) [NodeAffinity]"]
        : expected.reasons;
      expect(verdict.plugin).toBe(c.plugin);
      expect(verdict.reasons).toEqual(reasons);
      const counted = reasons.map((reason) => `1 ${reason}`).sort();
      expect(fit.message).toBe(`0/1 nodes are available: ${counted.join(', ')}.`);
    }
    expect(fit.feasibleNodes).toBe(fit.nodes.filter((v) => v.fits).length);
  });
});

describe('evaluateFit', () => {
  it('reports the first failing filter in profile order, and counts reasons as FitError does', () => {
    const nodes = [
      makeNode().name('cordoned').capacity({ cpu: '1', memory: '1Gi', pods: '10' }).unschedulable().taints([{ key: 'x', effect: 'NoSchedule' }]).obj(),
      makeNode().name('tainted').capacity(roomy).taints([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]).obj(),
      makeNode().name('small-a').capacity({ cpu: '1', memory: '1Gi', pods: '10' }).obj(),
      makeNode().name('small-b').capacity({ cpu: '1', memory: '256Mi', pods: '10' }).obj(),
    ];
    const { fit } = evaluate(makePod().req({ cpu: '2', memory: '512Mi' }).obj(), nodes);
    expect(fit.nodes.map((v) => [v.name, v.plugin, v.reasons])).toEqual([
      ['cordoned', 'NodeUnschedulable', ['node(s) were unschedulable']],
      ['tainted', 'TaintToleration', ['node(s) had untolerated taint(s)']],
      ['small-a', 'NodeResourcesFit', ['Insufficient cpu']],
      ['small-b', 'NodeResourcesFit', ['Insufficient cpu', 'Insufficient memory']],
    ]);
    expect(fit.reasonCounts).toEqual({
      'node(s) were unschedulable': 1,
      'node(s) had untolerated taint(s)': 1,
      'Insufficient cpu': 2,
      'Insufficient memory': 1,
    });
    expect(fit.message).toBe(
      '0/4 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable, 2 Insufficient cpu.',
    );
    expect(fit.feasibleNodes).toBe(0);
    expect(fit.bestNodes).toEqual([]);
  });

  it('scores feasible nodes with the profile weights and ranks them, ties by name', () => {
    const node = (name: string) => makeNode().name(name).capacity({ cpu: '4', memory: '8Gi', pods: '110' }).obj();
    const { fit } = evaluate(makePod().container().obj(), [node('c'), node('a'), node('b')]);
    // TaintToleration 3 x 100 (no PreferNoSchedule taint anywhere); NodeAffinity skipped; LeastAllocated 1 x
    // (cpu (4000 - 100) * 100 / 4000 = 97, memory (8192Mi - 200Mi) * 100 / 8192Mi = 97) = 97; BalancedAllocation
    // skips a best-effort pod.
    expect(fit.nodes.map((v) => [v.name, v.fits, v.score])).toEqual([
      ['c', true, 397],
      ['a', true, 397],
      ['b', true, 397],
    ]);
    expect(fit.bestNodes).toEqual(['a', 'b', 'c']);
    expect(fit.message).toBeNull();
    expect(fit.reasonCounts).toEqual({});
  });

  it('names at most the ten best feasible nodes, ties by name', () => {
    const node = (name: string) => makeNode().name(name).capacity({ cpu: '4', memory: '8Gi', pods: '110' }).obj();
    const names = Array.from({ length: 12 }, (_, i) => `n${String(i).padStart(2, '0')}`).reverse();
    const { fit } = evaluate(makePod().container().obj(), names.map(node));
    expect(fit.feasibleNodes).toBe(12);
    expect(fit.bestNodes).toEqual(['n00', 'n01', 'n02', 'n03', 'n04', 'n05', 'n06', 'n07', 'n08', 'n09']);
  });

  it('prefers the node with fewer untolerated PreferNoSchedule taints and more room', () => {
    const nodes = [
      makeNode().name('soft-tainted').capacity({ cpu: '4', memory: '8Gi', pods: '110' }).taints([{ key: 'spot', effect: 'PreferNoSchedule' }]).obj(),
      makeNode().name('busy').capacity({ cpu: '4', memory: '8Gi', pods: '110' }).obj(),
      makeNode().name('idle').capacity({ cpu: '4', memory: '8Gi', pods: '110' }).obj(),
    ];
    const bound = [makePod().name('b').node('busy').req({ cpu: '2', memory: '4Gi' }).obj()];
    const { fit } = evaluate(makePod().req({ cpu: '1', memory: '2Gi' }).obj(), nodes, bound);
    expect(fit.bestNodes).toEqual(['idle', 'busy', 'soft-tainted']);
  });

  it('rejects every node at PreFilter when the pinned node names conflict', () => {
    const pod = makePod()
      .container()
      .requiredNodeAffinityTerm({
        matchFields: [
          { key: 'metadata.name', operator: 'In', values: ['a'] },
          { key: 'metadata.name', operator: 'In', values: ['b'] },
        ],
      })
      .obj();
    const { fit } = evaluate(pod, [makeNode().name('a').capacity(roomy).obj(), makeNode().name('b').capacity(roomy).obj()]);
    expect(fit.message).toBe('0/2 nodes are available: pod affinity terms conflict.');
    expect(fit.nodes.every((v) => v.plugin === 'NodeAffinity' && v.reasons[0] === 'pod affinity terms conflict')).toBe(true);
    expect(fit.reasonCounts).toEqual({ 'pod affinity terms conflict': 2 });
  });

  it('filters only the nodes a metadata.name term pins, as a DaemonSet pod is pinned', () => {
    const nodes = ['a', 'b', 'c'].map((name) => makeNode().name(name).capacity({ cpu: '1', memory: '1Gi', pods: '10' }).obj());
    const pod = makePod()
      .req({ cpu: '2' })
      .requiredNodeAffinityTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['b'] }] })
      .obj();
    const { fit } = evaluate(pod, nodes);
    expect(fit.message).toBe("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].");
    expect(fit.nodes.map((v) => v.plugin)).toEqual(['NodeAffinity', 'NodeResourcesFit', 'NodeAffinity']);
  });

  it('builds the per-node verdicts when first read, as a plain enumerable property', () => {
    const nodes = ['a', 'b'].map((name) => makeNode().name(name).capacity(roomy).obj());
    const { fit } = evaluate(makePod().container().obj(), nodes);
    expect(Object.keys(fit)).toEqual(['feasibleNodes', 'totalNodes', 'message', 'reasonCounts', 'bestNodes', 'nodes']);
    const json = JSON.parse(JSON.stringify(fit)) as { nodes: { name: string }[] };
    expect(json.nodes.map((v) => v.name)).toEqual(['a', 'b']);
    expect(fit.nodes).toBe(fit.nodes);
    fit.nodes = [];
    expect(fit.nodes).toEqual([]);
  });

  it('says kube-scheduler’s error when there are no nodes', () => {
    const { fit } = evaluate(makePod().container().obj(), []);
    expect(fit).toEqual({ feasibleNodes: 0, totalNodes: 0, message: ERR_NO_NODES_AVAILABLE, reasonCounts: {}, bestNodes: [], nodes: [] });
  });

  it('runs PodTopologySpread after NodeResourcesFit', () => {
    const zone = (name: string, z: string) => makeNode().name(name).label('zone', z).capacity(roomy).obj();
    const nodes = [zone('a1', 'a'), zone('b1', 'b')];
    const bound = [0, 1].map((i) => makePod().name(`web-${i}`).label('app', 'web').node('a1').container().obj());
    const base = makePod().label('app', 'web').container().obj();
    const pod: Pod = {
      ...base,
      spec: {
        ...base.spec,
        topologySpreadConstraints: [
          { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } },
        ],
      },
    };
    const { fit } = evaluate(pod, nodes, bound);
    expect(fit.nodes.map((v) => [v.name, v.plugin, v.reasons])).toEqual([
      ['a1', 'PodTopologySpread', [ERR_REASON_CONSTRAINTS_NOT_MATCH]],
      ['b1', null, []],
    ]);
  });

  it('runs InterPodAffinity last', () => {
    const nodes = ['a', 'b'].map((name) => makeNode().name(name).label('kubernetes.io/hostname', name).capacity(roomy).obj());
    const guarded = makePod().name('guarded').node('a').label('app', 'db').container().obj();
    const withAntiAffinity: Pod = {
      ...guarded,
      spec: {
        ...guarded.spec,
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } },
            ],
          },
        },
      },
    };
    const { fit } = evaluate(makePod().label('app', 'web').container().obj(), nodes, [withAntiAffinity]);
    expect(fit.nodes.map((v) => [v.name, v.plugin, v.reasons])).toEqual([
      ['a', 'InterPodAffinity', [ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH]],
      ['b', null, []],
    ]);
  });

  it('keeps every node score within the profile’s range', () => {
    const maxTotal = (3 + 2 + 1 + 1) * 100;
    fc.assert(
      fc.property(
        fc.array(fc.record({ cpu: fc.integer({ min: 1, max: 8000 }), memory: fc.integer({ min: 1, max: 8192 }), soft: fc.boolean() }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.record({ cpu: fc.integer({ min: 0, max: 4000 }), memory: fc.integer({ min: 0, max: 4096 }) }),
        (shapes, request) => {
          const nodes = shapes.map((s, i) =>
            makeNode()
              .name(`n${i}`)
              .capacity({ cpu: `${s.cpu}m`, memory: `${s.memory}Mi`, pods: '110' })
              .taints(s.soft ? [{ key: 'spot', effect: 'PreferNoSchedule' }] : [])
              .obj(),
          );
          const { fit } = evaluate(makePod().req({ cpu: `${request.cpu}m`, memory: `${request.memory}Mi` }).obj(), nodes);
          return fit.nodes.every((v) => (v.fits ? Number.isInteger(v.score) && v.score! >= 0 && v.score! <= maxTotal : v.score === null));
        },
      ),
    );
  });
});
