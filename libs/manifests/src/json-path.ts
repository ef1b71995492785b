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
