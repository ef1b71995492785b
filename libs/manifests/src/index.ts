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
export { readBoundPods } from './bound-pods';
export { inInputOrder, listItemIndex } from './json-path';
