// Mirrors pkg/scheduler/framework/plugins/interpodaffinity/filtering.go (PreFilter, Filter, AddPod, RemovePod)
// with the AffinityTerm of pkg/scheduler/framework/types.go.
import { type Node, type Pod, type PodAffinityTerm, type WeightedPodAffinityTerm } from '../api/core-v1';
import { type Warning } from '../analysis/analysis-result';
import { SUCCESS, type Status, unresolvable, unschedulable } from '../framework/status';
import {
  aggregate,
  type Labels,
  labelSelectorAsSelector,
  mergeLabelKeys,
  NOTHING,
  type Selector,
  selectorMatches,
} from './label-selector';

export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";

const AFFINITY_RULES_NOT_MATCH: Status = Object.freeze(unresolvable(ERR_REASON_AFFINITY_RULES_NOT_MATCH));
const ANTI_AFFINITY_RULES_NOT_MATCH: Status = Object.freeze(unschedulable(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH));
const EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH: Status = Object.freeze(
  unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH),
);

/** The label the API server puts on every namespace, holding its name: the one namespace label podfit knows. */
export const LABEL_METADATA_NAME = 'kubernetes.io/metadata.name';

/** Topology key -> topology value -> count (upstream's topologyToMatchedTermCount); zero counts are absent. */
export type TopologyCounts = ReadonlyMap<string, ReadonlyMap<string, number>>;

export interface InterPodAffinityOptions {
  /**
   * Labels of the cluster's namespaces by name, when the inventory has them. Without them a
   * `namespaceSelector` is evaluated against `kubernetes.io/metadata.name` alone, and a warning says so.
   */
  readonly namespaceLabels?: ReadonlyMap<string, Labels>;
}

export interface InterPodAffinityState {
  readonly warnings: readonly Warning[];
  /** Set when PreFilter itself rejects the pod (its terms do not parse): every node gets this status. */
  readonly rejection: Status | null;
  /** Pairs where bound pods have required anti-affinity terms matching the pod (existingAntiAffinityCounts). */
  readonly existingAntiAffinityCounts: TopologyCounts;
  /** Pairs where bound pods match all of the pod's required affinity terms, once per term (affinityCounts). */
  readonly affinityCounts: TopologyCounts;
  /** Pairs where bound pods match one of the pod's required anti-affinity terms, once per term. */
  readonly antiAffinityCounts: TopologyCounts;
}

/** framework.AffinityTerm: a PodAffinityTerm with its selectors compiled and its namespaces resolved. */
interface AffinityTerm {
  readonly namespaces: ReadonlySet<string>;
  readonly selector: Selector;
  readonly topologyKey: string;
  readonly namespaceSelector: Selector;
  /** The namespaceSelector reads namespace labels other than kubernetes.io/metadata.name. */
  readonly namespaceSelectorNeedsLabels: boolean;
}

/** The parsed terms of one pod (framework.PodInfo), cached per pod object: bound pods are parsed once. */
interface PodAffinityInfo {
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly parseError: string | null;
}

interface StateImpl extends InterPodAffinityState {
  readonly existingAntiAffinityCounts: Map<string, Map<string, number>>;
  readonly affinityCounts: Map<string, Map<string, number>>;
  readonly antiAffinityCounts: Map<string, Map<string, number>>;
  readonly pod: Pod;
  readonly podInfo: PodAffinityInfo;
  readonly nodes: readonly Node[];
  readonly namespaces: NamespaceLabels;
  /** The pod matches all its own required affinity terms (the first pod of a self-affine group). */
  readonly matchesOwnAffinityTerms: boolean;
}

const EMPTY_LABELS: Labels = Object.freeze({});
const NO_TERMS: readonly AffinityTerm[] = Object.freeze([]);
const NO_SPEC_TERMS: readonly PodAffinityTerm[] = Object.freeze([]);
const NO_PODS: readonly Pod[] = Object.freeze([]);
const infoCache = new WeakMap<Pod, PodAffinityInfo>();

/**
 * PreFilter: counts, per topology pair, the bound pods that the pod's required (anti-)affinity terms select
 * and the bound pods whose required anti-affinity selects the pod. null when there is nothing to check
 * (upstream's Skip) and nothing to warn about. `podsByNode[i]` are the pods bound to `nodes[i]`.
 */
export function prefilterInterPodAffinity(
  pod: Pod,
  nodes: readonly Node[],
  podsByNode: readonly (readonly Pod[])[],
  options: InterPodAffinityOptions = {},
): InterPodAffinityState | null {
  const warnings: Warning[] = scoreWarnings(pod);
  const podInfo = podAffinityInfo(pod);
  const namespaces = new NamespaceLabels(options.namespaceLabels);
  const state: StateImpl = {
    warnings,
    rejection: podInfo.parseError === null ? null : unresolvable(`parsing pod: ${podInfo.parseError}`),
    existingAntiAffinityCounts: new Map(),
    affinityCounts: new Map(),
    antiAffinityCounts: new Map(),
    pod,
    podInfo,
    nodes,
    namespaces,
    matchesOwnAffinityTerms: podMatchesAllAffinityTerms(podInfo.requiredAffinityTerms, pod, namespaces),
  };
  if (state.rejection !== null) return state;

  const boundPodsGuessed = new Set<Pod>();
  const index = podsWithRequiredAntiAffinity(podsByNode);
  for (const n of index.nodes) {
    if (n >= nodes.length) continue;
    for (const existing of index.pods[n]!) {
      for (const term of podAffinityInfo(existing).requiredAntiAffinityTerms) {
        if (termMatches(term, pod, namespaces)) {
          updateCount(state.existingAntiAffinityCounts, nodes[n]!, term.topologyKey, 1);
        } else if (namespaces.isGuess(term, pod)) {
          boundPodsGuessed.add(existing);
        }
      }
    }
  }
  const hasOwnTerms = podInfo.requiredAffinityTerms.length > 0 || podInfo.requiredAntiAffinityTerms.length > 0;
  if (hasOwnTerms) {
    for (let n = 0; n < nodes.length; n++) {
      const node = nodes[n]!;
      const pods = podsByNode[n] ?? NO_PODS;
      for (let p = 0; p < pods.length; p++) {
        updateWithAffinityTerms(state.affinityCounts, podInfo.requiredAffinityTerms, pods[p]!, node, namespaces, 1);
        updateWithAntiAffinityTerms(state.antiAffinityCounts, podInfo.requiredAntiAffinityTerms, pods[p]!, node, namespaces, 1);
      }
    }
  }

  warnings.push(...namespaceSelectorWarnings(state, podsByNode, boundPodsGuessed));
  if (state.existingAntiAffinityCounts.size === 0 && !hasOwnTerms && warnings.length === 0) return null;
  return state;
}

/** Filter: the pod's required affinity, then its required anti-affinity, then bound pods' anti-affinity. */
export function filterInterPodAffinity(state: InterPodAffinityState, nodeIndex: number): Status {
  const s = state as StateImpl;
  if (s.rejection !== null) return s.rejection;
  const labels = s.nodes[nodeIndex]!.metadata.labels ?? EMPTY_LABELS;
  if (!satisfyPodAffinity(s, labels)) return AFFINITY_RULES_NOT_MATCH;
  if (!satisfyPodAntiAffinity(s, labels)) return ANTI_AFFINITY_RULES_NOT_MATCH;
  if (!satisfyExistingPodsAntiAffinity(s, labels)) return EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH;
  return SUCCESS;
}

/** AddPod: updates the state in place as if `addedPod` were bound to `nodes[nodeIndex]` (one more replica). */
export function addPodInterPodAffinity(state: InterPodAffinityState, addedPod: Pod, nodeIndex: number): void {
  updateWithPod(state as StateImpl, addedPod, nodeIndex, 1);
}

/** RemovePod: updates the state in place as if `removedPod` left `nodes[nodeIndex]` (e.g. a preemption victim). */
export function removePodInterPodAffinity(state: InterPodAffinityState, removedPod: Pod, nodeIndex: number): void {
  updateWithPod(state as StateImpl, removedPod, nodeIndex, -1);
}

function updateWithPod(s: StateImpl, updated: Pod, nodeIndex: number, multiplier: number): void {
  if (s.rejection !== null) return;
  const node = s.nodes[nodeIndex]!;
  if (hasRequiredAntiAffinity(updated)) {
    for (const term of podAffinityInfo(updated).requiredAntiAffinityTerms) {
      if (termMatches(term, s.pod, s.namespaces)) updateCount(s.existingAntiAffinityCounts, node, term.topologyKey, multiplier);
    }
  }
  updateWithAffinityTerms(s.affinityCounts, s.podInfo.requiredAffinityTerms, updated, node, s.namespaces, multiplier);
  updateWithAntiAffinityTerms(s.antiAffinityCounts, s.podInfo.requiredAntiAffinityTerms, updated, node, s.namespaces, multiplier);
}

// Checks if the node satisfies the incoming pod's affinity rules. Every term's topology label must be on the
// node. When no bound pod matches, the pod may be the first of a group with affinity to itself: it passes if
// no pod anywhere matches its terms and it matches them all itself. filtering.go, satisfyPodAffinity.
function satisfyPodAffinity(s: StateImpl, labels: Labels): boolean {
  let podsExist = true;
  for (const term of s.podInfo.requiredAffinityTerms) {
    const value = labels[term.topologyKey];
    if (typeof value !== 'string') return false;
    if (countOf(s.affinityCounts, term.topologyKey, value) <= 0) podsExist = false;
  }
  return podsExist || (s.affinityCounts.size === 0 && s.matchesOwnAffinityTerms);
}

function satisfyPodAntiAffinity(s: StateImpl, labels: Labels): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  for (const term of s.podInfo.requiredAntiAffinityTerms) {
    const value = labels[term.topologyKey];
    if (typeof value === 'string' && countOf(s.antiAffinityCounts, term.topologyKey, value) > 0) return false;
  }
  return true;
}

// Upstream walks the node's labels and looks each pair up; walking the few counted topology keys and reading
// the node's label for each gives the same answer.
function satisfyExistingPodsAntiAffinity(s: StateImpl, labels: Labels): boolean {
  for (const [key, values] of s.existingAntiAffinityCounts) {
    const value = labels[key];
    if (typeof value === 'string' && (values.get(value) ?? 0) > 0) return false;
  }
  return true;
}

function countOf(counts: TopologyCounts, key: string, value: string): number {
  return counts.get(key)?.get(value) ?? 0;
}

function updateCount(counts: Map<string, Map<string, number>>, node: Node, key: string, delta: number): void {
  const value = node.metadata.labels?.[key];
  if (typeof value !== 'string') return;
  let values = counts.get(key);
  if (values === undefined) {
    values = new Map();
    counts.set(key, values);
  }
  const count = (values.get(value) ?? 0) + delta;
  if (count !== 0) {
    values.set(value, count);
    return;
  }
  values.delete(value);
  if (values.size === 0) counts.delete(key);
}

// A bound pod counts for the affinity terms only when it matches all of them, and then once per term.
function updateWithAffinityTerms(
  counts: Map<string, Map<string, number>>,
  terms: readonly AffinityTerm[],
  target: Pod,
  node: Node,
  namespaces: NamespaceLabels,
  delta: number,
): void {
  if (!podMatchesAllAffinityTerms(terms, target, namespaces)) return;
  for (const term of terms) updateCount(counts, node, term.topologyKey, delta);
}

function updateWithAntiAffinityTerms(
  counts: Map<string, Map<string, number>>,
  terms: readonly AffinityTerm[],
  target: Pod,
  node: Node,
  namespaces: NamespaceLabels,
  delta: number,
): void {
  for (const term of terms) {
    if (termMatches(term, target, namespaces)) updateCount(counts, node, term.topologyKey, delta);
  }
}

function podMatchesAllAffinityTerms(terms: readonly AffinityTerm[], pod: Pod, namespaces: NamespaceLabels): boolean {
  if (terms.length === 0) return false;
  for (const term of terms) {
    if (!termMatches(term, pod, namespaces)) return false;
  }
  return true;
}

// AffinityTerm.Matches. Upstream resolves the incoming pod's namespaceSelector into namespace names by listing
// the cluster's namespaces; since every bound pod's namespace exists, testing that namespace's labels against
// the selector gives the same answer. An empty namespaceSelector ({}) selects every namespace.
function termMatches(term: AffinityTerm, pod: Pod, namespaces: NamespaceLabels): boolean {
  const namespace = namespaceOf(pod);
  if (
    term.namespaces.has(namespace) ||
    (!term.namespaceSelector.matchesNothing && selectorMatches(term.namespaceSelector, namespaces.labelsOf(namespace)))
  ) {
    return selectorMatches(term.selector, pod.metadata.labels);
  }
  return false;
}

/** NodeInfo.PodsWithRequiredAntiAffinity for every node, memoized per `podsByNode` (see below). */
interface AntiAffinityIndex {
  readonly lists: (readonly Pod[])[];
  readonly lengths: number[];
  /** Per node, its pods with required anti-affinity; empty for most nodes. */
  readonly pods: (readonly Pod[])[];
  /** The nodes that have any. */
  nodes: number[];
  /** `podsByNode` and every list in it are frozen (a ClusterState's are), so the index never goes stale. */
  frozen: boolean;
}

const antiAffinityIndexes = new WeakMap<readonly (readonly Pod[])[], AntiAffinityIndex>();

// Most pods have no required anti-affinity, and the same bound pods are checked for every workload, so the
// ones that do are indexed once per `podsByNode`, as kube-scheduler's NodeInfo keeps them apart. A node's
// entry is rebuilt when its array is replaced or grows; pods replaced in place would go unnoticed. Frozen
// lists cannot change, so they are indexed once and not checked again.
function podsWithRequiredAntiAffinity(podsByNode: readonly (readonly Pod[])[]): AntiAffinityIndex {
  let index = antiAffinityIndexes.get(podsByNode);
  if (index?.frozen === true) return index;
  if (index === undefined) {
    index = { lists: [], lengths: [], pods: [], nodes: [], frozen: false };
    antiAffinityIndexes.set(podsByNode, index);
  }
  let changed = index.lists.length !== podsByNode.length;
  for (let n = 0; n < podsByNode.length; n++) {
    const pods = podsByNode[n] ?? NO_PODS;
    if (index.lists[n] === pods && index.lengths[n] === pods.length) continue;
    const found = pods.filter(hasRequiredAntiAffinity);
    changed ||= found.length > 0 || (index.pods[n]?.length ?? 0) > 0;
    index.lists[n] = pods;
    index.lengths[n] = pods.length;
    index.pods[n] = found.length > 0 ? found : NO_PODS;
  }
  if (changed) {
    index.lists.length = index.lengths.length = index.pods.length = podsByNode.length;
    index.nodes = [];
    for (let n = 0; n < podsByNode.length; n++) if (index.pods[n]!.length > 0) index.nodes.push(n);
  }
  index.frozen = Object.isFrozen(podsByNode) && podsByNode.every((pods) => pods === undefined || Object.isFrozen(pods));
  return index;
}

function hasRequiredAntiAffinity(pod: Pod): boolean {
  return (pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0;
}

function isNil(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

function namespaceOf(pod: Pod): string {
  return pod.metadata.namespace || 'default';
}

/** framework.NewPodInfo's term parsing: the API server's matchLabelKeys merge, then the selectors compiled. */
function podAffinityInfo(pod: Pod): PodAffinityInfo {
  const cached = infoCache.get(pod);
  if (cached !== undefined) return cached;
  const podAffinity = pod.spec.affinity?.podAffinity;
  const podAntiAffinity = pod.spec.affinity?.podAntiAffinity;
  const errors: string[] = [];
  const parse = (name: string, terms: readonly PodAffinityTerm[] | undefined): readonly AffinityTerm[] => {
    const parsed = getAffinityTerms(pod, terms ?? NO_SPEC_TERMS);
    if (typeof parsed !== 'string') return parsed;
    errors.push(`${name}: ${parsed}`);
    return NO_TERMS;
  };
  const weighted = (terms: readonly WeightedPodAffinityTerm[] | undefined): PodAffinityTerm[] =>
    (terms ?? []).map((t) => t.podAffinityTerm);
  const requiredAffinityTerms = parse('requiredAffinityTerms', podAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
  const requiredAntiAffinityTerms = parse(
    'requiredAntiAffinityTerms',
    podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
  );
  parse('preferredAffinityTerms', weighted(podAffinity?.preferredDuringSchedulingIgnoredDuringExecution));
  parse('preferredAntiAffinityTerms', weighted(podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution));
  const info: PodAffinityInfo = { requiredAffinityTerms, requiredAntiAffinityTerms, parseError: aggregate(errors) };
  infoCache.set(pod, info);
  return info;
}

/** GetAffinityTerms: the terms compiled, or the first term's error. */
function getAffinityTerms(pod: Pod, terms: readonly PodAffinityTerm[]): readonly AffinityTerm[] | string {
  if (terms.length === 0) return NO_TERMS;
  const result: AffinityTerm[] = [];
  for (const term of terms) {
    const labelSelector = mergeLabelKeys(term.labelSelector, pod.metadata.labels, term.matchLabelKeys, term.mismatchLabelKeys);
    const selector = labelSelectorAsSelector(labelSelector);
    if (selector.error !== undefined) return selector.error;
    const namespaceSelector = isNil(term.namespaceSelector) ? { selector: NOTHING } : labelSelectorAsSelector(term.namespaceSelector);
    if (namespaceSelector.error !== undefined) return namespaceSelector.error;
    result.push({
      namespaces: getNamespacesFromPodAffinityTerm(pod, term),
      selector: selector.selector,
      topologyKey: term.topologyKey,
      namespaceSelector: namespaceSelector.selector,
      namespaceSelectorNeedsLabels: namespaceSelector.selector.requirements.some((r) => r.key !== LABEL_METADATA_NAME),
    });
  }
  return result;
}

// With neither namespaces nor a namespaceSelector a term means the pod's own namespace.
// pkg/scheduler/framework/types.go, getNamespacesFromPodAffinityTerm.
function getNamespacesFromPodAffinityTerm(pod: Pod, term: PodAffinityTerm): ReadonlySet<string> {
  if ((term.namespaces?.length ?? 0) === 0 && isNil(term.namespaceSelector)) return new Set([namespaceOf(pod)]);
  return new Set(term.namespaces ?? []);
}

/** Namespace labels as the scheduler's namespace lister would give them, and whether podfit had to guess. */
class NamespaceLabels {
  private readonly cache = new Map<string, Labels>();

  constructor(private readonly known: ReadonlyMap<string, Labels> | undefined) {}

  labelsOf(namespace: string): Labels {
    let labels = this.cache.get(namespace);
    if (labels === undefined) {
      labels = { ...this.known?.get(namespace), [LABEL_METADATA_NAME]: namespace };
      this.cache.set(namespace, labels);
    }
    return labels;
  }

  /** Whether the term's answer for `pod` rested on namespace labels podfit does not have. */
  isGuess(term: AffinityTerm, pod: Pod): boolean {
    const namespace = namespaceOf(pod);
    return (
      term.namespaceSelectorNeedsLabels &&
      !term.namespaces.has(namespace) &&
      this.known?.has(namespace) !== true &&
      selectorMatches(term.selector, pod.metadata.labels)
    );
  }
}

function namespaceSelectorWarnings(
  s: StateImpl,
  podsByNode: readonly (readonly Pod[])[],
  boundPodsGuessed: ReadonlySet<Pod>,
): Warning[] {
  const warnings: Warning[] = [];
  const lists = [
    ['podAffinity', s.pod.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution, s.podInfo.requiredAffinityTerms],
    ['podAntiAffinity', s.pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution, s.podInfo.requiredAntiAffinityTerms],
  ] as const;
  for (const [field, specTerms, terms] of lists) {
    terms.forEach((term, i) => {
      if (!term.namespaceSelectorNeedsLabels) return;
      const guessed = new Set<string>();
      if (s.namespaces.isGuess(term, s.pod)) guessed.add(namespaceOf(s.pod));
      for (const pods of podsByNode) {
        for (const pod of pods) if (s.namespaces.isGuess(term, pod)) guessed.add(namespaceOf(pod));
      }
      if (guessed.size === 0) return;
      const names = [...guessed].sort().map((n) => JSON.stringify(n)).join(', ');
      warnings.push({
        code: 'constraint-not-evaluated',
        path: `affinity.${field}.requiredDuringSchedulingIgnoredDuringExecution[${i}].namespaceSelector`,
        message:
          `namespaceSelector ${JSON.stringify(specTerms?.[i]?.namespaceSelector)} selects namespaces by labels podfit ` +
          `does not have (it knows only ${LABEL_METADATA_NAME}); namespace(s) ${names} were taken as not selected`,
      });
    });
  }
  if (boundPodsGuessed.size > 0) {
    warnings.push({
      code: 'constraint-not-evaluated',
      path: '',
      message:
        `${boundPodsGuessed.size} bound pod(s) have a required pod anti-affinity term whose namespaceSelector ` +
        `needs the labels of namespace ${JSON.stringify(namespaceOf(s.pod))}, which podfit does not have; ` +
        'they were taken as not selecting this pod',
    });
  }
  return warnings;
}

function scoreWarnings(pod: Pod): Warning[] {
  const warnings: Warning[] = [];
  const fields = [
    ['podAffinity', pod.spec.affinity?.podAffinity],
    ['podAntiAffinity', pod.spec.affinity?.podAntiAffinity],
  ] as const;
  for (const [field, affinity] of fields) {
    if ((affinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) === 0) continue;
    warnings.push({
      code: 'score-not-modeled',
      path: `affinity.${field}.preferredDuringSchedulingIgnoredDuringExecution`,
      message: `preferred ${field} terms only rank feasible nodes (InterPodAffinity score), which podfit does not compute yet; which nodes fit is unaffected`,
    });
  }
  return warnings;
}
