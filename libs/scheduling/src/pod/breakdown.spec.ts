// The explanation podfit shows for a pod's requests. Sentences are asserted exactly; the numbers are held
// to podRequests/podLimits by a property.
import fc from 'fast-check';
import { type Pod } from '../api/core-v1';
import { type ResourceBreakdown } from '../analysis/analysis-result';
import { explainPodResources } from './breakdown';
import { podLimits, podRequests } from './resources';
import { buildPod, podInputArb } from './testing/pod-arbitraries';
import { pod, type QuantityStrings } from './testing/pod-builder';
import { compareResources, resourceListsEqual, sameResources } from './testing/resource-lists';

describe('explainPodResources', () => {
  const cases: { name: string; pod: Pod; requests: QuantityStrings; breakdown: Record<string, ResourceBreakdown> }[] = [
    {
      name: 'app containers are summed',
      pod: pod().container({ cpu: '100m', memory: '64Mi' }).container({ cpu: '50m' }).obj(),
      requests: { cpu: '150m', memory: '64Mi' },
      breakdown: {
        cpu: { from: 'containers', detail: 'app containers 150m' },
        memory: { from: 'containers', detail: 'app containers 64Mi' },
      },
    },
    {
      name: 'a sidecar runs beside the app containers',
      pod: pod().sidecar({ cpu: '50m' }, { name: 'log' }).container({ cpu: '150m' }).obj(),
      requests: { cpu: '200m' },
      breakdown: {
        cpu: { from: 'containers', detail: 'app containers 150m + sidecar log 50m' },
        memory: { from: 'none', detail: 'not requested; kube-scheduler scores it as 400Mi' },
      },
    },
    {
      name: 'an init container peaks with the sidecars started before it',
      pod: pod()
        .sidecar({ cpu: '50m' }, { name: 'log' })
        .init({ cpu: '200m' }, { name: 'migrate' })
        .container({ cpu: '100m', memory: '1Gi' })
        .obj(),
      requests: { cpu: '250m', memory: '1Gi' },
      breakdown: {
        cpu: {
          from: 'init',
          container: 'migrate',
          detail: 'init container migrate 200m + sidecar log 50m > app containers 100m + sidecar log 50m',
        },
        memory: { from: 'containers', detail: 'app containers 1Gi' },
      },
    },
    {
      name: 'a sidecar declared after an init container does not run beside it',
      pod: pod()
        .init({ cpu: '200m' }, { name: 'migrate' })
        .sidecar({ cpu: '50m' }, { name: 'log' })
        .container({ cpu: '100m', memory: '1Gi' })
        .obj(),
      requests: { cpu: '200m', memory: '1Gi' },
      breakdown: {
        cpu: { from: 'init', container: 'migrate', detail: 'init container migrate 200m > app containers 100m + sidecar log 50m' },
        memory: { from: 'containers', detail: 'app containers 1Gi' },
      },
    },
    {
      name: 'several sidecars are named together',
      pod: pod()
        .sidecar({ cpu: '10m', memory: '16Mi' }, { name: 'a' })
        .sidecar({ cpu: '20m', memory: '16Mi' }, { name: 'b' })
        .init({ cpu: '1' }, { name: 'x' })
        .container({ cpu: '10m', memory: '32Mi' })
        .obj(),
      requests: { cpu: '1030m', memory: '64Mi' },
      breakdown: {
        cpu: { from: 'init', container: 'x', detail: 'init container x 1 + sidecars a, b 30m > app containers 10m + sidecars a, b 30m' },
        memory: { from: 'containers', detail: 'app containers 32Mi + sidecars a, b 32Mi' },
      },
    },
    {
      name: 'an init container equal to the app containers does not set the value',
      pod: pod().init({ cpu: '150m', memory: '2Gi' }, { name: 'setup' }).container({ cpu: '150m', memory: '1Gi' }).obj(),
      requests: { cpu: '150m', memory: '2Gi' },
      breakdown: {
        cpu: { from: 'containers', detail: 'app containers 150m' },
        memory: { from: 'init', container: 'setup', detail: 'init container setup 2Gi > app containers 1Gi' },
      },
    },
    {
      name: 'only an init container requests the resource',
      pod: pod().init({ 'ephemeral-storage': '10Gi' }, { name: 'fetch' }).container({ cpu: '1', memory: '1Gi' }).obj(),
      requests: { cpu: '1', memory: '1Gi', 'ephemeral-storage': '10Gi' },
      breakdown: {
        cpu: { from: 'containers', detail: 'app containers 1' },
        memory: { from: 'containers', detail: 'app containers 1Gi' },
        'ephemeral-storage': { from: 'init', container: 'fetch', detail: 'init container fetch 10Gi > app containers 0' },
      },
    },
    {
      name: 'pod-level spec.resources replaces cpu and memory, not other resources',
      pod: pod()
        .container({ cpu: '500m', 'ephemeral-storage': '1Gi' })
        .podRequests({ cpu: '2', memory: '512Mi' })
        .obj(),
      requests: { cpu: '2', memory: '512Mi', 'ephemeral-storage': '1Gi' },
      breakdown: {
        cpu: { from: 'pod', detail: 'pod-level spec.resources.requests 2' },
        memory: { from: 'pod', detail: 'pod-level spec.resources.requests 512Mi' },
        'ephemeral-storage': { from: 'containers', detail: 'app containers 1Gi' },
      },
    },
    {
      name: 'overhead is added on top',
      pod: pod()
        .container({ cpu: '100m', memory: '64Mi' })
        .podRequests({ memory: '128Mi' })
        .overhead({ cpu: '250m', memory: '120Mi', 'example.com/slots': '1' })
        .obj(),
      requests: { cpu: '350m', memory: '248Mi', 'example.com/slots': '1' },
      breakdown: {
        cpu: { from: 'containers', overhead: '250m', detail: 'app containers 100m + overhead 250m' },
        memory: { from: 'pod', overhead: '120Mi', detail: 'pod-level spec.resources.requests 128Mi + overhead 120Mi' },
        'example.com/slots': { from: 'overhead-only', overhead: '1', detail: 'overhead 1' },
      },
    },
    {
      name: 'cpu and memory nobody requests are scored with the non-zero defaults',
      pod: pod().container().container().init({ memory: '64Mi' }).obj(),
      requests: { memory: '64Mi' },
      breakdown: {
        cpu: { from: 'none', detail: 'not requested; kube-scheduler scores it as 200m' },
        memory: { from: 'init', container: 'init1', detail: 'init container init1 64Mi > app containers 0' },
      },
    },
  ];

  it.each(cases)('$name', ({ pod: p, requests, breakdown }) => {
    const explained = explainPodResources(p);
    expect(explained.breakdown).toEqual(breakdown);
    expect(compareResources(explained.requests, requests)).toEqual(sameResources(requests));
  });

  it('lists containers in start order with their own values', () => {
    const p = pod()
      .sidecar({ cpu: '50m' }, { name: 'log', limits: { memory: '64Mi' } })
      .init({ cpu: '200m' }, { name: 'migrate' })
      .container({ cpu: '1500m', memory: '1536Mi' }, { name: 'web', limits: { memory: '2Gi' } })
      .container(undefined, { name: 'idle' })
      .obj();
    expect(explainPodResources(p).containers).toEqual([
      { name: 'log', type: 'sidecar', requests: { cpu: '50m' }, limits: { memory: '64Mi' } },
      { name: 'migrate', type: 'init', requests: { cpu: '200m' }, limits: {} },
      { name: 'web', type: 'app', requests: { cpu: '1500m', memory: '1536Mi' }, limits: { memory: '2Gi' } },
      { name: 'idle', type: 'app', requests: {}, limits: {} },
    ]);
  });

  it('gives the pod limits as PodLimits counts them', () => {
    const p = pod()
      .container({ cpu: '100m' }, { limits: { cpu: '500m', memory: '128Mi' } })
      .init(undefined, { limits: { cpu: '1' } })
      .overhead({ cpu: '250m', memory: '64Mi', 'ephemeral-storage': '1Gi' })
      .obj();
    const expected = { cpu: '1250m', memory: '192Mi' };
    expect(compareResources(explainPodResources(p).limits, expected)).toEqual(sameResources(expected));
  });
});

describe('properties', () => {
  it('breakdown numbers equal podRequests and podLimits', () => {
    fc.assert(
      fc.property(podInputArb, (input) => {
        const p = buildPod(input);
        const explained = explainPodResources(p);
        return (
          resourceListsEqual(explained.requests, podRequests(p)) &&
          resourceListsEqual(explained.limits, podLimits(p)) &&
          Object.keys(explained.requests).every((name) => {
            const entry = explained.breakdown[name];
            return entry !== undefined && entry.from !== 'none' && entry.detail !== '';
          })
        );
      }),
    );
  });

  it('names the peak init container exactly when an init phase sets the value', () => {
    fc.assert(
      fc.property(podInputArb, (input) => {
        const p = buildPod(input);
        const inits = new Set((p.spec.initContainers ?? []).map((c) => c.name));
        return Object.values(explainPodResources(p).breakdown).every((entry) =>
          entry.from === 'init' ? entry.container !== undefined && inits.has(entry.container) : entry.container === undefined,
        );
      }),
    );
  });
});
