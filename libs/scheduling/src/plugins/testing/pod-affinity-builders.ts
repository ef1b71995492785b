// Test builders shaped like kube-scheduler's pkg/scheduler/testing/wrappers.go (st.MakePod(), st.MakeNode(),
// st.MakeLabelSelector()), so cases ported from its tables read the same. Test code only.
import {
  type LabelSelector,
  type LabelSelectorRequirement,
  type Node,
  type NodeSelectorRequirement,
  type Pod,
  type PodAffinityTerm,
  type Taint,
  type Toleration,
  type TopologySpreadConstraint,
} from '../../api/core-v1';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** st.MakeLabelSelector(). */
export function makeLabelSelector(): LabelSelectorBuilder {
  return new LabelSelectorBuilder();
}

export class LabelSelectorBuilder {
  private readonly matchLabels: Record<string, string> = {};
  private readonly matchExpressions: LabelSelectorRequirement[] = [];

  label(key: string, value: string): this {
    this.matchLabels[key] = value;
    return this;
  }

  in(key: string, values: string[]): this {
    this.matchExpressions.push({ key, operator: 'In', values });
    return this;
  }

  notIn(key: string, values: string[]): this {
    this.matchExpressions.push({ key, operator: 'NotIn', values });
    return this;
  }

  exists(key: string): this {
    this.matchExpressions.push({ key, operator: 'Exists' });
    return this;
  }

  notExist(key: string): this {
    this.matchExpressions.push({ key, operator: 'DoesNotExist' });
    return this;
  }

  obj(): LabelSelector {
    const selector: Mutable<LabelSelector> = {};
    if (Object.keys(this.matchLabels).length > 0) selector.matchLabels = { ...this.matchLabels };
    if (this.matchExpressions.length > 0) selector.matchExpressions = [...this.matchExpressions];
    return selector;
  }
}

/** st.MakePod(): no namespace (the empty namespace, as upstream), no containers that matter here. */
export function makePod(): PodBuilder {
  return new PodBuilder();
}

type AffinityKind = 'podAffinity' | 'podAntiAffinity';

export class PodBuilder {
  private readonly metadata: { name?: string; namespace?: string; labels?: Record<string, string>; deletionTimestamp?: string } = {};
  private readonly spec: {
    nodeName?: string;
    nodeSelector?: Record<string, string>;
    tolerations?: Toleration[];
    topologySpreadConstraints?: TopologySpreadConstraint[];
    affinity?: {
      podAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[]; preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; podAffinityTerm: PodAffinityTerm }[] };
      podAntiAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[]; preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; podAffinityTerm: PodAffinityTerm }[] };
      nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: { matchExpressions: NodeSelectorRequirement[] }[] } };
    };
  } = {};

  name(name: string): this {
    this.metadata.name = name;
    return this;
  }

  namespace(namespace: string): this {
    this.metadata.namespace = namespace;
    return this;
  }

  label(key: string, value: string): this {
    this.metadata.labels = { ...this.metadata.labels, [key]: value };
    return this;
  }

  labels(labels: Record<string, string>): this {
    this.metadata.labels = { ...this.metadata.labels, ...labels };
    return this;
  }

  /** st.PodWrapper.Node: the node the pod is bound to. */
  node(nodeName: string): this {
    this.spec.nodeName = nodeName;
    return this;
  }

  terminating(): this {
    this.metadata.deletionTimestamp = '2020-01-01T00:00:00Z';
    return this;
  }

  nodeSelector(selector: Record<string, string>): this {
    this.spec.nodeSelector = { ...selector };
    return this;
  }

  /** st.PodWrapper.Toleration: tolerates `key` with Exists/NoSchedule. */
  toleration(key: string): this {
    this.spec.tolerations = [...(this.spec.tolerations ?? []), { key, operator: 'Exists', effect: 'NoSchedule' }];
    return this;
  }

  nodeAffinityIn(key: string, values: string[]): this {
    return this.nodeAffinity({ key, operator: 'In', values });
  }

  nodeAffinityNotIn(key: string, values: string[]): this {
    return this.nodeAffinity({ key, operator: 'NotIn', values });
  }

  podAffinity(topologyKey: string, labelSelector: LabelSelector | undefined): this {
    return this.term('podAffinity', { labelSelector, topologyKey });
  }

  podAffinityIn(labelKey: string, topologyKey: string, values: string[]): this {
    return this.podAffinity(topologyKey, makeLabelSelector().in(labelKey, values).obj());
  }

  podAffinityNotIn(labelKey: string, topologyKey: string, values: string[]): this {
    return this.podAffinity(topologyKey, makeLabelSelector().notIn(labelKey, values).obj());
  }

  podAffinityExists(labelKey: string, topologyKey: string): this {
    return this.podAffinity(topologyKey, makeLabelSelector().exists(labelKey).obj());
  }

  podAntiAffinity(topologyKey: string, labelSelector: LabelSelector | undefined): this {
    return this.term('podAntiAffinity', { labelSelector, topologyKey });
  }

  podAntiAffinityIn(labelKey: string, topologyKey: string, values: string[]): this {
    return this.podAntiAffinity(topologyKey, makeLabelSelector().in(labelKey, values).obj());
  }

  podAntiAffinityNotIn(labelKey: string, topologyKey: string, values: string[]): this {
    return this.podAntiAffinity(topologyKey, makeLabelSelector().notIn(labelKey, values).obj());
  }

  podAntiAffinityExists(labelKey: string, topologyKey: string): this {
    return this.podAntiAffinity(topologyKey, makeLabelSelector().exists(labelKey).obj());
  }

  /** A required term given whole (namespaces, namespaceSelector, matchLabelKeys...). */
  term(kind: AffinityKind, term: PodAffinityTerm): this {
    const affinity = (this.spec.affinity ??= {});
    const section = (affinity[kind] ??= {});
    section.requiredDuringSchedulingIgnoredDuringExecution = [...(section.requiredDuringSchedulingIgnoredDuringExecution ?? []), term];
    return this;
  }

  preferredTerm(kind: AffinityKind, weight: number, term: PodAffinityTerm): this {
    const affinity = (this.spec.affinity ??= {});
    const section = (affinity[kind] ??= {});
    section.preferredDuringSchedulingIgnoredDuringExecution = [
      ...(section.preferredDuringSchedulingIgnoredDuringExecution ?? []),
      { weight, podAffinityTerm: term },
    ];
    return this;
  }

  /** st.PodWrapper.SpreadConstraint, same argument order; undefined stands for Go's nil. */
  spreadConstraint(
    maxSkew: number,
    topologyKey: string,
    whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway',
    labelSelector: LabelSelector | undefined,
    minDomains?: number,
    nodeAffinityPolicy?: string,
    nodeTaintsPolicy?: string,
    matchLabelKeys?: string[],
  ): this {
    const constraint: Mutable<TopologySpreadConstraint> = { maxSkew, topologyKey, whenUnsatisfiable };
    if (labelSelector !== undefined) constraint.labelSelector = labelSelector;
    if (minDomains !== undefined) constraint.minDomains = minDomains;
    if (nodeAffinityPolicy !== undefined) constraint.nodeAffinityPolicy = nodeAffinityPolicy;
    if (nodeTaintsPolicy !== undefined) constraint.nodeTaintsPolicy = nodeTaintsPolicy;
    if (matchLabelKeys !== undefined) constraint.matchLabelKeys = matchLabelKeys;
    this.spec.topologySpreadConstraints = [...(this.spec.topologySpreadConstraints ?? []), constraint];
    return this;
  }

  obj(): Pod {
    return {
      metadata: { ...this.metadata, ...(this.metadata.labels ? { labels: { ...this.metadata.labels } } : {}) },
      spec: { containers: [{ name: 'pause' }], ...structuredClone(this.spec) },
    };
  }

  private nodeAffinity(requirement: NodeSelectorRequirement): this {
    const affinity = (this.spec.affinity ??= {});
    affinity.nodeAffinity = {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [requirement] }] },
    };
    return this;
  }
}

/** st.MakeNode(). */
export function makeNode(): NodeBuilder {
  return new NodeBuilder();
}

export class NodeBuilder {
  private nodeName = '';
  private readonly nodeLabels: Record<string, string> = {};
  private nodeTaints: Taint[] = [];

  name(name: string): this {
    this.nodeName = name;
    return this;
  }

  label(key: string, value: string): this {
    this.nodeLabels[key] = value;
    return this;
  }

  labels(labels: Record<string, string>): this {
    Object.assign(this.nodeLabels, labels);
    return this;
  }

  taints(taints: Taint[]): this {
    this.nodeTaints = [...taints];
    return this;
  }

  obj(): Node {
    return {
      metadata: { name: this.nodeName, labels: { ...this.nodeLabels } },
      spec: this.nodeTaints.length > 0 ? { taints: [...this.nodeTaints] } : {},
      status: {},
    };
  }
}

/**
 * cache.NewSnapshot's grouping: each node's bound pods (by spec.nodeName), in the order given. Pods bound to a
 * node that is not listed are dropped, as a snapshot without that node has no NodeInfo to filter.
 */
export function groupPodsByNode(nodes: readonly Node[], pods: readonly Pod[]): Pod[][] {
  const index = new Map(nodes.map((node, i) => [node.metadata.name, i]));
  const grouped: Pod[][] = nodes.map(() => []);
  for (const pod of pods) {
    const i = index.get(pod.spec.nodeName ?? '');
    if (i !== undefined) grouped[i]!.push(pod);
  }
  return grouped;
}
