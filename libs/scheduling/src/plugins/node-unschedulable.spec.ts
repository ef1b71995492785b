// Cases from TestNodeUnschedulable, pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable_test.go,
// as the conformance corpus (test/fixtures/conformance/cases/fit.json) carries them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeFitCases, expectedNodeFits, filterEachNode } from '../framework/testing/conformance';
import { nodeUnschedulable, toleratesUnschedulable } from './node-unschedulable';

const cases = decodeFitCases(
  JSON.parse(readFileSync(join(__dirname, '../../../../test/fixtures/conformance/cases/fit.json'), 'utf8')),
).filter((c) => c.plugin === 'NodeUnschedulable');

describe('NodeUnschedulable Filter', () => {
  it('has the corpus cases', () => expect(cases).toHaveLength(3));

  it.each(cases)('$name', (c) => {
    expect(filterEachNode(nodeUnschedulable, c)).toEqual(expectedNodeFits(c));
  });

  it.each([
    { name: 'no tolerations', tolerations: [], want: false },
    { name: 'Exists on the key, any effect', tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists' }], want: true },
    { name: 'tolerate everything', tolerations: [{ operator: 'Exists' }], want: true },
    { name: 'NoExecute only', tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' as const }], want: false },
  ])('toleratesUnschedulable: $name', ({ tolerations, want }) => {
    expect(toleratesUnschedulable(tolerations)).toBe(want);
  });
});
