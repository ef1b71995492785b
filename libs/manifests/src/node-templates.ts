// The node templates a scale-out may add: podfit.dev/v1 NodeTemplate documents, or Nodes used as templates
// (`kubectl get node X -o yaml` of a node like the ones to add), Lists flattened.
import { type NodeTemplate, type ResourceList, type Taint, isHourlyPrice } from '@podfit/scheduling';
import { NODE, OBJECT_META, RESOURCE_LIST, type StructType } from './api-schema';
import { type Report } from './cluster-objects';
import { decodeObject, duplicateFieldPaths } from './decode';
import { parseDocuments, type SourceText } from './documents';
import { ManifestError, type ManifestProblem } from './errors';
import { goJson, goQuote } from './go-format';
import { childPath, indexPath, joinPath } from './json-path';
import { type NodeInput, nodeFromInput } from './nodes';
import { eachObject, type ManifestObject } from './objects';
import { hasOwn, isRawObject, type RawValue } from './raw-value';
import { isDns1123Subdomain } from './validation';
import { type ReadOptions } from './workloads';

export const NODE_TEMPLATE_API_VERSION = 'podfit.dev/v1';
/** On a Node used as a template: the price of one node per hour, a non-negative decimal (`0.192`). */
export const HOURLY_PRICE_ANNOTATION = 'podfit.dev/hourly-price';
/** On a Node used as a template: at most this many nodes of it may be added, an integer >= 1. */
export const MAX_NODES_ANNOTATION = 'podfit.dev/max-nodes';
/** A Node used as a template is named after this label, else after the node. */
export const INSTANCE_TYPE_LABEL = 'node.kubernetes.io/instance-type';

export interface NodeTemplateReadOptions extends ReadOptions {
  /** Receives the unknown and duplicate fields of NodeTemplates when `fieldValidation` is `Warn`. */
  readonly onWarning?: (problem: ManifestProblem) => void;
}

const string = (goType = 'string') => ({ kind: 'string', goType }) as const;

const TAINT: StructType = {
  name: 'Taint',
  goType: 'v1.Taint',
  fields: { key: string(), value: string(), effect: string('v1.TaintEffect') },
  closed: true,
};

// `hourlyPrice` is a string or a number, which no decoder type takes: it is read from the document itself.
const NODE_TEMPLATE_SPEC: StructType = {
  name: 'NodeTemplateSpec',
  goType: 'v1.NodeTemplateSpec',
  fields: {
    taints: { kind: 'slice', elem: { kind: 'struct', struct: TAINT } },
    allocatable: RESOURCE_LIST,
    maxNodes: { kind: 'int', goType: 'int32' },
  },
  closed: true,
};

const NODE_TEMPLATE: StructType = {
  name: 'NodeTemplate',
  goType: 'v1.NodeTemplate',
  fields: {
    apiVersion: string(),
    kind: string(),
    metadata: { kind: 'struct', struct: OBJECT_META },
    spec: { kind: 'struct', struct: NODE_TEMPLATE_SPEC },
  },
  closed: true,
};

interface NodeTemplateInput {
  readonly metadata?: { readonly name?: string; readonly labels?: Readonly<Record<string, string>> };
  readonly spec?: {
    readonly taints?: ReadonlyArray<Partial<Taint>>;
    readonly allocatable?: ResourceList;
    readonly maxNodes?: number;
  };
}

// k8s.io/kubernetes pkg/apis/core/validation/validation.go validateTaintEffect (NoScheduleNoAdmit is not
// implemented there either).
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const PRICE_DETAIL = 'must be a non-negative decimal number, such as "0.192"';
const MAX_NODES_DETAIL = 'must be greater than or equal to 1';
const NO_TEMPLATES = `no node templates: expected NodeTemplate (apiVersion ${NODE_TEMPLATE_API_VERSION}) or Node (apiVersion v1) documents`;

/** A template read, with the path of the field its name came from (for a duplicate). */
interface Read {
  readonly template: NodeTemplate;
  readonly namePath: string;
  readonly object: ManifestObject;
}

/**
 * The node templates in `sources`, in input order. A NodeTemplate:
 * ```yaml
 * apiVersion: podfit.dev/v1
 * kind: NodeTemplate
 * metadata: {name: m5-xlarge, labels: {topology.kubernetes.io/zone: eu-west-1a}}
 * spec:
 *   taints: [{key: dedicated, value: batch, effect: NoSchedule}]
 *   allocatable: {cpu: 3920m, memory: 15Gi, pods: "58"}
 *   hourlyPrice: "0.192"   # optional, a string or a number
 *   maxNodes: 50           # optional
 * ```
 * A Node (v1) is also taken as a template named after its `node.kubernetes.io/instance-type` label (else its
 * name), priced by its `podfit.dev/hourly-price` annotation and limited by `podfit.dev/max-nodes`; its labels,
 * taints and allocatable (capacity where absent) are copied, and `spec.unschedulable` is not (a node added by a
 * scale-out is not cordoned). A number price is taken as JavaScript prints it (`1.10` reads as `1.1`): quote
 * it to keep its digits.
 *
 * Unknown and duplicate fields of a NodeTemplate are errors by default (`fieldValidation` `Strict`: a
 * misspelt `hourlyPrise` would otherwise drop the price unseen), `onWarning` receives them under `Warn`, and
 * `Ignore` drops them; a Node's fields outside those read are never checked, as in `readNodes`.
 *
 * Throws ManifestError: `malformed-input` for text that cannot be read, `invalid-manifest` listing every bad
 * field (`items[1].spec.allocatable.cpu`), objects of other kinds, names used twice, or no template at all.
 */
export function readNodeTemplates(
  sources: readonly SourceText[],
  options: NodeTemplateReadOptions = {},
): NodeTemplate[] {
  const fieldValidation = options.fieldValidation ?? 'Strict';
  const read: Read[] = [];
  const problems: ManifestProblem[] = [];
  for (const source of sources) {
    for (const document of parseDocuments(source)) {
      const at = (path: string, message: string): ManifestProblem => ({
        file: document.file,
        document: document.index,
        path,
        message,
      });
      const report: Report = (path, message) => problems.push(at(path, message));
      eachObject(
        document,
        (object) => {
          const before = problems.length;
          let result: Omit<Read, 'object'>;
          if (object.kind === 'NodeTemplate' && object.apiVersion === NODE_TEMPLATE_API_VERSION) {
            const fieldProblems: ManifestProblem[] = [];
            result = readTemplate(object, report, (path, message) => fieldProblems.push(at(path, message)));
            if (fieldValidation === 'Strict') problems.push(...fieldProblems);
            else if (fieldValidation === 'Warn')
              fieldProblems.forEach((problem) => options.onWarning?.(problem));
          } else if (object.kind === 'Node' && object.apiVersion === 'v1') {
            result = readNodeAsTemplate(object, report);
          } else {
            return report(
              object.path,
              `expected a NodeTemplate (apiVersion ${NODE_TEMPLATE_API_VERSION}) or a Node (apiVersion v1), not ${object.kind} ${object.apiVersion}`,
            );
          }
          if (problems.length === before) read.push({ ...result, object });
        },
        (problem) => problems.push(problem),
        { lines: false },
      );
    }
  }

  const seen = new Set<string>();
  for (const { template, namePath, object } of read) {
    if (seen.has(template.name)) {
      problems.push({
        file: object.document.file,
        document: object.document.index,
        path: namePath,
        message: `Duplicate value: ${goQuote(template.name)}`,
      });
    }
    seen.add(template.name);
  }
  if (problems.length > 0) throw new ManifestError('invalid-manifest', problems);
  if (read.length === 0) {
    throw new ManifestError('invalid-manifest', [
      { file: sources[0]?.name ?? '<none>', document: 0, path: '', message: NO_TEMPLATES },
    ]);
  }
  return read.map(({ template }) => template);
}

function invalid(path: string, shown: string, detail: string): [string, string] {
  return [path, `Invalid value: ${shown}: ${detail}`];
}

function readTemplate(object: ManifestObject, report: Report, fieldProblem: Report): Omit<Read, 'object'> {
  const { document, path } = object;
  const decoded = decodeObject<NodeTemplateInput>(object.value, NODE_TEMPLATE, path, {
    fromYaml: document.format === 'yaml',
    hasBigInts: document.hasBigInts,
  });
  decoded.errors.forEach((e) => report(e.path, e.message));
  const pricePath = joinPath(path, 'spec.hourlyPrice');
  for (const unknown of decoded.unknownFields) {
    if (unknown !== pricePath) fieldProblem(unknown, `unknown field "${unknown}"`);
  }
  if (document.hasDuplicates) {
    for (const duplicate of duplicateFieldPaths(object.parsed, path)) {
      fieldProblem(duplicate, `duplicate field "${duplicate}"`);
    }
  }

  const { metadata, spec } = decoded.value ?? {};
  const allocatable = spec?.allocatable;
  // The Node every added node copies, built as `readNodes` builds one (a missing name is reported there).
  const node = nodeFromInput(
    { metadata, spec: { taints: spec?.taints }, status: { allocatable: allocatable ?? {} } },
    object,
    report,
  );
  const name = node.metadata.name;
  const namePath = joinPath(path, 'metadata.name');
  if (name !== '') {
    for (const message of isDns1123Subdomain(name)) report(...invalid(namePath, goQuote(name), message));
  }

  const specPath = joinPath(path, 'spec');
  (spec?.taints ?? []).forEach((taint, i) => {
    const taintPath = indexPath(childPath(specPath, 'taints'), i);
    if ((taint.key ?? '') === '') report(childPath(taintPath, 'key'), 'Required value');
    const effect = taint.effect ?? '';
    if (effect === '') report(childPath(taintPath, 'effect'), 'Required value');
    else if (!TAINT_EFFECTS.includes(effect)) {
      report(
        childPath(taintPath, 'effect'),
        `Unsupported value: ${goQuote(effect)}: supported values: ${TAINT_EFFECTS.map((e) => goQuote(e)).join(', ')}`,
      );
    }
  });
  const allocatablePath = childPath(specPath, 'allocatable');
  if (allocatable === undefined) report(allocatablePath, 'Required value');
  else if (!hasOwn(allocatable, 'pods')) {
    report(
      childPath(allocatablePath, 'pods'),
      "Required value: how many pods a node takes (kubelet's maxPods, 110 by default)",
    );
  }
  const maxNodes = spec?.maxNodes;
  if (maxNodes !== undefined && maxNodes < 1)
    report(...invalid(childPath(specPath, 'maxNodes'), String(maxNodes), MAX_NODES_DETAIL));

  const rawSpec = object.value['spec'];
  const rawPrice = isRawObject(rawSpec) && hasOwn(rawSpec, 'hourlyPrice') ? rawSpec['hourlyPrice']! : null;
  const hourlyPrice = readPrice(rawPrice, pricePath, report);

  return { template: { name, node, hourlyPrice, maxNodes: maxNodes ?? null }, namePath };
}

/** A price as a NodeTemplate gives it: a decimal string, or a number (or null for none). */
function readPrice(raw: RawValue, path: string, report: Report): string | null {
  if (raw === null) return null;
  const text =
    typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'bigint' ? String(raw) : null;
  if (text !== null && isHourlyPrice(text)) return text;
  report(...invalid(path, typeof raw === 'string' ? goQuote(raw) : goJson(raw, 60), PRICE_DETAIL));
  return null;
}

function readNodeAsTemplate(object: ManifestObject, report: Report): Omit<Read, 'object'> {
  const { document, path } = object;
  const decoded = decodeObject<NodeInput & { metadata?: { annotations?: Readonly<Record<string, string>> } }>(
    object.value,
    NODE,
    path,
    { fromYaml: document.format === 'yaml', hasBigInts: document.hasBigInts },
  );
  decoded.errors.forEach((e) => report(e.path, e.message));
  const value = decoded.value ?? {};
  const node = nodeFromInput(value, object, report);
  const labels = node.metadata.labels ?? {};
  const annotations = value.metadata?.annotations ?? {};
  const annotationPath = (key: string) => childPath(joinPath(path, 'metadata.annotations'), key);

  const instanceType = labels[INSTANCE_TYPE_LABEL] ?? '';
  const name = instanceType !== '' ? instanceType : node.metadata.name;
  const namePath =
    instanceType !== ''
      ? childPath(joinPath(path, 'metadata.labels'), INSTANCE_TYPE_LABEL)
      : joinPath(path, 'metadata.name');

  let hourlyPrice: string | null = null;
  const price = annotations[HOURLY_PRICE_ANNOTATION];
  if (price !== undefined) {
    if (isHourlyPrice(price)) hourlyPrice = price;
    else report(...invalid(annotationPath(HOURLY_PRICE_ANNOTATION), goQuote(price), PRICE_DETAIL));
  }
  let maxNodes: number | null = null;
  const limit = annotations[MAX_NODES_ANNOTATION];
  if (limit !== undefined) {
    const count = /^[0-9]+$/.test(limit) ? Number(limit) : NaN;
    if (Number.isSafeInteger(count) && count >= 1) maxNodes = count;
    else
      report(
        ...invalid(annotationPath(MAX_NODES_ANNOTATION), goQuote(limit), `${MAX_NODES_DETAIL}, an integer`),
      );
  }

  const { unschedulable: _cordoned, ...spec } = node.spec;
  return { template: { name, node: { ...node, spec }, hourlyPrice, maxNodes }, namePath };
}
