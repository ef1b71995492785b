// The public surface of the manifest reader.
export { type SourceText } from './documents';
export { formatProblem, ManifestError, type ManifestErrorCode, type ManifestProblem } from './errors';
export {
  readWorkloads,
  type FieldValidation,
  type ReadOptions,
  type SkippedDocument,
  type WorkloadReadResult,
} from './workloads';
export { readNodes } from './nodes';
export {
  readNodeTemplates,
  type NodeTemplateReadOptions,
  HOURLY_PRICE_ANNOTATION,
  INSTANCE_TYPE_LABEL,
  MAX_NODES_ANNOTATION,
  NODE_TEMPLATE_API_VERSION,
} from './node-templates';
export { readBoundPods } from './bound-pods';
export { referencePodOfRequests, type RequestProblem } from './reference-pod';
export { inInputOrder, listItemIndex } from './json-path';
