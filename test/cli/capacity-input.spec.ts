// What every `podfit capacity` subcommand reads: the real binary on test/fixtures/ok/capacity, for the
// inputs a user gets wrong. Counts as in capacity-headroom.spec.ts: 500m + 1Gi reference pods fit 2, 8, 14
// and 1 times on headroom-nodes.json + headroom-pods.json (25 in all); 1Gi alone fits 6, 8, 24 and 1 times.
import { join } from 'node:path';
import { kubectlTable, OK_FIXTURES, runPodfit } from './podfit-binary';

const CAPACITY = join(OK_FIXTURES, 'capacity');
const capacity = (args: readonly string[], input?: string) =>
  runPodfit(['capacity', ...args], { cwd: CAPACITY, input });
const HEADROOM_INVENTORY = ['--nodes', 'headroom-nodes.json', '--pods', 'headroom-pods.json'];

describe('podfit capacity input', () => {
  it('headroom reads --requests given more than once as one list, not the last alone', () => {
    expect(
      capacity(['headroom', ...HEADROOM_INVENTORY, '--requests', 'cpu=500m', '--requests', 'memory=1Gi']),
    ).toEqual({
      code: 0,
      stderr: '',
      stdout: kubectlTable([
        ['GROUP', 'NODES', 'CPU FREE', 'MEMORY FREE', 'PODS FREE', 'REFERENCE PODS'],
        ['TOTAL', '4', '14 (77%)', '42Gi (80%)', '329 (98%)', '25'],
      ]),
    });
    // A later name still replaces an earlier one, as in one list.
    expect(
      capacity([
        'headroom',
        ...HEADROOM_INVENTORY,
        '--requests',
        'cpu=500m',
        '--requests',
        'cpu=0,memory=1Gi',
      ]).stdout,
    ).toBe(
      kubectlTable([
        ['GROUP', 'NODES', 'CPU FREE', 'MEMORY FREE', 'PODS FREE', 'REFERENCE PODS'],
        ['TOTAL', '4', '14 (77%)', '42Gi (80%)', '329 (98%)', '39'],
      ]),
    );
  });

  it.each([
    [['headroom']],
    [['max', '-f', 'app.yaml']],
    [['plan', '-f', 'rollout.yaml']],
    [['scale-out', '-f', 'grow.yaml', '--templates', 'templates.yaml']],
  ])('%j exits 2 on empty --nodes (a `kubectl get nodes` that printed nothing)', (args) => {
    expect(capacity([...args, '--nodes', '-'], '')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: no objects passed to --nodes\n',
    });
    expect(capacity([...args, '--nodes', '-'], ' \n\n')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: no objects passed to --nodes\n',
    });
  });

  it('takes a node list without items: no nodes, as analyze does', () => {
    const run = capacity(['headroom', '--nodes', '-'], '{"apiVersion": "v1", "kind": "List", "items": []}');
    expect(run).toEqual({
      code: 0,
      stderr: '',
      stdout: kubectlTable([
        ['GROUP', 'NODES', 'CPU FREE', 'MEMORY FREE', 'PODS FREE'],
        ['TOTAL', '0', '0 (0%)', '0 (0%)', '0 (0%)'],
      ]),
    });
  });
});
