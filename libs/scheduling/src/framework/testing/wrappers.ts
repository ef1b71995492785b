// Test helper: fluent pod and node builders in the manner of pkg/scheduler/testing/wrappers.go
// (st.MakePod(), st.MakeNode()). Quantities are written as strings and parsed with Quantity.parse.
import {
  type Container,
  type ContainerPort,
  type Node,
  type NodeSelectorRequirement,
  type Pod,
  type PreferredSchedulingTerm,
  type Protocol,
  type ResourceList,
  type Taint,
  type Toleration,
} from '../../api/core-v1';
import { Quantity } from '../../quantity/quantity';

export type QuantityMap = Readonly<Record<string, string>>;

/** Parses `{cpu: '100m'}` into a ResourceList. */
export function resourceList(quantities: QuantityMap): ResourceList {
  const list: Record<string, Quantity> = {};
  for (const [name, value] of Object.entries(quantities)) list[name] = Quantity.parse(value);
  return list;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** `st.MakePod()`. */
export class PodWrapper {
  private readonly meta: Mutable<Pod['metadata']> = { namespace: 'default' };
  private readonly spec: Mutable<Pod['spec']> = { containers: [] };
  private readonly status: Mutable<NonNullable<Pod['status']>> = {};

  name(name: string): this {
    this.meta.name = name;
    return this;
  }
  namespace(namespace: string): this {
    this.meta.namespace = namespace;
    return this;
  }
  label(key: string, value: string): this {
    this.meta.labels = { ...this.meta.labels, [key]: value };
    return this;
  }
  /** `Node`: binds the pod (`spec.nodeName`). */
  node(nodeName: string): this {
    this.spec.nodeName = nodeName;
    return this;
  }
  /** `Container`: adds an app container without resources. */
  container(name = `container-${this.spec.containers.length}`): this {
    this.spec.containers = [...this.spec.containers, { name }];
    return this;
  }
  /** `Req`: adds an app container requesting these quantities. */
  req(requests: QuantityMap): this {
    const container: Container = {
      name: `container-${this.spec.containers.length}`,
      resources: { requests: resourceList(requests) },
    };
    this.spec.containers = [...this.spec.containers, container];
    return this;
  }
  /** `InitReq`: adds an init container requesting these quantities. */
  initReq(requests: QuantityMap): this {
    const init = this.spec.initContainers ?? [];
    this.spec.initContainers = [...init, { name: `init-${init.length}`, resources: { requests: resourceList(requests) } }];
    return this;
  }
  /** `SidecarReq`: adds a restartable init container (native sidecar) requesting these quantities. */
  sidecarReq(requests: QuantityMap): this {
    const init = this.spec.initContainers ?? [];
    this.spec.initContainers = [
      ...init,
      { name: `sidecar-${init.length}`, restartPolicy: 'Always', resources: { requests: resourceList(requests) } },
    ];
    return this;
  }
  /** `Overhead`. */
  overhead(quantities: QuantityMap): this {
    this.spec.overhead = resourceList(quantities);
    return this;
  }
  /** `ContainerPort`: adds an app container with these ports. */
  containerPort(ports: readonly ContainerPort[]): this {
    this.spec.containers = [...this.spec.containers, { name: `container-${this.spec.containers.length}`, ports }];
    return this;
  }
  /** `HostPort`: shorthand for one app container binding a host port. */
  hostPort(hostPort: number, protocol: Protocol = 'TCP', hostIP = ''): this {
    return this.containerPort([{ containerPort: hostPort, hostPort, protocol, hostIP }]);
  }
  toleration(toleration: Toleration): this {
    this.spec.tolerations = [...(this.spec.tolerations ?? []), toleration];
    return this;
  }
  tolerations(tolerations: readonly Toleration[]): this {
    this.spec.tolerations = tolerations;
    return this;
  }
  /** `NodeSelector`. */
  nodeSelector(selector: Readonly<Record<string, string>>): this {
    this.spec.nodeSelector = selector;
    return this;
  }
  /** `NodeAffinityIn`: adds a required term `key In values`. */
  nodeAffinityIn(key: string, values: readonly string[]): this {
    return this.requiredNodeAffinityTerm({ matchExpressions: [{ key, operator: 'In', values }] });
  }
  /** Adds a required node selector term (terms are ORed). */
  requiredNodeAffinityTerm(term: {
    matchExpressions?: readonly NodeSelectorRequirement[];
    matchFields?: readonly NodeSelectorRequirement[];
  }): this {
    const nodeAffinity = this.spec.affinity?.nodeAffinity;
    const terms = nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
    this.spec.affinity = {
      ...this.spec.affinity,
      nodeAffinity: { ...nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [...terms, term] } },
    };
    return this;
  }
  /** Sets the preferred node affinity terms. */
  preferredNodeAffinity(terms: readonly PreferredSchedulingTerm[]): this {
    const nodeAffinity = this.spec.affinity?.nodeAffinity;
    this.spec.affinity = {
      ...this.spec.affinity,
      nodeAffinity: { ...nodeAffinity, preferredDuringSchedulingIgnoredDuringExecution: terms },
    };
    return this;
  }
  /** `Phase`. */
  phase(phase: string): this {
    this.status.phase = phase;
    return this;
  }
  /** `Obj`. */
  obj(): Pod {
    const status = Object.keys(this.status).length > 0 ? { status: { ...this.status } } : {};
    return { metadata: { ...this.meta }, spec: { ...this.spec }, ...status };
  }
}

/** `st.MakePod()`. */
export function makePod(): PodWrapper {
  return new PodWrapper();
}

/** `st.MakeNode()`. */
export class NodeWrapper {
  private nodeName = '';
  private labels: Record<string, string> | undefined;
  private taintList: readonly Taint[] | undefined;
  private isUnschedulable = false;
  private capacityList: ResourceList | undefined;
  private allocatableList: ResourceList | undefined;

  name(name: string): this {
    this.nodeName = name;
    return this;
  }
  label(key: string, value: string): this {
    this.labels = { ...this.labels, [key]: value };
    return this;
  }
  /** `Capacity`: sets capacity and allocatable alike, as the upstream wrapper does. */
  capacity(quantities: QuantityMap): this {
    this.capacityList = resourceList(quantities);
    this.allocatableList = this.capacityList;
    return this;
  }
  /** Sets allocatable alone. */
  allocatable(quantities: QuantityMap): this {
    this.allocatableList = resourceList(quantities);
    return this;
  }
  /** `Taints`. */
  taints(taints: readonly Taint[]): this {
    this.taintList = taints;
    return this;
  }
  /** Cordons the node (`spec.unschedulable`). */
  unschedulable(): this {
    this.isUnschedulable = true;
    return this;
  }
  /** `Obj`. */
  obj(): Node {
    return {
      metadata: { name: this.nodeName, ...(this.labels && { labels: this.labels }) },
      spec: {
        ...(this.isUnschedulable && { unschedulable: true }),
        ...(this.taintList && { taints: this.taintList }),
      },
      status: {
        ...(this.capacityList && { capacity: this.capacityList }),
        ...(this.allocatableList && { allocatable: this.allocatableList }),
      },
    };
  }
}

/** `st.MakeNode()`. */
export function makeNode(): NodeWrapper {
  return new NodeWrapper();
}
