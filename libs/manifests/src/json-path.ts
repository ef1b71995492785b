// JSON paths for problems and warnings, written as Kubernetes' field.Path writes them
// (k8s.io/apimachinery/pkg/util/validation/field/path.go) except that a map key that reads as an
// identifier is written `.key`: `spec.containers[0].resources.requests.cpu`, but
// `resources.requests[nvidia.com/gpu]` and `metadata.labels[app.kubernetes.io/name]`.

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Field names repeat across objects: remember which keys read as identifiers (bounded). */
const identifiers = new Map<string, boolean>();

function isIdentifier(key: string): boolean {
  let known = identifiers.get(key);
  if (known === undefined) {
    if (identifiers.size >= 10_000) identifiers.clear();
    known = IDENTIFIER.test(key);
    identifiers.set(key, known);
  }
  return known;
}

/** The path of `key` (a field name or a map key) under `parent`; `parent` '' is the document root. */
export function childPath(parent: string, key: string): string {
  if (isIdentifier(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${key}]`;
}

/** The path of item `index` of the list at `parent`. */
export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** `parent` followed by a relative path such as `spec.template.spec` (either may be ''). */
export function joinPath(parent: string, relative: string): string {
  if (parent === '') return relative;
  if (relative === '') return parent;
  return relative.startsWith('[') ? `${parent}${relative}` : `${parent}.${relative}`;
}

/** The List item a path is in (`items[3].spec…` is in item 3); -1 for a path of the document itself. */
export function listItemIndex(path: string): number {
  const match = /^items\[(\d+)\]/.exec(path);
  return match === null ? -1 : Number(match[1]);
}

/**
 * Problems in the order the reader meets them in the input: by file (as `files` lists them), document, then
 * List item; problems of one document or item keep their order. The CLI prints them in this order, and the
 * server lists them so.
 */
export function inInputOrder<
  T extends { readonly file: string; readonly document: number; readonly path: string },
>(problems: readonly T[], files: readonly string[]): T[] {
  const fileIndex = new Map(files.map((name, index) => [name, index] as const));
  const rank = (problem: T) => fileIndex.get(problem.file) ?? files.length;
  return [...problems].sort(
    (a, b) => rank(a) - rank(b) || a.document - b.document || listItemIndex(a.path) - listItemIndex(b.path),
  );
}
