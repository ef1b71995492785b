// The slice of Kubernetes' core/v1 API that scheduling reads, with every quantity already parsed.
// Field names are the API's own (k8s.io/api/core/v1/types.go), so a decoded manifest maps 1:1.
// `kubernetes-types` predates pod-level resources, hence podfit's own minimal types.
import { type Quantity } from '../quantity/quantity';

export type ResourceName = string;
/** A resource list as the API spells it (`requests`, `limits`, `allocatable`), values parsed. */
export type ResourceList = Readonly<Record<ResourceName, Quantity>>;

export interface ResourceRequirements {
  readonly requests?: ResourceList;
  readonly limits?: ResourceList;
}

export interface ObjectMeta {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  /** Set on a terminating pod: still holding its resources, no longer counted for topology spread. */
  readonly deletionTimestamp?: string;
}

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly hostPort?: number;
  readonly hostIP?: string;
  readonly protocol?: Protocol;
}

export interface VolumeMount {
  readonly name: string;
  readonly mountPath: string;
  readonly readOnly?: boolean;
  readonly subPath?: string;
}

export interface Container {
  readonly name: string;
  readonly image?: string;
  readonly resources?: ResourceRequirements;
  /** On an init container, `Always` makes it a native sidecar (KEP-753). */
  readonly restartPolicy?: string;
  readonly ports?: readonly ContainerPort[];
  readonly volumeMounts?: readonly VolumeMount[];
}

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: TaintEffect;
}

export interface Toleration {
  readonly key?: string;
  /** `Equal` (default) or `Exists`. */
  readonly operator?: string;
  readonly value?: string;
  /** Empty matches every effect. */
  readonly effect?: TaintEffect | '';
  readonly tolerationSeconds?: number;
}

export interface NodeSelectorRequirement {
  readonly key: string;
  /** In, NotIn, Exists, DoesNotExist, Gt, Lt. */
  readonly operator: string;
  readonly values?: readonly string[];
}

export interface NodeSelectorTerm {
  readonly matchExpressions?: readonly NodeSelectorRequirement[];
  readonly matchFields?: readonly NodeSelectorRequirement[];
}

export interface NodeSelector {
  readonly nodeSelectorTerms: readonly NodeSelectorTerm[];
}

export interface PreferredSchedulingTerm {
  readonly weight: number;
  readonly preference: NodeSelectorTerm;
}

export interface NodeAffinity {
  readonly requiredDuringSchedulingIgnoredDuringExecution?: NodeSelector;
  readonly preferredDuringSchedulingIgnoredDuringExecution?: readonly PreferredSchedulingTerm[];
}

export interface LabelSelectorRequirement {
  readonly key: string;
  /** In, NotIn, Exists, DoesNotExist. */
  readonly operator: string;
  readonly values?: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

export interface PodAffinityTerm {
  readonly labelSelector?: LabelSelector;
  readonly namespaces?: readonly string[];
  readonly namespaceSelector?: LabelSelector;
  readonly topologyKey: string;
  readonly matchLabelKeys?: readonly string[];
  readonly mismatchLabelKeys?: readonly string[];
}

export interface WeightedPodAffinityTerm {
  readonly weight: number;
  readonly podAffinityTerm: PodAffinityTerm;
}

export interface PodAffinity {
  readonly requiredDuringSchedulingIgnoredDuringExecution?: readonly PodAffinityTerm[];
  readonly preferredDuringSchedulingIgnoredDuringExecution?: readonly WeightedPodAffinityTerm[];
}

export interface Affinity {
  readonly nodeAffinity?: NodeAffinity;
  readonly podAffinity?: PodAffinity;
  readonly podAntiAffinity?: PodAffinity;
}

export interface TopologySpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  /** DoNotSchedule or ScheduleAnyway. */
  readonly whenUnsatisfiable: string;
  readonly labelSelector?: LabelSelector;
  readonly minDomains?: number;
  readonly nodeAffinityPolicy?: string;
  readonly nodeTaintsPolicy?: string;
  readonly matchLabelKeys?: readonly string[];
}

/** Only the name matters to scheduling math; the source (emptyDir, configMap…) is kept as given. */
export interface Volume {
  readonly name: string;
  readonly [source: string]: unknown;
}

export interface PodSpec {
  readonly containers: readonly Container[];
  readonly initContainers?: readonly Container[];
  /** Pod-level resources (KEP-2837): replace the container aggregate for cpu, memory and hugepages. */
  readonly resources?: ResourceRequirements;
  readonly overhead?: ResourceList;
  readonly nodeName?: string;
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly affinity?: Affinity;
  readonly tolerations?: readonly Toleration[];
  readonly topologySpreadConstraints?: readonly TopologySpreadConstraint[];
  readonly hostNetwork?: boolean;
  readonly volumes?: readonly Volume[];
  readonly shareProcessNamespace?: boolean;
  readonly schedulerName?: string;
  readonly priorityClassName?: string;
  readonly restartPolicy?: string;
}

export interface ContainerStatus {
  readonly name: string;
  /** What the kubelet has actuated (in-place resize, KEP-1287). */
  readonly resources?: ResourceRequirements;
  /** What the kubelet has admitted. */
  readonly allocatedResources?: ResourceList;
}

export interface PodCondition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
}

export interface PodStatus {
  readonly phase?: string;
  /** Set by the kubelet on running pods; `getPodQOS` prefers it. */
  readonly qosClass?: QOSClass;
  readonly conditions?: readonly PodCondition[];
  readonly containerStatuses?: readonly ContainerStatus[];
  readonly initContainerStatuses?: readonly ContainerStatus[];
  /** Pod-level actuated resources (in-place pod-level resize). */
  readonly resources?: ResourceRequirements;
  /** Pod-level admitted resources. */
  readonly allocatedResources?: ResourceList;
}

export interface Pod {
  readonly metadata: ObjectMeta;
  readonly spec: PodSpec;
  readonly status?: PodStatus;
}

export interface NodeSpec {
  readonly unschedulable?: boolean;
  readonly taints?: readonly Taint[];
}

export interface NodeStatus {
  readonly allocatable?: ResourceList;
  readonly capacity?: ResourceList;
}

export interface Node {
  readonly metadata: ObjectMeta & { readonly name: string };
  readonly spec: NodeSpec;
  readonly status: NodeStatus;
}

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

export const RESOURCE_CPU = 'cpu';
export const RESOURCE_MEMORY = 'memory';
export const RESOURCE_EPHEMERAL_STORAGE = 'ephemeral-storage';
export const RESOURCE_PODS = 'pods';
export const RESOURCE_HUGEPAGES_PREFIX = 'hugepages-';
