// Test helper: compare resource lists by value, as the Go tests do with equality.Semantic.
import { type ResourceList } from '../../api/core-v1';
import { Quantity } from '../../quantity/quantity';

/**
 * Each resource of `actual` against `expected` (quantity strings): `'='` where the values are equal,
 * otherwise `actual != expected`. A missing key shows as `(missing)`, an extra one as `(unexpected)`.
 * Assert with `toEqual(sameResources(expected))`.
 */
export function compareResources(
  actual: ResourceList,
  expected: Readonly<Record<string, string>>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name in expected) {
    const got = actual[name];
    if (got === undefined) result[name] = `(missing) != ${expected[name]}`;
    else result[name] = got.cmp(Quantity.parse(expected[name])) === 0 ? '=' : `${got.toString()} != ${expected[name]}`;
  }
  for (const name in actual) {
    if (!(name in expected)) result[name] = `(unexpected) ${actual[name].toString()}`;
  }
  return result;
}

/** What `compareResources` returns when the lists agree. */
export function sameResources(expected: Readonly<Record<string, string>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name in expected) result[name] = '=';
  return result;
}

/** Whether two parsed lists hold the same resources with equal values. */
export function resourceListsEqual(a: ResourceList, b: ResourceList): boolean {
  const aNames = Object.keys(a);
  if (aNames.length !== Object.keys(b).length) return false;
  return aNames.every((name) => b[name] !== undefined && a[name].cmp(b[name]) === 0);
}
