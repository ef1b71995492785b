// The public surface of the scheduling core. Apps and libs/manifests import only from here.
export * from './api/core-v1';
export * from './quantity/quantity';
export * from './framework/status';
export * from './analysis/analysis-result';
export * from './analysis/workload-input';
