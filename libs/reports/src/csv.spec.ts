import { type HeadroomReport, type PlanReport } from '@podfit/scheduling';
import { csvField } from './csv-cell';
import { renderCsv } from './csv';
import {
  HOSTILE_NODE,
  hostilePlan,
  sampleHeadroom,
  sampleMaxReplicas,
  samplePlan,
  sampleScaleOut,
  usage,
} from './testing/sample-reports';

const lines = (...rows: string[]): string => rows.map((row) => `${row}\r\n`).join('');

const PLAN_HEADER =
  'node,template,placed,' +
  'cpu allocatable,cpu requested before,cpu requested after,cpu percent after,' +
  'memory allocatable,memory requested before,memory requested after,memory percent after,' +
  'pods allocatable,pods requested before,pods requested after,pods percent after';

describe('csvField', () => {
  it.each([
    ['plain text', 'web', 'web'],
    ['a comma is quoted', 'a,b', '"a,b"'],
    ['quotes are doubled', 'say "hi"', '"say ""hi"""'],
    ['LF is quoted', 'two\nlines', '"two\nlines"'],
    ['= gets a quote', '=1+2', "'=1+2"],
    ['+ gets a quote', '+1', "'+1"],
    ['@ gets a quote', '@SUM(A1)', "'@SUM(A1)"],
    ['tab gets a quote', '\tx', "'\tx"],
    ['CR gets a quote and quoting', '\rx', '"\'\rx"'],
    ['- not followed by a digit gets a quote', '-x', "'-x"],
    ['- alone gets a quote', '-', "'-"],
    ['a negative quantity stays', '-500m', '-500m'],
    ['guarded and quoted', '=a,b', '"\'=a,b"'],
    ['= inside stays', 'a=b', 'a=b'],
  ])('%s', (_name, input, want) => {
    expect(csvField(input)).toBe(want);
  });

  it('prints numbers, booleans and null', () => {
    expect([csvField(42), csvField(-3), csvField(true), csvField(false), csvField(null)]).toEqual([
      '42',
      '-3',
      'true',
      'false',
      '',
    ]);
  });
});

describe('renderCsv', () => {
  it('MaxReplicas: one row per workload and node', () => {
    expect(renderCsv(sampleMaxReplicas)).toBe(
      lines(
        'namespace,kind,name,node,replicas',
        'shop,Deployment,web,node-a,4',
        'shop,Deployment,web,node-b,3',
        'shop,Deployment,web,node-c,7',
        'batch,Job,crunch,node-a,333',
        'batch,Job,crunch,node-b,333',
        'batch,Job,crunch,node-c,334',
      ),
    );
  });

  it('MaxReplicas: a workload of which nothing fits has no row', () => {
    const report = {
      ...sampleMaxReplicas,
      workloads: [{ ...sampleMaxReplicas.workloads[0]!, maxReplicas: 0, perNode: {} }],
    };
    expect(renderCsv(report)).toBe(lines('namespace,kind,name,node,replicas'));
  });

  it('CapacityPlan: one row per node, four columns per resource', () => {
    expect(renderCsv(samplePlan)).toBe(
      lines(
        PLAN_HEADER,
        'node-a,,4,4,1,3,75,16Gi,4Gi,8Gi,50,110,5,9,8',
        'node-b,,1,4,2,4,100,16Gi,6Gi,8Gi,50,110,8,9,8',
        'node-c,,6,4,500m,3500m,87,16Gi,2Gi,8Gi,50,110,3,9,8',
      ),
    );
  });

  it('CapacityPlan: resources of every node, in row order, empty where a node has none', () => {
    const plan: PlanReport = {
      ...samplePlan,
      nodes: [
        {
          name: 'cpu-node',
          template: null,
          unschedulable: false,
          placed: 0,
          before: [usage('cpu', '4', '0', '4', 0), usage('pods', '110', '0', '110', 0)],
          after: [usage('cpu', '4', '0', '4', 0), usage('pods', '110', '0', '110', 0)],
        },
        {
          name: 'gpu-node',
          template: null,
          unschedulable: false,
          placed: 1,
          before: [
            usage('cpu', '8', '0', '8', 0),
            usage('nvidia.com/gpu', '2', '0', '2', 0),
            usage('pods', '110', '0', '110', 0),
          ],
          after: [
            usage('cpu', '8', '1', '7', 12),
            usage('nvidia.com/gpu', '2', '1', '1', 50),
            usage('pods', '110', '1', '109', 0),
          ],
        },
      ],
      cluster: { before: [usage('cpu', '12', '0', '12', 0)], after: [usage('cpu', '12', '1', '11', 8)] },
    };
    expect(renderCsv(plan)).toBe(
      lines(
        'node,template,placed,cpu allocatable,cpu requested before,cpu requested after,cpu percent after,' +
          'nvidia.com/gpu allocatable,nvidia.com/gpu requested before,nvidia.com/gpu requested after,nvidia.com/gpu percent after,' +
          'pods allocatable,pods requested before,pods requested after,pods percent after',
        'cpu-node,,0,4,0,0,0,,,,,110,0,0,0',
        'gpu-node,,1,8,0,1,12,2,0,1,50,110,0,1,0',
      ),
    );
  });

  it('ScaleOut: the plan rows, added nodes naming their template', () => {
    expect(renderCsv(sampleScaleOut)).toBe(
      lines(
        PLAN_HEADER,
        'node-a,,4,4,1,3,75,16Gi,4Gi,8Gi,50,110,5,9,8',
        'node-b,,1,4,2,4,100,16Gi,6Gi,8Gi,50,110,8,9,8',
        'node-c,,6,4,500m,3500m,87,16Gi,2Gi,8Gi,50,110,3,9,8',
        'm5.xlarge-1,m5.xlarge,1,4,0,2,50,16Gi,0,2Gi,12,110,0,1,0',
        'm5.xlarge-2,m5.xlarge,1,4,0,2,50,16Gi,0,2Gi,12,110,0,1,0',
      ),
    );
  });

  it('Headroom: one row per node, group and reference pods empty when absent', () => {
    expect(renderCsv(sampleHeadroom)).toBe(
      lines(
        'node,group,unschedulable,referencePods,' +
          'cpu allocatable,cpu requested,cpu free,cpu percent,' +
          'memory allocatable,memory requested,memory free,memory percent,' +
          'pods allocatable,pods requested,pods free,pods percent',
        'node-a,m5.xlarge,false,6,4,1,3,25,16Gi,4Gi,12Gi,25,110,5,105,4',
        'node-b,m5.xlarge,true,0,4,2,2,50,16Gi,6Gi,10Gi,37,110,8,102,7',
        'node-c,c5.2xlarge,false,3,8,6500m,1500m,81,16Gi,3Gi,13Gi,18,110,12,98,10',
        'node-d,,false,1,2,500m,1500m,25,8Gi,7Gi,1Gi,87,110,4,106,3',
      ),
    );
    const bare: HeadroomReport = {
      ...sampleHeadroom,
      groupBy: null,
      referencePod: null,
      nodes: [
        {
          ...sampleHeadroom.nodes[0]!,
          group: null,
          referencePods: null,
          resources: [usage('cpu', '4', '5', '-1', 125)],
        },
      ],
      groups: [],
    };
    expect(renderCsv(bare)).toBe(
      lines(
        'node,group,unschedulable,referencePods,' +
          'cpu allocatable,cpu requested,cpu free,cpu percent,' +
          'memory allocatable,memory requested,memory free,memory percent,' +
          'pods allocatable,pods requested,pods free,pods percent',
        'node-a,,false,,4,5,-1,125,,,,,,,,',
      ),
    );
  });

  it('quotes and guards names from manifests', () => {
    expect(renderCsv(hostilePlan)).toBe(
      lines(
        'node,template,placed,cpu allocatable,cpu requested before,cpu requested after,cpu percent after',
        `"'=HYPERLINK(""http://evil.example"",""x"")",,1,2,0,1,50`,
      ),
    );
    const maxReplicas = {
      ...sampleMaxReplicas,
      workloads: [
        {
          ...sampleMaxReplicas.workloads[0]!,
          namespace: '+ns',
          name: 'a "b", c',
          perNode: { [HOSTILE_NODE]: 2, '@n': 1 },
        },
      ],
    };
    expect(renderCsv(maxReplicas)).toBe(
      lines(
        'namespace,kind,name,node,replicas',
        `'+ns,Deployment,"a ""b"", c","'=HYPERLINK(""http://evil.example"",""x"")",2`,
        `'+ns,Deployment,"a ""b"", c",'@n,1`,
      ),
    );
  });
});
