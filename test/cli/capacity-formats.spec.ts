// `podfit capacity … -o csv|html`: the four reports through the real binary, on the fixtures whose numbers
// capacity-max, capacity-plan, capacity-scale-out and capacity-headroom.spec.ts work out by hand. The CSV is
// checked cell by cell against those numbers; both formats are also checked to be what libs/reports renders
// of the `-o json` report, with the page's title (the -f files) and inventory (the --nodes and --pods files).
import { join } from 'node:path';
import { renderCsv, renderHtml } from '@podfit/reports';
import { type CapacityReport } from '@podfit/scheduling';
import { OK_FIXTURES, runPodfit } from './podfit-binary';

const CAPACITY = join(OK_FIXTURES, 'capacity');
const capacity = (...args: string[]) => runPodfit(['capacity', ...args], { cwd: CAPACITY });

const INVENTORY = ['--nodes', 'nodes.json', '--pods', 'pods.json'];
const REPORTS = {
  max: {
    args: ['max', '-f', 'app.yaml', '--nodes', 'nodes.json'],
    code: 0,
    title: 'app.yaml',
    inventory: 'nodes.json',
  },
  plan: {
    args: ['plan', '-f', 'rollout.yaml', ...INVENTORY],
    code: 1,
    title: 'rollout.yaml',
    inventory: 'nodes.json + pods.json',
  },
  'scale-out': {
    args: ['scale-out', '-f', 'grow.yaml', ...INVENTORY, '--templates', 'templates.yaml'],
    code: 0,
    title: 'grow.yaml',
    inventory: 'nodes.json + pods.json',
  },
  headroom: {
    args: [
      'headroom',
      '--nodes',
      'headroom-nodes.json',
      '--pods',
      'headroom-pods.json',
      '--group-by',
      'pool',
      '--requests',
      'cpu=500m,memory=1Gi',
    ],
    code: 0,
    title: undefined,
    inventory: 'headroom-nodes.json + headroom-pods.json',
  },
} as const;

/** The CSV's rows as records keyed by the header row's names (no cell here holds a comma or a quote). */
function csvRecords(text: string): Record<string, string>[] {
  expect(text).not.toContain('"');
  expect(text.endsWith('\r\n')).toBe(true);
  const [header, ...rows] = text
    .slice(0, -2)
    .split('\r\n')
    .map((line) => line.split(','));
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
}

function pick(records: readonly Record<string, string>[], columns: readonly string[]): string[][] {
  return records.map((record) => columns.map((column) => record[column]!));
}

describe('podfit capacity -o csv', () => {
  it('max: a row per workload and node, with the replicas placed there', () => {
    const run = capacity(...REPORTS.max.args, '-o', 'csv');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const perNode = (namespace: string, kind: string, name: string, replicas: string) =>
      ['node-1', 'node-2', 'node-3'].map((node) => [namespace, kind, name, node, replicas]);
    expect(pick(csvRecords(run.stdout), ['namespace', 'kind', 'name', 'node', 'replicas'])).toEqual([
      ...perNode('shop', 'Deployment', 'web', '2'),
      ...perNode('shop', 'Deployment', 'cache', '1'),
      ...perNode('kube-system', 'DaemonSet', 'log-agent', '1'),
    ]);
  });

  it('plan: a row per node, before and after; the exit code is the table’s', () => {
    const run = capacity(...REPORTS.plan.args, '-o', 'csv');
    expect(run).toMatchObject({ code: 1, stderr: '' });
    const columns = [
      'node',
      'placed',
      'cpu requested before',
      'cpu requested after',
      'memory requested after',
      'pods requested after',
    ];
    expect(pick(csvRecords(run.stdout), columns)).toEqual([
      ['node-1', '1', '2', '3500m', '2Gi', '2'],
      ['node-2', '3', '0', '4', '2560Mi', '3'],
      ['node-3', '3', '0', '4', '2560Mi', '3'],
    ]);
  });

  it('scale-out: the plan’s nodes with the recommended ones added, named after their template', () => {
    const run = capacity(...REPORTS['scale-out'].args, '-o', 'csv');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(pick(csvRecords(run.stdout), ['node', 'template', 'placed', 'cpu requested after'])).toEqual([
      ['node-1', '', '1', '3500m'],
      ['node-2', '', '2', '3'],
      ['node-3', '', '2', '3'],
      ['m5-xlarge-1', 'm5-xlarge', '2', '3'],
    ]);
  });

  it('headroom: a row per node with its group, what is free and the reference pods that fit', () => {
    const run = capacity(...REPORTS.headroom.args, '-o', 'csv');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const columns = ['node', 'group', 'referencePods', 'cpu free', 'memory free', 'pods free'];
    expect(pick(csvRecords(run.stdout), columns)).toEqual([
      ['pool-a-1', 'a', '2', '1', '6Gi', '109'],
      ['pool-a-2', 'a', '8', '4', '8Gi', '110'],
      ['pool-b-1', 'b', '14', '7', '24Gi', '109'],
      ['edge-1', '', '1', '2', '4Gi', '1'],
    ]);
  });
});

describe.each(Object.entries(REPORTS))('podfit capacity %s', (_, { args, code, title, inventory }) => {
  const jsonReport = () => JSON.parse(capacity(...args, '-o', 'json').stdout) as CapacityReport;

  it('-o csv is what libs/reports renders of the -o json report', () => {
    expect(capacity(...args, '-o', 'csv')).toEqual({ code, stderr: '', stdout: renderCsv(jsonReport()) });
  });

  it('-o html writes one page with its charts to stdout, titled after the -f files', () => {
    const report = jsonReport();
    const run = capacity(...args, '-o', 'html');
    expect(run.code).toBe(code);
    expect(run.stderr).toBe('');
    expect(run.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(run.stdout).toContain('<svg');
    expect(run.stdout).toContain(`inventory ${inventory}`);
    expect(run.stdout).toBe(renderHtml(report, title === undefined ? { inventory } : { title, inventory }));
  });
});
