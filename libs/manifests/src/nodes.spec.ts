import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManifestError } from './errors';
import { readNodes } from './nodes';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'bad');
const REGEX_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const fixture = (name: string) => ({ name, content: readFileSync(join(FIXTURES, name)) });
const quantities = (list: object | undefined) =>
  list === undefined
    ? undefined
    : Object.fromEntries(Object.entries(list).map(([name, q]) => [name, String(q)]));

function invalid(run: () => unknown): ManifestError {
  try {
    run();
  } catch (error) {
    if (error instanceof ManifestError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('readNodes', () => {
  it('reads `kubectl get nodes -o yaml`: name, labels, taints, unschedulable, allocatable and capacity', () => {
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata:
    name: node-a
    labels: {kubernetes.io/hostname: node-a, pool: gpu}
    annotations: {note: ignored}
  spec:
    unschedulable: true
    taints:
    - {key: nvidia.com/gpu, value: present, effect: NoSchedule, timeAdded: "2024-01-01T00:00:00Z"}
    - {key: dedicated, effect: NoExecute}
    podCIDR: 10.0.0.0/24
  status:
    allocatable: {cpu: 3920m, memory: 15Gi, pods: "110", nvidia.com/gpu: "4"}
    capacity: {cpu: "4", memory: 16Gi, pods: "110"}
    conditions: [{type: Ready, status: "True"}]
`;
    const [node] = readNodes([{ name: 'nodes.yaml', content: text }]);
    expect({
      ...node,
      status: {
        allocatable: quantities(node!.status.allocatable),
        capacity: quantities(node!.status.capacity),
      },
    }).toEqual({
      metadata: { name: 'node-a', labels: { 'kubernetes.io/hostname': 'node-a', pool: 'gpu' } },
      spec: {
        unschedulable: true,
        taints: [
          { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
          { key: 'dedicated', effect: 'NoExecute' },
        ],
      },
      status: {
        allocatable: { cpu: '3920m', memory: '15Gi', pods: '110', 'nvidia.com/gpu': '4' },
        capacity: { cpu: '4', memory: '16Gi', pods: '110' },
      },
    });
  });

  it('reads single Node documents and a typed NodeList whose items have no kind', () => {
    const nodeList = JSON.stringify({
      apiVersion: 'v1',
      kind: 'NodeList',
      items: [{ metadata: { name: 'b' }, status: { capacity: { cpu: '2' } } }],
    });
    const nodes = readNodes([
      { name: 'a.yaml', content: 'apiVersion: v1\nkind: Node\nmetadata: {name: a}\n' },
      { name: 'b.json', content: nodeList },
    ]);
    expect(nodes.map((n) => [n.metadata.name, quantities(n.status.capacity)])).toEqual([
      ['a', undefined],
      ['b', { cpu: '2' }],
    ]);
  });

  it('row 24: a node without allocatable keeps only its capacity (the core falls back to it)', () => {
    const [a, b] = readNodes([fixture('row-24-nodes-without-allocatable.json')]);
    expect([a!.status.allocatable, quantities(a!.status.capacity)]).toEqual([
      undefined,
      { cpu: '4', memory: '16Gi', pods: '110' },
    ]);
    expect(quantities(b!.status.allocatable)).toEqual({ cpu: '3920m', memory: '15Gi', pods: '110' });
  });

  it('row 24: a node with `cpu: "abc"` is invalid-manifest at items[3].status.allocatable.cpu', () => {
    const error = invalid(() => readNodes([fixture('row-24-nodes-bad-quantity.json')]));
    expect(error.code).toBe('invalid-manifest');
    expect(error.problems).toEqual([
      {
        file: 'row-24-nodes-bad-quantity.json',
        document: 0,
        path: 'items[3].status.allocatable.cpu',
        message: `invalid quantity "abc": ${REGEX_MESSAGE}`,
      },
    ]);
    expect(error.message).toBe(
      `row-24-nodes-bad-quantity.json: document 0: items[3].status.allocatable.cpu: invalid quantity "abc": ${REGEX_MESSAGE}`,
    );
  });

  it('lists every bad field, across files, and objects that are not nodes', () => {
    const error = invalid(() =>
      readNodes([
        {
          name: 'a.yaml',
          content: 'apiVersion: v1\nkind: Node\nmetadata: {labels: {a: 1}}\nspec: {unschedulable: "yes"}',
        },
        {
          name: 'b.yaml',
          content: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n---\nmetadata: {name: x}',
        },
      ]),
    );
    expect(error.problems.map((p) => `${p.file}: ${p.document}: ${p.path}: ${p.message}`)).toEqual([
      'a.yaml: 0: metadata.labels.a: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string (YAML reads an unquoted number as a number: quote the value)',
      'a.yaml: 0: spec.unschedulable: cannot unmarshal string into Go struct field NodeSpec.spec.unschedulable of type bool',
      'a.yaml: 0: metadata.name: Required value',
      'b.yaml: 0: : expected a Node (apiVersion v1), not Pod v1',
      `b.yaml: 1: : Object 'Kind' is missing in '{"metadata":{"name":"x"}}'`,
    ]);
  });

  it('throws malformed-input for text that cannot be read', () => {
    expect(invalid(() => readNodes([{ name: 'n.json', content: '{"items": [' }])).code).toBe(
      'malformed-input',
    );
  });
});
