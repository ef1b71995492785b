import fc from 'fast-check';
import { constructFromEvents, NOT_RESOLVED, parseEvents } from 'js-yaml';
import { duplicateKeysOf, type RawObject, type RawValue } from './raw-value';
import {
  beginDocument,
  KUBERNETES_YAML_SCHEMA,
  resolveGoYamlNumber,
  settleRoot,
  unsupportedValueOfDocument,
} from './yaml-dialect';

function load(text: string): RawValue {
  beginDocument();
  const events = parseEvents(text, { maxDepth: 100 });
  return settleRoot(constructFromEvents(events, { source: text, schema: KUBERNETES_YAML_SCHEMA })[0]);
}

// Cases from unmarshalTests (decoding into interface{}), sigs.k8s.io/yaml goyaml.v2/decode_test.go: the
// go-yaml v2 fork Kubernetes reads YAML with. The case name is the test's YAML.
const goYamlCases: Array<{ name: string; want: RawValue }> = [
  { name: 'v: hi', want: { v: 'hi' } },
  { name: 'v: true', want: { v: true } },
  { name: 'v: 10', want: { v: 10 } },
  { name: 'v: 0b10', want: { v: 2 } },
  { name: 'v: 0xA', want: { v: 10 } },
  { name: 'v: 4294967296', want: { v: 4294967296 } },
  { name: 'v: 0.1', want: { v: 0.1 } },
  { name: 'v: .1', want: { v: 0.1 } },
  { name: 'v: -10', want: { v: -10 } },
  { name: 'v: -.1', want: { v: -0.1 } },
  { name: 'canonical: 6.8523e+5', want: { canonical: 6.8523e5 } },
  { name: 'expo: 685.230_15e+03', want: { expo: 685.23015e3 } },
  { name: 'fixed: 685_230.15', want: { fixed: 685230.15 } },
  { name: 'canonical: y', want: { canonical: true } },
  { name: 'answer: NO', want: { answer: false } },
  { name: 'logical: True', want: { logical: true } },
  { name: 'option: on', want: { option: true } },
  { name: 'canonical: 685230', want: { canonical: 685230 } },
  { name: 'decimal: +685_230', want: { decimal: 685230 } },
  { name: 'octal: 02472256', want: { octal: 685230 } },
  { name: 'hexa: 0x_0A_74_AE', want: { hexa: 685230 } },
  { name: 'bin: 0b1010_0111_0100_1010_1110', want: { bin: 685230 } },
  { name: 'bin: -0b101010', want: { bin: -42 } },
  {
    name: 'bin: -0b1000000000000000000000000000000000000000000000000000000000000000',
    want: { bin: -(2n ** 63n) },
  },
  { name: 'empty:', want: { empty: null } },
  { name: 'canonical: ~', want: { canonical: null } },
  { name: 'english: null', want: { english: null } },
  { name: 'seq: [A,B]', want: { seq: ['A', 'B'] } },
  { name: 'seq: [A,1,C]', want: { seq: ['A', 1, 'C'] } },
  { name: 'a: {b: c}', want: { a: { b: 'c' } } },
  { name: 'int64_max: 9223372036854775807', want: { int64_max: 2n ** 63n - 1n } },
  { name: 'int64_min: -9223372036854775808', want: { int64_min: -(2n ** 63n) } },
  { name: 'uint64_max: 18446744073709551615', want: { uint64_max: 2n ** 64n - 1n } },
  {
    name: 'float64_maxuint64+1: 18446744073709551616',
    want: { 'float64_maxuint64+1': 18446744073709551616 },
  },
  { name: "v: !!float '1.1'", want: { v: 1.1 } },
  { name: 'v: !!float -1', want: { v: -1 } },
  { name: "v: !!null ''", want: { v: null } },
  { name: 'v: ! test', want: { v: 'test' } },
  { name: 'a: -b_c', want: { a: '-b_c' } },
  { name: 'a: +b_c', want: { a: '+b_c' } },
  { name: 'a: 50cent_of_dollar', want: { a: '50cent_of_dollar' } },
  { name: 'a: 1:1', want: { a: '1:1' } },
  { name: 'a: !!binary gIGC', want: { a: '\ufffd\ufffd\ufffd' } },
  { name: 'a: 2015-01-01', want: { a: '2015-01-01' } },
  { name: 'a: !!str 2015-01-01', want: { a: '2015-01-01' } },
  { name: 'a: 123456e1', want: { a: 1234560 } },
];

describe('Kubernetes YAML dialect (go-yaml v2)', () => {
  it.each(goYamlCases)('$name', ({ name, want }) => {
    expect(load(name)).toEqual(want);
  });

  it.each([
    { name: 'memory: 1e3 is the float 1000', text: 'memory: 1e3', want: { memory: 1000 } },
    { name: '"1e3" stays a string', text: 'memory: "1e3"', want: { memory: '1e3' } },
    { name: 'cpu: 0.5 is a float', text: 'cpu: 0.5', want: { cpu: 0.5 } },
    { name: '0777 is octal', text: 'mode: 0777', want: { mode: 511 } },
    { name: '0x10 is hexadecimal', text: 'v: 0x10', want: { v: 16 } },
    { name: '1_000 drops the underscore', text: 'v: 1_000', want: { v: 1000 } },
    { name: '09 is not octal, so a float', text: 'v: 09', want: { v: 9 } },
    {
      name: 'integers beyond 2^53 stay exact',
      text: 'memory: 9007199254740993',
      want: { memory: 9007199254740993n },
    },
    { name: 'an overflowing float stays a string', text: 'v: 1e400', want: { v: '1e400' } },
    {
      name: 'a big hexadecimal integer is a big integer',
      text: 'v: 0xFFFFFFFFFFFFFFFFFF',
      want: { v: 0xffffffffffffffffffn },
    },
    {
      name: 'yes, no, on, off are booleans',
      text: '{a: yes, b: no, c: on, d: off, e: Y, f: n}',
      want: { a: true, b: false, c: true, d: false, e: true, f: false },
    },
    { name: 'a boolean key becomes a string', text: 'y: 1\ntrue: 2\n3: x', want: { true: 2, 3: 'x' } },
    { name: 'a local tag is ignored', text: 'a: !foo 12\nb: !bar {c: d}', want: { a: '12', b: { c: 'd' } } },
    { name: 'a plain << as a value is a string', text: 'a: <<\nb: [<<]', want: { a: '<<', b: ['<<'] } },
  ])('$name', ({ text, want }) => {
    expect(load(text)).toEqual(want);
  });

  it('reads the keys y and n as booleans, as go-yaml v2 does', () => {
    expect(load('y: 1\nn: 2')).toEqual({ true: 1, false: 2 });
  });

  it('reads `1:30`, which js-yaml YAML 1.1 would make 90, as a string', () => {
    expect(load('ports: 1:30')).toEqual({ ports: '1:30' });
  });

  describe('merges, as go-yaml v2 decode.go merge() applies them', () => {
    it.each([
      {
        name: 'keys after << override it',
        text: 'base: &b {x: 1, q: 2}\nm: {<<: *b, q: 3}',
        want: { x: 1, q: 3 },
      },
      {
        name: 'a later << overrides keys before it',
        text: 'base: &b {x: 1, q: 2}\nm: {q: 0, <<: *b}',
        want: { q: 2, x: 1 },
      },
      {
        name: 'in a list of maps the earlier one wins',
        text: 'm: {<<: [{z: 1}, {z: 2, w: 2}]}',
        want: { z: 1, w: 2 },
      },
    ])('$name', ({ text, want }) => {
      expect((load(text) as RawObject)['m']).toEqual(want);
    });

    it('does not call a key that overrides a merged one a duplicate', () => {
      const doc = load('base: &b {x: 1}\nm: {<<: *b, x: 2}') as RawObject;
      expect(duplicateKeysOf(doc['m'] as RawObject)).toBeUndefined();
    });

    it('rejects a merge of something that is not a map', () => {
      expect(() => load('m: {<<: 1}')).toThrow('map merge requires map or sequence of maps as the value');
    });
  });

  it('keeps the later value of a duplicate key and records the key', () => {
    const doc = load('a: 1\nb: 2\na: 3') as RawObject;
    expect(doc).toEqual({ a: 3, b: 2 });
    expect(duplicateKeysOf(doc)).toEqual(['a']);
  });

  it('rejects a key JSON cannot carry', () => {
    expect(() => load('~: null key')).toThrow('unsupported map key of type: <nil>');
    expect(() => load('? [a]\n: b')).toThrow('invalid map key: a mapping or a sequence cannot be a key');
  });

  it('keeps __proto__ as an ordinary key', () => {
    const doc = load('__proto__: {polluted: true}') as RawObject;
    expect(Object.keys(doc)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('notes .inf and .nan, which JSON cannot carry', () => {
    load('a: .inf');
    expect(unsupportedValueOfDocument()).toBe('+Inf');
    load('a: [-.Inf]');
    expect(unsupportedValueOfDocument()).toBe('-Inf');
    load('a: .nan');
    expect(unsupportedValueOfDocument()).toBe('NaN');
    load('a: 1');
    expect(unsupportedValueOfDocument()).toBeNull();
  });
});

describe('resolveGoYamlNumber', () => {
  it('reads any integer within 53 bits as a number, exactly', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(resolveGoYamlNumber(String(n))).toBe(n);
      }),
    );
  });

  it('keeps any 64-bit integer exact', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }), (n) => {
        expect(BigInt(resolveGoYamlNumber(n.toString()) as number | bigint)).toBe(n);
      }),
    );
  });

  it('reads what a double prints back as that double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = String(x).replace('e+', 'e');
        const value = resolveGoYamlNumber(text);
        if (!text.includes('e') && /^-?[0-9]+$/.test(text) && !Number.isSafeInteger(x)) return;
        expect(Number(value)).toBe(x === 0 ? 0 : x);
      }),
    );
  });

  it('leaves what is not a number to the string tag', () => {
    for (const text of ['12x', '1.2.3', '-', '+', '.', '0x', '0b2', '1e', '--1', '0xG']) {
      expect(resolveGoYamlNumber(text)).toBe(NOT_RESOLVED);
    }
  });
});
