// A small fluent pod builder for the anatomy tables, in the manner of kube-scheduler's
// pkg/scheduler/testing/wrappers.go: `pod().init('migrate', sized('1', '1Gi')).container('app').build()`.
// Quantities are written as strings and parsed with Quantity.parse.
import {
  type Container,
  type ContainerPort,
  type Pod,
  type PodSpec,
  type ResourceList,
  type ResourceRequirements,
} from '../../api/core-v1';
import { Quantity } from '../../quantity/quantity';

export type QuantityStrings = Readonly<Record<string, string>>;

export interface ContainerOptions {
  readonly requests?: QuantityStrings;
  readonly limits?: QuantityStrings;
  readonly ports?: readonly ContainerPort[];
  /** Names of the volumes the container mounts, each at `/mnt/<name>/<n>`. */
  readonly mounts?: readonly string[];
}

export interface ResourceOptions {
  readonly requests?: QuantityStrings;
  readonly limits?: QuantityStrings;
}

/** cpu and memory requests equal to their limits: a Guaranteed-sized container. */
export function sized(cpu: string, memory: string, extra: QuantityStrings = {}): ContainerOptions {
  const list = { cpu, memory, ...extra };
  return { requests: list, limits: list };
}

export function parseList(list: QuantityStrings): ResourceList {
  return Object.fromEntries(Object.entries(list).map(([name, value]) => [name, Quantity.parse(value)]));
}

function resources(options: ResourceOptions): ResourceRequirements | undefined {
  if (options.requests === undefined && options.limits === undefined) return undefined;
  return {
    ...(options.requests === undefined ? {} : { requests: parseList(options.requests) }),
    ...(options.limits === undefined ? {} : { limits: parseList(options.limits) }),
  };
}

function container(name: string, options: ContainerOptions, restartPolicy?: string): Container {
  const requirements = resources(options);
  return {
    name,
    image: `registry.example/${name}:1`,
    ...(requirements === undefined ? {} : { resources: requirements }),
    ...(restartPolicy === undefined ? {} : { restartPolicy }),
    ...(options.ports === undefined ? {} : { ports: options.ports }),
    ...(options.mounts === undefined
      ? {}
      : {
          volumeMounts: options.mounts.map((volume, i) => ({
            name: volume,
            mountPath: `/mnt/${volume}/${i}`,
          })),
        }),
  };
}

export class PodBuilder {
  private readonly containers: Container[] = [];
  private readonly initContainers: Container[] = [];
  private spec: Omit<PodSpec, 'containers' | 'initContainers'> = {};

  /** An app container. */
  container(name: string, options: ContainerOptions = {}): this {
    this.containers.push(container(name, options));
    return this;
  }

  /** A regular init container. */
  init(name: string, options: ContainerOptions = {}): this {
    this.initContainers.push(container(name, options));
    return this;
  }

  /** A sidecar: an init container with `restartPolicy: Always`. */
  sidecar(name: string, options: ContainerOptions = {}): this {
    this.initContainers.push(container(name, options, 'Always'));
    return this;
  }

  /** `spec.volumes`, each an emptyDir. */
  volumes(...names: string[]): this {
    this.spec = { ...this.spec, volumes: names.map((name) => ({ name, emptyDir: {} })) };
    return this;
  }

  /** Pod-level `spec.resources`. */
  resources(options: ResourceOptions): this {
    this.spec = { ...this.spec, resources: resources(options) ?? {} };
    return this;
  }

  overhead(list: QuantityStrings): this {
    this.spec = { ...this.spec, overhead: parseList(list) };
    return this;
  }

  hostNetwork(): this {
    this.spec = { ...this.spec, hostNetwork: true };
    return this;
  }

  shareProcessNamespace(value = true): this {
    this.spec = { ...this.spec, shareProcessNamespace: value };
    return this;
  }

  build(): Pod {
    return {
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        ...this.spec,
        containers: [...this.containers],
        ...(this.initContainers.length === 0 ? {} : { initContainers: [...this.initContainers] }),
      },
    };
  }
}

export function pod(): PodBuilder {
  return new PodBuilder();
}
