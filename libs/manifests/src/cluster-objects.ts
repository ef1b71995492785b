// What `kubectl get nodes|pods -o json|yaml` prints: Lists (or single documents) of one v1 kind, read whole.
import { type StructType } from './api-schema';
import { decodeObject } from './decode';
import { parseDocuments, type SourceText } from './documents';
import { ManifestError, type ManifestProblem } from './errors';
import { eachObject, type ManifestObject } from './objects';

/** Reports a problem at a path of the object being read. */
export type Report = (path: string, message: string) => void;

/**
 * Every `kind` (apiVersion v1) object of `sources` that `include` keeps, decoded against `struct` and turned
 * into a `T` by `build`, which may report more problems. An inventory must be valid whole: ManifestError
 * `invalid-manifest` lists every problem, `malformed-input` is thrown for text that cannot be read.
 */
export function readClusterObjects<Input, T>(
  sources: readonly SourceText[],
  kind: string,
  struct: StructType,
  build: (decoded: Input, object: ManifestObject, report: Report) => T,
  include: (object: ManifestObject) => boolean = () => true,
): T[] {
  const results: T[] = [];
  const problems: ManifestProblem[] = [];
  for (const source of sources) {
    for (const document of parseDocuments(source)) {
      const report: Report = (path, message) =>
        problems.push({ file: document.file, document: document.index, path, message });
      eachObject(
        document,
        (object) => {
          if (object.kind !== kind || object.apiVersion !== 'v1') {
            return report(
              object.path,
              `expected a ${kind} (apiVersion v1), not ${object.kind} ${object.apiVersion}`,
            );
          }
          if (!include(object)) return;
          const decoded = decodeObject<Input>(object.value, struct, object.path, {
            fromYaml: document.format === 'yaml',
            hasBigInts: document.hasBigInts,
          });
          decoded.errors.forEach((e) => report(e.path, e.message));
          const before = problems.length;
          const result = build(decoded.value ?? ({} as Input), object, report);
          if (decoded.errors.length === 0 && problems.length === before) results.push(result);
        },
        (problem) => problems.push(problem),
        { lines: false },
      );
    }
  }
  if (problems.length > 0) throw new ManifestError('invalid-manifest', problems);
  return results;
}
