import { Quantity, type ResourceList } from '@podfit/scheduling';
import {
  type ContainerInput,
  validateNonnegative,
  validateObjectMeta,
  validatePodSpec,
  validateReplicationControllerSelector,
  validateWorkloadSelector,
} from './validation';

function list(values: Record<string, string>): ResourceList {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, Quantity.parse(value)]));
}
// validation_test.go getResourceLimits(cpu, memory)
const getResourceLimits = (cpu: string, memory: string) => list({ cpu, memory });
const container = (fields: Partial<ContainerInput> = {}): ContainerInput => ({
  name: 'abc-123',
  image: 'image',
  ...fields,
});

// Cases from TestValidateContainers, k8s.io/kubernetes pkg/apis/core/validation/validation_test.go (names
// verbatim); the expected errors are Kubernetes' own messages.
const validateContainersCases: Array<{
  name: string;
  containers: ContainerInput[];
  want: Array<{ path: string; message: string }>;
}> = [
  {
    name: 'zero-length name',
    containers: [{ name: '', image: 'image' }],
    want: [{ path: 'containers[0].name', message: 'Required value' }],
  },
  {
    name: 'zero-length-image',
    containers: [{ name: 'abc', image: '' }],
    want: [{ path: 'containers[0].image', message: 'Required value' }],
  },
  {
    name: 'name > 63 characters',
    containers: [{ name: 'a'.repeat(64), image: 'image' }],
    want: [
      {
        path: 'containers[0].name',
        message: `Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`,
      },
    ],
  },
  {
    name: 'name not a DNS label',
    containers: [{ name: 'a.b.c', image: 'image' }],
    want: [{ path: 'containers[0].name', message: 'Invalid value: "a.b.c": must not contain dots' }],
  },
  {
    name: 'name not unique',
    containers: [
      { name: 'abc', image: 'image' },
      { name: 'abc', image: 'image' },
    ],
    want: [{ path: 'containers[1].name', message: 'Duplicate value: "abc"' }],
  },
  {
    name: 'host port not unique',
    containers: [
      container({ name: 'abc', ports: [{ containerPort: 80, hostPort: 80, protocol: 'TCP' }] }),
      container({ name: 'def', ports: [{ containerPort: 81, hostPort: 80, protocol: 'TCP' }] }),
    ],
    want: [{ path: 'containers[1].ports[0].hostPort', message: 'Duplicate value: "TCP//80"' }],
  },
  {
    name: 'invalid compute resource',
    containers: [container({ resources: { limits: list({ disk: '10G' }) } })],
    want: [
      {
        path: 'containers[0].resources.limits.disk',
        message: 'Invalid value: disk: must be a standard resource type or fully qualified',
      },
      {
        path: 'containers[0].resources.limits.disk',
        message: 'Invalid value: disk: must be a standard resource for containers',
      },
    ],
  },
  {
    name: 'Resource CPU invalid',
    containers: [container({ resources: { limits: getResourceLimits('-10', '0') } })],
    want: [
      {
        path: 'containers[0].resources.limits.cpu',
        message: 'Invalid value: "-10": must be greater than or equal to 0',
      },
    ],
  },
  {
    name: 'Resource Requests CPU invalid',
    containers: [container({ resources: { requests: getResourceLimits('-10', '0') } })],
    want: [
      {
        path: 'containers[0].resources.requests.cpu',
        message: 'Invalid value: "-10": must be greater than or equal to 0',
      },
    ],
  },
  {
    name: 'Resource Memory invalid',
    containers: [container({ resources: { limits: getResourceLimits('0', '-10') } })],
    want: [
      {
        path: 'containers[0].resources.limits.memory',
        message: 'Invalid value: "-10": must be greater than or equal to 0',
      },
    ],
  },
  {
    name: 'Request limit simple invalid',
    containers: [
      container({
        resources: { limits: getResourceLimits('5', '3'), requests: getResourceLimits('6', '3') },
      }),
    ],
    want: [
      {
        path: 'containers[0].resources.requests',
        message: 'Invalid value: "6": must be less than or equal to cpu limit of 5',
      },
    ],
  },
  {
    name: 'Request limit multiple invalid',
    containers: [
      container({
        resources: { limits: getResourceLimits('5', '3'), requests: getResourceLimits('6', '4') },
      }),
    ],
    want: [
      {
        path: 'containers[0].resources.requests',
        message: 'Invalid value: "6": must be less than or equal to cpu limit of 5',
      },
      {
        path: 'containers[0].resources.requests',
        message: 'Invalid value: "4": must be less than or equal to memory limit of 3',
      },
    ],
  },
];

describe('validatePodSpec: containers', () => {
  it.each(validateContainersCases)('$name', ({ containers, want }) => {
    expect(validatePodSpec({ containers }, '', false)).toEqual(want);
  });

  it.each([
    {
      name: 'no containers',
      spec: {},
      want: [{ path: 'spec.containers', message: 'Required value' }],
    },
    {
      name: 'an extended resource requested unlike its limit',
      spec: {
        containers: [
          container({
            resources: { requests: list({ 'nvidia.com/gpu': '2' }), limits: list({ 'nvidia.com/gpu': '1' }) },
          }),
        ],
      },
      want: [
        {
          path: 'spec.containers[0].resources.requests',
          message: 'Invalid value: "2": must be equal to nvidia.com/gpu limit of 1',
        },
      ],
    },
    {
      name: 'an extended resource requested without a limit',
      spec: { containers: [container({ resources: { requests: list({ 'nvidia.com/gpu': '1' }) } })] },
      want: [
        {
          path: 'spec.containers[0].resources.limits',
          message: 'Required value: Limit must be set for non overcommitable resources',
        },
      ],
    },
    {
      name: 'a fraction of an extended resource',
      spec: { containers: [container({ resources: { limits: list({ 'example.com/foo': '500m' }) } })] },
      want: [
        {
          path: 'spec.containers[0].resources.limits[example.com/foo]',
          message: 'Invalid value: 500m: must be an integer',
        },
      ],
    },
    {
      name: 'hugepages below cpu or memory, and not a multiple of the page size',
      spec: {
        containers: [
          container({
            resources: {
              limits: list({ 'hugepages-2Mi': '1Mi' }),
              requests: list({ 'hugepages-2Mi': '1Mi' }),
            },
          }),
        ],
      },
      want: [
        {
          path: 'spec.containers[0].resources.limits.hugepages-2Mi',
          message: 'Invalid value: "1Mi": 1Mi is not positive integer multiple of hugepages-2Mi',
        },
        {
          path: 'spec.containers[0].resources.requests.hugepages-2Mi',
          message: 'Invalid value: "1Mi": 1Mi is not positive integer multiple of hugepages-2Mi',
        },
        { path: 'spec.containers[0].resources', message: 'Forbidden: HugePages require cpu or memory' },
      ],
    },
    {
      name: 'ports out of range, unnamed correctly and of an unknown protocol',
      spec: {
        containers: [
          container({
            ports: [
              { containerPort: 0 },
              { containerPort: 70000, hostPort: -1 },
              { name: 'Web--', containerPort: 80, protocol: 'HTTP' },
            ],
          }),
        ],
      },
      want: [
        { path: 'spec.containers[0].ports[0].containerPort', message: 'Required value' },
        {
          path: 'spec.containers[0].ports[1].containerPort',
          message: 'Invalid value: 70000: must be between 1 and 65535, inclusive',
        },
        {
          path: 'spec.containers[0].ports[1].hostPort',
          message: 'Invalid value: -1: must be between 1 and 65535, inclusive',
        },
        {
          path: 'spec.containers[0].ports[2].name',
          message:
            'Invalid value: "Web--": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        },
        {
          path: 'spec.containers[0].ports[2].name',
          message: 'Invalid value: "Web--": must not contain consecutive hyphens',
        },
        {
          path: 'spec.containers[0].ports[2].name',
          message: 'Invalid value: "Web--": must not begin or end with a hyphen',
        },
        {
          path: 'spec.containers[0].ports[2].protocol',
          message: 'Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
        },
      ],
    },
    {
      name: 'an unknown pull policy and a restart policy on a regular container',
      spec: { containers: [container({ imagePullPolicy: 'always', restartPolicy: 'Always' })] },
      want: [
        {
          path: 'spec.containers[0].imagePullPolicy',
          message: 'Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never"',
        },
        {
          path: 'spec.containers[0].restartPolicy',
          message: 'Forbidden: may not be set for non-init containers',
        },
      ],
    },
    {
      name: 'init containers: a restart policy other than Always, a probe without it, a name taken',
      spec: {
        containers: [container({ name: 'app' })],
        initContainers: [
          container({ name: 'app', restartPolicy: 'OnFailure', readinessProbe: {} }),
          container({ name: 'proxy', restartPolicy: 'Always', readinessProbe: {} }),
        ],
      },
      want: [
        {
          path: 'spec.initContainers[0].restartPolicy',
          message: 'Unsupported value: "OnFailure": supported values: "Always"',
        },
        { path: 'spec.initContainers[0].name', message: 'Duplicate value: "app"' },
        {
          path: 'spec.initContainers[0].readinessProbe',
          message: 'Forbidden: may not be set for init containers without restartPolicy=Always',
        },
      ],
    },
    {
      name: 'pod-level resources: only cpu, memory and hugepages',
      spec: {
        containers: [container()],
        resources: {
          requests: list({ cpu: '1', 'nvidia.com/gpu': '1' }),
          limits: list({ cpu: '500m', 'nvidia.com/gpu': '1' }),
        },
      },
      want: [
        {
          path: 'spec.resources.limits[nvidia.com/gpu]',
          message: 'Unsupported value: nvidia.com/gpu: supported values: "cpu", "hugepages-", "memory"',
        },
        {
          path: 'spec.resources.requests',
          message: 'Invalid value: "1": must be less than or equal to cpu limit of 500m',
        },
        {
          path: 'spec.resources.requests[nvidia.com/gpu]',
          message: 'Unsupported value: nvidia.com/gpu: supported values: "cpu", "hugepages-", "memory"',
        },
      ],
    },
    {
      name: 'overhead is validated as limits',
      spec: { containers: [container()], overhead: list({ cpu: '-1' }) },
      want: [
        {
          path: 'spec.overhead.limits.cpu',
          message: 'Invalid value: "-1": must be greater than or equal to 0',
        },
      ],
    },
  ])('$name', ({ spec, want }) => {
    expect(validatePodSpec(spec, 'spec', false)).toEqual(want);
  });

  it('requires hostPort to match containerPort under hostNetwork; a template may leave it unset, a pod not', () => {
    const spec = {
      hostNetwork: true,
      containers: [container({ ports: [{ containerPort: 8080 }, { containerPort: 9000, hostPort: 9001 }] })],
    };
    const mismatch = {
      path: 'spec.containers[0].ports[1].hostPort',
      message: 'Invalid value: 9001: must match `containerPort` when `hostNetwork` is true',
    };
    expect(validatePodSpec(spec, 'spec', false)).toEqual([mismatch]);
    expect(validatePodSpec(spec, 'spec', true)).toEqual([
      {
        path: 'spec.containers[0].ports[0].hostPort',
        message: 'Invalid value: 0: must match `containerPort` when `hostNetwork` is true',
      },
      mismatch,
    ]);
  });

  it('accepts a valid pod spec', () => {
    const spec = {
      containers: [
        container({
          name: 'app',
          ports: [{ name: 'http', containerPort: 8080 }],
          resources: {
            requests: list({ cpu: '250m', 'nvidia.com/gpu': '1' }),
            limits: list({ cpu: '1', 'nvidia.com/gpu': '1' }),
          },
        }),
      ],
      initContainers: [container({ name: 'proxy', restartPolicy: 'Always', livenessProbe: {} })],
      resources: { requests: list({ cpu: '1', memory: '1Gi' }), limits: list({ cpu: '2' }) },
    };
    expect(validatePodSpec(spec, 'spec', false)).toEqual([]);
  });
});

describe('workload rules', () => {
  it('ValidateObjectMeta: a name or generateName', () => {
    expect(validateObjectMeta({}, 'metadata')).toEqual([
      { path: 'metadata.name', message: 'Required value: name or generateName is required' },
    ]);
    expect(validateObjectMeta({ generateName: 'web-' }, 'metadata')).toEqual([]);
  });

  it('ValidateNonnegativeField', () => {
    expect(validateNonnegative(-1, 'spec.replicas')).toEqual([
      { path: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' },
    ]);
    expect(validateNonnegative(0, 'spec.replicas')).toEqual([]);
    expect(validateNonnegative(undefined, 'spec.replicas')).toEqual([]);
  });

  it('apps/v1: a selector is required, and a missing one selects nothing', () => {
    expect(validateWorkloadSelector(undefined, { app: 'web' }, 'spec')).toEqual([
      { path: 'spec.selector', message: 'Required value' },
      {
        path: 'spec.template.metadata.labels',
        message: 'Invalid value: {"app":"web"}: `selector` does not match template `labels`',
      },
    ]);
  });

  it.each([
    { name: 'matchLabels that match', selector: { matchLabels: { app: 'web' } }, matches: true },
    { name: 'matchLabels that differ', selector: { matchLabels: { app: 'api' } }, matches: false },
    {
      name: 'In',
      selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] },
      matches: true,
    },
    {
      name: 'NotIn',
      selector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['b'] }] },
      matches: false,
    },
    { name: 'Exists', selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, matches: true },
    {
      name: 'DoesNotExist',
      selector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] },
      matches: false,
    },
    { name: 'an empty selector (not checked here)', selector: {}, matches: true },
  ])('selector $name', ({ selector, matches }) => {
    const errors = validateWorkloadSelector(selector, { app: 'web', tier: 'b' }, 'spec');
    expect(errors).toEqual(
      matches
        ? []
        : [
            {
              path: 'spec.template.metadata.labels',
              message: 'Invalid value: {"app":"web","tier":"b"}: `selector` does not match template `labels`',
            },
          ],
    );
  });

  it('ReplicationController: a selector, when set, must match', () => {
    expect(validateReplicationControllerSelector(undefined, { app: 'web' }, 'spec')).toEqual([]);
    expect(validateReplicationControllerSelector({ app: 'api' }, { app: 'web' }, 'spec')).toEqual([
      {
        path: 'spec.template.metadata.labels',
        message: 'Invalid value: {"app":"web"}: `selector` does not match template `labels`',
      },
    ]);
  });
});
