// The public surface of the scheduling core. Apps and libs/manifests import only from here.
export * from './api/core-v1';
export * from './quantity/quantity';
export * from './framework/status';
export * from './analysis/analysis-result';
export * from './analysis/workload-input';
export { analyzeWorkloads, analyzeWorkload, type ClusterInput } from './analysis/analyze';
export { daemonPod, nodeShouldRunDaemonPod } from './analysis/daemon-set';
export { applyPodDefaults } from './pod/defaults';
export { podRequests, podLimits, type PodResourcesOptions } from './pod/resources';
export { computePodQOS, getPodQOS } from './pod/qos';
export { explainPodResources } from './pod/breakdown';
export { checkPodAnatomy, sharedVolumes, ANATOMY_WARNING_CODES } from './anatomy/pod-anatomy';
export { buildClusterState, type ClusterState } from './framework/cluster-state';
export { preparePod, type PreparedPod } from './framework/prepare-pod';
export { evaluateFit } from './framework/evaluate-fit';
export { fitErrorMessage } from './diagnosis/fit-error';
export {
  describeWorkloadChange,
  workloadFootprint,
  type QuantityChange,
  type WorkloadFootprint,
  type ValueChange,
  type WorkloadChangeDetails,
} from './analysis/workload-change';
export { fitsAsNeeded } from './analysis/fits-as-needed';
export {
  parseLabelSelector,
  LabelSelectorError,
  type LabelSelectorMatcher,
  type SelectorRequirement,
  type SelectionOperator,
} from './inventory/label-selector';
export {
  describeNodeAllocation,
  percentOf,
  type NodeAllocation,
  type ResourceAllocation,
} from './inventory/node-allocation';
export {
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  LABEL_KEY_RULE,
} from './framework/name-validation';
export {
  simulatePlacement,
  DEFAULT_REPLICA_CAP,
  type PlacementOptions,
  type PlacementResult,
  type WorkloadPlacement,
  type WorkloadToPlace,
} from './capacity/simulate-placement';
export {
  maxReplicas,
  placesAsNeeded,
  MAX_REPLICAS_API_VERSION,
  type MaxReplicasOptions,
  type MaxReplicasReport,
  type MaxReplicasWorkload,
} from './capacity/max-replicas';
export * from './capacity/capacity-reports';
export { capacityPlan, CAPACITY_PLAN_API_VERSION, type PlanOptions } from './capacity/plan';
export { headroom, HEADROOM_API_VERSION, type HeadroomOptions } from './capacity/headroom';
export { scaleOut } from './capacity/scale-out';
export { compareHourlyCosts, hourlyCost, isHourlyPrice } from './capacity/hourly-price';
