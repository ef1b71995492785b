// The server takes a manifest whole or not at all: every problem of every invalid workload is one 422
// (analyses and capacity reports alike), where the CLI reports them and goes on with the valid ones.
import {
  inInputOrder,
  ManifestError,
  readWorkloads,
  type FieldValidation,
  type ManifestProblem,
  type SourceText,
} from '@podfit/manifests';
import { type WorkloadInput } from '@podfit/scheduling';
import { AppError } from '../errors/error-codes';

/**
 * The workloads of `sources`; a 422 listing every problem in input order when any is invalid, and a 400
 * `no objects passed to <command>` when they hold no object at all (kinds podfit skips are objects).
 */
export function readValidWorkloads(
  sources: readonly SourceText[],
  fieldValidation: FieldValidation,
  command: string,
): WorkloadInput[] {
  const { workloads, problems, skipped } = readWorkloads(sources, { fieldValidation });
  const all: ManifestProblem[] = [...problems];
  for (const workload of workloads) {
    for (const error of workload.errors) {
      all.push({
        file: workload.source,
        document: workload.document,
        path: error.path,
        message: error.message,
      });
    }
  }
  if (all.length > 0) {
    throw new ManifestError(
      'invalid-manifest',
      inInputOrder(
        all,
        sources.map((source) => source.name),
      ),
    );
  }
  if (workloads.length === 0 && skipped.length === 0) {
    throw new AppError('malformed-input', `no objects passed to ${command}`, [
      { path: 'manifest', message: 'no objects' },
    ]);
  }
  return workloads;
}
