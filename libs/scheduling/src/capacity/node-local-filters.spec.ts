import { type Pod } from '../api/core-v1';
import { buildClusterState } from '../framework/cluster-state';
import { evaluateFit } from '../framework/evaluate-fit';
import { preparePod } from '../framework/prepare-pod';
import { makeNode, makePod } from '../framework/testing/wrappers';
import { applyPodDefaults } from '../pod/defaults';
import { hasSelfDependentFilters, passesNodeFilters } from './node-local-filters';
import {
  HOSTNAME_KEY,
  ZONE_KEY,
  withAffinity,
  withAntiAffinity,
  withSpread,
} from './testing/placement-builders';

const web = () => makePod().namespace('default').label('app', 'web').req({ cpu: '1' });

function withScheduleAnyway(pod: Pod): Pod {
  const constraint = {
    maxSkew: 1,
    topologyKey: ZONE_KEY,
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: { app: 'web' } },
  };
  return { ...pod, spec: { ...pod.spec, topologySpreadConstraints: [constraint] } };
}

describe('hasSelfDependentFilters', () => {
  it.each<[string, Pod, boolean]>([
    ['a pod without pod affinity or spread constraints', web().obj(), false],
    ['required anti-affinity of its own', withAntiAffinity(web().obj(), HOSTNAME_KEY, { app: 'web' }), true],
    ['required affinity of its own', withAffinity(web().obj(), ZONE_KEY, { app: 'db' }), true],
    ['a DoNotSchedule spread constraint', withSpread(web().obj(), ZONE_KEY, 1, { app: 'web' }), true],
    ['a ScheduleAnyway spread constraint alone (it only scores)', withScheduleAnyway(web().obj()), false],
  ])('%s', (_, pod, expected) => {
    expect(hasSelfDependentFilters(pod)).toBe(expected);
  });
});

describe('passesNodeFilters', () => {
  const nodes = [
    makeNode().name('free').capacity({ cpu: '4', pods: '110' }).obj(),
    makeNode().name('small').capacity({ cpu: '500m', pods: '110' }).obj(),
    makeNode()
      .name('tainted')
      .capacity({ cpu: '4', pods: '110' })
      .taints([{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }])
      .obj(),
    makeNode().name('cordoned').capacity({ cpu: '4', pods: '110' }).unschedulable().obj(),
  ];
  const state = buildClusterState(nodes, []);

  it('decides every node as evaluateFit does, when no filter needs placements', () => {
    const pinned = web().requiredNodeAffinityTerm({
      matchFields: [{ key: 'metadata.name', operator: 'In', values: ['tainted', 'cordoned'] }],
    });
    for (const pod of [web().obj(), pinned.obj(), web().nodeAffinityIn('pool', ['general']).obj()]) {
      const prepared = preparePod(applyPodDefaults(pod));
      const { fit } = evaluateFit(prepared, state);
      expect(state.nodeStates.map((node) => passesNodeFilters(prepared, node))).toEqual(
        fit.nodes.map((verdict) => verdict.fits),
      );
    }
  });

  it('leaves out the filter named in except, and only that one', () => {
    const prepared = preparePod(applyPodDefaults(web().obj()));
    expect(state.nodeStates.map((node) => passesNodeFilters(prepared, node, 'NodeResourcesFit'))).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
