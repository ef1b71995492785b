// `podfit capacity headroom`: the real binary on test/fixtures/ok/capacity/headroom-nodes.json and
// headroom-pods.json. Worked out by hand (free = allocatable - requested of the bound pods; a share of
// allocatable is truncated as kubectl describe node truncates; no ephemeral-storage anywhere, its rows at 0):
//
// | node     | pool | allocatable cpu/memory/pods | bound                  | free             | pods of 500m + 1Gi      |
// | pool-a-1 | a    | 4 / 8Gi / 110               | db-0 3 cpu, 2Gi        | 1 / 6Gi / 109    | min(2, 6, 109) = 2      |
// | pool-a-2 | a    | 4 / 8Gi / 110               | -                      | 4 / 8Gi / 110    | min(8, 8, 110) = 8      |
// | pool-b-1 | b    | 8 / 32Gi / 110              | cache-0 1 cpu, 8Gi     | 7 / 24Gi / 109   | min(14, 24, 109) = 14   |
// | edge-1   | -    | 2 / 4Gi / 4                 | 3 pods requesting none | 2 / 4Gi / 1      | min(4, 4, 1) = 1        |
//
// Groups by `pool`: a = 5 of 8 cpu (62%), 14Gi of 16Gi (87%), 219 of 220 pods (99%), 10 reference pods;
// b = 7 (87%), 24Gi (75%), 109 (99%), 14; no label (edge-1) = 2 (100%), 4Gi (100%), 1 of 4 (25%), 1.
// Total: 14 of 18 cpu (77%), 42Gi of 52Gi (80%), 329 of 334 pods (98%), 25 reference pods.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { kubectlTable, OK_FIXTURES, REPO_ROOT, runPodfit } from './podfit-binary';

const CAPACITY = join(OK_FIXTURES, 'capacity');
const validate = new Ajv({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(join(REPO_ROOT, 'schema/headroom.schema.json'), 'utf8')),
);

function expectValid(document: unknown): void {
  const ok = validate(document);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const headroom = (...args: string[]) => runPodfit(['capacity', 'headroom', ...args], { cwd: CAPACITY });
const INVENTORY = ['--nodes', 'headroom-nodes.json', '--pods', 'headroom-pods.json'];
const REFERENCE = ['--requests', 'cpu=500m,memory=1Gi'];

const GROUP_HEADERS = ['GROUP', 'NODES', 'CPU FREE', 'MEMORY FREE', 'PODS FREE', 'REFERENCE PODS'];
const GROUP_ROWS = [
  ['a', '2', '5 (62%)', '14Gi (87%)', '219 (99%)', '10'],
  ['b', '1', '7 (87%)', '24Gi (75%)', '109 (99%)', '14'],
  ['<none>', '1', '2 (100%)', '4Gi (100%)', '1 (25%)', '1'],
  ['TOTAL', '4', '14 (77%)', '42Gi (80%)', '329 (98%)', '25'],
];

const usage = (resource: string, allocatable: string, requested: string, free: string, percent: number) => ({
  resource,
  allocatable,
  requested,
  free,
  percent,
});
const NO_EPHEMERAL_STORAGE = usage('ephemeral-storage', '0', '0', '0', 0);
const POOL_B_1 = [
  usage('cpu', '8', '1', '7', 12),
  usage('memory', '32Gi', '8Gi', '24Gi', 25),
  NO_EPHEMERAL_STORAGE,
  usage('pods', '110', '1', '109', 0),
];
const EDGE_1 = [
  usage('cpu', '2', '0', '2', 0),
  usage('memory', '4Gi', '0', '4Gi', 0),
  NO_EPHEMERAL_STORAGE,
  usage('pods', '4', '3', '1', 75),
];

describe('podfit capacity headroom', () => {
  it('prints what is left per group and in total, and how many reference pods still fit; exit 0', () => {
    expect(headroom(...INVENTORY, '--group-by', 'pool', ...REFERENCE)).toEqual({
      code: 0,
      stderr: '',
      stdout: kubectlTable([GROUP_HEADERS, ...GROUP_ROWS]),
    });
  });

  it('-o wide adds a row per node, in inventory order; --no-headers leaves out both headers', () => {
    const nodeRows = [
      ['pool-a-1', 'a', '1 (25%)', '6Gi (75%)', '109 (99%)', '2'],
      ['pool-a-2', 'a', '4 (100%)', '8Gi (100%)', '110 (100%)', '8'],
      ['pool-b-1', 'b', '7 (87%)', '24Gi (75%)', '109 (99%)', '14'],
      ['edge-1', '<none>', '2 (100%)', '4Gi (100%)', '1 (25%)', '1'],
    ];
    const nodeHeaders = ['NODE', 'GROUP', 'CPU FREE', 'MEMORY FREE', 'PODS FREE', 'REFERENCE PODS'];
    expect(headroom(...INVENTORY, '--group-by', 'pool', ...REFERENCE, '-o', 'wide').stdout).toBe(
      `${kubectlTable([GROUP_HEADERS, ...GROUP_ROWS])}\n${kubectlTable([nodeHeaders, ...nodeRows])}`,
    );
    expect(
      headroom(...INVENTORY, '--group-by', 'pool', ...REFERENCE, '-o', 'wide', '--no-headers').stdout,
    ).toBe(`${kubectlTable(GROUP_ROWS)}\n${kubectlTable(nodeRows)}`);
  });

  it('without --group-by and a reference pod: the total alone, without the REFERENCE PODS column', () => {
    expect(headroom(...INVENTORY)).toEqual({
      code: 0,
      stderr: '',
      stdout: kubectlTable([
        ['GROUP', 'NODES', 'CPU FREE', 'MEMORY FREE', 'PODS FREE'],
        ['TOTAL', '4', '14 (77%)', '42Gi (80%)', '329 (98%)'],
      ]),
    });
    // Without --pods nothing is requested: everything is free.
    expect(headroom('--nodes', 'headroom-nodes.json').stdout).toBe(
      kubectlTable([
        ['GROUP', 'NODES', 'CPU FREE', 'MEMORY FREE', 'PODS FREE'],
        ['TOTAL', '4', '18 (100%)', '52Gi (100%)', '334 (100%)'],
      ]),
    );
  });

  it('-o json is the Headroom report, valid against schema/headroom.schema.json; -o yaml the same', () => {
    const run = headroom(...INVENTORY, '--group-by', 'pool', ...REFERENCE, '-o', 'json');
    expect(run.code).toBe(0);
    const report: unknown = JSON.parse(run.stdout);
    expectValid(report);
    expect(report).toEqual({
      apiVersion: 'podfit.dev/v1',
      kind: 'Headroom',
      groupBy: 'pool',
      referencePod: { requests: { cpu: '500m', memory: '1Gi' } },
      nodes: [
        {
          name: 'pool-a-1',
          group: 'a',
          unschedulable: false,
          resources: [
            usage('cpu', '4', '3', '1', 75),
            usage('memory', '8Gi', '2Gi', '6Gi', 25),
            NO_EPHEMERAL_STORAGE,
            usage('pods', '110', '1', '109', 0),
          ],
          referencePods: 2,
        },
        {
          name: 'pool-a-2',
          group: 'a',
          unschedulable: false,
          resources: [
            usage('cpu', '4', '0', '4', 0),
            usage('memory', '8Gi', '0', '8Gi', 0),
            NO_EPHEMERAL_STORAGE,
            usage('pods', '110', '0', '110', 0),
          ],
          referencePods: 8,
        },
        { name: 'pool-b-1', group: 'b', unschedulable: false, resources: POOL_B_1, referencePods: 14 },
        { name: 'edge-1', group: null, unschedulable: false, resources: EDGE_1, referencePods: 1 },
      ],
      groups: [
        {
          group: 'a',
          nodes: 2,
          resources: [
            usage('cpu', '8', '3', '5', 37),
            usage('memory', '16Gi', '2Gi', '14Gi', 12),
            NO_EPHEMERAL_STORAGE,
            usage('pods', '220', '1', '219', 0),
          ],
          referencePods: 10,
        },
        { group: 'b', nodes: 1, resources: POOL_B_1, referencePods: 14 },
        { group: null, nodes: 1, resources: EDGE_1, referencePods: 1 },
      ],
      total: {
        group: null,
        nodes: 4,
        resources: [
          usage('cpu', '18', '4', '14', 22),
          usage('memory', '52Gi', '10Gi', '42Gi', 19),
          NO_EPHEMERAL_STORAGE,
          usage('pods', '334', '5', '329', 1),
        ],
        referencePods: 25,
      },
    });
    expect(load(headroom(...INVENTORY, '--group-by', 'pool', ...REFERENCE, '-o', 'yaml').stdout)).toEqual(
      report,
    );
  });

  it('-f takes the reference pod from a manifest of one workload (reference.yaml: 500m and 1Gi)', () => {
    const run = headroom(...INVENTORY, '--group-by', 'pool', '-f', 'reference.yaml');
    expect(run).toEqual({ code: 0, stderr: '', stdout: kubectlTable([GROUP_HEADERS, ...GROUP_ROWS]) });
    const report = JSON.parse(headroom(...INVENTORY, '-f', 'reference.yaml', '-o', 'json').stdout) as unknown;
    expectValid(report);
    expect(report).toMatchObject({
      referencePod: { requests: { cpu: '500m', memory: '1Gi' } },
      groupBy: null,
    });
  });

  it('-f with an invalid workload prints its errors as analyze does and exits 1', () => {
    expect(
      runPodfit(['capacity', 'headroom', ...INVENTORY, '-f', '-'], {
        cwd: CAPACITY,
        input:
          'apiVersion: v1\nkind: Pod\nmetadata: {name: ref}\nspec:\n  containers:\n  - {name: a, image: a, resources: {requests: {cpu: "-1"}}}\n',
      }),
    ).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: <stdin>: document 0: spec.containers[0].resources.requests.cpu: Invalid value: "-1": must be greater than or equal to 0\n',
    });
  });

  it.each([
    [['--requests', 'cpu'], 'error: --requests: "cpu" is not name=quantity\n'],
    [['--requests', 'cpu=1=2'], 'error: --requests: "cpu=1=2" is not name=quantity\n'],
    [
      ['--requests', 'cpu=12x,memory=1Gi'],
      `error: --requests: requests.cpu: invalid quantity "12x": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n`,
    ],
    [
      ['--requests', 'memory=-1Gi'],
      'error: --requests: requests.memory: Invalid value: "-1Gi": must be greater than or equal to 0\n',
    ],
    [['-f', 'app.yaml'], 'error: -f must hold exactly one workload (the reference pod), not 3\n'],
    [
      ['-f', 'reference.yaml', ...REFERENCE],
      'error: give the reference pod as --requests or as -f, not both\n',
    ],
    [
      ['--group-by', 'pool!'],
      `error: --group-by "pool!": must be a label key: a name of at most 63 characters (alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric), with an optional DNS subdomain prefix and '/'\n`,
    ],
    [
      ['-o', 'bogus'],
      'error: unable to match a printer suitable for the output format "bogus", allowed formats are: csv,html,json,table,wide,yaml\n',
    ],
  ])('exits 2 on bad usage: %j', (args, stderr) => {
    expect(headroom(...INVENTORY, ...args)).toEqual({ code: 2, stdout: '', stderr });
  });

  it('needs --nodes', () => {
    expect(headroom(...REFERENCE)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: must specify --nodes (`kubectl get nodes -o json`)\n',
    });
  });
});
