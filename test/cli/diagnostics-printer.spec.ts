// stderr lines: kubectl's `Warning: …` and `error: …`, ordered as the input is, whatever order they come in.
import { type AnalysisResult, type WorkloadResult } from '@podfit/scheduling';
import { diagnosticLines } from '../../apps/cli/src/output/diagnostics.printer';

const workload = (source: string, document: number, overrides: Partial<WorkloadResult>): WorkloadResult => ({
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  namespace: 'default',
  name: 'web',
  replicas: 1,
  document,
  source,
  pod: null,
  warnings: [],
  ...overrides,
});

describe('diagnosticLines', () => {
  it("prints warnings with their code and errors in kubectl's words", () => {
    const result: AnalysisResult = {
      apiVersion: 'podfit.dev/v1',
      kind: 'Analysis',
      workloads: [
        workload('web.yaml', 2, {
          warnings: [
            {
              code: 'missing-memory-limit',
              path: 'spec.template.spec.containers[0]',
              message: 'no memory limit',
            },
          ],
          errors: [
            {
              path: 'spec.template.spec.containers[1].resources.requests.cpu',
              message: 'invalid quantity "12x"',
            },
          ],
        }),
      ],
    };
    expect(diagnosticLines(result, [], ['web.yaml'])).toEqual([
      'Warning: web.yaml: document 2: spec.template.spec.containers[0]: no memory limit (missing-memory-limit)',
      'error: web.yaml: document 2: spec.template.spec.containers[1].resources.requests.cpu: invalid quantity "12x"',
    ]);
  });

  it('orders lines by source as given, then document, then List item', () => {
    const result: AnalysisResult = {
      apiVersion: 'podfit.dev/v1',
      kind: 'Analysis',
      workloads: [
        workload('a.yaml', 0, { errors: [{ path: 'items[3].spec.replicas', message: 'third' }] }),
        workload('a.yaml', 0, { errors: [{ path: 'items[1].spec.replicas', message: 'first' }] }),
        workload('b.yaml', 0, { errors: [{ path: 'spec.replicas', message: 'b0' }] }),
      ],
    };
    const problems = [
      { file: 'b.yaml', document: 1, path: '', message: 'b1' },
      { file: 'a.yaml', document: 0, path: 'items[2]', message: 'second' },
      { file: 'a.yaml', document: 1, path: '', line: 12, message: 'a1' },
    ];
    expect(diagnosticLines(result, problems, ['b.yaml', 'a.yaml'])).toEqual([
      'error: b.yaml: document 0: spec.replicas: b0',
      'error: b.yaml: document 1: b1',
      'error: a.yaml: document 0: items[1].spec.replicas: first',
      'error: a.yaml: document 0: items[2]: second',
      'error: a.yaml: document 0: items[3].spec.replicas: third',
      'error: a.yaml: document 1: line 12: a1',
    ]);
  });
});
