// Cases from pkg/apis/core/v1/defaults_test.go (TestSetDefaultRequestsPod, TestSetMinimumScalePod,
// TestPodHostNetworkDefaults, TestSetDefaultSchedulerName, TestPodDefaults), names verbatim. The pod-level
// cases follow the worked examples of KEP-2837 ("Clarifying Tricky Cases", keps/sig-node/2837-pod-level-
// resource-spec/README.md) and kubernetes/kubernetes#136120, named after them.
import { type Pod, type ResourceList } from '../api/core-v1';
import { Quantity } from '../quantity/quantity';
import { applyPodDefaults } from './defaults';
import { podRequests } from './resources';
import { pod, type QuantityStrings } from './testing/pod-builder';
import { compareResources, sameResources } from './testing/resource-lists';

function snapshot(p: Pod): string {
  return JSON.stringify(p, (_key, value: unknown) => (value instanceof Quantity ? `Quantity(${value.toString()})` : value));
}

function expectResources(actual: ResourceList | undefined, expected: QuantityStrings): void {
  expect(compareResources(actual ?? {}, expected)).toEqual(sameResources(expected));
}

// Freezes plain objects and arrays; quantities are immutable already and may cache internally.
function deepFreeze<T>(value: T): T {
  const isPlain =
    value !== null &&
    typeof value === 'object' &&
    (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype);
  if (isPlain && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

describe('TestSetDefaultRequestsPod', () => {
  it('verify we default if limits are specified (and that request=0 is preserved)', () => {
    const limits = { cpu: '100m', memory: '1Gi' };
    const defaulted = applyPodDefaults(
      pod().container({ memory: '0' }, { limits }).init({ memory: '0' }, { limits }).obj(),
    );
    for (const c of [defaulted.spec.containers[0], defaulted.spec.initContainers?.[0]]) {
      expect(c?.resources?.requests?.cpu?.toString()).toBe('100m');
      expect(c?.resources?.requests?.memory?.toString()).toBe('0');
    }
  });

  it('verify we do nothing if no limits are specified', () => {
    const defaulted = applyPodDefaults(pod().container().init().obj());
    expect(defaulted.spec.containers[0].resources?.requests?.cpu).toBeUndefined();
    expect(defaulted.spec.initContainers?.[0].resources?.requests?.cpu).toBeUndefined();
  });
});

describe('TestSetMinimumScalePod', () => {
  it('rounds every quantity up to milli precision', () => {
    const defaulted = applyPodDefaults(
      pod().container({ memory: '1n' }, { limits: { cpu: '2n' } }).init({ memory: '1n' }, { limits: { cpu: '2n' } }).obj(),
    );
    expectResources(defaulted.spec.containers[0].resources?.requests, { memory: '1m', cpu: '1m' });
    expectResources(defaulted.spec.initContainers?.[0].resources?.requests, { memory: '1m', cpu: '1m' });
  });

  it('rounds pod-level resources and overhead too, and keeps exact values as written', () => {
    const defaulted = applyPodDefaults(
      pod().container({ cpu: '250m', memory: '64Mi' }).podLimits({ cpu: '1500u' }).overhead({ cpu: '0.1m', memory: '1Ki' }).obj(),
    );
    expectResources(defaulted.spec.resources?.limits, { cpu: '2m' });
    expectResources(defaulted.spec.overhead, { cpu: '1m', memory: '1Ki' });
    expect(defaulted.spec.overhead?.memory?.toString()).toBe('1Ki');
    expect(defaulted.spec.containers[0].resources?.requests?.memory?.toString()).toBe('64Mi');
  });
});

describe('TestPodHostNetworkDefaults', () => {
  // Only the Pod half: DefaultHostNetworkHostPortsInPodTemplates gates PodSpec defaulting, never Pods.
  it.each([
    { name: 'gate disabled, hostNetwork=false', hostNet: false, expectPodDefault: false },
    { name: 'gate disabled, hostNetwork=true', hostNet: true, expectPodDefault: true },
    { name: 'gate enabled, hostNetwork=false', hostNet: false, expectPodDefault: false },
    { name: 'gate enabled, hostNetwork=true', hostNet: true, expectPodDefault: true },
  ])('$name', ({ hostNet, expectPodDefault }) => {
    const p = pod().container(undefined, { ports: [{ containerPort: 12345, protocol: 'TCP' }] }).hostNetwork(hostNet).obj();
    const port = applyPodDefaults(p).spec.containers[0].ports?.[0];
    expect(port?.hostPort).toBe(expectPodDefault ? 12345 : undefined);
  });

  it('defaults init container ports too, and keeps a hostPort that is set', () => {
    const p = pod()
      .container(undefined, { ports: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 443 }] })
      .init(undefined, { ports: [{ containerPort: 9000, protocol: 'UDP' }] })
      .hostNetwork()
      .obj();
    const defaulted = applyPodDefaults(p);
    expect(defaulted.spec.containers[0].ports).toEqual([
      { containerPort: 80, hostPort: 8080, protocol: 'TCP' },
      { containerPort: 443, hostPort: 443, protocol: 'TCP' },
    ]);
    expect(defaulted.spec.initContainers?.[0].ports).toEqual([{ containerPort: 9000, hostPort: 9000, protocol: 'UDP' }]);
  });
});

describe('TestSetDefaultSchedulerName', () => {
  it('defaults schedulerName to default-scheduler', () => {
    expect(applyPodDefaults(pod().container().obj()).spec.schedulerName).toBe('default-scheduler');
  });
});

describe('TestPodDefaults', () => {
  it('defaults port protocol, restart policy and requests from limits', () => {
    const p = pod().container(undefined, { limits: { cpu: '1' }, ports: [{ containerPort: 8080 }] }).obj();
    const defaulted = applyPodDefaults(p);
    expect(defaulted.spec.containers[0].ports?.[0]?.protocol).toBe('TCP');
    expect(defaulted.spec.containers[0].ports?.[0]?.hostPort).toBeUndefined();
    expect(defaulted.spec.restartPolicy).toBe('Always');
    expectResources(defaulted.spec.containers[0].resources?.requests, { cpu: '1' });
  });

  it('keeps a restart policy and scheduler name that are set', () => {
    const p = pod().container().obj();
    const defaulted = applyPodDefaults({ ...p, spec: { ...p.spec, restartPolicy: 'Never', schedulerName: 'bin-packer' } });
    expect(defaulted.spec.restartPolicy).toBe('Never');
    expect(defaulted.spec.schedulerName).toBe('bin-packer');
  });
});

describe('pod-level resources defaulting (KEP-2837)', () => {
  const cases: { name: string; pod: Pod; requests?: QuantityStrings; limits?: QuantityStrings }[] = [
    {
      name: 'row 5: pod limits set, pod requests and container resources unset -> requests default to limits',
      pod: pod().container().container().podLimits({ cpu: '2', memory: '100Mi' }).obj(),
      requests: { cpu: '2', memory: '100Mi' },
      limits: { cpu: '2', memory: '100Mi' },
    },
    {
      name: 'row 6: pod limits and container limits set -> requests are the defaulted container requests',
      pod: pod().container(undefined, { limits: { memory: '60Gi' } }).container(undefined, { limits: { memory: '60Gi' } }).podLimits({ memory: '100Gi' }).obj(),
      requests: { memory: '120Gi' },
      limits: { memory: '100Gi' },
    },
    {
      name: 'example 6: pod limit set, one container requests -> request derived from the containers',
      pod: pod().container({ memory: '50Gi' }, { limits: { memory: '50Gi' } }).container().podLimits({ memory: '100Gi' }).obj(),
      requests: { memory: '50Gi' },
      limits: { memory: '100Gi' },
    },
    {
      name: 'example 9: pod limit set, every container requests -> request is the sum',
      pod: pod().container({ memory: '10Gi' }).container({ memory: '20Gi' }).container({ memory: '20Gi' }).podLimits({ memory: '100Gi' }).obj(),
      requests: { memory: '50Gi' },
      limits: { memory: '100Gi' },
    },
    {
      name: 'pod limit set, init container and sidecar -> request follows the sidecar formula',
      pod: pod().sidecar({ cpu: '1' }).init({ cpu: '3' }).container({ cpu: '2' }).podLimits({ cpu: '8', memory: '1Gi' }).obj(),
      requests: { cpu: '4', memory: '1Gi' },
      limits: { cpu: '8', memory: '1Gi' },
    },
    {
      name: 'row 10 (#136120): pod request set, every container limits -> limits default to their sum',
      pod: pod().container(undefined, { limits: { cpu: '1', memory: '1Gi' } }).init(undefined, { limits: { cpu: '2', memory: '1Gi' } }).podRequests({ cpu: '2', memory: '1Gi' }).obj(),
      requests: { cpu: '2', memory: '1Gi' },
      limits: { cpu: '2', memory: '1Gi' },
    },
    {
      name: 'example 7: pod request set, only one container limits -> no pod-level limit',
      pod: pod().container(undefined, { limits: { memory: '1Gi' } }).container().podRequests({ memory: '2Gi' }).obj(),
      requests: { memory: '2Gi' },
    },
    {
      name: 'example 8: pod request set, container resources unset -> nothing else defaulted',
      pod: pod().container().podRequests({ cpu: '1' }).obj(),
      requests: { cpu: '1' },
    },
    {
      name: 'pod-level resources set, container hugepage limit -> pod-level hugepage limit and request',
      pod: pod().container({ cpu: '1' }, { limits: { cpu: '1', 'hugepages-2Mi': '6Mi' } }).podLimits({ cpu: '1' }).obj(),
      requests: { cpu: '1', 'hugepages-2Mi': '6Mi' },
      limits: { cpu: '1', 'hugepages-2Mi': '6Mi' },
    },
    {
      name: 'pod-level hugepage request set -> no pod-level hugepage limit from the containers',
      pod: pod().container(undefined, { limits: { 'hugepages-2Mi': '6Mi' } }).podRequests({ 'hugepages-2Mi': '10Mi' }).obj(),
      requests: { 'hugepages-2Mi': '10Mi' },
    },
    {
      name: 'no pod-level resources -> none defaulted',
      pod: pod().container({ cpu: '1' }, { limits: { cpu: '2' } }).obj(),
    },
  ];

  it.each(cases)('$name', ({ pod: p, requests, limits }) => {
    const resources = applyPodDefaults(p).spec.resources;
    if (requests === undefined) expect(resources?.requests).toBeUndefined();
    else expectResources(resources?.requests, requests);
    if (limits === undefined) expect(resources?.limits).toBeUndefined();
    else expectResources(resources?.limits, limits);
  });

  it('does nothing with the PodLevelResources gate off', () => {
    const p = pod().container({ memory: '50Gi' }).podLimits({ memory: '100Gi' }).obj();
    expect(applyPodDefaults(p, { podLevelResources: false }).spec.resources?.requests).toBeUndefined();
  });

  it('makes the scheduler count the defaulted pod-level request', () => {
    const p = pod().container({ cpu: '500m' }).container().podLimits({ cpu: '2', memory: '1Gi' }).obj();
    expectResources(podRequests(applyPodDefaults(p)), { cpu: '500m', memory: '1Gi' });
  });
});

describe('applyPodDefaults', () => {
  it('returns a new pod and leaves the given one untouched', () => {
    const p = deepFreeze(
      pod()
        .container(undefined, { limits: { cpu: '1n' }, ports: [{ containerPort: 80 }] })
        .sidecar({ cpu: '1' }, { limits: { memory: '1Gi' } })
        .podLimits({ memory: '2Gi' })
        .overhead({ cpu: '0.5m' })
        .hostNetwork()
        .obj(),
    );
    const before = snapshot(p);
    const defaulted = applyPodDefaults(p);
    expect(snapshot(p)).toBe(before);
    expect(defaulted).not.toBe(p);
    expect(defaulted.spec.containers[0].ports?.[0]?.hostPort).toBe(80);
  });
});
