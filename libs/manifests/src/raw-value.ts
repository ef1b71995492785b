// A document as parsed, before it is decoded into API types: JSON's values, plus `bigint` for integers that a
// double would round (YAML and JSON integers up to 64 bits stay exact, as in sigs.k8s.io/yaml).

export type RawValue = null | boolean | number | bigint | string | RawValue[] | RawObject;
export interface RawObject {
  [key: string]: RawValue;
}

/** Keys that appeared twice in a mapping, by mapping, recorded by both parsers (the later value wins). */
const duplicates = new WeakMap<RawObject, string[]>();
let recorded = 0;

/** How many duplicates were recorded so far: parsers compare it before and after a document. */
export function duplicatesRecorded(): number {
  return recorded;
}

export function recordDuplicate(object: RawObject, key: string): void {
  recorded++;
  const keys = duplicates.get(object);
  if (keys === undefined) duplicates.set(object, [key]);
  else if (!keys.includes(key)) keys.push(key);
}

export function duplicateKeysOf(object: RawObject): readonly string[] | undefined {
  return duplicates.get(object);
}

export function isRawObject(value: unknown): value is RawObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

let bigIntsMade = 0;

/** Counts integers kept as `bigint`: parsers call it, and compare counts before and after a document. */
export function noteBigInt(): void {
  bigIntsMade++;
}

export function bigIntsNoted(): number {
  return bigIntsMade;
}

/** `value` with every `bigint` turned into the nearest number, so that it can go through JSON.stringify. */
export function withoutBigInts(value: RawValue): RawValue {
  if (typeof value === 'bigint') return Number(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(withoutBigInts);
  const out: RawObject = {};
  for (const key of Object.keys(value)) setOwn(out, key, withoutBigInts(value[key]!));
  return out;
}

/** Sets an own property, `__proto__` included. */
export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, enumerable: true, configurable: true, writable: true });
  } else {
    object[key] = value;
  }
}

export function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** What Go's encoding/json calls a value's kind in `cannot unmarshal <kind> into …`. */
export function jsonKind(value: RawValue): 'string' | 'bool' | 'number' | 'object' | 'array' | 'null' {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number' || typeof value === 'bigint') return 'number';
  return Array.isArray(value) ? 'array' : 'object';
}
