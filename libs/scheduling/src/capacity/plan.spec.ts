// The Plan report: workloads placed together (DaemonSets first), each node's allocation before and after, and
// the cluster's. Placements follow LeastAllocated as simulate-placement.spec.ts works them out; every row is
// worked out by hand as `kubectl describe node` would print it (percent truncated, 29m of 100m is 28%).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { type Node, type Pod } from '../api/core-v1';
import { type WorkloadInput } from '../analysis/workload-input';
import { buildClusterState } from '../framework/cluster-state';
import { makeNode, makePod } from '../framework/testing/wrappers';
import { type PlanReport, type ResourceUsage } from './capacity-reports';
import { HOSTNAME_KEY } from './testing/placement-builders';
import { capacityPlan } from './plan';

const schema = JSON.parse(
  readFileSync(join(__dirname, '../../../../schema/capacity-plan.schema.json'), 'utf8'),
);
const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);

function expectValid(report: PlanReport): void {
  const ok = validate(JSON.parse(JSON.stringify(report)));
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const node = (name: string, capacity: Record<string, string> = { cpu: '4', memory: '8Gi', pods: '110' }) =>
  makeNode().name(name).label(HOSTNAME_KEY, name).capacity(capacity);

function workload(
  kind: string,
  name: string,
  pod: Pod | null,
  replicas: number | null,
  errors: WorkloadInput['errors'] = [],
): WorkloadInput {
  return {
    kind,
    apiVersion: 'apps/v1',
    namespace: 'default',
    name,
    source: 'plan.yaml',
    document: 0,
    podSpecPath: kind === 'PodTemplate' ? 'template.spec' : 'spec.template.spec',
    replicas,
    pod,
    warnings: [],
    errors,
  };
}

const app = (name: string, requests: Record<string, string>) =>
  makePod().namespace('default').label('app', name).req(requests).obj();

const row = (
  resource: string,
  allocatable: string,
  requested: string,
  free: string,
  percent: number,
): ResourceUsage => ({
  resource,
  allocatable,
  requested,
  free,
  percent,
});

function plan(nodes: readonly Node[], bound: readonly Pod[], workloads: readonly WorkloadInput[]) {
  return capacityPlan(workloads, buildClusterState(nodes, bound));
}

describe('capacityPlan', () => {
  it('places the workloads together: two Deployments that each fit alone do not fit together', () => {
    // a (3 × 1500m) goes n1, n2, n1; b's first replica takes n2's last 1500m, its second finds 1000m on each.
    const report = plan(
      [node('n1').obj(), node('n2').obj()],
      [],
      [
        workload('Deployment', 'a', app('a', { cpu: '1500m' }), 3),
        workload('Deployment', 'b', app('b', { cpu: '1500m' }), 2),
      ],
    );
    const head = (name: string) => ({
      kind: 'Deployment',
      namespace: 'default',
      name,
      source: 'plan.yaml',
      document: 0,
    });
    expect(report.fits).toBe(false);
    expect(report.workloads).toEqual([
      {
        ...head('a'),
        requests: { cpu: '1500m' },
        wanted: 3,
        placed: 3,
        fits: true,
        perNode: { n1: 2, n2: 1 },
        limitedBy: [],
        stopMessage: null,
        warnings: [],
      },
      {
        ...head('b'),
        requests: { cpu: '1500m' },
        wanted: 2,
        placed: 1,
        fits: false,
        perNode: { n2: 1 },
        limitedBy: ['cpu'],
        stopMessage: '0/2 nodes are available: 2 Insufficient cpu.',
        warnings: [],
      },
    ]);
    const empty = [
      row('cpu', '4', '0', '4', 0),
      row('memory', '8Gi', '0', '8Gi', 0),
      row('ephemeral-storage', '0', '0', '0', 0),
      row('pods', '110', '0', '110', 0),
    ];
    // Each node ends with 2 × 1500m = 3 cpu (75%) and 2 of 110 pods (1.8%, printed 1).
    const full = [row('cpu', '4', '3', '1', 75), empty[1], empty[2], row('pods', '110', '2', '108', 1)];
    expect(report.nodes).toEqual([
      { name: 'n1', template: null, unschedulable: false, placed: 2, before: empty, after: full },
      { name: 'n2', template: null, unschedulable: false, placed: 2, before: empty, after: full },
    ]);
    expect(report.cluster).toEqual({
      before: [
        row('cpu', '8', '0', '8', 0),
        row('memory', '16Gi', '0', '16Gi', 0),
        row('ephemeral-storage', '0', '0', '0', 0),
        row('pods', '220', '0', '220', 0),
      ],
      after: [
        row('cpu', '8', '6', '2', 75),
        row('memory', '16Gi', '0', '16Gi', 0),
        row('ephemeral-storage', '0', '0', '0', 0),
        row('pods', '220', '4', '216', 1),
      ],
    });
    expectValid(report);
  });

  it('places DaemonSet pods first whatever the input order, and reports each workload in input order', () => {
    // The daemon pods (200m) leave 800m per node: one 500m web replica each, not the two an empty node takes.
    const nodes = ['n1', 'n2'].map((name) => node(name, { cpu: '1', memory: '4Gi', pods: '110' }).obj());
    const placements: [number, string][] = [];
    const report = capacityPlan(
      [
        workload('Deployment', 'web', app('web', { cpu: '500m' }), 4),
        workload('DaemonSet', 'agent', app('agent', { cpu: '200m' }), null),
      ],
      buildClusterState(nodes, []),
      { onPlacement: (w, nodeName) => placements.push([w, nodeName]) },
    );
    expect(placements).toEqual([
      [1, 'n1'],
      [1, 'n2'],
      [0, 'n1'],
      [0, 'n2'],
    ]);
    expect(report.workloads.map((w) => [w.name, w.wanted, w.placed, w.fits, w.stopMessage])).toEqual([
      ['web', 4, 2, false, '0/2 nodes are available: 2 Insufficient cpu.'],
      ['agent', 2, 2, true, null],
    ]);
    expect(report.nodes.map((n) => [n.placed, n.after[0]])).toEqual([
      [2, row('cpu', '1', '700m', '300m', 70)],
      [2, row('cpu', '1', '700m', '300m', 70)],
    ]);
    expectValid(report);
  });

  it('adds the plan to what the bound pods request, exactly: 1500m + 2 × 250m, 1Gi + 2 × 64Mi', () => {
    const nodes = [
      node('n1').obj(),
      node('n2')
        .taints([{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }])
        .obj(),
    ];
    const bound = [
      makePod().node('n1').req({ cpu: '1500m', memory: '1Gi' }).obj(),
      makePod().node('n1').req({ cpu: '1' }).phase('Succeeded').obj(),
    ];
    const report = plan(nodes, bound, [
      workload('Deployment', 'web', app('web', { cpu: '250m', memory: '64Mi' }), 2),
    ]);
    expect(report.nodes[0]).toEqual({
      name: 'n1',
      template: null,
      unschedulable: false,
      placed: 2,
      before: [
        row('cpu', '4', '1500m', '2500m', 37),
        row('memory', '8Gi', '1Gi', '7Gi', 12),
        row('ephemeral-storage', '0', '0', '0', 0),
        row('pods', '110', '1', '109', 0),
      ],
      after: [
        row('cpu', '4', '2', '2', 50),
        row('memory', '8Gi', '1152Mi', '7040Mi', 14),
        row('ephemeral-storage', '0', '0', '0', 0),
        row('pods', '110', '3', '107', 2),
      ],
    });
    expect(report.nodes[1]!.placed).toBe(0);
    expect(report.nodes[1]!.after).toEqual(report.nodes[1]!.before);
    expect(report.cluster.after).toEqual([
      row('cpu', '8', '2', '6', 25),
      row('memory', '16Gi', '1152Mi', '15232Mi', 7),
      row('ephemeral-storage', '0', '0', '0', 0),
      row('pods', '220', '3', '217', 1),
    ]);
    expectValid(report);
  });

  it('truncates percentages as kubectl does, in doubles: 29m of 100m is 28%, and a plan of nothing fits', () => {
    const nodes = ['a', 'b'].map((name) => node(name, { cpu: '50m', pods: '10' }).obj());
    const bound = [
      makePod().node('a').req({ cpu: '14m' }).obj(),
      makePod().node('b').req({ cpu: '15m' }).obj(),
    ];
    const report = plan(nodes, bound, []);
    expect(report.fits).toBe(true);
    expect(report.workloads).toEqual([]);
    expect(report.nodes.map((n) => n.before[0])).toEqual([
      row('cpu', '50m', '14m', '36m', 28),
      row('cpu', '50m', '15m', '35m', 30),
    ]);
    expect(report.cluster.before).toEqual([
      row('cpu', '100m', '29m', '71m', 28),
      row('memory', '0', '0', '0', 0),
      row('ephemeral-storage', '0', '0', '0', 0),
      row('pods', '20', '2', '18', 10),
    ]);
    expect(report.cluster.after).toEqual(report.cluster.before);
    expectValid(report);
  });

  it('counts extended resources and hugepages in rows of their own, before the pods row', () => {
    const nodes = [
      node('g1', {
        cpu: '4',
        memory: '8Gi',
        pods: '110',
        'example.com/gpu': '4',
        'hugepages-2Mi': '1Gi',
      }).obj(),
      node('n2').obj(),
    ];
    const report = plan(
      nodes,
      [],
      [
        workload('Deployment', 'train', app('train', { cpu: '1', 'example.com/gpu': '1' }), 3),
        workload('Deployment', 'fpga', app('fpga', { 'example.com/fpga': '1' }), 1),
      ],
    );
    expect(
      report.workloads.map((w) => [w.name, w.requests, w.placed, w.fits, w.limitedBy, w.stopMessage]),
    ).toEqual([
      ['train', { cpu: '1', 'example.com/gpu': '1' }, 3, true, [], null],
      [
        'fpga',
        { 'example.com/fpga': '1' },
        0,
        false,
        ['example.com/fpga'],
        '0/2 nodes are available: 2 Insufficient example.com/fpga.',
      ],
    ]);
    expect(report.nodes[0]!.after).toEqual([
      row('cpu', '4', '3', '1', 75),
      row('memory', '8Gi', '0', '8Gi', 0),
      row('ephemeral-storage', '0', '0', '0', 0),
      row('hugepages-2Mi', '1Gi', '0', '1Gi', 0),
      row('example.com/gpu', '4', '3', '1', 75),
      row('pods', '110', '3', '107', 2),
    ]);
    expect(report.nodes[1]!.after.map((r) => r.resource)).toEqual([
      'cpu',
      'memory',
      'ephemeral-storage',
      'pods',
    ]);
    expect(report.cluster.after).toEqual([
      row('cpu', '8', '3', '5', 37),
      row('memory', '16Gi', '0', '16Gi', 0),
      row('ephemeral-storage', '0', '0', '0', 0),
      row('hugepages-2Mi', '1Gi', '0', '1Gi', 0),
      row('example.com/gpu', '4', '3', '1', 75),
      row('pods', '220', '3', '217', 1),
    ]);
    expect(report.cluster.before.map((r) => r.resource)).toEqual(report.cluster.after.map((r) => r.resource));
    expectValid(report);
  });

  it('shows a resource the node does not list but a bound pod requests as overcommitted; rows match before and after', () => {
    const bound = [makePod().node('n1').req({ cpu: '500m', 'example.com/foo': '2' }).obj()];
    const report = plan([node('n1', { cpu: '1', pods: '110' }).obj()], bound, [
      workload('Deployment', 'web', app('web', { cpu: '250m', 'example.com/bar': '0' }), 1),
    ]);
    expect(report.nodes[0]!.before.map((r) => r.resource)).toEqual([
      'cpu',
      'memory',
      'ephemeral-storage',
      'example.com/bar',
      'example.com/foo',
      'pods',
    ]);
    expect(report.nodes[0]!.before[3]).toEqual(row('example.com/bar', '0', '0', '0', 0));
    expect(report.nodes[0]!.after[4]).toEqual(row('example.com/foo', '0', '2', '-2', 0));
    expect(report.nodes[0]!.after[0]).toEqual(row('cpu', '1', '750m', '250m', 75));
  });

  it('leaves out invalid workloads and PodTemplates; placements are reported by input index', () => {
    const placements: number[] = [];
    const report = capacityPlan(
      [
        workload('Deployment', 'broken', null, 1, [{ path: 'spec', message: 'Required value' }]),
        workload('PodTemplate', 'template', app('t', { cpu: '100m' }), null),
        workload('Deployment', 'web', app('web', { cpu: '100m' }), 1),
      ],
      buildClusterState([node('n1').obj()], []),
      { onPlacement: (w) => placements.push(w) },
    );
    expect(report.workloads.map((w) => w.name)).toEqual(['web']);
    expect(placements).toEqual([2]);
    expect(report.fits).toBe(true);
  });

  it('joins the simulation warnings to the pod spec path of the document', () => {
    const pod = makePod().namespace('default').label('app', 'web').req({ cpu: '100m' }).obj();
    const spread = {
      ...pod,
      spec: {
        ...pod.spec,
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: HOSTNAME_KEY,
            whenUnsatisfiable: 'ScheduleAnyway',
            labelSelector: { matchLabels: { app: 'web' } },
          },
        ],
      },
    };
    const report = plan([node('n1').obj()], [], [workload('Deployment', 'web', spread, 2)]);
    expect(report.workloads[0]!.warnings.map((w) => [w.code, w.path])).toEqual([
      ['score-not-modeled', 'spec.template.spec.topologySpreadConstraints[0]'],
    ]);
    expectValid(report);
  });

  it('does not count a workload stopped by the replica cap as fitting', () => {
    const report = capacityPlan(
      [workload('Deployment', 'web', app('web', { cpu: '100m' }), 5)],
      buildClusterState([node('n1').obj()], []),
      { replicaCap: 3 },
    );
    expect(report.workloads.map((w) => [w.wanted, w.placed, w.fits, w.stopMessage])).toEqual([
      [5, 3, false, null],
    ]);
    expect(report.fits).toBe(false);
  });

  it("names the template of each node a scale-out added, null for the inventory's, and reports cordoned nodes", () => {
    const nodes = [node('n1').unschedulable().obj(), node('m5-1').obj()];
    const report = capacityPlan(
      [workload('Deployment', 'web', app('web', { cpu: '1' }), 1)],
      buildClusterState(nodes, []),
      {
        templateByNode: new Map([['m5-1', 'm5']]),
      },
    );
    expect(report.nodes.map((n) => [n.name, n.template, n.unschedulable, n.placed])).toEqual([
      ['n1', null, true, 0],
      ['m5-1', 'm5', false, 1],
    ]);
    expectValid(report);
  });
});
