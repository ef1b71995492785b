import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type WorkloadInput } from '@podfit/scheduling';
import { ManifestError } from './errors';
import { type ReadOptions, readWorkloads, type WorkloadReadResult } from './workloads';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'bad');
const REGEX_MESSAGE =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

function readFixture(name: string, options?: ReadOptions): WorkloadReadResult {
  return readWorkloads([{ name, content: readFileSync(join(FIXTURES, name)) }], options);
}
function read(content: string, options?: ReadOptions): WorkloadReadResult {
  return readWorkloads([{ name: 'w.yaml', content }], options);
}
const errorsOf = (w: WorkloadInput) => w.errors.map((e) => `${e.path}: ${e.message}`);
const quantities = (list: object | undefined) =>
  Object.fromEntries(Object.entries(list ?? {}).map(([name, q]) => [name, String(q)]));

/** A minimal valid pod template spec, indented for `spec.template.spec`. */
const CONTAINERS = `containers:
        - name: app
          image: registry.example.com/app:1.0
          resources:
            requests: {cpu: 250m}`;

const workload = (apiVersion: string, kind: string, spec: string, metadata = 'name: w') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {${metadata}}\nspec:\n${spec}`;
const templated = (extra = '') => `${extra}  selector:
    matchLabels: {app: w}
  template:
    metadata:
      labels: {app: w}
    spec:
      ${CONTAINERS}
`;

describe('readWorkloads: the kinds with a pod template', () => {
  it.each([
    {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      spec: templated(),
      replicas: 1,
      podSpecPath: 'spec.template.spec',
    },
    {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      spec: templated('  replicas: 3\n'),
      replicas: 3,
      podSpecPath: 'spec.template.spec',
    },
    {
      kind: 'StatefulSet',
      apiVersion: 'apps/v1',
      spec: templated('  replicas: 2\n  serviceName: w\n'),
      replicas: 2,
      podSpecPath: 'spec.template.spec',
    },
    {
      kind: 'ReplicaSet',
      apiVersion: 'apps/v1',
      spec: templated('  replicas: 0\n'),
      replicas: 0,
      podSpecPath: 'spec.template.spec',
    },
    {
      kind: 'DaemonSet',
      apiVersion: 'apps/v1',
      spec: templated(),
      replicas: null,
      podSpecPath: 'spec.template.spec',
    },
    {
      kind: 'ReplicationController',
      apiVersion: 'v1',
      spec: templated('  replicas: 4\n').replace('    matchLabels: {app: w}', '    app: w'),
      replicas: 4,
      podSpecPath: 'spec.template.spec',
    },
    {
      kind: 'Job',
      apiVersion: 'batch/v1',
      spec: templated().replace('  selector:\n    matchLabels: {app: w}\n', ''),
      replicas: 1,
      podSpecPath: 'spec.template.spec',
    },
    {
      kind: 'Job',
      apiVersion: 'batch/v1',
      spec: templated('  parallelism: 4\n').replace('  selector:\n    matchLabels: {app: w}\n', ''),
      replicas: 4,
      podSpecPath: 'spec.template.spec',
    },
    {
      kind: 'Deployment',
      apiVersion: 'extensions/v1beta1',
      spec: templated().replace('  selector:\n    matchLabels: {app: w}\n', ''),
      replicas: 1,
      podSpecPath: 'spec.template.spec',
    },
    {
      kind: 'DaemonSet',
      apiVersion: 'apps/v1beta2',
      spec: templated(),
      replicas: null,
      podSpecPath: 'spec.template.spec',
    },
  ])('$apiVersion $kind → replicas $replicas', ({ kind, apiVersion, spec, replicas, podSpecPath }) => {
    const { workloads, problems, skipped } = read(workload(apiVersion, kind, spec));
    expect({ problems, skipped }).toEqual({ problems: [], skipped: [] });
    expect(workloads).toHaveLength(1);
    const w = workloads[0]!;
    expect({
      kind: w.kind,
      apiVersion: w.apiVersion,
      name: w.name,
      namespace: w.namespace,
      replicas: w.replicas,
      podSpecPath: w.podSpecPath,
      errors: w.errors,
    }).toEqual({
      kind,
      apiVersion,
      name: 'w',
      namespace: 'default',
      replicas,
      podSpecPath,
      errors: [],
    });
    expect(w.pod!.metadata).toEqual({ name: 'w', namespace: 'default', labels: { app: 'w' } });
    expect(quantities(w.pod!.spec.containers[0]!.resources!.requests)).toEqual({ cpu: '250m' });
  });

  it('a CronJob: the Job template’s parallelism', () => {
    const text = `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: jobs}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      parallelism: 2
      template:
        metadata: {labels: {job: nightly}}
        spec:
          restartPolicy: OnFailure
          containers: [{name: report, image: report:1}]
`;
    const [w] = read(text).workloads;
    expect({
      replicas: w!.replicas,
      podSpecPath: w!.podSpecPath,
      namespace: w!.namespace,
      errors: w!.errors,
    }).toEqual({
      replicas: 2,
      podSpecPath: 'spec.jobTemplate.spec.template.spec',
      namespace: 'jobs',
      errors: [],
    });
    expect(w!.pod!.metadata).toEqual({ name: 'nightly', namespace: 'jobs', labels: { job: 'nightly' } });
  });

  it('a Pod: one replica, its own labels', () => {
    const [w] = read(
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {a: b}}\nspec:\n  containers: [{name: c, image: i}]',
    ).workloads;
    expect({ replicas: w!.replicas, podSpecPath: w!.podSpecPath, line: w!.line }).toEqual({
      replicas: 1,
      podSpecPath: 'spec',
      line: 1,
    });
    expect(w!.pod).toEqual({
      metadata: { name: 'p', namespace: 'default', labels: { a: 'b' } },
      spec: { containers: [{ name: 'c', image: 'i' }] },
    });
  });

  it('a PodTemplate: no replicas', () => {
    const [w] = read(
      'apiVersion: v1\nkind: PodTemplate\nmetadata: {name: t}\ntemplate:\n  spec:\n    containers: [{name: c, image: i}]',
    ).workloads;
    expect({ replicas: w!.replicas, podSpecPath: w!.podSpecPath, errors: w!.errors }).toEqual({
      replicas: null,
      podSpecPath: 'template.spec',
      errors: [],
    });
  });

  it('hands the pod over as written: no API-server defaults', () => {
    const text = workload(
      'v1',
      'Pod',
      '  hostNetwork: true\n  containers:\n  - name: c\n    image: i\n    ports: [{containerPort: 80, hostPort: 80}]\n    resources: {limits: {cpu: "1"}}',
    );
    const [w] = read(text).workloads;
    expect(w!.errors).toEqual([]);
    const [c] = w!.pod!.spec.containers;
    expect(c!.ports).toEqual([{ containerPort: 80, hostPort: 80 }]);
    expect(c!.resources!.requests).toBeUndefined();
    expect(w!.pod!.spec.hostNetwork).toBe(true);
  });

  it('keeps files, documents and List items in input order, each with its start line', () => {
    const result = readWorkloads([
      {
        name: 'a.yaml',
        content: `# first\n${workload('v1', 'Pod', '  containers: [{name: c, image: i}]', 'name: one')}\n---\n${workload('v1', 'Pod', '  containers: [{name: c, image: i}]', 'name: two')}`,
      },
      {
        name: 'b.json',
        content: JSON.stringify({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'three' },
          spec: { containers: [{ name: 'c', image: 'i' }] },
        }),
      },
    ]);
    expect(result.workloads.map((w) => [w.source, w.document, w.line, w.name])).toEqual([
      ['a.yaml', 0, 2, 'one'],
      ['a.yaml', 1, 8, 'two'],
      ['b.json', 0, 1, 'three'],
    ]);
  });

  it('requires a selector that matches the template in apps/v1', () => {
    const [w] = read(
      workload(
        'apps/v1',
        'Deployment',
        templated().replace('    matchLabels: {app: w}', '    matchLabels: {app: other}'),
      ),
    ).workloads;
    expect(errorsOf(w!)).toEqual([
      'spec.template.metadata.labels: Invalid value: {"app":"w"}: `selector` does not match template `labels`',
    ]);
    expect(w!.pod).toBeNull();
  });
});

describe('readWorkloads: what is skipped', () => {
  it('skips other kinds, Secrets included, without reading them', () => {
    const text = [
      'apiVersion: v1\nkind: Service\nmetadata: {name: web}',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\nstringData: {password: hunter2}\nspec: {containers: {}}',
      'apiVersion: example.com/v1\nkind: Deployment\nmetadata: {name: custom}\nspec: {replicas: "x"}',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: 5}',
    ].join('\n---\n');
    expect(read(text)).toEqual({
      workloads: [],
      problems: [],
      skipped: [
        { file: 'w.yaml', document: 0, kind: 'Service', name: 'web' },
        { file: 'w.yaml', document: 1, kind: 'Secret', name: 'creds' },
        { file: 'w.yaml', document: 2, kind: 'Deployment', name: 'custom' },
        { file: 'w.yaml', document: 3, kind: 'ConfigMap', name: '' },
      ],
    });
  });
});

describe('readWorkloads: RELIABILITY.md checklist', () => {
  it('row 3: a syntax error anywhere throws malformed-input naming the document and line', () => {
    expect(() => readFixture('row-03-yaml-syntax-error.yaml')).toThrow(ManifestError);
    expect(() => readFixture('row-03-yaml-syntax-error.yaml')).toThrow(
      'row-03-yaml-syntax-error.yaml: document 2: line 31: bad indentation of a mapping entry',
    );
  });

  it('row 5: the ConfigMap bomb is rejected even though ConfigMaps are skipped', () => {
    expect(() => readFixture('row-05-configmap-bomb.yaml')).toThrow(
      'row-05-configmap-bomb.yaml: document 1: line 19: document contains excessive aliasing',
    );
  }, 1000);

  it('row 8: a duplicate field is a warning, an error under Strict, nothing under Ignore', () => {
    const warning = {
      code: 'duplicate-field',
      path: 'spec.template.spec.containers[0].imagePullPolicy',
      message: 'duplicate field "spec.template.spec.containers[0].imagePullPolicy"',
    };
    const [warned] = readFixture('row-08-duplicate-field.yaml').workloads;
    expect(warned!.warnings).toEqual([warning]);
    expect(warned!.errors).toEqual([]);
    expect(warned!.pod!.spec.containers[0]).toMatchObject({ imagePullPolicy: 'IfNotPresent' });
    const [strict] = readFixture('row-08-duplicate-field.yaml', { fieldValidation: 'Strict' }).workloads;
    expect(strict!.errors).toEqual([{ path: warning.path, message: warning.message }]);
    expect(strict!.pod).toBeNull();
    const [ignored] = readFixture('row-08-duplicate-field.yaml', { fieldValidation: 'Ignore' }).workloads;
    expect([ignored!.warnings, ignored!.errors]).toEqual([[], []]);
  });

  it('row 9: a misspelt resources is an unknown-field warning, an error under Strict', () => {
    const warning = {
      code: 'unknown-field',
      path: 'spec.template.spec.containers[0].resourcse',
      message: 'unknown field "spec.template.spec.containers[0].resourcse"',
    };
    const [warned] = readFixture('row-09-unknown-field.yaml').workloads;
    expect(warned!.warnings).toEqual([warning]);
    expect(warned!.pod!.spec.containers[0]!.resources).toBeUndefined();
    const [strict] = readFixture('row-09-unknown-field.yaml', { fieldValidation: 'Strict' }).workloads;
    expect(errorsOf(strict!)).toEqual([
      'spec.template.spec.containers[0].resourcse: unknown field "spec.template.spec.containers[0].resourcse"',
    ]);
  });

  it('row 10: invalid quantities, at …requests.cpu, quoting Kubernetes’ errors', () => {
    const [w] = readFixture('row-10-bad-quantities.yaml').workloads;
    expect(errorsOf(w!)).toEqual([
      `spec.template.spec.containers[0].resources.requests.cpu: invalid quantity "12x": ${REGEX_MESSAGE}`,
      `spec.template.spec.containers[1].resources.requests.cpu: invalid quantity "0.1mi": unable to parse quantity's suffix`,
      `spec.template.spec.containers[2].resources.requests.cpu: invalid quantity "1.1.M": ${REGEX_MESSAGE}`,
      `spec.template.spec.containers[3].resources.requests.cpu: invalid quantity "-3.01e-": unable to parse quantity's suffix`,
      `spec.template.spec.containers[4].resources.requests.cpu: invalid quantity "": ${REGEX_MESSAGE}`,
    ]);
    expect(w!.pod).toBeNull();
  });

  it('rows 11 and 12: quantities Kubernetes accepts, as it prints them', () => {
    const text = workload(
      'v1',
      'Pod',
      `  containers:
  - name: c
    image: i
    resources:
      requests: {cpu: " 1", memory: 1e3, ephemeral-storage: "1e3", example.com/a: 9007199254740993}
      limits: {cpu: 0.5, memory: 9007199254740993, example.com/a: 9007199254740993}`,
    );
    const [w] = read(text).workloads;
    expect(errorsOf(w!)).toEqual([
      'spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m',
    ]);
    const ok = read(text.replace('cpu: 0.5', 'cpu: "2"')).workloads[0]!;
    expect(ok.errors).toEqual([]);
    const { requests, limits } = ok.pod!.spec.containers[0]!.resources!;
    expect(quantities(requests)).toEqual({
      cpu: '1',
      memory: '1k',
      'ephemeral-storage': '1e3',
      'example.com/a': '9007199254740993',
    });
    expect(quantities(limits)).toEqual({
      cpu: '2',
      memory: '9007199254740993',
      'example.com/a': '9007199254740993',
    });
    const half = read(
      workload('v1', 'Pod', '  containers: [{name: c, image: i, resources: {requests: {cpu: 0.5}}}]'),
    ).workloads[0]!;
    expect(quantities(half.pod!.spec.containers[0]!.resources!.requests)).toEqual({ cpu: '500m' });
  });

  it('row 13: a negative request, a request above its limit, extended resources', () => {
    const [w] = readFixture('row-13-resource-rules.yaml').workloads;
    expect(errorsOf(w!)).toEqual([
      'spec.template.spec.containers[0].resources.requests.cpu: Invalid value: "-1": must be greater than or equal to 0',
      'spec.template.spec.containers[1].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m',
      'spec.template.spec.containers[2].resources.requests: Invalid value: "2": must be equal to nvidia.com/gpu limit of 1',
      'spec.template.spec.containers[3].resources.limits: Required value: Limit must be set for non overcommitable resources',
    ]);
  });

  it('row 14: wrong types name the path and the Go type; a template without containers is Required', () => {
    const workloads = readFixture('row-14-wrong-types.yaml').workloads;
    expect(workloads.map((w) => [w.name, w.document, errorsOf(w)])).toEqual([
      [
        'containers-object',
        0,
        [
          'spec.template.spec.containers: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container',
        ],
      ],
      [
        'replicas-string',
        1,
        [
          'spec.replicas: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
        ],
      ],
      [
        'resources-list',
        2,
        [
          'spec.template.spec.containers[0].resources: cannot unmarshal array into Go struct field Container.spec.template.spec.containers.resources of type v1.ResourceRequirements',
        ],
      ],
      ['no-containers', 3, ['spec.template.spec.containers: Required value']],
    ]);
    expect(workloads.every((w) => w.pod === null)).toBe(true);
  });

  it('row 16: empty, comment-only and null documents are skipped and not counted', () => {
    const { workloads } = readFixture('row-16-empty-documents.yaml');
    expect(workloads.map((w) => [w.name, w.document, w.line, errorsOf(w)])).toEqual([
      ['web', 0, 4, []],
      [
        'api',
        1,
        28,
        [`spec.template.spec.containers[0].resources.requests.cpu: invalid quantity "12x": ${REGEX_MESSAGE}`],
      ],
    ]);
  });

  it('row 17: a List’s items are flattened, and errors name items[i]', () => {
    const result = readFixture('row-17-list.yaml');
    expect(result.skipped).toEqual([{ file: 'row-17-list.yaml', document: 0, kind: 'Service', name: 'web' }]);
    expect(result.problems).toEqual([
      {
        file: 'row-17-list.yaml',
        document: 0,
        path: 'items[2]',
        message: `Object 'apiVersion' is missing in '{"kind":"Pod","metadata":{"name":"no-api-version"}}'`,
      },
    ]);
    const [w] = result.workloads;
    expect([w!.document, w!.line, w!.podSpecPath, errorsOf(w!)]).toEqual([
      0,
      11,
      'items[1].spec.template.spec',
      [
        `items[1].spec.template.spec.containers[0].resources.requests.cpu: invalid quantity "12x": ${REGEX_MESSAGE}`,
      ],
    ]);
  });

  it('row 17: items of a typed list take its kind, in JSON too', () => {
    const { workloads, problems } = readFixture('row-17-deployment-list.json');
    expect(problems).toEqual([]);
    expect(
      workloads.map((w) => [w.kind, w.apiVersion, w.name, w.document, w.line, w.podSpecPath, w.errors]),
    ).toEqual([
      ['Deployment', 'apps/v1', 'web', 0, 8, 'items[0].spec.template.spec', []],
      ['Deployment', 'apps/v1', 'api', 0, 40, 'items[1].spec.template.spec', []],
    ]);
  });

  it('row 18: << merges and 0777 is octal; an unquoted yes is a boolean, so not a string', () => {
    const [merged, gpu] = readFixture('row-18-yaml11.yaml').workloads;
    expect(merged!.errors).toEqual([]);
    expect(merged!.pod!.spec.volumes).toEqual([
      { name: 'config', configMap: { name: 'merged', defaultMode: 511 } },
    ]);
    expect(
      merged!.pod!.spec.containers.map((c) => [c.name, c.image, quantities(c.resources?.requests)]),
    ).toEqual([
      ['app', 'registry.example.com/web:1.0', { cpu: '100m' }],
      ['sidecar', 'registry.example.com/web:1.0', { cpu: '100m' }],
    ]);
    expect(errorsOf(gpu!)).toEqual([
      'spec.template.spec.nodeSelector.gpu: cannot unmarshal bool into Go struct field PodSpec.spec.template.spec.nodeSelector of type string (YAML 1.1 reads an unquoted yes, no, on, off, y, n, true or false as a boolean: quote the value)',
    ]);
  });

  it('row 19: a document without a kind is a problem; a Service and a CRD are skipped', () => {
    const result = readFixture('row-19-kind-missing.yaml');
    expect(result).toEqual({
      workloads: [],
      problems: [
        {
          file: 'row-19-kind-missing.yaml',
          document: 0,
          path: '',
          message: `Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"nameless"}}'`,
        },
      ],
      skipped: [
        { file: 'row-19-kind-missing.yaml', document: 1, kind: 'Service', name: 'web' },
        {
          file: 'row-19-kind-missing.yaml',
          document: 2,
          kind: 'CustomResourceDefinition',
          name: 'widgets.example.com',
        },
        { file: 'row-19-kind-missing.yaml', document: 3, kind: 'Deployment', name: 'not-apps' },
      ],
    });
  });

  it('row 19: the object is quoted as Go marshals it, cut to 60 characters', () => {
    const { problems } = read(
      'metadata:\n  name: a-rather-long-name-for-a-document\ndata: {password: hunter2}\n',
    );
    expect(problems.map((p) => p.message)).toEqual([
      `Object 'Kind' is missing in '{"data":{"password":"hunter2"},"metadata":{"name":"a-rather-'`,
    ]);
  });
});

describe('readWorkloads: decoding errors are not reported twice', () => {
  it('a field that could not be decoded is not also missing', () => {
    const [w] = read(
      workload(
        'v1',
        'Pod',
        '  containers:\n  - name: 5\n    image: i\n    resources: {limits: {nvidia.com/gpu: x}, requests: {nvidia.com/gpu: 1}}',
      ),
    ).workloads;
    expect(errorsOf(w!)).toEqual([
      'spec.containers[0].name: cannot unmarshal number into Go struct field Container.spec.containers.name of type string (YAML reads an unquoted number as a number: quote the value)',
      `spec.containers[0].resources.limits[nvidia.com/gpu]: invalid quantity "x": ${REGEX_MESSAGE}`,
    ]);
  });

  it('a workload without a name is invalid', () => {
    const [w] = read('apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: c, image: i}]').workloads;
    expect(errorsOf(w!)).toEqual(['metadata.name: Required value: name or generateName is required']);
  });

  it('negative replicas, parallelism and completions', () => {
    const [w] = read(workload('apps/v1', 'StatefulSet', templated('  replicas: -2\n'))).workloads;
    expect(errorsOf(w!)).toEqual(['spec.replicas: Invalid value: -2: must be greater than or equal to 0']);
    const [job] = read(
      workload(
        'batch/v1',
        'Job',
        `  parallelism: -1\n  completions: -3\n  template:\n    spec:\n      ${CONTAINERS}\n`,
      ),
    ).workloads;
    expect(errorsOf(job!)).toEqual([
      'spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
      'spec.completions: Invalid value: -3: must be greater than or equal to 0',
    ]);
  });
});

describe('readWorkloads: any workload', () => {
  it('hands over a pod JSON.stringify can print, even with integers beyond 2^53 in fields podfit does not read', () => {
    const [w] = read(
      workload(
        'v1',
        'Pod',
        '  securityContext: {runAsUser: 9007199254740993}\n  containers: [{name: c, image: i, resources: {limits: {memory: 9007199254740993}}}]',
      ),
    ).workloads;
    expect(w!.errors).toEqual([]);
    expect(JSON.parse(JSON.stringify(w!.pod))).toEqual({
      metadata: { name: 'w', namespace: 'default' },
      spec: {
        securityContext: { runAsUser: 9007199254740992 },
        containers: [{ name: 'c', image: 'i', resources: { limits: { memory: '9007199254740993' } } }],
      },
    });
  });

  it('is read, or rejected with a ManifestError, whatever its fields hold', () => {
    const scalar = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom('12x', '1e3', '-1', '500m', 'yes'),
    );
    const value = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        scalar,
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(
          fc.constantFrom(
            'name',
            'image',
            'resources',
            'requests',
            'limits',
            'cpu',
            'containers',
            'ports',
            'containerPort',
            'x',
          ),
          tie('value'),
          { maxKeys: 3 },
        ),
      ),
    })).value;
    fc.assert(
      fc.property(value, value, (spec, metadata) => {
        const text = JSON.stringify({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata,
          spec: { template: { spec } },
        });
        try {
          const { workloads } = readWorkloads([{ name: 'f.json', content: text }]);
          for (const w of workloads) expect(w.pod === null).toBe(w.errors.length > 0);
        } catch (error) {
          expect(error).toBeInstanceOf(ManifestError);
        }
      }),
    );
  });
});

describe('readWorkloads: the pod a StatefulSet controller creates', () => {
  it('gets one volume per claim template, replacing a template volume of that name (updateStorage)', () => {
    const { workloads } = read(`apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      volumes: [{name: data, emptyDir: {}}, {name: tmp, emptyDir: {}}]
      containers: [{name: db, image: postgres, volumeMounts: [{name: data, mountPath: /data}]}]
  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`);
    expect(workloads[0]!.pod!.spec.volumes).toEqual([
      { name: 'tmp', emptyDir: {} },
      { name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } },
    ]);
  });
});
