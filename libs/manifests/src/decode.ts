// A parsed document -> API types, as the API server decodes JSON (sigs.k8s.io/json, strict mode): a value of
// the wrong type is an error that names the Go struct field and type, a quantity goes through Quantity's
// UnmarshalJSON (whitespace trimmed, null is zero), and fields outside the tables are reported as unknown.
import { type Problem, Quantity, QuantityParseError } from '@podfit/scheduling';
import { goTypeOf, type FieldType, type StructType } from './api-schema';
import { goJson, goQuote, goTrimSpace } from './go-format';
import { childPath, indexPath } from './json-path';
import {
  duplicateKeysOf,
  hasOwn,
  isRawObject,
  jsonKind,
  setOwn,
  withoutBigInts,
  type RawValue,
} from './raw-value';

export interface DecodeResult<T> {
  /** undefined when the value itself could not be decoded. */
  readonly value: T | undefined;
  /** What the API server's decoder would reject: wrong types, invalid quantities. */
  readonly errors: Problem[];
  /** Paths of fields the tables do not know. */
  readonly unknownFields: string[];
}

interface Context {
  readonly errors: Problem[];
  readonly unknownFields: string[];
  readonly fromYaml: boolean;
  /** Whether the document holds `bigint`s, which opaque values must not pass on (JSON.stringify throws). */
  readonly hasBigInts: boolean;
}

const INT_RANGE = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
} as const;

const YAML_BOOLEAN_HINT =
  ' (YAML 1.1 reads an unquoted yes, no, on, off, y, n, true or false as a boolean: quote the value)';
const YAML_NUMBER_HINT = ' (YAML reads an unquoted number as a number: quote the value)';

function typeError(
  ctx: Context,
  path: string,
  where: Where,
  shown: string,
  type: FieldType,
  hint = '',
): undefined {
  const field = where.goPath === '' ? 'Go value' : `Go struct field ${where.struct}.${where.goPath}`;
  ctx.errors.push({
    path,
    message: `cannot unmarshal ${shown} into ${field} of type ${goTypeOf(type)}${hint}`,
  });
  return undefined;
}

/** Where a value sits, as encoding/json names it: the innermost struct and the field names from the root. */
interface Where {
  readonly struct: string;
  readonly goPath: string;
}

function decodeInt(
  ctx: Context,
  value: RawValue,
  type: FieldType & { kind: 'int' },
  path: string,
  where: Where,
) {
  if (typeof value === 'number') {
    // The JSON text Go decodes is the number as its encoder prints it: `1e+21`, `1.5` are not integers.
    const [min, max] = INT_RANGE[type.goType];
    if (Number.isInteger(value) && Math.abs(value) < 1e21 && value >= Number(min) && value <= Number(max)) {
      return value;
    }
    return typeError(ctx, path, where, `number ${String(value)}`, type);
  }
  if (typeof value === 'bigint') {
    if (type.goType === 'int64' && value >= INT_RANGE.int64[0] && value <= INT_RANGE.int64[1]) {
      return Number(value);
    }
    return typeError(ctx, path, where, `number ${value}`, type);
  }
  return typeError(ctx, path, where, jsonKind(value), type);
}

// k8s.io/apimachinery/pkg/api/resource quantity.go Quantity.UnmarshalJSON: null is zero, a string's quotes
// are dropped and the rest trimmed with strings.TrimSpace, any other JSON text is parsed as written.
function decodeQuantity(ctx: Context, value: RawValue, path: string): Quantity | undefined {
  if (value === null) return Quantity.zero();
  const text = typeof value === 'string' ? goTrimSpace(value) : goJson(value);
  try {
    return Quantity.parse(text);
  } catch (error) {
    if (!(error instanceof QuantityParseError)) throw error;
    const shown = typeof value === 'string' ? goQuote(value) : goJson(value, 60);
    ctx.errors.push({ path, message: `invalid quantity ${shown}: ${error.message}` });
    return undefined;
  }
}

function zeroOf(type: FieldType): unknown {
  switch (type.kind) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'int':
      return 0;
    case 'quantity':
      return Quantity.zero();
    case 'struct':
      return {};
    default:
      return undefined;
  }
}

function decodeValue(ctx: Context, value: RawValue, type: FieldType, path: string, where: Where): unknown {
  switch (type.kind) {
    case 'string':
      if (typeof value === 'string') return value;
      return typeError(
        ctx,
        path,
        where,
        jsonKind(value),
        type,
        !ctx.fromYaml
          ? ''
          : typeof value === 'boolean'
            ? YAML_BOOLEAN_HINT
            : typeof value === 'number' || typeof value === 'bigint'
              ? YAML_NUMBER_HINT
              : '',
      );
    case 'bool':
      return typeof value === 'boolean' ? value : typeError(ctx, path, where, jsonKind(value), type);
    case 'int':
      return decodeInt(ctx, value, type, path, where);
    case 'quantity':
      return decodeQuantity(ctx, value, path);
    case 'opaque':
      if (!isRawObject(value)) return typeError(ctx, path, where, jsonKind(value), type);
      return ctx.hasBigInts ? withoutBigInts(value) : value;
    case 'slice': {
      if (!Array.isArray(value)) return typeError(ctx, path, where, jsonKind(value), type);
      const items: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const item = value[i]!;
        const decoded =
          item === null ? zeroOf(type.elem) : decodeValue(ctx, item, type.elem, indexPath(path, i), where);
        if (decoded !== undefined) items.push(decoded);
      }
      return items;
    }
    case 'map': {
      if (!isRawObject(value)) return typeError(ctx, path, where, jsonKind(value), type);
      const map: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const entry = value[key]!;
        const decoded =
          entry === null && type.elem.kind !== 'quantity'
            ? zeroOf(type.elem)
            : decodeValue(ctx, entry, type.elem, childPath(path, key), where);
        if (decoded !== undefined) setOwn(map, key, decoded);
      }
      return map;
    }
    case 'struct':
      if (!isRawObject(value)) return typeError(ctx, path, where, jsonKind(value), type);
      return decodeStruct(ctx, value, type.struct, path, where.goPath);
  }
}

function decodeStruct(
  ctx: Context,
  value: Record<string, RawValue>,
  struct: StructType,
  path: string,
  goPath: string,
) {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = hasOwn(struct.fields, key) ? struct.fields[key] : undefined;
    if (field === undefined) {
      if (struct.closed) ctx.unknownFields.push(childPath(path, key));
      continue;
    }
    const raw = value[key]!;
    if (raw === null) continue;
    const where = { struct: struct.name, goPath: goPath === '' ? key : `${goPath}.${key}` };
    const decoded = decodeValue(ctx, raw, field, childPath(path, key), where);
    if (decoded !== undefined) out[key] = decoded;
  }
  return out;
}

export interface DecodeOptions {
  /** The text was YAML: a boolean or number where a string belongs gets a hint about YAML 1.1. */
  readonly fromYaml: boolean;
  readonly hasBigInts?: boolean;
}

/**
 * Decodes `value` (an object) as `struct`. Paths in problems start at `path` (the document root is '', a List
 * item `items[3]`); Go's field names in messages start at the object.
 */
export function decodeObject<T>(
  value: RawValue,
  struct: StructType,
  path: string,
  options: DecodeOptions,
): DecodeResult<T> {
  const ctx: Context = {
    errors: [],
    unknownFields: [],
    fromYaml: options.fromYaml,
    hasBigInts: options.hasBigInts ?? false,
  };
  const decoded = decodeValue(ctx, value, { kind: 'struct', struct }, path, {
    struct: struct.name,
    goPath: '',
  });
  return { value: decoded as T | undefined, errors: ctx.errors, unknownFields: ctx.unknownFields };
}

/** Paths of keys that appeared twice in a mapping anywhere under `root` (each shared subtree looked at once). */
export function duplicateFieldPaths(root: RawValue, path: string): string[] {
  const found: string[] = [];
  const seen = new Set<object>();
  const stack: Array<[RawValue, string]> = [[root, path]];
  while (stack.length > 0) {
    const [value, at] = stack.pop()!;
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i]!, indexPath(at, i)]);
      continue;
    }
    for (const key of duplicateKeysOf(value) ?? []) found.push(childPath(at, key));
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) stack.push([value[keys[i]!]!, childPath(at, keys[i]!)]);
  }
  return found;
}
