// Alias bombs: js-yaml builds aliases as shared references, so a bomb loads in microseconds and explodes only
// when something walks or serialises it. go-yaml v2 bounds the *expansion*, not the number of aliases
// (decode.go unmarshal, the fix for CVE-2019-11253, kubernetes#83253): past 1000 decoded nodes of which more
// than 100 came through aliases, the share of alias-driven decodes may not exceed 99%, falling to 10% between
// 400,000 and 4,000,000 decodes. This walks a parsed document the way go-yaml decodes it and applies that rule.
import { type RawValue } from './raw-value';

export const EXCESSIVE_ALIASING = 'document contains excessive aliasing';

const RATIO_RANGE_LOW = 400_000;
const RATIO_RANGE_HIGH = 4_000_000;

// go-yaml v2 decode.go allowedAliasRatio
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= RATIO_RANGE_LOW) return 0.99;
  if (decodeCount >= RATIO_RANGE_HIGH) return 0.1;
  return 0.99 - (0.89 * (decodeCount - RATIO_RANGE_LOW)) / (RATIO_RANGE_HIGH - RATIO_RANGE_LOW);
}

/**
 * Whether decoding `root` would expand aliases excessively. A mapping or sequence met a second time is an
 * alias: it and everything under it count as alias-driven decodes, as go-yaml counts them. Iterative, and it
 * stops as soon as the rule trips, so a bomb costs a few thousand steps.
 */
export function hasExcessiveAliasing(root: RawValue): boolean {
  let decodeCount = 0;
  let aliasCount = 0;
  const seen = new Set<object>();
  const values: RawValue[] = [root];
  const viaAlias: boolean[] = [false];
  const count = (alias: boolean): boolean => {
    decodeCount++;
    if (alias) aliasCount++;
    return (
      aliasCount > 100 && decodeCount > 1000 && aliasCount / decodeCount > allowedAliasRatio(decodeCount)
    );
  };
  while (values.length > 0) {
    const value = values.pop()!;
    let alias = viaAlias.pop()!;
    if (value === null || typeof value !== 'object') {
      if (count(alias)) return true;
      continue;
    }
    if (!alias) {
      if (seen.has(value)) {
        // The alias node itself is decoded outside the alias, then its target inside it.
        if (count(false)) return true;
        alias = true;
      } else {
        seen.add(value);
      }
    }
    if (count(alias)) return true;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        values.push(value[i]!);
        viaAlias.push(alias);
      }
    } else {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        if (count(alias)) return true;
        values.push(value[keys[i]!]!);
        viaAlias.push(alias);
      }
    }
  }
  return false;
}
