// Cases from TestNodeName, pkg/scheduler/framework/plugins/nodename/node_name_test.go, as the conformance
// corpus (test/fixtures/conformance/cases/fit.json) carries them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeFitCases, expectedNodeFits, filterEachNode } from '../framework/testing/conformance';
import { nodeName } from './node-name';

const cases = decodeFitCases(
  JSON.parse(readFileSync(join(__dirname, '../../../../test/fixtures/conformance/cases/fit.json'), 'utf8')),
).filter((c) => c.plugin === 'NodeName');

describe('NodeName Filter', () => {
  it('has the corpus cases', () => expect(cases).toHaveLength(3));

  it.each(cases)('$name', (c) => {
    expect(filterEachNode(nodeName, c)).toEqual(expectedNodeFits(c));
  });
});
