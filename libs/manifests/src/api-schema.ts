// The Kubernetes API types podfit reads, as tables: every field of the structs a workload's pod is made of
// (names and Go types from k8s.io/api core/v1, apps/v1 and batch/v1 types.go), so that a misspelt field is
// reported as the API server reports it. Structs that cannot change what the scheduler reserves (probes'
// handlers, security contexts, volume sources…) are `opaque`: their type is checked, their fields are not.

export type FieldType =
  | { readonly kind: 'string'; readonly goType: string }
  | { readonly kind: 'bool' }
  | { readonly kind: 'int'; readonly goType: 'int32' | 'int64' }
  | { readonly kind: 'quantity' }
  | { readonly kind: 'struct'; readonly struct: StructType }
  | { readonly kind: 'slice'; readonly elem: FieldType }
  | { readonly kind: 'map'; readonly elem: FieldType; readonly goType: string }
  | { readonly kind: 'opaque'; readonly goType: string };

export interface StructType {
  /** The Go struct's name, as encoding/json names it in `Go struct field PodSpec.spec.containers`. */
  readonly name: string;
  readonly goType: string;
  readonly fields: Readonly<Record<string, FieldType>>;
  /** Whether fields outside the table are reported (false for status sections read from a cluster). */
  readonly closed: boolean;
}

/** The type as Go's reflect prints it in `of type []v1.Container`. */
export function goTypeOf(type: FieldType): string {
  switch (type.kind) {
    case 'bool':
      return 'bool';
    case 'quantity':
      return 'resource.Quantity';
    case 'struct':
      return type.struct.goType;
    case 'slice':
      return `[]${goTypeOf(type.elem)}`;
    default:
      return type.goType;
  }
}

const string = (goType = 'string'): FieldType => ({ kind: 'string', goType });
const bool: FieldType = { kind: 'bool' };
const int32: FieldType = { kind: 'int', goType: 'int32' };
const int64: FieldType = { kind: 'int', goType: 'int64' };
const quantity: FieldType = { kind: 'quantity' };
const time = string('v1.Time');
const strings: FieldType = { kind: 'slice', elem: string() };
const stringMap: FieldType = { kind: 'map', elem: string(), goType: 'map[string]string' };
const opaque = (goType: string): FieldType => ({ kind: 'opaque', goType });
const sliceOf = (elem: FieldType): FieldType => ({ kind: 'slice', elem });
const of = (struct: StructType): FieldType => ({ kind: 'struct', struct });

function struct(name: string, pkg: string, fields: Record<string, FieldType>, closed = true): StructType {
  return { name, goType: `${pkg}.${name}`, fields, closed };
}

export const RESOURCE_LIST: FieldType = { kind: 'map', elem: quantity, goType: 'v1.ResourceList' };

export const OBJECT_META = struct('ObjectMeta', 'v1', {
  name: string(),
  generateName: string(),
  namespace: string(),
  selfLink: string(),
  uid: string('types.UID'),
  resourceVersion: string(),
  generation: int64,
  creationTimestamp: time,
  deletionTimestamp: time,
  deletionGracePeriodSeconds: int64,
  labels: stringMap,
  annotations: stringMap,
  ownerReferences: sliceOf(opaque('v1.OwnerReference')),
  finalizers: strings,
  managedFields: sliceOf(opaque('v1.ManagedFieldsEntry')),
});

const LABEL_SELECTOR = struct('LabelSelector', 'v1', {
  matchLabels: stringMap,
  matchExpressions: sliceOf(
    of(
      struct('LabelSelectorRequirement', 'v1', {
        key: string(),
        operator: string('v1.LabelSelectorOperator'),
        values: strings,
      }),
    ),
  ),
});

export const RESOURCE_REQUIREMENTS = struct('ResourceRequirements', 'v1', {
  limits: RESOURCE_LIST,
  requests: RESOURCE_LIST,
  claims: sliceOf(opaque('v1.ResourceClaim')),
});

const PROBE = struct('Probe', 'v1', {
  exec: opaque('v1.ExecAction'),
  httpGet: opaque('v1.HTTPGetAction'),
  tcpSocket: opaque('v1.TCPSocketAction'),
  grpc: opaque('v1.GRPCAction'),
  initialDelaySeconds: int32,
  timeoutSeconds: int32,
  periodSeconds: int32,
  successThreshold: int32,
  failureThreshold: int32,
  terminationGracePeriodSeconds: int64,
});

const CONTAINER = struct('Container', 'v1', {
  name: string(),
  image: string(),
  command: strings,
  args: strings,
  workingDir: string(),
  ports: sliceOf(
    of(
      struct('ContainerPort', 'v1', {
        name: string(),
        hostPort: int32,
        containerPort: int32,
        protocol: string('v1.Protocol'),
        hostIP: string(),
      }),
    ),
  ),
  envFrom: sliceOf(
    of(
      struct('EnvFromSource', 'v1', {
        prefix: string(),
        configMapRef: opaque('v1.ConfigMapEnvSource'),
        secretRef: opaque('v1.SecretEnvSource'),
      }),
    ),
  ),
  env: sliceOf(
    of(struct('EnvVar', 'v1', { name: string(), value: string(), valueFrom: opaque('v1.EnvVarSource') })),
  ),
  resources: of(RESOURCE_REQUIREMENTS),
  resizePolicy: sliceOf(opaque('v1.ContainerResizePolicy')),
  restartPolicy: string('v1.ContainerRestartPolicy'),
  restartPolicyRules: sliceOf(opaque('v1.ContainerRestartRule')),
  volumeMounts: sliceOf(
    of(
      struct('VolumeMount', 'v1', {
        name: string(),
        readOnly: bool,
        recursiveReadOnly: string('v1.RecursiveReadOnlyMode'),
        mountPath: string(),
        subPath: string(),
        mountPropagation: string('v1.MountPropagationMode'),
        subPathExpr: string(),
      }),
    ),
  ),
  volumeDevices: sliceOf(opaque('v1.VolumeDevice')),
  livenessProbe: of(PROBE),
  readinessProbe: of(PROBE),
  startupProbe: of(PROBE),
  lifecycle: opaque('v1.Lifecycle'),
  terminationMessagePath: string(),
  terminationMessagePolicy: string('v1.TerminationMessagePolicy'),
  imagePullPolicy: string('v1.PullPolicy'),
  securityContext: opaque('v1.SecurityContext'),
  stdin: bool,
  stdinOnce: bool,
  tty: bool,
});

const NODE_SELECTOR_REQUIREMENT = struct('NodeSelectorRequirement', 'v1', {
  key: string(),
  operator: string('v1.NodeSelectorOperator'),
  values: strings,
});
const NODE_SELECTOR_TERM = struct('NodeSelectorTerm', 'v1', {
  matchExpressions: sliceOf(of(NODE_SELECTOR_REQUIREMENT)),
  matchFields: sliceOf(of(NODE_SELECTOR_REQUIREMENT)),
});
const POD_AFFINITY_TERM = struct('PodAffinityTerm', 'v1', {
  labelSelector: of(LABEL_SELECTOR),
  namespaces: strings,
  topologyKey: string(),
  namespaceSelector: of(LABEL_SELECTOR),
  matchLabelKeys: strings,
  mismatchLabelKeys: strings,
});
const WEIGHTED_POD_AFFINITY_TERM = struct('WeightedPodAffinityTerm', 'v1', {
  weight: int32,
  podAffinityTerm: of(POD_AFFINITY_TERM),
});
const podAffinity = (name: string) =>
  struct(name, 'v1', {
    requiredDuringSchedulingIgnoredDuringExecution: sliceOf(of(POD_AFFINITY_TERM)),
    preferredDuringSchedulingIgnoredDuringExecution: sliceOf(of(WEIGHTED_POD_AFFINITY_TERM)),
  });

const AFFINITY = struct('Affinity', 'v1', {
  nodeAffinity: of(
    struct('NodeAffinity', 'v1', {
      requiredDuringSchedulingIgnoredDuringExecution: of(
        struct('NodeSelector', 'v1', { nodeSelectorTerms: sliceOf(of(NODE_SELECTOR_TERM)) }),
      ),
      preferredDuringSchedulingIgnoredDuringExecution: sliceOf(
        of(struct('PreferredSchedulingTerm', 'v1', { weight: int32, preference: of(NODE_SELECTOR_TERM) })),
      ),
    }),
  ),
  podAffinity: of(podAffinity('PodAffinity')),
  podAntiAffinity: of(podAffinity('PodAntiAffinity')),
});

const TOLERATION = struct('Toleration', 'v1', {
  key: string(),
  operator: string('v1.TolerationOperator'),
  value: string(),
  effect: string('v1.TaintEffect'),
  tolerationSeconds: int64,
});

const TOPOLOGY_SPREAD_CONSTRAINT = struct('TopologySpreadConstraint', 'v1', {
  maxSkew: int32,
  topologyKey: string(),
  whenUnsatisfiable: string('v1.UnsatisfiableConstraintAction'),
  labelSelector: of(LABEL_SELECTOR),
  minDomains: int32,
  nodeAffinityPolicy: string('v1.NodeInclusionPolicy'),
  nodeTaintsPolicy: string('v1.NodeInclusionPolicy'),
  matchLabelKeys: strings,
});

const VOLUME_SOURCES: Record<string, string> = {
  hostPath: 'HostPathVolumeSource',
  emptyDir: 'EmptyDirVolumeSource',
  gcePersistentDisk: 'GCEPersistentDiskVolumeSource',
  awsElasticBlockStore: 'AWSElasticBlockStoreVolumeSource',
  gitRepo: 'GitRepoVolumeSource',
  secret: 'SecretVolumeSource',
  nfs: 'NFSVolumeSource',
  iscsi: 'ISCSIVolumeSource',
  glusterfs: 'GlusterfsVolumeSource',
  persistentVolumeClaim: 'PersistentVolumeClaimVolumeSource',
  rbd: 'RBDVolumeSource',
  flexVolume: 'FlexVolumeSource',
  cinder: 'CinderVolumeSource',
  cephfs: 'CephFSVolumeSource',
  flocker: 'FlockerVolumeSource',
  downwardAPI: 'DownwardAPIVolumeSource',
  fc: 'FCVolumeSource',
  azureFile: 'AzureFileVolumeSource',
  configMap: 'ConfigMapVolumeSource',
  vsphereVolume: 'VsphereVirtualDiskVolumeSource',
  quobyte: 'QuobyteVolumeSource',
  azureDisk: 'AzureDiskVolumeSource',
  photonPersistentDisk: 'PhotonPersistentDiskVolumeSource',
  projected: 'ProjectedVolumeSource',
  portworxVolume: 'PortworxVolumeSource',
  scaleIO: 'ScaleIOVolumeSource',
  storageos: 'StorageOSVolumeSource',
  csi: 'CSIVolumeSource',
  ephemeral: 'EphemeralVolumeSource',
  image: 'ImageVolumeSource',
};

const VOLUME = struct('Volume', 'v1', {
  name: string(),
  ...Object.fromEntries(Object.entries(VOLUME_SOURCES).map(([field, type]) => [field, opaque(`v1.${type}`)])),
});

export const POD_SPEC = struct('PodSpec', 'v1', {
  volumes: sliceOf(of(VOLUME)),
  initContainers: sliceOf(of(CONTAINER)),
  containers: sliceOf(of(CONTAINER)),
  ephemeralContainers: sliceOf(opaque('v1.EphemeralContainer')),
  restartPolicy: string('v1.RestartPolicy'),
  terminationGracePeriodSeconds: int64,
  activeDeadlineSeconds: int64,
  dnsPolicy: string('v1.DNSPolicy'),
  nodeSelector: stringMap,
  serviceAccountName: string(),
  serviceAccount: string(),
  automountServiceAccountToken: bool,
  nodeName: string(),
  hostNetwork: bool,
  hostPID: bool,
  hostIPC: bool,
  shareProcessNamespace: bool,
  securityContext: opaque('v1.PodSecurityContext'),
  imagePullSecrets: sliceOf(opaque('v1.LocalObjectReference')),
  hostname: string(),
  subdomain: string(),
  affinity: of(AFFINITY),
  schedulerName: string(),
  tolerations: sliceOf(of(TOLERATION)),
  hostAliases: sliceOf(opaque('v1.HostAlias')),
  priorityClassName: string(),
  priority: int32,
  dnsConfig: opaque('v1.PodDNSConfig'),
  readinessGates: sliceOf(opaque('v1.PodReadinessGate')),
  runtimeClassName: string(),
  enableServiceLinks: bool,
  preemptionPolicy: string('v1.PreemptionPolicy'),
  overhead: RESOURCE_LIST,
  topologySpreadConstraints: sliceOf(of(TOPOLOGY_SPREAD_CONSTRAINT)),
  setHostnameAsFQDN: bool,
  os: opaque('v1.PodOS'),
  hostUsers: bool,
  schedulingGates: sliceOf(opaque('v1.PodSchedulingGate')),
  resourceClaims: sliceOf(opaque('v1.PodResourceClaim')),
  resources: of(RESOURCE_REQUIREMENTS),
  hostnameOverride: string(),
  schedulingGroup: opaque('v1.PodSchedulingGroup'),
});

function pick(
  fields: Readonly<Record<string, FieldType>>,
  names: readonly string[],
): Record<string, FieldType> {
  return Object.fromEntries(names.map((name) => [name, fields[name]!]));
}

/** A container, for what it holds on its node. */
const SCHEDULED_CONTAINER = struct(
  'Container',
  'v1',
  pick(CONTAINER.fields, ['name', 'image', 'resources', 'restartPolicy', 'ports']),
  false,
);

export const POD_TEMPLATE_SPEC = struct('PodTemplateSpec', 'v1', {
  metadata: of(OBJECT_META),
  spec: of(POD_SPEC),
});

const CONTAINER_STATUS = struct(
  'ContainerStatus',
  'v1',
  { name: string(), resources: of(RESOURCE_REQUIREMENTS), allocatedResources: RESOURCE_LIST },
  false,
);

/** What a bound pod's status says about the resources it holds (other status fields are not read). */
export const POD_STATUS = struct(
  'PodStatus',
  'v1',
  {
    phase: string('v1.PodPhase'),
    conditions: sliceOf(
      of(
        struct(
          'PodCondition',
          'v1',
          {
            type: string('v1.PodConditionType'),
            status: string('v1.ConditionStatus'),
            reason: string(),
            message: string(),
          },
          false,
        ),
      ),
    ),
    containerStatuses: sliceOf(of(CONTAINER_STATUS)),
    initContainerStatuses: sliceOf(of(CONTAINER_STATUS)),
    resources: of(RESOURCE_REQUIREMENTS),
    allocatedResources: RESOURCE_LIST,
  },
  false,
);

function object(name: string, pkg: string, fields: Record<string, FieldType>, closed = true): StructType {
  return struct(
    name,
    pkg,
    { apiVersion: string(), kind: string(), metadata: of(OBJECT_META), ...fields },
    closed,
  );
}

/** A Pod as a manifest holds it: the status, when present (`kubectl get -o yaml`), is not read. */
export const POD = object('Pod', 'v1', { spec: of(POD_SPEC), status: opaque('v1.PodStatus') });

/**
 * A Pod as `kubectl get pods -o json` prints it, read for what it holds on its node: the fields the scheduler
 * counts, nothing else (a cluster dump holds tens of thousands of pods; unknown fields are not reported).
 */
export const BOUND_POD = struct(
  'Pod',
  'v1',
  {
    apiVersion: string(),
    kind: string(),
    metadata: of(
      struct('ObjectMeta', 'v1', { name: string(), namespace: string(), labels: stringMap }, false),
    ),
    spec: of(
      struct(
        'PodSpec',
        'v1',
        {
          ...pick(POD_SPEC.fields, [
            'overhead',
            'resources',
            'nodeName',
            'nodeSelector',
            'affinity',
            'tolerations',
            'topologySpreadConstraints',
            'hostNetwork',
            'schedulerName',
            'priorityClassName',
            'restartPolicy',
          ]),
          containers: sliceOf(of(SCHEDULED_CONTAINER)),
          initContainers: sliceOf(of(SCHEDULED_CONTAINER)),
        },
        false,
      ),
    ),
    status: of(POD_STATUS),
  },
  false,
);

export const NODE = object(
  'Node',
  'v1',
  {
    spec: of(
      struct(
        'NodeSpec',
        'v1',
        {
          unschedulable: bool,
          taints: sliceOf(
            of(
              struct(
                'Taint',
                'v1',
                { key: string(), value: string(), effect: string('v1.TaintEffect'), timeAdded: time },
                false,
              ),
            ),
          ),
        },
        false,
      ),
    ),
    status: of(struct('NodeStatus', 'v1', { capacity: RESOURCE_LIST, allocatable: RESOURCE_LIST }, false)),
  },
  false,
);

export const POD_TEMPLATE = object('PodTemplate', 'v1', { template: of(POD_TEMPLATE_SPEC) });

const LABEL_SELECTOR_TYPE = of(LABEL_SELECTOR);

const workloadStructs = new Map<string, StructType>();

/** The table of a workload kind in one API version, named by its Go package (`v1`, `v1beta1`, `v1beta2`). */
export function workloadStruct(kind: string, pkg: string): StructType {
  const key = `${kind}/${pkg}`;
  let table = workloadStructs.get(key);
  if (table === undefined) {
    table = buildWorkloadStruct(kind, pkg);
    workloadStructs.set(key, table);
  }
  return table;
}

function buildWorkloadStruct(kind: string, pkg: string): StructType {
  const legacy = pkg !== 'v1';
  const status = opaque(`${pkg}.${kind}Status`);
  switch (kind) {
    case 'Deployment':
      return object(kind, pkg, {
        spec: of(
          struct('DeploymentSpec', pkg, {
            replicas: int32,
            selector: LABEL_SELECTOR_TYPE,
            template: of(POD_TEMPLATE_SPEC),
            strategy: opaque(`${pkg}.DeploymentStrategy`),
            minReadySeconds: int32,
            revisionHistoryLimit: int32,
            paused: bool,
            progressDeadlineSeconds: int32,
            ...(legacy ? { rollbackTo: opaque(`${pkg}.RollbackConfig`) } : {}),
          }),
        ),
        status,
      });
    case 'StatefulSet':
      return object(kind, pkg, {
        spec: of(
          struct('StatefulSetSpec', pkg, {
            replicas: int32,
            selector: LABEL_SELECTOR_TYPE,
            template: of(POD_TEMPLATE_SPEC),
            volumeClaimTemplates: sliceOf(opaque('v1.PersistentVolumeClaim')),
            serviceName: string(),
            podManagementPolicy: string(`${pkg}.PodManagementPolicyType`),
            updateStrategy: opaque(`${pkg}.StatefulSetUpdateStrategy`),
            revisionHistoryLimit: int32,
            minReadySeconds: int32,
            persistentVolumeClaimRetentionPolicy: opaque(
              `${pkg}.StatefulSetPersistentVolumeClaimRetentionPolicy`,
            ),
            ordinals: opaque(`${pkg}.StatefulSetOrdinals`),
          }),
        ),
        status,
      });
    case 'DaemonSet':
      return object(kind, pkg, {
        spec: of(
          struct('DaemonSetSpec', pkg, {
            selector: LABEL_SELECTOR_TYPE,
            template: of(POD_TEMPLATE_SPEC),
            updateStrategy: opaque(`${pkg}.DaemonSetUpdateStrategy`),
            minReadySeconds: int32,
            revisionHistoryLimit: int32,
            ...(legacy ? { templateGeneration: int64 } : {}),
          }),
        ),
        status,
      });
    case 'ReplicaSet':
      return object(kind, pkg, {
        spec: of(
          struct('ReplicaSetSpec', pkg, {
            replicas: int32,
            minReadySeconds: int32,
            selector: LABEL_SELECTOR_TYPE,
            template: of(POD_TEMPLATE_SPEC),
          }),
        ),
        status,
      });
    case 'ReplicationController':
      return object(kind, pkg, {
        spec: of(
          struct('ReplicationControllerSpec', pkg, {
            replicas: int32,
            minReadySeconds: int32,
            selector: stringMap,
            template: of(POD_TEMPLATE_SPEC),
          }),
        ),
        status,
      });
    case 'Job':
      return object(kind, pkg, { spec: of(jobSpec), status });
    case 'CronJob':
      return object(kind, pkg, {
        spec: of(
          struct('CronJobSpec', pkg, {
            schedule: string(),
            timeZone: string(),
            startingDeadlineSeconds: int64,
            concurrencyPolicy: string(`${pkg}.ConcurrencyPolicy`),
            suspend: bool,
            jobTemplate: of(struct('JobTemplateSpec', pkg, { metadata: of(OBJECT_META), spec: of(jobSpec) })),
            successfulJobsHistoryLimit: int32,
            failedJobsHistoryLimit: int32,
          }),
        ),
        status,
      });
    case 'Pod':
      return POD;
    case 'PodTemplate':
      return POD_TEMPLATE;
    default:
      throw new Error(`no table for kind ${kind}`);
  }
}

const jobSpec = struct('JobSpec', 'v1', {
  parallelism: int32,
  completions: int32,
  activeDeadlineSeconds: int64,
  podFailurePolicy: opaque('v1.PodFailurePolicy'),
  successPolicy: opaque('v1.SuccessPolicy'),
  backoffLimit: int32,
  backoffLimitPerIndex: int32,
  maxFailedIndexes: int32,
  selector: LABEL_SELECTOR_TYPE,
  manualSelector: bool,
  template: of(POD_TEMPLATE_SPEC),
  ttlSecondsAfterFinished: int32,
  completionMode: string('v1.CompletionMode'),
  suspend: bool,
  podReplacementPolicy: string('v1.PodReplacementPolicy'),
  managedBy: string(),
});
