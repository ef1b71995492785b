import { hasExcessiveAliasing } from './alias-expansion';
import { type RawValue } from './raw-value';

/** The kubernetes#83253 bomb as js-yaml builds it: nine levels of nine references to the level below. */
function nineByNine(): RawValue {
  let level: RawValue = Array.from({ length: 9 }, () => 'web');
  const data: Record<string, RawValue> = { a: level };
  for (const name of 'bcdefghi') {
    const below: RawValue = level;
    level = Array.from({ length: 9 }, () => below);
    data[name] = level;
  }
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'yaml-bomb' }, data };
}

/** 60 aliases: each level holds the level below twice, 2^30 nodes once expanded. */
function doubling(levels: number): RawValue {
  let level: RawValue = ['x', 'x'];
  const data: Record<string, RawValue> = { a0: level };
  for (let i = 1; i <= levels; i++) {
    const below: RawValue = level;
    level = [below, below];
    data[`a${i}`] = level;
  }
  return { data };
}

describe('hasExcessiveAliasing (go-yaml v2 decode.go alias ratio)', () => {
  // The third argument is the test's timeout: an expansion that is walked instead of cut short never ends.
  it('rejects the 9x9 ConfigMap bomb of kubernetes#83253', () => {
    expect(hasExcessiveAliasing(nineByNine())).toBe(true);
  }, 1000);

  it('rejects a doubling bomb of 60 aliases: the expansion is counted, not the aliases', () => {
    expect(hasExcessiveAliasing(doubling(30))).toBe(true);
  }, 1000);

  it('accepts many aliases that expand to little', () => {
    const shared = { cpu: '100m' };
    const containers = Array.from({ length: 300 }, (_, i) => ({
      name: `c${i}`,
      image: 'x',
      resources: { requests: shared },
    }));
    expect(hasExcessiveAliasing({ spec: { containers } })).toBe(false);
  });

  it('accepts a small document that is mostly aliases (under 1000 decodes)', () => {
    expect(hasExcessiveAliasing(doubling(8))).toBe(false);
  });

  it('accepts a document without aliases, however large', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({ name: `n${i}`, labels: { a: 'b' } }));
    expect(hasExcessiveAliasing({ items })).toBe(false);
  });
});
