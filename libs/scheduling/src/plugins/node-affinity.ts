// Mirrors pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go, with the matching of
// k8s.io/component-helpers scheduling/corev1/nodeaffinity/nodeaffinity.go and the selector parsing of
// k8s.io/apimachinery pkg/labels/selector.go (NewRequirement, Requirement.Matches) and pkg/fields.
import {
  type Node,
  type NodeSelector,
  type NodeSelectorRequirement,
  type NodeSelectorTerm,
  type Pod,
  type PreferredSchedulingTerm,
} from '../api/core-v1';
import { type NodeState, labelColumn } from '../framework/cluster-state';
import { isQualifiedName, isValidLabelValue } from '../framework/name-validation';
import { type FilterPlugin, type ScorePlugin } from '../framework/plugin';
import { SUCCESS, type Status, constantStatus } from '../framework/status';
import { defaultNormalizeScore } from './normalize-score';

/** `ErrReasonPod`: the node fails the pod's nodeSelector or required node affinity. */
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
/** `errReasonEnforced`: the node fails the profile's addedAffinity (podfit models the default profile: none). */
export const ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity";
/** `errReasonConflict`: every required term pins `metadata.name` and no name is left (PreFilter). */
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

/** `metav1.ObjectNameField`: the only field a node selector can match. */
export const OBJECT_NAME_FIELD = 'metadata.name';

const DOES_NOT_MATCH = constantStatus('UnschedulableAndUnresolvable', ERR_REASON_POD);

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const DECIMAL_INTEGER = /^[+-]?[0-9]+$/;

/** `strconv.ParseInt(s, 10, 64)`, or undefined when Go would return an error. */
function parseInt64(value: string): bigint | undefined {
  if (!DECIMAL_INTEGER.test(value)) return undefined;
  const parsed = BigInt(value);
  return parsed < INT64_MIN || parsed > INT64_MAX ? undefined : parsed;
}

/** A parsed `labels.Requirement`. */
interface LabelRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  readonly values: ReadonlySet<string>;
  /** The bound of Gt/Lt. */
  readonly bound: bigint;
}

/** A parsed field requirement: `metadata.name` (or another field, which a node never has) equal or not. */
interface FieldRequirement {
  readonly key: string;
  readonly equal: boolean;
  readonly value: string;
}

/** A parsed `NodeSelectorTerm`; a term that failed to parse matches nothing. */
export interface ParsedTerm {
  readonly labels: readonly LabelRequirement[] | null;
  readonly fields: readonly FieldRequirement[] | null;
  readonly parseError: string | null;
}

// `labels.NewRequirement`: the key must be a qualified name; In/NotIn need values, Exists/DoesNotExist
// none, Gt/Lt exactly one integer; every value must be a valid label value.
function newRequirement(expr: NodeSelectorRequirement): LabelRequirement | string {
  const values = expr.values ?? [];
  if (!isQualifiedName(expr.key)) return `key: Invalid value: "${expr.key}"`;
  let bound = 0n;
  switch (expr.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) return "values: for 'in', 'notin' operators, values set can't be empty";
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length !== 0) return 'values: values set must be empty for exists and does not exist';
      break;
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1) return "values: for 'Gt', 'Lt' operators, exactly one value is required";
      const parsed = parseInt64(values[0]!);
      if (parsed === undefined) return "values[0]: for 'Gt', 'Lt' operators, the value must be an integer";
      bound = parsed;
      break;
    }
    default:
      return `"${expr.operator}" is not a valid node selector operator`;
  }
  for (const value of values) if (!isValidLabelValue(value)) return `values: Invalid value: "${value}"`;
  return { key: expr.key, operator: expr.operator, values: new Set(values), bound };
}

// `nodeSelectorRequirementsAsFieldSelector`: only In and NotIn, each with exactly one value.
function newFieldRequirement(expr: NodeSelectorRequirement): FieldRequirement | string {
  const values = expr.values ?? [];
  if (expr.operator !== 'In' && expr.operator !== 'NotIn') {
    return `"${expr.operator}" is not a valid node field selector operator`;
  }
  if (values.length !== 1) {
    return `unexpected number of value (${values.length}) for node field selector operator "${expr.operator}"`;
  }
  return { key: expr.key, equal: expr.operator === 'In', value: values[0]! };
}

function isEmptyTerm(term: NodeSelectorTerm): boolean {
  return (term.matchExpressions ?? []).length === 0 && (term.matchFields ?? []).length === 0;
}

// `newNodeSelectorTerm`: the first requirement that fails to parse makes the whole term fail.
function parseTerm(term: NodeSelectorTerm): ParsedTerm {
  let labels: LabelRequirement[] | null = null;
  let fields: FieldRequirement[] | null = null;
  for (const expr of term.matchExpressions ?? []) {
    const parsed = newRequirement(expr);
    if (typeof parsed === 'string') return { labels: null, fields: null, parseError: parsed };
    (labels ??= []).push(parsed);
  }
  for (const expr of term.matchFields ?? []) {
    const parsed = newFieldRequirement(expr);
    if (typeof parsed === 'string') return { labels: null, fields: null, parseError: parsed };
    (fields ??= []).push(parsed);
  }
  return { labels, fields, parseError: null };
}

// `Requirement.Matches`.
function requirementMatches(req: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  switch (req.operator) {
    case 'In':
      return has && req.values.has(labels[req.key]!);
    case 'NotIn':
      return !has || !req.values.has(labels[req.key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has) return false;
      const value = parseInt64(labels[req.key]!);
      if (value === undefined) return false;
      return req.operator === 'Gt' ? value > req.bound : value < req.bound;
    }
  }
}

/** The node as selectors see it: its labels, and `metadata.name` as its only field. */
export interface NodeView {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

// `nodeSelectorTerm.match`; a node without a name has no fields, and then matchFields is not checked.
function termMatches(term: ParsedTerm, node: NodeView): boolean {
  if (term.parseError !== null) return false;
  if (term.labels !== null) {
    for (const req of term.labels) if (!requirementMatches(req, node.labels)) return false;
  }
  if (term.fields !== null && node.name !== '') {
    for (const req of term.fields) {
      const fieldValue = req.key === OBJECT_NAME_FIELD ? node.name : '';
      if ((fieldValue === req.value) !== req.equal) return false;
    }
  }
  return true;
}

/** `LazyErrorNodeSelector`: terms ORed; nil or empty terms are dropped and so match nothing. */
function newLazyErrorNodeSelector(selector: NodeSelector): ParsedTerm[] {
  const terms: ParsedTerm[] = [];
  for (const term of selector.nodeSelectorTerms ?? []) if (!isEmptyTerm(term)) terms.push(parseTerm(term));
  return terms;
}

/** `RequiredNodeAffinity`: the pod's nodeSelector AND its required node affinity terms. */
export interface RequiredNodeAffinity {
  /** `labels.SelectorFromSet(nodeSelector)`: every pair must be a node label; null when there is none. */
  readonly nodeSelector: readonly (readonly [string, string])[] | null;
  /** The required terms; null when the pod has no required node affinity. */
  readonly terms: readonly ParsedTerm[] | null;
}

/** `GetRequiredNodeAffinity`. */
export function getRequiredNodeAffinity(pod: Pod): RequiredNodeAffinity {
  const selector = pod.spec.nodeSelector;
  const entries = selector === undefined ? [] : Object.entries(selector);
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return {
    nodeSelector: entries.length > 0 ? entries : null,
    terms: required === undefined || required === null ? null : newLazyErrorNodeSelector(required),
  };
}

/** `RequiredNodeAffinity.Match`, parse errors ignored as the Filter does. */
export function matchRequiredNodeAffinity(affinity: RequiredNodeAffinity, node: NodeView): boolean {
  const selector = affinity.nodeSelector;
  if (selector !== null) {
    const labels = node.labels;
    for (let s = 0; s < selector.length; s++) {
      const key = selector[s]![0];
      if (labels[key] !== selector[s]![1] || !Object.prototype.hasOwnProperty.call(labels, key)) return false;
    }
  }
  const terms = affinity.terms;
  if (terms === null) return true;
  for (let t = 0; t < terms.length; t++) if (termMatches(terms[t]!, node)) return true;
  return false;
}

/** Whether the node satisfies the pod's nodeSelector and required node affinity (DaemonSet controller too). */
export function nodeMatchesNodeSelectorAndAffinity(pod: Pod, node: Node): boolean {
  return matchRequiredNodeAffinity(getRequiredNodeAffinity(pod), {
    name: node.metadata.name,
    labels: node.metadata.labels ?? {},
  });
}

/** NodeAffinity's PreFilter result. */
export interface NodeAffinityPreFilter {
  /** What the Filter checks; null when the pod has neither nodeSelector nor required affinity (Skip). */
  readonly required: RequiredNodeAffinity | null;
  /**
   * `PreFilterResult.NodeNames`: when every required term pins `metadata.name` with In, only those nodes
   * are filtered at all; null means every node.
   */
  readonly nodeNames: ReadonlySet<string> | null;
  /** The PreFilter rejects the pod outright: the pinned names of the terms do not overlap. */
  readonly status: Status | null;
}

function intersect(names: ReadonlySet<string> | null, values: readonly string[]): Set<string> {
  const result = new Set<string>();
  for (const value of values) if (names === null || names.has(value)) result.add(value);
  return result;
}

const NO_AFFINITY: NodeAffinityPreFilter = Object.freeze({ required: null, nodeNames: null, status: null });

/** `NodeAffinity.PreFilter`. */
export function prefilterNodeAffinity(pod: Pod): NodeAffinityPreFilter {
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const hasRequired = required !== undefined && required !== null;
  if (!hasRequired && pod.spec.nodeSelector === undefined) return NO_AFFINITY;
  const affinity = getRequiredNodeAffinity(pod);
  const terms = required?.nodeSelectorTerms ?? [];
  if (!hasRequired || terms.length === 0) return { required: affinity, nodeNames: null, status: null };

  // Terms are ORed, the requirements within a term ANDed: union over terms of the intersection of the
  // `metadata.name In` values; one term without such a requirement lets every node through.
  let nodeNames: Set<string> | null = null;
  for (const term of terms) {
    let termNames: Set<string> | null = null;
    for (const req of term.matchFields ?? []) {
      if (req.key !== OBJECT_NAME_FIELD || req.operator !== 'In') continue;
      termNames = intersect(termNames, req.values ?? []);
    }
    if (termNames === null) return { required: affinity, nodeNames: null, status: null };
    nodeNames ??= new Set();
    for (const name of termNames) nodeNames.add(name);
  }
  if (nodeNames !== null && nodeNames.size === 0) {
    return { required: affinity, nodeNames: null, status: constantStatus('UnschedulableAndUnresolvable', ERR_REASON_CONFLICT) };
  }
  return { required: affinity, nodeNames, status: null };
}

/** A parsed `PreferredSchedulingTerm`. */
export interface WeightedTerm {
  readonly term: ParsedTerm;
  readonly weight: number;
}

/** `NewPreferredSchedulingTerms`: zero-weight and empty terms are dropped; a term that fails to parse is an error. */
export function parsePreferredSchedulingTerms(
  terms: readonly PreferredSchedulingTerm[],
): { terms: readonly WeightedTerm[]; error: string | null } {
  const parsed: WeightedTerm[] = [];
  const errors: string[] = [];
  terms.forEach((preferred, i) => {
    if (preferred.weight === 0 || isEmptyTerm(preferred.preference)) return;
    const term = parseTerm(preferred.preference);
    if (term.parseError !== null) errors.push(`[${i}].${term.parseError}`);
    else parsed.push({ term, weight: preferred.weight });
  });
  return errors.length > 0 ? { terms: [], error: errors.join(', ') } : { terms: parsed, error: null };
}

/** `PreferredSchedulingTerms.Score`: the sum of the weights of the terms the node matches. */
export function scorePreferredSchedulingTerms(terms: readonly WeightedTerm[], node: NodeView): number {
  let score = 0;
  for (const { term, weight } of terms) if (termMatches(term, node)) score += weight;
  return score;
}

export const nodeAffinity = {
  name: 'NodeAffinity',
  filter(pod, node) {
    const required = pod.nodeAffinity.required;
    if (required === null) return SUCCESS;
    return matchRequiredNodeAffinity(required, node) ? SUCCESS : DOES_NOT_MATCH;
  },
  // The nodeSelector's pairs are compared on label columns, one id per node and pair (an id of -2 matches
  // no node: no node has that value); the required terms, when there are any, are matched node by node.
  filterNodes(pod, cluster, candidates, count, reject) {
    const required = pod.nodeAffinity.required;
    if (required === null) return count;
    const pairs = (required.nodeSelector ?? []).map(([key, value]) => {
      const column = labelColumn(cluster, key);
      return { valueIds: column.valueIds, id: column.idByValue.get(value) ?? -2 };
    });
    const terms: RequiredNodeAffinity | null = required.terms === null ? null : { nodeSelector: null, terms: required.terms };
    let kept = 0;
    for (let k = 0; k < count; k++) {
      const i = candidates[k]!;
      let matches = true;
      for (let p = 0; p < pairs.length && matches; p++) matches = pairs[p]!.valueIds[i] === pairs[p]!.id;
      if (matches && terms !== null) matches = matchRequiredNodeAffinity(terms, cluster.nodeStates[i]!);
      if (matches) candidates[kept++] = i;
      else reject(i, DOES_NOT_MATCH);
    }
    return kept;
  },
  preScore(pod): readonly WeightedTerm[] | null {
    return pod.preferredNodeAffinity;
  },
  score(terms, node: NodeState) {
    return scorePreferredSchedulingTerms(terms, node);
  },
  scoreNodes(terms, cluster, nodes, scores) {
    for (let k = 0; k < nodes.length; k++) scores[k] = scorePreferredSchedulingTerms(terms, cluster.nodeStates[nodes[k]!]!);
  },
  normalize(scores) {
    defaultNormalizeScore(false, scores);
  },
} satisfies FilterPlugin & ScorePlugin<readonly WeightedTerm[]>;
