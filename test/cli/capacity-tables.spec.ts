// The capacity table printers on hand-made reports: what the CLI tests' fixtures do not reach.
import { type HeadroomReport, type ResourceUsage } from '@podfit/scheduling';
import { printHeadroomTable } from '../../apps/cli/src/output/headroom-table.printer';
import { kubectlTable } from './podfit-binary';

const usage = (resource: string, allocatable: string, requested: string, free: string): ResourceUsage => ({
  resource,
  allocatable,
  requested,
  free,
  percent: 0,
});

function headroomTable(resources: ResourceUsage[]): string {
  const node = { group: null, nodes: 1, resources, referencePods: null };
  const report: HeadroomReport = {
    apiVersion: 'podfit.dev/v1',
    kind: 'Headroom',
    groupBy: null,
    referencePod: null,
    nodes: [{ name: 'node-1', group: null, unschedulable: false, resources, referencePods: null }],
    groups: [],
    total: node,
  };
  let text = '';
  printHeadroomTable(report, { wide: false, headers: true }, (chunk) => {
    text += chunk;
  });
  return text;
}

describe('printHeadroomTable', () => {
  it('gives the free share by the percent rule of the report: float64 and truncated, as kubectl', () => {
    // kubectl describe node: int64(float64(29) / float64(100) * 100) = int64(28.999999999999996) = 28.
    // Memory and pods in whole units, so 1Gi of 3Gi is 33%; overcommitted cpu is a negative share.
    expect(
      headroomTable([
        usage('cpu', '100m', '71m', '29m'),
        usage('memory', '3Gi', '2Gi', '1Gi'),
        usage('pods', '110', '3', '107'),
      ]),
    ).toBe(
      kubectlTable([
        ['GROUP', 'NODES', 'CPU FREE', 'MEMORY FREE', 'PODS FREE'],
        ['TOTAL', '1', '29m (28%)', '1Gi (33%)', '107 (97%)'],
      ]),
    );
    expect(headroomTable([usage('cpu', '4', '4500m', '-500m')])).toBe(
      kubectlTable([
        ['GROUP', 'NODES', 'CPU FREE', 'MEMORY FREE', 'PODS FREE'],
        ['TOTAL', '1', '-500m (-12%)', '<none>', '<none>'],
      ]),
    );
  });

  it('gives a resource with nothing allocatable 0%', () => {
    expect(headroomTable([usage('cpu', '0', '0', '0')])).toBe(
      kubectlTable([
        ['GROUP', 'NODES', 'CPU FREE', 'MEMORY FREE', 'PODS FREE'],
        ['TOTAL', '1', '0 (0%)', '<none>', '<none>'],
      ]),
    );
  });
});
