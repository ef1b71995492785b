// The table layer on hand-made results: layout as kubectl prints it, `<none>`/`<unknown>`, wide and brief.
import { type AnalysisResult, type NodeVerdict, type WorkloadResult } from '@podfit/scheduling';
import { printTable as writeTable, type TablePrintOptions } from '../../apps/cli/src/output/table.printer';
import { formatTable } from '../../apps/cli/src/output/tab-writer';
import { kubectlTable } from './podfit-binary';
import { workloadResult } from './result-builders';

const workload = (overrides: Partial<WorkloadResult>) =>
  workloadResult({ namespace: 'default', replicas: 1, ...overrides });

function analysis(...workloads: WorkloadResult[]): AnalysisResult {
  return { apiVersion: 'podfit.dev/v1', kind: 'Analysis', workloads };
}

const fits = (name: string, score: number): NodeVerdict => ({
  name,
  fits: true,
  plugin: null,
  reasons: [],
  score,
});
const fails = (name: string, plugin: NodeVerdict['plugin'], ...reasons: string[]): NodeVerdict => ({
  name,
  fits: false,
  plugin,
  reasons,
  score: null,
});

function printTable(result: AnalysisResult, options: TablePrintOptions): string {
  let text = '';
  writeTable(result, options, (chunk) => {
    text += chunk;
  });
  return text;
}

const HEADERS = ['NAMESPACE', 'NAME', 'REPLICAS', 'CPU REQ', 'MEM REQ', 'CPU LIM', 'MEM LIM', 'QOS', 'OTHER'];

describe("kubectlTable (the tests' own oracle)", () => {
  it('pads to the widest cell plus 3, at least 6, and leaves the last cell alone', () => {
    expect(
      kubectlTable([
        ['NAME', 'READY', 'AGE'],
        ['web-1', '1/1', '5d'],
        ['a', '0/1', '12m'],
      ]),
    ).toBe('NAME    READY   AGE\n' + 'web-1   1/1     5d\n' + 'a       0/1     12m\n');
    expect(kubectlTable([['a', 'b', 'c']])).toBe('a     b     c\n');
  });
});

describe('formatTable', () => {
  it('writes <none> for empty cells', () => {
    expect(formatTable(['A', 'B'], [['', '']])).toBe('A        B\n<none>   <none>\n');
  });

  it("keeps kubectl's minimum column width of 6 without headers", () => {
    expect(
      formatTable(null, [
        ['1', '2', 'x'],
        ['22', '3', 'y'],
      ]),
    ).toBe('1     2     x\n22    3     y\n');
  });

  it('prints nothing for no rows and no headers', () => {
    expect(formatTable(null, [])).toBe('');
  });

  it('lays out a table of many slices to the widths of the whole table', () => {
    const rows = Array.from({ length: 12_001 }, (_, i) => [
      `node-${i}`,
      i === 12_000 ? 'a-much-longer-cell' : 'x',
      'end',
    ]);
    const lines = formatTable(['NODE', 'VALUE', 'LAST'], rows).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(12_002);
    expect(new Set(lines.map((line) => line.indexOf(line.endsWith('LAST') ? 'LAST' : 'end')))).toEqual(
      new Set(['node-12000'.length + 3 + 'a-much-longer-cell'.length + 3]),
    );
  });
});

describe('printTable', () => {
  const plain = { wide: false, headers: true, brief: false };

  it('prints one row per valid workload, kind in lower case, other resources joined', () => {
    const gpu = workload({
      kind: 'StatefulSet',
      namespace: 'ml',
      name: 'trainer',
      replicas: 2,
      pod: {
        requests: { cpu: '2', 'ephemeral-storage': '1Gi', memory: '8Gi', 'nvidia.com/gpu': '1' },
        limits: { cpu: '2', memory: '8Gi', 'nvidia.com/gpu': '1' },
        qosClass: 'Guaranteed',
        breakdown: {},
        containers: [],
        sharedVolumes: [],
      },
    });
    expect(printTable(analysis(workload({}), gpu), plain)).toBe(
      kubectlTable([
        HEADERS,
        ['default', 'deployment/web', '1', '250m', '64Mi', '<none>', '128Mi', 'Burstable', '<none>'],
        [
          'ml',
          'statefulset/trainer',
          '2',
          '2',
          '8Gi',
          '2',
          '8Gi',
          'Guaranteed',
          'ephemeral-storage=1Gi,nvidia.com/gpu=1',
        ],
      ]),
    );
  });

  it('leaves invalid workloads to stderr, and prints nothing when none is valid', () => {
    const invalid = workload({
      name: 'broken',
      pod: null,
      errors: [{ path: 'spec.replicas', message: 'bad' }],
    });
    expect(printTable(analysis(invalid), plain)).toBe('');
    expect(printTable(analysis(invalid, workload({})), plain)).toBe(
      kubectlTable([
        HEADERS,
        ['default', 'deployment/web', '1', '250m', '64Mi', '<none>', '128Mi', 'Burstable', '<none>'],
      ]),
    );
  });

  it("says <unknown> for a DaemonSet's replicas without nodes, <none> for a PodTemplate's", () => {
    const daemonSet = workload({ kind: 'DaemonSet', name: 'agent', replicas: null });
    const template = workload({ kind: 'PodTemplate', name: 'tpl', replicas: null });
    expect(printTable(analysis(daemonSet, template), { ...plain, headers: false })).toBe(
      kubectlTable([
        ['default', 'daemonset/agent', '<unknown>', '250m', '64Mi', '<none>', '128Mi', 'Burstable', '<none>'],
        ['default', 'podtemplate/tpl', '<none>', '250m', '64Mi', '<none>', '128Mi', 'Burstable', '<none>'],
      ]),
    );
  });

  const fitted = workload({
    fit: {
      feasibleNodes: 2,
      totalNodes: 3,
      message: null,
      reasonCounts: { 'Insufficient cpu': 1 },
      bestNodes: ['node-c', 'node-b'],
      nodes: [
        fits('node-b', 180),
        fails('node-a', 'NodeResourcesFit', 'Insufficient cpu', 'Insufficient memory'),
        fits('node-c', 210),
      ],
    },
  });
  const unplaceable = workload({
    name: 'big',
    fit: {
      feasibleNodes: 0,
      totalNodes: 3,
      message: '0/3 nodes are available: 3 Insufficient memory.',
      reasonCounts: { 'Insufficient memory': 3 },
      bestNodes: [],
      nodes: [
        fails('node-b', 'NodeResourcesFit', 'Insufficient memory'),
        fails('node-a', 'NodeResourcesFit', 'Insufficient memory'),
        fails('node-c', 'NodeResourcesFit', 'Insufficient memory'),
      ],
    },
  });

  it('adds NODES and MESSAGE when nodes were given', () => {
    expect(printTable(analysis(fitted, unplaceable), plain)).toBe(
      kubectlTable([
        [...HEADERS, 'NODES', 'MESSAGE'],
        [
          'default',
          'deployment/web',
          '1',
          '250m',
          '64Mi',
          '<none>',
          '128Mi',
          'Burstable',
          '<none>',
          '2/3',
          '<none>',
        ],
        [
          'default',
          'deployment/big',
          '1',
          '250m',
          '64Mi',
          '<none>',
          '128Mi',
          'Burstable',
          '<none>',
          '0/3',
          '0/3 nodes are available: 3 Insufficient memory.',
        ],
      ]),
    );
  });

  it("wide: adds BEST NODE, then every node's verdict, feasible ones best first", () => {
    const workloads = kubectlTable([
      [...HEADERS, 'NODES', 'BEST NODE', 'MESSAGE'],
      [
        'default',
        'deployment/web',
        '1',
        '250m',
        '64Mi',
        '<none>',
        '128Mi',
        'Burstable',
        '<none>',
        '2/3',
        'node-c',
        '<none>',
      ],
      [
        'default',
        'deployment/big',
        '1',
        '250m',
        '64Mi',
        '<none>',
        '128Mi',
        'Burstable',
        '<none>',
        '0/3',
        '<none>',
        '0/3 nodes are available: 3 Insufficient memory.',
      ],
    ]);
    const verdicts = kubectlTable([
      ['NAMESPACE', 'NAME', 'NODE', 'FITS', 'PLUGIN', 'REASONS', 'SCORE'],
      ['default', 'deployment/web', 'node-c', 'true', '<none>', '<none>', '210'],
      ['default', 'deployment/web', 'node-b', 'true', '<none>', '<none>', '180'],
      [
        'default',
        'deployment/web',
        'node-a',
        'false',
        'NodeResourcesFit',
        'Insufficient cpu, Insufficient memory',
        '<none>',
      ],
      ['default', 'deployment/big', 'node-b', 'false', 'NodeResourcesFit', 'Insufficient memory', '<none>'],
      ['default', 'deployment/big', 'node-a', 'false', 'NodeResourcesFit', 'Insufficient memory', '<none>'],
      ['default', 'deployment/big', 'node-c', 'false', 'NodeResourcesFit', 'Insufficient memory', '<none>'],
    ]);
    expect(printTable(analysis(fitted, unplaceable), { ...plain, wide: true })).toBe(
      `${workloads}\n${verdicts}`,
    );
  });

  it('wide --brief: leaves the node verdicts out', () => {
    const text = printTable(analysis(fitted), { wide: true, headers: true, brief: true });
    expect(text).toBe(
      kubectlTable([
        [...HEADERS, 'NODES', 'BEST NODE', 'MESSAGE'],
        [
          'default',
          'deployment/web',
          '1',
          '250m',
          '64Mi',
          '<none>',
          '128Mi',
          'Burstable',
          '<none>',
          '2/3',
          'node-c',
          '<none>',
        ],
      ]),
    );
  });

  it('breaks equal scores by node name', () => {
    const tied = workload({
      fit: {
        feasibleNodes: 2,
        totalNodes: 2,
        message: null,
        reasonCounts: {},
        bestNodes: ['a', 'b'],
        nodes: [fits('b', 100), fits('a', 100)],
      },
    });
    const lines = printTable(analysis(tied), { wide: true, headers: false, brief: false }).split('\n');
    expect(lines.slice(2, 4).map((line) => line.split(/ +/)[2])).toEqual(['a', 'b']);
  });
});
