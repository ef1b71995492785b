// Tables from pkg/apis/core/v1/helper/qos/qos_test.go (TestCollectPodLevelResources,
// TestCollectContainerLevelResources), case names verbatim, and every case of the conformance corpus
// test/fixtures/conformance/cases/qos.json (TestComputePodQOS).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { type Pod, type QOSClass } from '../api/core-v1';
import {
  collectContainerLevelResources,
  collectPodLevelResources,
  computePodQOS,
  getPodQOS,
} from './qos';
import { decodePod } from './testing/decode-pod';
import { buildPod, podInputArb } from './testing/pod-arbitraries';
import { pod, type QuantityStrings } from './testing/pod-builder';
import { compareResources, sameResources } from './testing/resource-lists';

interface QOSCase {
  readonly name: string;
  readonly pod: unknown;
  readonly expectedQOS: QOSClass;
  readonly featureGates: { readonly PodLevelResources: boolean };
}

const CORPUS = join(__dirname, '../../../../test/fixtures/conformance/cases/qos.json');
const qosCases = JSON.parse(readFileSync(CORPUS, 'utf8')) as QOSCase[];

describe('conformance corpus: qos.json', () => {
  it('holds all 20 cases', () => {
    expect(qosCases).toHaveLength(20);
  });

  it.each(qosCases)('$name', ({ pod: raw, expectedQOS, featureGates }) => {
    expect(computePodQOS(decodePod(raw), { podLevelResources: featureGates.PodLevelResources })).toBe(expectedQOS);
  });
});

function resources(cpu: string, memory: string): QuantityStrings {
  return { ...(cpu !== '' && { cpu }), ...(memory !== '' && { memory }) };
}

describe('TestCollectPodLevelResources', () => {
  it.each([
    {
      name: 'cpu+mem limits present -> Guaranteed',
      reqs: resources('100m', '128Mi'),
      lims: resources('750m', '512Mi'),
      expectedGuaranteed: true,
    },
    {
      name: 'only cpu limit -> not Guaranteed',
      reqs: resources('100m', '128Mi'),
      lims: resources('750m', ''),
      expectedGuaranteed: false,
    },
    {
      name: 'only memory limit -> not Guaranteed',
      reqs: resources('100m', '128Mi'),
      lims: resources('', '512Mi'),
      expectedGuaranteed: false,
    },
    {
      name: 'no limits -> not Guaranteed',
      reqs: resources('100m', '128Mi'),
      lims: resources('', ''),
      expectedGuaranteed: false,
    },
  ])('$name', ({ reqs, lims, expectedGuaranteed }) => {
    const actual = collectPodLevelResources(pod().podRequests(reqs).podLimits(lims).obj());
    expect(actual.isGuaranteed).toBe(expectedGuaranteed);
    expect(compareResources(actual.requests, reqs)).toEqual(sameResources(reqs));
    expect(compareResources(actual.limits, lims)).toEqual(sameResources(lims));
  });
});

describe('TestCollectContainerLevelResources', () => {
  const cases: { name: string; pod: Pod; expectedReq: QuantityStrings; expectedLim: QuantityStrings; expectedGuaranteed: boolean }[] =
    [
      {
        name: 'single container: full CPU+Mem limits -> Guaranteed',
        pod: pod().container(resources('100m', '200Mi'), { name: 'c1', limits: resources('200m', '400Mi') }).obj(),
        expectedReq: resources('100m', '200Mi'),
        expectedLim: resources('200m', '400Mi'),
        expectedGuaranteed: true,
      },
      {
        name: 'two containers and init container with CPU+Mem limits -> Guaranteed',
        pod: pod()
          .container(resources('100m', '100Mi'), { name: 'c1', limits: resources('200m', '200Mi') })
          .container(resources('300m', '400Mi'), { name: 'c2', limits: resources('800m', '1000Mi') })
          .init(resources('50m', '50Mi'), { name: 'init', limits: resources('100m', '100Mi') })
          .obj(),
        expectedReq: resources('450m', '550Mi'),
        expectedLim: resources('1100m', '1300Mi'),
        expectedGuaranteed: true,
      },
      {
        name: 'only CPU limit (Mem limit absent/zero) -> NotGuaranteed',
        pod: pod().container(resources('0', '0'), { name: 'c1', limits: resources('100m', '') }).obj(),
        expectedReq: {},
        expectedLim: resources('100m', ''),
        expectedGuaranteed: false,
      },
      {
        name: 'two containers + init: one container missing CPU limit -> NotGuaranteed',
        pod: pod()
          .container(resources('100m', '100Mi'), { name: 'c1', limits: resources('200m', '300Mi') })
          .container(resources('300m', '100Mi'), { name: 'c2', limits: resources('50m', '300Mi') })
          .init(resources('50m', '50Mi'), { name: 'init1', limits: resources('', '50Mi') })
          .obj(),
        expectedReq: resources('450m', '250Mi'),
        expectedLim: resources('250m', '650Mi'),
        expectedGuaranteed: false,
      },
      {
        // Ephemeral containers are not in core-v1's PodSpec; they can set no resources, so none count.
        name: 'ephemeral-container ignored for QoS; CPU+Mem limits exist -> Guaranteed',
        pod: pod().container(resources('250m', '256Mi'), { name: 'c1', limits: resources('500m', '512Mi') }).obj(),
        expectedReq: resources('250m', '256Mi'),
        expectedLim: resources('500m', '512Mi'),
        expectedGuaranteed: true,
      },
    ];
  it.each(cases)('$name', ({ pod: p, expectedReq, expectedLim, expectedGuaranteed }) => {
    const actual = collectContainerLevelResources(p);
    expect(compareResources(actual.requests, expectedReq)).toEqual(sameResources(expectedReq));
    expect(compareResources(actual.limits, expectedLim)).toEqual(sameResources(expectedLim));
    expect(actual.isGuaranteed).toBe(expectedGuaranteed);
  });
});

describe('getPodQOS', () => {
  it('returns status.qosClass when the kubelet recorded one', () => {
    const p = pod().container({ cpu: '1' }).obj();
    const recorded = { ...p, status: { qosClass: 'Guaranteed' } } as Pod;
    expect(getPodQOS(recorded)).toBe('Guaranteed');
    expect(getPodQOS(p)).toBe('Burstable');
  });
});

describe('properties', () => {
  it('a pod with no resources is BestEffort', () => {
    fc.assert(
      fc.property(podInputArb, (input) => {
        const bare = buildPod({
          containers: input.containers.map(({ kind }) => ({ kind })),
          ...(input.overhead !== undefined && { overhead: input.overhead }),
        });
        return computePodQOS(bare) === 'BestEffort';
      }),
    );
  });

  it('a pod whose every container limits cpu and memory at its requests is Guaranteed', () => {
    const guaranteedArb = fc.array(
      fc.record({
        cpu: fc.integer({ min: 1, max: 4000 }).map((n) => `${n}m`),
        memory: fc.integer({ min: 1, max: 4096 }).map((n) => `${n}Mi`),
        kind: fc.constantFrom('app', 'init', 'sidecar'),
      }),
      { minLength: 1, maxLength: 6 },
    );
    fc.assert(
      fc.property(guaranteedArb, (containers) => {
        const p = buildPod({
          containers: [
            { kind: 'app', requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } },
            ...containers.map(({ cpu, memory, kind }) => ({ kind, requests: { cpu, memory }, limits: { cpu, memory } })),
          ],
        });
        return computePodQOS(p) === 'Guaranteed';
      }),
    );
  });
});
