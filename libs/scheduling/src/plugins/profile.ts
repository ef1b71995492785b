// kube-scheduler's default profile: getDefaultPlugins in pkg/scheduler/apis/config/v1/default_plugins.go.
// Every plugin is enabled through MultiPoint, so each extension point runs its plugins in this order.
import { type FilterPluginName } from '../analysis/analysis-result';
import { type FilterPlugin, type ScorePlugin, type ScorePluginName } from '../framework/plugin';
import { balancedAllocation } from './balanced-allocation';
import { leastAllocated } from './least-allocated';
import { nodeAffinity } from './node-affinity';
import { nodeName } from './node-name';
import { nodePorts } from './node-ports';
import { nodeResourcesFit } from './node-resources-fit';
import { nodeUnschedulable } from './node-unschedulable';
import { taintToleration } from './taint-toleration';

/** One entry of the MultiPoint plugin set; a score plugin's weight defaults to 1. */
export interface ProfilePlugin {
  readonly name: string;
  readonly weight?: number;
}

/**
 * The default MultiPoint plugins in order. DynamicResources, GA, is enabled by applyFeatureGates just
 * before DefaultPreemption.
 */
export const DEFAULT_PROFILE_PLUGINS: readonly ProfilePlugin[] = Object.freeze([
  { name: 'SchedulingGates' },
  { name: 'PrioritySort' },
  { name: 'NodeUnschedulable' },
  { name: 'NodeName' },
  { name: 'TaintToleration', weight: 3 },
  { name: 'NodeAffinity', weight: 2 },
  { name: 'NodePorts' },
  { name: 'NodeResourcesFit', weight: 1 },
  { name: 'VolumeRestrictions' },
  { name: 'NodeVolumeLimits' },
  { name: 'VolumeBinding' },
  { name: 'VolumeZone' },
  { name: 'PodTopologySpread', weight: 2 },
  { name: 'InterPodAffinity', weight: 2 },
  { name: 'DynamicResources' },
  { name: 'DefaultPreemption' },
  { name: 'NodeResourcesBalancedAllocation', weight: 1 },
  { name: 'ImageLocality', weight: 1 },
  { name: 'DefaultBinder' },
]);

/** The Filter plugins podfit models. The volume and DRA filters need objects an inventory lacks. */
const MODELED_FILTERS: ReadonlySet<string> = new Set<FilterPluginName>([
  'NodeUnschedulable',
  'NodeName',
  'TaintToleration',
  'NodeAffinity',
  'NodePorts',
  'NodeResourcesFit',
  'PodTopologySpread',
  'InterPodAffinity',
]);

/** The modeled Filter plugins in the order RunFilterPlugins runs them; a node reports the first that fails. */
export const DEFAULT_FILTER_ORDER: readonly FilterPluginName[] = Object.freeze(
  DEFAULT_PROFILE_PLUGINS.map((plugin) => plugin.name).filter((name): name is FilterPluginName =>
    MODELED_FILTERS.has(name),
  ),
);

/** The Filter plugins that judge a node on its own (PodTopologySpread and InterPodAffinity need placements). */
export const NODE_FILTER_PLUGINS: Readonly<Partial<Record<FilterPluginName, FilterPlugin>>> = Object.freeze({
  NodeUnschedulable: nodeUnschedulable,
  NodeName: nodeName,
  TaintToleration: taintToleration,
  NodeAffinity: nodeAffinity,
  NodePorts: nodePorts,
  NodeResourcesFit: nodeResourcesFit,
});

/** A Score plugin with its weight in the profile. */
export interface WeightedScorePlugin {
  readonly plugin: ScorePlugin;
  readonly weight: number;
}

const SCORE_PLUGINS: Readonly<Record<ScorePluginName, ScorePlugin>> = {
  TaintToleration: taintToleration,
  NodeAffinity: nodeAffinity,
  NodeResourcesFit: leastAllocated,
  NodeResourcesBalancedAllocation: balancedAllocation,
};

function isModeledScore(name: string): name is ScorePluginName {
  return Object.hasOwn(SCORE_PLUGINS, name);
}

/**
 * The Score plugins podfit models, in profile order, with the profile's weights. PodTopologySpread and
 * InterPodAffinity (weight 2 each) and ImageLocality (1) also score upstream; podfit leaves them out.
 */
export const DEFAULT_SCORE_PLUGINS: readonly WeightedScorePlugin[] = Object.freeze(
  DEFAULT_PROFILE_PLUGINS.flatMap(({ name, weight }) =>
    isModeledScore(name) ? [{ plugin: SCORE_PLUGINS[name], weight: weight ?? 1 }] : [],
  ),
);
