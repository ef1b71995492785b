import fc from 'fast-check';
import { goJson, goQuote, goTrimSpace } from './go-format';

describe('goJson (encoding/json Marshal)', () => {
  it.each([
    {
      name: 'map keys sorted',
      value: { b: 1, a: { d: true, c: null } },
      want: '{"a":{"c":null,"d":true},"b":1}',
    },
    { name: 'HTML characters escaped', value: { s: '<a & b>' }, want: '{"s":"\\u003ca \\u0026 b\\u003e"}' },
    { name: 'control characters escaped', value: ['\n\t\u0001\u2028'], want: '["\\n\\t\\u0001\\u2028"]' },
    { name: 'big integers exact', value: { m: 9007199254740993n }, want: '{"m":9007199254740993}' },
    { name: 'floats as Go prints them', value: [1e21, 0.5, 1e-7], want: '[1e+21,0.5,1e-7]' },
  ])('$name', ({ value, want }) => {
    expect(goJson(value)).toBe(want);
  });

  it('cuts the text after the limit, without walking the rest', () => {
    let deep: unknown = 'end';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(goJson(deep, 60)).toBe('['.repeat(60));
    expect(goJson({ apiVersion: 'v1', metadata: { name: 'x'.repeat(100) } }, 60)).toBe(
      `{"apiVersion":"v1","metadata":{"name":"${'x'.repeat(21)}`,
    );
  });

  it('agrees with JSON.stringify on sorted plain data without HTML characters', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const sorted = (v: unknown): unknown =>
          Array.isArray(v)
            ? v.map(sorted)
            : v !== null && typeof v === 'object'
              ? Object.fromEntries(
                  Object.keys(v)
                    .sort()
                    .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
                )
              : v;
        const json = JSON.stringify(sorted(value));
        // (JavaScript objects put integer-like keys first, whatever order they were sorted in.)
        fc.pre(!/[<>&\u2028\u2029]|\\[bf]|-0|e\+|e-|"(0|[1-9][0-9]*)":/.test(json));
        expect(goJson(value)).toBe(json);
      }),
    );
  });
});

describe('goQuote (strconv.Quote, %q)', () => {
  it.each([
    { s: '12x', want: '"12x"' },
    { s: 'say "hi"\n', want: '"say \\"hi\\"\\n"' },
    { s: '\u0007\u007f', want: '"\\a\\x7f"' },
    { s: 'ñoño 🟔', want: '"ñoño 🟔"' },
  ])('$s', ({ s, want }) => {
    expect(goQuote(s)).toBe(want);
  });
});

describe('goTrimSpace (strings.TrimSpace)', () => {
  it('trims what unicode.IsSpace calls space, not a byte-order mark', () => {
    expect(goTrimSpace(' \t 1 \r\n')).toBe('1');
    expect(goTrimSpace('\u00851\u00a0')).toBe('1');
    expect(goTrimSpace('\ufeff1')).toBe('\ufeff1');
  });
});
