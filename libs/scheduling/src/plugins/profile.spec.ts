// The default profile as TestApplyFeatureGates (pkg/scheduler/apis/config/v1/default_plugins_test.go)
// expects it, in the newest release's list (the in-tree EBS/GCE PD/Azure Disk limit plugins are gone;
// see also TestSchedulerDefaults in defaults_test.go), and the order and weights podfit derives from it.
import { DEFAULT_FILTER_ORDER, DEFAULT_PROFILE_PLUGINS, DEFAULT_SCORE_PLUGINS, NODE_FILTER_PLUGINS } from './profile';

describe('default profile', () => {
  it('Feature gate DynamicResourceAllocation enabled', () => {
    expect(DEFAULT_PROFILE_PLUGINS).toEqual([
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
  });

  it('runs the modeled filters in MultiPoint order', () => {
    expect(DEFAULT_FILTER_ORDER).toEqual([
      'NodeUnschedulable',
      'NodeName',
      'TaintToleration',
      'NodeAffinity',
      'NodePorts',
      'NodeResourcesFit',
      'PodTopologySpread',
      'InterPodAffinity',
    ]);
    for (const [name, plugin] of Object.entries(NODE_FILTER_PLUGINS)) expect(plugin.name).toBe(name);
  });

  it('weighs the modeled scores as the profile does', () => {
    expect(DEFAULT_SCORE_PLUGINS.map(({ plugin, weight }) => [plugin.name, weight])).toEqual([
      ['TaintToleration', 3],
      ['NodeAffinity', 2],
      ['NodeResourcesFit', 1],
      ['NodeResourcesBalancedAllocation', 1],
    ]);
  });
});
