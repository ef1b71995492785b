// The YAML dialect Kubernetes reads: YAML 1.1 as go-yaml v2 resolves it (sigs.k8s.io/yaml goyaml.v2/resolve.go),
// built as a js-yaml schema so the fast parser does the work. What differs from js-yaml's own YAML11_SCHEMA:
// no sexagesimal numbers (`1:30` stays a string), no timestamps (go-yaml hands them to JSON as strings),
// integers exact up to 64 bits (then `bigint`), `y`/`n` are booleans too, and `<<` merges as go-yaml v2 does.
import { defineMappingTag, defineScalarTag, defineSequenceTag, NOT_RESOLVED, Schema, strTag } from 'js-yaml';
import {
  hasOwn,
  isRawObject,
  noteBigInt,
  recordDuplicate,
  setOwn,
  type RawObject,
  type RawValue,
} from './raw-value';

const BOOLS: Readonly<Record<string, boolean>> = {
  y: true,
  Y: true,
  yes: true,
  Yes: true,
  YES: true,
  true: true,
  True: true,
  TRUE: true,
  on: true,
  On: true,
  ON: true,
  n: false,
  N: false,
  no: false,
  No: false,
  NO: false,
  false: false,
  False: false,
  FALSE: false,
  off: false,
  Off: false,
  OFF: false,
};
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS: Readonly<Record<string, number>> = {
  '.nan': NaN,
  '.NaN': NaN,
  '.NAN': NaN,
  '.inf': Infinity,
  '.Inf': Infinity,
  '.INF': Infinity,
  '+.inf': Infinity,
  '+.Inf': Infinity,
  '+.INF': Infinity,
  '-.inf': -Infinity,
  '-.Inf': -Infinity,
  '-.INF': -Infinity,
};

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const SMALL_DECIMAL = /^-?[1-9][0-9]{0,14}$/;
// go-yaml v2 resolve.go yamlStyleFloat
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const DIGITS: Readonly<Record<number, RegExp>> = {
  2: /^[01]+$/,
  8: /^[0-7]+$/,
  10: /^[0-9]+$/,
  16: /^[0-9a-fA-F]+$/,
};
const PREFIX: Readonly<Record<number, string>> = { 2: '0b', 8: '0o', 10: '', 16: '0x' };

/** Go's strconv.ParseUint(s, 0, 64) without a sign: the value, or why not ('syntax' | 'range'). */
function parseGoUint(s: string): bigint | 'syntax' | 'range' {
  if (s === '') return 'syntax';
  let base = 10;
  let digits = s;
  if (s.charCodeAt(0) === 48 /* 0 */) {
    const second = s.length >= 3 ? s[1]!.toLowerCase() : '';
    if (second === 'b') [base, digits] = [2, s.slice(2)];
    else if (second === 'o') [base, digits] = [8, s.slice(2)];
    else if (second === 'x') [base, digits] = [16, s.slice(2)];
    else [base, digits] = [8, s.slice(1)];
    if (digits === '' && base === 8) return 0n;
  }
  if (!DIGITS[base]!.test(digits)) return 'syntax';
  const value = BigInt(PREFIX[base] + digits);
  return value > UINT64_MAX ? 'range' : value;
}

/** Go's strconv.ParseInt(s, 0, 64). */
function parseGoInt(s: string): bigint | 'syntax' | 'range' {
  const sign = s.charCodeAt(0);
  const negative = sign === 45; /* - */
  const magnitude = parseGoUint(negative || sign === 43 /* + */ ? s.slice(1) : s);
  if (typeof magnitude !== 'bigint') return magnitude;
  const value = negative ? -magnitude : magnitude;
  return value < INT64_MIN || value > INT64_MAX ? 'range' : value;
}

function exactInteger(value: bigint): number | bigint {
  return value >= -MAX_SAFE && value <= MAX_SAFE ? Number(value) : value;
}

/**
 * A plain scalar that starts with a digit, a sign or a dot, resolved as go-yaml v2 resolve() does: an
 * integer (base prefixes 0b, 0o, 0x and a leading 0 for octal, `_` ignored), else a float when it looks like
 * one, else (NOT_RESOLVED) a string. `0777` is 511, `1_000` is 1000, `1e3` the float 1000, `1e400` a string.
 */
export function resolveGoYamlNumber(source: string): number | bigint | typeof NOT_RESOLVED {
  if (SMALL_DECIMAL.test(source)) return Number(source);
  const special = SPECIAL_FLOATS[source];
  if (special !== undefined) return special;
  if (source.charCodeAt(0) === 46 /* . */) {
    if (!DOT_FLOAT.test(source)) return NOT_RESOLVED;
    const value = Number(source);
    return Number.isFinite(value) ? value : NOT_RESOLVED;
  }
  const plain = source.includes('_') ? source.replaceAll('_', '') : source;
  const int = parseGoInt(plain);
  if (typeof int === 'bigint') return exactInteger(int);
  const uint = parseGoUint(plain);
  if (typeof uint === 'bigint') return uint;
  if (YAML_STYLE_FLOAT.test(plain)) {
    const value = Number(plain);
    if (Number.isFinite(value)) return value;
  }
  if (plain.startsWith('0b') || plain.startsWith('-0b')) {
    const negative = plain.startsWith('-');
    const digits = plain.slice(negative ? 3 : 2);
    if (DIGITS[2]!.test(digits)) {
      const value = BigInt(`0b${digits}`) * (negative ? -1n : 1n);
      if (value >= INT64_MIN && value <= UINT64_MAX) return exactInteger(value);
    }
  }
  // Integers beyond 64 bits that do not look like floats (hexadecimal, octal, binary) become big.Int.
  if (uint === 'range') {
    return BigInt(plain.startsWith('0') && /^0[0-7]/.test(plain) ? `0o${plain.slice(1)}` : plain);
  }
  return NOT_RESOLVED;
}

/** Stands for a plain `<<` (go-yaml's merge tag) until the mapping it keys takes it. */
const MERGE_KEY: unique symbol = Symbol('<<');
type Constructed = RawValue | typeof MERGE_KEY;

/** Limits on one document's merges, and values JSON cannot carry; reset by beginDocument(). */
const MAX_MERGED_KEYS = 100_000;
let mergedKeyCount = 0;
let unsupportedValue: string | null = null;
const mergedKeysOf = new WeakMap<RawObject, Set<string>>();

export function beginDocument(): void {
  mergedKeyCount = 0;
  unsupportedValue = null;
}

/** The first value of the document that JSON cannot carry (`.inf`, `.nan`), as Go prints it, or null. */
export function unsupportedValueOfDocument(): string | null {
  return unsupportedValue;
}

/** A value as it goes into a mapping or a sequence. */
function settle(value: Constructed): RawValue {
  if (value === MERGE_KEY) return '<<';
  if (typeof value === 'bigint') noteBigInt();
  if (typeof value === 'number' && !Number.isFinite(value) && unsupportedValue === null) {
    unsupportedValue = Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
  }
  return value;
}

/** The document's root as a RawValue. */
export function settleRoot(value: unknown): RawValue {
  return settle((value === undefined ? null : value) as Constructed);
}

// sigs.k8s.io/yaml yaml.go convertToJSONableObject: keys become strings.
function keyString(key: Constructed): string | { error: string } {
  if (typeof key === 'string') return key;
  if (typeof key === 'boolean') return key ? 'true' : 'false';
  if (typeof key === 'bigint') return key.toString();
  if (typeof key === 'number') {
    if (Number.isNaN(key)) return '.nan';
    if (!Number.isFinite(key)) return key > 0 ? '.inf' : '-.inf';
    return String(key);
  }
  if (key === null) return { error: 'unsupported map key of type: <nil>' };
  if (key === MERGE_KEY) return '<<';
  return { error: 'invalid map key: a mapping or a sequence cannot be a key' };
}

const MERGE_NEEDS_MAPS = 'map merge requires map or sequence of maps as the value';

function mergeFrom(target: RawObject, source: RawObject): string {
  let merged = mergedKeysOf.get(target);
  if (merged === undefined) {
    merged = new Set();
    mergedKeysOf.set(target, merged);
  }
  for (const key of Object.keys(source)) {
    if (++mergedKeyCount > MAX_MERGED_KEYS) return 'document contains excessive aliasing';
    setOwn(target, key, source[key]);
    merged.add(key);
  }
  return '';
}

// go-yaml v2 decode.go merge(): the merged keys are written in order, so a later `<<` overrides keys set
// before it, keys written after it override it, and in `<<: [*a, *b]` the earlier map wins.
function merge(target: RawObject, source: Constructed): string {
  if (isRawObject(source)) return mergeFrom(target, source);
  if (!Array.isArray(source)) return MERGE_NEEDS_MAPS;
  for (let i = source.length - 1; i >= 0; i--) {
    const item = source[i]!;
    if (!isRawObject(item)) return MERGE_NEEDS_MAPS;
    const error = mergeFrom(target, item);
    if (error !== '') return error;
  }
  return '';
}

function addPair(target: RawObject, key: Constructed, value: Constructed): string {
  if (key === MERGE_KEY) return merge(target, value);
  const name = keyString(key);
  if (typeof name !== 'string') return name.error;
  if (hasOwn(target, name)) {
    const merged = mergedKeysOf.get(target);
    if (merged === undefined || !merged.delete(name)) recordDuplicate(target, name);
  }
  setOwn(target, name, settle(value));
  return '';
}

function mappingTag(tagName: string, matchByTagPrefix: boolean) {
  return defineMappingTag<RawObject>(tagName, {
    matchByTagPrefix,
    create: () => ({}),
    addPair: (target, key, value) => addPair(target, key as Constructed, value as Constructed),
    // Duplicates and merges are handled in addPair, so js-yaml must never see a key as present.
    has: () => false,
    keys: (target) => Object.keys(target),
    get: (target, key) => target[key as string] ?? null,
    identify: () => false,
  });
}

function sequenceTag(tagName: string, matchByTagPrefix: boolean) {
  return defineSequenceTag<RawValue[]>(tagName, {
    matchByTagPrefix,
    create: () => [],
    addItem: (items, item) => {
      items.push(settle(item as Constructed));
    },
    identify: () => false,
  });
}

const NUMBER_FIRST_CHARS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '+', '-', '.'];

const nullTag = defineScalarTag<null>('tag:yaml.org,2002:null', {
  implicit: true,
  implicitFirstChars: ['', '~', 'n', 'N'],
  resolve: (source) => (NULLS.has(source) ? null : NOT_RESOLVED),
  identify: (data) => data === null,
});

const boolTag = defineScalarTag<boolean>('tag:yaml.org,2002:bool', {
  implicit: true,
  implicitFirstChars: ['y', 'Y', 'n', 'N', 't', 'T', 'f', 'F', 'o', 'O'],
  resolve: (source) => BOOLS[source] ?? NOT_RESOLVED,
  identify: (data) => typeof data === 'boolean',
});

const intTag = defineScalarTag<number | bigint>('tag:yaml.org,2002:int', {
  implicit: true,
  implicitFirstChars: NUMBER_FIRST_CHARS,
  resolve: (source, isExplicit) => {
    const value = resolveGoYamlNumber(source);
    if (isExplicit && typeof value === 'number' && !Number.isInteger(value)) return NOT_RESOLVED;
    return value;
  },
  identify: () => false,
});

// Only explicit `!!float`: implicit floats are resolved by the int tag, as go-yaml resolves both at once.
const floatTag = defineScalarTag<number>('tag:yaml.org,2002:float', {
  resolve: (source) => {
    const value = resolveGoYamlNumber(source);
    return value === NOT_RESOLVED ? NOT_RESOLVED : Number(value);
  },
  identify: () => false,
});

const mergeKeyTag = defineScalarTag<typeof MERGE_KEY>('tag:podfit.dev,2025:merge-key', {
  implicit: true,
  implicitFirstChars: ['<'],
  resolve: (source) => (source === '<<' ? MERGE_KEY : NOT_RESOLVED),
  identify: () => false,
});

// go-yaml v2 decodes `!!binary` into a string of its bytes, which JSON then carries as UTF-8.
const binaryTag = defineScalarTag<string>('tag:yaml.org,2002:binary', {
  resolve: (source) => {
    try {
      const bytes = Uint8Array.from(atob(source.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
      return new TextDecoder().decode(bytes);
    } catch {
      return NOT_RESOLVED;
    }
  },
  identify: () => false,
});

const timestampTag = defineScalarTag<string>('tag:yaml.org,2002:timestamp', {
  resolve: (source) => source,
  identify: () => false,
});

// go-yaml v2 ignores local tags (`!foo`): the node decodes as it would untagged, plain scalars as strings.
const localScalarTag = defineScalarTag<string>('!', {
  matchByTagPrefix: true,
  resolve: (source) => source,
  identify: () => false,
});

/** Kubernetes' YAML: go-yaml v2's YAML 1.1 resolution, for js-yaml. */
export const KUBERNETES_YAML_SCHEMA = new Schema([
  strTag,
  sequenceTag('tag:yaml.org,2002:seq', false),
  mappingTag('tag:yaml.org,2002:map', false),
  nullTag,
  boolTag,
  intTag,
  floatTag,
  mergeKeyTag,
  binaryTag,
  timestampTag,
  localScalarTag,
  sequenceTag('!', true),
  mappingTag('!', true),
]);
