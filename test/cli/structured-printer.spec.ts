// -o json and -o yaml are written one workload at a time; the text must be what one call would print.
import { load } from 'js-yaml';
import { type AnalysisResult, type WorkloadResult } from '@podfit/scheduling';
import { printJson, printYaml } from '../../apps/cli/src/output/structured.printer';

const workload = (name: string, withFit: boolean): WorkloadResult => ({
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  namespace: 'default',
  name,
  replicas: 2,
  document: 0,
  source: 'app "quoted".yaml',
  line: 3,
  pod: {
    requests: { cpu: '1', memory: '1Gi' },
    limits: {},
    qosClass: 'Burstable',
    breakdown: { cpu: { from: 'containers', detail: 'app containers 1\nsecond line' } },
    containers: [{ name: 'app', type: 'app', requests: { cpu: '1' }, limits: {} }],
    sharedVolumes: [],
  },
  ...(withFit
    ? {
        fit: {
          feasibleNodes: 1,
          totalNodes: 2,
          message: null,
          reasonCounts: { 'Insufficient cpu': 1 },
          bestNodes: ['b'],
          nodes: [
            {
              name: 'a',
              fits: false,
              plugin: 'NodeResourcesFit',
              reasons: ['Insufficient cpu'],
              score: null,
            },
            { name: 'b', fits: true, plugin: null, reasons: [], score: 187 },
          ],
        },
      }
    : {}),
  warnings: [{ code: 'missing-memory-limit', path: 'spec.template.spec.containers[0]', message: 'yes: no' }],
});

const analysis = (...workloads: WorkloadResult[]): AnalysisResult => ({
  apiVersion: 'podfit.dev/v1',
  kind: 'Analysis',
  workloads,
});

function collect(print: (write: (text: string) => void) => void): string {
  let text = '';
  print((chunk) => {
    text += chunk;
  });
  return text;
}

const cases = [
  ['no workloads', analysis()],
  ['one workload without fit', analysis(workload('web', false))],
  ['two workloads with fit', analysis(workload('web', true), workload('api', true))],
] as const;

describe('printJson', () => {
  it.each(cases)('%s: prints JSON.stringify(analysis, null, 2)', (_name, result) => {
    expect(collect((write) => printJson(result, { brief: false }, write))).toBe(
      `${JSON.stringify(result, null, 2)}\n`,
    );
  });

  it('--brief drops fit.nodes only', () => {
    const result = analysis(workload('web', true), workload('api', false));
    const { nodes: _nodes, ...fit } = result.workloads[0]!.fit!;
    const expected = analysis({ ...result.workloads[0]!, fit } as WorkloadResult, result.workloads[1]!);
    expect(collect((write) => printJson(result, { brief: true }, write))).toBe(
      `${JSON.stringify(expected, null, 2)}\n`,
    );
  });
});

describe('printYaml', () => {
  it.each(cases)('%s: holds the same document as the JSON', (_name, result) => {
    const yaml = collect((write) => printYaml(result, { brief: false }, write));
    expect(load(yaml)).toEqual(result);
    expect(yaml.startsWith('apiVersion: podfit.dev/v1\nkind: Analysis\nworkloads:')).toBe(true);
  });

  it("puts list items at the key's indentation, as kubectl does", () => {
    const yaml = collect((write) => printYaml(analysis(workload('web', false)), { brief: false }, write));
    expect(yaml).toContain('\nworkloads:\n- kind: Deployment\n  apiVersion: apps/v1\n');
  });
});
