// What the API server's validation rejects in a workload, ported from k8s.io/kubernetes pkg/apis/core/validation
// (validation.go) and pkg/apis/apps/validation, with Kubernetes' messages: field.Error's ErrorBody() renders
// `Required value`, `Invalid value: <value>: <detail>`, `Duplicate value: "app"`, `Unsupported value: …`.
// Only the rules that decide whether a pod can exist and what it reserves are ported; see README.md.
import {
  type Problem,
  Quantity,
  QuantityParseError,
  type ResourceList,
  type ResourceRequirements,
} from '@podfit/scheduling';
import { goJson, goQuote } from './go-format';
import { childPath, indexPath } from './json-path';

/** A value in an error, as ErrorBody prints it: strings quoted, numbers and Stringers (quantities) bare. */
type Shown = { readonly quoted: string } | { readonly bare: string };
const quoted = (s: string): Shown => ({ quoted: s });
const bare = (s: string | number | bigint): Shown => ({ bare: String(s) });

const required = (path: string, detail = ''): Problem => ({
  path,
  message: detail === '' ? 'Required value' : `Required value: ${detail}`,
});
const forbidden = (path: string, detail: string): Problem => ({ path, message: `Forbidden: ${detail}` });
const duplicate = (path: string, value: string): Problem => ({
  path,
  message: `Duplicate value: ${goQuote(value)}`,
});
function invalid(path: string, value: Shown, detail: string): Problem {
  const shown = 'quoted' in value ? goQuote(value.quoted) : value.bare;
  return { path, message: `Invalid value: ${shown}: ${detail}` };
}
function notSupported(path: string, value: Shown, supported: readonly string[]): Problem {
  const shown = 'quoted' in value ? goQuote(value.quoted) : value.bare;
  return {
    path,
    message: `Unsupported value: ${shown}: supported values: ${supported.map((s) => goQuote(s)).join(', ')}`,
  };
}

// k8s.io/apimachinery/pkg/util/validation/validation.go
function regexError(message: string, format: string, ...examples: string[]): string {
  if (examples.length === 0) return `${message} (regex used for validation is '${format}')`;
  return `${message} (e.g. ${examples.map((e, i) => `${i > 0 ? ' or ' : ''}'${e}', `).join('')}regex used for validation is '${format}')`;
}
const maxLenError = (length: number) => `must be no more than ${length} characters`;
export const IS_NEGATIVE_ERROR_MSG = 'must be greater than or equal to 0';

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

function isDns1123Label(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push(maxLenError(63));
  if (!DNS1123_LABEL.test(value)) {
    if (DNS1123_SUBDOMAIN.test(value)) errors.push('must not contain dots');
    else {
      errors.push(
        regexError(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
          DNS1123_LABEL_FMT,
          'my-name',
          '123-abc',
        ),
      );
    }
  }
  return errors;
}

/** IsDNS1123Subdomain's messages for `value` (none when it is one). */
export function isDns1123Subdomain(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 253) errors.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN.test(value)) {
    errors.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN_FMT,
        'example.com',
      ),
    );
  }
  return errors;
}

// k8s.io/apimachinery/pkg/api/validate/content/kube.go IsLabelKey (what validation calls a qualified name)
const LABEL_KEY_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_KEY = new RegExp(`^${LABEL_KEY_FMT}$`);
const LABEL_KEY_ERR =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

function isQualifiedName(value: string): string[] {
  const errors: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0]!;
  else if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix.length === 0) errors.push('prefix part must be non-empty');
    else errors.push(...isDns1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a valid label key ${regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errors.push('name part must be non-empty');
  else if (name.length > 63) errors.push(`name part ${maxLenError(63)}`);
  if (!LABEL_KEY.test(name)) {
    errors.push(`name part ${regexError(LABEL_KEY_ERR, LABEL_KEY_FMT, 'MyName', 'my.name', '123-abc')}`);
  }
  return errors;
}

function isValidPortName(port: string): string[] {
  const errors: string[] = [];
  if (port.length > 15) errors.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) {
    errors.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  }
  if (!/[a-z]/.test(port)) errors.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errors.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) {
    errors.push('must not begin or end with a hyphen');
  }
  return errors;
}

const PORT_RANGE_ERROR = 'must be between 1 and 65535, inclusive';
const isValidPortNumber = (port: number) => port >= 1 && port <= 65535;

// k8s.io/kubernetes pkg/apis/core/helper/helpers.go
const HUGEPAGES_PREFIX = 'hugepages-';
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_RESOURCES = new Set([
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'storage',
  'requests.storage',
  'services.nodeports',
  'services.loadbalancers',
]);
const INTEGER_RESOURCES = new Set([
  'pods',
  'resourcequotas',
  'services',
  'replicationcontrollers',
  'secrets',
  'configmaps',
  'persistentvolumeclaims',
  'services.nodeports',
  'services.loadbalancers',
]);
const isHugePageResourceName = (name: string) => name.startsWith(HUGEPAGES_PREFIX);
const isNativeResource = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
const isOvercommitAllowed = (name: string) => isNativeResource(name) && !isHugePageResourceName(name);
const isExtendedResourceName = (name: string) =>
  !isNativeResource(name) &&
  !name.startsWith('requests.') &&
  isQualifiedName(`requests.${name}`).length === 0;
const isIntegerResourceName = (name: string) => INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);
const isStandardResourceName = (name: string) =>
  STANDARD_RESOURCES.has(name) ||
  name.startsWith(HUGEPAGES_PREFIX) ||
  name.startsWith(`requests.${HUGEPAGES_PREFIX}`);
const isStandardContainerResourceName = (name: string) =>
  STANDARD_CONTAINER_RESOURCES.has(name) || isHugePageResourceName(name);

function isHugePageResourceValueDivisible(name: string, quantity: Quantity): boolean {
  let pageSize: Quantity;
  try {
    pageSize = Quantity.parse(name.slice(HUGEPAGES_PREFIX.length));
  } catch (error) {
    if (error instanceof QuantityParseError) return false;
    throw error;
  }
  if (pageSize.sign() <= 0 || pageSize.milliValue() % 1000n !== 0n) return false;
  return quantity.value() % pageSize.value() === 0n;
}

// validation.go validateResourceName
function validateResourceName(name: string, path: string): Problem[] {
  const errors = isQualifiedName(name).map((m) => invalid(path, bare(name), m));
  if (errors.length > 0) return errors;
  if (!name.includes('/') && !isStandardResourceName(name)) {
    errors.push(invalid(path, bare(name), 'must be a standard resource type or fully qualified'));
  }
  return errors;
}

// validation.go validateContainerResourceName
function validateContainerResourceName(name: string, path: string): Problem[] {
  const errors = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!isStandardContainerResourceName(name)) {
      errors.push(invalid(path, bare(name), 'must be a standard resource for containers'));
    }
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errors.push(invalid(path, bare(name), "doesn't follow extended resource name standard"));
  }
  return errors;
}

const SUPPORTED_POD_LEVEL_RESOURCES = ['cpu', 'hugepages-', 'memory'];

// validation.go validatePodResourceName; component-helpers resource/helpers.go IsSupportedPodLevelResource
function validatePodResourceName(name: string, path: string): Problem[] {
  const errors = validateResourceName(name, path);
  if (errors.length > 0) return errors;
  if (name !== 'cpu' && name !== 'memory' && !isHugePageResourceName(name)) {
    errors.push(notSupported(path, bare(name), SUPPORTED_POD_LEVEL_RESOURCES));
  }
  return errors;
}

// validation.go ValidateResourceQuantityValue
function validateResourceQuantityValue(name: string, value: Quantity, path: string): Problem[] {
  const errors: Problem[] = [];
  if (value.sign() < 0) errors.push(invalid(path, quoted(value.toString()), IS_NEGATIVE_ERROR_MSG));
  if (isIntegerResourceName(name) && value.milliValue() % 1000n !== 0n) {
    errors.push(invalid(path, bare(value.toString()), 'must be an integer'));
  }
  return errors;
}

function entries(list: ResourceList | undefined): Array<[string, Quantity]> {
  return list === undefined ? [] : Object.entries(list);
}

/** A hugepage quantity must be a whole number of pages (validation.go, ValidateResourceRequirements). */
function validateHugePageMultiple(name: string, quantity: Quantity, at: string): Problem[] {
  if (isHugePageResourceValueDivisible(name, quantity)) return [];
  return [
    invalid(
      at,
      quoted(quantity.toString()),
      `${quantity.toString()} is not positive integer multiple of ${name}`,
    ),
  ];
}

// validation.go validateResourceRequirements. Go ranges over maps in random order; podfit keeps the
// document's order.
function validateResourceRequirements(
  requirements: ResourceRequirements,
  nameFn: (name: string, path: string) => Problem[],
  path: string,
): Problem[] {
  const errors: Problem[] = [];
  const limPath = childPath(path, 'limits');
  const reqPath = childPath(path, 'requests');
  let limContainsCpuOrMemory = false;
  let reqContainsCpuOrMemory = false;
  let limContainsHugePages = false;
  let reqContainsHugePages = false;
  const limits = requirements.limits ?? {};
  for (const [name, quantity] of entries(requirements.limits)) {
    const at = childPath(limPath, name);
    errors.push(...nameFn(name, at), ...validateResourceQuantityValue(name, quantity, at));
    if (isHugePageResourceName(name)) {
      limContainsHugePages = true;
      errors.push(...validateHugePageMultiple(name, quantity, at));
    }
    if (name === 'cpu' || name === 'memory') limContainsCpuOrMemory = true;
  }
  for (const [name, quantity] of entries(requirements.requests)) {
    const at = childPath(reqPath, name);
    errors.push(...nameFn(name, at), ...validateResourceQuantityValue(name, quantity, at));
    const limit = Object.prototype.hasOwnProperty.call(limits, name) ? limits[name] : undefined;
    if (limit !== undefined) {
      // For non overcommitable resources, not only requests can't exceed limits, they also can't be lower.
      if (quantity.cmp(limit) !== 0 && !isOvercommitAllowed(name)) {
        errors.push(
          invalid(
            reqPath,
            quoted(quantity.toString()),
            `must be equal to ${name} limit of ${limit.toString()}`,
          ),
        );
      } else if (quantity.cmp(limit) > 0) {
        errors.push(
          invalid(
            reqPath,
            quoted(quantity.toString()),
            `must be less than or equal to ${name} limit of ${limit.toString()}`,
          ),
        );
      }
    } else if (!isOvercommitAllowed(name)) {
      errors.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResourceName(name)) {
      reqContainsHugePages = true;
      errors.push(...validateHugePageMultiple(name, quantity, at));
    }
    if (name === 'cpu' || name === 'memory') reqContainsCpuOrMemory = true;
  }
  if (!limContainsCpuOrMemory && !reqContainsCpuOrMemory && (reqContainsHugePages || limContainsHugePages)) {
    errors.push(forbidden(path, 'HugePages require cpu or memory'));
  }
  return errors;
}

/** A container as decoded, before defaults: every field may be missing. */
export interface ContainerInput {
  readonly name?: string;
  readonly image?: string;
  readonly ports?: ReadonlyArray<{
    readonly name?: string;
    readonly containerPort?: number;
    readonly hostPort?: number;
    readonly protocol?: string;
    readonly hostIP?: string;
  }>;
  readonly resources?: ResourceRequirements;
  readonly restartPolicy?: string;
  readonly imagePullPolicy?: string;
  readonly livenessProbe?: object;
  readonly readinessProbe?: object;
  readonly startupProbe?: object;
  readonly lifecycle?: object;
}

export interface PodSpecInput {
  readonly containers?: readonly ContainerInput[];
  readonly initContainers?: readonly ContainerInput[];
  readonly resources?: ResourceRequirements & { readonly claims?: unknown };
  readonly overhead?: ResourceList;
  readonly hostNetwork?: boolean;
}

const SUPPORTED_PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SUPPORTED_PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

// validation.go validateContainerPorts. An empty protocol is not an error: it defaults to TCP first.
function validateContainerPorts(ports: ContainerInput['ports'], path: string): Problem[] {
  const errors: Problem[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const at = indexPath(path, i);
    if (port.name !== undefined && port.name.length > 0) {
      const messages = isValidPortName(port.name);
      if (messages.length > 0) {
        errors.push(...messages.map((m) => invalid(childPath(at, 'name'), quoted(port.name!), m)));
      } else if (names.has(port.name)) errors.push(duplicate(childPath(at, 'name'), port.name));
      else names.add(port.name);
    }
    const containerPort = port.containerPort ?? 0;
    if (containerPort === 0) errors.push(required(childPath(at, 'containerPort')));
    else if (!isValidPortNumber(containerPort))
      errors.push(invalid(childPath(at, 'containerPort'), bare(containerPort), PORT_RANGE_ERROR));
    const hostPort = port.hostPort ?? 0;
    if (hostPort !== 0 && !isValidPortNumber(hostPort)) {
      errors.push(invalid(childPath(at, 'hostPort'), bare(hostPort), PORT_RANGE_ERROR));
    }
    if (
      port.protocol !== undefined &&
      port.protocol !== '' &&
      !SUPPORTED_PORT_PROTOCOLS.includes(port.protocol)
    ) {
      errors.push(notSupported(childPath(at, 'protocol'), quoted(port.protocol), SUPPORTED_PORT_PROTOCOLS));
    }
  });
  return errors;
}

// validation.go validateContainerCommon (the parts that concern podfit)
function validateContainerCommon(container: ContainerInput, path: string): Problem[] {
  const errors: Problem[] = [];
  const namePath = childPath(path, 'name');
  if (container.name === undefined || container.name.length === 0) errors.push(required(namePath));
  else
    errors.push(...isDns1123Label(container.name).map((m) => invalid(namePath, quoted(container.name!), m)));
  if (container.image === undefined || container.image.length === 0) {
    errors.push(required(childPath(path, 'image')));
  }
  errors.push(...validateContainerPorts(container.ports, childPath(path, 'ports')));
  const pullPolicy = container.imagePullPolicy;
  if (pullPolicy !== undefined && pullPolicy !== '' && !SUPPORTED_PULL_POLICIES.includes(pullPolicy)) {
    errors.push(
      notSupported(childPath(path, 'imagePullPolicy'), quoted(pullPolicy), SUPPORTED_PULL_POLICIES),
    );
  }
  if (container.resources !== undefined) {
    errors.push(
      ...validateResourceRequirements(
        container.resources,
        validateContainerResourceName,
        childPath(path, 'resources'),
      ),
    );
  }
  return errors;
}

// validation.go AccumulateUniqueHostPorts (protocol defaulted to TCP, as it is by then)
function accumulateUniqueHostPorts(
  containers: readonly ContainerInput[],
  seen: Set<string>,
  path: string,
  offset = 0,
): Problem[] {
  const errors: Problem[] = [];
  containers.forEach((container, ci) => {
    (container.ports ?? []).forEach((port, pi) => {
      if (port.hostPort === undefined || port.hostPort === 0) return;
      const key = `${port.protocol || 'TCP'}/${port.hostIP ?? ''}/${port.hostPort}`;
      const at = childPath(indexPath(childPath(indexPath(path, ci + offset), 'ports'), pi), 'hostPort');
      if (seen.has(key)) errors.push(duplicate(at, key));
      else seen.add(key);
    });
  });
  return errors;
}

// validation.go validateContainers
function validateContainers(containers: readonly ContainerInput[], path: string): Problem[] {
  if (containers.length === 0) return [required(path)];
  const errors: Problem[] = [];
  const names = new Set<string>();
  containers.forEach((container, i) => {
    const at = indexPath(path, i);
    errors.push(...validateContainerCommon(container, at));
    const name = container.name ?? '';
    if (names.has(name)) errors.push(duplicate(childPath(at, 'name'), name));
    else names.add(name);
    if (container.restartPolicy !== undefined) {
      errors.push(forbidden(childPath(at, 'restartPolicy'), 'may not be set for non-init containers'));
    }
  });
  errors.push(...accumulateUniqueHostPorts(containers, new Set(), path));
  return errors;
}

const INIT_PROBES = ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const;

// validation.go validateInitContainers
function validateInitContainers(
  initContainers: readonly ContainerInput[],
  containers: readonly ContainerInput[],
  path: string,
): Problem[] {
  const errors: Problem[] = [];
  const names = new Set(containers.map((c) => c.name ?? ''));
  initContainers.forEach((container, i) => {
    const at = indexPath(path, i);
    errors.push(...validateContainerCommon(container, at));
    let restartAlways = false;
    if (container.restartPolicy !== undefined) {
      if (container.restartPolicy !== 'Always') {
        errors.push(
          notSupported(childPath(at, 'restartPolicy'), quoted(container.restartPolicy), ['Always']),
        );
      }
      restartAlways = container.restartPolicy === 'Always';
    }
    const name = container.name ?? '';
    if (names.has(name)) errors.push(duplicate(childPath(at, 'name'), name));
    else if (name.length > 0) names.add(name);
    errors.push(...accumulateUniqueHostPorts([container], new Set(), path, i));
    if (!restartAlways) {
      for (const field of INIT_PROBES) {
        if (container[field] !== undefined) {
          errors.push(
            forbidden(
              childPath(at, field),
              'may not be set for init containers without restartPolicy=Always',
            ),
          );
        }
      }
    }
  });
  return errors;
}

/** validation.go ValidatePodSpec, the rules on containers, ports and resources. `isPod`: a Pod, not a template. */
export function validatePodSpec(spec: PodSpecInput, path: string, isPod: boolean): Problem[] {
  const containers = spec.containers ?? [];
  const errors = [
    ...validateContainers(containers, childPath(path, 'containers')),
    ...validateInitContainers(spec.initContainers ?? [], containers, childPath(path, 'initContainers')),
  ];
  if (spec.resources !== undefined) {
    const at = childPath(path, 'resources');
    if (spec.resources.claims !== undefined) {
      errors.push(forbidden(childPath(at, 'claims'), 'claims cannot be set for Resources at pod-level'));
    }
    errors.push(...validateResourceRequirements(spec.resources, validatePodResourceName, at));
  }
  // validatePodHostNetworkDeps: a template may leave hostPort unset (it is defaulted on the pod).
  if (spec.hostNetwork === true) {
    containers.forEach((container, ci) => {
      (container.ports ?? []).forEach((port, pi) => {
        const hostPort = port.hostPort ?? 0;
        if ((isPod || hostPort !== 0) && hostPort !== (port.containerPort ?? 0)) {
          const at = childPath(
            indexPath(childPath(indexPath(childPath(path, 'containers'), ci), 'ports'), pi),
            'hostPort',
          );
          errors.push(invalid(at, bare(hostPort), 'must match `containerPort` when `hostNetwork` is true'));
        }
      });
    });
  }
  if (spec.overhead !== undefined) {
    errors.push(
      ...validateResourceRequirements(
        { limits: spec.overhead },
        validateContainerResourceName,
        childPath(path, 'overhead'),
      ),
    );
  }
  return errors;
}

/** ValidateObjectMeta: a name, or a prefix to generate one from. */
export function validateObjectMeta(
  meta: { readonly name?: string; readonly generateName?: string } | undefined,
  path: string,
): Problem[] {
  if ((meta?.name ?? '') === '' && (meta?.generateName ?? '') === '') {
    return [required(childPath(path, 'name'), 'name or generateName is required')];
  }
  return [];
}

/** apimachinery ValidateNonnegativeField. */
export function validateNonnegative(value: number | undefined, path: string): Problem[] {
  return value !== undefined && value < 0 ? [invalid(path, bare(value), IS_NEGATIVE_ERROR_MSG)] : [];
}

export interface LabelSelectorInput {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: ReadonlyArray<{
    readonly key?: string;
    readonly operator?: string;
    readonly values?: readonly string[];
  }>;
}

/** metav1.LabelSelectorAsSelector(...).Matches(labels): undefined for an invalid selector. A nil selector
 *  selects nothing, an empty one everything. */
function selectorMatches(
  selector: LabelSelectorInput | undefined,
  labels: Readonly<Record<string, string>>,
): boolean | undefined {
  if (selector === undefined) return false;
  const has = (key: string) => Object.prototype.hasOwnProperty.call(labels, key);
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (!has(key) || labels[key] !== value) return false;
  }
  for (const expression of selector.matchExpressions ?? []) {
    const key = expression.key ?? '';
    const values = expression.values ?? [];
    switch (expression.operator) {
      case 'In':
        if (!has(key) || !values.includes(labels[key]!)) return false;
        break;
      case 'NotIn':
        if (has(key) && values.includes(labels[key]!)) return false;
        break;
      case 'Exists':
        if (!has(key)) return false;
        break;
      case 'DoesNotExist':
        if (has(key)) return false;
        break;
      default:
        return undefined;
    }
  }
  return true;
}

function isEmptySelector(selector: LabelSelectorInput | undefined): boolean {
  return (
    selector !== undefined &&
    Object.keys(selector.matchLabels ?? {}).length === 0 &&
    (selector.matchExpressions ?? []).length === 0
  );
}

/**
 * apps/validation ValidateDeploymentSpec, ValidateReplicaSetSpec, ValidateStatefulSetSpec and
 * ValidateDaemonSetSpec: a selector is required, and must select the template's labels.
 */
export function validateWorkloadSelector(
  selector: LabelSelectorInput | undefined,
  templateLabels: Readonly<Record<string, string>> | undefined,
  specPath: string,
): Problem[] {
  const errors: Problem[] = [];
  if (selector === undefined) errors.push(required(childPath(specPath, 'selector')));
  if (!isEmptySelector(selector) && selectorMatches(selector, templateLabels ?? {}) === false) {
    errors.push(
      invalid(
        childPath(childPath(childPath(specPath, 'template'), 'metadata'), 'labels'),
        bare(goJson(templateLabels ?? null)),
        '`selector` does not match template `labels`',
      ),
    );
  }
  return errors;
}

/** core validation ValidateReplicationControllerSpec: a selector, when set, must select the template's labels. */
export function validateReplicationControllerSelector(
  selector: Readonly<Record<string, string>> | undefined,
  templateLabels: Readonly<Record<string, string>> | undefined,
  specPath: string,
): Problem[] {
  if (selector === undefined || Object.keys(selector).length === 0) return [];
  return selectorMatches({ matchLabels: selector }, templateLabels ?? {})
    ? []
    : [
        invalid(
          childPath(childPath(childPath(specPath, 'template'), 'metadata'), 'labels'),
          bare(goJson(templateLabels ?? null)),
          '`selector` does not match template `labels`',
        ),
      ];
}

export function requiredValue(path: string): Problem {
  return required(path);
}
