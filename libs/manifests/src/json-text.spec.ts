import fc from 'fast-check';
import { jsonListItemOffsets, jsonNestingExceededAt, JsonSyntaxError, parseJsonStream } from './json-text';
import { duplicateKeysOf, type RawObject } from './raw-value';

const parse = (text: string) => parseJsonStream(text, 100, 'nesting too deep');

function syntaxError(text: string): { message: string; offset: number } {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { message: error.message, offset: error.offset };
    throw error;
  }
  throw new Error(`${text} parsed`);
}

describe('parseJsonStream', () => {
  // Messages as encoding/json's scanner (scanner.go) words them.
  it.each([
    { text: '{"a":', message: 'unexpected end of JSON input', offset: 5 },
    { text: '{"a" 1}', message: "invalid character '1' after object key", offset: 5 },
    {
      text: '{"a":1,}',
      message: "invalid character '}' looking for beginning of object key string",
      offset: 7,
    },
    { text: '[1,]', message: "invalid character ']' looking for beginning of value", offset: 3 },
    { text: '{"a":x}', message: "invalid character 'x' looking for beginning of value", offset: 5 },
    { text: '{"a":tru}', message: "invalid character '}' in literal true (expecting 'e')", offset: 8 },
    { text: '{"a":1e}', message: "invalid character '}' in exponent of numeric literal", offset: 7 },
    { text: '{"a":-}', message: "invalid character '}' in numeric literal", offset: 6 },
    { text: '{"a":1.}', message: "invalid character '}' after decimal point in numeric literal", offset: 7 },
    { text: '{"a":"\u0001"}', message: "invalid character '\\x01' in string literal", offset: 6 },
    { text: '{"a":"\\q"}', message: "invalid character 'q' in string escape code", offset: 7 },
    {
      text: '{"a":"\\u12x4"}',
      message: "invalid character 'x' in \\u hexadecimal character escape",
      offset: 10,
    },
    { text: '{"a":1 "b":2}', message: `invalid character '"' after object key:value pair`, offset: 7 },
    { text: '[1 2]', message: "invalid character '2' after array element", offset: 3 },
    { text: '\u0000{}', message: "invalid character '\\x00' looking for beginning of value", offset: 0 },
    {
      text: "{'a':1}",
      message: "invalid character '\\'' looking for beginning of object key string",
      offset: 1,
    },
  ])('$text: $message', ({ text, message, offset }) => {
    expect(syntaxError(text)).toEqual({ message, offset });
  });

  it('reads a stream of values, each with its offset', () => {
    expect(parse('{"a":1}{"b":2}\n\n  [3]')).toEqual([
      { value: { a: 1 }, offset: 0 },
      { value: { b: 2 }, offset: 7 },
      { value: [3], offset: 18 },
    ]);
  });

  it('keeps integers exact up to 64 bits, as apimachinery util/json does; other numbers are doubles', () => {
    expect(
      parse('{"a":9007199254740993,"b":-9223372036854775808,"c":99999999999999999999,"d":1e3,"e":0.5}')[0]!
        .value,
    ).toEqual({
      a: 9007199254740993n,
      b: -(2n ** 63n),
      c: 1e20,
      d: 1000,
      e: 0.5,
    });
  });

  it('records a duplicate key, the later value winning', () => {
    const [doc] = parse('{"a":1,"a":2}');
    expect(doc!.value).toEqual({ a: 2 });
    expect(duplicateKeysOf(doc!.value as RawObject)).toEqual(['a']);
  });

  it('stops at the nesting limit', () => {
    expect(
      syntaxError('[[[[1]]]]'.replace('[[[[', '['.repeat(101)).replace(']]]]', ']'.repeat(101))),
    ).toEqual({
      message: 'nesting too deep',
      offset: 100,
    });
  });

  it('reads what JSON.parse reads, and the same way', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = JSON.stringify(value);
        fc.pre(!/[0-9]{16}/.test(text)); // integers a double would round are the case JSON.parse gets wrong
        expect(parse(text)[0]!.value).toEqual(JSON.parse(text));
      }),
    );
  });
});

describe('jsonNestingExceededAt', () => {
  it('finds where brackets nest too deep, ignoring brackets in strings', () => {
    expect(jsonNestingExceededAt('[[["[[[[\\"[["]]]', 3)).toBe(-1);
    expect(jsonNestingExceededAt('{"":{"":{"":{"":', 3)).toBe(12);
    expect(jsonNestingExceededAt('['.repeat(10_000), 500)).toBe(500);
  });
});

describe('jsonListItemOffsets', () => {
  it('finds the items of the top-level items list, not of a nested one', () => {
    const text = '{"kind":"List","metadata":{"items":[1]},"items":[ {"a":"]"},\n {"items":[9]} ]}';
    expect(jsonListItemOffsets(text, 0)).toEqual([text.indexOf('{"a"'), text.indexOf('{"items":[9]')]);
  });

  it('finds nothing in an empty list', () => {
    expect(jsonListItemOffsets('{"items":[ ]}', 0)).toEqual([]);
  });
});
