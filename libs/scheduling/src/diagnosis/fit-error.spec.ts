// Cases from TestFitError_Error, pkg/scheduler/framework/types_test.go, and the examples derived from
// FitError.Error(), as the conformance corpus (test/fixtures/conformance/cases/messages.json) carries them;
// plus each plugin's reason strings as the corpus quotes them from the newest plugin sources.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MessageExample, type PluginReason } from '../framework/testing/conformance';
import { ERR_REASON as NODE_NAME_REASON } from '../plugins/node-name';
import { ERR_REASON as NODE_PORTS_REASON } from '../plugins/node-ports';
import { ERR_REASON_CONFLICT, ERR_REASON_ENFORCED, ERR_REASON_POD } from '../plugins/node-affinity';
import { ERR_REASON_TOO_MANY_PODS, insufficientResourceReason } from '../plugins/node-resources-fit';
import { ERR_REASON_UNSCHEDULABLE } from '../plugins/node-unschedulable';
import { ERR_REASON_UNTOLERATED_TAINT } from '../plugins/taint-toleration';
import { fitErrorMessage, formatFitError, unsatisfiedPreFilterPluginsReason } from './fit-error';

const messages = JSON.parse(
  readFileSync(join(__dirname, '../../../../test/fixtures/conformance/cases/messages.json'), 'utf8'),
) as { examplesFromTests: MessageExample[]; examplesDerivedFromCode: MessageExample[]; pluginReasons: PluginReason[] };

describe('FitError.Error()', () => {
  it.each([...messages.examplesFromTests, ...messages.examplesDerivedFromCode])('$name', (example) => {
    const message = fitErrorMessage(example.numAllNodes, Object.values(example.nodeReasons), {
      preFilterMsg: example.preFilterMsg,
      postFilterMsg: example.postFilterMsg,
    });
    expect(message).toBe(example.expected);
  });

  it('has the corpus examples', () => {
    expect(messages.examplesFromTests).toHaveLength(8);
    expect(messages.examplesDerivedFromCode).toHaveLength(3);
  });

  it('sorts by bytes, as Go does, not by UTF-16 code units', () => {
    // U+FF21 is EF BC A1 in UTF-8 and U+1F600 is F0 9F 98 80, so Go puts U+FF21 first; UTF-16 code units
    // (FF21 against the surrogate D83D) would put U+1F600 first.
    const counts = new Map([
      ['\u{1F600} reason', 1],
      ['\uFF21 reason', 1],
    ]);
    expect(formatFitError(2, counts)).toBe('0/2 nodes are available: 1 \uFF21 reason, 1 \u{1F600} reason.');
  });

  it('names the plugins whose PreFilter result left a node out', () => {
    expect(unsatisfiedPreFilterPluginsReason(['NodeAffinity'])).toBe("node(s) didn't satisfy plugin(s) [NodeAffinity]");
  });
});

describe('plugin reasons', () => {
  const ours: Record<string, readonly string[]> = {
    NodeResourcesFit: [ERR_REASON_TOO_MANY_PODS, insufficientResourceReason('%v')],
    TaintToleration: [ERR_REASON_UNTOLERATED_TAINT],
    NodeAffinity: [ERR_REASON_POD, ERR_REASON_ENFORCED, ERR_REASON_CONFLICT],
    NodePorts: [NODE_PORTS_REASON],
    NodeUnschedulable: [ERR_REASON_UNSCHEDULABLE],
    NodeName: [NODE_NAME_REASON],
  };
  // The SidecarContainers gate is GA and locked on: its PreFilter rejection no longer exists.
  const modeled = messages.pluginReasons.filter((r) => !r.reason.includes('SidecarContainers feature is disabled'));

  it('covers the corpus', () => expect(modeled).toHaveLength(9));

  it.each(modeled)('$plugin: $reason', ({ plugin, reason }) => {
    expect(ours[plugin]).toContain(reason.split('  (')[0]);
  });
});
