// -o wide on test/fixtures/ok/scoring/: the best node and every node's score, worked out by hand in
// test/cli/README.md (LeastAllocated + BalancedAllocation + 3 x TaintToleration + 2 x NodeAffinity).
import { kubectlTable, runPodfit } from './podfit-binary';

const ARGS = ['analyze', '-f', 'scoring/batch-runner.yaml', '--nodes', 'scoring/nodes.json'];
const HEADERS = ['NAMESPACE', 'NAME', 'REPLICAS', 'CPU REQ', 'MEM REQ', 'CPU LIM', 'MEM LIM', 'QOS', 'OTHER'];
const POD = ['default', 'pod/batch-runner', '1', '1', '2Gi', '<none>', '2Gi', 'Burstable', '<none>'];
const UNTOLERATED = 'node(s) had untolerated taint(s)';

describe('podfit analyze -o wide', () => {
  it("adds the best node, then each node's verdict and score, best first", () => {
    const run = runPodfit([...ARGS, '-o', 'wide']);
    const workloads = kubectlTable([
      [...HEADERS, 'NODES', 'BEST NODE', 'MESSAGE'],
      [...POD, '2/3', 'small', '<none>'],
    ]);
    const verdicts = kubectlTable([
      ['NAMESPACE', 'NAME', 'NODE', 'FITS', 'PLUGIN', 'REASONS', 'SCORE'],
      ['default', 'pod/batch-runner', 'small', 'true', '<none>', '<none>', '650'],
      ['default', 'pod/batch-runner', 'large', 'true', '<none>', '<none>', '487'],
      ['default', 'pod/batch-runner', 'tainted', 'false', 'TaintToleration', UNTOLERATED, '<none>'],
    ]);
    expect(run).toEqual({ stdout: `${workloads}\n${verdicts}`, stderr: '', code: 0 });
  });

  it('--brief keeps the best node and drops the verdicts; --no-headers drops both header lines', () => {
    expect(runPodfit([...ARGS, '-o', 'wide', '--brief']).stdout).toBe(
      kubectlTable([
        [...HEADERS, 'NODES', 'BEST NODE', 'MESSAGE'],
        [...POD, '2/3', 'small', '<none>'],
      ]),
    );
    expect(runPodfit([...ARGS, '-o', 'wide', '--no-headers']).stdout).toBe(
      `${kubectlTable([[...POD, '2/3', 'small', '<none>']])}\n${kubectlTable([
        ['default', 'pod/batch-runner', 'small', 'true', '<none>', '<none>', '650'],
        ['default', 'pod/batch-runner', 'large', 'true', '<none>', '<none>', '487'],
        ['default', 'pod/batch-runner', 'tainted', 'false', 'TaintToleration', UNTOLERATED, '<none>'],
      ])}`,
    );
  });

  it('-o json ranks the feasible nodes by the same scores', () => {
    const fit = JSON.parse(runPodfit([...ARGS, '-o', 'json']).stdout).workloads[0].fit;
    expect(fit).toEqual({
      feasibleNodes: 2,
      totalNodes: 3,
      message: null,
      reasonCounts: { [UNTOLERATED]: 1 },
      bestNodes: ['small', 'large'],
      nodes: [
        { name: 'small', fits: true, plugin: null, reasons: [], score: 650 },
        { name: 'large', fits: true, plugin: null, reasons: [], score: 487 },
        { name: 'tainted', fits: false, plugin: 'TaintToleration', reasons: [UNTOLERATED], score: null },
      ],
    });
  });
});
