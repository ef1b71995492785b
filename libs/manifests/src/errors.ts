// What the reader reports: a problem names its file, its document (0-based among non-empty documents, see
// README.md), a JSON path within the document and, for syntax errors, a line and column.

export interface ManifestProblem {
  readonly file: string;
  readonly document: number;
  /** JSON path within the document (`spec.template.spec.containers[1].resources.requests.cpu`); '' when none. */
  readonly path: string;
  /** 1-based, where the text itself is at fault (YAML or JSON syntax, encoding, nesting). */
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

export type ManifestErrorCode = 'malformed-input' | 'invalid-manifest';

/** One line: `deploy.yaml: document 3: spec.replicas: Invalid value: -1: …`, or `… document 2: line 7: …`. */
export function formatProblem(p: ManifestProblem): string {
  const where = p.path !== '' ? `${p.path}: ` : p.line !== undefined ? `line ${p.line}: ` : '';
  return `${p.file}: document ${p.document}: ${where}${p.message}`;
}

/** Thrown for input that cannot be read at all (`malformed-input`) or that holds invalid objects where every one
 *  must be valid, as node and pod inventories (`invalid-manifest`). The message is the first problem. */
export class ManifestError extends Error {
  constructor(
    readonly code: ManifestErrorCode,
    readonly problems: readonly ManifestProblem[],
  ) {
    super(problems.length > 0 ? formatProblem(problems[0]!) : code);
    this.name = 'ManifestError';
  }
}

/** A `malformed-input` error for one place in the text. */
export function malformedInput(
  file: string,
  document: number,
  message: string,
  position?: { readonly line: number; readonly column: number },
): ManifestError {
  const problem: ManifestProblem =
    position === undefined
      ? { file, document, path: '', message }
      : { file, document, path: '', line: position.line, column: position.column, message };
  return new ManifestError('malformed-input', [problem]);
}
