// The Scale-out report: how many nodes of each template to add so that every workload of a plan fits, and at
// what cost. cluster-autoscaler's binpacking estimator answers the same question with its own bin packing;
// podfit answers it with the scheduler simulation itself, so the count is the one kube-scheduler's placement
// would need (spreading, DaemonSets on the new nodes, anti-affinity and all).
import {
  type Node,
  type Pod,
  RESOURCE_CPU,
  RESOURCE_EPHEMERAL_STORAGE,
  RESOURCE_MEMORY,
  RESOURCE_PODS,
} from '../api/core-v1';
import { type WorkloadInput } from '../analysis/workload-input';
import {
  type ClusterState,
  type NodeState,
  boundPodCharge,
  buildClusterState,
} from '../framework/cluster-state';
import { evaluateFit } from '../framework/evaluate-fit';
import { preparePod } from '../framework/prepare-pod';
import { applyPodDefaults } from '../pod/defaults';
import { labelSelectorAsSelector, selectorMatches } from '../plugins/label-selector';
import { NODE_FILTER_PLUGINS } from '../plugins/profile';
import { withAddedNodes } from './added-nodes';
import {
  type NodeTemplate,
  type PlanReport,
  type ScaleOutOption,
  type ScaleOutReport,
} from './capacity-reports';
import { compareHourlyCosts, hourlyCost } from './hourly-price';
import {
  type PlannedWorkload,
  planReport,
  plannedWorkloads,
  simulatePlan,
  workloadFits as fits,
} from './plan';
import {
  DEFAULT_REPLICA_CAP,
  type PlacementOptions,
  type PlacementResult,
  type WorkloadToPlace,
  isDaemonSet,
  placementOrder,
  simulatePlacement,
} from './simulate-placement';

export const SCALE_OUT_API_VERSION = 'podfit.dev/v1';

const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/**
 * The fewest nodes of each template to add so every workload of the plan fits (`capacityPlan`'s `fits`), and
 * their cost. Nodes of template `t` are copies of `t.node` named `<t.name>-<n>` (n from 1, names the inventory
 * uses skipped), labelled `kubernetes.io/hostname: <name>`, with no pods bound; DaemonSets take their pods
 * there first, as they would. Each template is tried alone.
 *
 * Per template, the count is searched with the simulation: `fits(k)` places the whole plan on the inventory
 * plus k nodes of the template. The search starts from an estimate: the replicas the plan as is leaves out,
 * over how many of each an added node takes after its DaemonSet pods (its room per request; 1 for a pod with
 * required anti-affinity to its own kind on `kubernetes.io/hostname`). While a count fails it climbs by the
 * estimate of what that count left out (from the third climb on, by at least twice the last step) until the
 * plan fits or the limit (`maxNodes`, else the plan's replica count) fails; then it tries one fewer than the
 * count that fitted, and bisects down to the last count that failed. It never tries a count that lacks room
 * in some resource (the demand beyond the inventory's free room, over what a new node offers). It returns
 * null, in kube-scheduler's words, when a workload's pod cannot run even on an empty node of the template
 * (a taint, node affinity, a pod bigger than the node), when a DaemonSet pod does not fit on an inventory node
 * (no added node changes that), or when the limit does not fit.
 *
 * This assumes fitting is monotone in k: a plan that fits with k nodes fits with k + 1. It holds for resource
 * fit, taints, node affinity and hostname anti-affinity; it may fail where more nodes change where earlier
 * replicas go in a way that hurts later ones: LeastAllocated spreading the first workload over the new nodes
 * can fragment the room a later, larger pod needed, and PodTopologySpread with `minDomains` or zone
 * constraints changes its skew as domains gain nodes. The count found is then the least one the bisection
 * met; it always fits, and one fewer does not.
 *
 * The limit without `maxNodes` is the plan's replica count: with that many added nodes, every replica whose
 * pod fits an empty node of the template finds one still empty of the plan's replicas when its turn comes, so
 * more nodes cannot help it; that argument needs filters that judge a node by itself, and holds for hostname
 * anti-affinity. A workload whose pod cannot run on the template's node is taken as not helped by adding such
 * nodes, though they could, in principle, draw other replicas off the inventory and make room for it.
 *
 * Cost: `inventory` (`buildClusterState` of the inventory, left unchanged, so a cached one serves) is shared,
 * and each `fits(k)` joins k empty nodes to it (O(N + k)), then simulates (O(k + R log N) for node-local pods).
 * Simulations: one for the plan as is, per template typically two (the estimate fits, one fewer does not),
 * O(log limit) at worst: 3 in all for 20,000 replicas left out on 5,000 nodes. The report's plan is the
 * placement the search made with the recommended count (or the plan as is), not simulated again: besides the
 * one under way, the search keeps at most three placements (the current template's fewest nodes that fitted, and
 * the two options the recommendation can still be), whatever the number of templates. The progress callback
 * (`onPlacement`) sees the plan as is, the first simulation, only.
 */
export function scaleOut(
  workloads: readonly WorkloadInput[],
  inventory: ClusterState,
  templates: readonly NodeTemplate[],
  options: PlacementOptions = {},
): ScaleOutReport {
  const planned = plannedWorkloads(workloads);
  const search = new ScaleOutSearch(inventory, planned, options);
  const planAsIs = () => planReport(planned, inventory, search.asIs);
  if (search.fitsAsIs) {
    const none = templates.map((template) => option(template, 0, null));
    return report(true, none, templates[0]?.name ?? null, planAsIs());
  }

  const blocked = search.blockedForEveryTemplate();
  const recommendation = new Recommendation();
  const scaleOptions = templates.map((template) => {
    const found: Found =
      blocked !== null ? { count: null, reason: blocked, placement: null } : search.fewestNodes(template);
    const scaleOption = option(template, found.count, found.reason);
    recommendation.offer(scaleOption, found.placement);
    return scaleOption;
  });
  const best = recommendation.best;
  if (best === null) return report(false, scaleOptions, null, planAsIs());
  const { added, cluster, result } = best.placement;
  const name = best.option.template;
  const templateByNode = new Map(added.map((node) => [node.metadata.name, name]));
  return report(false, scaleOptions, name, planReport(planned, cluster, result, templateByNode));
}

function report(
  fitsAsIs: boolean,
  options: ScaleOutOption[],
  recommended: string | null,
  plan: PlanReport,
): ScaleOutReport {
  return { apiVersion: SCALE_OUT_API_VERSION, kind: 'ScaleOut', fitsAsIs, options, recommended, plan };
}

function option(template: NodeTemplate, nodesToAdd: number | null, reason: string | null): ScaleOutOption {
  const price = template.hourlyPrice;
  return {
    template: template.name,
    nodesToAdd,
    hourlyPrice: price,
    hourlyCost: price === null || nodesToAdd === null ? null : hourlyCost(price, nodesToAdd),
    reason,
  };
}

/**
 * The option to recommend, among the options with a count: the cheapest when each has a price, else the fewest
 * nodes; ties to the first. Which rule applies is known only once every option is in, so the best by each rule
 * is kept as options come, with its placement: two placements at most, whatever the number of templates.
 */
class Recommendation {
  private cheapest: Candidate | null = null;
  private fewest: Candidate | null = null;
  private allPriced = true;

  offer(option: ScaleOutOption, placement: FittingPlacement | null): void {
    if (option.nodesToAdd === null || placement === null) return;
    const candidate = { option, placement };
    if (option.hourlyCost === null) {
      this.allPriced = false;
      this.cheapest = null;
    } else if (
      this.allPriced &&
      (this.cheapest === null || compareHourlyCosts(option.hourlyCost, this.cheapest.option.hourlyCost!) < 0)
    ) {
      this.cheapest = candidate;
    }
    if (this.fewest === null || option.nodesToAdd < this.fewest.option.nodesToAdd!) this.fewest = candidate;
  }

  get best(): Candidate | null {
    return this.allPriced ? this.cheapest : this.fewest;
  }
}

interface Candidate {
  readonly option: ScaleOutOption;
  readonly placement: FittingPlacement;
}

function qualified(workload: { readonly namespace: string; readonly name: string }): string {
  return `${workload.namespace}/${workload.name}`;
}

/** Amounts per resource in the scheduler's units (cpu in millicores), `pods` counting pods. */
type Amounts = Map<string, number>;

/** What is left on a node for more pods, per resource in `names`; never below 0 (an overcommitted node has none). */
function freeOn(node: NodeState, names: Iterable<string>): Amounts {
  const { index, columns } = node;
  const free: Amounts = new Map();
  for (const name of names) {
    let amount: number;
    switch (name) {
      case RESOURCE_CPU:
        amount = columns.freeMilliCPU[index]!;
        break;
      case RESOURCE_MEMORY:
        amount = columns.freeMemory[index]!;
        break;
      case RESOURCE_EPHEMERAL_STORAGE:
        amount = columns.freeEphemeralStorage[index]!;
        break;
      case RESOURCE_PODS:
        amount = columns.freePods[index]!;
        break;
      default:
        amount = (node.allocatable.scalar?.get(name) ?? 0) - (node.requested.scalar?.get(name) ?? 0);
    }
    free.set(name, Math.max(0, amount));
  }
  return free;
}

/** One pod's requests as a bound pod charges its node, plus one pod. */
function podAmounts(workload: WorkloadToPlace): Amounts {
  const { requested } = boundPodCharge(applyPodDefaults(workload.pod));
  const amounts: Amounts = new Map([
    [RESOURCE_CPU, requested.milliCPU],
    [RESOURCE_MEMORY, requested.memory],
    [RESOURCE_EPHEMERAL_STORAGE, requested.ephemeralStorage],
    [RESOURCE_PODS, 1],
  ]);
  for (const [name, amount] of requested.scalar ?? []) amounts.set(name, amount);
  return amounts;
}

/**
 * How many replicas of the workload one added node takes after its DaemonSet pods: what its room allows, and
 * 1 under required anti-affinity against its own pods over `kubernetes.io/hostname` (0 when none fits).
 */
function replicasPerNode(workload: WorkloadToPlace, amounts: Amounts, free: Amounts): number {
  if (amounts.size === 0) return 0;
  let count = Infinity;
  for (const [name, amount] of amounts) {
    if (amount > 0) count = Math.min(count, Math.floor((free.get(name) ?? 0) / amount));
  }
  if (count >= 1 && repelsItselfPerNode(workload.pod)) return 1;
  return Number.isFinite(count) ? count : 0;
}

function repelsItselfPerNode(pod: Pod): boolean {
  const terms = pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  return terms.some((term) => {
    if (term.topologyKey !== HOSTNAME_LABEL) return false;
    const { selector } = labelSelectorAsSelector(term.labelSelector);
    return selector !== undefined && selectorMatches(selector, pod.metadata.labels);
  });
}

/** A count of added nodes that fits: the nodes, the inventory with them, and the plan placed there. */
interface FittingPlacement {
  readonly added: readonly Node[];
  readonly cluster: ClusterState;
  readonly result: PlacementResult;
}

interface Found {
  readonly count: number | null;
  readonly reason: string | null;
  /** How the plan was placed with `count` nodes; null without a count. */
  readonly placement: FittingPlacement | null;
}

/** The plan as is, and the searches for each template's count, sharing the inventory's cluster state. */
class ScaleOutSearch {
  readonly asIs: PlacementResult;
  readonly fitsAsIs: boolean;
  private readonly workloads: readonly WorkloadToPlace[];
  private readonly replicaCap: number;
  /** Placement order, as the simulation places them: DaemonSets first, then the others in input order. */
  private readonly order: number[];
  /** Per resource, the requests of the replicas the plan as is leaves unplaced. */
  private readonly unplaced: Amounts = new Map();
  /** Per resource, the inventory's free room after the plan as is (summed over nodes, none below 0). */
  private readonly inventoryFree: Amounts = new Map();
  /** Per workload, what one replica requests (empty for a DaemonSet). */
  private readonly amounts: readonly Amounts[];
  /** Every resource some replica requests. */
  private readonly requested = new Set<string>();

  constructor(
    private readonly inventory: ClusterState,
    planned: readonly PlannedWorkload[],
    options: PlacementOptions,
  ) {
    const workloads = planned.map((p) => p.toPlace);
    this.workloads = workloads;
    this.replicaCap = options.replicaCap ?? DEFAULT_REPLICA_CAP;
    this.asIs = simulatePlan(planned, inventory, { ...options, replicaCap: this.replicaCap });
    this.fitsAsIs = this.asIs.workloads.every(fits);
    this.amounts = workloads.map((workload) => (isDaemonSet(workload) ? new Map() : podAmounts(workload)));
    for (const amounts of this.amounts) for (const name of amounts.keys()) this.requested.add(name);
    this.order = placementOrder(workloads);
    if (this.fitsAsIs) return;
    workloads.forEach((workload, w) => {
      const placement = this.asIs.workloads[w]!;
      if (isDaemonSet(workload) || fits(placement)) return;
      const missing = (placement.wanted ?? 0) - placement.placed;
      for (const [name, amount] of this.amounts[w]!) {
        this.unplaced.set(name, (this.unplaced.get(name) ?? 0) + missing * amount);
      }
    });
    for (const node of this.asIs.after.nodeStates) {
      for (const [name, amount] of freeOn(node, this.unplaced.keys())) {
        this.inventoryFree.set(name, (this.inventoryFree.get(name) ?? 0) + amount);
      }
    }
  }

  private simulate(cluster: ClusterState): PlacementResult {
    return simulatePlacement(cluster, this.workloads, { replicaCap: this.replicaCap });
  }

  /**
   * Why no template can make the plan fit, or null: a DaemonSet pod that does not fit on an inventory node
   * (DaemonSet pods are placed first, each on its own node, so added nodes cannot change that), or a workload
   * that wants more replicas than the replica cap lets the simulation place.
   */
  blockedForEveryTemplate(): string | null {
    for (const w of this.order) {
      const workload = this.workloads[w]!;
      const placement = this.asIs.workloads[w]!;
      if (isDaemonSet(workload) && !fits(placement)) {
        return `${qualified(workload)}: its pod does not fit on an inventory node, which adding nodes cannot change: ${placement.stopMessage}`;
      }
      if (!isDaemonSet(workload) && (workload.replicas ?? 0) > this.replicaCap) {
        return `${qualified(workload)}: wants ${workload.replicas} replicas, more than the replica cap of ${this.replicaCap}`;
      }
    }
    return null;
  }

  /** `count` nodes of the template, named `<name>-<n>` from n = 1, skipping the inventory's node names. */
  addedNodes(template: NodeTemplate, count: number): Node[] {
    const nodes: Node[] = [];
    const taken = this.inventory.nodeIndexByName;
    for (let n = 1; nodes.length < count; n++) {
      const name = `${template.name}-${n}`;
      if (taken.has(name)) continue;
      const { node } = template;
      nodes.push({
        ...node,
        metadata: { ...node.metadata, name, labels: { ...node.metadata.labels, [HOSTNAME_LABEL]: name } },
      });
    }
    return nodes;
  }

  /** The fewest nodes of the template that make the plan fit, or null and why none does up to the limit. */
  fewestNodes(template: NodeTemplate): Found {
    const empty = this.emptyNode(template);
    if (empty.reason !== null) return { count: null, reason: empty.reason, placement: null };

    // A count below `lower` lacks room in some resource: the demand beyond the inventory's free room needs
    // that many nodes' worth of what an added node offers.
    let lower = 1;
    for (const [name, demand] of this.unplaced) {
      const offered = empty.free.get(name) ?? 0;
      if (demand <= 0 || offered <= 0) continue;
      lower = Math.max(lower, Math.ceil(Math.max(0, demand - (this.inventoryFree.get(name) ?? 0)) / offered));
    }
    const limit = template.maxNodes ?? this.replicaCount();
    // The nodes the replicas a placement left out would take, each workload packing added nodes of its own.
    const perNode = this.workloads.map((workload, w) =>
      replicasPerNode(workload, this.amounts[w]!, empty.free),
    );
    const shortfall = (result: PlacementResult) => {
      let nodes = 0;
      result.workloads.forEach((placement, w) => {
        if (!isDaemonSet(this.workloads[w]!) && !fits(placement) && perNode[w]! > 0) {
          nodes += ((placement.wanted ?? 0) - placement.placed) / perNode[w]!;
        }
      });
      return Math.max(1, Math.ceil(nodes));
    };

    const failures = new Map<number, string | null>();
    // The placement of the fewest nodes that fitted so far: the report's plan if this template is recommended.
    let fitting = null as FittingPlacement | null;
    const attempt = (k: number) => {
      const added = this.addedNodes(template, k);
      const cluster = withAddedNodes(this.inventory, added);
      const result = this.simulate(cluster);
      const failure = this.firstFailure(result);
      failures.set(k, failure);
      if (failure === null && (fitting === null || k < fitting.added.length))
        fitting = { added, cluster, result };
      return { failure, result };
    };
    const fitsWith = (k: number) => (failures.has(k) ? failures.get(k)! : attempt(k).failure) === null;

    // Climb from the estimate by the shortfall of each count that failed; after two such steps, each step at
    // least doubles the last, so that a poor estimate costs O(log limit) simulations.
    let lo = Math.min(lower, limit) - 1; // fails (0: the plan as is)
    let k = Math.min(Math.max(shortfall(this.asIs), lo + 1), limit);
    let step = 0;
    for (let climbs = 0; ; climbs++) {
      const { failure, result } = attempt(k);
      if (failure === null) break;
      lo = k;
      if (k >= limit) return { count: null, reason: failure, placement: null };
      step = climbs < 2 ? shortfall(result) : Math.max(shortfall(result), 2 * step);
      k = Math.min(limit, k + step);
    }
    // k fits. An estimate is most often exact, so one fewer is tried before bisecting.
    let hi = k;
    if (hi - 1 > lo) {
      if (fitsWith(hi - 1)) hi--;
      else lo = hi - 1;
    }
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (fitsWith(mid)) hi = mid;
      else lo = mid;
    }
    return { count: hi, reason: null, placement: fitting };
  }

  /** Replicas the plan wants, DaemonSets aside: the search's limit for a template without `maxNodes`. */
  private replicaCount(): number {
    return this.workloads.reduce((sum, w) => sum + (isDaemonSet(w) ? 0 : (w.replicas ?? 0)), 0);
  }

  /**
   * One empty node of the template with the plan's DaemonSet pods on it: what it offers the other workloads,
   * or why a workload the plan as is leaves unplaced cannot run there. Only the filters that judge a node by
   * itself decide it; pod (anti-)affinity and topology spread depend on the other nodes and placements.
   */
  private emptyNode(template: NodeTemplate): { free: Amounts; reason: string | null } {
    const [node] = this.addedNodes(template, 1);
    const daemonSets = this.workloads.filter(isDaemonSet);
    const result = simulatePlacement(buildClusterState([node!], []), daemonSets, {
      replicaCap: this.replicaCap,
    });
    const onEmpty = (message: string) => `an empty ${template.name} node does not fit its pod: ${message}`;
    const daemon = result.workloads.findIndex((placement) => !fits(placement));
    if (daemon >= 0) {
      const reason = onEmpty(result.workloads[daemon]!.stopMessage!);
      return { free: new Map(), reason: `${qualified(daemonSets[daemon]!)}: ${reason}` };
    }
    for (const w of this.order) {
      const workload = this.workloads[w]!;
      if (isDaemonSet(workload) || fits(this.asIs.workloads[w]!)) continue;
      const { fit } = evaluateFit(preparePod(applyPodDefaults(workload.pod)), result.after);
      const verdict = fit.nodes[0]!;
      if (!verdict.fits && verdict.plugin !== null && verdict.plugin in NODE_FILTER_PLUGINS) {
        return { free: new Map(), reason: `${qualified(workload)}: ${onEmpty(fit.message!)}` };
      }
    }
    return { free: freeOn(result.after.nodeStates[0]!, this.requested), reason: null };
  }

  /** Null when every workload fits in `result`; else the first that does not (in placement order), and why. */
  private firstFailure(result: PlacementResult): string | null {
    for (const w of this.order) {
      const placement = result.workloads[w]!;
      if (fits(placement)) continue;
      const why =
        placement.stopMessage ??
        `placed ${placement.placed} of ${placement.wanted ?? 0} replicas before the replica cap of ${this.replicaCap}`;
      return `${qualified(this.workloads[w]!)}: ${why}`;
    }
    return null;
  }
}
