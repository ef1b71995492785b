import {
  duplicateKeysOf,
  jsonKind,
  recordDuplicate,
  setOwn,
  withoutBigInts,
  type RawObject,
} from './raw-value';

describe('raw values', () => {
  it('names kinds as encoding/json does in `cannot unmarshal <kind>`', () => {
    expect([
      jsonKind('a'),
      jsonKind(true),
      jsonKind(1),
      jsonKind(1n),
      jsonKind({}),
      jsonKind([]),
      jsonKind(null),
    ]).toEqual(['string', 'bool', 'number', 'number', 'object', 'array', 'null']);
  });

  it('sets __proto__ as an own key, not the prototype', () => {
    const object: Record<string, unknown> = {};
    setOwn(object, '__proto__', { polluted: true });
    expect(Object.keys(object)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
  });

  it('records each duplicate key once', () => {
    const object: RawObject = {};
    recordDuplicate(object, 'a');
    recordDuplicate(object, 'a');
    recordDuplicate(object, 'b');
    expect(duplicateKeysOf(object)).toEqual(['a', 'b']);
    expect(duplicateKeysOf({})).toBeUndefined();
  });

  it('turns big integers into numbers so JSON.stringify can print them', () => {
    expect(withoutBigInts({ a: [9007199254740993n, 'x'], b: { c: -5n } })).toEqual({
      a: [9007199254740992, 'x'],
      b: { c: -5 },
    });
  });
});
