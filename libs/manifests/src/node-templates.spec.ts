import { type NodeTemplate } from '@podfit/scheduling';
import { ManifestError, type ManifestProblem } from './errors';
import { readNodeTemplates } from './node-templates';

const REGEX_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const PRICE_DETAIL = 'must be a non-negative decimal number, such as "0.192"';

/** The template with quantities as strings, for comparison. */
function plain(template: NodeTemplate) {
  const { status } = template.node;
  const strings = (list: object | undefined) =>
    list === undefined ? undefined : Object.fromEntries(Object.entries(list).map(([k, q]) => [k, String(q)]));
  return {
    ...template,
    node: {
      ...template.node,
      status: {
        ...(status.allocatable !== undefined ? { allocatable: strings(status.allocatable) } : {}),
        ...(status.capacity !== undefined ? { capacity: strings(status.capacity) } : {}),
      },
    },
  };
}

function read(content: string, options = {}) {
  return readNodeTemplates([{ name: 't.yaml', content }], options).map(plain);
}

function problems(content: string, options = {}): string[] {
  try {
    readNodeTemplates([{ name: 't.yaml', content }], options);
  } catch (error) {
    if (error instanceof ManifestError && error.code === 'invalid-manifest') {
      return error.problems.map((p) => `${p.document}: ${p.path}: ${p.message}`);
    }
    throw error;
  }
  throw new Error('no error');
}

const TEMPLATE = `apiVersion: podfit.dev/v1
kind: NodeTemplate
metadata:
  name: m5-xlarge
  labels: {node.kubernetes.io/instance-type: m5.xlarge, topology.kubernetes.io/zone: eu-west-1a}
spec:
  taints: [{key: dedicated, value: batch, effect: NoSchedule}]
  allocatable: {cpu: 3920m, memory: 15Gi, pods: "58"}
  hourlyPrice: "0.192"
  maxNodes: 50
`;

/** A NodeTemplate with `spec` lines replacing the default spec. */
const withSpec = (spec: string, name = 'm5') =>
  `apiVersion: podfit.dev/v1\nkind: NodeTemplate\nmetadata: {name: ${name}}\nspec:\n${spec}\n`;

describe('readNodeTemplates', () => {
  it('reads a NodeTemplate: name, labels, taints, allocatable, price as written, maxNodes', () => {
    expect(read(TEMPLATE)).toEqual([
      {
        name: 'm5-xlarge',
        node: {
          metadata: {
            name: 'm5-xlarge',
            labels: {
              'node.kubernetes.io/instance-type': 'm5.xlarge',
              'topology.kubernetes.io/zone': 'eu-west-1a',
            },
          },
          spec: { taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }] },
          status: { allocatable: { cpu: '3920m', memory: '15Gi', pods: '58' } },
        },
        hourlyPrice: '0.192',
        maxNodes: 50,
      },
    ]);
  });

  it.each([
    ['"1.10"', '1.10'],
    ['0.5', '0.5'],
    ['2', '2'],
    ['1.10', '1.1'],
    ['null', null],
  ])('takes hourlyPrice: %s as %j', (written, price) => {
    const [template] = read(withSpec(`  allocatable: {pods: "10"}\n  hourlyPrice: ${written}`));
    expect([template!.hourlyPrice, template!.maxNodes]).toEqual([price, null]);
  });

  it('reads a Node as a template: named by instance type, priced and limited by annotations, not cordoned', () => {
    const node = `apiVersion: v1
kind: Node
metadata:
  name: ip-10-0-1-23.eu-west-1.compute.internal
  labels: {kubernetes.io/hostname: ip-10-0-1-23, node.kubernetes.io/instance-type: m5.xlarge}
  annotations: {podfit.dev/hourly-price: "0.192", podfit.dev/max-nodes: "20", note: kept out}
spec:
  unschedulable: true
  taints: [{key: dedicated, value: batch, effect: NoSchedule, timeAdded: "2024-01-01T00:00:00Z"}]
  providerID: aws:///eu-west-1a/i-0abc
status:
  allocatable: {cpu: 3920m, memory: 15Gi, pods: "58"}
  capacity: {cpu: "4", memory: 16Gi, pods: "58"}
  conditions: [{type: Ready, status: "True"}]
`;
    expect(read(node)).toEqual([
      {
        name: 'm5.xlarge',
        node: {
          metadata: {
            name: 'ip-10-0-1-23.eu-west-1.compute.internal',
            labels: {
              'kubernetes.io/hostname': 'ip-10-0-1-23',
              'node.kubernetes.io/instance-type': 'm5.xlarge',
            },
          },
          spec: { taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }] },
          status: {
            allocatable: { cpu: '3920m', memory: '15Gi', pods: '58' },
            capacity: { cpu: '4', memory: '16Gi', pods: '58' },
          },
        },
        hourlyPrice: '0.192',
        maxNodes: 20,
      },
    ]);
  });

  it('flattens Lists, mixing both forms, in input order; a Node without instance type is named after itself', () => {
    const list = JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: { name: 'gpu-node' },
          status: { capacity: { cpu: '8', pods: '110' } },
        },
        {
          apiVersion: 'podfit.dev/v1',
          kind: 'NodeTemplate',
          metadata: { name: 'small' },
          spec: { allocatable: { cpu: '1', pods: '8' }, hourlyPrice: 0.0125 },
        },
      ],
    });
    const templates = readNodeTemplates([
      { name: 'a.json', content: list },
      { name: 'b.yaml', content: TEMPLATE },
    ]);
    expect(templates.map((t) => [t.name, t.hourlyPrice, t.maxNodes])).toEqual([
      ['gpu-node', null, null],
      ['small', '0.0125', null],
      ['m5-xlarge', '0.192', 50],
    ]);
    expect(plain(templates[0]!).node.status).toEqual({ capacity: { cpu: '8', pods: '110' } });
  });

  it("reports a bad quantity in the Node reader's words, with the path in the List", () => {
    const list = `apiVersion: v1
kind: List
items:
- apiVersion: podfit.dev/v1
  kind: NodeTemplate
  metadata: {name: a}
  spec: {allocatable: {cpu: 1, pods: "8"}}
- apiVersion: podfit.dev/v1
  kind: NodeTemplate
  metadata: {name: b}
  spec: {allocatable: {cpu: abc, pods: "8"}}
- apiVersion: v1
  kind: Node
  metadata: {name: c}
  status: {allocatable: {memory: 12x}}
`;
    expect(problems(list)).toEqual([
      `0: items[1].spec.allocatable.cpu: invalid quantity "abc": ${REGEX_MESSAGE}`,
      `0: items[2].status.allocatable.memory: invalid quantity "12x": ${REGEX_MESSAGE}`,
    ]);
  });

  it("lists every bad field of a NodeTemplate with its path and Kubernetes' words", () => {
    const bad = `apiVersion: podfit.dev/v1
kind: NodeTemplate
metadata: {name: M5_large}
spec:
  taints: [{key: a, effect: NoRun}, {value: x}]
  allocatable: {cpu: "4"}
  hourlyPrice: "-1"
  maxNodes: 0
---
apiVersion: podfit.dev/v1
kind: NodeTemplate
metadata: {labels: {a: b}}
spec: {hourlyPrice: true, maxNodes: "5"}
---
apiVersion: podfit.dev/v1
kind: NodeTemplate
metadata: {name: neg}
spec: {allocatable: {pods: "1"}, hourlyPrice: -0.5}
`;
    expect(problems(bad)).toEqual([
      `0: metadata.name: Invalid value: "M5_large": ${SUBDOMAIN_MESSAGE}`,
      '0: spec.taints[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      '0: spec.taints[1].key: Required value',
      '0: spec.taints[1].effect: Required value',
      "0: spec.allocatable.pods: Required value: how many pods a node takes (kubelet's maxPods, 110 by default)",
      '0: spec.maxNodes: Invalid value: 0: must be greater than or equal to 1',
      `0: spec.hourlyPrice: Invalid value: "-1": ${PRICE_DETAIL}`,
      '1: spec.maxNodes: cannot unmarshal string into Go struct field NodeTemplateSpec.spec.maxNodes of type int32',
      '1: metadata.name: Required value',
      '1: spec.allocatable: Required value',
      `1: spec.hourlyPrice: Invalid value: true: ${PRICE_DETAIL}`,
      `2: spec.hourlyPrice: Invalid value: -0.5: ${PRICE_DETAIL}`,
    ]);
  });

  it('checks the annotations of a Node used as a template', () => {
    const node = `apiVersion: v1
kind: Node
metadata:
  name: n1
  annotations: {podfit.dev/hourly-price: cheap, podfit.dev/max-nodes: "0"}
status: {allocatable: {cpu: "4", pods: "110"}}
`;
    expect(problems(node)).toEqual([
      `0: metadata.annotations[podfit.dev/hourly-price]: Invalid value: "cheap": ${PRICE_DETAIL}`,
      '0: metadata.annotations[podfit.dev/max-nodes]: Invalid value: "0": must be greater than or equal to 1, an integer',
    ]);
  });

  describe('unknown and duplicate fields of a NodeTemplate', () => {
    const misspelt = withSpec(
      '  allocatable: {pods: "8"}\n  hourlyPrise: "0.1"\n  maxNodes: 2\n  maxNodes: 3',
    );

    it('are errors by default (Strict)', () => {
      expect(problems(misspelt)).toEqual([
        '0: spec.hourlyPrise: unknown field "spec.hourlyPrise"',
        '0: spec.maxNodes: duplicate field "spec.maxNodes"',
      ]);
    });

    it('go to onWarning under Warn, and are dropped under Ignore; the later duplicate wins', () => {
      const warnings: ManifestProblem[] = [];
      const [template] = read(misspelt, {
        fieldValidation: 'Warn',
        onWarning: (w: ManifestProblem) => warnings.push(w),
      });
      expect([template!.hourlyPrice, template!.maxNodes]).toEqual([null, 3]);
      expect(warnings).toEqual([
        {
          file: 't.yaml',
          document: 0,
          path: 'spec.hourlyPrise',
          message: 'unknown field "spec.hourlyPrise"',
        },
        { file: 't.yaml', document: 0, path: 'spec.maxNodes', message: 'duplicate field "spec.maxNodes"' },
      ]);
      expect(read(misspelt, { fieldValidation: 'Ignore' }).map((t) => t.maxNodes)).toEqual([3]);
    });

    it('of a Node are not checked', () => {
      const node =
        'apiVersion: v1\nkind: Node\nmetadata: {name: node-x}\nspec: {podCIDR: x}\nstatus: {capacity: {pods: "1"}}';
      expect(read(node).map((t) => t.name)).toEqual(['node-x']);
    });
  });

  it('rejects a name used twice at the second one, whichever form it came from', () => {
    const text = `${withSpec('  allocatable: {pods: "8"}', 'm5.xlarge')}---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata: {name: n1, labels: {node.kubernetes.io/instance-type: m5.xlarge}}
  status: {capacity: {pods: "8"}}
- apiVersion: v1
  kind: Node
  metadata: {name: n1}
  status: {capacity: {pods: "8"}}
- apiVersion: v1
  kind: Node
  metadata: {name: n1}
  status: {capacity: {pods: "8"}}
`;
    expect(problems(text)).toEqual([
      '1: items[0].metadata.labels[node.kubernetes.io/instance-type]: Duplicate value: "m5.xlarge"',
      '1: items[2].metadata.name: Duplicate value: "n1"',
    ]);
  });

  it('rejects other kinds and versions', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
---
apiVersion: podfit.dev/v2
kind: NodeTemplate
metadata: {name: m5}
`;
    expect(problems(text)).toEqual([
      '0: : expected a NodeTemplate (apiVersion podfit.dev/v1) or a Node (apiVersion v1), not Deployment apps/v1',
      '1: : expected a NodeTemplate (apiVersion podfit.dev/v1) or a Node (apiVersion v1), not NodeTemplate podfit.dev/v2',
    ]);
  });

  it('rejects input without any template', () => {
    let error: unknown;
    try {
      readNodeTemplates([{ name: 'empty.yaml', content: '# nothing\n---\n' }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as ManifestError).message).toBe(
      'empty.yaml: document 0: no node templates: expected NodeTemplate (apiVersion podfit.dev/v1) or Node (apiVersion v1) documents',
    );
  });

  it('throws malformed-input for text that cannot be read', () => {
    expect(() => readNodeTemplates([{ name: 't.json', content: '{"items": [' }])).toThrow(
      expect.objectContaining({ code: 'malformed-input' }),
    );
  });
});
