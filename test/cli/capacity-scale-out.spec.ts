// `podfit capacity scale-out`: the real binary on test/fixtures/ok/capacity. The inventory is nodes.json +
// pods.json (3 nodes of 4 cpu, 8Gi, 110 pods; 2 cpu and 1Gi bound on node-1: room for 1 + 2 + 2 replicas of
// 1500m). templates.yaml, in this order: m5-xlarge (4 cpu, 16Gi, 0.192/h), m5-large (2 cpu, 8Gi, 0.096/h),
// gpu (8 cpu, tainted nvidia.com/gpu=present:NoSchedule, 1.212/h); spare-node.json is a Node of 4 cpu and
// 8Gi without a price. The recommendation is the cheapest option when every option that fits has a price,
// else the fewest nodes; ties go to the first template given. Worked out by hand:
//
// rollout.yaml (api 5 × 1500m/1Gi, then worker 3 × 1 cpu/512Mi) lacks one worker as is (see
// capacity-plan.spec.ts). With one more node of 2 cpu or more, every way the 5 api replicas can land
// (at most 1 on node-1, 2 on node-2, 2 on node-3, 1 or 2 on the new node) leaves whole cpus for at least 3
// workers: (1,2,2,0) leaves 0+1+1+2 with m5-large, (1,2,1,1) 0+1+2+0, (1,1,2,1) 0+2+1+0, (0,2,2,1) 2+1+1+0,
// and more with a 4-cpu node. So m5-xlarge, m5-large and spare each add 1 node. No workload tolerates gpu's
// taint: an empty gpu node does not fit worker's pod, "0/1 nodes are available: 1 node(s) had untolerated
// taint(s).", and no count helps. All priced: m5-large is cheapest (0.096). With spare (no price): the fewest
// nodes, 1 for all three, and the first given is m5-xlarge.
//
// grow.yaml (api 7 × 1500m/1Gi) has room for 5 as is. m5-xlarge takes 2 (4 cpu): 1 node, 0.192/h; m5-large
// takes 1: 2 nodes, 2 × 0.096 = 0.192/h. A tie: m5-xlarge, given first. Every node is then full, whatever the
// order: node-1 1, node-2 2, node-3 2, m5-xlarge-1 2 (3 cpu of 4: 75%, 2Gi of 16Gi: 12%). Cluster 16 cpu,
// 40Gi, 440 pods: before 2 (12%), 1Gi (2%), 1 pod (0%); after 2 + 10.5 = 12500m (78%), 8Gi (20%), 8 pods (1%).
//
// app.yaml fits nodes.json as is: every template adds 0 nodes, at a cost of 0 × price in the price's digits.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { kubectlTable, OK_FIXTURES, REPO_ROOT, runPodfit } from './podfit-binary';

const CAPACITY = join(OK_FIXTURES, 'capacity');
const readSchema = (name: string): object =>
  JSON.parse(readFileSync(join(REPO_ROOT, 'schema', name), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true })
  .addSchema(readSchema('capacity-plan.schema.json'))
  .compile(readSchema('scale-out.schema.json'));

function expectValid(document: unknown): void {
  const ok = validate(document);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const scaleOut = (...args: string[]) => runPodfit(['capacity', 'scale-out', ...args], { cwd: CAPACITY });
const INVENTORY = ['--nodes', 'nodes.json', '--pods', 'pods.json'];
const TEMPLATES = ['--templates', 'templates.yaml'];

const OPTION_HEADERS = ['TEMPLATE', 'NODES TO ADD', 'PRICE/H', 'COST/H', 'REASON'];
const WORKLOAD_HEADERS = ['NAMESPACE', 'NAME', 'WANTED', 'PLACED', 'FITS', 'LIMITED BY', 'STOP REASON'];
const CLUSTER_HEADERS = ['RESOURCE', 'ALLOCATABLE', 'REQUESTED BEFORE', 'REQUESTED AFTER'];
const TAINTED = '0/1 nodes are available: 1 node(s) had untolerated taint(s).';
const gpuReason = (workload: string) =>
  `shop/${workload}: an empty gpu node does not fit its pod: ${TAINTED}`;

describe('podfit capacity scale-out', () => {
  it('prints the nodes to add per template, the one to take, then the plan with it added; exit 0', () => {
    expect(scaleOut('-f', 'rollout.yaml', ...INVENTORY, ...TEMPLATES)).toEqual({
      code: 0,
      stderr: '',
      stdout:
        kubectlTable([
          OPTION_HEADERS,
          ['m5-xlarge', '1', '0.192', '0.192', '<none>'],
          ['m5-large', '1', '0.096', '0.096', '<none>'],
          ['gpu', '<none>', '1.212', '<none>', gpuReason('worker')],
        ]) +
        '\nRecommended: add 1 × m5-large (0.096/h).\n\n' +
        kubectlTable([
          WORKLOAD_HEADERS,
          ['shop', 'deployment/api', '5', '5', 'true', '<none>', '<none>'],
          ['shop', 'deployment/worker', '3', '3', 'true', '<none>', '<none>'],
        ]) +
        '\n' +
        // node-1..3 and m5-large-1: 14 cpu, 32Gi, 440 pods; 2 + 7.5 + 3 = 12500m (89%), 1Gi + 5Gi + 1.5Gi =
        // 7680Mi (23%), 1 + 8 = 9 pods (2%).
        kubectlTable([
          CLUSTER_HEADERS,
          ['cpu', '14', '2 (14%)', '12500m (89%)'],
          ['memory', '32Gi', '1Gi (3%)', '7680Mi (23%)'],
          ['ephemeral-storage', '0', '0 (0%)', '0 (0%)'],
          ['pods', '440', '1 (0%)', '9 (2%)'],
        ]),
    });
  });

  it('takes --templates more than once; with an unpriced option, recommends the fewest nodes, first given', () => {
    const run = scaleOut('-f', 'rollout.yaml', ...INVENTORY, ...TEMPLATES, '--templates', 'spare-node.json');
    expect(run.code).toBe(0);
    expect(run.stdout.slice(0, run.stdout.indexOf('\n\n') + 1)).toBe(
      kubectlTable([
        OPTION_HEADERS,
        ['m5-xlarge', '1', '0.192', '0.192', '<none>'],
        ['m5-large', '1', '0.096', '0.096', '<none>'],
        ['gpu', '<none>', '1.212', '<none>', gpuReason('worker')],
        ['spare', '1', '<none>', '<none>', '<none>'],
      ]),
    );
    expect(run.stdout).toContain('\nRecommended: add 1 × m5-xlarge (0.192/h).\n');
  });

  it('-o wide adds the nodes, the new ones named after their template; a cost tie goes to the first given', () => {
    expect(scaleOut('-f', 'grow.yaml', ...INVENTORY, ...TEMPLATES, '-o', 'wide')).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        kubectlTable([
          OPTION_HEADERS,
          ['m5-xlarge', '1', '0.192', '0.192', '<none>'],
          ['m5-large', '2', '0.096', '0.192', '<none>'],
          ['gpu', '<none>', '1.212', '<none>', gpuReason('api')],
        ]),
        'Recommended: add 1 × m5-xlarge (0.192/h).\n',
        kubectlTable([WORKLOAD_HEADERS, ['shop', 'deployment/api', '7', '7', 'true', '<none>', '<none>']]),
        kubectlTable([
          CLUSTER_HEADERS,
          ['cpu', '16', '2 (12%)', '12500m (78%)'],
          ['memory', '40Gi', '1Gi (2%)', '8Gi (20%)'],
          ['ephemeral-storage', '0', '0 (0%)', '0 (0%)'],
          ['pods', '440', '1 (0%)', '8 (1%)'],
        ]),
        kubectlTable([
          [
            'NODE',
            'PLACED',
            'CPU BEFORE',
            'CPU AFTER',
            'MEMORY BEFORE',
            'MEMORY AFTER',
            'PODS BEFORE',
            'PODS AFTER',
          ],
          ['node-1', '1', '2 (50%)', '3500m (87%)', '1Gi (12%)', '2Gi (25%)', '1 (0%)', '2 (1%)'],
          ['node-2', '2', '0 (0%)', '3 (75%)', '0 (0%)', '2Gi (25%)', '0 (0%)', '2 (1%)'],
          ['node-3', '2', '0 (0%)', '3 (75%)', '0 (0%)', '2Gi (25%)', '0 (0%)', '2 (1%)'],
          ['m5-xlarge-1', '2', '0 (0%)', '3 (75%)', '0 (0%)', '2Gi (12%)', '0 (0%)', '2 (1%)'],
        ]),
      ].join('\n'),
    });
  });

  it('-o json is the ScaleOut report, valid against schema/scale-out.schema.json', () => {
    const run = scaleOut('-f', 'grow.yaml', ...INVENTORY, ...TEMPLATES, '-o', 'json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      plan: { fits: boolean; nodes: { name: string; template: string | null; placed: number }[] };
    };
    expectValid(report);
    expect(report).toMatchObject({
      apiVersion: 'podfit.dev/v1',
      kind: 'ScaleOut',
      fitsAsIs: false,
      options: [
        { template: 'm5-xlarge', nodesToAdd: 1, hourlyPrice: '0.192', hourlyCost: '0.192', reason: null },
        { template: 'm5-large', nodesToAdd: 2, hourlyPrice: '0.096', hourlyCost: '0.192', reason: null },
        {
          template: 'gpu',
          nodesToAdd: null,
          hourlyPrice: '1.212',
          hourlyCost: null,
          reason: gpuReason('api'),
        },
      ],
      recommended: 'm5-xlarge',
      plan: { apiVersion: 'podfit.dev/v1', kind: 'CapacityPlan', fits: true },
    });
    expect(report.plan.nodes.map(({ name, template, placed }) => [name, template, placed])).toEqual([
      ['node-1', null, 1],
      ['node-2', null, 2],
      ['node-3', null, 2],
      ['m5-xlarge-1', 'm5-xlarge', 2],
    ]);
  });

  it('a plan that fits as is adds 0 nodes of every template, and says so; exit 0', () => {
    const run = scaleOut('-f', 'app.yaml', '--nodes', 'nodes.json', ...TEMPLATES);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.slice(0, run.stdout.indexOf('\n\n', run.stdout.indexOf('\n\n') + 2) + 2)).toBe(
      kubectlTable([
        OPTION_HEADERS,
        ['m5-xlarge', '0', '0.192', '0.000', '<none>'],
        ['m5-large', '0', '0.096', '0.000', '<none>'],
        ['gpu', '0', '1.212', '0.000', '<none>'],
      ]) + '\nThe plan fits as it is: no nodes to add.\n\n',
    );
    const report = JSON.parse(
      scaleOut('-f', 'app.yaml', '--nodes', 'nodes.json', ...TEMPLATES, '-o', 'json').stdout,
    ) as unknown;
    expectValid(report);
    expect(report).toMatchObject({ fitsAsIs: true, recommended: 'm5-xlarge', plan: { fits: true } });
  });

  it('exits 1 when no template makes the plan fit, and prints the plan as is', () => {
    expect(scaleOut('-f', 'rollout.yaml', ...INVENTORY, '--templates', 'gpu-template.yaml')).toEqual({
      code: 1,
      stderr: '',
      stdout:
        kubectlTable([OPTION_HEADERS, ['gpu', '<none>', '1.212', '<none>', gpuReason('worker')]]) +
        '\nNo template makes the plan fit.\n\n' +
        kubectlTable([
          WORKLOAD_HEADERS,
          ['shop', 'deployment/api', '5', '5', 'true', '<none>', '<none>'],
          [
            'shop',
            'deployment/worker',
            '3',
            '2',
            'false',
            'cpu',
            '0/3 nodes are available: 3 Insufficient cpu.',
          ],
        ]) +
        '\n' +
        kubectlTable([
          CLUSTER_HEADERS,
          ['cpu', '12', '2 (16%)', '11500m (95%)'],
          ['memory', '24Gi', '1Gi (4%)', '7Gi (29%)'],
          ['ephemeral-storage', '0', '0 (0%)', '0 (0%)'],
          ['pods', '330', '1 (0%)', '8 (2%)'],
        ]),
    });
  });

  const BAD_TEMPLATE = [
    'apiVersion: podfit.dev/v1',
    'kind: NodeTemplate',
    'metadata: {name: m5}',
    'spec:',
    '  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}',
    '  hourlyPrise: "0.1"',
    '',
  ].join('\n');

  it('reads templates strictly: a misspelt field is an error (exit 1); --validate=warn makes it a warning', () => {
    const args = ['-f', 'rollout.yaml', ...INVENTORY, '--templates', '-'];
    expect(runPodfit(['capacity', 'scale-out', ...args], { cwd: CAPACITY, input: BAD_TEMPLATE })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: <stdin>: document 0: spec.hourlyPrise: unknown field "spec.hourlyPrise"\n',
    });
    const warned = runPodfit(['capacity', 'scale-out', ...args, '--validate=warn'], {
      cwd: CAPACITY,
      input: BAD_TEMPLATE,
    });
    expect(warned.code).toBe(0);
    expect(warned.stderr).toBe(
      'Warning: <stdin>: document 0: spec.hourlyPrise: unknown field "spec.hourlyPrise"\n',
    );
    expect(warned.stdout).toContain('\nRecommended: add 1 × m5.\n');
  });

  it.each([
    [
      ['-f', 'rollout.yaml', ...INVENTORY],
      'error: must specify --templates (NodeTemplate or Node manifests of the nodes to add)\n',
    ],
    [['-f', '-', ...INVENTORY, '--templates', '-'], 'error: stdin (-) can be read only once\n'],
    [
      ['-f', 'rollout.yaml', ...INVENTORY, '--templates', 'missing.yaml'],
      'error: the path "missing.yaml" does not exist\n',
    ],
    [
      ['-f', 'rollout.yaml', ...INVENTORY, ...TEMPLATES, '-o', 'bogus'],
      'error: unable to match a printer suitable for the output format "bogus", allowed formats are: csv,html,json,table,wide,yaml\n',
    ],
  ])('exits 2 on bad usage: %j', (args, stderr) => {
    expect(scaleOut(...args)).toEqual({ code: 2, stdout: '', stderr });
  });
});
