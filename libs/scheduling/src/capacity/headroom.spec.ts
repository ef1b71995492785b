// The Headroom report: per node and per node group, what is left, in resources (as `kubectl describe node`
// sums them) and in copies of a reference pod that still fit on each node alone. Counts are worked out by hand
// from the default profile's node filters (pkg/scheduler/framework/plugins: nodeunschedulable, nodename,
// tainttoleration, nodeaffinity, nodeports, noderesources fitsRequest, interpodaffinity, podtopologyspread).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { type Node, type Pod } from '../api/core-v1';
import { buildClusterState } from '../framework/cluster-state';
import { makeNode, makePod } from '../framework/testing/wrappers';
import { type HeadroomReport, type ResourceUsage } from './capacity-reports';
import { HOSTNAME_KEY, withAntiAffinity, withSpread } from './testing/placement-builders';
import { headroom } from './headroom';

const schema = JSON.parse(readFileSync(join(__dirname, '../../../../schema/headroom.schema.json'), 'utf8'));
const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);

function expectValid(report: HeadroomReport): void {
  const ok = validate(JSON.parse(JSON.stringify(report)));
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const TYPE_KEY = 'node.kubernetes.io/instance-type';

const node = (name: string, capacity: Record<string, string> = { cpu: '4', memory: '8Gi', pods: '110' }) =>
  makeNode().name(name).label(HOSTNAME_KEY, name).capacity(capacity);

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

const web = (requests: Record<string, string> = { cpu: '100m' }) =>
  makePod().namespace('default').label('app', 'web').req(requests);

describe('headroom', () => {
  it('sums each group of the label exactly, groups in byte order, the nodes without the label last', () => {
    const nodes = [
      node('a').label(TYPE_KEY, 'm5').obj(),
      node('b', { cpu: '2', memory: '4Gi', pods: '110' }).label(TYPE_KEY, 'c5').obj(),
      node('c').label(TYPE_KEY, 'm5').obj(),
      node('d', { cpu: '1', memory: '2Gi', pods: '110' }).obj(),
    ];
    const bound = [
      makePod().node('a').req({ cpu: '1500m', memory: '2Gi' }).obj(),
      makePod().node('c').req({ cpu: '500m', memory: '1Gi' }).obj(),
    ];
    // 500m + 1Gi: a has 2500m and 6Gi free (5 by cpu), b 2 cpu and 4Gi (4), c 3500m and 7Gi (7), d 1 and 2Gi (2).
    const report = headroom(buildClusterState(nodes, bound), {
      groupBy: TYPE_KEY,
      referencePod: web({ cpu: '500m', memory: '1Gi' }).obj(),
    });
    expect(report.referencePod).toEqual({ requests: { cpu: '500m', memory: '1Gi' } });
    expect(report.nodes.map((n) => [n.name, n.group, n.referencePods])).toEqual([
      ['a', 'm5', 5],
      ['b', 'c5', 4],
      ['c', 'm5', 7],
      ['d', null, 2],
    ]);
    expect(report.nodes[0]!.resources).toEqual([
      row('cpu', '4', '1500m', '2500m', 37),
      row('memory', '8Gi', '2Gi', '6Gi', 25),
      row('ephemeral-storage', '0', '0', '0', 0),
      row('pods', '110', '1', '109', 0),
    ]);
    const noStorage = row('ephemeral-storage', '0', '0', '0', 0);
    expect(report.groups).toEqual([
      {
        group: 'c5',
        nodes: 1,
        resources: [
          row('cpu', '2', '0', '2', 0),
          row('memory', '4Gi', '0', '4Gi', 0),
          noStorage,
          row('pods', '110', '0', '110', 0),
        ],
        referencePods: 4,
      },
      {
        group: 'm5',
        nodes: 2,
        // 3Gi of 16Gi is 18.75%, printed 18; 2 of 220 pods 0.9%, printed 0.
        resources: [
          row('cpu', '8', '2', '6', 25),
          row('memory', '16Gi', '3Gi', '13Gi', 18),
          noStorage,
          row('pods', '220', '2', '218', 0),
        ],
        referencePods: 12,
      },
      {
        group: null,
        nodes: 1,
        resources: [
          row('cpu', '1', '0', '1', 0),
          row('memory', '2Gi', '0', '2Gi', 0),
          noStorage,
          row('pods', '110', '0', '110', 0),
        ],
        referencePods: 2,
      },
    ]);
    expect(report.total).toEqual({
      group: null,
      nodes: 4,
      // 2 of 11 cpu is 18.18%; 3Gi of 22Gi 13.6%.
      resources: [
        row('cpu', '11', '2', '9', 18),
        row('memory', '22Gi', '3Gi', '19Gi', 13),
        noStorage,
        row('pods', '440', '2', '438', 0),
      ],
      referencePods: 18,
    });
    expectValid(report);
  });

  it('orders label values as bytes (upper case first) and keeps an empty value apart from a missing label', () => {
    const nodes = [
      node('n1').label('pool', 'a-pool').obj(),
      node('n2').label('pool', 'B-pool').obj(),
      node('n3').label('pool', '').obj(),
      node('n4').obj(),
    ];
    const report = headroom(buildClusterState(nodes, []), { groupBy: 'pool', referencePod: null });
    expect(report.groups.map((g) => [g.group, g.nodes])).toEqual([
      ['', 1],
      ['B-pool', 1],
      ['a-pool', 1],
      [null, 1],
    ]);
  });

  it('without a group-by label or reference pod: no groups, no counts, the total alone', () => {
    const nodes = [node('n1').label(TYPE_KEY, 'm5').obj(), node('n2').unschedulable().obj()];
    const report = headroom(buildClusterState(nodes, []), { groupBy: null, referencePod: null });
    expect(report.groupBy).toBeNull();
    expect(report.referencePod).toBeNull();
    expect(report.groups).toEqual([]);
    expect(report.nodes.map((n) => [n.name, n.group, n.unschedulable, n.referencePods])).toEqual([
      ['n1', null, false, null],
      ['n2', null, true, null],
    ]);
    expect(report.total).toMatchObject({ group: null, nodes: 2, referencePods: null });
    expect(report.total.resources[0]).toEqual(row('cpu', '8', '0', '8', 0));
    expectValid(report);
  });

  it('shows an overcommitted node with negative free and room for no reference pod', () => {
    const bound = [makePod().node('n1').req({ cpu: '4500m', memory: '1Gi' }).obj()];
    const report = headroom(buildClusterState([node('n1').obj()], bound), {
      groupBy: null,
      referencePod: web({ memory: '1Gi' }).req({ cpu: '1m' }).obj(),
    });
    expect(report.nodes[0]!.resources[0]).toEqual(row('cpu', '4', '4500m', '-500m', 112));
    expect(report.nodes[0]!.referencePods).toBe(0);
    expect(report.referencePod).toEqual({ requests: { cpu: '1m', memory: '1Gi' } });
    expectValid(report);
  });

  interface CountCase {
    readonly name: string;
    readonly node: Node;
    readonly bound?: readonly Pod[];
    readonly pod: Pod;
    readonly want: number;
  }

  const tolerate = (key: string, effect: 'NoSchedule' | 'NoExecute') => ({
    key,
    operator: 'Exists' as const,
    effect,
  });

  it.each<CountCase>([
    {
      name: 'an empty node of 4 cpu holds 40 pods of 100m',
      node: node('n1').obj(),
      pod: web().obj(),
      want: 40,
    },
    {
      name: 'the bound pods count: 1500m and 2 pods of 250m leave 2 cpu',
      node: node('n1').obj(),
      bound: [
        makePod().node('n1').req({ cpu: '1500m' }).obj(),
        ...[1, 2].map(() => makePod().node('n1').req({ cpu: '250m' }).obj()),
      ],
      pod: web().obj(),
      want: 20,
    },
    { name: 'a cordoned node takes none', node: node('n1').unschedulable().obj(), pod: web().obj(), want: 0 },
    {
      name: 'a cordoned node takes a pod tolerating node.kubernetes.io/unschedulable',
      node: node('n1').unschedulable().obj(),
      pod: web().toleration(tolerate('node.kubernetes.io/unschedulable', 'NoSchedule')).obj(),
      want: 40,
    },
    {
      name: 'an untolerated NoSchedule taint',
      node: node('n1')
        .taints([{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }])
        .obj(),
      pod: web().obj(),
      want: 0,
    },
    {
      name: 'an untolerated NoExecute taint',
      node: node('n1')
        .taints([{ key: 'dedicated', value: 'db', effect: 'NoExecute' }])
        .obj(),
      pod: web().obj(),
      want: 0,
    },
    {
      name: 'a tolerated NoSchedule taint',
      node: node('n1')
        .taints([{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }])
        .obj(),
      pod: web().toleration(tolerate('dedicated', 'NoSchedule')).obj(),
      want: 40,
    },
    {
      name: 'a PreferNoSchedule taint only ranks nodes',
      node: node('n1')
        .taints([{ key: 'dedicated', value: 'db', effect: 'PreferNoSchedule' }])
        .obj(),
      pod: web().obj(),
      want: 40,
    },
    {
      name: 'a nodeSelector the node does not match',
      node: node('n1').obj(),
      pod: web().nodeSelector({ disk: 'ssd' }).obj(),
      want: 0,
    },
    {
      name: 'a nodeSelector the node matches',
      node: node('n1').label('disk', 'ssd').obj(),
      pod: web().nodeSelector({ disk: 'ssd' }).obj(),
      want: 40,
    },
    {
      name: 'required node affinity pinning another node by metadata.name',
      node: node('n1').obj(),
      pod: web()
        .requiredNodeAffinityTerm({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] })
        .obj(),
      want: 0,
    },
    {
      name: 'a pod with a host port: its first copy takes the port',
      node: node('n1').obj(),
      pod: web().hostPort(8080).obj(),
      want: 1,
    },
    {
      name: 'a host port a bound pod holds',
      node: node('n1').obj(),
      bound: [makePod().node('n1').hostPort(8080).obj()],
      pod: web().hostPort(8080).obj(),
      want: 0,
    },
    {
      name: 'the pod count: 5 allowed, 3 bound',
      node: node('n1', { cpu: '4', memory: '8Gi', pods: '5' }).obj(),
      bound: [1, 2, 3].map(() => makePod().node('n1').obj()),
      pod: web().obj(),
      want: 2,
    },
    {
      name: 'a node that lists no pods takes none',
      node: node('n1', { cpu: '4', memory: '8Gi' }).obj(),
      pod: web().obj(),
      want: 0,
    },
    {
      name: 'a pod requesting nothing: the pod count alone',
      node: node('n1').obj(),
      bound: [makePod().node('n1').req({ cpu: '4' }).obj()],
      pod: makePod().container().obj(),
      want: 109,
    },
    {
      name: 'memory in whole bytes: 4Gi free holds 2 pods of 1.5Gi',
      node: node('n1', { cpu: '4', memory: '4Gi', pods: '110' }).obj(),
      pod: web({ memory: '1.5Gi' }).obj(),
      want: 2,
    },
    {
      name: 'cpu in millicores rounded up: 0.5m counts as 1m, so 4 cpu hold 4000',
      node: node('n1', { cpu: '4', memory: '8Gi', pods: '5000' }).obj(),
      pod: web({ cpu: '0.5m' }).obj(),
      want: 4000,
    },
    {
      name: 'an extended resource: 4 gpu with 1 in use hold 3 pods of 1',
      node: node('n1', { cpu: '4', memory: '8Gi', pods: '110', 'example.com/gpu': '4' }).obj(),
      bound: [makePod().node('n1').req({ 'example.com/gpu': '1' }).obj()],
      pod: web({ cpu: '100m', 'example.com/gpu': '1' }).obj(),
      want: 3,
    },
    {
      name: 'an extended resource the node does not list',
      node: node('n1').obj(),
      pod: web({ cpu: '100m', 'example.com/gpu': '1' }).obj(),
      want: 0,
    },
    {
      name: 'a zero request of a resource the node does not list is not checked',
      node: node('n1').obj(),
      pod: web({ cpu: '100m', 'example.com/gpu': '0' }).obj(),
      want: 40,
    },
    {
      name: 'hugepages in whole bytes: 1Gi of 2Mi pages holds 512 pods of 2Mi',
      node: node('n1', { cpu: '4', memory: '8Gi', pods: '1000', 'hugepages-2Mi': '1Gi' }).obj(),
      pod: web({ memory: '1Mi', 'hugepages-2Mi': '2Mi' }).obj(),
      want: 512,
    },
    {
      name: "a bound pod's required anti-affinity selects the pod",
      node: node('n1').obj(),
      bound: [withAntiAffinity(makePod().node('n1').label('app', 'db').obj(), HOSTNAME_KEY, { app: 'web' })],
      pod: web().obj(),
      want: 0,
    },
    {
      name: "a bound pod's required anti-affinity selects other pods",
      node: node('n1').obj(),
      bound: [
        withAntiAffinity(makePod().node('n1').label('app', 'db').obj(), HOSTNAME_KEY, { app: 'cache' }),
      ],
      pod: web().obj(),
      want: 40,
    },
    {
      name: "the pod's own anti-affinity on the hostname: one copy per node",
      node: node('n1').obj(),
      pod: withAntiAffinity(web().obj(), HOSTNAME_KEY, { app: 'web' }),
      want: 1,
    },
    {
      name: 'a spread constraint over the hostname: one node is one domain, no skew',
      node: node('n1').obj(),
      pod: withSpread(web().obj(), HOSTNAME_KEY, 1, { app: 'web' }),
      want: 40,
    },
    {
      name: 'a spread constraint over a key the node lacks',
      node: node('n1').obj(),
      pod: withSpread(web().obj(), 'topology.kubernetes.io/zone', 1, { app: 'web' }),
      want: 0,
    },
  ])('counts the reference pods a node still takes: $name', ({ node: n, bound = [], pod, want }) => {
    const report = headroom(buildClusterState([n], bound), { groupBy: null, referencePod: pod });
    expect(report.nodes[0]!.referencePods).toBe(want);
    expect(report.total.referencePods).toBe(want);
  });

  it('counts each node alone: a bound pod on another node does not hold its host port', () => {
    const nodes = [node('n1').obj(), node('n2').obj()];
    const bound = [makePod().node('n1').hostPort(8080).obj()];
    const report = headroom(buildClusterState(nodes, bound), {
      groupBy: null,
      referencePod: web().hostPort(8080).obj(),
    });
    expect(report.nodes.map((n) => n.referencePods)).toEqual([0, 1]);
    expect(report.total.referencePods).toBe(1);
  });
});
