// Tables from k8s.io/component-helpers resource/helpers_test.go (kubernetes/kubernetes 0085214e,
// staging/src/k8s.io/component-helpers/resource/helpers_test.go), case names verbatim, and every case of
// the conformance corpus test/fixtures/conformance/cases/requests.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { type Pod, type ResourceList } from '../api/core-v1';
import { Quantity } from '../quantity/quantity';
import {
  aggregateContainerLimits,
  aggregateContainerRequests,
  DEFAULT_MEMORY_REQUEST,
  DEFAULT_MILLI_CPU_REQUEST,
  isPodLevelLimitsSet,
  isPodLevelRequestsSet,
  isPodLevelResourcesSet,
  isPodResizeDeferred,
  isPodResizeInfeasible,
  isSupportedPodLevelResource,
  nonZeroDefaultRequests,
  podLimits,
  podRequests,
  type PodResourcesOptions,
  supportedPodLevelResources,
} from './resources';
import { decodePod } from './testing/decode-pod';
import { buildPod, containerSpecArb, podInputArb, withAppContainers } from './testing/pod-arbitraries';
import { pod, type QuantityStrings, resourceList } from './testing/pod-builder';
import { compareResources, resourceListsEqual, sameResources } from './testing/resource-lists';

interface RequestsCase {
  readonly name: string;
  readonly pod: unknown;
  readonly function?: string;
  readonly options?: Readonly<Record<string, boolean>>;
  readonly expectedRequests?: Record<string, string>;
  readonly expectedLimits?: Record<string, string>;
}

const CORPUS = join(__dirname, '../../../../test/fixtures/conformance/cases/requests.json');
const requestsCases = JSON.parse(readFileSync(CORPUS, 'utf8')) as RequestsCase[];

const OPTION_NAMES: Readonly<Record<string, keyof PodResourcesOptions>> = {
  ExcludeOverhead: 'excludeOverhead',
  UseStatusResources: 'useStatusResources',
  SkipPodLevelResources: 'skipPodLevelResources',
  InPlacePodLevelResourcesVerticalScalingEnabled: 'inPlacePodLevelResourcesVerticalScalingEnabled',
};

function toOptions(goOptions: Readonly<Record<string, boolean>> | undefined): PodResourcesOptions {
  const opts: Record<string, boolean> = {};
  for (const [goName, value] of Object.entries(goOptions ?? {})) {
    const name = OPTION_NAMES[goName];
    if (name === undefined) throw new Error(`unknown PodResourcesOptions field ${goName}`);
    opts[name] = value;
  }
  return opts;
}

function expectResources(actual: ResourceList, expected: QuantityStrings): void {
  expect(compareResources(actual, expected)).toEqual(sameResources(expected));
}

describe('conformance corpus: requests.json', () => {
  it('holds all 76 cases', () => {
    expect(requestsCases).toHaveLength(76);
  });

  it.each(requestsCases)('$name', (c) => {
    expect.hasAssertions();
    const p = decodePod(c.pod);
    const opts = toOptions(c.options);
    const isAggregate = c.function === 'AggregateContainerRequests/AggregateContainerLimits';
    if (c.expectedRequests !== undefined) {
      expectResources(podRequests(p, opts), c.expectedRequests);
      if (isAggregate) expectResources(aggregateContainerRequests(p, opts), c.expectedRequests);
    }
    if (c.expectedLimits !== undefined) {
      expectResources(podLimits(p, opts), c.expectedLimits);
      if (isAggregate) expectResources(aggregateContainerLimits(p, opts), c.expectedLimits);
    }
  });
});

describe('TestIsPodLevelResourcesSet', () => {
  const cases: { name: string; podResources?: { requests?: QuantityStrings; limits?: QuantityStrings }; expected: boolean }[] =
    [
      { name: 'nil resources struct', expected: false },
      { name: 'empty resources struct', podResources: {}, expected: false },
      { name: 'only unsupported resource requests set', podResources: { requests: { 'ephemeral-storage': '1Mi' } }, expected: false },
      { name: 'only unsupported resource limits set', podResources: { limits: { 'ephemeral-storage': '1Mi' } }, expected: false },
      {
        name: 'unsupported and suported resources requests set',
        podResources: { requests: { 'ephemeral-storage': '1Mi', cpu: '1m' } },
        expected: true,
      },
      {
        name: 'unsupported and suported resources limits set',
        podResources: { limits: { 'ephemeral-storage': '1Mi', cpu: '1m' } },
        expected: true,
      },
    ];
  it.each(cases)('$name', ({ podResources, expected }) => {
    expect(isPodLevelResourcesSet(withPodResources(podResources))).toBe(expected);
  });
});

describe('TestIsPodLevelLimitsSet', () => {
  const cases: { name: string; podResources?: { requests?: QuantityStrings; limits?: QuantityStrings }; expected: boolean }[] =
    [
      { name: 'nil resources struct', expected: false },
      { name: 'empty resources struct', podResources: {}, expected: false },
      { name: 'only resource requests set', podResources: { requests: { memory: '100Mi' } }, expected: false },
      { name: 'only unsupported resource limits set', podResources: { limits: { 'ephemeral-storage': '1Mi' } }, expected: false },
      {
        name: 'unsupported and suported resources limits set',
        podResources: { limits: { 'ephemeral-storage': '1Mi', cpu: '1m' } },
        expected: true,
      },
    ];
  it.each(cases)('$name', ({ podResources, expected }) => {
    expect(isPodLevelLimitsSet(withPodResources(podResources))).toBe(expected);
  });

  it('isPodLevelRequestsSet looks at requests only', () => {
    expect(isPodLevelRequestsSet(withPodResources({ limits: { cpu: '1' } }))).toBe(false);
    expect(isPodLevelRequestsSet(withPodResources({ requests: { 'hugepages-2Mi': '2Mi' } }))).toBe(true);
  });
});

function withPodResources(podResources: { requests?: QuantityStrings; limits?: QuantityStrings } | undefined): Pod {
  const p = pod().obj();
  if (podResources === undefined) return p;
  return {
    ...p,
    spec: {
      ...p.spec,
      resources: {
        ...(podResources.requests && { requests: resourceList(podResources.requests) }),
        ...(podResources.limits && { limits: resourceList(podResources.limits) }),
      },
    },
  };
}

describe('TestIsSupportedPodLevelResource', () => {
  it.each([
    { name: 'cpu', expected: true },
    { name: 'memory', expected: true },
    { name: 'ephemeral-storage', expected: false },
    { name: 'hugepages-2Mi', expected: true },
    { name: 'hugepages-1Gi', expected: true },
  ])('$name', ({ name, expected }) => {
    expect(isSupportedPodLevelResource(name)).toBe(expected);
  });
});

describe('TestPodLevelResourceRequests (rows with pod status)', () => {
  const overhead = { cpu: '100m', memory: '10Mi' };
  const cases: { name: string; statusRequests: QuantityStrings; allocated: QuantityStrings; expected: QuantityStrings }[] = [
    {
      name: 'status resources include overhead for all pod-level resources',
      statusRequests: { cpu: '1100m', memory: '110Mi' },
      allocated: { cpu: '1100m', memory: '110Mi' },
      expected: { cpu: '1100m', memory: '110Mi' },
    },
    {
      name: 'status resources include overhead for only one pod-level resource',
      statusRequests: { cpu: '1100m' },
      allocated: { cpu: '1100m' },
      expected: { cpu: '1100m', memory: '110Mi' },
    },
    {
      name: 'status resources without overhead still receive overhead',
      statusRequests: { cpu: '1', memory: '100Mi' },
      allocated: { cpu: '1', memory: '100Mi' },
      expected: { cpu: '1100m', memory: '110Mi' },
    },
    {
      name: 'allocated resources include overhead when status requests do not',
      statusRequests: { cpu: '1', memory: '100Mi' },
      allocated: { cpu: '1100m', memory: '110Mi' },
      expected: { cpu: '1100m', memory: '110Mi' },
    },
    {
      name: 'allocated resources include stale overhead during resize',
      statusRequests: { cpu: '1', memory: '100Mi' },
      allocated: { cpu: '1050m', memory: '105Mi' },
      expected: { cpu: '1100m', memory: '110Mi' },
    },
  ];
  it.each(cases)('$name', ({ statusRequests, allocated, expected }) => {
    const p = pod()
      .podRequests({ cpu: '1', memory: '100Mi' })
      .overhead(overhead)
      .status({ resources: { requests: resourceList(statusRequests) }, allocatedResources: resourceList(allocated) })
      .obj();
    const opts = { useStatusResources: true, inPlacePodLevelResourcesVerticalScalingEnabled: true };
    expectResources(podRequests(p, opts), expected);
  });
});

describe('TestPodRequestsAndLimitsVerticalScalingWrappers', () => {
  const statusAndPlr: PodResourcesOptions = {
    useStatusResources: true,
    inPlacePodLevelResourcesVerticalScalingEnabled: true,
  };
  const infeasible = [{ type: 'PodResizePending', status: 'True', reason: 'Infeasible' }];
  const cases: { name: string; pod: Pod; opts: PodResourcesOptions; requests: QuantityStrings; limits: QuantityStrings }[] = [
    {
      name: 'pod level requests/limits with PLR vertical scaling enabled and status populated',
      pod: pod()
        .podRequests({ cpu: '2' })
        .podLimits({ cpu: '4' })
        .container({ cpu: '1' }, { name: 'c1', limits: { cpu: '2' } })
        .status({
          allocatedResources: resourceList({ cpu: '3' }),
          resources: { requests: resourceList({ cpu: '3.5' }), limits: resourceList({ cpu: '5' }) },
        })
        .obj(),
      opts: statusAndPlr,
      requests: { cpu: '3.5' },
      limits: { cpu: '5' },
    },
    {
      name: 'pod level requests/limits with PLR vertical scaling enabled, status.resources nil, status.allocatedResources set',
      pod: pod()
        .podRequests({ cpu: '2' })
        .podLimits({ cpu: '4' })
        .container({ cpu: '1' }, { name: 'c1', limits: { cpu: '2' } })
        .status({ allocatedResources: resourceList({ cpu: '3' }) })
        .obj(),
      opts: statusAndPlr,
      requests: { cpu: '3' },
      limits: { cpu: '4' },
    },
    {
      name: 'pod level requests/limits with PLR vertical scaling enabled and infeasible resize',
      pod: pod()
        .podRequests({ cpu: '10' })
        .podLimits({ cpu: '20' })
        .container({ cpu: '1' }, { name: 'c1', limits: { cpu: '2' } })
        .status({
          conditions: infeasible,
          allocatedResources: resourceList({ cpu: '3' }),
          resources: { requests: resourceList({ cpu: '4' }), limits: resourceList({ cpu: '8' }) },
        })
        .obj(),
      opts: statusAndPlr,
      requests: { cpu: '4' },
      limits: { cpu: '8' },
    },
    {
      name: 'container limits aggregation with infeasible resize',
      pod: pod()
        .container(undefined, { name: 'c1', limits: { cpu: '10' } })
        .status({
          conditions: infeasible,
          containerStatuses: [{ name: 'c1', resources: { limits: resourceList({ cpu: '6' }) } }],
        })
        .obj(),
      opts: { useStatusResources: true },
      requests: {},
      limits: { cpu: '6' },
    },
    {
      name: 'non missing container requests applied to init container',
      pod: pod().init({ cpu: '1' }, { name: 'i1' }).obj(),
      opts: { nonMissingContainerRequests: resourceList({ memory: '100Mi' }) },
      requests: { cpu: '1', memory: '100Mi' },
      limits: {},
    },
    {
      name: 'non missing container requests applied to regular container',
      pod: pod().container({ cpu: '1' }, { name: 'c1' }).obj(),
      opts: { nonMissingContainerRequests: resourceList({ memory: '100Mi' }) },
      requests: { cpu: '1', memory: '100Mi' },
      limits: {},
    },
    {
      name: 'pod level requests/limits with PLR vertical scaling enabled, overhead set, and status populated',
      pod: pod()
        .overhead({ cpu: '1', memory: '500Mi' })
        .podRequests({ cpu: '2', memory: '2Gi' })
        .podLimits({ cpu: '4', memory: '4Gi' })
        .status({
          allocatedResources: resourceList({ cpu: '3', memory: '2.5Gi' }),
          resources: {
            requests: resourceList({ cpu: '3', memory: '2.5Gi' }),
            limits: resourceList({ cpu: '5', memory: '4.5Gi' }),
          },
        })
        .obj(),
      opts: statusAndPlr,
      requests: { cpu: '3', memory: '2.5Gi' },
      limits: { cpu: '5', memory: '4.5Gi' },
    },
  ];
  it.each(cases)('$name', ({ pod: p, opts, requests, limits }) => {
    expectResources(podRequests(p, opts), requests);
    expectResources(podLimits(p, opts), limits);
  });
});

describe('TestResizeConditionsAndSupportedResources', () => {
  it('reads the PodResizePending reason and lists cpu as supported', () => {
    const deferred = pod().status({ conditions: [{ type: 'PodResizePending', status: 'True', reason: 'Deferred' }] }).obj();
    expect(isPodResizeDeferred(deferred)).toBe(true);
    expect(isPodResizeInfeasible(deferred)).toBe(false);
    const other = pod().status({ conditions: [{ type: 'PodResizePending', status: 'True', reason: 'Other' }] }).obj();
    expect(isPodResizeDeferred(other)).toBe(false);
    expect(supportedPodLevelResources()).toContain('cpu');
  });
});

describe('scheduler non-zero defaults (pkg/scheduler/util/pod_resources.go)', () => {
  it('counts a container without a cpu or memory request as 100m and 200Mi', () => {
    expect(DEFAULT_MILLI_CPU_REQUEST).toBe(100);
    expect(DEFAULT_MEMORY_REQUEST).toBe(209715200);
    const defaults = nonZeroDefaultRequests();
    expect(defaults.cpu?.milliValue()).toBe(100n);
    expect(defaults.memory?.value()).toBe(209715200n);
  });

  it('keeps a request explicitly set to zero', () => {
    const p = pod().container({ cpu: '0' }).container({ memory: '1Gi' }).init().obj();
    expectResources(podRequests(p, { nonMissingContainerRequests: nonZeroDefaultRequests() }), {
      cpu: '100m',
      memory: '1224Mi',
    });
  });
});

describe('properties', () => {
  function noLower(before: ResourceList, after: ResourceList): boolean {
    return Object.keys(before).every((name) => after[name] !== undefined && after[name].cmp(before[name]) >= 0);
  }

  it('adding a container never lowers requests', () => {
    fc.assert(
      fc.property(podInputArb, containerSpecArb, fc.nat(), (input, added, at) => {
        const containers = [...input.containers];
        containers.splice(at % (containers.length + 1), 0, added);
        const before = podRequests(buildPod(input));
        const after = podRequests(buildPod({ ...input, containers }));
        return noLower(before, after);
      }),
    );
  });

  it('requests are independent of app container order', () => {
    const arb = podInputArb.chain((input) => {
      const p = buildPod(input);
      const n = p.spec.containers.length;
      return fc.tuple(fc.constant(p), fc.shuffledSubarray([...p.spec.containers], { minLength: n, maxLength: n }));
    });
    fc.assert(
      fc.property(arb, ([p, shuffled]) => resourceListsEqual(podRequests(p), podRequests(withAppContainers(p, shuffled)))),
    );
  });

  it('requests are at least each app container, init container and sidecar on its own', () => {
    fc.assert(
      fc.property(podInputArb, (input) => {
        const p = buildPod({ ...input, podRequests: undefined });
        const requests = podRequests(p);
        return [...p.spec.containers, ...(p.spec.initContainers ?? [])].every((c) =>
          noLower(c.resources?.requests ?? {}, requests),
        );
      }),
    );
  });

  it('non-zero defaults never lower requests', () => {
    fc.assert(
      fc.property(podInputArb, (input) => {
        const p = buildPod(input);
        return noLower(podRequests(p), podRequests(p, { nonMissingContainerRequests: nonZeroDefaultRequests() }));
      }),
    );
  });

  it('excluding overhead removes exactly the overhead from requests', () => {
    fc.assert(
      fc.property(podInputArb, (input) => {
        const p = buildPod(input);
        const withOverhead = podRequests(p);
        const without = podRequests(p, { excludeOverhead: true });
        return Object.keys(withOverhead).every((name) => {
          const extra = p.spec.overhead?.[name];
          const expected = extra === undefined ? without[name] : (without[name] ?? Quantity.zero()).add(extra);
          return expected !== undefined && expected.cmp(withOverhead[name]) === 0;
        });
      }),
    );
  });
});
