// Test helper: fast-check arbitraries for pods with app containers, init containers, sidecars,
// pod-level resources and overhead. Quantities are non-negative, as API validation requires.
import fc from 'fast-check';
import { type Container, type Pod } from '../../api/core-v1';
import { pod, type QuantityStrings } from './pod-builder';

export type ContainerKind = 'app' | 'init' | 'sidecar';

export interface ContainerSpec {
  readonly kind: ContainerKind;
  readonly requests?: QuantityStrings;
  readonly limits?: QuantityStrings;
}

export interface PodSpecInput {
  readonly containers: readonly ContainerSpec[];
  readonly podRequests?: QuantityStrings;
  readonly podLimits?: QuantityStrings;
  readonly overhead?: QuantityStrings;
}

const quantities = {
  cpu: fc.oneof(
    fc.integer({ min: 0, max: 4000 }).map((n) => `${n}m`),
    fc.integer({ min: 0, max: 8 }).map(String),
  ),
  memory: fc.oneof(
    fc.integer({ min: 0, max: 4096 }).map((n) => `${n}Mi`),
    fc.integer({ min: 0, max: 4 }).map((n) => `${n}Gi`),
    fc.integer({ min: 0, max: 2000 }).map((n) => `${n}M`),
  ),
  'ephemeral-storage': fc.integer({ min: 0, max: 64 }).map((n) => `${n}Gi`),
  'hugepages-2Mi': fc.integer({ min: 0, max: 8 }).map((n) => `${n * 2}Mi`),
  'example.com/gpu': fc.integer({ min: 0, max: 4 }).map(String),
};

/** Any subset of cpu, memory, ephemeral-storage, hugepages-2Mi and an extended resource. */
export const resourcesArb: fc.Arbitrary<QuantityStrings> = fc.record(quantities, { requiredKeys: [] });

/** cpu and memory only, as pod-level spec.resources takes them. */
export const podLevelArb: fc.Arbitrary<QuantityStrings> = fc.record(
  { cpu: quantities.cpu, memory: quantities.memory },
  { requiredKeys: [] },
);

export const containerSpecArb: fc.Arbitrary<ContainerSpec> = fc.record(
  {
    kind: fc.constantFrom<ContainerKind>('app', 'app', 'init', 'sidecar'),
    requests: resourcesArb,
    limits: resourcesArb,
  },
  { requiredKeys: ['kind'] },
);

export const podInputArb: fc.Arbitrary<PodSpecInput> = fc.record(
  {
    containers: fc.array(containerSpecArb, { maxLength: 7 }),
    podRequests: podLevelArb,
    podLimits: podLevelArb,
    overhead: fc.record({ cpu: quantities.cpu, memory: quantities.memory }, { requiredKeys: [] }),
  },
  { requiredKeys: ['containers'] },
);

/** Builds the pod; containers are named by kind and position (`app0`, `init3`, `sidecar4`). */
export function buildPod(input: PodSpecInput): Pod {
  const builder = pod('generated');
  input.containers.forEach((spec, i) => {
    const opts = { name: `${spec.kind}${i}`, ...(spec.limits !== undefined && { limits: spec.limits }) };
    if (spec.kind === 'app') builder.container(spec.requests, opts);
    else if (spec.kind === 'init') builder.init(spec.requests, opts);
    else builder.sidecar(spec.requests, opts);
  });
  if (input.podRequests !== undefined) builder.podRequests(input.podRequests);
  if (input.podLimits !== undefined) builder.podLimits(input.podLimits);
  if (input.overhead !== undefined) builder.overhead(input.overhead);
  return builder.obj();
}

/** The pod with its app containers in the given order. */
export function withAppContainers(p: Pod, containers: readonly Container[]): Pod {
  return { ...p, spec: { ...p.spec, containers } };
}
