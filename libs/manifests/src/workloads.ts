// Manifests -> the workloads podfit analyses: every kind with a pod template, decoded and validated as the
// API server would, each carrying the pod its controller would create. Other kinds are skipped, never errors.
import { type Pod, type PodSpec, type Problem, type Warning, type WorkloadInput } from '@podfit/scheduling';
import { workloadStruct } from './api-schema';
import { decodeObject, duplicateFieldPaths } from './decode';
import { parseDocuments, type SourceText } from './documents';
import { type ManifestProblem } from './errors';
import { joinPath } from './json-path';
import { eachObject, type ManifestObject } from './objects';
import {
  type LabelSelectorInput,
  type PodSpecInput,
  requiredValue,
  validateNonnegative,
  validateObjectMeta,
  validatePodSpec,
  validateReplicationControllerSelector,
  validateWorkloadSelector,
} from './validation';

/** How unknown and duplicate fields are reported, as kubectl's `--validate` and the API's fieldValidation. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface ReadOptions {
  /** Default `Warn`: unknown and duplicate fields are warnings; `Strict` makes them errors; `Ignore` drops them. */
  readonly fieldValidation?: FieldValidation;
}

/** A document podfit does not analyse (Service, ConfigMap, Secret, CRDs…). */
export interface SkippedDocument {
  readonly file: string;
  readonly document: number;
  readonly kind: string;
  readonly name: string;
}

export interface WorkloadReadResult {
  /** In input order: files as given, then documents, then List items. */
  readonly workloads: WorkloadInput[];
  /** Problems that belong to no workload, such as a document without a kind. */
  readonly problems: ManifestProblem[];
  readonly skipped: SkippedDocument[];
}

/** The API versions each workload kind is read in, and the Go package its types live in there. */
const WORKLOAD_VERSIONS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Pod: { v1: 'v1' },
  PodTemplate: { v1: 'v1' },
  ReplicationController: { v1: 'v1' },
  Deployment: {
    'apps/v1': 'v1',
    'apps/v1beta2': 'v1beta2',
    'apps/v1beta1': 'v1beta1',
    'extensions/v1beta1': 'v1beta1',
  },
  StatefulSet: { 'apps/v1': 'v1', 'apps/v1beta2': 'v1beta2', 'apps/v1beta1': 'v1beta1' },
  DaemonSet: { 'apps/v1': 'v1', 'apps/v1beta2': 'v1beta2', 'extensions/v1beta1': 'v1beta1' },
  ReplicaSet: { 'apps/v1': 'v1', 'apps/v1beta2': 'v1beta2', 'extensions/v1beta1': 'v1beta1' },
  Job: { 'batch/v1': 'v1' },
  CronJob: { 'batch/v1': 'v1', 'batch/v1beta1': 'v1beta1' },
};

/** Where each kind keeps its pod template's spec. */
const POD_SPEC_PATHS: Readonly<Record<string, string>> = {
  Pod: 'spec',
  PodTemplate: 'template.spec',
  CronJob: 'spec.jobTemplate.spec.template.spec',
};

// apps/v1 and apps/v1beta2 require a selector; older versions default it from the template's labels.
const SELECTOR_REQUIRED = new Set(['apps/v1', 'apps/v1beta2']);

interface ObjectMetaInput {
  readonly name?: string;
  readonly generateName?: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

interface TemplateInput {
  readonly metadata?: ObjectMetaInput;
  readonly spec?: PodSpecInput;
}

interface WorkloadSpecInput {
  readonly replicas?: number;
  readonly parallelism?: number;
  readonly completions?: number;
  readonly selector?: LabelSelectorInput | Readonly<Record<string, string>>;
  readonly template?: TemplateInput;
  readonly jobTemplate?: { readonly spec?: WorkloadSpecInput };
  readonly volumeClaimTemplates?: readonly { readonly metadata?: ObjectMetaInput }[];
}

interface WorkloadObjectInput {
  readonly metadata?: ObjectMetaInput;
  readonly spec?: WorkloadSpecInput & PodSpecInput;
  readonly template?: TemplateInput;
}

function nameOf(value: Record<string, unknown>): string {
  const metadata = value['metadata'];
  if (typeof metadata !== 'object' || metadata === null) return '';
  const name = (metadata as Record<string, unknown>)['name'];
  return typeof name === 'string' ? name : '';
}

/** Whether `path` is `other`, inside it, or contains it. */
function overlaps(path: string, other: string): boolean {
  const within = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
  return within(path, other) || within(other, path);
}

/** The pod template and its place, per kind. */
function templateOf(kind: string, object: WorkloadObjectInput): TemplateInput | undefined {
  switch (kind) {
    case 'Pod':
      return { metadata: object.metadata, spec: object.spec };
    case 'PodTemplate':
      return object.template;
    case 'CronJob':
      return object.spec?.jobTemplate?.spec?.template;
    default:
      return object.spec?.template;
  }
}

/**
 * The StatefulSet controller gives each pod one volume per claim template, named after it, replacing a pod
 * volume of the same name (pkg/controller/statefulset/stateful_set_utils.go, updateStorage).
 */
function withClaimVolumes(spec: PodSpec, workload: WorkloadObjectInput): PodSpec {
  const claims = workload.spec?.volumeClaimTemplates ?? [];
  if (claims.length === 0) return spec;
  const workloadName = workload.metadata?.name ?? '';
  const claimVolumes = claims.map((claim) => {
    const name = claim.metadata?.name ?? '';
    return { name, persistentVolumeClaim: { claimName: `${name}-${workloadName}-0` } };
  });
  const claimNames = new Set(claimVolumes.map((v) => v.name));
  return { ...spec, volumes: [...(spec.volumes ?? []).filter((v) => !claimNames.has(v.name)), ...claimVolumes] };
}

function replicasOf(kind: string, spec: WorkloadSpecInput | undefined): number | null {
  switch (kind) {
    case 'Pod':
      return 1;
    case 'PodTemplate':
    case 'DaemonSet':
      return null;
    case 'Job':
      return spec?.parallelism ?? 1;
    case 'CronJob':
      return spec?.jobTemplate?.spec?.parallelism ?? 1;
    default:
      return spec?.replicas ?? 1;
  }
}

/** What the API server's workload validation adds to the pod template's. */
function validateWorkloadSpec(
  object: ManifestObject,
  decoded: WorkloadObjectInput,
  template: TemplateInput | undefined,
): Problem[] {
  const specPath = joinPath(object.path, 'spec');
  const spec = decoded.spec;
  const errors: Problem[] = [];
  switch (object.kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
      if (object.kind !== 'DaemonSet') {
        errors.push(...validateNonnegative(spec?.replicas, joinPath(specPath, 'replicas')));
      }
      if (SELECTOR_REQUIRED.has(object.apiVersion)) {
        errors.push(
          ...validateWorkloadSelector(
            spec?.selector as LabelSelectorInput | undefined,
            template?.metadata?.labels,
            specPath,
          ),
        );
      }
      break;
    case 'ReplicationController':
      errors.push(...validateNonnegative(spec?.replicas, joinPath(specPath, 'replicas')));
      if (spec?.template === undefined) errors.push(requiredValue(joinPath(specPath, 'template')));
      else {
        errors.push(
          ...validateReplicationControllerSelector(
            spec.selector as Record<string, string> | undefined,
            template?.metadata?.labels,
            specPath,
          ),
        );
      }
      break;
    case 'Job':
      errors.push(...validateNonnegative(spec?.parallelism, joinPath(specPath, 'parallelism')));
      errors.push(...validateNonnegative(spec?.completions, joinPath(specPath, 'completions')));
      break;
    case 'CronJob': {
      const jobSpecPath = joinPath(specPath, 'jobTemplate.spec');
      const jobSpec = spec?.jobTemplate?.spec;
      errors.push(...validateNonnegative(jobSpec?.parallelism, joinPath(jobSpecPath, 'parallelism')));
      errors.push(...validateNonnegative(jobSpec?.completions, joinPath(jobSpecPath, 'completions')));
      break;
    }
  }
  return errors;
}

function readWorkload(
  object: ManifestObject,
  version: string,
  fieldValidation: FieldValidation,
): WorkloadInput {
  const { document, kind, apiVersion, path } = object;
  const decoded = decodeObject<WorkloadObjectInput>(object.value, workloadStruct(kind, version), path, {
    fromYaml: document.format === 'yaml',
    hasBigInts: document.hasBigInts,
  });
  const errors: Problem[] = [...decoded.errors];
  const warnings: Warning[] = [];
  const fieldProblems: Warning[] = [
    ...decoded.unknownFields.map((p) => ({
      code: 'unknown-field',
      path: p,
      message: `unknown field "${p}"`,
    })),
    ...(document.hasDuplicates
      ? duplicateFieldPaths(object.parsed, path).map((p) => ({
          code: 'duplicate-field',
          path: p,
          message: `duplicate field "${p}"`,
        }))
      : []),
  ];
  if (fieldValidation === 'Warn') warnings.push(...fieldProblems);
  if (fieldValidation === 'Strict') {
    errors.push(...fieldProblems.map(({ path: p, message }) => ({ path: p, message })));
  }

  const value: WorkloadObjectInput = decoded.value ?? {};
  const metadata = value.metadata ?? {};
  const template = templateOf(kind, value);
  const podSpecPath = joinPath(path, POD_SPEC_PATHS[kind] ?? 'spec.template.spec');
  const decodeErrorPaths = decoded.errors.map((e) => e.path);
  const validation = [
    ...validateObjectMeta(metadata, joinPath(path, 'metadata')),
    ...validateWorkloadSpec(object, value, template),
    ...(kind === 'ReplicationController' && value.spec?.template === undefined
      ? []
      : validatePodSpec(template?.spec ?? {}, podSpecPath, kind === 'Pod')),
  ];
  // A field that could not be decoded is missing to validation; its consequences are not reported again.
  errors.push(...validation.filter((v) => !decodeErrorPaths.some((d) => overlaps(v.path, d))));

  let pod: Pod | null = null;
  if (errors.length === 0) {
    const labels = template?.metadata?.labels;
    const spec = (template?.spec ?? { containers: [] }) as PodSpec;
    pod = {
      metadata: {
        name: metadata.name ?? metadata.generateName ?? '',
        namespace: metadata.namespace || 'default',
        ...(labels !== undefined ? { labels } : {}),
      },
      spec: kind === 'StatefulSet' ? withClaimVolumes(spec, value) : spec,
    };
  }
  return {
    kind,
    apiVersion,
    namespace: metadata.namespace || 'default',
    name: metadata.name ?? metadata.generateName ?? '',
    source: document.file,
    document: document.index,
    line: object.line,
    podSpecPath,
    replicas: replicasOf(kind, value.spec),
    pod,
    warnings,
    errors,
  };
}

/**
 * The workloads in `sources`: Pods, Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers,
 * Jobs, CronJobs and PodTemplates, in the usual API groups, Lists flattened. Throws ManifestError
 * ('malformed-input') for text that cannot be read; an invalid workload comes back with its `errors`.
 */
export function readWorkloads(sources: readonly SourceText[], options: ReadOptions = {}): WorkloadReadResult {
  const fieldValidation = options.fieldValidation ?? 'Warn';
  const result: WorkloadReadResult = { workloads: [], problems: [], skipped: [] };
  for (const source of sources) {
    for (const document of parseDocuments(source)) {
      eachObject(
        document,
        (object) => {
          const version = WORKLOAD_VERSIONS[object.kind]?.[object.apiVersion];
          if (version === undefined) {
            result.skipped.push({
              file: document.file,
              document: document.index,
              kind: object.kind,
              name: nameOf(object.value),
            });
          } else {
            result.workloads.push(readWorkload(object, version, fieldValidation));
          }
        },
        (problem) => result.problems.push(problem),
      );
    }
  }
  return result;
}
