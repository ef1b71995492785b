// Cases from TestEnoughRequests, TestNotEnoughRequests and TestStorageRequests,
// pkg/scheduler/framework/plugins/noderesources/fit_test.go, as the conformance corpus
// (test/fixtures/conformance/cases/fit.json) carries them: reasons, status code, and the
// requested/used/capacity of each insufficient resource.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildClusterState } from '../framework/cluster-state';
import { preparePod } from '../framework/prepare-pod';
import { decodeFitCases, expectedNodeFits, filterEachNode } from '../framework/testing/conformance';
import { makeNode, makePod } from '../framework/testing/wrappers';
import { applyPodDefaults } from '../pod/defaults';
import { ERR_REASON_TOO_MANY_PODS, fitsRequest, newNodeResourcesFit, nodeResourcesFit } from './node-resources-fit';

const cases = decodeFitCases(
  JSON.parse(readFileSync(join(__dirname, '../../../../test/fixtures/conformance/cases/fit.json'), 'utf8')),
).filter((c) => c.plugin === 'NodeResourcesFit');

describe('NodeResourcesFit Filter', () => {
  it('has the corpus cases', () => expect(cases).toHaveLength(43));

  it.each(cases)('$name', (c) => {
    expect(filterEachNode(newNodeResourcesFit(c.pluginArgs ?? {}), c)).toEqual(expectedNodeFits(c));
  });

  it.each(cases.filter((c) => Object.values(c.expected).some((e) => e.insufficientResources !== undefined)))(
    'insufficient resources: $name',
    (c) => {
      const cluster = buildClusterState(c.nodes, c.existingPods);
      const pod = preparePod(applyPodDefaults(c.pod));
      const ignored = new Set(c.pluginArgs?.ignoredResources ?? []);
      const ignoredGroups = new Set(c.pluginArgs?.ignoredResourceGroups ?? []);
      for (const node of cluster.nodeStates) {
        const got = fitsRequest(pod.resourceRequest, node, ignored, ignoredGroups).map(
          ({ resourceName, reason, requested, used, capacity }) => ({ resourceName, reason, requested, used, capacity }),
        );
        expect(got).toEqual(c.expected[node.name]!.insufficientResources ?? []);
      }
    },
  );

  it('checks the pod count even for a pod that requests nothing', () => {
    const node = makeNode().name('full').capacity({ cpu: '1', memory: '1Gi', pods: '1' }).obj();
    const cluster = buildClusterState([node], [makePod().name('p').node('full').container().obj()]);
    const status = nodeResourcesFit.filter(preparePod(makePod().container().obj()), cluster.nodeStates[0]!);
    expect(status).toEqual({ code: 'Unschedulable', reasons: [ERR_REASON_TOO_MANY_PODS] });
  });

  it('does not count Succeeded or Failed pods, nor pods bound to unknown nodes', () => {
    const node = makeNode().name('n').capacity({ cpu: '1', memory: '1Gi', pods: '1' }).obj();
    const bound = [
      makePod().name('done').node('n').req({ cpu: '1' }).phase('Succeeded').obj(),
      makePod().name('failed').node('n').req({ cpu: '1' }).phase('Failed').obj(),
      makePod().name('elsewhere').node('other').req({ cpu: '1' }).obj(),
    ];
    const cluster = buildClusterState([node], bound);
    const status = nodeResourcesFit.filter(preparePod(makePod().req({ cpu: '1' }).obj()), cluster.nodeStates[0]!);
    expect(status.code).toBe('Success');
  });

  // Property: more allocatable never turns a fitting node away.
  it('a pod that fits a node still fits a node with more allocatable', () => {
    const amount = fc.integer({ min: 0, max: 64_000 });
    fc.assert(
      fc.property(
        fc.record({ cpu: amount, memory: amount, pods: fc.integer({ min: 0, max: 5 }), gpu: fc.integer({ min: 0, max: 4 }) }),
        fc.record({ cpu: amount, memory: amount, pods: fc.integer({ min: 0, max: 5 }), gpu: fc.integer({ min: 0, max: 4 }) }),
        fc.array(fc.record({ cpu: amount, memory: amount }), { maxLength: 4 }),
        fc.record({ cpu: amount, memory: amount, gpu: fc.integer({ min: 0, max: 4 }) }),
        (allocatable, extra, boundRequests, request) => {
          const node = (name: string, add: boolean) =>
            makeNode()
              .name(name)
              .capacity({
                cpu: `${allocatable.cpu + (add ? extra.cpu : 0)}m`,
                memory: `${allocatable.memory + (add ? extra.memory : 0)}Mi`,
                pods: `${allocatable.pods + (add ? extra.pods : 0)}`,
                'example.com/gpu': `${allocatable.gpu + (add ? extra.gpu : 0)}`,
              })
              .obj();
          const bound = boundRequests.flatMap((r, i) => [
            makePod().name(`small-${i}`).node('small').req({ cpu: `${r.cpu}m`, memory: `${r.memory}Mi` }).obj(),
            makePod().name(`large-${i}`).node('large').req({ cpu: `${r.cpu}m`, memory: `${r.memory}Mi` }).obj(),
          ]);
          const cluster = buildClusterState([node('small', false), node('large', true)], bound);
          const pod = preparePod(
            makePod()
              .req({ cpu: `${request.cpu}m`, memory: `${request.memory}Mi`, 'example.com/gpu': `${request.gpu}` })
              .obj(),
          );
          const fitsSmall = nodeResourcesFit.filter(pod, cluster.nodeStates[0]!).code === 'Success';
          const fitsLarge = nodeResourcesFit.filter(pod, cluster.nodeStates[1]!).code === 'Success';
          return !fitsSmall || fitsLarge;
        },
      ),
    );
  });
});
