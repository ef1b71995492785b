// The Kubernetes objects in a document: the document itself, or the items of a List (kubectl's
// FlattenListVisitor), each with the kind and apiVersion that identify it.
import { type ParsedDocument } from './documents';
import { type ManifestProblem } from './errors';
import { goJson } from './go-format';
import { childPath, indexPath } from './json-path';
import { isRawObject, jsonKind, type RawObject } from './raw-value';

export interface ManifestObject {
  readonly document: ParsedDocument;
  readonly value: RawObject;
  /** The object as parsed, when `value` had to take its kind from its List. */
  readonly parsed: RawObject;
  /** Where the object sits in its document: '' or `items[3]`. */
  readonly path: string;
  /** 1-based line where the object starts (the List's own line when `lines` was false). */
  readonly line: number;
  readonly kind: string;
  readonly apiVersion: string;
}

/** How much of an object a message may quote (it may be a Secret). */
const QUOTED_LENGTH = 60;

// k8s.io/apimachinery/pkg/runtime/error.go missingKindErr, missingVersionErr: quoted as Go's json.Marshal
// writes the object, cut to QUOTED_LENGTH characters.
function missing(field: 'Kind' | 'apiVersion', object: RawObject): string {
  return `Object '${field}' is missing in '${goJson(object, QUOTED_LENGTH)}'`;
}

/**
 * Calls `visit` for each object of `document` in order, flattening Lists; an object without a kind or an
 * apiVersion, or a List item that is not an object, is reported to `problem` instead. Items of a typed list
 * (`PodList`) without kind and apiVersion take the list's, as the API server leaves them out there.
 */
export function eachObject(
  document: ParsedDocument,
  visit: (object: ManifestObject) => void,
  problem: (problem: ManifestProblem) => void,
  { lines = true }: { readonly lines?: boolean } = {},
): void {
  const report = (path: string, message: string) =>
    problem({ file: document.file, document: document.index, path, message });
  const walk = (
    value: RawObject,
    parsed: RawObject,
    path: string,
    line: number,
    itemLines: () => readonly number[],
  ) => {
    const kind = value['kind'];
    const apiVersion = value['apiVersion'];
    if (typeof kind !== 'string' || kind === '') return report(path, missing('Kind', value));
    if (typeof apiVersion !== 'string' || apiVersion === '') {
      return report(path, missing('apiVersion', value));
    }
    const items = value['items'];
    if (kind.endsWith('List') && Array.isArray(items)) {
      const itemLineList = lines ? itemLines() : [];
      const itemKind = kind === 'List' ? '' : kind.slice(0, -'List'.length);
      items.forEach((item, i) => {
        const itemPath = indexPath(childPath(path, 'items'), i);
        if (!isRawObject(item)) {
          return report(
            itemPath,
            `cannot unmarshal ${jsonKind(item)} into Go value of type map[string]interface {}`,
          );
        }
        const typed =
          itemKind !== '' && item['kind'] === undefined && item['apiVersion'] === undefined
            ? { ...item, kind: itemKind, apiVersion }
            : item;
        walk(typed, item, itemPath, itemLineList[i] ?? line, () => []);
      });
      return;
    }
    visit({ document, value, parsed, path, line, kind, apiVersion });
  };
  walk(document.value, document.value, '', document.line, () => document.itemLines());
}
