// Mirrors pkg/scheduler/framework/plugins/podtopologyspread/filtering.go (PreFilter, Filter, AddPod, RemovePod)
// and common.go (filterTopologySpreadConstraints, matchNodeInclusionPolicies, countPodsMatchSelector).
import { type Node, type ObjectMeta, type Pod, type Toleration, type TopologySpreadConstraint } from '../api/core-v1';
import { type Warning } from '../analysis/analysis-result';
import { SUCCESS, type Status, unresolvable, unschedulable } from '../framework/status';
import {
  type Labels,
  labelSelectorAsSelector,
  mergeLabelKeys,
  type Selector,
  selectorIsEmpty,
  selectorMatches,
} from './label-selector';
import { getRequiredNodeAffinity, matchRequiredNodeAffinity, type RequiredNodeAffinity } from './node-affinity';
import { doNotScheduleTaintsFilter, findMatchingUntoleratedTaint } from './taint-toleration';

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = ERR_REASON_CONSTRAINTS_NOT_MATCH + ' (missing required label)';

const CONSTRAINTS_NOT_MATCH: Status = Object.freeze(unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH));
const NODE_LABEL_NOT_MATCH: Status = Object.freeze(unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH));

export const DO_NOT_SCHEDULE = 'DoNotSchedule';
export const SCHEDULE_ANYWAY = 'ScheduleAnyway';
export const NODE_INCLUSION_POLICY_HONOR = 'Honor';
export const NODE_INCLUSION_POLICY_IGNORE = 'Ignore';

/** math.MaxInt32: the global minimum when no domain is eligible. */
const NO_DOMAIN_MIN = 2147483647;

/** One DoNotSchedule constraint (upstream's topologySpreadConstraint) with its counts from PreFilter. */
export interface SpreadConstraintState {
  readonly maxSkew: number;
  readonly topologyKey: string;
  /** labelSelector with matchLabelKeys merged in. */
  readonly selector: Selector;
  /** minDomains, 1 when unset. */
  readonly minDomains: number;
  /** Honor (default) or Ignore. */
  readonly nodeAffinityPolicy: string;
  /** Ignore (default) or Honor. */
  readonly nodeTaintsPolicy: string;
  /** TpValueToMatchNum: eligible domain (topology value) -> matching pods in the pod's namespace. */
  readonly matchNum: ReadonlyMap<string, number>;
  /** MinMatchNum: the fewest matching pods in any eligible domain (2147483647 when there is none). */
  readonly minMatchNum: number;
  /** The pod matches its own selector, so placing it adds one to the domain (selfMatchNum). */
  readonly selfMatch: boolean;
}

export interface PodTopologySpreadState {
  readonly warnings: readonly Warning[];
  /** Set when PreFilter fails (a selector does not parse; upstream's Error status): every node gets it. */
  readonly rejection: Status | null;
  readonly constraints: readonly SpreadConstraintState[];
}

interface MutableConstraint extends SpreadConstraintState {
  readonly matchNum: Map<string, number>;
  minMatchNum: number;
  /** DomainsAtCount: how many domains hold exactly k matching pods; keeps minMatchNum exact under AddPod. */
  readonly domainsAtCount: Map<number, number>;
}

interface StateImpl extends PodTopologySpreadState {
  readonly constraints: readonly MutableConstraint[];
  readonly pod: Pod;
  readonly nodes: readonly Node[];
  readonly nodeInclusion: NodeInclusion;
}

const EMPTY_LABELS: Labels = Object.freeze({});
const NO_PODS: readonly Pod[] = Object.freeze([]);

/**
 * PreFilter: for each DoNotSchedule constraint, counts the pods matching its selector in the pod's namespace
 * per topology domain, over the nodes that carry every constraint's topology key and pass the constraint's
 * node inclusion policies. null when the pod has no DoNotSchedule constraint and nothing to warn about.
 */
export function prefilterPodTopologySpread(
  pod: Pod,
  nodes: readonly Node[],
  podsByNode: readonly (readonly Pod[])[],
): PodTopologySpreadState | null {
  const warnings = scheduleAnywayWarnings(pod);
  const compiled = filterTopologySpreadConstraints(pod);
  if (typeof compiled === 'string') {
    const message = `obtaining pod's hard topology spread constraints: ${compiled}`;
    return { warnings, rejection: unresolvable(message), constraints: [] };
  }
  if (compiled.length === 0) return warnings.length === 0 ? null : { warnings, rejection: null, constraints: [] };

  const namespace = namespaceOf(pod);
  const nodeInclusion = new NodeInclusion(pod, compiled);
  for (let n = 0; n < nodes.length; n++) {
    const node = nodes[n]!;
    const labels = node.metadata.labels ?? EMPTY_LABELS;
    if (!nodeLabelsMatchSpreadConstraints(labels, compiled)) continue;
    const pods = podsByNode[n] ?? NO_PODS;
    for (const constraint of compiled) {
      if (!nodeInclusion.matches(constraint, node)) continue;
      const value = labels[constraint.topologyKey]!;
      const count = countPodsMatchSelector(pods, constraint.selector, namespace);
      constraint.matchNum.set(value, (constraint.matchNum.get(value) ?? 0) + count);
    }
  }
  for (const constraint of compiled) {
    let min = NO_DOMAIN_MIN;
    for (const count of constraint.matchNum.values()) {
      constraint.domainsAtCount.set(count, (constraint.domainsAtCount.get(count) ?? 0) + 1);
      if (count < min) min = count;
    }
    constraint.minMatchNum = min;
  }
  const state: StateImpl = { warnings, rejection: null, constraints: compiled, pod, nodes, nodeInclusion };
  return state;
}

/**
 * Filter: on every constraint the node must carry the topology key (else UnschedulableAndUnresolvable), and
 * 'pods matching in its domain' + 'the pod itself, if it matches' - 'global minimum' must not exceed maxSkew.
 */
export function filterPodTopologySpread(state: PodTopologySpreadState, nodeIndex: number): Status {
  const s = state as StateImpl;
  if (s.rejection !== null) return s.rejection;
  const constraints = s.constraints;
  if (constraints.length === 0) return SUCCESS;
  const labels = s.nodes[nodeIndex]!.metadata.labels ?? EMPTY_LABELS;
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i]!;
    const value = labels[c.topologyKey];
    if (typeof value !== 'string') return NODE_LABEL_NOT_MATCH;
    const skew = (c.matchNum.get(value) ?? 0) + (c.selfMatch ? 1 : 0) - minMatchNum(c);
    if (skew > c.maxSkew) return CONSTRAINTS_NOT_MATCH;
  }
  return SUCCESS;
}

/** AddPod: updates the state in place as if `addedPod` were bound to `nodes[nodeIndex]` (one more replica). */
export function addPodPodTopologySpread(state: PodTopologySpreadState, addedPod: Pod, nodeIndex: number): void {
  updateWithPod(state as StateImpl, addedPod, nodeIndex, 1);
}

/** RemovePod: updates the state in place as if `removedPod` left `nodes[nodeIndex]` (e.g. a preemption victim). */
export function removePodPodTopologySpread(state: PodTopologySpreadState, removedPod: Pod, nodeIndex: number): void {
  updateWithPod(state as StateImpl, removedPod, nodeIndex, -1);
}

// When fewer domains are eligible than minDomains, the global minimum is taken as 0.
// filtering.go, preFilterState.minMatchNum.
/** The global minimum Filter compares a domain's count with. */
export function minMatchNum(c: SpreadConstraintState): number {
  return c.matchNum.size < c.minDomains ? 0 : c.minMatchNum;
}

function updateWithPod(s: StateImpl, updated: Pod, nodeIndex: number, delta: number): void {
  if (s.rejection !== null || s.constraints.length === 0) return;
  if (namespaceOf(updated) !== namespaceOf(s.pod)) return;
  const node = s.nodes[nodeIndex]!;
  const labels = node.metadata.labels ?? EMPTY_LABELS;
  if (!nodeLabelsMatchSpreadConstraints(labels, s.constraints)) return;
  for (const c of s.constraints) {
    if (!selectorMatches(c.selector, updated.metadata.labels) || !s.nodeInclusion.matches(c, node)) continue;
    const value = labels[c.topologyKey]!;
    const old = c.matchNum.get(value);
    const current = (old ?? 0) + delta;
    c.matchNum.set(value, current);
    updateMin(c, old, current);
  }
}

// Keeps minMatchNum exact when one domain moves by one pod: every other domain already holds at least the old
// minimum, so the minimum either drops to the moved domain or, if that domain was the last at the minimum,
// rises with it. filtering.go, preFilterState.updateMin (DomainsAtCount); the two criticalPaths of older
// releases can go stale after several AddPods, which a capacity simulation makes one after another.
function updateMin(c: MutableConstraint, old: number | undefined, current: number): void {
  const histogram = c.domainsAtCount;
  if (old !== undefined) {
    const left = (histogram.get(old) ?? 0) - 1;
    if (left > 0) histogram.set(old, left);
    else histogram.delete(old);
  }
  histogram.set(current, (histogram.get(current) ?? 0) + 1);
  if (current < c.minMatchNum) c.minMatchNum = current;
  else if (old === c.minMatchNum && !histogram.has(old)) c.minMatchNum = current;
}

/**
 * filterTopologySpreadConstraints(DoNotSchedule): the selector compiled with the pod's matchLabelKeys merged
 * in, minDomains 1, nodeAffinityPolicy Honor and nodeTaintsPolicy Ignore when unset. An error string when a
 * selector is invalid.
 */
function filterTopologySpreadConstraints(pod: Pod): MutableConstraint[] | string {
  const constraints: MutableConstraint[] = [];
  for (const c of pod.spec.topologySpreadConstraints ?? []) {
    if (c.whenUnsatisfiable !== DO_NOT_SCHEDULE) continue;
    const labelSelector = mergeLabelKeys(c.labelSelector, pod.metadata.labels, c.matchLabelKeys, undefined);
    const compiled = labelSelectorAsSelector(labelSelector);
    if (compiled.error !== undefined) return compiled.error;
    constraints.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector: compiled.selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? NODE_INCLUSION_POLICY_HONOR,
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? NODE_INCLUSION_POLICY_IGNORE,
      matchNum: new Map(),
      minMatchNum: NO_DOMAIN_MIN,
      selfMatch: selectorMatches(compiled.selector, pod.metadata.labels),
      domainsAtCount: new Map(),
    });
  }
  return constraints;
}

function nodeLabelsMatchSpreadConstraints(labels: Labels, constraints: readonly SpreadConstraintState[]): boolean {
  for (const c of constraints) {
    if (typeof labels[c.topologyKey] !== 'string') return false;
  }
  return true;
}

// An empty selector ({} without matchLabelKeys that apply) counts no pod at all, though the pod itself still
// matches it. Terminating pods and pods of other namespaces never count. common.go, countPodsMatchSelector.
function countPodsMatchSelector(pods: readonly Pod[], selector: Selector, namespace: string): number {
  if (selectorIsEmpty(selector)) return 0;
  let count = 0;
  for (let i = 0; i < pods.length; i++) {
    const pod = pods[i]!;
    if (isTerminating(pod) || namespaceOf(pod) !== namespace) continue;
    if (selectorMatches(selector, pod.metadata.labels)) count++;
  }
  return count;
}

// core-v1.ts has no deletionTimestamp yet; a pod read from `kubectl get pods -o json` may carry one.
function isTerminating(pod: Pod): boolean {
  const deletionTimestamp = (pod.metadata as ObjectMeta & { readonly deletionTimestamp?: string | null }).deletionTimestamp;
  return deletionTimestamp !== undefined && deletionTimestamp !== null;
}

function namespaceOf(pod: Pod): string {
  return pod.metadata.namespace || 'default';
}

function scheduleAnywayWarnings(pod: Pod): Warning[] {
  const warnings: Warning[] = [];
  (pod.spec.topologySpreadConstraints ?? []).forEach((c: TopologySpreadConstraint, i) => {
    if (c.whenUnsatisfiable !== SCHEDULE_ANYWAY) return;
    warnings.push({
      code: 'score-not-modeled',
      path: `topologySpreadConstraints[${i}]`,
      message:
        `whenUnsatisfiable: ScheduleAnyway on ${JSON.stringify(c.topologyKey)} only ranks feasible nodes ` +
        '(PodTopologySpread score), which podfit does not compute yet; which nodes fit is unaffected',
    });
  });
  return warnings;
}

/**
 * matchNodeInclusionPolicies, with the verdicts for the last node seen kept for its other constraints:
 * nodeAffinityPolicy Honor counts only nodes matching the pod's nodeSelector and required node affinity;
 * nodeTaintsPolicy Honor counts only nodes with no untolerated NoSchedule/NoExecute taint.
 */
class NodeInclusion {
  private readonly affinity: RequiredNodeAffinity | null;
  private readonly tolerations: readonly Toleration[];
  private node: Node | null = null;
  private affinityVerdict: boolean | undefined;
  private taintsVerdict: boolean | undefined;

  constructor(pod: Pod, constraints: readonly SpreadConstraintState[]) {
    const honorsAffinity = constraints.some((c) => c.nodeAffinityPolicy === NODE_INCLUSION_POLICY_HONOR);
    const affinity = honorsAffinity ? getRequiredNodeAffinity(pod) : null;
    this.affinity = affinity === null || (affinity.nodeSelector === null && affinity.terms === null) ? null : affinity;
    this.tolerations = pod.spec.tolerations ?? [];
  }

  matches(constraint: SpreadConstraintState, node: Node): boolean {
    if (node !== this.node) {
      this.node = node;
      this.affinityVerdict = undefined;
      this.taintsVerdict = undefined;
    }
    if (constraint.nodeAffinityPolicy === NODE_INCLUSION_POLICY_HONOR && this.affinity !== null) {
      this.affinityVerdict ??= matchRequiredNodeAffinity(this.affinity, {
        name: node.metadata.name,
        labels: node.metadata.labels ?? EMPTY_LABELS,
      });
      if (!this.affinityVerdict) return false;
    }
    if (constraint.nodeTaintsPolicy === NODE_INCLUSION_POLICY_HONOR) {
      this.taintsVerdict ??=
        findMatchingUntoleratedTaint(node.spec.taints ?? [], this.tolerations, doNotScheduleTaintsFilter) === undefined;
      if (!this.taintsVerdict) return false;
    }
    return true;
  }
}
