// -o json (the contract, checked against schema/analysis.schema.json), -o yaml, --brief, and how -f reads
// files, directories and stdin.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { type AnalysisResult, type WorkloadResult } from '@podfit/scheduling';
import { kubectlTable, OK_FIXTURES, REPO_ROOT, runPodfit } from './podfit-binary';

const SCHEMA_PATH = join(REPO_ROOT, 'schema/analysis.schema.json');
const validate = new Ajv({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')),
);

function expectValid(document: unknown): void {
  const ok = validate(document);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const CLUSTER = ['--nodes', 'nodes.json', '--pods', 'pods.json'];

function analyze(...args: string[]): AnalysisResult {
  const run = runPodfit(['analyze', ...args, '-o', 'json']);
  expect(run.stdout.endsWith('}\n')).toBe(true);
  return JSON.parse(run.stdout) as AnalysisResult;
}

function byName(result: AnalysisResult, name: string): WorkloadResult {
  const workload = result.workloads.find((w) => w.name === name);
  if (workload === undefined) throw new Error(`no workload ${name}`);
  return workload;
}

describe('-o json', () => {
  const result = analyze('-f', 'app.yaml', ...CLUSTER);

  it('matches schema/analysis.schema.json', () => {
    expectValid(result);
    expectValid(analyze('-f', 'app.yaml'));
  });

  it('is 2-space indented, and exits as the table does', () => {
    const run = runPodfit(['analyze', '-f', 'app.yaml', ...CLUSTER, '-o', 'json']);
    expect(
      run.stdout.startsWith(
        '{\n  "apiVersion": "podfit.dev/v1",\n  "kind": "Analysis",\n  "workloads": [\n    {\n',
      ),
    ).toBe(true);
    expect(run.code).toBe(1);
  });

  it('lists the workloads in input order, with their documents', () => {
    expect(
      result.workloads.map((w) => [w.kind, w.namespace, w.name, w.replicas, w.source, w.document]),
    ).toEqual([
      ['Deployment', 'storefront', 'web', 3, 'app.yaml', 2],
      ['StatefulSet', 'storefront', 'postgres', 2, 'app.yaml', 4],
      ['DaemonSet', 'monitoring', 'node-exporter', 6, 'app.yaml', 5],
      ['Job', 'storefront', 'search-reindex', 2, 'app.yaml', 6],
      ['CronJob', 'default', 'nightly-report', 1, 'app.yaml', 7],
      ['Pod', 'storefront', 'debug-shell', 1, 'app.yaml', 8],
      ['Deployment', 'ml', 'inference', 2, 'app.yaml', 9],
    ]);
  });

  it('carries the pod requests, limits and QoS worked out by hand', () => {
    expect(result.workloads.map((w) => [w.name, w.pod?.requests, w.pod?.limits, w.pod?.qosClass])).toEqual([
      ['web', { cpu: '600m', memory: '704Mi' }, { cpu: '1', memory: '896Mi' }, 'Burstable'],
      [
        'postgres',
        { cpu: '2', 'ephemeral-storage': '10Gi', memory: '4Gi' },
        { cpu: '2', 'ephemeral-storage': '10Gi', memory: '4Gi' },
        'Guaranteed',
      ],
      ['node-exporter', { cpu: '100m', memory: '180Mi' }, { cpu: '250m', memory: '180Mi' }, 'Burstable'],
      ['search-reindex', { cpu: '2', memory: '16Gi' }, { memory: '16Gi' }, 'Burstable'],
      ['nightly-report', {}, {}, 'BestEffort'],
      ['debug-shell', { cpu: '1250m', memory: '1184Mi' }, { cpu: '2250m', memory: '2208Mi' }, 'Burstable'],
      [
        'inference',
        { cpu: '2', 'ephemeral-storage': '1Gi', memory: '8Gi', 'nvidia.com/gpu': '1' },
        { memory: '8Gi', 'nvidia.com/gpu': '1' },
        'Burstable',
      ],
    ]);
  });

  it("says which term sets web's cpu (migrate beside the sidecar) and memory (the running containers)", () => {
    const web = byName(result, 'web').pod!;
    expect(web.breakdown.cpu).toMatchObject({ from: 'init', container: 'migrate' });
    expect(web.breakdown.memory).toMatchObject({ from: 'containers' });
    expect(Object.fromEntries(web.containers.map((c) => [c.name, c.type]))).toEqual({
      'istio-proxy': 'sidecar',
      migrate: 'init',
      web: 'app',
      'log-shipper': 'app',
    });
    expect(web.sharedVolumes).toEqual([{ volume: 'logs', containers: ['web', 'log-shipper'] }]);
  });

  it("gives the StatefulSet's pod the volume its claim template makes", () => {
    expect(byName(result, 'postgres').pod!.sharedVolumes).toEqual([
      { volume: 'data', containers: ['init-permissions', 'postgres'] },
    ]);
  });

  it("gives every node's verdict, the first failing filter with its reasons", () => {
    const verdicts = byName(result, 'postgres').fit!.nodes.map(({ name, fits, plugin, reasons }) => ({
      name,
      fits,
      plugin,
      reasons,
    }));
    expect(verdicts).toEqual([
      { name: 'cp-1', fits: false, plugin: 'TaintToleration', reasons: ['node(s) had untolerated taint(s)'] },
      { name: 'worker-a', fits: false, plugin: 'NodeResourcesFit', reasons: ['Insufficient cpu'] },
      { name: 'worker-b', fits: true, plugin: null, reasons: [] },
      {
        name: 'worker-c',
        fits: false,
        plugin: 'NodeResourcesFit',
        reasons: ['Insufficient cpu', 'Insufficient memory'],
      },
      { name: 'worker-d', fits: false, plugin: 'NodeUnschedulable', reasons: ['node(s) were unschedulable'] },
      {
        name: 'gpu-1',
        fits: false,
        plugin: 'TaintToleration',
        reasons: ['node(s) had untolerated taint(s)'],
      },
    ]);
    for (const verdict of byName(result, 'postgres').fit!.nodes) {
      expect(verdict.score === null).toBe(!verdict.fits);
    }
  });

  it('counts the reasons of a workload that fits nowhere as the message does', () => {
    const fit = byName(result, 'search-reindex').fit!;
    expect(fit).toMatchObject({ feasibleNodes: 0, totalNodes: 6, bestNodes: [] });
    expect(fit.reasonCounts).toEqual({
      'Insufficient cpu': 2,
      'Insufficient memory': 3,
      'node(s) had untolerated taint(s)': 2,
      'node(s) were unschedulable': 1,
    });
  });

  it('runs the DaemonSet on every node it selects: the cordoned one too, all but the one with port 9100 taken', () => {
    const fit = byName(result, 'node-exporter').fit!;
    expect(fit).toMatchObject({ feasibleNodes: 5, totalNodes: 6 });
    expect(
      fit.nodes.filter((v) => !v.fits).map(({ name, plugin, reasons }) => ({ name, plugin, reasons })),
    ).toEqual([
      {
        name: 'worker-c',
        plugin: 'NodePorts',
        reasons: ["node(s) didn't have free ports for the requested pod ports"],
      },
    ]);
  });

  it('places the GPU workload on the GPU node only', () => {
    const fit = byName(result, 'inference').fit!;
    expect(fit.bestNodes).toEqual(['gpu-1']);
    expect(fit.nodes.map((v) => [v.name, v.plugin])).toEqual([
      ['cp-1', 'TaintToleration'],
      ['worker-a', 'NodeAffinity'],
      ['worker-b', 'NodeAffinity'],
      ['worker-c', 'NodeAffinity'],
      ['worker-d', 'NodeUnschedulable'],
      ['gpu-1', null],
    ]);
  });
});

describe('--brief and -o yaml', () => {
  it('--brief leaves out fit.nodes and nothing else', () => {
    const full = analyze('-f', 'app.yaml', ...CLUSTER);
    const brief = analyze('-f', 'app.yaml', ...CLUSTER, '--brief');
    expectValid(brief);
    for (const workload of brief.workloads) expect(Object.keys(workload.fit!)).not.toContain('nodes');
    const withoutNodes = full.workloads.map(({ fit, ...workload }) => {
      const { nodes: _nodes, ...summary } = fit!;
      return { ...workload, fit: summary };
    });
    expect(brief).toEqual({ ...full, workloads: withoutNodes });
  });

  it('-o yaml holds the same document as -o json', () => {
    for (const extra of [[], ['--brief']]) {
      const yaml = runPodfit(['analyze', '-f', 'app.yaml', ...CLUSTER, '-o', 'yaml', ...extra]);
      expect(yaml.code).toBe(1);
      expect(
        yaml.stdout.startsWith('apiVersion: podfit.dev/v1\nkind: Analysis\nworkloads:\n- kind: Deployment\n'),
      ).toBe(true);
      expect(load(yaml.stdout)).toEqual(analyze('-f', 'app.yaml', ...CLUSTER, ...extra));
    }
  });
});

describe('reading -f', () => {
  let scratch: string;
  const deployment = (name: string) =>
    `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"${name}","namespace":"demo"},` +
    `"spec":{"selector":{"matchLabels":{"app":"${name}"}},"template":{"metadata":{"labels":{"app":"${name}"}},` +
    `"spec":{"containers":[{"name":"app","image":"app:1","resources":{"requests":{"cpu":"1","memory":"1Gi"},"limits":{"memory":"1Gi"}}}]}}}}\n`;
  const row = (name: string) => [
    'demo',
    `deployment/${name}`,
    '1',
    '1',
    '1Gi',
    '<none>',
    '1Gi',
    'Burstable',
    '<none>',
  ];
  const HEADERS = [
    'NAMESPACE',
    'NAME',
    'REPLICAS',
    'CPU REQ',
    'MEM REQ',
    'CPU LIM',
    'MEM LIM',
    'QOS',
    'OTHER',
  ];

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'podfit-read-'));
    mkdirSync(join(scratch, 'sub/deeper'), { recursive: true });
    writeFileSync(join(scratch, 'b.yaml'), deployment('b'));
    writeFileSync(join(scratch, 'a.json'), deployment('a'));
    writeFileSync(join(scratch, 'notes.txt'), 'not: [a manifest\n');
    writeFileSync(join(scratch, 'sub/c.yml'), deployment('c'));
    writeFileSync(join(scratch, 'sub/deeper/d.yaml'), deployment('d'));
    writeFileSync(join(scratch, 'extra.manifest'), deployment('e'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("reads a directory's .json, .yaml and .yml files in name order, not its subdirectories", () => {
    const run = runPodfit(['analyze', '-f', scratch]);
    expect(run).toEqual({ stdout: kubectlTable([HEADERS, row('a'), row('b')]), stderr: '', code: 0 });
  });

  it('-R descends into subdirectories', () => {
    const run = runPodfit(['analyze', '-R', '-f', scratch]);
    expect(run).toEqual({
      stdout: kubectlTable([HEADERS, row('a'), row('b'), row('c'), row('d')]),
      stderr: '',
      code: 0,
    });
    const sources = analyze('-R', '-f', scratch).workloads.map((w) => w.source);
    expect(sources).toEqual(
      ['a.json', 'b.yaml', 'sub/c.yml', 'sub/deeper/d.yaml'].map((file) => join(scratch, file)),
    );
  });

  it('reads a file named explicitly whatever its extension, and several -f in order', () => {
    const run = runPodfit(
      ['analyze', '-f', join(scratch, 'extra.manifest'), '-f', join(scratch, 'b.yaml'), '-f', '-'],
      {
        input: deployment('stdin'),
      },
    );
    expect(run).toEqual({
      stdout: kubectlTable([HEADERS, row('e'), row('b'), row('stdin')]),
      stderr: '',
      code: 0,
    });
  });

  it('reads the inventory from stdin with --nodes -', () => {
    const fromFile = runPodfit([
      'analyze',
      '-f',
      'scoring/batch-runner.yaml',
      '--nodes',
      'scoring/nodes.json',
    ]);
    const fromStdin = runPodfit(['analyze', '-f', 'scoring/batch-runner.yaml', '--nodes', '-'], {
      input: readFileSync(join(OK_FIXTURES, 'scoring/nodes.json')),
    });
    expect(fromStdin).toEqual(fromFile);
    expect(fromStdin.stdout).toContain('   2/3   ');
  });

  it('says so on stderr when the input holds no workload', () => {
    const run = runPodfit(['analyze', '-f', '-'], {
      input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n',
    });
    expect(run).toEqual({ stdout: '', stderr: 'No workloads found.\n', code: 0 });
    const json = runPodfit(['analyze', '-f', '-', '-o', 'json'], {
      input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n',
    });
    expect(json).toEqual({
      stdout: '{\n  "apiVersion": "podfit.dev/v1",\n  "kind": "Analysis",\n  "workloads": []\n}\n',
      stderr: '',
      code: 0,
    });
  });
});
