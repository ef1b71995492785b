import { Quantity, type ResourceList } from '@podfit/scheduling';
import { POD, workloadStruct } from './api-schema';
import { decodeObject, duplicateFieldPaths } from './decode';
import { parseDocuments } from './documents';
import { type RawObject } from './raw-value';

const REGEX_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

function yaml(text: string): RawObject {
  return parseDocuments({ name: 'd.yaml', content: text })[0]!.value;
}

/** A Deployment whose container 0 has `container` (YAML flow mapping body) and whose spec has `spec`. */
function deployment(container: string, spec = '', template = ''): RawObject {
  return yaml(
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  ${spec}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      ${template}\n      containers:\n      - {name: app, image: x, ${container}}\n`,
  );
}

const decodeDeployment = (value: RawObject, fromYaml = true) =>
  decodeObject<Record<string, unknown>>(value, workloadStruct('Deployment', 'v1'), '', { fromYaml });

describe('decodeObject: values of the wrong type (RELIABILITY row 14), in encoding/json’s words', () => {
  it.each([
    {
      name: 'containers: {}',
      value: yaml('kind: Deployment\nspec:\n  template:\n    spec:\n      containers: {}'),
      path: 'spec.template.spec.containers',
      message:
        'cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container',
    },
    {
      name: 'replicas: "3"',
      value: deployment('', 'replicas: "3"'),
      path: 'spec.replicas',
      message: 'cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    },
    {
      name: 'resources: []',
      value: deployment('resources: []'),
      path: 'spec.template.spec.containers[0].resources',
      message:
        'cannot unmarshal array into Go struct field Container.spec.template.spec.containers.resources of type v1.ResourceRequirements',
    },
    {
      name: 'replicas: 1.5',
      value: deployment('', 'replicas: 1.5'),
      path: 'spec.replicas',
      message: 'cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
    },
    {
      name: 'replicas: 3000000000',
      value: deployment('', 'replicas: 3000000000'),
      path: 'spec.replicas',
      message:
        'cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32',
    },
    {
      name: 'containerPort: "80"',
      value: deployment('ports: [{containerPort: "80"}]'),
      path: 'spec.template.spec.containers[0].ports[0].containerPort',
      message:
        'cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
    },
    {
      name: 'protocol: 6',
      value: deployment('ports: [{containerPort: 80, protocol: 6}]'),
      path: 'spec.template.spec.containers[0].ports[0].protocol',
      message:
        'cannot unmarshal number into Go struct field ContainerPort.spec.template.spec.containers.ports.protocol of type v1.Protocol (YAML reads an unquoted number as a number: quote the value)',
    },
    {
      name: 'hostNetwork: "true"',
      value: deployment('', '', 'hostNetwork: "true"'),
      path: 'spec.template.spec.hostNetwork',
      message:
        'cannot unmarshal string into Go struct field PodSpec.spec.template.spec.hostNetwork of type bool',
    },
    {
      name: 'nodeSelector: {gpu: yes}',
      value: deployment('', '', 'nodeSelector: {gpu: yes}'),
      path: 'spec.template.spec.nodeSelector.gpu',
      message:
        'cannot unmarshal bool into Go struct field PodSpec.spec.template.spec.nodeSelector of type string (YAML 1.1 reads an unquoted yes, no, on, off, y, n, true or false as a boolean: quote the value)',
    },
    {
      name: 'labels: {app.kubernetes.io/version: 1.0}',
      value: yaml('kind: Deployment\nmetadata:\n  labels: {app.kubernetes.io/version: 1.0}'),
      path: 'metadata.labels[app.kubernetes.io/version]',
      message:
        'cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string (YAML reads an unquoted number as a number: quote the value)',
    },
    {
      name: 'spec: []',
      value: yaml('kind: Deployment\nspec: []'),
      path: 'spec',
      message: 'cannot unmarshal array into Go struct field Deployment.spec of type v1.DeploymentSpec',
    },
    {
      name: 'securityContext: true',
      value: deployment('securityContext: true'),
      path: 'spec.template.spec.containers[0].securityContext',
      message:
        'cannot unmarshal bool into Go struct field Container.spec.template.spec.containers.securityContext of type v1.SecurityContext',
    },
  ])('$name', ({ value, path, message }) => {
    expect(decodeDeployment(value).errors).toEqual([{ path, message }]);
  });

  it('gives no YAML hint for JSON input', () => {
    const value = yaml('kind: Deployment\nmetadata:\n  labels: {gpu: true}');
    expect(decodeDeployment(value, false).errors).toEqual([
      {
        path: 'metadata.labels.gpu',
        message: 'cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string',
      },
    ]);
  });

  it('reads null as absent, and a null list item as its zero value', () => {
    const decoded = decodeDeployment(deployment('', 'replicas: null', 'nodeSelector: null'));
    expect(decoded.errors).toEqual([]);
    const spec = decoded.value!['spec'] as Record<string, unknown>;
    expect(spec['replicas']).toBeUndefined();
    const podSpec = decodeObject<Record<string, unknown>>(
      yaml('kind: Pod\nspec:\n  containers: [null]'),
      POD,
      '',
      { fromYaml: true },
    ).value!['spec'];
    expect(podSpec).toEqual({ containers: [{}] });
  });
});

function requests(cpu: string): { errors: unknown; requests: ResourceList | undefined } {
  const decoded = decodeObject<{ spec: { containers: Array<{ resources: { requests: ResourceList } }> } }>(
    yaml(`kind: Pod\nspec:\n  containers:\n  - resources:\n      requests: {cpu: ${cpu}}`),
    POD,
    '',
    { fromYaml: true },
  );
  return { errors: decoded.errors, requests: decoded.value?.spec.containers[0]?.resources.requests };
}

describe('decodeObject: quantities as Quantity.UnmarshalJSON reads them', () => {
  it('row 10: `cpu: 12x` is rejected with Kubernetes’ regular expression', () => {
    expect(requests('12x').errors).toEqual([
      {
        path: 'spec.containers[0].resources.requests.cpu',
        message: `invalid quantity "12x": ${REGEX_MESSAGE}`,
      },
    ]);
  });

  it.each(['0.1mi', '1.1.M', '-3.01e-', '""', 'true'])(
    'row 10: `cpu: %s` is rejected with the parser’s error',
    (cpu) => {
      const text = cpu === 'true' ? 'true' : cpu.startsWith('"') ? cpu.slice(1, -1) : cpu;
      let parserError = '';
      try {
        Quantity.parse(text);
      } catch (error) {
        parserError = (error as Error).message;
      }
      expect(parserError).not.toBe('');
      const shown = cpu === 'true' ? 'true' : `"${text}"`;
      expect(requests(cpu).errors).toEqual([
        {
          path: 'spec.containers[0].resources.requests.cpu',
          message: `invalid quantity ${shown}: ${parserError}`,
        },
      ]);
    },
  );

  it.each([
    { name: 'row 11: `cpu: " 1"` is trimmed', cpu: '" 1"', want: '1' },
    { name: 'row 11: unquoted `1e3` is the number 1000', cpu: '1e3', want: '1k' },
    { name: 'row 11: quoted `"1e3"` stays as written', cpu: '"1e3"', want: '1e3' },
    { name: 'row 11: `0.5` is a number, 500m', cpu: '0.5', want: '500m' },
    {
      name: 'row 12: an unquoted integer beyond 2^53 stays exact',
      cpu: '9007199254740993',
      want: '9007199254740993',
    },
    {
      name: 'row 12: TestParseQuantity’s int64 edge',
      cpu: '"9223372036854775807.1"',
      want: '9223372036854775807100m',
    },
    { name: 'null is zero', cpu: 'null', want: '0' },
    // RELIABILITY row 10 lists "+" as invalid, but quantity.go parseQuantityString reads a lone sign as 0.
    { name: 'a lone "+" is 0, as ParseQuantity reads it', cpu: '"+"', want: '0' },
  ])('$name', ({ cpu, want }) => {
    const { errors, requests: list } = requests(cpu);
    expect(errors).toEqual([]);
    expect(list!['cpu']!.toString()).toBe(want);
  });
});

describe('decodeObject: fields outside the tables', () => {
  it('reports unknown fields of the structs podfit knows, with their paths', () => {
    const value = yaml(
      'kind: Pod\nmetadata: {name: p, nmae: q}\nspec:\n  nodeSelectr: {}\n  containers:\n  - name: a\n    resourcse: {}\n    securityContext: {whatever: 1}\n    resources: {requets: {}}\nstatus: {anything: 1}\nextra: 1',
    );
    expect(decodeObject(value, POD, '', { fromYaml: true }).unknownFields).toEqual([
      'metadata.nmae',
      'spec.nodeSelectr',
      'spec.containers[0].resourcse',
      'spec.containers[0].resources.requets',
      'extra',
    ]);
  });

  it('prefixes paths with the place of the object in its document', () => {
    const value = yaml('kind: Pod\nspec: {containrs: []}');
    expect(decodeObject(value, POD, 'items[2]', { fromYaml: true }).unknownFields).toEqual([
      'items[2].spec.containrs',
    ]);
  });
});

describe('duplicateFieldPaths', () => {
  it('finds every repeated key with its path, in maps and lists alike', () => {
    const value = yaml('a: 1\na: 2\nlist:\n- {x: 1, x: 2}\n- labels: {k: v, k: w}');
    expect(duplicateFieldPaths(value, '')).toEqual(['a', 'list[0].x', 'list[1].labels.k']);
  });
});
