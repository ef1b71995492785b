// Test helper: a fluent Pod builder in the manner of pkg/scheduler/testing/wrappers.go.
//   pod().container({ cpu: '1' }).init({ cpu: '3' }).sidecar({ cpu: '500m' }, { name: 'log' }).obj()
import {
  type Container,
  type ContainerPort,
  type Pod,
  type PodStatus,
  type ResourceList,
  type ResourceRequirements,
} from '../../api/core-v1';
import { Quantity } from '../../quantity/quantity';

/** A resource list as a manifest spells it: `{ cpu: '250m', memory: '64Mi' }`. */
export type QuantityStrings = Readonly<Record<string, string>>;

export interface ContainerOptions {
  readonly name?: string;
  readonly limits?: QuantityStrings;
  readonly ports?: readonly ContainerPort[];
}

/** Parses a manifest-style resource list. */
export function resourceList(quantities: QuantityStrings): ResourceList {
  const list: Record<string, Quantity> = {};
  for (const name in quantities) list[name] = Quantity.parse(quantities[name]);
  return list;
}

function requirements(requests: QuantityStrings | undefined, limits: QuantityStrings | undefined): ResourceRequirements {
  return {
    ...(requests !== undefined && { requests: resourceList(requests) }),
    ...(limits !== undefined && { limits: resourceList(limits) }),
  };
}

export class PodWrapper {
  private readonly containers: Container[] = [];
  private readonly initContainers: Container[] = [];
  private podResources: { requests?: QuantityStrings; limits?: QuantityStrings } | undefined;
  private podOverhead: QuantityStrings | undefined;
  private isHostNetwork = false;
  private podStatus: PodStatus | undefined;

  constructor(private readonly name: string) {}

  /** An app container; `requests` is its resources.requests. */
  container(requests?: QuantityStrings, opts: ContainerOptions = {}): this {
    this.containers.push(this.make(opts.name ?? `c${this.containers.length + 1}`, requests, opts));
    return this;
  }

  /** A regular init container. */
  init(requests?: QuantityStrings, opts: ContainerOptions = {}): this {
    this.initContainers.push(this.make(opts.name ?? `init${this.initContainers.length + 1}`, requests, opts));
    return this;
  }

  /** A sidecar: an init container with `restartPolicy: Always`. */
  sidecar(requests?: QuantityStrings, opts: ContainerOptions = {}): this {
    const container = this.make(opts.name ?? `sidecar${this.initContainers.length + 1}`, requests, opts);
    this.initContainers.push({ ...container, restartPolicy: 'Always' });
    return this;
  }

  /** Pod-level `spec.resources.requests`. */
  podRequests(requests: QuantityStrings): this {
    this.podResources = { ...this.podResources, requests };
    return this;
  }

  /** Pod-level `spec.resources.limits`. */
  podLimits(limits: QuantityStrings): this {
    this.podResources = { ...this.podResources, limits };
    return this;
  }

  overhead(overhead: QuantityStrings): this {
    this.podOverhead = overhead;
    return this;
  }

  hostNetwork(on = true): this {
    this.isHostNetwork = on;
    return this;
  }

  status(status: PodStatus): this {
    this.podStatus = status;
    return this;
  }

  obj(): Pod {
    return {
      metadata: { name: this.name, namespace: 'default' },
      spec: {
        containers: [...this.containers],
        ...(this.initContainers.length > 0 && { initContainers: [...this.initContainers] }),
        ...(this.podResources !== undefined && {
          resources: requirements(this.podResources.requests, this.podResources.limits),
        }),
        ...(this.podOverhead !== undefined && { overhead: resourceList(this.podOverhead) }),
        ...(this.isHostNetwork && { hostNetwork: true }),
      },
      ...(this.podStatus !== undefined && { status: this.podStatus }),
    };
  }

  private make(name: string, requests: QuantityStrings | undefined, opts: ContainerOptions): Container {
    const resources = requests === undefined && opts.limits === undefined ? undefined : requirements(requests, opts.limits);
    return {
      name,
      ...(resources !== undefined && { resources }),
      ...(opts.ports !== undefined && { ports: opts.ports }),
    };
  }
}

/** Starts a pod; finish with `.obj()`. */
export function pod(name = 'pod'): PodWrapper {
  return new PodWrapper(name);
}
