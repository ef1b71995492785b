// What goes to stderr, one line each, in kubectl's words: `Warning: …` for findings that leave a workload
// valid, `error: …` for what the API server would reject. Lines follow the input: by source, then document.
import { formatProblem, listItemIndex, type ManifestProblem } from '@podfit/manifests';
import { type AnalysisResult, type Warning } from '@podfit/scheduling';
import { type ErrorBody } from '../client/api-types';

/** `Warning: web.yaml: document 0: spec.template.spec.containers[0]: … (missing-memory-limit)` */
export function warningLine(file: string, document: number, warning: Warning): string {
  return `Warning: ${formatProblem({ file, document, path: warning.path, message: warning.message })} (${warning.code})`;
}

/** `error: web.yaml: document 2: spec.template.spec.containers[1].resources.requests.cpu: …` */
export function errorLine(problem: ManifestProblem): string {
  return `error: ${formatProblem(problem)}`;
}

/**
 * The stderr lines of a podfit server's error. The manifest reader's errors (`isManifestError`) read as
 * offline: one `error: …` line per problem located in a file and document, else `error: <message>`. Any
 * other error reads as kubectl prints an API server's:
 * `Error from server (inventory-not-found): inventory "prod" not found`.
 */
export function serverErrorLines(body: ErrorBody, isManifestError: boolean): string[] {
  if (!isManifestError) return [`Error from server (${body.code}): ${body.message}`];
  const located = body.details.flatMap(({ file, document, path, line, column, message }) =>
    file === undefined || document === undefined
      ? []
      : [errorLine({ file, document, path: path ?? '', line, column, message })],
  );
  return located.length > 0 && located.length === body.details.length ? located : [`error: ${body.message}`];
}

/**
 * The stderr lines of one analysis: document-level problems and each workload's warnings and errors,
 * ordered by source (in the order given), then document, then item of a List.
 */
export function diagnosticLines(
  result: AnalysisResult,
  problems: readonly ManifestProblem[],
  sourceNames: readonly string[],
): string[] {
  const sourceIndex = new Map(sourceNames.map((name, index) => [name, index] as const));
  const entries: { source: number; document: number; item: number; line: string }[] = [];
  const add = (file: string, document: number, path: string, line: string) =>
    entries.push({
      source: sourceIndex.get(file) ?? sourceNames.length,
      document,
      item: listItemIndex(path),
      line,
    });

  for (const problem of problems) add(problem.file, problem.document, problem.path, errorLine(problem));
  for (const workload of result.workloads) {
    const { source, document } = workload;
    for (const warning of workload.warnings)
      add(source, document, warning.path, warningLine(source, document, warning));
    for (const error of workload.errors ?? []) {
      add(
        source,
        document,
        error.path,
        errorLine({ file: source, document, path: error.path, message: error.message }),
      );
    }
  }
  // Array.prototype.sort is stable: lines of one document (or List item) keep the order they were found in.
  entries.sort((a, b) => a.source - b.source || a.document - b.document || a.item - b.item);
  return entries.map((entry) => entry.line);
}
